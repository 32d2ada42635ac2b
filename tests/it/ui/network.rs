//! Screens of the Network pane: a seizure's links with one gun expanded (its straw purchaser
//! flagged), in both languages and the pseudo-locale, at 80×24 and 160×48, and in mono; and
//! `N` on a queue row opening that seizure's network.

use crate::support::ui::*;
use fwc::app::effect::Effect;
use fwc::app::panes::network::{EXPAND, PATHS, RINGS, ROOT};
use fwc::app::panes::{PaneId, Target};
use fwc::app::reply::Data;
use fwc::app::state::{Lang, State};
use fwc::app::{Action, update};
use fwc::model::*;

fn node(id: &str, kind: NodeKind, label: &str, degree: u32) -> GraphNode {
    GraphNode {
        id: id.into(),
        kind,
        label: label.into(),
        depth: 1,
        degree,
        flags: NodeFlags::default(),
    }
}

fn hood(root: GraphNode, links: Vec<(GraphNode, LinkKind)>) -> Neighborhood {
    let mut nodes = vec![GraphNode {
        depth: 0,
        ..root.clone()
    }];
    let edges = links
        .iter()
        .map(|(n, k)| GraphEdge {
            from: root.id.clone(),
            to: n.id.clone(),
            kind: *k,
        })
        .collect();
    nodes.extend(links.into_iter().map(|(n, _)| n));
    Neighborhood {
        root: root.id,
        nodes,
        edges,
        truncated: false,
    }
}

fn seizure_node() -> GraphNode {
    node(
        "SZ-000042",
        NodeKind::Seizure,
        "Nogales, Sonora · 2026-02-20",
        4,
    )
}

fn gun(n: u32, degree: u32) -> GraphNode {
    let mut g = node(
        &format!("FA-{n:07}"),
        NodeKind::Firearm,
        &format!("AB{n:05} Century Arms WASR-10 7.62x39"),
        degree,
    );
    g.flags.short_ttc = n.is_multiple_of(2);
    g
}

/// The seizure's network with its first gun expanded, the purchaser selected.
fn with_tree(lang: Lang, w: u16, h: u16) -> State {
    let mut s = state(lang, w, h);
    let fx = update(
        &mut s,
        Action::Navigate(Target::Network("SZ-000042".into())),
    );
    let mut case = node(
        "CS-2026-0007",
        NodeKind::Case,
        "Operation Sonoran corridor",
        6,
    );
    case.flags.in_case = true;
    let top = hood(
        seizure_node(),
        vec![
            (gun(2, 3), LinkKind::RecoveredIn),
            (gun(3, 1), LinkKind::RecoveredIn),
            (gun(4, 2), LinkKind::RecoveredIn),
            (case, LinkKind::InCase),
        ],
    );
    answer(&mut s, &fx, ROOT, Data::Neighborhood(top));
    update(&mut s, Action::Down);
    let fx = update(&mut s, Action::Open);
    let mut buyer = node("P-000042", NodeKind::Person, "J. Doe (synthetic) (TX)", 7);
    buyer.flags = NodeFlags {
        short_ttc: true,
        multiple_sale: true,
        multi_scene: false,
        in_case: true,
    };
    let mut dealer = node(
        "5-74-000-07-2B-00042",
        NodeKind::Dealer,
        "Border Guns & Ammo (TX)",
        31,
    );
    dealer.flags.multiple_sale = true;
    let mut casing = node("BC-000017", NodeKind::Casing, "Hermosillo, Sonora", 3);
    casing.flags.multi_scene = true;
    let gun_hood = hood(
        gun(2, 3),
        vec![
            (seizure_node(), LinkKind::RecoveredIn),
            (buyer, LinkKind::BoughtBy),
            (dealer, LinkKind::SoldBy),
            (casing, LinkKind::FiredBy),
        ],
    );
    answer(&mut s, &fx, EXPAND, Data::Neighborhood(gun_hood));
    update(&mut s, Action::Down);
    s
}

#[test]
fn network_tree() {
    for lang in LANGS {
        for (w, h) in sizes(lang) {
            let s = with_tree(lang, w, h);
            assert_eq!(s.panes.network.rows.len(), 8);
            let (dark, mono) = (render(&s, &theme("dark")), render(&s, &theme("mono")));
            insta::assert_snapshot!(snap_name("network_tree", &s), dark);
            insta::assert_snapshot!(snap_name("mono_network_tree", &s), mono);
        }
    }
}

