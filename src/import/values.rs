//! One row's cells read into typed values, every problem named by row and column: dates,
//! states, kinds, serials, counts, and text a terminal would act on.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};

use super::columns::Column;
use super::{Problem, country_of, firearm_line, firearm_type_of, kind_of};
use crate::model::{Country, ItemKind, MX_STATES, NewFirearm, NewSeizureItem, SeizureKind};

/// The US states of southbound ports of entry (a US seizure here is a border inspection).
const US_STATES: &[(&str, &str)] = &[
    ("TX", "Texas"),
    ("AZ", "Arizona"),
    ("CA", "California"),
    ("NM", "New Mexico"),
];

/// The cells of one record, found by column, with the header each was written under.
pub(super) struct Cells<'a> {
    rec: &'a csv::StringRecord,
    headers: &'a csv::StringRecord,
    by_col: &'a HashMap<Column, usize>,
    pub row: usize,
}

impl<'a> Cells<'a> {
    pub fn new(
        rec: &'a csv::StringRecord,
        headers: &'a csv::StringRecord,
        by_col: &'a HashMap<Column, usize>,
        row: usize,
    ) -> Self {
        Cells {
            rec,
            headers,
            by_col,
            row,
        }
    }

    fn get(&self, c: Column) -> Option<&'a str> {
        self.by_col
            .get(&c)
            .and_then(|i| self.rec.get(*i))
            .filter(|v| !v.is_empty())
    }

    fn header(&self, c: Column) -> String {
        self.by_col
            .get(&c)
            .and_then(|i| self.headers.get(*i))
            .unwrap_or(c.name())
            .to_string()
    }
}

/// A row read: the event's fields and this row's items.
#[derive(Debug, Clone)]
pub(super) struct Row {
    pub reference: Option<String>,
    pub occurred_at: DateTime<Utc>,
    pub kind: SeizureKind,
    pub country: Country,
    pub state: String,
    pub municipality: String,
    pub port: Option<String>,
    pub conveyance: Option<String>,
    pub concealment: Option<String>,
    pub summary: Option<String>,
    pub items: Vec<NewSeizureItem>,
}

impl Row {
    /// The first event column in which `other` (a row of the same ref) differs from this one.
    pub fn event_differs(&self, other: &Row) -> Option<Column> {
        if self.occurred_at != other.occurred_at {
            Some(Column::OccurredAt)
        } else if self.kind != other.kind {
            Some(Column::Kind)
        } else if self.state != other.state || self.country != other.country {
            Some(Column::State)
        } else if self.municipality != other.municipality {
            Some(Column::Municipality)
        } else if self.port != other.port {
            Some(Column::Port)
        } else if other.summary.is_some() && self.summary != other.summary {
            Some(Column::Summary)
        } else {
            None
        }
    }
}

/// Collects the problems of one row while its cells are read.
struct Reader<'c, 'a> {
    cells: &'c Cells<'a>,
    problems: Vec<Problem>,
}

impl Reader<'_, '_> {
    fn problem(&mut self, c: Column, message: impl Into<String>) {
        self.problems.push(Problem {
            row: self.cells.row,
            column: self.cells.header(c),
            message: message.into(),
        });
    }

    /// A text cell: no control, escape or bidi characters, at most `max` characters.
    fn text(&mut self, c: Column, max: usize) -> Option<String> {
        let v = self.cells.get(c)?;
        if has_controls(v) {
            self.problem(c, "contains control characters");
            return None;
        }
        if v.chars().count() > max {
            self.problem(c, format!("longer than {max} characters"));
            return None;
        }
        Some(v.to_string())
    }

    fn required(&mut self, c: Column, max: usize) -> Option<String> {
        if self.cells.get(c).is_none() {
            self.problem(c, "missing required field");
            return None;
        }
        self.text(c, max)
    }

    fn count(&mut self, c: Column) -> u32 {
        let Some(v) = self.cells.get(c) else {
            return 0;
        };
        match v.parse::<u32>() {
            Ok(n) if n <= 1_000_000 => n,
            _ => {
                self.problem(c, format!("{v:?} is not a count from 0 to 1000000"));
                0
            }
        }
    }
}

