//! The test controls of Socket Mode (`RunningEmulator::socket_*`): what a
//! real link does to a client — refresh, warn, disable, reset, refuse, go
//! silent — on demand.

use std::sync::atomic::Ordering;
use std::time::Duration;

use serde_json::Value;

use super::{Hub, Out, envelope};

impl Hub {
    pub fn disconnect(&self, reason: &str) {
        let close_after = match reason {
            "refresh_requested" | "too_many_websockets" => Some(self.opts.refresh_close_after),
            "warning" => Some(self.opts.warning_close_after),
            "link_disabled" => Some(Duration::ZERO),
            _ => None,
        };
        let mut st = self.lock();
        if reason == "link_disabled" {
            st.link_disabled = true;
        }
        let text = envelope::disconnect(reason);
        for c in &mut st.conns {
            let _ = c.tx.send(Out::Text(text.clone()));
            if let Some(after) = close_after {
                let _ = c.tx.send(Out::CloseIn(after));
                c.closing = true;
            }
        }
    }

    pub fn kill(&self) {
        let mut st = self.lock();
        let conns = std::mem::take(&mut st.conns);
        for c in &conns {
            c.handle.cut();
            let _ = c.tx.send(Out::Cut);
        }
        for c in &conns {
            self.requeue_from(&mut st, c.id);
        }
    }

    pub fn refuse(&self, refuse: bool) {
        self.lock().refuse = refuse;
    }

    pub fn silence(&self, silent: bool) {
        let mut st = self.lock();
        for c in &st.conns {
            c.silent.store(silent, Ordering::SeqCst);
            c.handle.mute(silent);
        }
        if !silent {
            self.flush_waiting(&mut st);
        }
        drop(st);
        self.wake.notify_one();
    }

    pub fn connections(&self) -> usize {
        self.lock().conns.len()
    }

    pub fn opened_total(&self) -> usize {
        self.lock().opened_total
    }

    /// Sent and not acked, or waiting for a socket.
    pub fn unacked(&self) -> usize {
        let st = self.lock();
        st.inflight.len() + st.waiting.len()
    }

    pub fn emitted(&self) -> Vec<Value> {
        self.lock().emitted.iter().cloned().collect()
    }
}
