//! Every word the console shows, as one Fluent catalogue per language: `en.ftl`, `es.ftl`.
//!
//! Code names a message by its id and passes named arguments (`tr!(lang, "notice-copied",
//! text = id)`); the catalogue decides the wording, the word order and the plural forms
//! (`{ $count -> [one] … *[other] … }`), so no language needs an `if` in Rust. Enum values are
//! worded through their serde name (`triage-in-review`, `action-submit-trace`, …), so a new
//! status or action is one line per catalogue. A message missing from a catalogue shows its id
//! (never a blank) and the test `every_message_in_every_language` fails on it first.
//!
//! # Adding a language
//! 1. Copy `en.ftl` to `xx.ftl` beside this file and translate every message: keep each id and
//!    each `$argument`; give each plural the categories the language has (the glossary comments
//!    at the top of `es.ftl` show the form).
//! 2. Add the variant `Xx` to [`Lang`] (below) with its code in `Lang::parse` and in
//!    `Lang::ALL`. The compiler then points at the one arm to add in [`source`] below:
//!    `Lang::Xx => ("xx-MX", include_str!("xx.ftl"))`.
//! 3. `cargo test i18n` checks that every message exists in every language with the same
//!    arguments; the pseudo-locale snapshots show what a longer language does to each screen.
//!
//! The pseudo-locale ([`Lang::Pseudo`], reachable only from tests) is built exactly this way,
//! from the English catalogue with every text accented, lengthened by about 30% and bracketed,
//! to find strings that bypass the catalogue and layouts that cut a longer language.

mod vocab;

pub use vocab::{is_term, term};

use std::borrow::Cow;
use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

use crate::model::{
    CaseStatus, ChainRole, EntityKind, ItemKind, LeadStatus, NotTraceableReason, SeizureKind,
    TracePriority, TraceStatus, TriageStatus,
};

/// A language of the interface and of what the system writes for people (the case packet).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    #[default]
    En,
    Es,
    /// Tests only: English with every string accented, lengthened and bracketed, to find text
    /// that bypasses the catalogues and layouts that only fit English. Never parsed from a
    /// config, a flag or the environment.
    #[doc(hidden)]
    #[serde(skip)]
    Pseudo,
}

impl Lang {
    pub fn parse(s: &str) -> Option<Lang> {
        let s = s.trim().to_ascii_lowercase();
        if s.starts_with("es") {
            Some(Lang::Es)
        } else if s.starts_with("en") {
            Some(Lang::En)
        } else {
            None
        }
    }
    /// The user's language from the POSIX locale variables, English when unknown.
    pub fn from_env() -> Lang {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|v| std::env::var(v).ok())
            .find(|v| !v.is_empty())
            .and_then(|v| Lang::parse(&v))
            .unwrap_or_default()
    }
    /// Every language, in `Lang as usize` order.
    pub const ALL: [Lang; 3] = [Lang::En, Lang::Es, Lang::Pseudo];

    /// The ISO 639-1 code servers know the language by (`en`, `es`; pseudo is English).
    pub fn code(self) -> &'static str {
        match self {
            Lang::Es => "es",
            Lang::En | Lang::Pseudo => "en",
        }
    }

    /// The language the toggle key switches to.
    pub fn other(self) -> Lang {
        match self {
            Lang::En => Lang::Es,
            Lang::Es | Lang::Pseudo => Lang::En,
        }
    }
}

/// The locale and catalogue text of each language. Exhaustive on purpose: a new [`Lang`]
/// variant does not compile until it names its catalogue here.
pub fn source(lang: Lang) -> (&'static str, &'static str) {
    match lang {
        Lang::En => ("en-US", include_str!("en.ftl")),
        Lang::Es => ("es-MX", include_str!("es.ftl")),
        // Plural rules and text of English; the bundle transforms every text element.
        Lang::Pseudo => ("en-XA", include_str!("en.ftl")),
    }
}

type Bundle = FluentBundle<FluentResource>;

/// One bundle per language, parsed once on first use.
static BUNDLES: LazyLock<Vec<Bundle>> =
    LazyLock::new(|| Lang::ALL.iter().map(|l| bundle(*l)).collect());

fn bundle(lang: Lang) -> Bundle {
    let (locale, text) = source(lang);
    let id = locale.parse().unwrap_or_default();
    let mut b = FluentBundle::new_concurrent(vec![id]);
    // Unicode isolation marks would reach the terminal as invisible, width-taking characters.
    b.set_use_isolating(false);
    if lang == Lang::Pseudo {
        b.set_transform(Some(pseudo));
    }
    // A syntax error leaves the bad entry out; the catalogue tests report it by name.
    let res = FluentResource::try_new(text.to_string()).unwrap_or_else(|(res, _)| res);
    // Duplicate ids keep the first entry; the catalogue tests report duplicates.
    let _ = b.add_resource(res);
    b
}

/// The pseudo-locale's transform: accents every ASCII letter and pads each text by ~30%, so an
/// untranslated string stands out and a layout that only fits English shows.
fn pseudo(s: &str) -> Cow<'_, str> {
    const FROM: &str = "aeiouAEIOUcnsyz";
    const TO: [char; 15] = [
        'á', 'é', 'í', 'ó', 'ú', 'Á', 'É', 'Í', 'Ó', 'Ú', 'ç', 'ñ', 'š', 'ý', 'ž',
    ];
    let mut out: String = s
        .chars()
        .map(|c| FROM.find(c).map_or(c, |i| TO[i]))
        .collect();
    out.extend(std::iter::repeat_n(
        '~',
        (s.chars().count() * 3).div_ceil(10),
    ));
    Cow::Owned(out)
}

