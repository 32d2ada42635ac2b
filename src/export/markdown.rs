//! The packet as Markdown for a prosecutor: plain sections, tables where they help, and every
//! note body exactly as written (notes are Markdown-flavoured already), each under a heading
//! naming its author and time and closed by a rule.
//!
//! Records keep the language they were written in; everything the system writes around them
//! (headings, labels, statuses, units) is in the reader's language, from the catalogues of
//! [`crate::i18n`] that the console uses too.

use std::fmt::Write;

use super::Packet;
use crate::i18n::{
    Lang, case_status, entity, item_kind, lead_status, prosecution_stage, reason, role,
    seizure_kind, term, tr, trace_status,
};
use crate::model::*;

/// Renders the whole packet in `lang`. Writing to a `String` cannot fail, so results are
/// ignored.
pub fn render_markdown(p: &Packet, lang: Lang) -> String {
    let mut out = String::new();
    let l = lang;
    summary(&mut out, l, p);
    members(&mut out, l, &p.case);
    evidence(&mut out, l, p);
    notes(&mut out, l, &p.notes);
    out
}

fn day(t: chrono::DateTime<chrono::Utc>) -> String {
    t.format("%Y-%m-%d %H:%M UTC").to_string()
}

/// Table cells must not contain a bare `|` or a line break.
fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

fn summary(out: &mut String, l: Lang, p: &Packet) {
    let c = &p.case;
    let _ = writeln!(
        out,
        "# {}\n",
        tr!(l, "packet-title", id = &c.id, title = &c.title)
    );
    if p.synthetic_data {
        let _ = writeln!(
            out,
            "> **{}** {}\n",
            tr!(l, "packet-synthetic-title"),
            tr!(l, "packet-synthetic")
        );
    }
    let countries: Vec<&str> = c.countries().iter().map(|c| c.as_str()).collect();
    let field = |out: &mut String, id: &str, value: String| {
        let _ = writeln!(out, "- **{}:** {value}", tr!(l, id));
    };
    field(out, "packet-status", case_status(l, c.status));
    field(out, "packet-lead-agency", c.lead_agency.clone());
    field(out, "packet-countries", countries.join(", "));
    field(out, "packet-opened", day(c.created_at));
    field(out, "packet-last-activity", day(c.last_activity));
    field(out, "case-prosecution", prosecution(l, &c.prosecution));
    let _ = writeln!(
        out,
        "- **{}:** {} · **{}:** {}",
        tr!(l, "packet-linked-records"),
        c.links.len(),
        tr!(l, "packet-notes-count"),
        p.notes.len()
    );
    let by = tr!(
        l,
        "packet-exported-by",
        when = day(p.exported_at),
        who = &p.exported_by
    );
    field(out, "packet-exported", by);
    out.push('\n');
}

/// The stage, and from `referred` on the office, the date and the defendants as recorded.
fn prosecution(l: Lang, pr: &Prosecution) -> String {
    let mut parts = vec![prosecution_stage(l, pr.stage)];
    parts.extend(pr.office.clone());
    parts.extend(pr.date.map(|d| d.to_string()));
    parts.extend(pr.defendants.map(|n| tr!(l, "case-defendants", count = n)));
    parts.join(", ")
}

fn members(out: &mut String, l: Lang, c: &Case) {
    let _ = writeln!(
        out,
        "## {}\n\n| {} | {} | {} |\n|---|---|---|",
        tr!(l, "packet-members"),
        tr!(l, "packet-col-agency"),
        tr!(l, "packet-col-country"),
        tr!(l, "packet-col-user")
    );
    for m in &c.members {
        let user = match m.user.as_deref() {
            Some(u) => u.to_string(),
            None => tr!(l, "packet-whole-agency"),
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} |",
            cell(&m.agency),
            m.country.as_str(),
            cell(&user)
        );
    }
    out.push('\n');
}

