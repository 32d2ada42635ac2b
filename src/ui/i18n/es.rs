//! Español.

use super::{Msg, fill};
use crate::app::Action;
use crate::app::state::Notice;
use crate::model::{
    ChainRole, ItemKind, NotTraceableReason, SeizureKind, TraceStatus, TriageStatus,
};

pub fn text(m: Msg) -> &'static str {
    use Msg::*;
    match m {
        TabQueue => "Cola",
        TabTrace => "Rastreo",
        Demo => "DATOS SINTÉTICOS DE DEMOSTRACIÓN",
        DemoShort => "DATOS SINTÉTICOS",
        Online => "en línea",
        Offline => "SIN CONEXIÓN",
        Stale => "desactualizado",
        Connecting => "conectando…",
        LastSync => "sinc.",
        Never => "nunca",
        Pending => "pendientes",
        ReadOnly => "SOLO LECTURA",
        NotSignedIn => "sin sesión",
        Newest => "más recientes primero",
        Oldest => "más antiguos primero",
        Filter => "filtro",
        NoFilter => "ninguno",
        Marked => "marcados",
        Loading => "cargando…",
        NoSeizures => "Ningún aseguramiento coincide con este filtro.",
        Total => "total",
        ColId => "ID",
        ColStatus => "Estado",
        ColDate => "Recuperado",
        ColAge => "Antig.",
        ColPlace => "Lugar",
        ColAgency => "Dependencia",
        ColGuns => "Armas",
        ColSummary => "Resumen",
        Items => "Objetos",
        Place => "Lugar",
        Kind => "Tipo",
        Agency => "Dependencia",
        Occurred => "Recuperado",
        Conveyance => "Vehículo",
        Concealment => "Ocultamiento",
        Summary => "Resumen",
        LinkedTraces => "Rastreos",
        LinkedCases => "Casos",
        NoneYet => "ninguno aún",
        QueueHint => {
            "{open} abrir · {filter} filtrar · {toggle_sort} orden · {mark} marcar · {submit_trace} rastreo · {change_status} estado · {assign_case} caso · {help} ayuda"
        }
        DetailHint => {
            "{submit_trace} solicitar rastreos · {change_status} estado · {assign_case} asignar a caso · {copy} copiar id · {back} volver"
        }
        Recent => "Rastreos recientes",
        SearchResults => "Búsqueda: {0}",
        SamePurchaser => "Mismo comprador: {0}",
        SameDealer => "Mismo armero: {0}",
        ColSerial => "Serie",
        ColFirearm => "Arma",
        ColCaliber => "Calibre",
        ColTtc => "TTC",
        ColSubmitted => "Enviado",
        NoTraces => {
            "No se hallaron rastreos. Busque una serie (ABC123, ABC*, *12?4*), un número de rastreo o make:/model:/caliber:."
        }
        Chain => "Cadena de custodia",
        TimeToCrime => "Tiempo al delito",
        Days => "{0} días",
        ShortTtc => "CORTO — indicador de tráfico",
        MultipleSales => "Reportes de venta múltiple",
        NoMultipleSales => "ninguno",
        Recovery => "Recuperación",
        NotTraceable => "No rastreable",
        TraceHint => {
            "{filter} buscar · {open} abrir · {related_purchaser} mismo comprador · {related_dealer} mismo armero · {copy} copiar serie"
        }
        TraceDetailHint => {
            "{related_purchaser} mismo comprador · {related_dealer} mismo armero · {copy} copiar serie · {back} volver"
        }
        Priority => "Prioridad",
        CrimeCode => "Código de delito",
        RequestingAgency => "Solicitado por",
        HelpTitle => "Teclas",
        HelpKey => "Tecla",
        HelpAction => "Acción",
        PaletteTitle => "Comando",
        FilterTitle => "Filtrar la cola",
        FilterHint => {
            "status:new agency:… state:\"Nuevo León\" port:… item:firearm from:2026-01-01 to:… texto"
        }
        SearchTitle => "Buscar rastreos",
        SearchHint => {
            "serie ABC123 · prefijo ABC* · comodín *12?4* · TR-2026-… · make: model: caliber:"
        }
        ConfirmTitle => "Confirmar",
        ConfirmSubmit => "¿Enviar {0} solicitudes de rastreo (ordinarias, código de delito {1})?",
        ConfirmHint => "s / Intro: sí · n / Esc: no",
        StatusTitle => "Cambiar estado de revisión",
        CaseTitle => "Asignar a caso",
        TabCases => "Casos",
        NewCaseTitle => "Nuevo caso",
        NewCaseHint => {
            "Escriba su título · Enter lo crea (usted y su dependencia son miembros) · Esc cancela"
        }
        PickerHint => "escriba para filtrar · ↑↓ elegir · Intro seleccionar · Esc cerrar",
        NoMatches => "sin coincidencias",
        CannotReach => "No se puede conectar con el servidor en {0}.",
        WhatToDo => {
            "Revise la dirección (--server o `server` en config.toml) y su red. La consola sigue intentando y trabaja con su caché mientras tanto. Pulse q para salir."
        }
        AuthFailed => "El servidor rechazó el inicio de sesión: {0}",
        AuthWhatToDo => {
            "Revise su token (--token, FWC_TOKEN o token_file en config.toml). Pulse q para salir."
        }
        Bal(b) => super::ballistics::es(b),
    }
}

