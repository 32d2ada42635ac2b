//! What the server's checks accept, written into the OpenAPI document so that a generated client
//! (or a schema-driven fuzzer) sends only what the server takes: path ids, the `Idempotency-Key`,
//! cursors, required text fields, and the shape of each server-sent event. The rules here are
//! the ones `validate.rs`, `extract.rs` and the cursor code enforce; nothing is loosened to fit.

use utoipa::Modify;
use utoipa::openapi::path::{Operation, ParameterIn, PathItem};
use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, Schema, SchemaFormat, Type};
use utoipa::openapi::{Components, ContentBuilder, Ref, RefOr};

use super::validate::{MAX_NOTE, MAX_PATH_ID, MAX_SHORT};

/// Text that `validate::text` takes: something besides white space, and no control character
/// other than a tab or a new line (Rust's `char::is_control` is Unicode's Cc).
pub const TEXT: &str = r"^[^\x00-\x08\x0B-\x1F\x7F-\x9F]*[^\s\x00-\x08\x0B-\x1F\x7F-\x9F][^\x00-\x08\x0B-\x1F\x7F-\x9F]*$";
/// Optional text: anything without control characters (a tab or a new line aside).
pub const OPT_TEXT: &str = r"^[^\x00-\x08\x0B-\x1F\x7F-\x9F]*$";
/// An id the server could have issued (`validate::path_id`).
pub const ID: &str = "^[A-Za-z0-9._-]+$";
/// Any id the link graph resolves (`#SERIAL`, a dealer licence…): printable ASCII, not blank.
pub const GRAPH_ID: &str = "^[ -~]*[!-~][ -~]*$";

/// A crime code: 1 to 8 letters or digits.
const CRIME_CODE: &str = "^[A-Za-z0-9]+$";
/// An RFC 3339 instant, as the server parses and writes them (a format alone is not enforced by
/// every tool, so the shape is a pattern too).
pub const DATE_TIME: &str = r"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]{1,9})?(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9])$";
/// A calendar date (`2026-03-01`).
pub const DATE: &str = r"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$";

/// Text fields of request bodies: required ones (min 1) must hold more than white space;
/// optional ones (min 0) may be empty, or, when a value is given, must not be (min 1).
const BODY_TEXT: &[(&str, &str, usize, usize)] = &[
    ("NewCase", "title", 1, MAX_SHORT),
    ("CaseUpdate", "title", 1, MAX_SHORT),
    ("CaseMember", "agency", 1, 120),
    ("CaseMember", "user", 1, 120),
    ("MemberRef", "agency", 1, 120),
    ("MemberRef", "user", 1, 120),
    ("NewNote", "body", 1, MAX_NOTE),
    ("NoteEdit", "body", 1, MAX_NOTE),
    ("NewLink", "id", 1, 60),
    ("TraceRequest", "firearm_id", 1, 40),
    ("TraceRequest", "crime_code", 1, 8),
    ("TraceRequest", "justification", 0, 1000),
    ("TraceRequest", "case_number", 0, 40),
    ("NewSeizure", "state", 1, 80),
    ("NewSeizure", "municipality", 1, 80),
    ("NewSeizure", "port", 0, 80),
    ("NewSeizure", "conveyance", 0, MAX_SHORT),
    ("NewSeizure", "concealment", 0, MAX_SHORT),
    ("NewSeizure", "summary", 1, 2000),
    ("NewSeizureItem", "description", 1, MAX_SHORT),
    ("NewFirearm", "make", 1, 80),
    ("NewFirearm", "model", 1, 80),
    ("NewFirearm", "caliber", 1, 40),
    ("NewFirearm", "importer", 0, 120),
    ("NewFirearm", "markings", 0, MAX_SHORT),
    ("NewCasing", "incident_id", 1, 60),
    ("NewCasing", "caliber_class", 1, 40),
    ("NewCasing", "place", 1, MAX_SHORT),
    ("NewCasing", "seizure_id", 0, 40),
    ("NewCasing", "firearm_id", 0, 40),
    ("LeadDecision", "comment", 0, 2000),
    ("ProsecutionUpdate", "office", 1, 120),
];

