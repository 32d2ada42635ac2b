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
//! 2. Add the variant `Xx` to [`Lang`] (`app/state.rs`) with its code in `Lang::parse` and in
//!    `Lang::ALL`. The compiler then points at the one arm to add in [`source`] below:
//!    `Lang::Xx => ("xx-MX", include_str!("xx.ftl"))`.
//! 3. `cargo test i18n` checks that every message exists in every language with the same
//!    arguments; the pseudo-locale snapshots show what a longer language does to each screen.
//!
//! The pseudo-locale ([`Lang::Pseudo`], reachable only from tests) is built exactly this way,
//! from the English catalogue with every text accented, lengthened by about 30% and bracketed,
//! to find strings that bypass the catalogue and layouts that cut a longer language.

mod hint;
mod vocab;

pub use hint::{Seg, hints, line as hint_line, row as hint_row, shown as hint_shown};
pub use vocab::term;

use std::borrow::Cow;
use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

use crate::app::Action;
use crate::app::state::{Lang, Notice, Refusal};
use crate::app::warning::{KeyWarning, Warning};
use crate::model::{
    CaseStatus, ChainRole, EntityKind, ItemKind, LeadStatus, NotTraceableReason, SeizureKind,
    TracePriority, TraceStatus, TriageStatus,
};

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
        $crate::ui::i18n::text($lang, $id, &[])
    };
    ($lang:expr, $id:expr, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::ui::i18n::text(
            $lang,
            $id,
            &[$((stringify!($name), $crate::ui::i18n::Arg::from($value))),+],
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

fn word(lang: Lang, prefix: &str, name: &str) -> String {
    text(lang, &word_id(prefix, name), &[])
}

/// What an action does, for the help overlay and the palette (`None` for typed text and
/// other actions no key is bound to).
pub fn action(lang: Lang, a: &Action) -> Option<String> {
    a.name().map(|n| word(lang, "action", &n))
}

/// Palette entries for every bindable action, per language (indexed by `Lang as usize`).
pub fn action_labels() -> [Vec<(Action, String)>; Lang::ALL.len()] {
    Lang::ALL.map(|lang| {
        Action::BINDABLE
            .iter()
            .filter_map(|a| Some((a.clone(), action(lang, a)?)))
            .collect()
    })
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

/// A toast's text.
pub fn notice(lang: Lang, n: &Notice) -> String {
    let l = lang;
    match n {
        Notice::Warning(w) => warning(l, w),
        Notice::ReadOnly => tr!(l, "notice-read-only"),
        Notice::NothingSelected => tr!(l, "notice-nothing-selected"),
        Notice::NotHere => tr!(l, "notice-not-here"),
        Notice::NoFirearms(id) => tr!(l, "notice-no-firearms", seizure = id),
        Notice::Copied(s) => tr!(l, "notice-copied", text = s),
        Notice::WritesQueued(n) => tr!(l, "notice-writes-queued", count = *n),
        Notice::KeptForOtherSignIn(n) => tr!(l, "notice-kept-for-other-sign-in", count = *n),
        Notice::TraceSubmitted(id) => tr!(l, "notice-trace-submitted", trace = id),
        Notice::StatusChanged(id, s) => {
            tr!(
                l,
                "notice-status-changed",
                seizure = id,
                status = triage(l, *s)
            )
        }
        Notice::Linked(what, case) => tr!(l, "notice-linked", what = what, case = case),
        Notice::WriteRefused(r) => tr!(l, "notice-write-refused", reason = refusal(l, r)),
        Notice::Refused(r) => refusal(l, r),
        Notice::Filter(e) => filter_error(l, e),
        Notice::FetchFailed(m) | Notice::Text(m) => m.clone(),
        Notice::BackOnline => tr!(l, "notice-back-online"),
        Notice::WentOffline => tr!(l, "notice-went-offline"),
        Notice::LanguageChanged => tr!(l, "notice-language-changed"),
        Notice::Pane(n) => crate::ui::panes::notice(l, n),
    }
}

/// A key as the user's keyboard names it (`Space` → `Espacio`, `PgUp` → `RePág`), from the
/// canonical label the keymap gives (`Ctrl-Space`, `Shift-Tab`, `G`). Letters, digits,
/// symbols and F-keys are the same in every language.
pub fn key_name(lang: Lang, label: &str) -> String {
    const NAMED: &[(&str, &str)] = &[
        ("Space", "key-space"),
        ("Enter", "key-enter"),
        ("Esc", "key-esc"),
        ("Tab", "key-tab"),
        ("Shift-Tab", "key-shift-tab"),
        ("Backspace", "key-backspace"),
        ("Up", "key-up"),
        ("Down", "key-down"),
        ("Left", "key-left"),
        ("Right", "key-right"),
        ("Home", "key-home"),
        ("End", "key-end"),
        ("PgUp", "key-pgup"),
        ("PgDn", "key-pgdn"),
        ("Delete", "key-delete"),
        ("Insert", "key-insert"),
    ];
    // A fixed hint may list several keys (`j/k`, `Up/Down`); each is named on its own.
    if label.contains('/') && label.len() > 1 {
        return label
            .split('/')
            .map(|k| key_name(lang, k))
            .collect::<Vec<_>>()
            .join("/");
    }
    let mut rest = label;
    let mut out = String::new();
    for (prefix, id) in [("Ctrl-", "key-ctrl"), ("Alt-", "key-alt")] {
        if let Some(r) = rest.strip_prefix(prefix) {
            out.push_str(&tr!(lang, id));
            out.push('-');
            rest = r;
        }
    }
    match NAMED.iter().find(|(n, _)| *n == rest) {
        Some((_, id)) => out.push_str(&tr!(lang, *id)),
        None => out.push_str(rest),
    }
    out
}

/// Why a typed filter was refused, quoting the user's own term.
pub fn filter_error(l: Lang, e: &crate::app::filter::FilterError) -> String {
    use crate::app::filter::FilterError as E;
    match e {
        E::UnknownValue { key, value } => {
            tr!(l, "filter-unknown-value", key = key, value = value)
        }
        E::BadDate(v) => tr!(l, "filter-bad-date", value = v),
        E::NoLocalDate(v) => tr!(l, "filter-no-local-date", value = v),
        E::UnknownTerm(t) => tr!(l, "filter-unknown-term", term = t),
    }
}

/// A server's refusal in the reader's language: the wording of its code (`server-error-<code>`,
/// or a generic one for a code this console does not know), then the server's English message
/// as detail. Without a code there is only the message.
pub fn refusal(l: Lang, r: &Refusal) -> String {
    let Some(code) = &r.code else {
        return r.detail.clone();
    };
    let id = word_id("server-error", code);
    let text = if has(l, &id) {
        tr!(l, &id)
    } else {
        tr!(l, "server-error-other")
    };
    tr!(l, "server-refusal", text = text, detail = &r.detail)
}

/// A start-up warning, with the detail that finds the bad line.
pub fn warning(l: Lang, w: &Warning) -> String {
    match w {
        Warning::ConfigUnreadable { path, error } => {
            tr!(l, "warning-config-unreadable", path = path, error = error)
        }
        Warning::ConfigNotToml { origin, error } => {
            tr!(l, "warning-config-not-toml", origin = origin, error = error)
        }
        Warning::KeysNotTable { origin } => tr!(l, "warning-keys-not-table", origin = origin),
        Warning::ConfigKeyIgnored { origin, key, error } => tr!(
            l,
            "warning-config-key-ignored",
            origin = origin,
            key = key,
            error = error
        ),
        Warning::Keys(k) => key_warning(l, k),
        Warning::ThemeNotFound { name } => tr!(l, "warning-theme-not-found", name = name),
        Warning::ThemeInvalid { origin, error } => {
            tr!(l, "warning-theme-invalid", origin = origin, error = error)
        }
        Warning::ThemeColour {
            origin,
            role,
            colour,
        } => tr!(
            l,
            "warning-theme-colour",
            origin = origin,
            role = role,
            colour = colour
        ),
        Warning::ThemeUnknownRole { origin, role } => {
            tr!(
                l,
                "warning-theme-unknown-role",
                origin = origin,
                role = role
            )
        }
        Warning::ThemeRole {
            origin,
            role,
            error,
        } => tr!(
            l,
            "warning-theme-role",
            origin = origin,
            role = role,
            error = error
        ),
        Warning::CacheUnavailable { error } => {
            tr!(l, "warning-cache-unavailable", error = error)
        }
    }
}

/// A key-binding warning: the entry as the config file names it (to find the line), and each
/// action it names by its label in the user's language too.
fn key_warning(l: Lang, k: &KeyWarning) -> String {
    let label = |name: &str| {
        Action::from_name(name)
            .and_then(|a| action(l, &a))
            .unwrap_or_else(|| name.to_string())
    };
    match k {
        KeyWarning::NoSuchContext { context } => {
            tr!(l, "warning-keys-no-context", context = context)
        }
        KeyWarning::NoSuchAction { context, action } => tr!(
            l,
            "warning-keys-no-action",
            context = context,
            action = action
        ),
        KeyWarning::NotAKey {
            context,
            action,
            key,
        } => tr!(
            l,
            "warning-keys-not-a-key",
            context = context,
            action = action,
            label = label(action),
            key = key
        ),
        KeyWarning::Collision {
            context,
            key,
            other,
            kept,
        } => tr!(
            l,
            "warning-keys-collision",
            context = context,
            key = key,
            other = other,
            other_label = label(other),
            kept = kept,
            kept_label = label(kept)
        ),
        KeyWarning::NotATable { origin, name } => {
            tr!(l, "warning-keys-not-a-table", origin = origin, name = name)
        }
        KeyWarning::OldFormat { origin, count } => {
            tr!(
                l,
                "warning-keys-old-format",
                origin = origin,
                count = *count
            )
        }
    }
}

#[cfg(test)]
mod tests;
