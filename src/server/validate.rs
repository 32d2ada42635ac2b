//! Field checks on request bodies, so bad input is a 422 that names the field, not a bad row.

use super::error::ApiError;
use crate::model::serial::SerialPattern;
use crate::model::*;

/// Longest single-line text field.
pub const MAX_SHORT: usize = 200;
/// Longest note body.
pub const MAX_NOTE: usize = 20_000;

fn text(field: &str, v: &str, min: usize, max: usize) -> Result<(), ApiError> {
    let n = v.trim().chars().count();
    if n < min {
        return Err(ApiError::invalid(format!("{field} is required")));
    }
    if v.chars().count() > max {
        return Err(ApiError::invalid(format!(
            "{field} is longer than {max} characters"
        )));
    }
    if v.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
        return Err(ApiError::invalid(format!(
            "{field} contains control characters"
        )));
    }
    Ok(())
}

fn opt(field: &str, v: &Option<String>, max: usize) -> Result<(), ApiError> {
    v.as_deref().map_or(Ok(()), |s| text(field, s, 0, max))
}

pub fn trace_request(r: &TraceRequest) -> Result<(), ApiError> {
    text("firearm_id", &r.firearm_id, 1, 40)?;
    if r.crime_code.is_empty()
        || r.crime_code.len() > 8
        || !r.crime_code.bytes().all(|b| b.is_ascii_alphanumeric())
    {
        return Err(ApiError::invalid(
            "crime_code must be 1 to 8 letters or digits (e.g. 5212)",
        ));
    }
    opt("justification", &r.justification, 1000)?;
    opt("case_number", &r.case_number, 40)?;
    if r.priority == TracePriority::Urgent
        && r.justification
            .as_deref()
            .is_none_or(|j| j.trim().is_empty())
    {
        return Err(ApiError::invalid("an urgent trace needs a justification"));
    }
    Ok(())
}

pub fn new_seizure(s: &NewSeizure) -> Result<(), ApiError> {
    text("state", &s.state, 1, 80)?;
    text("municipality", &s.municipality, 1, 80)?;
    opt("port", &s.port, 80)?;
    opt("conveyance", &s.conveyance, MAX_SHORT)?;
    opt("concealment", &s.concealment, MAX_SHORT)?;
    text("summary", &s.summary, 1, 2000)?;
    if s.kind == SeizureKind::BorderInspection && s.port.is_none() {
        return Err(ApiError::invalid(
            "a border inspection needs its port of entry",
        ));
    }
    if s.items.is_empty() || s.items.len() > 500 {
        return Err(ApiError::invalid("a seizure needs 1 to 500 items"));
    }
    for (i, it) in s.items.iter().enumerate() {
        text(
            &format!("items[{i}].description"),
            &it.description,
            1,
            MAX_SHORT,
        )?;
        if it.quantity == 0 || it.quantity > 1_000_000 {
            return Err(ApiError::invalid(format!(
                "items[{i}].quantity must be 1 to 1000000"
            )));
        }
        match (&it.kind, &it.firearm) {
            (ItemKind::Firearm, None) => {
                return Err(ApiError::invalid(format!(
                    "items[{i}] is a firearm but has no firearm description"
                )));
            }
            (ItemKind::Firearm, Some(f)) => firearm(&format!("items[{i}].firearm"), f)?,
            (_, Some(_)) => {
                return Err(ApiError::invalid(format!(
                    "items[{i}] has a firearm but is not a firearm item"
                )));
            }
            _ => {}
        }
    }
    Ok(())
}

