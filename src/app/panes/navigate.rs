//! Where the user can be sent: entities, not panes. A pane that wants the user to see something
//! elsewhere returns `Effect::Navigate(target)`; `update()` offers the target to each pane in
//! the registry and the first that shows it becomes the active pane.

use crate::model::{Lead, Seizure, Trace, TraceQuery};

/// What a list of traces shows (its heading).
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Listing {
    /// The newest traces, before any search.
    #[default]
    Recent,
    Search(String),
    SamePurchaser(String),
    SameDealer(String),
}

impl Target {
    /// A command typed in the palette that names an entity: `network ID` opens the Network
    /// pane on `ID` (the word is the action's name, as in the config, in every language).
    pub fn command(input: &str) -> Option<Target> {
        let (word, rest) = input.trim().split_once(char::is_whitespace)?;
        let id = rest.trim();
        (word.eq_ignore_ascii_case("network") && !id.is_empty())
            .then(|| Target::Network(id.to_string()))
    }
}

/// Records are boxed: a target travels inside `Action` and `Effect`, which stay small.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    /// A seizure's detail, shown at once from the record at hand.
    Seizure(Box<Seizure>),
    /// A seizure picked by id among the loaded rows (the palette).
    SeizureId(String),
    /// A trace's detail.
    Trace(Box<Trace>),
    /// A trace picked by id among the loaded rows.
    TraceId(String),
    /// A list of traces: a search, a firearm's traces, the same purchaser or dealer.
    Traces(Listing, Box<TraceQuery>),
    /// A ballistic lead with the other candidates of its casing when already known.
    Lead(Box<Lead>, Vec<Lead>),
    /// A case picked by id among the loaded rows.
    CaseId(String),
    /// A case fetched by id (it may be outside the loaded rows).
    Case(Box<crate::model::Case>),
    /// The link graph around any entity id (seizure, firearm, trace, `#serial`, purchaser,
    /// dealer licence, casing, lead or case).
    Network(String),
}
