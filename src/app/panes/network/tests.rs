//! The Network pane as the investigator's story, with no terminal and no network: open the
//! network of a seizure, expand a gun, fold it, open a node in its own pane.

use chrono::{TimeZone, Utc};

use super::{EXPAND, NetNotice, NetworkState, OPEN, PATHS, RINGS, ROOT};
use crate::app::action::Action;
use crate::app::effect::{Effect, Request, Slot, WriteOp};
use crate::app::overlay::{Overlay, PickTarget, Picker};
use crate::app::panes::{PaneId, Target};
use crate::app::reply::{Data, Reply};
use crate::app::panes::Pane;
use crate::app::state::{Conn, Notice, State};
use crate::app::test_support::{fetches, writes};
use crate::app::update;
use crate::model::*;

pub fn node(id: &str, kind: NodeKind, depth: u32, degree: u32) -> GraphNode {
    GraphNode {
        id: id.into(),
        kind,
        label: format!("label of {id}"),
        depth,
        degree,
        flags: NodeFlags::default(),
    }
}

fn edge(from: &str, to: &str, kind: LinkKind) -> GraphEdge {
    GraphEdge {
        from: from.into(),
        to: to.into(),
        kind,
    }
}

/// A seizure holding two guns.
fn seizure_hood() -> Neighborhood {
    Neighborhood {
        root: "SZ-000001".into(),
        nodes: vec![
            node("SZ-000001", NodeKind::Seizure, 0, 2),
            node("FA-0000001", NodeKind::Firearm, 1, 3),
            node("FA-0000002", NodeKind::Firearm, 1, 1),
        ],
        edges: vec![
            edge("FA-0000001", "SZ-000001", LinkKind::RecoveredIn),
            edge("FA-0000002", "SZ-000001", LinkKind::RecoveredIn),
        ],
        truncated: false,
    }
}

/// The first gun: its seizure (already above it), its purchaser and its dealer.
fn gun_hood() -> Neighborhood {
    let mut buyer = node("P-000042", NodeKind::Person, 1, 5);
    buyer.flags.short_ttc = true;
    Neighborhood {
        root: "FA-0000001".into(),
        nodes: vec![
            node("FA-0000001", NodeKind::Firearm, 0, 3),
            node("SZ-000001", NodeKind::Seizure, 1, 2),
            buyer,
            node("5-74-000-07-2B-00042", NodeKind::Dealer, 1, 9),
        ],
        edges: vec![
            edge("FA-0000001", "SZ-000001", LinkKind::RecoveredIn),
            edge("FA-0000001", "P-000042", LinkKind::BoughtBy),
            edge("FA-0000001", "5-74-000-07-2B-00042", LinkKind::SoldBy),
        ],
        truncated: false,
    }
}

pub fn state() -> State {
    let mut s = State::new(
        "http://x",
        "sess",
        Utc.with_ymd_and_hms(2026, 3, 2, 0, 0, 0).unwrap(),
    );
    s.session.conn = Conn::Online;
    s
}

/// Answers the read for `slot` among `fx`, as the runtime would.
pub fn answer(s: &mut State, fx: &[Effect], slot: Slot, data: Data) -> Vec<Effect> {
    let (_, generation, _) = fetches(fx)
        .into_iter()
        .find(|(sl, _, _)| *sl == slot)
        .unwrap_or_else(|| panic!("no fetch for {slot:?} in {fx:?}"));
    update(
        s,
        Action::Reply(Box::new(Reply::Fetched {
            slot,
            generation,
            result: Ok(data),
        })),
    )
}

/// The one read among `fx`.
pub fn one_fetch(fx: &[Effect]) -> (Slot, Request) {
    let f = fetches(fx);
    assert_eq!(f.len(), 1, "{fx:?}");
    let (slot, _, req) = f.into_iter().next().unwrap();
    (slot, req)
}

fn net(s: &State) -> &NetworkState {
    &s.panes.network
}

