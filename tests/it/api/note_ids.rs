//! Note ids say nothing about notes written in cases the reader cannot see.

use super::harness::*;
use crate::support::cases::*;
use fwc::model::*;

#[tokio::test]
async fn note_ids_do_not_count_other_cases_notes() {
    let ts = server().await;
    let ana = ts.client("ana.us");
    let ben = ts.client("ben.us");
    let mine = ana
        .create_case(&case_with("Mine", vec![]), "c1")
        .await
        .unwrap();
    let theirs = ben
        .create_case(&case_with("Theirs", vec![]), "c2")
        .await
        .unwrap();
    let first = ana.add_note(&mine.id, &note("one"), "a1").await.unwrap();
    for i in 0..5 {
        ben.add_note(&theirs.id, &note("hidden"), &format!("b{i}"))
            .await
            .unwrap();
    }
    let second = ana.add_note(&mine.id, &note("two"), "a2").await.unwrap();
    for id in [&first.id, &second.id] {
        let hex = id.strip_prefix("NT-").expect("NT- prefix kept");
        assert_eq!(hex.len(), 16, "{id}");
        assert!(hex.bytes().all(|b| b.is_ascii_hexdigit()), "{id}");
    }
    // Nothing to subtract: the two ids are not counter values five apart.
    let n = |id: &str| u64::from_str_radix(&id[3..], 16).unwrap();
    assert_ne!(n(&second.id).wrapping_sub(n(&first.id)), 6);
    // Notes still come back in the order they were written.
    let notes = ana.notes(&mine.id, &NoteQuery::default()).await.unwrap();
    let bodies: Vec<&str> = notes.items.iter().map(|x| x.body.as_str()).collect();
    assert_eq!(bodies, ["one", "two"]);
}
