//! The console's wording: what only a screen needs (hints, toasts, refusals, key names), on
//! top of the catalogues and enum words of [`crate::i18n`], which the case packet shares.

mod hint;

pub(crate) use crate::i18n::tr;
pub use crate::i18n::{
    Arg, case_status, entity, firearm_type_word, has, item_kind, lead_status, priority,
    prosecution_stage, reason, role, seizure_kind, source, term, text, trace_status, triage, word,
    word_id,
};
pub use hint::{Seg, hints, line as hint_line, row as hint_row, shown as hint_shown};

use crate::app::Action;
use crate::app::state::{Lang, Notice, Refusal};
use crate::app::warning::{KeyWarning, Warning};

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

/// A toast's text.
pub fn notice(lang: Lang, n: &Notice) -> String {
    let l = lang;
    match n {
        Notice::Warning(w) => warning(l, w),
        Notice::ReadOnly => tr!(l, "notice-read-only"),
        Notice::NothingSelected => tr!(l, "notice-nothing-selected"),
        Notice::NotHere => tr!(l, "notice-not-here"),
        Notice::WatchSaved(name) => tr!(l, "notice-watch-saved", name = name),
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
        Notice::Unlocked => tr!(l, "notice-unlocked"),
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
