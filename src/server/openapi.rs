//! The contract, generated from the Rust types the server and the client share.

use axum::Json;
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::{Modify, OpenApi};

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
        routes::health::health, routes::health::me,
        routes::seizures::list, routes::seizures::stats, routes::seizures::one, routes::seizures::create,
        routes::seizures::update,
        routes::firearms::list, routes::firearms::one,
        routes::traces::list, routes::traces::one, routes::traces::submit,
        routes::ballistics::casings, routes::ballistics::casing, routes::ballistics::leads, routes::ballistics::lead, routes::ballistics::acquire, routes::ballistics::decide, routes::ballistics::cluster,
        routes::cases::list, routes::cases::one, routes::cases::create, routes::cases::link, routes::cases::notes,
        routes::cases::add_note, routes::cases::update,
        routes::cases::note_edit::note, routes::cases::note_edit::edit, routes::cases::note_edit::history,
        routes::cases::membership::add, routes::cases::membership::remove, routes::cases::membership::audit, routes::cases::membership::directory,
        routes::events::events,
        routes::cases::prosecution::set,
        routes::graph::neighbors, routes::graph::paths, routes::graph::rings,
    ),
    modifiers(&BearerAuth),
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

/// `GET /openapi.json`
pub async fn serve() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}
