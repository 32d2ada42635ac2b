//! One lead compared: the two casings side by side (as imaged, aligned, or their difference),
//! the per-marking scores and rank, where and when each casing was recovered with its seizure
//! and cases, and the cluster of confirmed hits the casing already belongs to.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::casing_view;
use crate::app::panes::ballistics::{CasingImage, CompareView, LeadDetail, overdue};
use crate::app::state::{Lang, State};
use crate::ballistics::Gray;
use crate::ballistics::align::{aligned_difference, aligned_overlay};
use crate::model::{Casing, Decision};
use crate::ui::fmt::{local_date, local_datetime, safe};
use crate::ui::i18n::{lead_status, tr};
use crate::ui::panes::ballistics::status_role;
use crate::ui::panes::frame_block;
use crate::ui::theme::{Role, Theme};

pub fn draw(f: &mut Frame, area: Rect, s: &State, th: &Theme) {
    let Some(d) = &s.panes.ballistics.detail else {
        return;
    };
    let l = s.lang;
    let lead = &d.lead;
    // A pair from a correlation list that is no lead yet: its rank instead of a lead's id.
    let mut title = if lead.id.is_empty() {
        let rank = tr!(l, "bal-review-pair", rank = lead.rank.to_string());
        vec![Span::styled(format!(" {rank} "), th.style(Role::Title))]
    } else {
        vec![
            Span::styled(format!(" {} ", safe(&lead.id)), th.style(Role::Title)),
            Span::styled(
                format!("· {} ", lead_status(l, lead.status)),
                th.style(status_role(lead.status)),
            ),
        ]
    };
    if !lead.id.is_empty() && overdue(lead, s.now) {
        title.push(Span::styled(
            format!("· ! {} ", tr!(l, "bal-overdue")),
            th.style(Role::Alert),
        ));
    }
    let block = frame_block(Line::from(title), th);
    let inner = block.inner(area);
    f.render_widget(block, area);

    let info_w = if inner.width >= 110 {
        inner.width / 3
    } else {
        inner.width.saturating_sub(52).max(24)
    };
    let [pics, info] = Layout::horizontal([Constraint::Min(20), Constraint::Length(info_w)])
        .spacing(1)
        .areas(inner);
    images(f, pics, s, d, th);
    let lines = info_lines(s, d, th);
    let scroll = (d.scroll.min(usize::from(u16::MAX)) as u16, 0);
    f.render_widget(
        Paragraph::new(lines)
            .wrap(Wrap { trim: false })
            .scroll(scroll),
        info,
    );
}

fn view_label(l: Lang, v: CompareView) -> String {
    match v {
        CompareView::Raw => tr!(l, "bal-view-raw"),
        CompareView::Aligned => tr!(l, "bal-view-aligned"),
        CompareView::Difference => tr!(l, "bal-view-difference"),
    }
}

/// The right-hand image for the current view: the candidate as stored, turned onto the
/// casing by the engine's alignment, or the difference of the two after that alignment.
fn compared(d: &LeadDetail, query: Option<&Gray>, cand: &Gray) -> Gray {
    let (rot, dx, dy) = (d.lead.rotation_deg, d.lead.shift_x, d.lead.shift_y);
    match (d.view, query) {
        (CompareView::Raw, _) | (_, None) => cand.clone(),
        (CompareView::Aligned, Some(q)) => aligned_overlay(cand, rot, dx, dy, q.width, q.height),
        (CompareView::Difference, Some(q)) => aligned_difference(q, cand, rot, dx, dy),
    }
}

