//! The ballistics review pane's strings, English and Spanish side by side. Kept apart from
//! `en.rs`/`es.rs` (which route here through `Msg::Bal`) so the pane's wording reads as one piece.

use super::fill;
use crate::app::Action;
use crate::app::panes::ballistics::BalNotice;
use crate::app::state::Lang;
use crate::model::LeadStatus;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BalMsg {
    Tab,
    LeadsTitle,
    PendingOnly,
    AllLeads,
    ByScore,
    ByAge,
    Counts,
    NoLeads,
    ColLead,
    ColCasings,
    ColCaliber,
    ColScore,
    ColRank,
    ColAge,
    ColStatus,
    ColDecidedBy,
    Overdue,
    ListHint,
    DetailHint,
    Casing,
    Candidate,
    ViewRaw,
    ViewAligned,
    ViewDifference,
    Zoom,
    Synthetic,
    NoImage,
    Scores,
    BreechFace,
    FiringPin,
    Combined,
    Rank,
    Alignment,
    Incidents,
    Recovered,
    Seizure,
    Cases,
    NoneYet,
    Cluster,
    NoCluster,
    ClusterCount,
    Decided,
    CommentHint,
    CommentConfirm,
    CommentExclude,
    CommentInconclusive,
}

pub fn en(m: BalMsg) -> &'static str {
    use BalMsg::*;
    match m {
        Tab => "Ballistics",
        LeadsTitle => "Ballistic leads",
        PendingOnly => "awaiting review",
        AllLeads => "all leads",
        ByScore => "best score first",
        ByAge => "oldest first",
        Counts => "{0} shown · {1} overdue (!) — waiting more than {2} h",
        NoLeads => "No leads to review.",
        ColLead => "Lead",
        ColCasings => "Casing ↔ candidate",
        ColCaliber => "Caliber",
        ColScore => "Score",
        ColRank => "Rank",
        ColAge => "Age",
        ColStatus => "Status",
        ColDecidedBy => "Decided by",
        Overdue => "OVERDUE",
        ListHint => {
            "{open} compare · {toggle_sort} sort · {toggle_all_leads} pending/all · {exclude_lead} exclude · {inconclusive_lead} inconclusive · {confirm_hit} confirm · {help} help"
        }
        DetailHint => {
            "{confirm_hit} confirm · {exclude_lead} exclude · {inconclusive_lead} inconclusive · {next_candidate} next candidate · {prev_candidate} previous · {toggle_view} view · {zoom_in} zoom in · {zoom_out} zoom out · {back} back"
        }
        Casing => "Casing",
        Candidate => "Candidate",
        ViewRaw => "as imaged",
        ViewAligned => "aligned onto the casing",
        ViewDifference => "difference (dark = marks agree)",
        Zoom => "zoom {0}×",
        Synthetic => "SYNTHETIC IMAGES — generated test data, not real evidence.",
        NoImage => "no image",
        Scores => "Scores",
        BreechFace => "Breech face",
        FiringPin => "Firing pin",
        Combined => "Combined",
        Rank => "Rank {0} of {1}",
        Alignment => "Alignment {0}° · shift {1},{2} px",
        Incidents => "Incidents",
        Recovered => "recovered",
        Seizure => "seizure",
        Cases => "cases",
        NoneYet => "none",
        Cluster => "Cluster of confirmed hits",
        NoCluster => "no confirmed hits yet",
        ClusterCount => "{0} casings linked by {1} hits",
        Decided => "Decided by {0}",
        CommentHint => "Enter records the decision with this comment (may be empty) · Esc cancels",
        CommentConfirm => "Confirm {0} as a hit — comment",
        CommentExclude => "Exclude {0} — comment",
        CommentInconclusive => "{0} inconclusive — comment",
    }
}

