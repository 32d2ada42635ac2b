//! What every scripting command (`fwc seizures …`, `fwc traces …`, …) shares: the output
//! formats, paging, and the exit codes scripts branch on.
//!
//! Tables and CSV are drawn from the typed records the client has sanitised; `--json` and
//! `--jsonl` pass the API's own JSON through, with the few characters a terminal would act on
//! that JSON leaves unescaped (DEL, C1 controls, bidi overrides) written as `\uXXXX`, which is
//! the same JSON value.

use std::io::{IsTerminal, Write};

use clap::Args;
use serde::Serialize;
use serde::de::DeserializeOwned;
use unicode_width::UnicodeWidthStr;

use crate::api::{ApiClient, ApiError, ApiErrorKind};
use crate::model::MAX_PAGE_LIMIT;
use crate::model::text::Sanitize;

/// The exit codes of `fwc`, as the README and `fwc --help` list them.
pub mod exit {
    pub const OK: u8 = 0;
    /// Anything else: a local problem (configuration, a file), a bad answer.
    pub const OTHER: u8 = 1;
    /// Usage: an unknown command, flag or value (clap's own code).
    pub const USAGE: u8 = 2;
    pub const NOT_FOUND: u8 = 3;
    pub const FORBIDDEN: u8 = 4;
    /// Not signed in, or the session or token is no longer accepted.
    pub const UNAUTHORIZED: u8 = 5;
    /// The server could not be reached, or did not answer in time.
    pub const OFFLINE: u8 = 6;
    /// A conflict: the record moved on, or an idempotency key reused for another request.
    pub const CONFLICT: u8 = 7;
    /// The server refused the input (400/422), or an import file has invalid rows.
    pub const INVALID: u8 = 8;
    /// The server failed (5xx), was rate-limiting, or answered something unreadable.
    pub const SERVER: u8 = 9;
}

/// The exit-code table of `fwc --help` (the README has the same table).
pub const EXIT_CODES_HELP: &str = "\
Exit codes:
  0  success
  1  other error (configuration, a local file, an unreadable answer)
  2  usage: unknown command, flag or value
  3  not found
  4  forbidden (no access; looks the same whether or not the record exists)
  5  not signed in: the session or token is missing, expired or revoked
  6  offline: the server cannot be reached or did not answer in time
  7  conflict: the record changed, or an idempotency key was reused for another request
  8  invalid: the server refused the input, or an import file has invalid rows
  9  server error (5xx or rate limited)";

/// An error that carries its exit code (e.g. an import with invalid rows).
#[derive(Debug)]
pub struct Exit {
    pub code: u8,
    pub message: String,
}

impl std::fmt::Display for Exit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Exit {}

/// The exit code for an error: the API error's kind when one is in the chain.
pub fn exit_code(e: &anyhow::Error) -> u8 {
    for cause in e.chain() {
        if let Some(x) = cause.downcast_ref::<Exit>() {
            return x.code;
        }
        if let Some(api) = cause.downcast_ref::<ApiError>() {
            return api_exit_code(api);
        }
    }
    exit::OTHER
}

fn api_exit_code(e: &ApiError) -> u8 {
    if e.code.as_deref() == Some("idempotency_key_reused") {
        return exit::CONFLICT;
    }
    match e.kind {
        ApiErrorKind::NotFound => exit::NOT_FOUND,
        ApiErrorKind::Forbidden => exit::FORBIDDEN,
        ApiErrorKind::Unauthorized => exit::UNAUTHORIZED,
        ApiErrorKind::Unreachable | ApiErrorKind::Timeout => exit::OFFLINE,
        ApiErrorKind::Conflict => exit::CONFLICT,
        // A client-side refusal (a URL or CA file) has no status: a local problem.
        ApiErrorKind::Invalid if e.status.is_none() => exit::OTHER,
        ApiErrorKind::Invalid => exit::INVALID,
        ApiErrorKind::RateLimited | ApiErrorKind::Server | ApiErrorKind::Decode => exit::SERVER,
    }
}