/// A row's values, or every problem it has.
pub(super) fn read_row(cells: &Cells<'_>, now: DateTime<Utc>) -> Result<Row, Vec<Problem>> {
    let mut r = Reader {
        cells,
        problems: Vec::new(),
    };
    let reference = r.text(Column::Ref, 80);
    let occurred_at = match cells.get(Column::OccurredAt) {
        None => {
            r.problem(Column::OccurredAt, "missing required field");
            None
        }
        Some(v) => match parse_date(v) {
            Some(t) if t > now + chrono::Duration::days(1) => {
                r.problem(Column::OccurredAt, format!("bad date {v:?}: in the future"));
                None
            }
            Some(t) if t.date_naive() < NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or_default() => {
                r.problem(Column::OccurredAt, format!("bad date {v:?}: before 1900"));
                None
            }
            Some(t) => Some(t),
            None => {
                r.problem(
                    Column::OccurredAt,
                    format!("bad date {v:?}: write YYYY-MM-DD, YYYY-MM-DD HH:MM (UTC) or RFC 3339"),
                );
                None
            }
        },
    };
    let state = match r.required(Column::State, 80) {
        Some(s) => match state_of(&s) {
            Some(found) => Some(found),
            None => {
                r.problem(
                    Column::State,
                    format!("unknown state {s:?}: one of the 32 Mexican states or Texas, Arizona, California, New Mexico"),
                );
                None
            }
        },
        None => None,
    };
    let country = match r.text(Column::Country, 40) {
        Some(c) => match country_of(&c) {
            Some(found) => Some(found),
            None => {
                r.problem(Column::Country, format!("{c:?} is not US or MX"));
                None
            }
        },
        None => None,
    };
    if let (Some(c), Some((_, sc))) = (country, &state)
        && c != *sc
    {
        r.problem(Column::Country, "does not match the state's country");
    }
    let port = r.text(Column::Port, 80);
    let kind = match r.text(Column::Kind, 40) {
        Some(k) => kind_of(&k).or_else(|| {
            r.problem(
                Column::Kind,
                format!("{k:?} is not border_inspection, crime_scene or operation"),
            );
            None
        }),
        None if port.is_some() => Some(SeizureKind::BorderInspection),
        None => Some(SeizureKind::CrimeScene),
    };
    if kind == Some(SeizureKind::BorderInspection) && port.is_none() {
        r.problem(
            Column::Port,
            "missing required field (a border inspection names its port)",
        );
    }
    let municipality = match (r.text(Column::Municipality, 80), &port) {
        (Some(m), _) => Some(m),
        (None, Some(p)) => Some(p.clone()),
        (None, None) => {
            r.problem(Column::Municipality, "missing required field");
            None
        }
    };
    let conveyance = r.text(Column::Conveyance, 200);
    let concealment = r.text(Column::Concealment, 200);
    let summary = r.text(Column::Summary, 2000);
    let mut items = Vec::new();
    if let Some(f) = firearm(&mut r) {
        items.push(firearm_line(f));
    }
    for (c, kind, what) in [
        (Column::Magazines, ItemKind::Magazine, "Magazines"),
        (
            Column::Ammunition,
            ItemKind::Ammunition,
            "Rounds of ammunition",
        ),
        (Column::Parts, ItemKind::Part, "Firearm parts"),
    ] {
        let n = r.count(c);
        if n > 0 {
            items.push(NewSeizureItem {
                kind,
                quantity: n,
                description: what.to_string(),
                firearm: None,
            });
        }
    }
    if items.is_empty() && r.problems.is_empty() {
        r.problem(
            Column::Serial,
            "missing required field: the row names no firearm, magazines, ammunition or parts",
        );
    }
    match (occurred_at, state, kind, municipality) {
        (Some(occurred_at), Some((state, sc)), Some(kind), Some(municipality))
            if r.problems.is_empty() =>
        {
            Ok(Row {
                reference,
                occurred_at,
                kind,
                country: country.unwrap_or(sc),
                state,
                municipality,
                port,
                conveyance,
                concealment,
                summary,
                items,
            })
        }
        _ => Err(r.problems),
    }
}

