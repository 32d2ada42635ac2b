//! Screens of the ballistics review pane: the lead queue and the comparison of one lead, in
//! both languages, at 80×24 and 160×48, and in the monochrome theme.

use crate::support::ui::*;
use base64::Engine as _;
use chrono::Duration;
use fwc::app::panes::{PaneId, index_of};
use fwc::app::reply::Data;
use fwc::app::state::{Lang, State};
use fwc::app::{Action, update};
use fwc::ballistics::synth;
use fwc::model::*;
use ratatui::style::Color;

fn lead(n: u32) -> Lead {
    let status = match n % 5 {
        3 => LeadStatus::Excluded,
        4 => LeadStatus::Confirmed,
        _ => LeadStatus::Pending,
    };
    let decided = status != LeadStatus::Pending;
    Lead {
        id: format!("BL-{n:06}"),
        casing_id: format!("BC-{:06}", 100 + n / 3),
        candidate_id: format!("BC-{:06}", 10 + n),
        rank: 1 + n % 3,
        scores: MarkScores {
            breech_face: 0.9 - n as f32 * 0.01,
            firing_pin: 0.8 - n as f32 * 0.01,
            combined: 0.86 - n as f32 * 0.01,
        },
        rotation_deg: 37.5,
        shift_x: 1,
        shift_y: -1,
        status,
        created_at: now() - Duration::hours(i64::from(n) * 9),
        decided_at: decided.then(now),
        decided_by: decided.then(|| "E. Ortega".into()),
        comment: decided.then(|| "reviewed".into()),
        caliber_class: "9mm".into(),
        marked_by: None,
        mark_comment: None,
    }
}

fn casing(id: &str, gun: &str, shot: u32) -> Casing {
    let img = synth::fire(gun, "9mm", shot, 7);
    Casing {
        id: id.into(),
        source: CasingSource::Scene,
        incident_id: format!("INC-MX-SON-{}", &id[3..]),
        caliber_class: "9mm".into(),
        recovered_at: now() - Duration::days(20),
        acquired_at: now() - Duration::days(19),
        place: "Hermosillo, Sonora".into(),
        seizure_id: Some("SZ-000042".into()),
        firearm_id: None,
        case_ids: vec!["CS-2026-0007".into()],
        image_size: img.width as u32,
        image: Some(base64::engine::general_purpose::STANDARD.encode(&img.pixels)),
    }
}

/// The pane with a queue of leads, focused.
fn with_queue(lang: Lang, w: u16, h: u16) -> State {
    let mut s = state(lang, w, h);
    let fx = update(&mut s, pane_key());
    answer_each(&mut s, &fx, |slot| {
        (slot == fwc::app::panes::ballistics::LIST).then(|| {
            Data::Leads(Page {
                items: (1..=40).map(lead).collect(),
                next_cursor: None,
            })
        })
    });
    s
}

fn pane_key() -> Action {
    [Action::Pane1, Action::Pane2, Action::Pane3, Action::Pane4][index_of(PaneId::Ballistics)]
        .clone()
}

/// The comparison of lead 1 with both casings, its siblings and a cluster loaded.
fn with_detail(lang: Lang, w: u16, h: u16) -> State {
    let mut s = with_queue(lang, w, h);
    let fx = update(&mut s, Action::Open);
    let l = lead(1);
    answer_each(&mut s, &fx, |slot| {
        Some(match slot {
            fwc::app::panes::ballistics::CASING_QUERY => {
                Data::Casing(casing(&l.casing_id, "G-7", 0))
            }
            fwc::app::panes::ballistics::CASING_CANDIDATE => {
                Data::Casing(casing(&l.candidate_id, "G-7", 3))
            }
            fwc::app::panes::ballistics::SIBLINGS_SLOT => Data::Leads(Page {
                items: vec![l.clone(), lead(2)],
                next_cursor: None,
            }),
            fwc::app::panes::ballistics::CLUSTER => Data::Cluster(Cluster {
                casing_id: l.casing_id.clone(),
                casings: vec![casing("BC-000100", "G-7", 0), casing("BC-000077", "G-7", 1)],
                hits: vec![lead(4)],
            }),
            fwc::app::panes::ballistics::DETAIL => Data::Lead(l.clone()),
            _ => return None,
        })
    });
    s
}

