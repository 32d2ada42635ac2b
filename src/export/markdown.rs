//! The packet as Markdown for a prosecutor: plain sections, tables where they help, and every
//! note body exactly as written (notes are Markdown-flavoured already), each under a heading
//! naming its author and time and closed by a rule.

use std::fmt::Write;

use super::Packet;
use crate::model::*;

/// Renders the whole packet. Writing to a `String` cannot fail, so results are ignored.
pub fn render_markdown(p: &Packet) -> String {
    let mut out = String::new();
    summary(&mut out, p);
    members(&mut out, &p.case);
    evidence(&mut out, p);
    notes(&mut out, &p.notes);
    out
}

fn day(t: chrono::DateTime<chrono::Utc>) -> String {
    t.format("%Y-%m-%d %H:%M UTC").to_string()
}

/// A wire enum spelled for people: `crime_scene` → `crime scene`.
fn human(s: impl std::fmt::Display) -> String {
    s.to_string().replace('_', " ")
}

/// Table cells must not contain a bare `|` or a line break.
fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

fn summary(out: &mut String, p: &Packet) {
    let c = &p.case;
    let _ = writeln!(out, "# Case packet {} — {}\n", c.id, c.title);
    if p.synthetic_data {
        let _ = writeln!(
            out,
            "> **Synthetic data.** Every record in this packet was generated for demonstration; \
             no real person, dealer or event is described.\n"
        );
    }
    let countries: Vec<&str> = c.countries().iter().map(|c| c.as_str()).collect();
    let _ = writeln!(out, "- **Status:** {}", human(c.status));
    let _ = writeln!(out, "- **Lead agency:** {}", c.lead_agency);
    let _ = writeln!(out, "- **Countries:** {}", countries.join(", "));
    let _ = writeln!(out, "- **Opened:** {}", day(c.created_at));
    let _ = writeln!(out, "- **Last activity:** {}", day(c.last_activity));
    let _ = writeln!(
        out,
        "- **Linked records:** {} · **Notes:** {}",
        c.links.len(),
        p.notes.len()
    );
    let _ = writeln!(
        out,
        "- **Exported:** {} by {}\n",
        day(p.exported_at),
        p.exported_by
    );
}

fn members(out: &mut String, c: &Case) {
    let _ = writeln!(
        out,
        "## Members\n\n| Agency | Country | User |\n|---|---|---|"
    );
    for m in &c.members {
        let user = m.user.as_deref().unwrap_or("whole agency");
        let _ = writeln!(
            out,
            "| {} | {} | {} |",
            cell(&m.agency),
            m.country.as_str(),
            cell(user)
        );
    }
    out.push('\n');
}

fn evidence(out: &mut String, p: &Packet) {
    let _ = writeln!(out, "## Linked evidence\n");
    if p.case.links.is_empty() {
        let _ = writeln!(out, "No records are linked to this case.\n");
        return;
    }
    let _ = writeln!(out, "| Kind | Id | Description |\n|---|---|---|");
    for l in &p.case.links {
        let _ = writeln!(
            out,
            "| {} | {} | {} |",
            human(l.kind),
            cell(&l.id),
            cell(&l.label)
        );
    }
    out.push('\n');
    for s in &p.seizures {
        seizure(out, s);
    }
    for t in &p.traces {
        trace(out, t);
    }
    for l in &p.leads {
        lead(out, l);
    }
    if !p.unavailable.is_empty() {
        let _ = writeln!(out, "### Not included\n");
        for u in &p.unavailable {
            let _ = writeln!(out, "- {} {}: {}", u.kind, u.id, u.reason);
        }
        out.push('\n');
    }
}

