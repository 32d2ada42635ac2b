//! The case packet: a self-contained record of one case — summary, members, linked evidence
//! (trace chains, seizures, ballistic leads) and the notes in order — for a prosecutor to read
//! (Markdown) or a tool to load (JSON).
//!
//! It is a library module rather than part of the command line because two front ends offer
//! the same packet: `fwc export case` (src/cli/export.rs) and the console's export action
//! (the app's backend). Both build it with [`build_packet`]; the console renders it with
//! [`render_markdown`] into [`markdown_file_name`], and its runtime writes that file into the
//! directory the console was started in (the one place a person looks for a file they did not
//! name).

mod markdown;

use anyhow::Context;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::api::{ApiClient, ApiError, ApiErrorKind};
use crate::i18n::{Lang, tr};
use crate::model::*;

pub use markdown::render_markdown;

/// Everything a packet holds. The JSON form is exactly this struct.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Packet {
    pub case: Case,
    /// Every note, oldest first, at its current version and with every version before it, so
    /// nothing said in the case can vanish from the record.
    pub notes: Vec<PacketNote>,
    /// Linked traces, then the traces of linked seizures and firearms, each once.
    pub traces: Vec<Trace>,
    pub seizures: Vec<Seizure>,
    /// Linked leads, then the leads of linked casings, each once.
    pub leads: Vec<Lead>,
    /// Linked records the exporting user may not read or that no longer exist.
    pub unavailable: Vec<Unavailable>,
    pub exported_at: DateTime<Utc>,
    /// `name (agency)` of the exporting user.
    pub exported_by: String,
    /// As the server reports it: true for the reference server's generated records.
    pub synthetic_data: bool,
}

/// A note with all its versions (oldest first; one for a note never edited), each naming who
/// wrote it and when. In JSON the note's own fields sit beside `versions`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PacketNote {
    #[serde(flatten)]
    pub note: Note,
    pub versions: Vec<NoteVersion>,
}

/// A linked record left out of the packet, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Unavailable {
    pub kind: EntityKind,
    pub id: String,
    /// Why, as a stable code: `forbidden` (the exporting user may not read it) or `not_found`.
    #[serde(default)]
    pub code: String,
    /// The server's own message (English), as detail.
    pub reason: String,
}

/// Why a record is not in the packet, in the reader's language.
pub fn unavailable_word(lang: Lang, code: &str) -> String {
    match code {
        "forbidden" => tr!(lang, "packet-unavailable-forbidden"),
        _ => tr!(lang, "packet-unavailable-not-found"),
    }
}

/// Collects the packet for `case_id` as the client's user sees it (need-to-know applies).
pub async fn build_packet(client: &ApiClient, case_id: &str) -> anyhow::Result<Packet> {
    let case = client.case(case_id).await?;
    let me = client.me().await?;
    let health = client.health().await?;
    let notes = all_notes(client, case_id).await?;
    let mut b = Builder::default();
    for link in &case.links {
        b.add_link(client, link).await?;
    }
    b.fetch_traces(client).await?;
    Ok(Packet {
        case,
        notes,
        traces: b.traces,
        seizures: b.seizures,
        leads: b.leads,
        unavailable: b.unavailable,
        exported_at: Utc::now(),
        exported_by: format!("{} ({})", me.name, me.agency),
        synthetic_data: health.synthetic_data,
    })
}

async fn all_notes(client: &ApiClient, case_id: &str) -> Result<Vec<PacketNote>, ApiError> {
    let mut q = NoteQuery {
        limit: Some(MAX_PAGE_LIMIT),
        ..NoteQuery::default()
    };
    let mut notes = Vec::new();
    loop {
        let page = client.notes(case_id, &q).await?;
        notes.extend(page.items);
        match page.next_cursor {
            Some(c) => q.cursor = Some(c),
            None => break,
        }
    }
    let mut out = Vec::with_capacity(notes.len());
    for note in notes {
        out.push(with_versions(client, note).await?);
    }
    Ok(out)
}

/// A note and its versions: only an edited note costs a history request (a note at version 1
/// is its own only version).
async fn with_versions(client: &ApiClient, note: Note) -> Result<PacketNote, ApiError> {
    let versions = if note.version > 1 {
        client.note_history(&note.case_id, &note.id).await?
    } else {
        vec![NoteVersion {
            note_id: note.id.clone(),
            version: note.version,
            body: note.body.clone(),
            author: note.author.clone(),
            edited_by: note.author.clone(),
            edited_at: note.created_at,
        }]
    };
    Ok(PacketNote { note, versions })
}

/// Gathers linked evidence in link order, each record once.
#[derive(Default)]
struct Builder {
    trace_ids: Vec<String>,
    traces: Vec<Trace>,
    seizures: Vec<Seizure>,
    leads: Vec<Lead>,
    unavailable: Vec<Unavailable>,
}