fn evidence(out: &mut String, l: Lang, p: &Packet) {
    let _ = writeln!(out, "## {}\n", tr!(l, "packet-evidence"));
    if p.case.links.is_empty() {
        let _ = writeln!(out, "{}\n", tr!(l, "packet-no-links"));
        return;
    }
    let _ = writeln!(
        out,
        "| {} | {} | {} |\n|---|---|---|",
        tr!(l, "packet-col-kind"),
        tr!(l, "packet-col-id"),
        tr!(l, "packet-col-description")
    );
    for k in &p.case.links {
        let _ = writeln!(
            out,
            "| {} | {} | {} |",
            entity(l, k.kind),
            cell(&k.id),
            cell(&describe(l, p, k))
        );
    }
    out.push('\n');
    for s in &p.seizures {
        seizure(out, l, s);
    }
    for t in &p.traces {
        trace(out, l, t);
    }
    for d in &p.leads {
        lead(out, l, d);
    }
    if !p.unavailable.is_empty() {
        let _ = writeln!(out, "### {}\n", tr!(l, "packet-not-included"));
        for u in &p.unavailable {
            let why = super::unavailable_word(l, &u.code);
            let _ = writeln!(out, "- {} {}: {why}", entity(l, u.kind), u.id);
        }
        out.push('\n');
    }
}

/// A linked record's description: worded in the reader's language from the record itself when
/// the packet holds it (a trace's status and time to crime, a seizure's place and date, a
/// lead's pair and status), else the label stored with the link, as its author wrote it.
fn describe(l: Lang, p: &Packet, link: &CaseLink) -> String {
    let id = link.id.as_str();
    let found = match link.kind {
        EntityKind::Trace => p.traces.iter().find(|t| t.id == id).map(|t| {
            let mut s = format!("{} · {}", t.serial, trace_status(l, t.status));
            if let Some(d) = t.time_to_crime_days {
                let _ = write!(s, " · {}", tr!(l, "ttc-days", days = d));
            }
            s
        }),
        EntityKind::Seizure => p
            .seizures
            .iter()
            .find(|z| z.id == id)
            .map(|z| format!("{} · {}", z.place(), z.occurred_at.format("%Y-%m-%d"))),
        EntityKind::Lead => p.leads.iter().find(|d| d.id == id).map(|d| {
            format!(
                "{} ↔ {} · {}",
                d.casing_id,
                d.candidate_id,
                lead_status(l, d.status)
            )
        }),
        _ => None,
    };
    found.unwrap_or_else(|| link.label.clone())
}

/// A sentence starts with a capital, whatever word the catalogue puts first.
fn sentence(s: String) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => s,
    }
}

fn seizure(out: &mut String, l: Lang, s: &Seizure) {
    let title = tr!(
        l,
        "packet-seizure",
        id = &s.id,
        place = s.place(),
        when = day(s.occurred_at)
    );
    let _ = writeln!(out, "### {title}\n");
    let by = tr!(
        l,
        "packet-seizure-by",
        kind = seizure_kind(l, s.kind),
        agency = &s.agency,
        country = s.country.as_str()
    );
    let _ = writeln!(out, "{} {}\n", sentence(by), s.summary);
    for (id, v) in [
        ("conveyance", &s.conveyance),
        ("concealment", &s.concealment),
    ] {
        if let Some(v) = v {
            let _ = writeln!(out, "- {}: {}", tr!(l, id), term(l, v));
        }
    }
    for i in &s.items {
        let gun = i
            .firearm_id
            .as_deref()
            .map(|f| format!(" ({})", tr!(l, "packet-firearm-ref", id = f)))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "- {} × {}: {}{gun}",
            i.quantity,
            item_kind(l, i.kind),
            i.description
        );
    }
    out.push('\n');
}