/// An import: 1 to 500 rows, keys 1 to 100 characters and distinct, each seizure as for
/// `POST /v1/seizures`; the first bad row is named (`rows[i]…`).
pub fn seizure_import(b: &SeizureImport) -> Result<(), ApiError> {
    if b.rows.is_empty() || b.rows.len() > IMPORT_BATCH_MAX {
        return Err(ApiError::invalid(format!(
            "an import carries 1 to {IMPORT_BATCH_MAX} rows"
        )));
    }
    let mut keys = std::collections::HashSet::new();
    for (i, r) in b.rows.iter().enumerate() {
        text(&format!("rows[{i}].key"), &r.key, 1, 100)?;
        if !keys.insert(r.key.as_str()) {
            return Err(ApiError::invalid(format!(
                "rows[{i}].key repeats an earlier row's key"
            )));
        }
        new_seizure(&r.seizure)
            .map_err(|e| ApiError::invalid(format!("rows[{i}]: {}", e.message)))?;
    }
    Ok(())
}

fn firearm(p: &str, f: &NewFirearm) -> Result<(), ApiError> {
    text(&format!("{p}.serial"), &f.serial, 0, 40)?;
    if !f
        .serial
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '?')
    {
        return Err(ApiError::invalid(format!(
            "{p}.serial may contain letters, digits, '-' and '?' (unreadable)"
        )));
    }
    text(&format!("{p}.make"), &f.make, 1, 80)?;
    text(&format!("{p}.model"), &f.model, 1, 80)?;
    text(&format!("{p}.caliber"), &f.caliber, 1, 40)?;
    if f.origin_country.len() != 2 || !f.origin_country.bytes().all(|b| b.is_ascii_uppercase()) {
        return Err(ApiError::invalid(format!(
            "{p}.origin_country must be a two-letter country code such as US"
        )));
    }
    opt(&format!("{p}.importer"), &f.importer, 120)?;
    opt(&format!("{p}.markings"), &f.markings, MAX_SHORT)
}

pub fn new_case(c: &NewCase) -> Result<(), ApiError> {
    text("title", &c.title, 1, MAX_SHORT)?;
    if c.members.len() > 50 {
        return Err(ApiError::invalid(
            "a case may list at most 50 extra members",
        ));
    }
    for (i, m) in c.members.iter().enumerate() {
        text(&format!("members[{i}].agency"), &m.agency, 1, 120)?;
        opt(&format!("members[{i}].user"), &m.user, 120)?;
    }
    Ok(())
}

pub fn new_note(n: &NewNote) -> Result<(), ApiError> {
    text("body", &n.body, 1, MAX_NOTE)
}

pub fn new_link(l: &NewLink) -> Result<(), ApiError> {
    text("id", &l.id, 1, 60)
}

/// Checks a new casing and returns its decoded image.
pub fn new_casing(c: &NewCasing) -> Result<Vec<u8>, ApiError> {
    use base64::Engine;
    text("incident_id", &c.incident_id, 1, 60)?;
    text("caliber_class", &c.caliber_class, 1, 40)?;
    text("place", &c.place, 1, MAX_SHORT)?;
    opt("seizure_id", &c.seizure_id, 40)?;
    opt("firearm_id", &c.firearm_id, 40)?;
    if !(32..=256).contains(&c.image_size) {
        return Err(ApiError::invalid("image_size must be 32 to 256 pixels"));
    }
    let image = base64::engine::general_purpose::STANDARD
        .decode(c.image.trim())
        .map_err(|_| ApiError::invalid("image must be base64 of the greyscale pixels"))?;
    if image.len() != (c.image_size * c.image_size) as usize {
        return Err(ApiError::invalid(format!(
            "image holds {} bytes; an {n}×{n} greyscale image needs {}",
            image.len(),
            c.image_size * c.image_size,
            n = c.image_size
        )));
    }
    Ok(image)
}

pub fn lead_decision(d: &LeadDecision) -> Result<(), ApiError> {
    opt("comment", &d.comment, 2000)
}

/// A marked lead says why: the comment is required (what the side-by-side look showed).
pub fn lead_mark(m: &LeadMark) -> Result<(), ApiError> {
    text("comment", m.comment.trim(), 1, 2000)
}