/// `--json`, `--jsonl` or `--csv`; a table without any.
#[derive(Debug, Args, Clone, Default)]
pub struct OutputArgs {
    /// One JSON document: the API's own JSON.
    #[arg(long, group = "format")]
    pub json: bool,
    /// One JSON record per line.
    #[arg(long, group = "format")]
    pub jsonl: bool,
    /// CSV with a header row (RFC 4180 quoting).
    #[arg(long, group = "format")]
    pub csv: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Json,
    Jsonl,
    Csv,
}

impl OutputArgs {
    pub fn format(&self) -> Format {
        if self.json {
            Format::Json
        } else if self.jsonl {
            Format::Jsonl
        } else if self.csv {
            Format::Csv
        } else {
            Format::Table
        }
    }
}

/// `--limit`, `--cursor`, `--all` of every list.
#[derive(Debug, Args, Clone, Default)]
pub struct PageArgs {
    /// Records per page (1 to 1000; the server's default is 100).
    #[arg(long, value_parser = clap::value_parser!(u32).range(1..=1000))]
    pub limit: Option<u32>,
    /// Start from this page (the `next_cursor` of the page before).
    #[arg(long, conflicts_with = "all")]
    pub cursor: Option<String>,
    /// Follow every page to the end.
    #[arg(long)]
    pub all: bool,
}

/// `fwc RESOURCE show ID`.
#[derive(Debug, Args, Clone)]
pub struct ShowArgs {
    /// The record's id.
    pub id: String,
    #[command(flatten)]
    pub out: OutputArgs,
}

/// A record as a row of a table or a CSV file.
pub trait Row: DeserializeOwned + Sanitize {
    const HEADERS: &'static [&'static str];
    fn cells(&self) -> Vec<String>;
}

/// Fetches one page, or with `--all` every page, of `path` filtered by `query`, as one
/// document of the API's shape: `{"items": […], "next_cursor": …}`.
pub async fn fetch_list<Q: Serialize>(
    client: &ApiClient,
    path: &str,
    query: &Q,
    page: &PageArgs,
) -> anyhow::Result<serde_json::Value> {
    let mut params = query_params(query)?;
    let limit = page
        .limit
        .unwrap_or(if page.all { MAX_PAGE_LIMIT } else { 0 });
    if limit > 0 {
        params.push(("limit".into(), limit.to_string()));
    }
    let mut cursor = page.cursor.clone();
    let mut items = Vec::new();
    loop {
        let mut p = params.clone();
        if let Some(c) = &cursor {
            p.push(("cursor".into(), c.clone()));
        }
        let mut doc = client.get_value(path, &p).await?;
        let next = doc
            .get("next_cursor")
            .and_then(|c| c.as_str())
            .map(str::to_string);
        match doc.get_mut("items").map(serde_json::Value::take) {
            Some(serde_json::Value::Array(page_items)) => items.extend(page_items),
            _ => anyhow::bail!("the server's answer to {path} has no items list"),
        }
        match next {
            Some(c) if page.all => cursor = Some(c),
            next => {
                return Ok(serde_json::json!({ "items": items, "next_cursor": next }));
            }
        }
    }
}

/// A query struct as `name=value` pairs, leaving out the unset ones.
pub fn query_params<Q: Serialize>(query: &Q) -> anyhow::Result<Vec<(String, String)>> {
    let serde_json::Value::Object(map) = serde_json::to_value(query)? else {
        anyhow::bail!("a query is not a set of named values");
    };
    Ok(map
        .into_iter()
        .filter_map(|(k, v)| match v {
            serde_json::Value::Null => None,
            serde_json::Value::String(s) => Some((k, s)),
            other => Some((k, other.to_string())),
        })
        .collect())
}

/// Prints a list document in `format`; says on stderr how to get the next page, if any.
pub fn print_list<T: Row>(doc: &serde_json::Value, format: Format) -> anyhow::Result<()> {
    let items = doc
        .get("items")
        .and_then(|i| i.as_array())
        .map(Vec::as_slice)
        .unwrap_or_default();
    print_records::<T>(doc, items, format)?;
    if let Some(c) = doc.get("next_cursor").and_then(|c| c.as_str()) {
        eprintln!("More records: add --cursor {c} (or --all for every page).");
    }
    Ok(())
}

