//! Fixture states for the screen tests: deterministic records, a fixed clock, no network.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use fwc::app::config::Config;
use fwc::app::effect::{Effect, Slot};
use fwc::app::options::ColorDepth;
use fwc::app::reply::{Data, Reply};
use fwc::app::state::{Conn, Lang, State};
use fwc::app::{Action, update};
use fwc::model::*;
use fwc::ui::i18n;
use fwc::ui::keymap::Keymap;
use fwc::ui::theme::Theme;

pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 15, 12, 0, 0).unwrap()
}

const STATES: &[&str] = &[
    "Sonora",
    "Chihuahua",
    "Baja California",
    "Tamaulipas",
    "Nuevo León",
    "Jalisco",
];

pub fn seizure(n: u32) -> Seizure {
    let border = n.is_multiple_of(3);
    let statuses = TriageStatus::ALL;
    Seizure {
        id: format!("SZ-{n:06}"),
        kind: if border {
            SeizureKind::BorderInspection
        } else {
            SeizureKind::CrimeScene
        },
        status: statuses[n as usize % statuses.len()],
        occurred_at: now() - Duration::hours(i64::from(n) * 7),
        country: if border { Country::US } else { Country::MX },
        state: if border {
            "Texas".into()
        } else {
            STATES[n as usize % STATES.len()].into()
        },
        municipality: if border {
            "Laredo".into()
        } else {
            "Hermosillo".into()
        },
        port: border.then(|| "Laredo".into()),
        agency: if border {
            "CBP Laredo".into()
        } else {
            "FGR Sonora".into()
        },
        conveyance: border.then(|| "commercial bus".into()),
        concealment: border.then(|| "bus luggage compartment".into()),
        summary: format!("{} rifles and magazines recovered", 1 + n % 4),
        items: vec![
            SeizureItem {
                kind: ItemKind::Firearm,
                quantity: 1,
                description: "AK-pattern rifle 7.62×39".into(),
                firearm_id: Some(format!("FA-{:07}", n * 2)),
            },
            SeizureItem {
                kind: ItemKind::Firearm,
                quantity: 1,
                description: "9mm pistol".into(),
                firearm_id: Some(format!("FA-{:07}", n * 2 + 1)),
            },
            SeizureItem {
                kind: ItemKind::Magazine,
                quantity: 6,
                description: "30-round magazines".into(),
                firearm_id: None,
            },
        ],
        trace_ids: vec![],
        case_ids: if n.is_multiple_of(4) {
            vec!["CS-2026-0007".into()]
        } else {
            vec![]
        },
        updated_at: now(),
    }
}

