//! The Cases pane's strings, English and Spanish, kept beside the shared table so the pane's
//! vocabulary stays in one place. Matched exhaustively: a missing translation does not compile.

use super::fill;
use crate::app::panes::cases::CaseNotice;
use crate::app::state::Lang;
use crate::model::{CaseStatus, EntityKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseMsg {
    ColTitle,
    ColLead,
    ColMembers,
    ColActivity,
    ColUnread,
    NoCases,
    Draft,
    ListHint,
    DetailHint,
    /// The open case's hint for supervisors, who also manage members and read the audit trail.
    SupervisorHint,
    Members,
    Evidence,
    Notes,
    NoNotes,
    NoLinks,
    Sending,
    New,
    Created,
    NoteFor,
    Recovered,
    Saved,
    Saving,
    EditorHint,
    Find,
    BadPattern,
    RefsTitle,
    RefsHelp,
    Edited,
    Serial,
    Editing,
    Theirs,
    ConflictHint,
}

pub fn c(lang: Lang, m: CaseMsg) -> &'static str {
    match lang {
        Lang::En => en(m),
        Lang::Es => es(m),
    }
}

fn en(m: CaseMsg) -> &'static str {
    use CaseMsg::*;
    match m {
        ColTitle => "Title",
        ColLead => "Lead agency",
        ColMembers => "Member agencies",
        ColActivity => "Last activity",
        ColUnread => "Unread",
        NoCases => "You are not a member of any case yet. Press c to start one.",
        Draft => "draft",
        ListHint => {
            "{open} open · {new_case} new case · {refresh} refresh · {palette} palette · {help} help"
        }
        DetailHint => {
            "↑/↓ select note · {write_note} write note · {follow_ref} follow reference · {back} back · {help} help"
        }
        SupervisorHint => {
            "↑/↓ note · {write_note} write · {follow_ref} follow · {add_member}/{remove_member} add/remove member · {audit_trail} audit trail · {back} back"
        }
        Members => "Members",
        Evidence => "Linked evidence",
        Notes => "Notes",
        NoNotes => "No notes yet.",
        NoLinks => "Nothing linked yet.",
        Sending => "sending…",
        New => "new",
        Created => "opened",
        NoteFor => "Note for {0}",
        Recovered => "recovered draft",
        Saved => "draft saved",
        Saving => "saving draft…",
        EditorHint => {
            "{open} send · {back} close (draft kept) · {undo}/Ctrl-U undo · Ctrl-R redo · {find} find · {find_next} next match"
        }
        Find => "Find (regex), Enter: ",
        BadPattern => "not a valid pattern",
        RefsTitle => "References in notes (follow with f)",
        RefsHelp => {
            "SZ-000123 seizure · TR-2026-0000042 trace · FA-0001234 firearm · #ABC123 serial · BC-000012 casing · BL-000012 ballistic lead"
        }
        Edited => "edited",
        Serial => "firearm serial",
        Editing => "Editing {0} (from v{1})",
        Theirs => "Current text by {0} (v{1}), changed while you edited",
        ConflictHint => {
            "{open} save your text as the next version · {write_note} post it as a new note · {back} close"
        }
    }
}

fn es(m: CaseMsg) -> &'static str {
    use CaseMsg::*;
    match m {
        ColTitle => "Título",
        ColLead => "Dependencia líder",
        ColMembers => "Dependencias miembro",
        ColActivity => "Última actividad",
        ColUnread => "Sin leer",
        NoCases => "Aún no es miembro de ningún caso. Pulse c para abrir uno.",
        Draft => "borrador",
        ListHint => {
            "{open} abrir · {new_case} nuevo caso · {refresh} actualizar · {palette} paleta · {help} ayuda"
        }
        DetailHint => {
            "↑/↓ elegir nota · {write_note} escribir nota · {follow_ref} seguir referencia · {back} volver · {help} ayuda"
        }
        SupervisorHint => {
            "↑/↓ nota · {write_note} escribir · {follow_ref} seguir · {add_member}/{remove_member} agregar/quitar miembro · {audit_trail} bitácora · {back} volver"
        }
        Members => "Miembros",
        Evidence => "Evidencia vinculada",
        Notes => "Notas",
        NoNotes => "Aún no hay notas.",
        NoLinks => "Nada vinculado todavía.",
        Sending => "enviando…",
        New => "nueva",
        Created => "abierto",
        NoteFor => "Nota para {0}",
        Recovered => "borrador recuperado",
        Saved => "borrador guardado",
        Saving => "guardando borrador…",
        EditorHint => {
            "{open} enviar · {back} cerrar (se guarda el borrador) · {undo}/Ctrl-U deshacer · Ctrl-R rehacer · {find} buscar · {find_next} siguiente"
        }
        Find => "Buscar (regex), Enter: ",
        BadPattern => "patrón no válido",
        RefsTitle => "Referencias en las notas (se siguen con f)",
        RefsHelp => {
            "SZ-000123 aseguramiento · TR-2026-0000042 rastreo · FA-0001234 arma · #ABC123 número de serie · BC-000012 casquillo · BL-000012 pista balística"
        }
        Edited => "editada",
        Serial => "número de serie",
        Editing => "Editando {0} (desde v{1})",
        Theirs => "Texto actual de {0} (v{1}), cambiado mientras usted editaba",
        ConflictHint => {
            "{open} guardar su texto como siguiente versión · {write_note} publicarlo como nota nueva · {back} cerrar"
        }
    }
}