/// Numbers of request bodies and their bounds.
const BODY_NUMBERS: &[(&str, &str, f64, f64)] = &[
    ("NewCasing", "image_size", 32.0, 256.0),
    ("NewSeizureItem", "quantity", 1.0, 1_000_000.0),
    ("ProsecutionUpdate", "defendants", 1.0, 500.0),
];

/// Lists of request bodies and how many entries they take.
const BODY_LISTS: &[(&str, &str, usize, usize)] = &[
    ("NewSeizure", "items", 1, 500),
    ("NewCase", "members", 0, 50),
];

/// Query parameters that must not be empty when given: (paths they apply under, name, pattern,
/// longest length).
const QUERY: &[(&str, &str, &str, usize)] = &[
    // Graph ends and the member to remove name ids or agencies; a serial pattern is letters,
    // digits, '-', '*' and '?'.
    ("/v1/graph/", "id", GRAPH_ID, 64),
    ("/v1/graph/", "from", GRAPH_ID, 64),
    ("/v1/graph/", "to", GRAPH_ID, 64),
    ("/v1/cases/", "agency", TEXT, 120),
    ("/v1/cases/", "user", TEXT, 120),
    ("/v1/", "serial", "^[A-Za-z0-9*?-]+$", 40),
];

pub struct InputFormats;

impl Modify for InputFormats {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        for (path, item) in openapi.paths.paths.iter_mut() {
            for op in operations(item) {
                for p in op.parameters.iter_mut().flatten() {
                    let schema = match (&p.parameter_in, p.name.as_str()) {
                        (ParameterIn::Path, _) => {
                            Some(text(ID, 1, MAX_PATH_ID, "An id as the server issues it"))
                        }
                        (ParameterIn::Header, "Idempotency-Key") => Some(text(
                            "^[!-~]+$",
                            1,
                            128,
                            "1 to 128 printable ASCII characters; a new key for each new request",
                        )),
                        (ParameterIn::Header, "Last-Event-ID") => Some(RefOr::T(Schema::Object(
                            ObjectBuilder::new()
                                .schema_type(Type::Integer)
                                .format(Some(SchemaFormat::KnownFormat(KnownFormat::Int64)))
                                .build(),
                        ))),
                        (ParameterIn::Query, "cursor") => Some(text(
                            "^[A-Za-z0-9_-]+$",
                            1,
                            512,
                            "Opaque: the `next_cursor` of the previous page of the same list \
                             (anything else is `400` `bad_cursor`)",
                        )),
                        (ParameterIn::Query, name) => QUERY
                            .iter()
                            .find(|(under, n, ..)| *n == name && path.starts_with(under))
                            .map(|(_, _, pattern, max)| text(pattern, 1, *max, "")),
                        _ => None,
                    };
                    if let Some(s) = schema {
                        p.schema = Some(s);
                    }
                    if let Some(RefOr::T(Schema::Object(obj))) = p.schema.as_mut() {
                        date_pattern(obj);
                    }
                }
            }
            if path == "/v1/events"
                && let Some(ok) = item
                    .get
                    .as_mut()
                    .and_then(|g| g.responses.responses.get_mut("200"))
                && let RefOr::T(resp) = ok
            {
                resp.content.insert(
                    "text/event-stream".into(),
                    ContentBuilder::new().schema(Some(sse_message())).build(),
                );
            }
        }
        if let Some(components) = openapi.components.as_mut() {
            body_text(components);
            body_bounds(components);
            for schema in components.schemas.values_mut() {
                if let RefOr::T(Schema::Object(obj)) = schema {
                    for prop in obj.properties.values_mut() {
                        if let RefOr::T(Schema::Object(p)) = prop {
                            date_pattern(p);
                        }
                    }
                }
            }
            error_codes(components);
        }
    }
}

/// Every operation of a path.
pub fn operations(item: &mut PathItem) -> impl Iterator<Item = &mut Operation> {
    [
        item.get.as_mut(),
        item.post.as_mut(),
        item.put.as_mut(),
        item.patch.as_mut(),
        item.delete.as_mut(),
    ]
    .into_iter()
    .flatten()
}

