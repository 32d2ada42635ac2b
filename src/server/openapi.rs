//! The contract, generated from the Rust types the server and the client share.

use axum::Json;
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::{Modify, OpenApi};

use super::openapi_inputs::InputFormats;
use super::routes;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Firewall trace and case API",
        description = "Shared trace and case API for US–Mexico firearms-trafficking investigations. \
                       The reference server's data are synthetic. Errors are \
                       `{\"error\":{\"code\":…,\"message\":…}}`; lists page with `cursor`/`next_cursor`; \
                       POSTs accept an `Idempotency-Key`; GET lists answer `If-None-Match` with 304.",
        version = "1"
    ),
    paths(
        routes::health::health, routes::health::me, routes::banner::banner,
        routes::sessions::create, routes::sessions::end,
        routes::seizures::list, routes::seizures::stats, routes::seizures::one, routes::seizures::create,
        routes::seizures::update, routes::seizures::import,
        routes::firearms::list, routes::firearms::one,
        routes::traces::list, routes::traces::one, routes::traces::submit,
        routes::ballistics::casings, routes::ballistics::casing, routes::ballistics::leads, routes::ballistics::lead, routes::ballistics::acquire, routes::ballistics::decide, routes::ballistics::cluster,
        routes::correlations::correlations, routes::correlations::reviews, routes::correlations::mark_lead,
        routes::cases::list, routes::cases::one, routes::cases::create, routes::cases::link, routes::cases::notes,
        routes::cases::add_note, routes::cases::update,
        routes::cases::note_edit::note, routes::cases::note_edit::edit, routes::cases::note_edit::history,
        routes::cases::membership::add, routes::cases::membership::remove, routes::cases::membership::audit, routes::cases::membership::directory,
        routes::events::events,
        routes::cases::prosecution::set,
        routes::graph::neighbors, routes::graph::paths, routes::graph::rings,
        routes::stats::measures, routes::stats::traces, routes::stats::seizures, routes::stats::leads,
        routes::watches::list, routes::watches::create, routes::watches::update, routes::watches::remove,
        routes::watches::alerts, routes::watches::read,
    ),
    components(schemas(crate::model::LeadSort, crate::model::SeizureSort)),
    modifiers(&BearerAuth, &CommonAnswers, &InputFormats),
    security(("bearer" = []))
)]
pub struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(Http::new(HttpAuthScheme::Bearer)),
        );
    }
}

/// Answers any operation can give besides its own: bad input, no or bad token, too large a
/// body, too many requests, the audit trail unavailable, and a server fault. Added to every
/// operation so generated clients know every status they may meet.
struct CommonAnswers;

impl Modify for CommonAnswers {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::path::HttpMethod;
        use utoipa::openapi::{ContentBuilder, Ref, ResponseBuilder};
        for (path, item) in openapi.paths.paths.iter_mut() {
            let public = path == "/v1/health" || path == "/openapi.json" || path == "/v1/banner";
            for method in [
                HttpMethod::Get,
                HttpMethod::Post,
                HttpMethod::Put,
                HttpMethod::Patch,
                HttpMethod::Delete,
            ] {
                let op = match method {
                    HttpMethod::Get => item.get.as_mut(),
                    HttpMethod::Post => item.post.as_mut(),
                    HttpMethod::Put => item.put.as_mut(),
                    HttpMethod::Patch => item.patch.as_mut(),
                    HttpMethod::Delete => item.delete.as_mut(),
                    _ => None,
                };
                let Some(op) = op else { continue };
                let has_body = op.request_body.is_some();
                let mut add = |code: &str, what: &str| {
                    op.responses
                        .responses
                        .entry(code.to_string())
                        .or_insert_with(|| {
                            ResponseBuilder::new()
                                .description(what)
                                .content(
                                    "application/json",
                                    ContentBuilder::new()
                                        .schema(Some(Ref::from_schema_name("ErrorBody")))
                                        .build(),
                                )
                                .build()
                                .into()
                        });
                };
                add(
                    "400",
                    "Malformed request: bad path id, query parameter or JSON",
                );
                if !public {
                    add("401", "No token, or a token that is not valid");
                    add("429", "Too many requests (see Retry-After)");
                    add(
                        "503",
                        "The request could not be recorded in the audit trail",
                    );
                }
                if has_body {
                    add("413", "The request body is too large");
                    add("415", "The body is not JSON");
                }
                add(
                    "422",
                    "A parameter or body field is out of range or invalid, or an Idempotency-Key \
                     was already used for a different request",
                );
                add("500", "The server could not complete the request");
            }
        }
    }
}

/// `GET /openapi.json`
pub async fn serve() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}
