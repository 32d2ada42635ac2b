//! Exporting the open (or selected) case's packet as Markdown: the read only collects the
//! packet; writing the file is an effect of its own, answered in the same slot.

use crate::app::effect::{Effect, Request};
use crate::app::reply::Data;
use crate::app::state::{Level, Notice, Shell};

use super::{CaseNotice, CasesState, EXPORT};

/// `e`: writes the current case's packet next to where the console was started.
pub fn start(p: &mut CasesState, cx: &mut Shell) -> Vec<Effect> {
    let Some(id) = p.current().map(|c| c.id.clone()) else {
        return vec![];
    };
    vec![
        cx.fetch(EXPORT, Request::ExportCase(id.clone())),
        cx.toast(Level::Info, Notice::from(CaseNotice::Exporting(id))),
    ]
}

/// The packet arrived (write its file), or the file was written (say where).
pub fn on_data(cx: &mut Shell, data: Data) -> Vec<Effect> {
    match data {
        Data::Packet(packet) => {
            let name = crate::export::markdown_file_name(&packet.case.id);
            let text = crate::export::render_markdown(&packet, cx.lang);
            vec![cx.save_file(EXPORT, name, text)]
        }
        Data::Exported(path) => vec![cx.toast(Level::Ok, Notice::from(CaseNotice::Exported(path)))],
        _ => vec![],
    }
}