pub fn es(m: BalMsg) -> &'static str {
    use BalMsg::*;
    match m {
        Tab => "Balística",
        LeadsTitle => "Pistas balísticas",
        PendingOnly => "por revisar",
        AllLeads => "todas",
        ByScore => "mejor puntuación primero",
        ByAge => "más antiguas primero",
        Counts => "{0} mostradas · {1} vencidas (!) — esperan más de {2} h",
        NoLeads => "No hay pistas que revisar.",
        ColLead => "Pista",
        ColCasings => "Casquillo ↔ candidato",
        ColCaliber => "Calibre",
        ColScore => "Punt.",
        ColRank => "Rango",
        ColAge => "Edad",
        ColStatus => "Estado",
        ColDecidedBy => "Decidió",
        Overdue => "VENCIDA",
        ListHint => {
            "{open} comparar · {toggle_sort} orden · {toggle_all_leads} pendientes/todas · {exclude_lead} excluir · {inconclusive_lead} no concluyente · {confirm_hit} confirmar · {help} ayuda"
        }
        DetailHint => {
            "{confirm_hit} confirmar · {exclude_lead} excluir · {inconclusive_lead} no concluyente · {next_candidate} siguiente candidato · {prev_candidate} anterior · {toggle_view} vista · {zoom_in} acercar · {zoom_out} alejar · {back} volver"
        }
        Casing => "Casquillo",
        Candidate => "Candidato",
        ViewRaw => "tal como se captó",
        ViewAligned => "alineado sobre el casquillo",
        ViewDifference => "diferencia (oscuro = coinciden)",
        Zoom => "zoom {0}×",
        Synthetic => "IMÁGENES SINTÉTICAS — datos de prueba generados, no evidencia real.",
        NoImage => "sin imagen",
        Scores => "Puntuaciones",
        BreechFace => "Cara de cierre",
        FiringPin => "Percutor",
        Combined => "Combinada",
        Rank => "Rango {0} de {1}",
        Alignment => "Alineación {0}° · desplazamiento {1},{2} px",
        Incidents => "Incidentes",
        Recovered => "recuperado",
        Seizure => "aseguramiento",
        Cases => "casos",
        NoneYet => "ninguno",
        Cluster => "Grupo de coincidencias confirmadas",
        NoCluster => "aún sin coincidencias confirmadas",
        ClusterCount => "{0} casquillos unidos por {1} coincidencias",
        Decided => "Decidió {0}",
        CommentHint => {
            "Enter registra la decisión con este comentario (puede ir vacío) · Esc cancela"
        }
        CommentConfirm => "Confirmar {0} como coincidencia — comentario",
        CommentExclude => "Excluir {0} — comentario",
        CommentInconclusive => "{0} no concluyente — comentario",
    }
}

pub fn action_en(a: &Action) -> &'static str {
    match a {
        Action::ToggleAllLeads => "Leads: pending / all",
        Action::ToggleView => "Cycle comparison view",
        Action::ZoomIn => "Zoom in",
        Action::ZoomOut => "Zoom out",
        Action::NextCandidate => "Next candidate",
        Action::PrevCandidate => "Previous candidate",
        Action::ConfirmHit => "Confirm hit (examiner)",
        Action::ExcludeLead => "Exclude lead",
        Action::InconclusiveLead => "Lead inconclusive",
        _ => "",
    }
}

pub fn action_es(a: &Action) -> &'static str {
    match a {
        Action::ToggleAllLeads => "Pistas pendientes/todas",
        Action::ToggleView => "Cambiar vista de imagen",
        Action::ZoomIn => "Acercar",
        Action::ZoomOut => "Alejar",
        Action::NextCandidate => "Siguiente candidato",
        Action::PrevCandidate => "Candidato anterior",
        Action::ConfirmHit => "Confirmar (perito)",
        Action::ExcludeLead => "Excluir pista",
        Action::InconclusiveLead => "Pista no concluyente",
        _ => "",
    }
}

pub fn lead_status(lang: Lang, st: LeadStatus) -> &'static str {
    match (lang, st) {
        (Lang::En, LeadStatus::Pending) => "pending",
        (Lang::En, LeadStatus::Confirmed) => "confirmed hit",
        (Lang::En, LeadStatus::Excluded) => "excluded",
        (Lang::En, LeadStatus::Inconclusive) => "inconclusive",
        (Lang::Es, LeadStatus::Pending) => "pendiente",
        (Lang::Es, LeadStatus::Confirmed) => "coincidencia",
        (Lang::Es, LeadStatus::Excluded) => "excluida",
        (Lang::Es, LeadStatus::Inconclusive) => "no concluyente",
    }
}

pub fn notice_en(n: &BalNotice) -> String {
    match n {
        BalNotice::ExaminerOnly => "Only a ballistics examiner can confirm a hit.".into(),
        BalNotice::DecisionQueued(id) => fill("Decision on {0} queued for sending.", &[id]),
        BalNotice::Decided(id, st) => {
            fill("Lead {0} is now {1}.", &[id, lead_status(Lang::En, *st)])
        }
        BalNotice::NoMoreCandidates => "No more candidates for this casing.".into(),
    }
}

pub fn notice_es(n: &BalNotice) -> String {
    match n {
        BalNotice::ExaminerOnly => {
            "Solo un perito en balística puede confirmar una coincidencia.".into()
        }
        BalNotice::DecisionQueued(id) => fill("Decisión sobre {0} en cola de envío.", &[id]),
        BalNotice::Decided(id, st) => fill(
            "La pista {0} queda como {1}.",
            &[id, lead_status(Lang::Es, *st)],
        ),
        BalNotice::NoMoreCandidates => "No hay más candidatos para este casquillo.".into(),
    }
}