/// The console showing the seizure's network.
pub fn on_seizure() -> State {
    let mut s = state();
    let fx = update(&mut s, Action::Navigate(Target::Network("SZ-000001".into())));
    assert_eq!(s.active, PaneId::Network);
    let (slot, Request::Neighbors(q)) = one_fetch(&fx) else {
        panic!("{fx:?}");
    };
    assert_eq!((slot, q.id.as_str(), q.depth), (ROOT, "SZ-000001", Some(1)));
    answer(&mut s, &fx, ROOT, Data::Neighborhood(seizure_hood()));
    s
}

#[test]
fn a_seizure_shows_its_guns_one_hop_away() {
    let s = on_seizure();
    let rows: Vec<_> = net(&s)
        .rows
        .iter()
        .map(|r| (r.node.id.as_str(), r.level, r.via))
        .collect();
    assert_eq!(
        rows,
        vec![
            ("SZ-000001", 0, None),
            ("FA-0000001", 1, Some(LinkKind::RecoveredIn)),
            ("FA-0000002", 1, Some(LinkKind::RecoveredIn)),
        ]
    );
    assert!(net(&s).rows[0].expanded);
    assert!(net(&s).rows[2].leaf(), "its only link is the seizure");
}

#[test]
fn enter_expands_lazily_under_the_node_and_back_folds_it() {
    let mut s = on_seizure();
    update(&mut s, Action::Down);
    let fx = update(&mut s, Action::Open);
    let (slot, Request::Neighbors(q)) = one_fetch(&fx) else {
        panic!("{fx:?}");
    };
    assert_eq!((slot, q.id.as_str()), (EXPAND, "FA-0000001"));
    // Pressing again while the answer is on its way asks nothing more.
    assert!(fetches(&update(&mut s, Action::Open)).is_empty());
    answer(&mut s, &fx, EXPAND, Data::Neighborhood(gun_hood()));
    let rows: Vec<_> = net(&s)
        .rows
        .iter()
        .map(|r| (r.node.id.as_str(), r.level))
        .collect();
    // The seizure it hangs under is not repeated beneath it.
    assert_eq!(
        rows,
        vec![
            ("SZ-000001", 0),
            ("FA-0000001", 1),
            ("P-000042", 2),
            ("5-74-000-07-2B-00042", 2),
            ("FA-0000002", 1),
        ]
    );
    assert!(net(&s).rows[2].node.flags.short_ttc);
    assert_eq!(net(&s).rows[2].via, Some(LinkKind::BoughtBy));
    // Back on the expanded gun folds it; Back on a child goes up to its parent.
    update(&mut s, Action::Down);
    update(&mut s, Action::Back);
    assert_eq!(net(&s).list.selected, 1);
    update(&mut s, Action::Back);
    assert_eq!(net(&s).rows.len(), 3);
    assert!(!net(&s).rows[1].expanded);
}

#[test]
fn enter_on_a_leaf_or_an_expanded_node_opens_it_in_its_own_pane() {
    let mut s = on_seizure();
    // The root is expanded: Enter opens the seizure (fetched, then shown in the Queue).
    let fx = update(&mut s, Action::Open);
    let (OPEN, Request::Seizure(id)) = one_fetch(&fx) else {
        panic!("{fx:?}");
    };
    assert_eq!(id, "SZ-000001");
    // A leaf gun opens as its traces.
    update(&mut s, Action::Bottom);
    let fx = update(&mut s, Action::Open);
    assert_eq!(s.active, PaneId::Trace, "{fx:?}");
    assert_eq!(
        s.panes.trace.query.firearm_id.as_deref(),
        Some("FA-0000002")
    );
}

#[test]
fn n_re_roots_on_the_selected_node_and_back_returns() {
    let mut s = on_seizure();
    update(&mut s, Action::Down);
    let fx = update(&mut s, Action::Network);
    answer(&mut s, &fx, ROOT, Data::Neighborhood(gun_hood()));
    assert_eq!(net(&s).rows[0].node.id, "FA-0000001");
    assert_eq!(net(&s).history, vec!["SZ-000001".to_string()]);
    let fx = update(&mut s, Action::Back);
    let (ROOT, Request::Neighbors(q)) = one_fetch(&fx) else {
        panic!("{fx:?}");
    };
    assert_eq!(q.id, "SZ-000001");
    assert!(net(&s).history.is_empty());
}