/// The firearm a row describes, if any of its columns is filled (then make, model, type,
/// calibre and origin are required, as a trace needs them).
fn firearm(r: &mut Reader<'_, '_>) -> Option<NewFirearm> {
    let cols = [
        Column::Serial,
        Column::Make,
        Column::Model,
        Column::FirearmType,
        Column::Caliber,
        Column::Origin,
        Column::Importer,
        Column::Obliterated,
    ];
    if cols.iter().all(|c| r.cells.get(*c).is_none()) {
        return None;
    }
    let serial = match r.cells.get(Column::Serial) {
        Some(s) if has_controls(s) => {
            r.problem(Column::Serial, "serial contains control characters");
            None
        }
        Some(s)
            if s.len() > 40
                || !s
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '?') =>
        {
            r.problem(
                Column::Serial,
                format!(
                    "serial {s:?} may hold letters, digits, '-' and '?' (unreadable), at most 40"
                ),
            );
            None
        }
        Some(s) => Some(s.to_ascii_uppercase()),
        None => Some(String::new()),
    };
    let obliterated = match r.cells.get(Column::Obliterated) {
        None => Some(false),
        Some(v) => match super::columns::fold(v).as_str() {
            "yes" | "y" | "true" | "1" | "si" | "s" | "x" => Some(true),
            "no" | "n" | "false" | "0" => Some(false),
            _ => {
                r.problem(Column::Obliterated, format!("{v:?} is not yes/no (sí/no)"));
                None
            }
        },
    };
    let make = r.required(Column::Make, 80);
    let model = r.required(Column::Model, 80);
    let caliber = r.required(Column::Caliber, 40);
    let kind = match r.required(Column::FirearmType, 40) {
        Some(t) => firearm_type_of(&t).or_else(|| {
            r.problem(
                Column::FirearmType,
                format!("{t:?} is not pistol, revolver, rifle, shotgun or machine_gun"),
            );
            None
        }),
        None => None,
    };
    let origin = match r.required(Column::Origin, 2) {
        Some(o) if o.len() == 2 && o.bytes().all(|b| b.is_ascii_alphabetic()) => {
            Some(o.to_ascii_uppercase())
        }
        Some(o) => {
            r.problem(
                Column::Origin,
                format!("{o:?} is not a two-letter country code"),
            );
            None
        }
        None => None,
    };
    let importer = r.text(Column::Importer, 120);
    Some(NewFirearm {
        serial: serial?,
        obliterated: obliterated?,
        make: make?,
        model: model?,
        kind: kind?,
        caliber: caliber?,
        origin_country: origin?,
        importer,
        markings: None,
    })
}

/// Control, escape, bidi and zero-width characters: what would drive or spoof a terminal.
fn has_controls(s: &str) -> bool {
    s.chars().any(|c| {
        c.is_control()
            || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
    })
}

/// RFC 3339, `YYYY-MM-DD HH:MM[:SS]` or `YYYY-MM-DDTHH:MM[:SS]` (UTC), or `YYYY-MM-DD` (noon
/// UTC, so the day reads the same on both sides of the border). Day-first and month-first
/// dates (`03/04/2026`) are refused: which one a sheet meant cannot be known.
pub fn parse_date(s: &str) -> Option<DateTime<Utc>> {
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(t.with_timezone(&Utc));
    }
    for f in [
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M",
    ] {
        if let Ok(t) = NaiveDateTime::parse_from_str(s, f) {
            return Some(t.and_utc());
        }
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(12, 0, 0))
        .map(|t| t.and_utc())
}

/// The state's name as the records write it, and its country: a Mexican state by name or ISO
/// code (`Nuevo León`, `nuevo leon`, `NLE`), or a US border state (`Texas`, `TX`).
pub fn state_of(s: &str) -> Option<(String, Country)> {
    let f = super::columns::fold(s);
    if let Some((_, name)) = MX_STATES
        .iter()
        .find(|(code, name)| super::columns::fold(name) == f || code.eq_ignore_ascii_case(s.trim()))
    {
        return Some((name.to_string(), Country::MX));
    }
    US_STATES
        .iter()
        .find(|(code, name)| super::columns::fold(name) == f || code.eq_ignore_ascii_case(s.trim()))
        .map(|(_, name)| (name.to_string(), Country::US))
}
