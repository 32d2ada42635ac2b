//! The low-bandwidth profile: what the console leaves out on a slow link, and when it decides
//! the link is slow.
//!
//! `--link slow` (or `link = "slow"`) turns it on, `--link fast` off; `auto`, the default,
//! turns it on when a measurement says so — the round trip to the server (a health probe at
//! start, timed by the runtime) or the rate at which the terminal takes frames (timed by the
//! UI). Once on it stays on for the session: a profile that came and went would redraw the
//! whole screen each time. The drawing side (ASCII borders, 16 colours, no clock, compact
//! hints, casing images on request) reads [`LinkProfile::slow`].

use std::time::Duration;

use super::effect::Effect;
use super::state::State;

/// A round trip at least this long makes `auto` pick the slow profile (a satellite hop, a
/// congested radio link; a continent away over a good line is ~150 ms).
pub const SLOW_ROUND_TRIP: Duration = Duration::from_millis(300);
/// A terminal taking frames slower than this (bytes a second, 128 kbit/s) does too.
pub const SLOW_OUTPUT_RATE: u64 = 16_000;

/// What the user asked for (`--link`, `link` in the config).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LinkMode {
    Fast,
    Slow,
    #[default]
    Auto,
}

impl LinkMode {
    /// `fast`, `slow` or `auto`; anything else gives `None`.
    pub fn parse(s: &str) -> Option<LinkMode> {
        match s.trim().to_ascii_lowercase().as_str() {
            "fast" => Some(LinkMode::Fast),
            "slow" => Some(LinkMode::Slow),
            "auto" => Some(LinkMode::Auto),
            _ => None,
        }
    }
}

/// One measurement of the link.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkSign {
    /// The shortest round trip of the health probe.
    RoundTrip(Duration),
    /// Bytes a second a frame reached the terminal at (measured only when a write blocked).
    OutputRate(u64),
}

impl LinkSign {
    /// Whether this measurement says the link is slow.
    pub fn is_slow(self) -> bool {
        match self {
            LinkSign::RoundTrip(d) => d >= SLOW_ROUND_TRIP,
            LinkSign::OutputRate(bps) => bps < SLOW_OUTPUT_RATE,
        }
    }
}

/// The mode asked for and, under `auto`, the measurement that turned the profile on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LinkProfile {
    pub mode: LinkMode,
    pub detected: Option<LinkSign>,
}

impl LinkProfile {
    pub fn new(mode: LinkMode) -> LinkProfile {
        LinkProfile {
            mode,
            detected: None,
        }
    }

    /// Whether the console draws for a slow link now.
    pub fn slow(&self) -> bool {
        match self.mode {
            LinkMode::Slow => true,
            LinkMode::Fast => false,
            LinkMode::Auto => self.detected.is_some(),
        }
    }
}

/// The probe a fresh console starts under `auto` (none when the user chose).
pub fn probe(s: &State) -> Option<Effect> {
    (s.link.mode == LinkMode::Auto).then_some(Effect::ProbeLink)
}

/// A measurement arrived: under `auto`, a slow one turns the profile on for the session.
pub fn measured(s: &mut State, sign: LinkSign) {
    if s.link.mode == LinkMode::Auto && s.link.detected.is_none() && sign.is_slow() {
        tracing::info!("slow link: {sign:?}");
        s.link.detected = Some(sign);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::{Action, update};

    fn state(mode: LinkMode) -> State {
        let mut s = crate::app::update_tests::state();
        s.link = LinkProfile::new(mode);
        s
    }

    #[test]
    fn auto_turns_slow_on_a_long_round_trip_or_a_slow_terminal_and_stays() {
        let mut s = state(LinkMode::Auto);
        assert_eq!(probe(&s), Some(Effect::ProbeLink));
        let rtt = |ms| Action::LinkMeasured(LinkSign::RoundTrip(Duration::from_millis(ms)));
        update(&mut s, rtt(40));
        assert!(!s.link.slow(), "a short round trip leaves it fast");
        update(&mut s, rtt(620));
        assert!(s.link.slow());
        update(&mut s, rtt(10));
        assert!(s.link.slow(), "on for the session: no flapping redraws");

        let mut s = state(LinkMode::Auto);
        update(&mut s, Action::LinkMeasured(LinkSign::OutputRate(400_000)));
        assert!(!s.link.slow());
        update(&mut s, Action::LinkMeasured(LinkSign::OutputRate(8_000)));
        assert!(s.link.slow());
    }

    #[test]
    fn a_chosen_mode_is_kept_whatever_is_measured() {
        let mut s = state(LinkMode::Fast);
        assert_eq!(probe(&s), None, "nothing to probe for");
        update(&mut s, Action::LinkMeasured(LinkSign::OutputRate(100)));
        assert!(!s.link.slow());
        let s = state(LinkMode::Slow);
        assert!(s.link.slow());
        assert_eq!(LinkMode::parse(" SLOW "), Some(LinkMode::Slow));
        assert_eq!(LinkMode::parse("fast"), Some(LinkMode::Fast));
        assert_eq!(LinkMode::parse("quick"), None);
    }
}