pub fn trace(n: u32) -> Trace {
    let completed = n % 3 != 2;
    let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day);
    Trace {
        id: format!("TR-2026-{n:07}"),
        firearm_id: format!("FA-{:07}", n * 2),
        serial: format!("AB{:05}", 12340 + n),
        make: "Century Arms".into(),
        model: "WASR-10".into(),
        caliber: "7.62x39".into(),
        status: if completed {
            TraceStatus::Completed
        } else {
            TraceStatus::NotTraceable
        },
        priority: TracePriority::Routine,
        justification: None,
        crime_code: "5212".into(),
        requesting_agency: "FGR Sonora".into(),
        case_number: None,
        submitted_at: now() - Duration::days(i64::from(n) + 3),
        completed_at: completed.then(|| now() - Duration::days(i64::from(n))),
        failure_reason: (!completed).then_some(NotTraceableReason::ObliteratedSerial),
        chain: if completed {
            vec![
                ChainLink {
                    role: ChainRole::Manufacturer,
                    name: "Cugir Arms Factory".into(),
                    reference: None,
                    location: Some("RO".into()),
                    date: d(2019, 2, 1),
                },
                ChainLink {
                    role: ChainRole::Importer,
                    name: "Century International Arms".into(),
                    reference: None,
                    location: Some("FL".into()),
                    date: d(2019, 5, 3),
                },
                ChainLink {
                    role: ChainRole::Distributor,
                    name: "Lone Star Wholesale".into(),
                    reference: Some("5-74-000-01-1A-00001".into()),
                    location: Some("TX".into()),
                    date: d(2024, 6, 10),
                },
                ChainLink {
                    role: ChainRole::Dealer,
                    name: "Border Guns & Ammo".into(),
                    reference: Some("5-74-000-07-2B-00042".into()),
                    location: Some("TX".into()),
                    date: d(2024, 7, 1),
                },
                ChainLink {
                    role: ChainRole::Purchaser,
                    name: "J. Doe (synthetic)".into(),
                    reference: Some("PR-000042".into()),
                    location: Some("TX".into()),
                    date: d(2024, 7, 2),
                },
            ]
        } else {
            vec![]
        },
        dealer_license: completed.then(|| "5-74-000-07-2B-00042".into()),
        dealer_name: completed.then(|| "Border Guns & Ammo".into()),
        dealer_state: completed.then(|| "TX".into()),
        purchaser_id: completed.then(|| "PR-000042".into()),
        purchaser_name: completed.then(|| "J. Doe (synthetic)".into()),
        purchase_date: completed.then(|| NaiveDate::from_ymd_opt(2024, 7, 2).unwrap()),
        recovery_date: NaiveDate::from_ymd_opt(2026, 2, 20).unwrap(),
        recovery_place: "Hermosillo, Sonora".into(),
        time_to_crime_days: completed.then_some(if n.is_multiple_of(2) { 598 } else { 1900 }),
        multiple_sales: if n.is_multiple_of(2) && completed {
            vec![MultipleSale {
                form: "3310.12".into(),
                date: NaiveDate::from_ymd_opt(2024, 7, 2).unwrap(),
                count: 3,
                dealer_license: "5-74-000-07-2B-00042".into(),
            }]
        } else {
            vec![]
        },
        seizure_id: Some(format!("SZ-{n:06}")),
    }
}

pub fn stats() -> SeizureStats {
    SeizureStats {
        total: 300,
        by_status: TriageStatus::ALL
            .iter()
            .enumerate()
            .map(|(i, s)| StatusCount {
                status: *s,
                count: 60 + i as u64,
            })
            .collect(),
    }
}

/// A signed-in, online console with a queue and trace results loaded.
pub fn state(lang: Lang, width: u16, height: u16) -> State {
    let mut s = State::new("https://trace.example.org", "test", now());
    s.lang = lang;
    s.size = (width, height);
    s.list_rows = fwc::ui::draw::list_rows(height);
    s.demo = true;
    s.session.user = Some(User {
        name: "Ana Ruiz".into(),
        agency: "FGR".into(),
        country: Country::MX,
        role: Role::Investigator,
    });
    s.session.conn = Conn::Online;
    s.session.last_sync = Some(now() - Duration::minutes(2));
    let (keymap, _) = Keymap::from_config(&Config::defaults().keys, &[]);
    s.bindings = keymap.bindings();
    s.action_labels = i18n::action_labels();
    s.panes.queue.rows = (1..=300).map(seizure).collect();
    s.panes.queue.stats = Some(stats());
    s.panes.queue.loaded = true;
    s.panes.trace.rows = (1..=40).map(trace).collect();
    s.panes.trace.loaded = true;
    s
}

pub fn theme(name: &str) -> Theme {
    Theme::builtin(name, ColorDepth::Ansi256)
}

/// Renders a state and returns the screen as text, with clock times masked (they depend on the
/// machine's time zone).
pub fn render(s: &State, th: &Theme) -> String {
    let mut t = Terminal::new(TestBackend::new(s.size.0, s.size.1)).unwrap();
    t.draw(|f| fwc::ui::draw(f, s, th)).unwrap();
    let screen = mask_times(&format!("{}", t.backend()));
    // Toasts sit over the hint line for a while, by design.
    if s.lang == Lang::Pseudo && s.toasts.is_empty() {
        assert_whole_hints(&screen);
    }
    screen
}