#[test]
fn n_in_another_pane_opens_the_network_of_its_record() {
    let mut s = state();
    // Nothing selected in the queue: a toast, no read.
    let fx = update(&mut s, Action::Network);
    assert!(fetches(&fx).is_empty());
    assert_eq!(s.active, PaneId::Queue);
}

#[test]
fn the_palette_command_network_opens_any_id() {
    let mut s = state();
    s.overlays.push(Overlay::Palette(Picker::new(vec![])));
    for c in "network #AB12345".chars() {
        update(&mut s, Action::Char(c));
    }
    let fx = update(&mut s, Action::Open);
    assert!(s.overlays.is_empty());
    assert_eq!(s.active, PaneId::Network);
    let (ROOT, Request::Neighbors(q)) = one_fetch(&fx) else {
        panic!("{fx:?}");
    };
    assert_eq!(q.id, "#AB12345");
    assert_eq!(Target::command("network   "), None);
    assert_eq!(Target::command("networks X"), None);
}

#[test]
fn a_digit_with_no_pane_does_nothing() {
    let mut s = state();
    let fx = update(&mut s, Action::Pane5);
    assert_eq!(s.active, PaneId::Network);
    assert!(fx.is_empty(), "nothing to load yet: {fx:?}");
    let before = s.clone();
    let fx = update(&mut s, Action::Pane6);
    if crate::app::panes::ORDER.len() < 6 {
        assert!(fx.is_empty());
        assert_eq!(s, before);
    }
}

fn path_set(from: &str, to: &str) -> PathSet {
    let nodes = vec![
        node(from, NodeKind::Seizure, 0, 2),
        node("FA-0000001", NodeKind::Firearm, 1, 3),
        node(to, NodeKind::Person, 2, 5),
    ];
    PathSet {
        from: from.into(),
        to: to.into(),
        paths: vec![GraphPath {
            nodes,
            edges: vec![
                edge("FA-0000001", from, LinkKind::RecoveredIn),
                edge("FA-0000001", to, LinkKind::BoughtBy),
            ],
        }],
        visited: 9,
    }
}

/// The seizure's tree with its first gun expanded, the seizure marked and the purchaser selected.
fn marked_and_on_the_buyer() -> State {
    let mut s = on_seizure();
    update(&mut s, Action::Down);
    let fx = update(&mut s, Action::Open);
    answer(&mut s, &fx, EXPAND, Data::Neighborhood(gun_hood()));
    update(&mut s, Action::Top);
    update(&mut s, Action::MarkNode);
    assert_eq!(net(&s).mark.as_ref().map(|m| m.id.as_str()), Some("SZ-000001"));
    update(&mut s, Action::Down);
    update(&mut s, Action::Down);
    assert_eq!(net(&s).selected().unwrap().node.id, "P-000042");
    s
}

#[test]
fn mark_then_find_path_shows_the_shortest_paths_and_y_copies_one() {
    let mut s = marked_and_on_the_buyer();
    let fx = update(&mut s, Action::FindPath);
    let (PATHS, Request::Paths(q)) = one_fetch(&fx) else {
        panic!("{fx:?}");
    };
    assert_eq!(
        (q.from.as_str(), q.to.as_str(), q.max_hops, q.k),
        ("SZ-000001", "P-000042", Some(6), Some(3))
    );
    // A late answer for another pair is not shown.
    answer(&mut s, &fx, PATHS, Data::Paths(path_set("SZ-000009", "P-000042")));
    assert_eq!(net(&s).paths.as_ref().unwrap().set, None);
    let fx2 = update(&mut s, Action::FindPath);
    assert!(fetches(&fx2).is_empty(), "keys go to the paths view now");
    answer(&mut s, &fx, PATHS, Data::Paths(path_set("SZ-000001", "P-000042")));
    let fx = update(&mut s, Action::Copy);
    let text = "SZ-000001 (label of SZ-000001) —recovered_in→ FA-0000001 (label of FA-0000001) \
                —bought_by→ P-000042 (label of P-000042)";
    assert!(fx.contains(&Effect::Copy(text.into())), "{fx:?}");
    // Back closes the paths; the mark stays for the next search.
    update(&mut s, Action::Back);
    assert!(net(&s).paths.is_none());
    assert!(net(&s).mark.is_some());
}

