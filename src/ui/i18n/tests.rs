//! The catalogues agree with each other and with the code that names their messages.

use std::collections::{BTreeMap, BTreeSet};

use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};

use super::*;
use crate::app::state::Refusal;
use crate::model::{
    CaseStatus, ChainRole, EntityKind, ItemKind, LeadStatus, NotTraceableReason, SeizureKind,
    TracePriority, TraceStatus, TriageStatus,
};

/// Every message of a catalogue with the variables it uses; fails on syntax errors and
/// duplicate ids.
fn messages(lang: Lang) -> BTreeMap<String, BTreeSet<String>> {
    let (_, text) = source(lang);
    let res = fluent_syntax::parser::parse(text)
        .unwrap_or_else(|(_, errs)| panic!("{lang:?} catalogue does not parse: {errs:?}"));
    let mut out = BTreeMap::new();
    for entry in res.body {
        if let Entry::Message(m) = entry {
            let mut vars = BTreeSet::new();
            if let Some(p) = &m.value {
                pattern_vars(p, &mut vars);
            }
            assert!(m.value.is_some(), "{lang:?}: {} has no value", m.id.name);
            let dup = out.insert(m.id.name.to_string(), vars);
            assert!(dup.is_none(), "{lang:?}: {} is defined twice", m.id.name);
        }
    }
    out
}

fn pattern_vars(p: &Pattern<&str>, vars: &mut BTreeSet<String>) {
    for el in &p.elements {
        if let PatternElement::Placeable { expression } = el {
            expr_vars(expression, vars);
        }
    }
}

fn expr_vars(e: &Expression<&str>, vars: &mut BTreeSet<String>) {
    match e {
        Expression::Select { selector, variants } => {
            inline_vars(selector, vars);
            for v in variants {
                pattern_vars(&v.value, vars);
            }
        }
        Expression::Inline(i) => inline_vars(i, vars),
    }
}

fn inline_vars(i: &InlineExpression<&str>, vars: &mut BTreeSet<String>) {
    match i {
        InlineExpression::VariableReference { id } => {
            vars.insert(id.name.to_string());
        }
        InlineExpression::Placeable { expression } => expr_vars(expression, vars),
        _ => {}
    }
}

#[test]
fn every_message_in_every_language_with_the_same_arguments() {
    let en = messages(Lang::En);
    assert!(
        en.len() > 200,
        "English catalogue has only {} messages",
        en.len()
    );
    for lang in Lang::ALL {
        let other = messages(lang);
        for (id, vars) in &en {
            let theirs = other
                .get(id)
                .unwrap_or_else(|| panic!("{lang:?} lacks message {id}"));
            assert_eq!(theirs, vars, "{lang:?} {id}: arguments differ from English");
        }
        for id in other.keys() {
            assert!(en.contains_key(id), "{lang:?} has {id}, English has not");
        }
    }
}

#[test]
fn no_message_is_empty_in_any_language() {
    for lang in Lang::ALL {
        for id in messages(lang).keys() {
            assert!(has(lang, id), "{lang:?} bundle dropped {id}");
            let shown = text(lang, id, &[]);
            assert!(!shown.trim().is_empty(), "{lang:?} {id} is empty");
        }
    }
}