/// The tree above with the seizure marked and the paths to the purchaser found.
fn with_paths(lang: Lang, w: u16, h: u16) -> State {
    let mut s = with_tree(lang, w, h);
    update(&mut s, Action::Top);
    update(&mut s, Action::MarkNode);
    update(&mut s, Action::Down);
    update(&mut s, Action::Down);
    let fx = update(&mut s, Action::FindPath);
    let buyer = s.panes.network.rows[2].node.clone();
    let path = |gun_n: u32| {
        let g = gun(gun_n, 3);
        GraphPath {
            nodes: vec![seizure_node(), g.clone(), buyer.clone()],
            edges: vec![
                GraphEdge {
                    from: g.id.clone(),
                    to: "SZ-000042".into(),
                    kind: LinkKind::RecoveredIn,
                },
                GraphEdge {
                    from: g.id.clone(),
                    to: buyer.id.clone(),
                    kind: LinkKind::BoughtBy,
                },
            ],
        }
    };
    let set = PathSet {
        from: "SZ-000042".into(),
        to: buyer.id.clone(),
        paths: vec![path(2), path(4)],
        visited: 17,
    };
    answer(&mut s, &fx, PATHS, Data::Paths(set));
    update(&mut s, Action::Down);
    // The "marked" toast sits over the hint line for a while, by design: show the hint.
    s.toasts.clear();
    s
}

fn ring(n: u32, kind: RingKind) -> RingSuspect {
    let (id, label) = match kind {
        RingKind::Purchaser => (format!("P-{n:06}"), format!("Buyer {n} (synthetic) (AZ)")),
        RingKind::Dealer => (
            format!("9-86-000-07-2B-{n:05}"),
            format!("Desert Arms {n} (AZ)"),
        ),
    };
    let f = |code: &str, value: f64, points: f64| RingFactor {
        code: code.into(),
        value,
        points,
    };
    RingSuspect {
        id,
        kind,
        label,
        traces: 12 - n,
        recovered_in_mexico: 11 - n,
        mean_ttc_days: Some(i64::from(90 + 40 * n)),
        top_corridor: Some("AZ → Sonora".into()),
        score: 9.0 - f64::from(n) * 0.7,
        factors: vec![
            f("recovered_in_mexico", f64::from(11 - n), 3.0),
            f("short_ttc", 0.92, 2.5),
            f("multiple_sales", 2.0, 1.5),
            f("one_corridor", 0.8, 1.0),
        ],
        co_purchasers: match kind {
            RingKind::Purchaser => vec![format!("P-{:06}", n + 100), format!("P-{:06}", n + 101)],
            RingKind::Dealer => Vec::new(),
        },
    }
}

fn with_rings(lang: Lang, w: u16, h: u16, kind: RingKind) -> State {
    let mut s = with_tree(lang, w, h);
    let mut fx = update(&mut s, Action::Rings);
    if kind == RingKind::Dealer {
        fx = update(&mut s, Action::ToggleRingKind);
    }
    let rows = (1..=8).map(|n| ring(n, kind)).collect();
    answer(&mut s, &fx, RINGS, Data::Rings(rows));
    update(&mut s, Action::Down);
    s
}

#[test]
fn network_paths() {
    for lang in LANGS {
        for (w, h) in sizes(lang) {
            let s = with_paths(lang, w, h);
            let (dark, mono) = (render(&s, &theme("dark")), render(&s, &theme("mono")));
            insta::assert_snapshot!(snap_name("network_paths", &s), dark);
            insta::assert_snapshot!(snap_name("mono_network_paths", &s), mono);
        }
    }
}

#[test]
fn network_rings() {
    for lang in LANGS {
        for (w, h) in sizes(lang) {
            let s = with_rings(lang, w, h, RingKind::Purchaser);
            insta::assert_snapshot!(snap_name("network_rings", &s), render(&s, &theme("dark")));
            let s = with_rings(lang, w, h, RingKind::Dealer);
            let mono = render(&s, &theme("mono"));
            insta::assert_snapshot!(snap_name("mono_network_rings_dealers", &s), mono);
        }
    }
}

#[test]
fn an_empty_network_pane_says_how_to_open_one() {
    let mut s = state(Lang::En, 80, 24);
    update(&mut s, Action::Pane5);
    assert_eq!(s.active, PaneId::Network);
    let screen = render(&s, &theme("dark"));
    assert!(screen.contains("command palette"), "{screen}");
}

#[test]
fn n_on_a_queue_row_opens_that_seizures_network() {
    let mut s = state(Lang::En, 80, 24);
    update(&mut s, Action::Down);
    let id = s.panes.queue.rows[1].id.clone();
    let fx = update(&mut s, Action::Network);
    assert_eq!(s.active, PaneId::Network);
    assert!(
        fx.iter().any(
            |e| matches!(e, Effect::Fetch { slot, req: fwc::app::effect::Request::Neighbors(q), .. }
            if *slot == ROOT && q.id == id)
        ),
        "{fx:?}"
    );
}
