//! The filter language typed after `/`: `key:value` terms plus free text.
//!
//! Queue: `status:new agency:SEDENA state:"Nuevo León" port:Laredo item:firearm
//! from:2026-01-01 to:2026-03-31 kind:crime_scene country:MX sort:oldest rifles`.
//! Trace search: `TR-2026-0000042` (trace number), `ABC123` / `ABC*` / `*12?4*` (serial),
//! or `make:Glock model:19 caliber:9mm`, `purchaser:PR-… dealer:… status:completed ttc:short`.

mod words;

pub(crate) use words::{fold, key_name, value_name};
pub use words::{key_for, value_for};

use chrono::{DateTime, Local, NaiveDate, NaiveTime, TimeZone, Utc};

use crate::model::{
    CaseQuery, CaseStatus, Country, ItemKind, ProsecutionStage, SeizureKind, SeizureQuery,
    SeizureSort, StatsQuery, TraceQuery, TraceStatus, TriageStatus,
};

/// Splits on whitespace, keeping double-quoted runs together (`state:"Baja California"`).
pub fn tokens(input: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    for c in input.chars() {
        match c {
            '"' => quoted = !quoted,
            c if c.is_whitespace() && !quoted => {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
            }
            c => cur.push(c),
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Why a filter or search could not be understood. The app keeps it typed so the UI words it in
/// the user's language, quoting the user's own term.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FilterError {
    /// `key:value` where the key is known but the value is not (`status:bogus`).
    UnknownValue { key: String, value: String },
    /// A date not written `YYYY-MM-DD`.
    BadDate(String),
    /// A date that does not exist in the local time zone (a skipped DST hour at midnight).
    NoLocalDate(String),
    /// A `key:value` term a trace search does not know.
    UnknownTerm(String),
}

pub(crate) fn split_term(tok: &str) -> Option<(String, &str)> {
    let (k, v) = tok.split_once(':')?;
    if k.is_empty() || v.is_empty() || !k.chars().all(char::is_alphabetic) {
        return None;
    }
    Some((fold(k), v))
}

/// Parses an enumerated value typed in either language.
fn parse_value<T>(key: &str, v: &str, parse: impl Fn(&str) -> Option<T>) -> Result<T, FilterError> {
    parse(&value_name(key, v)).ok_or_else(|| FilterError::UnknownValue {
        key: key.to_string(),
        value: v.to_string(),
    })
}

/// Midnight at the start (or the end, for `to:`) of a local calendar day, as UTC.
fn local_day(v: &str, end: bool) -> Result<DateTime<Utc>, FilterError> {
    let d = NaiveDate::parse_from_str(v, "%Y-%m-%d")
        .map_err(|_| FilterError::BadDate(v.to_string()))?;
    let t = if end {
        NaiveTime::from_hms_opt(23, 59, 59)
    } else {
        NaiveTime::from_hms_opt(0, 0, 0)
    };
    let naive = d.and_time(t.unwrap_or_default());
    Local
        .from_local_datetime(&naive)
        .earliest()
        .map(|l| l.with_timezone(&Utc))
        .ok_or_else(|| FilterError::NoLocalDate(v.to_string()))
}

/// Parses a queue filter; the error names the term that could not be understood.
pub fn seizure_query(input: &str, sort: SeizureSort) -> Result<SeizureQuery, FilterError> {
    let mut q = SeizureQuery {
        sort: Some(sort),
        ..SeizureQuery::default()
    };
    let mut text = Vec::new();
    for tok in tokens(input) {
        let Some((key, v)) = split_term(&tok) else {
            text.push(tok);
            continue;
        };
        let key = key_name(&key);
        match key.as_str() {
            "status" => q.status = Some(parse_value(&key, v, TriageStatus::parse)?),
            "kind" => q.kind = Some(parse_value(&key, v, SeizureKind::parse)?),
            "item" => q.item = Some(parse_value(&key, v, ItemKind::parse)?),
            "country" => q.country = Some(parse_value(&key, v, Country::parse)?),
            "sort" => q.sort = Some(parse_value(&key, v, SeizureSort::parse)?),
            "agency" => q.agency = Some(v.to_string()),
            "state" => q.state = Some(v.to_string()),
            "port" => q.port = Some(v.to_string()),
            "from" => q.from = Some(local_day(v, false)?),
            "to" => q.to = Some(local_day(v, true)?),
            _ => text.push(tok),
        }
    }
    if !text.is_empty() {
        q.q = Some(text.join(" "));
    }
    Ok(q)
}

/// A prosecution stage as typed: the API's names, with `indicted` for `charged` (the US word
/// for a grand jury's charge).
/// Spanish too (`con-cargos`, `remitido`).
pub fn stage(v: &str) -> Option<ProsecutionStage> {
    match value_name("stage", v).as_str() {
        "indicted" => Some(ProsecutionStage::Charged),
        v => ProsecutionStage::parse(v),
    }
}

/// Parses the Cases list's filter: `status:open stage:charged` and free text (title or id).
/// The error is the term that could not be understood.
pub fn case_query(input: &str) -> Result<CaseQuery, String> {
    let mut q = CaseQuery::default();
    let mut text = Vec::new();
    for tok in tokens(input) {
        let Some((key, v)) = split_term(&tok) else {
            text.push(tok);
            continue;
        };
        match key_name(&key).as_str() {
            "status" => {
                q.status = Some(CaseStatus::parse(&value_name("status", v)).ok_or(tok.clone())?)
            }
            "stage" | "prosecution" => q.prosecution = Some(stage(v).ok_or(tok.clone())?),
            _ => return Err(tok),
        }
    }
    if !text.is_empty() {
        q.q = Some(text.join(" "));
    }
    Ok(q)
}

/// Parses the Outcomes filter: `from:2026-01-01 to:2026-03-31 agency:"FGR Sonora" country:MX`
/// (calendar days, UTC, as the server counts them). The error is the term it could not read.
pub fn stats_query(input: &str) -> Result<StatsQuery, String> {
    let mut q = StatsQuery::default();
    for tok in tokens(input) {
        let Some((key, v)) = split_term(&tok) else {
            return Err(tok);
        };
        let day = || NaiveDate::parse_from_str(v, "%Y-%m-%d").map_err(|_| tok.clone());
        match key_name(&key).as_str() {
            "from" => q.from = Some(day()?),
            "to" => q.to = Some(day()?),
            "agency" => q.agency = Some(v.to_string()),
            "country" => {
                let c = value_name("country", v).to_ascii_uppercase();
                q.country = Some(Country::parse(&c).ok_or(tok.clone())?)
            }
            _ => return Err(tok),
        }
    }
    Ok(q)
}

/// The filter text that reads back as `q` (what keys that change the filter show), in the
/// reader's language.
pub fn stats_text(q: &StatsQuery, lang: crate::app::state::Lang) -> String {
    let k = |key: &str| key_for(lang, key);
    let mut parts = Vec::new();
    if let Some(d) = q.from {
        parts.push(format!("{}:{d}", k("from")));
    }
    if let Some(d) = q.to {
        parts.push(format!("{}:{d}", k("to")));
    }
    if let Some(a) = &q.agency {
        parts.push(format!("{}:\"{a}\"", k("agency")));
    }
    if let Some(c) = q.country {
        let c = value_for(lang, "country", c.as_str()).to_uppercase();
        parts.push(format!("{}:{c}", k("country")));
    }
    parts.join(" ")
}

/// What a trace search asks for.
#[derive(Debug, Clone, PartialEq)]
pub enum TraceSearch {
    /// A trace number: fetch that one trace.
    Number(String),
    Query(Box<TraceQuery>),
}

pub fn trace_search(input: &str) -> Result<TraceSearch, FilterError> {
    let toks = tokens(input);
    if let [one] = toks.as_slice()
        && one.to_ascii_uppercase().starts_with("TR-")
    {
        return Ok(TraceSearch::Number(one.to_ascii_uppercase()));
    }
    let mut q = TraceQuery::default();
    let mut serial = Vec::new();
    for tok in toks {
        let Some((key, v)) = split_term(&tok) else {
            serial.push(tok);
            continue;
        };
        match key_name(&key).as_str() {
            "make" => q.make = Some(v.to_string()),
            "model" => q.model = Some(v.to_string()),
            "caliber" | "calibre" | "cal" => q.caliber = Some(v.to_string()),
            "serial" => q.serial = Some(v.to_string()),
            "purchaser" => q.purchaser_id = Some(v.to_string()),
            "dealer" => q.dealer_license = Some(v.to_string()),
            "seizure" => q.seizure_id = Some(v.to_string()),
            "status" => q.status = Some(parse_value("status", v, TraceStatus::parse)?),
            "ttc" if value_name("ttc", v) == "short" => q.short_ttc = Some(true),
            _ => return Err(FilterError::UnknownTerm(tok)),
        }
    }
    if !serial.is_empty() {
        q.serial = Some(serial.join(""));
    }
    Ok(TraceSearch::Query(Box::new(q)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queue_filter_terms_and_text() {
        let q = seizure_query(
            r#"status:new state:"Nuevo León" item:firearm rifles bus"#,
            SeizureSort::Newest,
        )
        .unwrap();
        assert_eq!(q.status, Some(TriageStatus::New));
        assert_eq!(q.state.as_deref(), Some("Nuevo León"));
        assert_eq!(q.item, Some(ItemKind::Firearm));
        assert_eq!(q.q.as_deref(), Some("rifles bus"));
        assert_eq!(q.sort, Some(SeizureSort::Newest));
        let q = seizure_query("from:2026-01-01 to:2026-01-31", SeizureSort::Oldest).unwrap();
        assert!(q.from.unwrap() < q.to.unwrap());
        assert_eq!(
            seizure_query("status:bogus", SeizureSort::Newest).unwrap_err(),
            FilterError::UnknownValue {
                key: "status".into(),
                value: "bogus".into()
            }
        );
        assert!(seizure_query("from:yesterday", SeizureSort::Newest).is_err());
    }

    #[test]
    fn case_filter_terms() {
        let q = case_query("stage:indicted status:open Nogales buses").unwrap();
        assert_eq!(q.prosecution, Some(ProsecutionStage::Charged));
        assert_eq!(q.status, Some(CaseStatus::Open));
        assert_eq!(q.q.as_deref(), Some("Nogales buses"));
        let q = case_query("prosecution:resolved").unwrap();
        assert_eq!(q.prosecution, Some(ProsecutionStage::Resolved));
        assert_eq!(case_query("stage:pending").unwrap_err(), "stage:pending");
        assert_eq!(case_query("colour:red").unwrap_err(), "colour:red");
        assert_eq!(case_query("").unwrap(), CaseQuery::default());
    }

    #[test]
    fn trace_search_forms() {
        assert_eq!(
            trace_search("tr-2026-0000042").unwrap(),
            TraceSearch::Number("TR-2026-0000042".into())
        );
        let TraceSearch::Query(q) = trace_search("*12?4*").unwrap() else {
            panic!()
        };
        assert_eq!(q.serial.as_deref(), Some("*12?4*"));
        let TraceSearch::Query(q) = trace_search("make:Glock caliber:9mm").unwrap() else {
            panic!()
        };
        assert_eq!(
            (q.make.as_deref(), q.caliber.as_deref(), q.serial),
            (Some("Glock"), Some("9mm"), None)
        );
        assert!(trace_search("colour:red").is_err());
    }

    #[test]
    fn spanish_keys_and_values_with_or_without_accents() {
        let q = seizure_query(
            r#"estado:nuevo artículo:arma entidad:"Nuevo León" tipo:operativo pais:mx orden:antiguos"#,
            SeizureSort::Newest,
        )
        .unwrap();
        assert_eq!(q.status, Some(TriageStatus::New));
        assert_eq!(q.item, Some(ItemKind::Firearm));
        assert_eq!(q.state.as_deref(), Some("Nuevo León"));
        assert_eq!(q.kind, Some(SeizureKind::Operation));
        assert_eq!(q.country, Some(Country::MX));
        assert_eq!(q.sort, Some(SeizureSort::Oldest));
        let q = seizure_query("estado:en-revisión articulo:armas", SeizureSort::Newest).unwrap();
        assert_eq!(q.status, Some(TriageStatus::InReview));
        assert_eq!(q.item, Some(ItemKind::Firearm));
        let q = seizure_query(
            "Estado:Vinculado desde:2026-01-01 hasta:2026-01-31",
            SeizureSort::Newest,
        )
        .unwrap();
        assert_eq!(q.status, Some(TriageStatus::Linked));
        assert!(q.from.unwrap() < q.to.unwrap());
        let TraceSearch::Query(q) =
            trace_search("marca:Glock modelo:19 estado:completado ttc:corto").unwrap()
        else {
            panic!()
        };
        assert_eq!(
            (q.make.as_deref(), q.model.as_deref()),
            (Some("Glock"), Some("19"))
        );
        assert_eq!(q.status, Some(TraceStatus::Completed));
        assert_eq!(q.short_ttc, Some(true));
        assert_eq!(
            seizure_query("estado:perdido", SeizureSort::Newest).unwrap_err(),
            FilterError::UnknownValue {
                key: "status".into(),
                value: "perdido".into()
            }
        );
        assert_eq!(
            seizure_query("desde:ayer", SeizureSort::Newest).unwrap_err(),
            FilterError::BadDate("ayer".into())
        );
    }

    /// The Cases and Outcomes filters read Spanish keys and values as the Queue's do.
    #[test]
    fn case_and_outcome_filters_read_spanish() {
        let q = case_query("estado:abierto etapa:con-cargos Nogales").unwrap();
        assert_eq!(q.status, Some(CaseStatus::Open));
        assert_eq!(q.prosecution, Some(ProsecutionStage::Charged));
        assert_eq!(q.q.as_deref(), Some("Nogales"));
        assert_eq!(
            case_query("estado:inactivos").unwrap().status,
            Some(CaseStatus::Dormant)
        );
        let s =
            stats_query("desde:2026-01-01 hasta:2026-03-31 dependencia:\"FGR Sonora\" país:méxico")
                .unwrap();
        assert_eq!(s.from, NaiveDate::from_ymd_opt(2026, 1, 1));
        assert_eq!(s.agency.as_deref(), Some("FGR Sonora"));
        assert_eq!(s.country, Some(Country::MX));
        let text = stats_text(&s, crate::app::state::Lang::Es);
        assert_eq!(
            text,
            "desde:2026-01-01 hasta:2026-03-31 dependencia:\"FGR Sonora\" país:MX"
        );
        assert_eq!(stats_query(&text).unwrap(), s);
        assert_eq!(stats_query("país:EUA").unwrap().country, Some(Country::US));
        let us = StatsQuery {
            country: Some(Country::US),
            ..StatsQuery::default()
        };
        assert_eq!(stats_text(&us, crate::app::state::Lang::Es), "país:EUA");
    }
}