impl Builder {
    async fn add_link(&mut self, client: &ApiClient, link: &CaseLink) -> anyhow::Result<()> {
        let fetched = match link.kind {
            EntityKind::Trace => {
                self.want_trace(&link.id);
                Ok(())
            }
            EntityKind::Seizure => client.seizure(&link.id).await.map(|s| {
                for t in &s.trace_ids {
                    self.want_trace(t);
                }
                if !self.seizures.iter().any(|x| x.id == s.id) {
                    self.seizures.push(s);
                }
            }),
            EntityKind::Firearm => {
                let q = TraceQuery {
                    firearm_id: Some(link.id.clone()),
                    limit: Some(MAX_PAGE_LIMIT),
                    ..TraceQuery::default()
                };
                client.traces(&q).await.map(|p| {
                    for t in p.items {
                        self.want_trace(&t.id);
                    }
                })
            }
            EntityKind::Lead => client.lead(&link.id).await.map(|l| self.push_lead(l)),
            EntityKind::Casing => {
                let q = LeadQuery {
                    casing_id: Some(link.id.clone()),
                    limit: Some(MAX_PAGE_LIMIT),
                    ..LeadQuery::default()
                };
                client.leads(&q).await.map(|p| {
                    for l in p.items {
                        self.push_lead(l);
                    }
                })
            }
            // Persons and dealers appear in the packet through their labels and the trace chains.
            EntityKind::Person | EntityKind::Dealer => Ok(()),
        };
        self.settle(link.kind, &link.id, fetched)
    }

    async fn fetch_traces(&mut self, client: &ApiClient) -> anyhow::Result<()> {
        for id in std::mem::take(&mut self.trace_ids) {
            let fetched = client.trace(&id).await.map(|t| self.traces.push(t));
            self.settle(EntityKind::Trace, &id, fetched)?;
        }
        Ok(())
    }

    fn want_trace(&mut self, id: &str) {
        if !self.trace_ids.iter().any(|t| t == id) {
            self.trace_ids.push(id.to_string());
        }
    }

    fn push_lead(&mut self, lead: Lead) {
        if !self.leads.iter().any(|l| l.id == lead.id) {
            self.leads.push(lead);
        }
    }

    /// A record the user may not see, or that is gone, is noted in the packet; any other
    /// failure (server down, bad token) stops the export rather than produce a partial packet
    /// that looks complete.
    fn settle(
        &mut self,
        kind: EntityKind,
        id: &str,
        r: Result<(), ApiError>,
    ) -> anyhow::Result<()> {
        match r {
            Ok(()) => Ok(()),
            Err(e) if matches!(e.kind, ApiErrorKind::Forbidden | ApiErrorKind::NotFound) => {
                let code = match e.kind {
                    ApiErrorKind::Forbidden => "forbidden",
                    _ => "not_found",
                };
                self.unavailable.push(Unavailable {
                    kind,
                    id: id.to_string(),
                    code: code.to_string(),
                    reason: e.message,
                });
                Ok(())
            }
            Err(e) => Err(e).with_context(|| format!("fetching {kind} {id}")),
        }
    }
}

/// The packet as pretty JSON (what `--format json` writes): the [`Packet`] itself, whose codes
/// (statuses, kinds, roles) stay the API's own so tools can rely on them, plus `lang` and
/// `labels`, every code's word in that language (`labels.case_status.open` = `"abierto"`), so a
/// tool can show the packet to a reader as the Markdown does.
pub fn render_json(p: &Packet, lang: Lang) -> anyhow::Result<String> {
    let mut v = serde_json::to_value(p)?;
    if let serde_json::Value::Object(m) = &mut v {
        m.insert("lang".into(), serde_json::to_value(lang)?);
        m.insert("labels".into(), labels(lang));
    }
    Ok(serde_json::to_string_pretty(&v)? + "\n")
}

/// Every code a packet can hold, worded in `lang`, grouped by what it names.
fn labels(l: Lang) -> serde_json::Value {
    fn group<T: Copy>(
        all: &[T],
        code: fn(T) -> &'static str,
        word: impl Fn(T) -> String,
    ) -> serde_json::Value {
        all.iter()
            .map(|v| (code(*v).to_string(), serde_json::Value::String(word(*v))))
            .collect::<serde_json::Map<_, _>>()
            .into()
    }
    use crate::i18n as w;
    serde_json::json!({
        "case_status": group(CaseStatus::ALL, CaseStatus::as_str, |v| w::case_status(l, v)),
        "prosecution_stage": group(ProsecutionStage::ALL, ProsecutionStage::as_str, |v| w::prosecution_stage(l, v)),
        "entity_kind": group(EntityKind::ALL, EntityKind::as_str, |v| w::entity(l, v)),
        "seizure_kind": group(SeizureKind::ALL, SeizureKind::as_str, |v| w::seizure_kind(l, v)),
        "item_kind": group(ItemKind::ALL, ItemKind::as_str, |v| w::item_kind(l, v)),
        "trace_status": group(TraceStatus::ALL, TraceStatus::as_str, |v| w::trace_status(l, v)),
        "not_traceable_reason": group(NotTraceableReason::ALL, NotTraceableReason::as_str, |v| w::reason(l, v)),
        "chain_role": group(ChainRole::ALL, ChainRole::as_str, |v| w::role(l, v)),
        "lead_status": group(LeadStatus::ALL, LeadStatus::as_str, |v| w::lead_status(l, v)),
        "unavailable": {
            "forbidden": unavailable_word(l, "forbidden"),
            "not_found": unavailable_word(l, "not_found"),
        },
    })
}

/// The file name the console gives a case's Markdown packet: `<case id>.md`, with anything but
/// ASCII letters, digits and `-` replaced by `_` so an id can never name a path elsewhere.
pub fn markdown_file_name(case_id: &str) -> String {
    let name: String = case_id
        .chars()
        .map(|ch| {
            if ch.is_ascii_alphanumeric() || ch == '-' {
                ch
            } else {
                '_'
            }
        })
        .collect();
    format!("{name}.md")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_case_id_names_its_file_and_nothing_else() {
        assert_eq!(markdown_file_name("CS-2026-0042"), "CS-2026-0042.md");
        assert_eq!(markdown_file_name("../etc/x y"), "___etc_x_y.md");
    }
}