fn seizure(out: &mut String, s: &Seizure) {
    let _ = writeln!(
        out,
        "### Seizure {} — {}, {}\n",
        s.id,
        s.place(),
        day(s.occurred_at)
    );
    let _ = writeln!(
        out,
        "{} by {} ({}). {}\n",
        human(s.kind),
        s.agency,
        s.country.as_str(),
        s.summary
    );
    for (label, v) in [
        ("Conveyance", &s.conveyance),
        ("Concealment", &s.concealment),
    ] {
        if let Some(v) = v {
            let _ = writeln!(out, "- {label}: {v}");
        }
    }
    for i in &s.items {
        let gun = i
            .firearm_id
            .as_deref()
            .map(|f| format!(" (firearm {f})"))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "- {} × {}: {}{gun}",
            i.quantity,
            human(i.kind),
            i.description
        );
    }
    out.push('\n');
}

fn trace(out: &mut String, t: &Trace) {
    let _ = writeln!(
        out,
        "### Trace {} — {} {} ({}), serial {}\n",
        t.id, t.make, t.model, t.caliber, t.serial
    );
    let _ = writeln!(
        out,
        "- Status: {}{}",
        human(t.status),
        t.failure_reason
            .map(|r| format!(" ({})", human(r)))
            .unwrap_or_default()
    );
    let _ = writeln!(
        out,
        "- Recovered: {} at {}",
        t.recovery_date, t.recovery_place
    );
    if let Some(d) = t.time_to_crime_days {
        let flag = if t.short_ttc() {
            " — under 3 years, a trafficking indicator"
        } else {
            ""
        };
        let _ = writeln!(out, "- Time to crime: {d} days{flag}");
    }
    if !t.chain.is_empty() {
        let steps: Vec<String> = t.chain.iter().map(chain_step).collect();
        let _ = writeln!(out, "- Chain: {}", steps.join(" → "));
    }
    for m in &t.multiple_sales {
        let _ = writeln!(
            out,
            "- Multiple-sale report {}: {} firearms on {} at {}",
            m.form, m.count, m.date, m.dealer_license
        );
    }
    out.push('\n');
}

fn chain_step(c: &ChainLink) -> String {
    let mut s = format!("{}: {}", human(c.role), c.name);
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

fn lead(out: &mut String, l: &Lead) {
    let _ = writeln!(
        out,
        "### Ballistic lead {} — casing {} ↔ {}\n",
        l.id, l.casing_id, l.candidate_id
    );
    let _ = writeln!(
        out,
        "- Status: {}{}",
        human(l.status),
        l.decided_by
            .as_deref()
            .map(|d| format!(" (decided by {d})"))
            .unwrap_or_default()
    );
    let _ = writeln!(
        out,
        "- Scores: combined {:.2}, breech face {:.2}, firing pin {:.2}; rank {}; {} class",
        l.scores.combined, l.scores.breech_face, l.scores.firing_pin, l.rank, l.caliber_class
    );
    if let Some(c) = &l.comment {
        let _ = writeln!(out, "- Examiner's comment: {c}");
    }
    out.push('\n');
}

fn notes(out: &mut String, notes: &[super::PacketNote]) {
    let _ = writeln!(out, "## Notes ({})\n", notes.len());
    for (i, pn) in notes.iter().enumerate() {
        let n = &pn.note;
        let edited = match (&n.edited_by, n.edited_at) {
            (Some(by), Some(at)) => {
                format!(" · edited by {by} (version {}) {}", n.version, day(at))
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
        earlier_versions(out, pn);
        let _ = writeln!(out, "---\n");
    }
}

/// Every version before the current one, oldest first, each with who wrote it and when: what
/// was said stays in the record even after an edit.
fn earlier_versions(out: &mut String, pn: &super::PacketNote) {
    let earlier: Vec<&NoteVersion> = pn
        .versions
        .iter()
        .filter(|v| v.version < pn.note.version)
        .collect();
    if earlier.is_empty() {
        return;
    }
    let _ = writeln!(out, "#### Earlier versions of {}\n", pn.note.id);
    for v in earlier {
        let _ = writeln!(
            out,
            "Version {} — {}, {}\n",
            v.version,
            v.edited_by,
            day(v.edited_at)
        );
        for line in v.body.lines() {
            let _ = writeln!(out, "> {line}");
        }
        out.push('\n');
    }
}
