//! Deterministic fault injection: request number n fails, or not, as a pure
//! function of (seed, n), so a run with the same seed and the same sequence
//! of requests fails the same way.

use super::config::{FaultKind, FaultSpec};
use super::dataset::mix;

pub(crate) struct Faults {
    spec: Option<FaultSpec>,
    seed: u64,
}

impl Faults {
    pub fn new(spec: Option<FaultSpec>, seed: u64) -> Faults {
        Faults { spec, seed }
    }

    pub fn draw(&self, n: u64) -> Option<FaultKind> {
        let spec = self.spec.as_ref()?;
        if spec.rate <= 0.0 || spec.kinds.is_empty() {
            return None;
        }
        let h = mix(self.seed.wrapping_mul(0x2545_F491_4F6C_DD1D) ^ mix(n));
        // 53 random bits give a uniform float in [0, 1).
        let u = (h >> 11) as f64 / (1u64 << 53) as f64;
        if u >= spec.rate {
            return None;
        }
        let pick = mix(h) % spec.kinds.len() as u64;
        Some(spec.kinds[pick as usize])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn share_and_determinism() {
        let spec: FaultSpec = "rate=0.25,kinds=500+reset".parse().unwrap();
        let f = Faults::new(Some(spec.clone()), 7);
        let g = Faults::new(Some(spec), 7);
        let draws: Vec<_> = (0..4000).map(|n| f.draw(n)).collect();
        assert_eq!(draws, (0..4000).map(|n| g.draw(n)).collect::<Vec<_>>());
        let hits = draws.iter().filter(|d| d.is_some()).count();
        assert!((800..1200).contains(&hits), "{hits} of 4000");
        assert!(draws.contains(&Some(FaultKind::Http500)));
        assert!(draws.contains(&Some(FaultKind::Reset)));
        assert!(Faults::new(None, 7).draw(1).is_none());
    }
}