/// Checks a new watch and returns it normalised: trimmed name, an upper-case serial pattern,
/// trimmed `MAKE/MODEL/CALIBRE` parts, trimmed filter terms.
pub fn new_watch(w: &NewWatch) -> Result<NewWatch, ApiError> {
    watch_name(&w.name)?;
    let mut out = w.clone();
    out.name = w.name.trim().to_string();
    if w.kind == WatchKind::Seizures {
        if w.value.is_some() {
            return Err(ApiError::invalid(
                "a seizures watch takes a filter, not a value",
            ));
        }
        let mut f = w.filter.clone().ok_or_else(|| {
            ApiError::invalid(
                "a seizures watch needs a filter (port, state, agency, kind, country, item)",
            )
        })?;
        for (field, v) in [
            ("port", &mut f.port),
            ("state", &mut f.state),
            ("agency", &mut f.agency),
        ] {
            if let Some(s) = v {
                text(&format!("filter.{field}"), s, 1, 80)?;
                *s = s.trim().to_string();
            }
        }
        if f.is_empty() {
            return Err(ApiError::invalid(
                "the filter names no term; a watch on every seizure is not allowed",
            ));
        }
        out.filter = Some(f);
        return Ok(out);
    }
    if w.filter.is_some() {
        return Err(ApiError::invalid(format!(
            "a {} watch takes a value, not a filter",
            w.kind
        )));
    }
    let v = w.value.as_deref().unwrap_or("");
    text("value", v, 1, MAX_WATCH_VALUE)?;
    let v = v.trim();
    out.value = Some(match w.kind {
        WatchKind::Serial => match SerialPattern::parse(v).map_err(ApiError::invalid)? {
            SerialPattern::Exact(s) => s,
            SerialPattern::Prefix(p) => format!("{p}*"),
            SerialPattern::Wildcard { glob, .. } => glob,
        },
        WatchKind::Model => {
            let parts: Vec<&str> = v.split('/').map(str::trim).collect();
            if parts.len() > 3 || parts.iter().any(|p| p.is_empty()) {
                return Err(ApiError::invalid(
                    "a model watch is MAKE, MAKE/MODEL or MAKE/MODEL/CALIBRE (e.g. Ridgeline Arms/RX-15/.223 Rem)",
                ));
            }
            parts.join("/")
        }
        _ => {
            if !path_id(v) {
                return Err(ApiError::invalid(format!(
                    "value must be a {} id: letters, digits, '-', '_' or '.'",
                    w.kind
                )));
            }
            v.to_string()
        }
    });
    Ok(out)
}

/// A watch's name: 1 to [`MAX_WATCH_NAME`] characters on one line.
pub fn watch_name(name: &str) -> Result<(), ApiError> {
    text("name", name, 1, MAX_WATCH_NAME)?;
    if name.contains(['\n', '\t']) {
        return Err(ApiError::invalid("name must be one line"));
    }
    Ok(())
}

/// Longest id accepted in a path: every id the server issues is far shorter.
pub const MAX_PATH_ID: usize = 64;

/// Whether a (decoded) path id is one the server could have issued: 1 to [`MAX_PATH_ID`]
/// ASCII letters, digits, `-`, `_` or `.`. Anything else is refused before it reaches a
/// store, a log or an answer.
pub fn path_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= MAX_PATH_ID
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urgent_traces_need_a_justification() {
        let mut r = TraceRequest {
            firearm_id: "FA-0000001".into(),
            priority: TracePriority::Urgent,
            justification: None,
            crime_code: "5212".into(),
            case_number: None,
        };
        assert!(trace_request(&r).is_err());
        r.justification = Some("Active shooter investigation".into());
        assert!(trace_request(&r).is_ok());
        r.crime_code = "52 12".into();
        assert!(trace_request(&r).is_err());
    }

    #[test]
    fn oversize_and_control_characters_are_refused() {
        assert!(
            new_note(&NewNote {
                body: "x".repeat(MAX_NOTE + 1)
            })
            .is_err()
        );
        assert!(
            new_note(&NewNote {
                body: "ok\u{1b}[2J".into()
            })
            .is_err()
        );
        assert!(
            new_note(&NewNote {
                body: "línea 1\nlínea 2".into()
            })
            .is_ok()
        );
    }
}