fn snap(name: &str, s: &State, theme_name: &str) {
    let (w, h) = s.size;
    let lang = s.lang;
    insta::assert_snapshot!(
        format!("{name}_{lang:?}_{w}x{h}").to_lowercase(),
        render(s, &theme(theme_name))
    );
}

#[test]
fn lead_queue() {
    for lang in LANGS {
        for (w, h) in sizes(lang) {
            let mut s = with_queue(lang, w, h);
            update(&mut s, Action::Down);
            snap("lead_queue", &s, "dark");
            snap("mono_lead_queue", &s, "mono");
        }
    }
}

#[test]
fn comparison() {
    for lang in LANGS {
        for (w, h) in sizes(lang) {
            let s = with_detail(lang, w, h);
            snap("comparison", &s, "dark");
            let mono = fwc::ui::theme::Theme::builtin("mono", fwc::app::options::ColorDepth::Mono);
            insta::assert_snapshot!(
                format!("mono_comparison_{lang:?}_{w}x{h}").to_lowercase(),
                render(&s, &mono)
            );
        }
    }
}

#[test]
fn difference_view_and_comment_prompt() {
    let mut s = with_detail(Lang::En, 80, 24);
    update(&mut s, Action::ToggleView);
    update(&mut s, Action::ToggleView);
    update(&mut s, Action::ExcludeLead);
    let mono = fwc::ui::theme::Theme::builtin("mono", fwc::app::options::ColorDepth::Mono);
    insta::assert_snapshot!("exclude_prompt_en_80x24", render(&s, &mono));
}

#[test]
fn overdue_leads_are_marked_in_text_and_in_the_alert_role() {
    let s = with_queue(Lang::En, 160, 48);
    let screen = render(&s, &theme("dark"));
    let late = screen
        .lines()
        .find(|l| l.contains("BL-000040"))
        .expect("row of a lead filed 15 days ago");
    assert!(late.contains('!') && late.contains("OVERDUE"), "{late}");
    let fresh = screen.lines().find(|l| l.contains("BL-000001")).unwrap();
    assert!(!fresh.contains("OVERDUE"), "{fresh}");
    let buf = buffer(&s, &theme("dark"));
    let y = (0..buf.area.height)
        .find(|&y| {
            (0..20)
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect::<String>()
                .contains("BL-000040")
        })
        .unwrap();
    assert_eq!(buf[(1, y)].symbol(), "!");
    assert_ne!(buf[(1, y)].fg, Color::Reset);
}

#[test]
fn the_casings_are_drawn_as_half_blocks_in_colour_and_as_a_ramp_in_mono() {
    let s = with_detail(Lang::En, 160, 48);
    let colour = render(&s, &theme("dark"));
    assert!(colour.matches('▀').count() > 1000);
    let mono = fwc::ui::theme::Theme::builtin("mono", fwc::app::options::ColorDepth::Mono);
    let plain = render(&s, &mono);
    assert!(!plain.contains('▀'));
    assert!(plain.contains('@') && plain.contains('#'));
    assert!(plain.contains("SYNTHETIC IMAGES"));
}

fn review_item(n: u32) -> ReviewItem {
    let acquired_at = now() - Duration::hours(i64::from(73 - n * 13));
    ReviewItem {
        casing_id: format!("BC-{:06}", 200 + n),
        incident_id: format!("INC-MX-SIN-{:05}", 40 + n),
        caliber_class: "9mm".into(),
        place: "Culiacán, Sinaloa".into(),
        acquired_at,
        due_at: acquired_at + Duration::hours(48),
        overdue: now() > acquired_at + Duration::hours(48),
        candidates: 10,
        best_score: Some(0.71 - n as f32 * 0.1),
    }
}

fn correlation_list() -> CorrelationList {
    let acquired_at = now() - Duration::hours(60);
    let candidates = (1..=10)
        .map(|rank| CorrelationCandidate {
            candidate_id: format!("BC-{:06}", 120 + rank),
            rank,
            scores: MarkScores {
                breech_face: 0.7 - rank as f32 * 0.04,
                firing_pin: 0.6,
                combined: 0.68 - rank as f32 * 0.04,
            },
            agreeing_cells: Some(12 - rank.min(11)),
            usable_cells: Some(12),
            cell_score: Some(0.6 - rank as f32 * 0.04),
            false_match_rate: Some(10f64.powi(rank as i32 - 8).min(1.0)),
            rotation_deg: 12.5 * rank as f32,
            shift_x: 1,
            shift_y: -1,
            lead_id: (rank == 2).then(|| "BL-000031".into()),
            lead_status: (rank == 2).then_some(LeadStatus::Pending),
        })
        .collect();
    CorrelationList {
        casing_id: "BC-000201".into(),
        incident_id: "INC-MX-SIN-00041".into(),
        caliber_class: "9mm".into(),
        acquired_at,
        due_at: acquired_at + Duration::hours(48),
        overdue: true,
        state: CorrelationState::Unreviewed,
        reviewed_at: None,
        reviewed_by: None,
        candidates,
    }
}