fn images(f: &mut Frame, area: Rect, s: &State, d: &LeadDetail, th: &Theme) {
    let l = s.lang;
    let [labels, body, mode, note] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(2),
        Constraint::Length(1),
        Constraint::Length(2),
    ])
    .areas(area);
    let halves = |r: Rect| {
        Layout::horizontal([Constraint::Ratio(1, 2), Constraint::Ratio(1, 2)])
            .spacing(2)
            .areas::<2>(r)
    };
    let [lab_a, lab_b] = halves(labels);
    let [pic_a, pic_b] = halves(body);
    let query = s.panes.ballistics.casing(&d.lead.casing_id);
    let cand = s.panes.ballistics.casing(&d.lead.candidate_id);
    let label = |m: &str, id: &str| {
        Line::from(vec![
            Span::styled(format!("{} ", tr!(l, m)), th.style(Role::Header)),
            Span::raw(safe(id).into_owned()),
        ])
    };
    f.render_widget(
        Paragraph::new(label("bal-casing", &d.lead.casing_id)),
        lab_a,
    );
    f.render_widget(
        Paragraph::new(label("bal-candidate", &d.lead.candidate_id)),
        lab_b,
    );
    let q_img = query.and_then(|c| c.gray.as_ref());
    let panel = |rec: Option<&CasingImage>, img, contrast| Panel {
        fetched: rec.is_some(),
        img,
        zoom: d.zoom,
        contrast,
    };
    picture(f, pic_a, s, panel(query, q_img.cloned(), true), th);
    let c_img = cand
        .and_then(|c| c.gray.as_ref())
        .map(|g| compared(d, q_img, g));
    let contrast = d.view != CompareView::Difference;
    picture(f, pic_b, s, panel(cand, c_img, contrast), th);
    let zoom = tr!(l, "bal-zoom", factor = d.zoom.to_string());
    f.render_widget(
        Paragraph::new(Span::styled(
            format!("{} · {zoom}", view_label(l, d.view)),
            th.style(Role::Accent),
        )),
        mode,
    );
    f.render_widget(
        Paragraph::new(Span::styled(tr!(l, "bal-synthetic"), th.style(Role::Warn)))
            .wrap(Wrap { trim: true }),
        note,
    );
}

/// One side of the comparison as drawn.
struct Panel {
    /// Whether the casing record arrived (an image may still be missing from it).
    fetched: bool,
    img: Option<Gray>,
    zoom: u8,
    /// Stretch the grey levels (everything but the difference view).
    contrast: bool,
}

fn picture(f: &mut Frame, area: Rect, s: &State, p: Panel, th: &Theme) {
    if !s.panes.ballistics.images_shown(s.link.slow()) {
        // Drawn only on request (the slow-link profile): an image is kilobytes of colour cells.
        let key = crate::ui::i18n::Seg::bound(&["toggle_images"], "")
            .key_text(s.lang, &crate::ui::panes::bindings_here(s))
            .unwrap_or_default();
        f.render_widget(
            Paragraph::new(Span::styled(
                tr!(s.lang, "bal-image-on-request", key = key),
                th.style(Role::Muted),
            ))
            .wrap(Wrap { trim: true }),
            area,
        );
        return;
    }
    match p.img {
        Some(g) => {
            let img = casing_view::crop(&g, p.zoom);
            casing_view::draw(f.buffer_mut(), area, &img, th.depth, p.contrast);
        }
        None => {
            let what = if p.fetched {
                tr!(s.lang, "bal-no-image")
            } else {
                tr!(s.lang, "loading")
            };
            f.render_widget(
                Paragraph::new(Span::styled(what, th.style(Role::Muted))),
                area,
            );
        }
    }
}

fn info_lines<'a>(s: &State, d: &LeadDetail, th: &Theme) -> Vec<Line<'a>> {
    let l = s.lang;
    let lead = &d.lead;
    let head = |m: &str| Line::styled(tr!(l, m), th.style(Role::Header));
    let score = |m: &str, v: f32| {
        Line::from(vec![
            Span::styled(format!("  {:<15}", tr!(l, m)), th.style(Role::Muted)),
            Span::raw(format!("{v:.3}")),
        ])
    };
    let total = d.siblings.len().max(lead.rank as usize);
    let mut out = vec![
        head("bal-scores"),
        score("bal-breech-face", lead.scores.breech_face),
        score("bal-firing-pin", lead.scores.firing_pin),
        score("bal-combined", lead.scores.combined),
        Line::raw(format!(
            "  {}",
            tr!(l, "bal-rank", rank = lead.rank.to_string(), total = total)
        )),
        Line::styled(
            format!(
                "  {}",
                tr!(
                    l,
                    "bal-alignment",
                    degrees = format!("{:.1}", lead.rotation_deg),
                    dx = lead.shift_x.to_string(),
                    dy = lead.shift_y.to_string(),
                )
            ),
            th.style(Role::Muted),
        ),
    ];
    if let Some(by) = &lead.decided_by {
        out.push(Line::raw(format!(
            "  {}",
            tr!(l, "bal-decided", examiner = safe(by))
        )));
    }
    if let Some(c) = &lead.comment {
        out.push(Line::styled(
            format!("  “{}”", safe(c)),
            th.style(Role::Accent),
        ));
    }
    out.push(Line::raw(""));
    out.push(head("bal-incidents"));
    for id in [&lead.casing_id, &lead.candidate_id] {
        match s.panes.ballistics.casing(id) {
            Some(c) => out.extend(incident(l, &c.casing, th)),
            None => out.push(Line::styled(
                format!("  {} · {}", safe(id), tr!(l, "loading")),
                th.style(Role::Muted),
            )),
        }
    }
    out.push(Line::raw(""));
    out.extend(cluster(s, d, th));
    out
}

