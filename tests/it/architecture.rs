//! The layers, enforced: reads every `.rs` file under `src/` and fails when a layer reaches up or
//! sideways. One crate, so nothing but this test stops `app` from importing `ratatui`.
//!
//! | layer    | may not use                                                            |
//! |----------|------------------------------------------------------------------------|
//! | `model`  | anything else of the crate                                             |
//! | `api`    | anything of the crate but `model`                                      |
//! | `app`    | `ui`, `server`, `cli`; the crates ratatui (and its widgets), crossterm, reqwest, axum |
//! | `ui`     | `server`, `api`, `cli` (the CLI wires the client); the crates reqwest, axum |
//! | `server` | `app`, `ui`, `api`                                                     |
//! | `i18n`   | anything of the crate but `model`; ratatui, crossterm, reqwest, axum   |
//!
//! Paths are resolved the way the compiler does: `crate::x`, `super::…` climbed from the file's
//! own module, grouped imports (`use crate::{app, ui::x}`), and full paths written inline.

use std::path::{Path, PathBuf};

/// The crate modules a layer must not name, and the external crates it must not use.
fn forbidden(layer: &str) -> (&'static [&'static str], &'static [&'static str]) {
    const ALL: &[&str] = &[
        "api",
        "app",
        "ballistics",
        "bench",
        "cli",
        "export",
        "i18n",
        "seed",
        "server",
        "ui",
    ];
    match layer {
        "model" => (ALL, &[]),
        "api" => (
            &[
                "app",
                "ballistics",
                "bench",
                "cli",
                "export",
                "i18n",
                "seed",
                "server",
                "ui",
            ],
            &[],
        ),
        // The catalogues and the language: words for people, used by the console and the case
        // packet alike, built on nothing but the model.
        "i18n" => (
            &[
                "api",
                "app",
                "ballistics",
                "bench",
                "cli",
                "export",
                "seed",
                "server",
                "ui",
            ],
            &["ratatui", "crossterm", "reqwest", "axum"],
        ),
        "app" => (
            &["ui", "server", "cli"],
            &[
                "ratatui",
                "ratatui_textarea",
                "crossterm",
                "reqwest",
                "axum",
            ],
        ),
        // The terminal front end gets its client and runtime wired by the CLI (`cli::start`).
        "ui" => (&["server", "api", "cli"], &["reqwest", "axum"]),
        "server" => (&["app", "ui", "api"], &[]),
        _ => (&[], &[]),
    }
}

/// The module path of a source file: `src/app/panes/queue/mod.rs` → `[app, panes, queue]`.
fn module_of(src: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src).unwrap_or(file);
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().trim_end_matches(".rs").to_string())
        .collect();
    if matches!(
        parts.last().map(String::as_str),
        Some("mod" | "lib" | "main")
    ) {
        parts.pop();
    }
    parts
}

/// Source text without comments (line, block and doc comments) and string literals, so a
/// sentence that mentions `crate::ui` does not count.
fn code_only(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i..].starts_with(b"//") {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
        } else if b[i..].starts_with(b"/*") {
            i += 2;
            while i < b.len() && !b[i..].starts_with(b"*/") {
                if b[i] == b'\n' {
                    out.push('\n');
                }
                i += 1;
            }
            i += 2;
        } else if b[i] == b'"' {
            i += 1;
            while i < b.len() && b[i] != b'"' {
                if b[i] == b'\\' {
                    i += 1;
                } else if b[i] == b'\n' {
                    out.push('\n');
                }
                i += 1;
            }
            i += 1;
            out.push_str("\"\"");
        } else if b[i] == b'\'' && b.get(i + 2) == Some(&b'\'') {
            // A char literal such as '"' or '/'.
            i += 3;
        } else {
            let c = text[i..].chars().next().unwrap_or(' ');
            out.push(c);
            i += c.len_utf8();
        }
    }
    out
}

/// Every path written in `code`, with its line number: those that start at the crate root or
/// climb with `super` resolved to the crate's top-level module they land in (`true`), the
/// others by their first segment, an external crate or a local name (`false`).
fn references(module: &[String], code: &str) -> Vec<(usize, String, bool)> {
    let mut found = Vec::new();
    for (n, line) in code.lines().enumerate() {
        let words: Vec<&str> = line
            .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':' || c == '{'))
            .filter(|w| w.contains("::") || w.starts_with("crate"))
            .collect();
        for w in words {
            let segs: Vec<&str> = w.split("::").collect();
            let clean = |s: &str| s.trim_start_matches('{').to_string();
            let top = match segs.first().copied() {
                Some("crate") => segs.get(1).map(|s| (clean(s), true)),
                Some("super") => {
                    let ups = segs.iter().take_while(|s| **s == "super").count();
                    if ups >= module.len() {
                        segs.get(ups).map(|s| (clean(s), true))
                    } else {
                        module.first().map(|m| (m.clone(), true))
                    }
                }
                Some(first) => Some((clean(first), false)),
                None => None,
            };
            if let Some((t, internal)) = top.filter(|t| !t.0.is_empty()) {
                found.push((n + 1, t, internal));
            }
        }
        // `use crate::{app, ui::x}`: every first-level name of the group.
        if let Some(pos) = line.find("crate::{") {
            let rest = &line[pos + 8..];
            let group = rest.split('}').next().unwrap_or("");
            for item in group.split(',') {
                let name = item.trim().split("::").next().unwrap_or("").trim();
                if !name.is_empty() {
                    found.push((n + 1, name.to_string(), true));
                }
            }
        }
        // `use ratatui;` or `use ratatui as r;`
        if let Some(rest) = line.trim_start().strip_prefix("use ") {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !matches!(name.as_str(), "crate" | "super" | "self" | "") {
                found.push((n + 1, name, false));
            }
        }
    }
    found
}