/// "Correlations to review" shown, its queue loaded.
fn with_reviews(lang: Lang, w: u16, h: u16) -> State {
    let mut s = with_queue(lang, w, h);
    let fx = update(&mut s, Action::ToggleReviews);
    answer_each(&mut s, &fx, |slot| {
        (slot == fwc::app::panes::ballistics::review::REVIEWS).then(|| {
            Data::Reviews(Page {
                items: (1..=4).map(review_item).collect(),
                next_cursor: None,
            })
        })
    });
    s
}

/// The first casing's correlation list opened from the queue, the second candidate selected.
fn with_correlations(lang: Lang, w: u16, h: u16) -> State {
    let mut s = with_reviews(lang, w, h);
    let fx = update(&mut s, Action::Open);
    answer_each(&mut s, &fx, |slot| {
        (slot == fwc::app::panes::ballistics::review::CORRELATIONS)
            .then(|| Data::Correlations(correlation_list()))
    });
    update(&mut s, Action::Down);
    s
}

#[test]
fn correlations_to_review() {
    for lang in [Lang::En, Lang::Es] {
        let s = with_reviews(lang, 80, 24);
        snap("review_queue", &s, "dark");
        let s = with_correlations(lang, 80, 24);
        snap("correlation_list", &s, "dark");
    }
}

#[test]
fn overdue_lists_show_in_text_and_the_mark_asks_for_a_comment() {
    let s = with_reviews(Lang::En, 80, 24);
    let screen = render(&s, &theme("dark"));
    let late = screen.lines().find(|l| l.contains("BC-000201")).unwrap();
    assert!(late.contains('!') && late.contains("overdue by"), "{late}");
    let fresh = screen.lines().find(|l| l.contains("BC-000204")).unwrap();
    assert!(fresh.contains("due in") && !fresh.contains('!'), "{fresh}");

    // Enter on a candidate compares the pair; the mark key asks for the comment there.
    let mut s = with_correlations(Lang::En, 80, 24);
    update(&mut s, Action::Open);
    let pair = render(&s, &theme("dark"));
    assert!(
        pair.contains("BC-000201") && pair.contains("BC-000122"),
        "{pair}"
    );
    // An investigator is told at once that marking is for technicians and examiners.
    update(&mut s, Action::MarkLead);
    let refused = render(&s, &theme("mono"));
    assert!(
        refused.contains("Only a technician or a ballistics examiner"),
        "{refused}"
    );
    s.session.user.as_mut().expect("signed in").role = Role::Technician;
    update(&mut s, Action::MarkLead);
    let prompt = render(&s, &theme("mono"));
    assert!(
        prompt.contains("Mark BC-000201 ↔ BC-000122 as a lead"),
        "{prompt}"
    );
}

#[test]
fn comparison_on_a_slow_link_draws_the_images_on_request() {
    use fwc::app::link::{LinkMode, LinkProfile};
    let themes = fwc::ui::theme::Themes::new(theme("dark"));
    for lang in [Lang::En, Lang::Es] {
        let mut s = with_detail(lang, 80, 24);
        s.link = LinkProfile::new(LinkMode::Slow);
        assert!(!s.panes.ballistics.images_shown(true));
        insta::assert_snapshot!(
            format!("slow_comparison_{lang:?}_80x24").to_lowercase(),
            render(&s, themes.pick(&s))
        );
        update(&mut s, Action::ToggleImages);
        assert!(s.panes.ballistics.images_shown(true), "the key draws them");
        if lang == Lang::En {
            insta::assert_snapshot!(
                "slow_comparison_images_en_80x24",
                render(&s, themes.pick(&s))
            );
        }
        update(&mut s, Action::ToggleImages);
        assert!(
            !s.panes.ballistics.images_shown(true),
            "and hides them again"
        );
    }
}