/// Every string literal in `src/ui` that looks like a message id (`kebab-case`) names a
/// message: a typo in a `tr!` call fails here instead of showing the id on screen.
#[test]
fn every_id_the_code_names_exists() {
    let en = messages(Lang::En);
    let mut missing = Vec::new();
    let mut files: Vec<std::path::PathBuf> = ["src/ui", "src/i18n", "src/export"]
        .iter()
        .map(|d| std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(d))
        .collect();
    let mut seen = 0;
    while let Some(p) = files.pop() {
        if p.is_dir() {
            for e in std::fs::read_dir(&p)
                .expect("read a source folder")
                .flatten()
            {
                files.push(e.path());
            }
            continue;
        }
        if p.extension().is_none_or(|e| e != "rs")
            || p.ends_with("keymap.rs")
            || p.ends_with("theme.rs")
            // Its quoted strings are records' spellings; its ids are checked by its own test.
            || p.ends_with("vocab.rs")
        {
            continue;
        }
        let src = std::fs::read_to_string(&p).expect("read source");
        for lit in src.split('"').skip(1).step_by(2) {
            let kebab = lit.contains('-')
                && lit.starts_with(|c: char| c.is_ascii_lowercase())
                && lit
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
            // A prefix such as "triage" + "-in-review" is checked by the enum test.
            let prefix = en.keys().any(|k| k.starts_with(&format!("{lit}-")));
            if kebab && !prefix {
                seen += 1;
                if !en.contains_key(lit) {
                    missing.push(format!("{}: {lit}", p.display()));
                }
            }
        }
    }
    assert!(seen > 100, "found only {seen} ids in src/ui");
    assert!(missing.is_empty(), "ids with no message: {missing:#?}");
}

#[test]
fn every_enum_value_and_action_has_a_word() {
    let mut ids: Vec<String> = Vec::new();
    let mut add = |prefix: &str, names: Vec<&str>| {
        ids.extend(names.into_iter().map(|n| word_id(prefix, n)));
    };
    add(
        "triage",
        TriageStatus::ALL.iter().map(|v| v.as_str()).collect(),
    );
    add(
        "trace-status",
        TraceStatus::ALL.iter().map(|v| v.as_str()).collect(),
    );
    add("role", ChainRole::ALL.iter().map(|v| v.as_str()).collect());
    add("item", ItemKind::ALL.iter().map(|v| v.as_str()).collect());
    add(
        "seizure-kind",
        SeizureKind::ALL.iter().map(|v| v.as_str()).collect(),
    );
    add(
        "priority",
        TracePriority::ALL.iter().map(|v| v.as_str()).collect(),
    );
    add(
        "reason",
        NotTraceableReason::ALL.iter().map(|v| v.as_str()).collect(),
    );
    add(
        "case-status",
        CaseStatus::ALL.iter().map(|v| v.as_str()).collect(),
    );
    add(
        "entity",
        EntityKind::ALL.iter().map(|v| v.as_str()).collect(),
    );
    add(
        "lead-status",
        LeadStatus::ALL.iter().map(|v| v.as_str()).collect(),
    );
    let actions: Vec<String> = Action::BINDABLE.iter().filter_map(|a| a.name()).collect();
    assert_eq!(actions.len(), Action::BINDABLE.len());
    add("action", actions.iter().map(String::as_str).collect());
    for seg in hints::ALL.iter().flat_map(|l| l.iter()) {
        ids.push(seg.label.to_string());
    }
    for lang in Lang::ALL {
        for id in &ids {
            assert!(has(lang, id), "{lang:?} lacks {id}");
        }
    }
}

#[test]
fn plurals_and_named_arguments() {
    assert_eq!(tr!(Lang::En, "days", days = 1), "1 day");
    assert_eq!(tr!(Lang::En, "days", days = 598), "598 days");
    assert_eq!(tr!(Lang::Es, "days", days = 1), "1 día");
    assert_eq!(tr!(Lang::Es, "days", days = 2), "2 días");
    assert_eq!(
        tr!(Lang::En, "confirm-submit", count = 1, code = "9999"),
        "Submit 1 trace request (routine, crime code 9999)?"
    );
    assert_eq!(
        tr!(Lang::Es, "member-audit-title", case = "CASE-1", count = 3),
        "Bitácora de CASE-1 · 3 registros, el más reciente primero"
    );
    // No Unicode isolation marks around arguments: they would reach the terminal.
    assert_eq!(tr!(Lang::En, "notice-copied", text = "ABC"), "Copied ABC");
}