/// Every layer violation under `src`, as `file:line: layer uses name`.
fn violations(src: &Path) -> Vec<String> {
    let mut files = Vec::new();
    collect(src, &mut files);
    files.sort();
    let mut out = Vec::new();
    for file in files {
        let module = module_of(src, &file);
        let Some(layer) = module.first().cloned() else {
            continue;
        };
        let (modules, crates) = forbidden(&layer);
        let Ok(text) = std::fs::read_to_string(&file) else {
            continue;
        };
        // Multi-line `use` groups are joined so each import sits on the line it starts on.
        let code = code_only(&text);
        let joined = join_use_groups(&code);
        let mut seen = std::collections::BTreeSet::new();
        for (line, name, internal) in references(&module, &joined) {
            let bad_module = internal && modules.contains(&name.as_str());
            let bad_crate = !internal && crates.contains(&name.as_str());
            if (bad_module || bad_crate) && seen.insert((line, name.clone())) {
                out.push(format!(
                    "{}:{line}: `{layer}` uses `{name}`",
                    file.display()
                ));
            }
        }
    }
    out
}

/// Puts a `use … { … };` spread over several lines onto its first line (the other lines are
/// left empty so line numbers stay right).
fn join_use_groups(code: &str) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut open: Option<usize> = None;
    for line in code.lines() {
        match open {
            Some(i) => {
                out[i].push(' ');
                out[i].push_str(line.trim());
                out.push(String::new());
                if line.contains(';') {
                    open = None;
                }
            }
            None => {
                out.push(line.to_string());
                let t = line.trim_start();
                if (t.starts_with("use ") || t.starts_with("pub use ")) && !t.contains(';') {
                    open = Some(out.len() - 1);
                }
            }
        }
    }
    out.join("\n")
}

fn collect(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            collect(&p, files);
        } else if p.extension().is_some_and(|x| x == "rs") {
            files.push(p);
        }
    }
}

/// Violations not fixed yet, each with its reason. The list may only shrink: an entry that no
/// longer matches a violation fails the test, so it is removed with the fix.
const KNOWN: &[(&str, &str)] = &[];

#[test]
fn layers_point_one_way() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let v = violations(&src);
    let known = |x: &String| KNOWN.iter().any(|(f, n)| x.contains(f) && x.ends_with(n));
    let new: Vec<&String> = v.iter().filter(|x| !known(x)).collect();
    assert!(
        new.is_empty(),
        "layer violations (see tests/it/architecture.rs for the rules):\n{}",
        new.iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    );
    for (f, n) in KNOWN {
        assert!(
            v.iter().any(|x| x.contains(f) && x.ends_with(n)),
            "{f} no longer uses {n}: remove it from KNOWN"
        );
    }
}

/// The checker itself can fail: a small tree with one violation of each kind.
#[test]
fn the_checker_catches_each_kind_of_violation() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("src");
    let write = |rel: &str, text: &str| {
        let p = src.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    };
    write(
        "app/mod.rs",
        "//! use crate::ui is fine in a comment\nuse ratatui::Frame;\n",
    );
    write(
        "app/panes/x/mod.rs",
        "use super::super::super::ui::theme;\n",
    );
    write(
        "app/y.rs",
        "use crate::{\n    model::Case,\n    server::Store,\n};\n",
    );
    write("model/a.rs", "fn f() { crate::app::update(); }\n");
    write(
        "api/b.rs",
        "use crate::model::Seizure;\nconst S: &str = \"crate::ui\";\n",
    );
    write("server/c.rs", "use crate::api::ApiClient;\n");
    write("ui/d.rs", "use crate::app::State;\nuse ratatui::Frame;\n");
    let v = violations(&src);
    let has = |s: &str| v.iter().any(|x| x.contains(s));
    assert!(has("app/mod.rs:2: `app` uses `ratatui`"), "{v:#?}");
    assert!(has("x/mod.rs:1: `app` uses `ui`"), "{v:#?}");
    assert!(has("app/y.rs:1: `app` uses `server`"), "{v:#?}");
    assert!(has("model/a.rs:1: `model` uses `app`"), "{v:#?}");
    assert!(has("server/c.rs:1: `server` uses `api`"), "{v:#?}");
    assert_eq!(
        v.len(),
        5,
        "nothing else (comments, strings, allowed uses): {v:#?}"
    );
}