/// A snapshot's name for the screen of `s`: `<name>_<lang>_<w>x<h>`.
pub fn snap_name(name: &str, s: &State) -> String {
    let (w, h) = s.size;
    format!("{name}_{:?}_{w}x{h}", s.lang).to_lowercase()
}

/// The languages every screen is drawn in: the pseudo-locale only at 80×24, where a longer
/// language hurts.
pub const LANGS: [Lang; 3] = [Lang::En, Lang::Es, Lang::Pseudo];

pub fn sizes(lang: Lang) -> Vec<(u16, u16)> {
    match lang {
        Lang::Pseudo => vec![(80, 24)],
        _ => vec![(80, 24), (160, 48)],
    }
}

/// In the pseudo-locale every label is bracketed, so a hint segment cut in the middle shows
/// as a missing `]`: each segment of the hint line (the row above the status bar) must be
/// "key [label]", whole.
pub fn assert_whole_hints(screen: &str) {
    let rows: Vec<&str> = screen.lines().collect();
    let Some(hint) = rows.len().checked_sub(2).and_then(|i| rows.get(i)) else {
        return;
    };
    let hint = hint.trim_matches('"').trim();
    if hint.is_empty() || hint.starts_with('└') || hint.starts_with('│') {
        return;
    }
    for seg in hint.split(" · ") {
        let whole = seg.split_once(" [").is_some_and(|(key, label)| {
            !key.is_empty() && !key.contains(' ') && label.ends_with(']')
        });
        assert!(whole, "hint segment {seg:?} is cut or keyless in {hint:?}");
    }
}

/// Renders and returns the buffer (for style assertions).
pub fn buffer(s: &State, th: &Theme) -> ratatui::buffer::Buffer {
    let mut t = Terminal::new(TestBackend::new(s.size.0, s.size.1)).unwrap();
    t.draw(|f| fwc::ui::draw(f, s, th)).unwrap();
    t.backend().buffer().clone()
}

fn mask_times(s: &str) -> String {
    let c: Vec<char> = s.chars().collect();
    let mut out = c.clone();
    for i in 0..c.len().saturating_sub(4) {
        let d = |k: usize| c[i + k].is_ascii_digit();
        let before_ok = i == 0 || !c[i - 1].is_ascii_digit();
        if before_ok && d(0) && d(1) && c[i + 2] == ':' && d(3) && d(4) {
            out[i] = 'h';
            out[i + 1] = 'h';
            out[i + 3] = 'm';
            out[i + 4] = 'm';
        }
    }
    out.into_iter().collect()
}

/// Answers the read for `slot` among `fx`, as the runtime would (with its generation).
pub fn answer(s: &mut State, fx: &[Effect], slot: Slot, data: Data) {
    assert!(
        fx.iter()
            .any(|e| matches!(e, Effect::Fetch { slot: sl, .. } if *sl == slot)),
        "a fetch for {slot:?} among {fx:?}"
    );
    answer_each(s, fx, |sl| (sl == slot).then(|| data.clone()));
}

/// Answers each read among `fx` that `data` has an answer for, with its own generation, as the
/// runtime would; reads it has none for stay unanswered.
pub fn answer_each(s: &mut State, fx: &[Effect], data: impl Fn(Slot) -> Option<Data>) {
    for e in fx {
        if let Effect::Fetch {
            slot, generation, ..
        } = e
            && let Some(d) = data(*slot)
        {
            let r = Reply::Fetched {
                slot: *slot,
                generation: *generation,
                result: Ok(d),
            };
            update(s, Action::Reply(Box::new(r)));
        }
    }
}

/// No cell of the screen holds a control or bidi-override character: nothing a hostile string
/// carried can drive the terminal.
pub fn assert_inert(buf: &ratatui::buffer::Buffer) {
    for cell in buf.content() {
        assert!(
            !cell
                .symbol()
                .chars()
                .any(|c| c.is_control() || c == '\u{202e}'),
            "{:?} reached the screen",
            cell.symbol()
        );
    }
}