/// A named argument's value: numbers select plural forms, everything else is text.
pub enum Arg<'a> {
    Num(f64),
    Text(Cow<'a, str>),
}

macro_rules! num_arg {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg<'_> {
            fn from(n: $t) -> Self {
                Arg::Num(n as f64)
            }
        }
    )*};
}
num_arg!(usize, u32, u64, i32, i64);

impl<'a> From<&'a str> for Arg<'a> {
    fn from(s: &'a str) -> Self {
        Arg::Text(Cow::Borrowed(s))
    }
}
impl<'a> From<&'a String> for Arg<'a> {
    fn from(s: &'a String) -> Self {
        Arg::Text(Cow::Borrowed(s))
    }
}
impl From<String> for Arg<'_> {
    fn from(s: String) -> Self {
        Arg::Text(Cow::Owned(s))
    }
}
impl<'a> From<Cow<'a, str>> for Arg<'a> {
    fn from(s: Cow<'a, str>) -> Self {
        Arg::Text(s)
    }
}

/// `tr!(lang, "id")` or `tr!(lang, "id", name = value, …)`: the message in that language.
macro_rules! tr {
    ($lang:expr, $id:expr) => {
        $crate::i18n::text($lang, $id, &[])
    };
    ($lang:expr, $id:expr, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::i18n::text(
            $lang,
            $id,
            &[$((stringify!($name), $crate::i18n::Arg::from($value))),+],
        )
    };
}
pub(crate) use tr;

/// The message `id` in `lang` with its named arguments. A missing id shows as itself.
pub fn text(lang: Lang, id: &str, args: &[(&str, Arg<'_>)]) -> String {
    let Some(b) = BUNDLES.get(lang as usize) else {
        return id.to_string();
    };
    let Some(pattern) = b.get_message(id).and_then(|m| m.value()) else {
        tracing::debug!("no message {id:?} in {lang:?}");
        return id.to_string();
    };
    let fargs = (!args.is_empty()).then(|| {
        let mut a = FluentArgs::with_capacity(args.len());
        for (name, v) in args {
            let v = match v {
                Arg::Num(n) => FluentValue::from(*n),
                Arg::Text(s) => FluentValue::from(s.as_ref()),
            };
            a.set(*name, v);
        }
        a
    });
    let mut errors = Vec::new();
    let out = b.format_pattern(pattern, fargs.as_ref(), &mut errors);
    if !errors.is_empty() {
        tracing::debug!("message {id:?} in {lang:?}: {errors:?}");
    }
    if lang == Lang::Pseudo {
        format!("[{out}]")
    } else {
        out.into_owned()
    }
}

/// Whether `lang`'s catalogue has the message (for tests and optional wording).
pub fn has(lang: Lang, id: &str) -> bool {
    BUNDLES
        .get(lang as usize)
        .is_some_and(|b| b.has_message(id))
}

/// The message id of an enum value: `prefix-` plus its wire name in kebab case.
pub fn word_id(prefix: &str, name: &str) -> String {
    format!("{prefix}-{}", name.replace('_', "-"))
}

pub fn word(lang: Lang, prefix: &str, name: &str) -> String {
    text(lang, &word_id(prefix, name), &[])
}

pub fn triage(lang: Lang, s: TriageStatus) -> String {
    word(lang, "triage", s.as_str())
}
pub fn trace_status(lang: Lang, s: TraceStatus) -> String {
    word(lang, "trace-status", s.as_str())
}
pub fn role(lang: Lang, r: ChainRole) -> String {
    word(lang, "role", r.as_str())
}
pub fn item_kind(lang: Lang, k: ItemKind) -> String {
    word(lang, "item", k.as_str())
}
pub fn seizure_kind(lang: Lang, k: SeizureKind) -> String {
    word(lang, "seizure-kind", k.as_str())
}
pub fn priority(lang: Lang, p: TracePriority) -> String {
    word(lang, "priority", p.as_str())
}
pub fn reason(lang: Lang, r: NotTraceableReason) -> String {
    word(lang, "reason", r.as_str())
}
pub fn case_status(lang: Lang, s: CaseStatus) -> String {
    word(lang, "case-status", s.as_str())
}
/// A firearm type as the stats name it (`pistol`, `machine_gun`); an unknown one as sent.
pub fn firearm_type_word(lang: Lang, t: &str) -> String {
    match crate::model::FirearmType::parse(t) {
        Some(k) => word(lang, "firearm-type", k.as_str()),
        None => t.to_string(),
    }
}
pub fn prosecution_stage(lang: Lang, s: crate::model::ProsecutionStage) -> String {
    word(lang, "prosecution-stage", s.as_str())
}
pub fn entity(lang: Lang, k: EntityKind) -> String {
    word(lang, "entity", k.as_str())
}
pub fn lead_status(lang: Lang, s: LeadStatus) -> String {
    word(lang, "lead-status", s.as_str())
}