fn trace(out: &mut String, l: Lang, t: &Trace) {
    let title = tr!(
        l,
        "packet-trace",
        id = &t.id,
        make = &t.make,
        model = &t.model,
        caliber = &t.caliber,
        serial = &t.serial
    );
    let _ = writeln!(out, "### {title}\n");
    let why = t
        .failure_reason
        .map(|r| format!(" ({})", reason(l, r)))
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "- {}: {}{why}",
        tr!(l, "packet-status"),
        trace_status(l, t.status)
    );
    let recovered = tr!(
        l,
        "packet-recovered",
        date = t.recovery_date.to_string(),
        place = &t.recovery_place
    );
    let _ = writeln!(out, "- {recovered}");
    if let Some(d) = t.time_to_crime_days {
        let mut ttc = tr!(l, "packet-ttc", days = d);
        if t.short_ttc() {
            let _ = write!(ttc, " — {}", tr!(l, "packet-ttc-short"));
        }
        let _ = writeln!(out, "- {ttc}");
    }
    if !t.chain.is_empty() {
        let steps: Vec<String> = t.chain.iter().map(|c| chain_step(l, c)).collect();
        let _ = writeln!(out, "- {}: {}", tr!(l, "packet-chain"), steps.join(" → "));
    }
    for m in &t.multiple_sales {
        let sale = tr!(
            l,
            "packet-multiple-sale",
            form = &m.form,
            count = m.count,
            date = m.date.to_string(),
            dealer = &m.dealer_license
        );
        let _ = writeln!(out, "- {sale}");
    }
    out.push('\n');
}

fn chain_step(l: Lang, c: &ChainLink) -> String {
    let mut s = format!("{}: {}", role(l, c.role), c.name);
    let extra: Vec<String> = [
        c.reference.clone(),
        c.location.clone(),
        c.date.map(|d| d.to_string()),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !extra.is_empty() {
        let _ = write!(s, " ({})", extra.join(", "));
    }
    s
}

fn lead(out: &mut String, l: Lang, d: &Lead) {
    let title = tr!(
        l,
        "packet-lead",
        id = &d.id,
        casing = &d.casing_id,
        candidate = &d.candidate_id
    );
    let _ = writeln!(out, "### {title}\n");
    let by = d
        .decided_by
        .as_deref()
        .map(|who| format!(" ({})", tr!(l, "packet-decided-by", who = who)))
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "- {}: {}{by}",
        tr!(l, "packet-status"),
        lead_status(l, d.status)
    );
    let scores = tr!(
        l,
        "packet-scores",
        combined = format!("{:.2}", d.scores.combined),
        breech = format!("{:.2}", d.scores.breech_face),
        pin = format!("{:.2}", d.scores.firing_pin),
        rank = d.rank,
        class = &d.caliber_class
    );
    let _ = writeln!(out, "- {scores}");
    if let Some(c) = &d.comment {
        let _ = writeln!(out, "- {}: {c}", tr!(l, "packet-examiner-comment"));
    }
    out.push('\n');
}

fn notes(out: &mut String, l: Lang, notes: &[super::PacketNote]) {
    let _ = writeln!(out, "## {}\n", tr!(l, "packet-notes", count = notes.len()));
    for (i, pn) in notes.iter().enumerate() {
        let n = &pn.note;
        let edited = match (&n.edited_by, n.edited_at) {
            (Some(by), Some(at)) => {
                let e = tr!(
                    l,
                    "packet-note-edited",
                    who = by,
                    version = n.version,
                    when = day(at)
                );
                format!(" · {e}")
            }
            _ => String::new(),
        };
        let _ = writeln!(
            out,
            "### {}. {} ({}) — {}{edited}\n",
            i + 1,
            n.author,
            n.author_agency,
            day(n.created_at)
        );
        let _ = writeln!(out, "{}\n\n<sub>{}</sub>\n", n.body, n.id);
        earlier_versions(out, l, pn);
        let _ = writeln!(out, "---\n");
    }
}

/// Every version before the current one, oldest first, each with who wrote it and when: what
/// was said stays in the record even after an edit.
fn earlier_versions(out: &mut String, l: Lang, pn: &super::PacketNote) {
    let earlier: Vec<&NoteVersion> = pn
        .versions
        .iter()
        .filter(|v| v.version < pn.note.version)
        .collect();
    if earlier.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "#### {}\n",
        tr!(l, "packet-earlier-versions", id = &pn.note.id)
    );
    for v in earlier {
        let head = tr!(
            l,
            "packet-version",
            version = v.version,
            who = &v.edited_by,
            when = day(v.edited_at)
        );
        let _ = writeln!(out, "{head}\n");
        for line in v.body.lines() {
            let _ = writeln!(out, "> {line}");
        }
        out.push('\n');
    }
}