/// Prints an answer that is a bare JSON array (`GET /v1/watches`, `GET /v1/alerts`): `--json`
/// the array itself, the other formats its records.
pub fn print_array<T: Row>(doc: &serde_json::Value, format: Format) -> anyhow::Result<()> {
    let Some(items) = doc.as_array() else {
        anyhow::bail!("the server's answer is not a list");
    };
    print_records::<T>(doc, items, format)
}

/// `doc` whole for `--json`, else `items` one per line, as CSV or as a table.
fn print_records<T: Row>(
    doc: &serde_json::Value,
    items: &[serde_json::Value],
    format: Format,
) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    match format {
        Format::Json => writeln!(out, "{}", json_text(doc)?)?,
        Format::Jsonl => {
            for item in items {
                writeln!(out, "{}", json_text(item)?)?;
            }
        }
        Format::Table | Format::Csv => {
            let rows = typed::<T>(items)?;
            if format == Format::Csv {
                write_csv(&mut out, T::HEADERS, &rows)?;
            } else {
                write_table(&mut out, T::HEADERS, &rows, std::io::stdout().is_terminal())?;
            }
        }
    }
    out.flush()?;
    Ok(())
}

/// Prints one record: a `field: value` list for people, or the API's JSON, or one CSV row.
pub fn print_one<T: Row>(doc: &serde_json::Value, format: Format) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    match format {
        Format::Json | Format::Jsonl => writeln!(out, "{}", json_text(doc)?)?,
        Format::Csv => {
            let rows = typed::<T>(std::slice::from_ref(doc))?;
            write_csv(&mut out, T::HEADERS, &rows)?;
        }
        Format::Table => {
            let rows = typed::<T>(std::slice::from_ref(doc))?;
            let width = T::HEADERS.iter().map(|h| h.width()).max().unwrap_or(0);
            for (h, v) in T::HEADERS.iter().zip(rows.iter().flatten()) {
                writeln!(out, "{h:<width$}  {v}")?;
            }
        }
    }
    out.flush()?;
    Ok(())
}

/// The records of `items` decoded and sanitised, as rows of cells.
pub fn typed<T: Row>(items: &[serde_json::Value]) -> anyhow::Result<Vec<Vec<String>>> {
    items
        .iter()
        .map(|v| {
            let mut r: T = serde_json::from_value(v.clone())
                .map_err(|e| anyhow::anyhow!("the server's answer is not understood: {e}"))?;
            r.sanitize();
            Ok(r.cells())
        })
        .collect()
}

/// JSON text in which DEL, C1 controls and bidi/zero-width controls are `\u`-escaped.
pub fn json_text(v: &serde_json::Value) -> anyhow::Result<String> {
    let text = serde_json::to_string(v)?;
    if text.is_ascii() && !text.contains('\u{7f}') {
        return Ok(text);
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\u{7f}'..='\u{9f}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}' => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    Ok(out)
}

pub fn write_csv(
    out: &mut impl Write,
    headers: &[&str],
    rows: &[Vec<String>],
) -> anyhow::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(headers)?;
    for r in rows {
        w.write_record(r)?;
    }
    w.flush()?;
    Ok(())
}

/// Widest a cell is drawn in a table on a terminal; longer text ends with `…`. Piped output
/// keeps every cell whole.
const CELL_MAX: usize = 48;

pub fn write_table(
    out: &mut impl Write,
    headers: &[&str],
    rows: &[Vec<String>],
    terminal: bool,
) -> anyhow::Result<()> {
    let fit = |s: &str| {
        if terminal {
            crate::ui::fmt::fit(s, CELL_MAX)
        } else {
            s.to_string()
        }
    };
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|r| r.iter().map(|c| fit(c)).collect())
        .collect();
    let mut widths: Vec<usize> = headers.iter().map(|h| h.width()).collect();
    for r in &rows {
        for (w, c) in widths.iter_mut().zip(r) {
            *w = (*w).max(c.width());
        }
    }
    let line = |cells: &mut dyn Iterator<Item = &str>| {
        let mut s = String::new();
        for (i, (c, w)) in cells.zip(&widths).enumerate() {
            if i + 1 == widths.len() {
                s.push_str(c);
            } else {
                s.push_str(c);
                s.push_str(&" ".repeat(w - c.width() + 2));
            }
        }
        s.trim_end().to_string()
    };
    writeln!(out, "{}", line(&mut headers.iter().copied()))?;
    for r in &rows {
        writeln!(out, "{}", line(&mut r.iter().map(String::as_str)))?;
    }
    Ok(())
}