fn text(pattern: &str, min: usize, max: usize, what: &str) -> RefOr<Schema> {
    let mut b = ObjectBuilder::new()
        .schema_type(Type::String)
        .min_length(Some(min))
        .max_length(Some(max))
        .pattern(Some(pattern));
    if !what.is_empty() {
        b = b.description(Some(what));
    }
    RefOr::T(Schema::Object(b.build()))
}

/// One server-sent event as it travels: `id` the event id, `event` its kind, `data` the `Event`
/// as JSON (keep-alives are comments, not events).
fn sse_message() -> RefOr<Schema> {
    let obj = ObjectBuilder::new()
        .schema_type(Type::Object)
        .description(Some(
            "One server-sent event: `id` is the event id, `event` its kind, `data` the Event as JSON",
        ))
        .property(
            "id",
            ObjectBuilder::new()
                .schema_type(Type::String)
                .pattern(Some("^[0-9]+$")),
        )
        .property("event", Ref::from_schema_name("EventKind"))
        .property(
            "data",
            ObjectBuilder::new()
                .schema_type(Type::String)
                .content_media_type("application/json")
                .description(Some("An `Event` (see components) as JSON")),
        )
        .required("id")
        .required("event")
        .required("data")
        .build();
    RefOr::T(Schema::Object(obj))
}

/// Writes the length and character rules of body text fields into their component schemas.
fn body_text(components: &mut Components) {
    for (schema, field, min, max) in BODY_TEXT {
        let Some(prop) = property(components, schema, field) else {
            continue;
        };
        prop.min_length = Some(*min);
        prop.max_length = Some(*max);
        prop.pattern = Some(if *min > 0 { TEXT } else { OPT_TEXT }.to_string());
        if *field == "crime_code" {
            prop.pattern = Some(CRIME_CODE.to_string());
        }
    }
}

/// Writes the bounds of numbers and lists into their component schemas.
fn body_bounds(components: &mut Components) {
    for (schema, field, min, max) in BODY_NUMBERS {
        if let Some(prop) = property(components, schema, field) {
            prop.minimum = Some((*min).into());
            prop.maximum = Some((*max).into());
        }
    }
    for (schema, field, min, max) in BODY_LISTS {
        let Some(RefOr::T(Schema::Object(obj))) = components.schemas.get_mut(*schema) else {
            continue;
        };
        if let Some(RefOr::T(Schema::Array(list))) = obj.properties.get_mut(*field) {
            list.min_items = Some(*min);
            list.max_items = Some(*max);
        }
    }
}

fn property<'a>(
    components: &'a mut Components,
    schema: &str,
    field: &str,
) -> Option<&'a mut utoipa::openapi::schema::Object> {
    let Some(RefOr::T(Schema::Object(obj))) = components.schemas.get_mut(schema) else {
        return None;
    };
    match obj.properties.get_mut(field) {
        Some(RefOr::T(Schema::Object(p))) => Some(p),
        _ => None,
    }
}

/// Gives a date or date-time string its shape as a pattern.
fn date_pattern(obj: &mut utoipa::openapi::schema::Object) {
    let pattern = match &obj.format {
        Some(SchemaFormat::KnownFormat(KnownFormat::DateTime)) => DATE_TIME,
        Some(SchemaFormat::KnownFormat(KnownFormat::Date)) => DATE,
        _ => return,
    };
    obj.pattern = Some(pattern.to_string());
}

/// Lists every error code the API answers with on `ErrorDetail.code`.
fn error_codes(components: &mut Components) {
    let Some(RefOr::T(Schema::Object(obj))) = components.schemas.get_mut("ErrorDetail") else {
        return;
    };
    if let Some(RefOr::T(Schema::Object(code))) = obj.properties.get_mut("code") {
        let list: Vec<String> = crate::model::ERROR_CODES
            .iter()
            .map(|c| format!("`{c}`"))
            .collect();
        code.description = Some(format!(
            "Stable machine-readable code, one of {}. Treat any other as a generic refusal.",
            list.join(", ")
        ));
    }
}
