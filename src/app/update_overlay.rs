//! Keys while an overlay is open: the top overlay has the keyboard.

use super::action::Action;
use super::effect::Effect;
use super::overlay::{Confirm, Overlay, PromptFor, step};
use super::panes::cases::members as case_members;
use super::panes::queue::writes as queue_writes;
use super::panes::{queue, trace};
use super::state::State;
use super::update::{goto, update as update_all};

pub fn update(s: &mut State, action: Action) -> Vec<Effect> {
    let Some(top) = s.overlays.last_mut() else {
        return vec![];
    };
    if action == Action::Back {
        s.overlays.pop();
        return vec![];
    }
    match top {
        Overlay::Help { scroll } => match action {
            Action::Up => *scroll = scroll.saturating_sub(1),
            Action::Down => *scroll += 1,
            Action::Top => *scroll = 0,
            Action::PageDown => *scroll += 10,
            Action::PageUp => *scroll = scroll.saturating_sub(10),
            Action::Help => {
                s.overlays.pop();
            }
            other => {
                // Help is read-only: any other command closes it and runs.
                s.overlays.pop();
                return update_all(s, other);
            }
        },
        Overlay::Palette(p) | Overlay::CasePicker(p) | Overlay::MemberPicker { picker: p, .. } => {
            match action {
                Action::Char(c) => p.push(c),
                Action::Backspace => p.pop(),
                Action::Up => p.move_by(-1),
                Action::Down => p.move_by(1),
                Action::PageUp => p.move_by(-10),
                Action::PageDown => p.move_by(10),
                Action::Open => {
                    let target = p.chosen().map(|i| i.target.clone());
                    s.overlays.pop();
                    return target.map(|t| goto(s, t)).unwrap_or_default();
                }
                _ => {}
            }
        }
        Overlay::Prompt(p) => match action {
            Action::Char(c) => p.input.push(c),
            Action::Backspace => {
                p.input.pop();
            }
            Action::Open => {
                let (purpose, input) = (p.purpose, p.input.trim().to_string());
                s.overlays.pop();
                return match purpose {
                    PromptFor::QueueFilter => queue::apply_filter(s, input),
                    PromptFor::TraceSearch => trace::search(s, input),
                    PromptFor::CaseTitle => super::panes::cases::writes::create_case(s, input),
                    PromptFor::LeadComment => super::panes::ballistics::writes::commented(s, input),
                };
            }
            _ => {}
        },
        Overlay::Confirm(c) => match action {
            Action::Open | Action::Char('y' | 'Y' | 's' | 'S') => {
                let c = c.clone();
                s.overlays.pop();
                return match c {
                    Confirm::SubmitTraces(reqs) => queue_writes::confirm_submit(s, reqs),
                    Confirm::RemoveMember { case_id, member } => {
                        case_members::confirmed_remove(s, case_id, member)
                    }
                };
            }
            Action::Char('n' | 'N') => {
                s.overlays.pop();
            }
            _ => {}
        },
        Overlay::Audit(_) => return case_members::audit_keys(s, &action),
        Overlay::NoteHistory(_) => return super::panes::cases::note_history::keys(s, &action),
        Overlay::StatusPicker(p) => match action {
            Action::Up => p.selected = step(p.selected, -1, crate::model::TriageStatus::ALL.len()),
            Action::Down => p.selected = step(p.selected, 1, crate::model::TriageStatus::ALL.len()),
            Action::Open => {
                let (ids, status) = (p.seizure_ids.clone(), p.chosen());
                s.overlays.pop();
                return status
                    .map(|st| queue_writes::set_status(s, ids, st))
                    .unwrap_or_default();
            }
            _ => {}
        },
    }
    vec![]
}