pub fn case_status(lang: Lang, s: CaseStatus) -> &'static str {
    match (lang, s) {
        (Lang::En, CaseStatus::Open) => "open",
        (Lang::En, CaseStatus::Dormant) => "dormant",
        (Lang::En, CaseStatus::Closed) => "closed",
        (Lang::Es, CaseStatus::Open) => "abierto",
        (Lang::Es, CaseStatus::Dormant) => "inactivo",
        (Lang::Es, CaseStatus::Closed) => "cerrado",
    }
}

pub fn entity(lang: Lang, k: EntityKind) -> &'static str {
    match (lang, k) {
        (Lang::En, EntityKind::Seizure) => "seizure",
        (Lang::En, EntityKind::Firearm) => "firearm",
        (Lang::En, EntityKind::Trace) => "trace",
        (Lang::En, EntityKind::Casing) => "casing",
        (Lang::En, EntityKind::Lead) => "ballistic hit",
        (Lang::En, EntityKind::Person) => "person",
        (Lang::En, EntityKind::Dealer) => "dealer",
        (Lang::Es, EntityKind::Seizure) => "aseguramiento",
        (Lang::Es, EntityKind::Firearm) => "arma",
        (Lang::Es, EntityKind::Trace) => "rastreo",
        (Lang::Es, EntityKind::Casing) => "casquillo",
        (Lang::Es, EntityKind::Lead) => "coincidencia balística",
        (Lang::Es, EntityKind::Person) => "persona",
        (Lang::Es, EntityKind::Dealer) => "armería",
    }
}

pub fn notice(lang: Lang, n: &CaseNotice) -> String {
    let es = lang == Lang::Es;
    match n {
        CaseNotice::CaseCreated(id) if es => fill("Caso {0} creado.", &[id]),
        CaseNotice::CaseCreated(id) => fill("Case {0} created.", &[id]),
        CaseNotice::NoteQueued if es => "Nota en cola para enviar.".into(),
        CaseNotice::NoteQueued => "Note queued for sending.".into(),
        CaseNotice::NotePosted(id) if es => fill("Nota publicada en {0}.", &[id]),
        CaseNotice::NotePosted(id) => fill("Note posted to {0}.", &[id]),
        CaseNotice::NoteEmpty if es => "La nota está vacía.".into(),
        CaseNotice::NoteEmpty => "The note is empty.".into(),
        CaseNotice::DraftKept(id) if es => fill("Borrador de {0} guardado; n lo retoma.", &[id]),
        CaseNotice::DraftKept(id) => fill("Draft for {0} kept; n resumes it.", &[id]),
        CaseNotice::DraftsWaiting(k) if es => fill(
            "{0} borrador(es) de nota sin enviar: abra el caso y pulse n.",
            &[&k.to_string()],
        ),
        CaseNotice::DraftsWaiting(k) => fill(
            "{0} unsent note draft(s) kept: open the case and press n.",
            &[&k.to_string()],
        ),
        CaseNotice::NoReferences if es => "Esta nota no cita ninguna referencia.".into(),
        CaseNotice::NoReferences => "This note cites no reference.".into(),
        CaseNotice::NoLeadsForCasing(id) if es => {
            fill("No se generó ninguna pista para el casquillo {0}.", &[id])
        }
        CaseNotice::NoLeadsForCasing(id) => fill("No lead was filed for casing {0}.", &[id]),
        CaseNotice::NotYours if es => "Solo su autor puede editar esta nota.".into(),
        CaseNotice::NotYours => "Only its author can edit this note.".into(),
        CaseNotice::NoteSaved(id) if es => fill("Nota {0} guardada.", &[id]),
        CaseNotice::NoteSaved(id) => fill("Note {0} saved.", &[id]),
        CaseNotice::Conflict(who) if es => fill(
            "{0} cambió la nota mientras usted la editaba: se muestran ambos textos.",
            &[who],
        ),
        CaseNotice::Conflict(who) => fill(
            "{0} changed the note while you were editing: both texts are shown.",
            &[who],
        ),
        CaseNotice::Exporting(id) if es => fill("Exportando {0}…", &[id]),
        CaseNotice::Exporting(id) => fill("Exporting {0}…", &[id]),
        CaseNotice::Exported(p) if es => fill("Expediente escrito en {0}", &[p]),
        CaseNotice::Exported(p) => fill("Packet written to {0}", &[p]),
        CaseNotice::Members(m) => super::members::notice(lang, m),
        CaseNotice::NoCaseOpen if es => "Abra un caso primero (Enter).".into(),
        CaseNotice::NoCaseOpen => "Open a case first (Enter).".into(),
    }
}