#[test]
fn a_path_goes_to_a_case_as_a_note_through_the_outbox() {
    let mut s = marked_and_on_the_buyer();
    let fx = update(&mut s, Action::FindPath);
    answer(&mut s, &fx, PATHS, Data::Paths(path_set("SZ-000001", "P-000042")));
    let fx = update(&mut s, Action::AssignCase);
    assert!(matches!(s.overlays.last(), Some(Overlay::CasePicker(_))));
    assert!(matches!(one_fetch(&fx), (Slot::CasePicker, Request::Cases(_))));
    let fx = crate::app::update::goto(&mut s, PickTarget::Case("CS-2026-0007".into()));
    let w = writes(&fx);
    let [WriteOp::AddNote { case_id, note }] = w.as_slice() else {
        panic!("{fx:?}");
    };
    assert_eq!(case_id, "CS-2026-0007");
    assert!(note.body.starts_with("SZ-000001 (") && note.body.contains("P-000042"));
    // Read-only: refused with a toast, no picker.
    s.overlays.clear();
    s.read_only = true;
    let fx = update(&mut s, Action::AssignCase);
    assert!(fetches(&fx).is_empty() && s.overlays.is_empty());
}

#[test]
fn find_path_needs_a_mark_and_another_node() {
    let mut s = on_seizure();
    let fx = update(&mut s, Action::FindPath);
    assert!(fetches(&fx).is_empty());
    assert!(s.toasts.iter().any(|t| t.notice == Notice::from(NetNotice::MarkFirst)));
    update(&mut s, Action::MarkNode);
    let fx = update(&mut s, Action::FindPath);
    assert!(fetches(&fx).is_empty());
    assert!(s.toasts.iter().any(|t| t.notice == Notice::from(NetNotice::SameNode)));
    // Marking the marked node again unmarks it.
    update(&mut s, Action::MarkNode);
    assert!(net(&s).mark.is_none());
}

fn suspect(id: &str, kind: RingKind, score: f64) -> RingSuspect {
    RingSuspect {
        id: id.into(),
        kind,
        label: format!("label of {id}"),
        traces: 9,
        recovered_in_mexico: 8,
        mean_ttc_days: Some(120),
        top_corridor: Some("AZ → Sonora".into()),
        score,
        factors: vec![RingFactor {
            code: "short_ttc".into(),
            value: 0.9,
            points: 2.0,
        }],
        co_purchasers: Vec::new(),
    }
}

#[test]
fn rings_rank_purchasers_or_dealers_and_enter_opens_a_suspects_network() {
    let mut s = on_seizure();
    let fx = update(&mut s, Action::Rings);
    let (RINGS, Request::Rings(q)) = one_fetch(&fx) else {
        panic!("{fx:?}");
    };
    assert_eq!((q.kind, q.limit), (Some(RingKind::Purchaser), Some(50)));
    let rows = vec![
        suspect("P-000042", RingKind::Purchaser, 9.5),
        suspect("P-000077", RingKind::Purchaser, 7.0),
    ];
    answer(&mut s, &fx, RINGS, Data::Rings(rows));
    update(&mut s, Action::Down);
    assert_eq!(s.panes.network.copy_text().as_deref(), Some("P-000077"));
    let fx = update(&mut s, Action::ToggleRingKind);
    let (RINGS, Request::Rings(q)) = one_fetch(&fx) else {
        panic!("{fx:?}");
    };
    assert_eq!(q.kind, Some(RingKind::Dealer));
    let dealers = vec![suspect("5-74-000-07-2B-00042", RingKind::Dealer, 5.0)];
    answer(&mut s, &fx, RINGS, Data::Rings(dealers));
    let fx = update(&mut s, Action::Open);
    let (ROOT, Request::Neighbors(q)) = one_fetch(&fx) else {
        panic!("{fx:?}");
    };
    assert_eq!(q.id, "5-74-000-07-2B-00042");
    assert!(net(&s).rings.is_none(), "the suspect's network replaces the list");
    assert_eq!(net(&s).history, vec!["SZ-000001".to_string()]);
}