/// `Some(x)` as its text, `None` as an empty cell.
pub fn opt<T: std::fmt::Display>(v: &Option<T>) -> String {
    v.as_ref().map(ToString::to_string).unwrap_or_default()
}

/// A list of ids in one cell.
pub fn ids(v: &[String]) -> String {
    v.join(" ")
}

/// A clap value parser for one of a model enum's names (`TriageStatus::ALL`, `as_str`): the
/// names are listed in `--help`, completions and the error for a wrong one.
pub fn one_of<T: Copy + Send + Sync + 'static>(
    all: &'static [T],
    name: fn(T) -> &'static str,
) -> impl clap::builder::TypedValueParser<Value = T> {
    use clap::builder::TypedValueParser;
    clap::builder::PossibleValuesParser::new(all.iter().map(|v| name(*v))).try_map(
        move |s: String| {
            all.iter()
                .copied()
                .find(|v| name(*v) == s)
                .ok_or_else(|| format!("{s:?} is not one of the names listed"))
        },
    )
}

/// An idempotency key for a write: the user's, or a fresh one (so the client's own retries of
/// this one run are still applied once).
pub fn idempotency_key(given: Option<&str>) -> String {
    match given {
        Some(k) => k.to_string(),
        None => {
            use rand::Rng;
            let n: u128 = rand::rng().random();
            format!("fwc-cli-{n:032x}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_text_escapes_what_a_terminal_would_act_on_and_keeps_the_value() {
        let v = serde_json::json!({"s": "a\u{9b}2J\u{202e}b\u{1b}é"});
        let t = json_text(&v).unwrap();
        assert!(!t.contains('\u{9b}') && !t.contains('\u{202e}') && !t.contains('\u{1b}'));
        assert!(t.contains('é'));
        let back: serde_json::Value = serde_json::from_str(&t).unwrap();
        assert_eq!(back, v);
    }

    #[test]
    fn api_errors_map_to_distinct_exit_codes() {
        let code = |status: u16, body: &[u8]| {
            exit_code(&anyhow::Error::new(ApiError::from_status(status, body)))
        };
        assert_eq!(code(404, b""), exit::NOT_FOUND);
        assert_eq!(code(403, b""), exit::FORBIDDEN);
        assert_eq!(code(401, b""), exit::UNAUTHORIZED);
        assert_eq!(code(409, b""), exit::CONFLICT);
        assert_eq!(
            code(
                422,
                br#"{"error":{"code":"idempotency_key_reused","message":"m"}}"#
            ),
            exit::CONFLICT
        );
        assert_eq!(code(422, b""), exit::INVALID);
        assert_eq!(code(500, b""), exit::SERVER);
        let e = anyhow::Error::new(Exit {
            code: exit::INVALID,
            message: "rows".into(),
        })
        .context("import");
        assert_eq!(exit_code(&e), exit::INVALID);
        assert_eq!(exit_code(&anyhow::anyhow!("no config")), exit::OTHER);
    }

    #[test]
    fn tables_align_and_cut_only_on_a_terminal() {
        let rows = vec![vec!["SZ-1".to_string(), "x".repeat(60)]];
        let mut piped = Vec::new();
        write_table(&mut piped, &["id", "summary"], &rows, false).unwrap();
        let piped = String::from_utf8(piped).unwrap();
        assert!(piped.starts_with("id    summary\nSZ-1  xxx"));
        assert!(piped.contains(&"x".repeat(60)));
        let mut term = Vec::new();
        write_table(&mut term, &["id", "summary"], &rows, true).unwrap();
        assert!(String::from_utf8(term).unwrap().contains('…'));
    }

    #[test]
    fn csv_quotes_as_rfc_4180() {
        let mut out = Vec::new();
        write_csv(
            &mut out,
            &["a", "b"],
            &[vec!["x,y".into(), "say \"hi\"".into()]],
        )
        .unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "a,b\n\"x,y\",\"say \"\"hi\"\"\"\n"
        );
    }
}
