//! Strings of the supervisors' tools on a case (members, audit trail), English and Spanish.
//! Matched exhaustively: a missing translation does not compile.

use super::fill;
use crate::app::panes::cases::members::MemberNotice;
use crate::app::state::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MemberMsg {
    /// `{0}` is the case id.
    AddTitle,
    RemoveTitle,
    /// What adding an agency alone means.
    AddHint,
    /// `{0}` the member, `{1}` the case.
    ConfirmRemove,
    /// `{0}` the case, `{1}` how many entries.
    AuditTitle,
    AuditHint,
    NoAudit,
    ColWhen,
    ColUser,
    ColRequest,
    ColStatus,
    /// Requests made without a signed-in user (refused before authentication).
    Anonymous,
}

pub fn m(lang: Lang, msg: MemberMsg) -> &'static str {
    match lang {
        Lang::En => en(msg),
        Lang::Es => es(msg),
    }
}

pub fn mf(lang: Lang, msg: MemberMsg, args: &[&str]) -> String {
    fill(m(lang, msg), args)
}

fn en(msg: MemberMsg) -> &'static str {
    use MemberMsg::*;
    match msg {
        AddTitle => "Add a member to {0}",
        RemoveTitle => "Remove a member from {0}",
        AddHint => "An agency alone makes every one of its users a member.",
        ConfirmRemove => "Remove {0} from {1}? They lose access to the case and its notes.",
        AuditTitle => "Audit trail of {0} · {1} entries, newest first",
        AuditHint => "{up}/{down} {page_up}/{page_down} scroll · {refresh} refresh · {back} close",
        NoAudit => "No recorded access to this case yet.",
        ColWhen => "When",
        ColUser => "User",
        ColRequest => "Request",
        ColStatus => "Status",
        Anonymous => "(not signed in)",
    }
}

fn es(msg: MemberMsg) -> &'static str {
    use MemberMsg::*;
    match msg {
        AddTitle => "Agregar un miembro a {0}",
        RemoveTitle => "Quitar un miembro de {0}",
        AddHint => "Una agencia sola hace miembros a todos sus usuarios.",
        ConfirmRemove => "¿Quitar a {0} de {1}? Pierde el acceso al caso y a sus notas.",
        AuditTitle => "Bitácora de {0} · {1} registros, el más reciente primero",
        AuditHint => {
            "{up}/{down} {page_up}/{page_down} desplazar · {refresh} actualizar · {back} cerrar"
        }
        NoAudit => "Aún no hay accesos registrados a este caso.",
        ColWhen => "Cuándo",
        ColUser => "Usuario",
        ColRequest => "Solicitud",
        ColStatus => "Estado",
        Anonymous => "(sin sesión)",
    }
}

pub fn notice(lang: Lang, n: &MemberNotice) -> String {
    let es = lang == Lang::Es;
    match n {
        MemberNotice::SupervisorsOnly if es => {
            "Solo un supervisor puede administrar los miembros o ver la bitácora.".into()
        }
        MemberNotice::SupervisorsOnly => {
            "Only a supervisor can manage members or read the audit trail.".into()
        }
        MemberNotice::Added(who, case) if es => fill("{0} agregado a {1}.", &[who, case]),
        MemberNotice::Added(who, case) => fill("{0} added to {1}.", &[who, case]),
        MemberNotice::Removed(who, case) if es => fill("{0} quitado de {1}.", &[who, case]),
        MemberNotice::Removed(who, case) => fill("{0} removed from {1}.", &[who, case]),
    }
}