/// A key collision is worded wholly by the catalogue: both actions named by their label in the
/// user's language, beside the config names that find the line.
#[test]
fn key_warnings_name_both_actions_in_the_users_language() {
    use crate::app::warning::KeyWarning;
    let w = Warning::Keys(KeyWarning::Collision {
        context: "global".into(),
        key: "q".into(),
        other: "quit".into(),
        kept: "zoom_in".into(),
    });
    let es = warning(Lang::Es, &w);
    let (quit, zoom) = (
        action(Lang::Es, &Action::Quit).unwrap(),
        action(Lang::Es, &Action::ZoomIn).unwrap(),
    );
    assert!(es.contains(&format!("«{quit}» (quit)")), "{es}");
    assert!(es.contains(&format!("se queda con «{zoom}»")), "{es}");
    assert!(
        es.starts_with("combinaciones de teclas: en [keys.global] q"),
        "{es}"
    );
    let en = warning(Lang::En, &w);
    assert!(
        en.contains("“Quit” (quit)") && en.contains("keeps it"),
        "{en}"
    );
    let old = Warning::Keys(KeyWarning::OldFormat {
        origin: "config.toml".into(),
        count: 1,
    });
    assert!(warning(Lang::Es, &old).contains("su combinación se leyó como [keys.global]"));
}

#[test]
fn a_missing_message_shows_its_id_never_a_blank() {
    assert_eq!(tr!(Lang::Es, "no-such-message"), "no-such-message");
}

#[test]
fn pseudo_locale_brackets_and_lengthens_every_string() {
    for (id, vars) in messages(Lang::En) {
        let en = text(Lang::En, &id, &[]);
        let pseudo = text(Lang::Pseudo, &id, &[]);
        assert!(
            pseudo.starts_with('[') && pseudo.ends_with(']'),
            "{id}: {pseudo}"
        );
        let (a, b) = (en.chars().count(), pseudo.chars().count() - 2);
        if vars.is_empty() {
            assert!(
                b * 10 >= a * 13,
                "{id}: {pseudo:?} is not 30% longer than {en:?}"
            );
        }
    }
    assert_eq!(text(Lang::Pseudo, "tab-queue", &[]), "[Qúéúé~~]");
}

#[test]
fn hint_lines_drop_whole_segments_and_unbound_actions() {
    use crate::app::state::Binding;
    let bindings = vec![
        Binding {
            key: "Enter".into(),
            action: Action::Open,
            context: crate::app::keys::KeyContext::Global,
        },
        Binding {
            key: "/".into(),
            action: Action::Filter,
            context: crate::app::keys::KeyContext::Global,
        },
    ];
    let full = hint_line(Lang::En, hints::QUEUE, &bindings, 200);
    assert_eq!(full, "Enter open · / filter");
    assert_eq!(
        hint_line(Lang::En, hints::QUEUE, &bindings, 15),
        "Enter open"
    );
}

/// Every action an English hint line shows at 80×24 also shows in every other language: a
/// longer translation must not push a key off the line.
#[test]
fn hint_parity_at_80_columns() {
    let (km, _) =
        crate::ui::keymap::Keymap::from_config(&crate::app::config::Config::defaults().keys, &[]);
    let bindings = km.bindings();
    // The hint row is 80 wide (with a leading space when it fits).
    let width = 80;
    let mut lost = Vec::new();
    for segs in hints::ALL {
        let en: Vec<_> = crate::ui::i18n::hint_row(Lang::En, segs, &bindings, width)
            .1
            .into_iter()
            .map(|(id, _)| id)
            .collect();
        for lang in [Lang::Es] {
            let other: Vec<_> = crate::ui::i18n::hint_row(lang, segs, &bindings, width)
                .1
                .into_iter()
                .map(|(id, _)| id)
                .collect();
            for id in &en {
                if !other.contains(id) {
                    lost.push(format!(
                        "{lang:?} drops {id}: {}",
                        hint_line(lang, segs, &bindings, width)
                    ));
                }
            }
        }
    }
    assert!(lost.is_empty(), "{lost:#?}");
}

