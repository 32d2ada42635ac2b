//! Strings of a note's history overlay and of the "edited by" mark, English and Spanish.
//! Matched exhaustively: a missing translation does not compile.

use super::fill;
use crate::app::state::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HistoryMsg {
    /// `{0}` the note, `{1}` how many versions.
    Title,
    Hint,
    /// `{0}` the version, `{1}` who wrote it, `{2}` when.
    Version,
    /// Shown under version 1 instead of a diff.
    FirstVersion,
    /// The note's mark in the timeline: `{0}` the editor, `{1}` the version.
    EditedBy,
    NoVersions,
}

pub fn h(lang: Lang, msg: HistoryMsg) -> &'static str {
    match lang {
        Lang::En => en(msg),
        Lang::Es => es(msg),
    }
}

pub fn hf(lang: Lang, msg: HistoryMsg, args: &[&str]) -> String {
    fill(h(lang, msg), args)
}

fn en(msg: HistoryMsg) -> &'static str {
    use HistoryMsg::*;
    match msg {
        Title => "History of {0} · {1} versions, oldest first",
        Hint => "↑/↓ version · [-removed-] {+added+} · r refresh · Esc close",
        Version => "Version {0} — {1}, {2}",
        FirstVersion => "As first written:",
        EditedBy => "edited by {0}, v{1}",
        NoVersions => "No versions to show.",
    }
}

fn es(msg: HistoryMsg) -> &'static str {
    use HistoryMsg::*;
    match msg {
        Title => "Historial de {0} · {1} versiones, la más antigua primero",
        Hint => "↑/↓ versión · [-quitado-] {+agregado+} · r actualizar · Esc cerrar",
        Version => "Versión {0} — {1}, {2}",
        FirstVersion => "Como se escribió primero:",
        EditedBy => "editada por {0}, v{1}",
        NoVersions => "No hay versiones que mostrar.",
    }
}
