//! Exporting the open case's packet: the read only collects it; writing the file is an effect
//! of its own, answered in the same slot.

use crate::app::action::Action;
use crate::app::effect::{Effect, Request};
use crate::app::panes::cases::refs::tests::case_with_note;
use crate::app::panes::PaneNotice;
use crate::app::panes::cases::{CaseNotice, EXPORT};
use crate::app::reply::{Data, Reply};
use crate::app::state::Notice;
use crate::app::test_support::fetches;
use crate::app::update;
use crate::export::Packet;

fn answer(s: &mut crate::app::state::State, generation: u64, data: Data) -> Vec<Effect> {
    let r = Reply::Fetched {
        slot: EXPORT,
        generation,
        result: Ok(data),
    };
    update(s, Action::Reply(Box::new(r)))
}

#[test]
fn the_packet_is_written_by_its_own_effect_after_the_read() {
    let mut s = case_with_note("see SZ-000001");
    let fx = update(&mut s, Action::ExportCase);
    let reads = fetches(&fx);
    let [(slot, generation, Request::ExportCase(id))] = &reads[..] else {
        panic!("one packet read: {fx:?}");
    };
    let generation = *generation;
    assert_eq!((*slot, id.as_str()), (EXPORT, "CS-2026-0001"));

    let case = s.panes.cases.detail.as_ref().unwrap().case.clone();
    let packet = Packet {
        case,
        notes: vec![],
        traces: vec![],
        seizures: vec![],
        leads: vec![],
        unavailable: vec![],
        exported_at: chrono::Utc::now(),
        exported_by: "T. Tester (FGR)".into(),
        synthetic_data: true,
    };
    let fx = answer(&mut s, generation, Data::Packet(Box::new(packet.clone())));
    let [
        Effect::SaveFile {
            slot,
            generation: save,
            name,
            text,
        },
    ] = &fx[..]
    else {
        panic!("one file save: {fx:?}");
    };
    assert_eq!((*slot, name.as_str()), (EXPORT, "CS-2026-0001.md"));
    assert_eq!(*text, crate::export::render_markdown(&packet, s.shell.lang));
    let exported = |n: &Notice| {
        matches!(
            n,
            Notice::Pane(PaneNotice::Cases(CaseNotice::Exported(_)))
        )
    };
    assert!(
        !s.toasts.iter().any(|t| exported(&t.notice)),
        "nothing is written yet"
    );
    assert!(s.loading(EXPORT), "the save is in flight");

    // The packet answer of an older read changes nothing once the save is issued.
    assert!(answer(&mut s, generation, Data::Packet(Box::new(packet))).is_empty());
    answer(&mut s, *save, Data::Exported("/home/ana/CS-2026-0001.md".into()));
    let last = s.toasts.last().map(|t| t.notice.clone());
    assert_eq!(
        last,
        Some(Notice::from(CaseNotice::Exported(
            "/home/ana/CS-2026-0001.md".into()
        )))
    );
    assert!(!s.loading(EXPORT));
}