pub fn action(a: &Action) -> &'static str {
    match a {
        Action::Quit => "Salir",
        Action::NextPane => "Panel siguiente",
        Action::PrevPane => "Panel anterior",
        Action::Pane1 => "Ir al panel 1",
        Action::Pane2 => "Ir al panel 2",
        Action::Pane3 => "Ir al panel 3",
        Action::Pane4 => "Ir al panel 4",
        Action::Up => "Subir",
        Action::Down => "Bajar",
        Action::Top => "Ir al inicio",
        Action::Bottom => "Ir al final",
        Action::PageUp => "Página anterior",
        Action::PageDown => "Página siguiente",
        Action::Open => "Abrir / confirmar",
        Action::Back => "Cerrar / volver",
        Action::Filter => "Filtrar o buscar",
        Action::Palette => "Paleta de comandos",
        Action::Help => "Ayuda",
        Action::Copy => "Copiar id o serie",
        Action::Refresh => "Actualizar",
        Action::ToggleSort => "Más recientes / antiguos primero",
        Action::Mark => "Marcar para acción múltiple",
        Action::SubmitTrace => "Solicitar rastreos",
        Action::ChangeStatus => "Cambiar estado de revisión",
        Action::AssignCase => "Asignar a caso",
        Action::RelatedPurchaser => "Rastreos del mismo comprador",
        Action::RelatedDealer => "Rastreos del mismo armero",
        Action::ToggleLanguage => "English / Español",
        a @ (Action::ToggleAllLeads
        | Action::ToggleView
        | Action::ZoomIn
        | Action::ZoomOut
        | Action::NextCandidate
        | Action::PrevCandidate
        | Action::ConfirmHit
        | Action::ExcludeLead
        | Action::InconclusiveLead) => super::ballistics::action_es(a),
        Action::ClearFilter => "Quitar filtro",
        Action::NewCase => "Nuevo caso",
        Action::WriteNote => "Escribir una nota en el caso abierto",
        Action::FollowRef => "Seguir una referencia de la nota seleccionada",
        Action::EditNote => "Editar mi nota seleccionada",
        Action::ExportCase => "Exportar el expediente del caso (archivo Markdown)",
        Action::AddMember => "Agregar un miembro al caso (supervisores)",
        Action::RemoveMember => "Quitar un miembro del caso (supervisores)",
        Action::AuditTrail => "Bitácora de auditoría del caso (supervisores)",
        Action::Yes => "Sí",
        Action::No => "No",
        Action::EditorKey(_) | Action::Paste(_) => "",
        Action::Char(_)
        | Action::Backspace
        | Action::Resize(..)
        | Action::ListRows(_)
        | Action::Navigate(_)
        | Action::Tick(_)
        | Action::Reply(_) => "",
    }
}

