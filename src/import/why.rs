//! What is wrong with a cell, a row or the header, as data: `fwc seizures import` prints
//! [`Why::english`], the console words [`Why::code`] with [`Why::value`] in the reader's
//! language (`import-why-<code>` in each catalogue).

/// One kind of problem and the value it is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Why {
    ControlChars,
    TooLong(usize),
    Missing,
    NotACount(String),
    DateInFuture(String),
    DateBefore1900(String),
    BadDate(String),
    UnknownState(String),
    NotACountry(String),
    CountryMismatch,
    BadKind(String),
    MissingPort,
    NothingSeized,
    SerialControls,
    BadSerial(String),
    NotYesNo(String),
    BadType(String),
    BadOrigin(String),
    SecondColumn(&'static str),
    UnknownColumn,
    MissingColumn,
    NotCsv(String),
    Duplicate(usize),
    DiffersFromRef(usize),
}

impl Why {
    /// The catalogue's name for it (`import-why-` plus this).
    pub fn code(&self) -> &'static str {
        match self {
            Why::ControlChars => "control-chars",
            Why::TooLong(_) => "too-long",
            Why::Missing => "missing",
            Why::NotACount(_) => "not-a-count",
            Why::DateInFuture(_) => "date-in-future",
            Why::DateBefore1900(_) => "date-before-1900",
            Why::BadDate(_) => "bad-date",
            Why::UnknownState(_) => "unknown-state",
            Why::NotACountry(_) => "not-a-country",
            Why::CountryMismatch => "country-mismatch",
            Why::BadKind(_) => "bad-kind",
            Why::MissingPort => "missing-port",
            Why::NothingSeized => "nothing-seized",
            Why::SerialControls => "serial-controls",
            Why::BadSerial(_) => "bad-serial",
            Why::NotYesNo(_) => "not-yes-no",
            Why::BadType(_) => "bad-type",
            Why::BadOrigin(_) => "bad-origin",
            Why::SecondColumn(_) => "second-column",
            Why::UnknownColumn => "unknown-column",
            Why::MissingColumn => "missing-column",
            Why::NotCsv(_) => "not-csv",
            Why::Duplicate(_) => "duplicate",
            Why::DiffersFromRef(_) => "differs-from-ref",
        }
    }

    /// The value the sentence names (a cell as written, a number, a column), or empty.
    pub fn value(&self) -> String {
        match self {
            Why::TooLong(n) | Why::Duplicate(n) | Why::DiffersFromRef(n) => n.to_string(),
            Why::NotACount(v)
            | Why::DateInFuture(v)
            | Why::DateBefore1900(v)
            | Why::BadDate(v)
            | Why::UnknownState(v)
            | Why::NotACountry(v)
            | Why::BadKind(v)
            | Why::BadSerial(v)
            | Why::NotYesNo(v)
            | Why::BadType(v)
            | Why::BadOrigin(v)
            | Why::NotCsv(v) => v.clone(),
            Why::SecondColumn(c) => c.to_string(),
            _ => String::new(),
        }
    }

    /// The sentence `fwc seizures import` prints.
    pub fn english(&self) -> String {
        match self {
            Why::ControlChars => "contains control characters".into(),
            Why::TooLong(max) => format!("longer than {max} characters"),
            Why::Missing => "missing required field".into(),
            Why::NotACount(v) => format!("{v:?} is not a count from 0 to 1000000"),
            Why::DateInFuture(v) => format!("bad date {v:?}: in the future"),
            Why::DateBefore1900(v) => format!("bad date {v:?}: before 1900"),
            Why::BadDate(v) => {
                format!("bad date {v:?}: write YYYY-MM-DD, YYYY-MM-DD HH:MM (UTC) or RFC 3339")
            }
            Why::UnknownState(v) => format!(
                "unknown state {v:?}: one of the 32 Mexican states or Texas, Arizona, California, New Mexico"
            ),
            Why::NotACountry(v) => format!("{v:?} is not US or MX"),
            Why::CountryMismatch => "does not match the state's country".into(),
            Why::BadKind(v) => format!("{v:?} is not border_inspection, crime_scene or operation"),
            Why::MissingPort => {
                "missing required field (a border inspection names its port)".into()
            }
            Why::NothingSeized => {
                "missing required field: the row names no firearm, magazines, ammunition or parts"
                    .into()
            }
            Why::SerialControls => "serial contains control characters".into(),
            Why::BadSerial(v) => {
                format!(
                    "serial {v:?} may hold letters, digits, '-' and '?' (unreadable), at most 40"
                )
            }
            Why::NotYesNo(v) => format!("{v:?} is not yes/no (sí/no)"),
            Why::BadType(v) => {
                format!("{v:?} is not pistol, revolver, rifle, shotgun or machine_gun")
            }
            Why::BadOrigin(v) => format!("{v:?} is not a two-letter country code"),
            Why::SecondColumn(c) => format!("a second {c} column"),
            Why::UnknownColumn => {
                "unknown column (see `fwc seizures import --help` for the names)".into()
            }
            Why::MissingColumn => "a required column is missing".into(),
            Why::NotCsv(e) => format!("not readable as CSV: {e}"),
            Why::Duplicate(first) => format!("duplicate of row {first}"),
            Why::DiffersFromRef(first) => format!("differs from row {first} of the same ref"),
        }
    }

    /// One of each, for the catalogue test.
    pub fn every() -> Vec<Why> {
        let v = || "x".to_string();
        vec![
            Why::ControlChars,
            Why::TooLong(80),
            Why::Missing,
            Why::NotACount(v()),
            Why::DateInFuture(v()),
            Why::DateBefore1900(v()),
            Why::BadDate(v()),
            Why::UnknownState(v()),
            Why::NotACountry(v()),
            Why::CountryMismatch,
            Why::BadKind(v()),
            Why::MissingPort,
            Why::NothingSeized,
            Why::SerialControls,
            Why::BadSerial(v()),
            Why::NotYesNo(v()),
            Why::BadType(v()),
            Why::BadOrigin(v()),
            Why::SecondColumn("state"),
            Why::UnknownColumn,
            Why::MissingColumn,
            Why::NotCsv(v()),
            Why::Duplicate(2),
            Why::DiffersFromRef(2),
        ]
    }
}