/// One term per concept: each glossary term's wrong alternatives (see the top of `es.ftl`)
/// appear nowhere in a message.
#[test]
fn banned_terms() {
    let banned: &[(Lang, &str, &str)] = &[
        (Lang::Es, "armero", "armería"),
        (Lang::Es, "culata", "cara de cierre"),
        (Lang::Es, "cadena de custodia", "cadena de comercialización"),
        (Lang::Es, "escena del crimen", "lugar de los hechos"),
        (Lang::Es, "intro", "Enter"),
        (Lang::Es, "pulse", "presione"),
        (Lang::Es, "rango", "posición"),
        (Lang::Es, "agencia", "dependencia"),
        (Lang::Es, "líder", "responsable"),
        (Lang::Es, "evidencia", "registro / indicio"),
        (Lang::Es, "hacia el sur", "revisión fronteriza"),
        (Lang::Es, "decomiso", "aseguramiento"),
        (Lang::Es, "incautaci", "aseguramiento"),
        (Lang::Es, "coincidencia balística", "pista balística"),
        (Lang::En, "chain of custody", "chain of distribution"),
        (Lang::En, "ballistic hit", "ballistic lead"),
    ];
    let mut found = Vec::new();
    for (lang, bad, good) in banned {
        for id in messages(*lang).keys() {
            let shown = text(*lang, id, &[]).to_lowercase();
            if word_match(&shown, bad) {
                found.push(format!("{lang:?} {id}: {bad:?} (use {good:?})"));
            }
        }
    }
    assert!(found.is_empty(), "{found:#?}");
}

/// Whether `bad` starts a word of `text` (a prefix is enough: "incautaci" bans "incautación").
fn word_match(text: &str, bad: &str) -> bool {
    text.match_indices(bad).any(|(i, _)| {
        text[..i]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric())
    })
}

#[test]
fn every_server_error_code_is_worded_in_every_language() {
    for lang in [Lang::En, Lang::Es] {
        for code in crate::model::ERROR_CODES {
            let id = word_id("server-error", code);
            assert!(has(lang, &id), "{lang:?} has no {id}");
        }
    }
}

/// A Spanish console words the server's code in Spanish and keeps the server's English
/// message only as detail; an unknown code gets the generic wording; no code, the message.
#[test]
fn a_spanish_console_words_server_refusals_by_code() {
    let r = |code: &str, detail: &str| Refusal {
        code: Some(code.into()),
        detail: detail.into(),
    };
    assert_eq!(
        notice(
            Lang::Es,
            &Notice::Refused(r("forbidden", "Not a member of this case."))
        ),
        "Usted no tiene acceso a esto. (Not a member of this case.)"
    );
    assert_eq!(
        notice(
            Lang::Es,
            &Notice::WriteRefused(r("version_conflict", "The note changed."))
        ),
        "El servidor rechazó un cambio: Alguien lo modificó antes que usted. (The note changed.)"
    );
    assert_eq!(
        notice(
            Lang::Es,
            &Notice::WriteRefused(r("invalid", "body is required"))
        ),
        "El servidor rechazó un cambio: El servidor no aceptó los datos enviados. (body is required)"
    );
    assert_eq!(
        notice(Lang::Es, &Notice::Refused(r("brand_new", "Something new."))),
        "El servidor rechazó la solicitud. (Something new.)"
    );
    assert_eq!(
        notice(Lang::En, &Notice::Refused(r("forbidden", "Not a member."))),
        "You do not have access to this. (Not a member.)"
    );
    let plain = Refusal {
        code: None,
        detail: "Cannot reach the server.".into(),
    };
    assert_eq!(
        notice(Lang::Es, &Notice::WriteRefused(plain)),
        "El servidor rechazó un cambio: Cannot reach the server."
    );
}

/// Every term the seed writes is in the vocabulary, so a seeded record never shows one side's
/// words on the other side's screen.
#[test]
fn every_seeded_term_is_known() {
    for raw in crate::seed::transport_vocabulary() {
        assert!(crate::i18n::is_term(raw), "{raw} is not in the vocabulary");
    }
}
