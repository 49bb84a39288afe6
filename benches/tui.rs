//! `cargo bench --bench tui [-- frame filter memory]`: the TUI at scale.
//!
//! - `frame`: one frame of the Invites pane at 120x40 with 100,000 invites
//!   loaded (target < 1 ms), plus the other panes for reference.
//! - `filter`: one filter keystroke over 100,000 invites (target < 5 ms):
//!   typing a word letter by letter, and deleting it again.
//! - `memory`: the real loop (`run_loop`, with a 120x40 `TestBackend`) over
//!   the real client against `connect-triage emulator --generate
//!   invites=100000,requests=10000,teams=2000,channels=20000 --rate-limits
//!   off` run as a separate process; once everything has loaded, this
//!   process's VmHWM and VmRSS (the emulator's memory is not in it). The
//!   client does not pace here (the emulator has no limits), which is the
//!   only difference from the real binary: at Slack's Tier 1, loading
//!   100,000 invites takes 200 minutes.
//!
//! With no argument, all three run.

mod tui_bench;

fn main() {
    let wanted: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let run = |name: &str| wanted.is_empty() || wanted.iter().any(|w| w == name);
    // Memory first: the timing runs would raise the high-water mark.
    if run("memory") {
        tui_bench::memory::run();
    }
    if run("frame") || run("filter") {
        let mut app = tui_bench::loaded_app();
        if run("frame") {
            tui_bench::frame(&mut app);
        }
        if run("filter") {
            tui_bench::filter(&mut app);
        }
    }
}