fn incident<'a>(l: Lang, c: &Casing, th: &Theme) -> Vec<Line<'a>> {
    let seizure = c.seizure_id.as_deref().map_or_else(
        || tr!(l, "bal-none-yet").to_string(),
        |z| safe(z).into_owned(),
    );
    let cases = if c.case_ids.is_empty() {
        tr!(l, "bal-none-yet").to_string()
    } else {
        c.case_ids
            .iter()
            .map(|x| safe(x).into_owned())
            .collect::<Vec<_>>()
            .join(", ")
    };
    vec![
        Line::from(vec![
            Span::styled(format!("  {}", safe(&c.id)), th.style(Role::Key)),
            Span::raw(format!(" · {}", safe(&c.incident_id))),
        ]),
        Line::raw(format!("    {}", safe(&c.place))),
        Line::styled(
            format!(
                "    {} {}",
                tr!(l, "bal-recovered"),
                local_datetime(c.recovered_at)
            ),
            th.style(Role::Muted),
        ),
        Line::styled(
            format!(
                "    {} {} · {} {}",
                tr!(l, "bal-seizure"),
                seizure,
                tr!(l, "bal-cases"),
                cases
            ),
            th.style(Role::Muted),
        ),
    ]
}

fn cluster<'a>(s: &State, d: &LeadDetail, th: &Theme) -> Vec<Line<'a>> {
    let l = s.lang;
    let mut out = vec![Line::styled(
        tr!(l, "bal-cluster").to_string(),
        th.style(Role::Header),
    )];
    let Some(c) = d.cluster.as_ref().filter(|c| !c.hits.is_empty()) else {
        let what = if d.cluster.is_some() {
            tr!(l, "bal-no-cluster")
        } else {
            tr!(l, "loading")
        };
        out.push(Line::styled(format!("  {what}"), th.style(Role::Muted)));
        return out;
    };
    out.push(Line::raw(format!(
        "  {}",
        tr!(
            l,
            "bal-cluster-count",
            casings = c.casings.len(),
            hits = c.hits.len(),
        )
    )));
    for k in &c.casings {
        out.push(Line::raw(format!(
            "  {} {} · {} · {}",
            safe(&k.id),
            local_date(k.recovered_at),
            safe(&k.incident_id),
            safe(&k.place)
        )));
    }
    out
}

/// The prompt title of a pending decision, e.g. "Exclude BL-000123 — comment".
pub fn comment_title(s: &State) -> String {
    if let Some((casing, candidate)) = &s.panes.ballistics.marking {
        return tr!(
            s.lang,
            "bal-comment-mark",
            casing = safe(casing),
            candidate = safe(candidate)
        );
    }
    let Some((id, decision)) = &s.panes.ballistics.deciding else {
        return String::new();
    };
    let m = match decision {
        Decision::Confirm => "bal-comment-confirm",
        Decision::Exclude => "bal-comment-exclude",
        Decision::Inconclusive => "bal-comment-inconclusive",
    };
    tr!(s.lang, m, lead = safe(id))
}

/// The prompt's help line: a decision's comment may be empty, a mark's may not.
pub fn comment_hint(s: &State) -> String {
    match s.panes.ballistics.marking {
        Some(_) => tr!(s.lang, "bal-comment-mark-hint"),
        None => tr!(s.lang, "bal-comment-hint"),
    }
}
