//! Keys while an overlay is open: the top overlay has the keyboard. Overlays a pane opened
//! (prompts, confirmations, its pickers) hand their result back to that pane, the active one.

use super::action::Action;
use super::effect::Effect;
use super::overlay::{Overlay, step};
use super::panes::Target;
use super::state::State;
use super::update::{goto, in_pane, update as update_all};

pub fn update(s: &mut State, action: Action) -> Vec<Effect> {
    let Some(top) = s.overlays.last_mut() else {
        return vec![];
    };
    if action == Action::Back {
        s.overlays.pop();
        return vec![];
    }
    let is_palette = matches!(top, Overlay::Palette(_));
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
                Action::Open if is_palette => {
                    let t = Target::command(&p.input);
                    if let Some(t) = t {
                        s.overlays.pop();
                        return update_all(s, Action::Navigate(t));
                    }
                    let target = p.chosen().map(|i| i.target.clone());
                    s.overlays.pop();
                    return target.map(|t| goto(s, t)).unwrap_or_default();
                }
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
                return in_pane(s, s.active, |p, cx| p.prompted(cx, purpose, input));
            }
            _ => {}
        },
        Overlay::Confirm(c) => match action {
            Action::Open | Action::Yes => {
                let c = c.clone();
                s.overlays.pop();
                return in_pane(s, s.active, |p, cx| p.confirmed(cx, c));
            }
            Action::No => {
                s.overlays.pop();
            }
            _ => {}
        },
        Overlay::WatchName(_) => return super::alerts::name_key(s, action),
        Overlay::Inbox(_) => return super::alerts::inbox_key(s, action),
        Overlay::Watches(_) => return super::alerts::watches_key(s, action),
        Overlay::Audit(_) | Overlay::Import(_) => {
            return in_pane(s, s.active, |p, cx| p.overlay_key(cx, &action));
        }
        Overlay::NoteHistory(_) => {
            return in_pane(s, s.active, |p, cx| p.overlay_key(cx, &action));
        }
        Overlay::StatusPicker(p) => match action {
            Action::Up => p.selected = step(p.selected, -1, crate::model::TriageStatus::ALL.len()),
            Action::Down => p.selected = step(p.selected, 1, crate::model::TriageStatus::ALL.len()),
            Action::Open => return in_pane(s, s.active, |p, cx| p.overlay_key(cx, &action)),
            _ => {}
        },
    }
    vec![]
}