pub fn notice(n: &Notice) -> String {
    match n {
        Notice::ReadOnly => "Sesión de solo lectura: los cambios están desactivados.".into(),
        Notice::NothingSelected => "No hay nada seleccionado.".into(),
        Notice::NotHere => "No disponible para este registro.".into(),
        Notice::NoFirearms(id) => fill("{0} no tiene armas que rastrear.", &[id]),
        Notice::Copied(s) => fill("Copiado {0}", &[s]),
        Notice::WritesQueued(n) => fill("{0} cambio(s) en cola de envío.", &[&n.to_string()]),
        Notice::KeptForOtherSignIn(n) => fill(
            "Se conservan {0} cambio(s) en cola de otra sesión; se envían cuando ese usuario entre.",
            &[&n.to_string()],
        ),
        Notice::TraceSubmitted(id) => fill("Rastreo {0} enviado.", &[id]),
        Notice::StatusChanged(id, s) => fill("{0} ahora está {1}.", &[id, triage(*s)]),
        Notice::Linked(what, case) => fill("{0} vinculado a {1}.", &[what, case]),
        Notice::WriteRefused(m) => fill("El servidor rechazó un cambio: {0}", &[m]),
        Notice::FetchFailed(m) => m.clone(),
        Notice::BackOnline => "Conexión restablecida.".into(),
        Notice::WentOffline => {
            "Servidor inaccesible: sus cambios se guardan y se enviarán al volver.".into()
        }
        Notice::LanguageChanged => "Español".into(),
        Notice::Text(t) => t.clone(),
        Notice::Cases(n) => super::cases::notice(crate::app::state::Lang::Es, n),
        Notice::Ballistics(b) => super::ballistics::notice_es(b),
    }
}

pub fn triage(s: TriageStatus) -> &'static str {
    match s {
        TriageStatus::New => "nuevo",
        TriageStatus::InReview => "en revisión",
        TriageStatus::TracesRequested => "rastreos solicitados",
        TriageStatus::Linked => "vinculado",
        TriageStatus::Closed => "cerrado",
    }
}

pub fn trace_status(s: TraceStatus) -> &'static str {
    match s {
        TraceStatus::Submitted => "enviado",
        TraceStatus::InProgress => "en curso",
        TraceStatus::Completed => "completado",
        TraceStatus::NotTraceable => "no rastreable",
    }
}

pub fn role(r: ChainRole) -> &'static str {
    match r {
        ChainRole::Manufacturer => "Fabricante",
        ChainRole::Importer => "Importador",
        ChainRole::Distributor => "Distribuidor",
        ChainRole::Dealer => "Armero (FFL)",
        ChainRole::Purchaser => "Primer comprador",
    }
}

pub fn item_kind(k: ItemKind) -> &'static str {
    match k {
        ItemKind::Firearm => "arma de fuego",
        ItemKind::Part => "pieza",
        ItemKind::Magazine => "cargador",
        ItemKind::Ammunition => "munición",
    }
}

pub fn seizure_kind(k: SeizureKind) -> &'static str {
    match k {
        SeizureKind::BorderInspection => "inspección hacia el sur",
        SeizureKind::CrimeScene => "escena del crimen",
        SeizureKind::Operation => "operativo",
    }
}

pub fn reason(r: NotTraceableReason) -> &'static str {
    match r {
        NotTraceableReason::ObliteratedSerial => "serie borrada",
        NotTraceableReason::MissingSerial => "sin número de serie",
        NotTraceableReason::InsufficientDescription => "descripción insuficiente",
        NotTraceableReason::Pre1968 => "fabricada antes de 1968",
        NotTraceableReason::DealerRecordsIncomplete => "registros del armero incompletos",
        NotTraceableReason::DealerOutOfBusiness => "armero fuera de operación",
        NotTraceableReason::ForeignNoImporter => "extranjera, sin importador",
    }
}
