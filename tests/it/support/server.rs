//! Test harness: a real reference server on an ephemeral loopback port with a temporary SQLite
//! file, and users whose tokens the tests know. The same server over PostgreSQL (a fresh
//! database of the test cluster) is [`super::pg_server`]: the API tests run on both.

use std::path::PathBuf;
use std::time::Duration;

use fwc::api::{ApiClient, ClientConfig};
use fwc::model::{Country, Role, User};
use fwc::server::auth::hash_token;
use fwc::server::store::sqlite::SqliteStore;
use fwc::server::store::{Store, StoredUser};

/// The database engine under a test server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}
use fwc::server::{RunningServer, ServerConfig, start};

pub struct TestServer {
    pub server: RunningServer,
    pub base: String,
    pub dir: tempfile::TempDir,
    /// The database: the SQLite file's path, or the PostgreSQL database's URL.
    pub db: PathBuf,
    pub engine: Engine,
}

/// Known test users: (name, agency, country, role). Tokens are `tok-<name>`.
pub const USERS: &[(&str, &str, Country, Role)] = &[
    ("ana.us", "ATF Phoenix FD", Country::US, Role::Investigator),
    ("ben.us", "HSI El Paso", Country::US, Role::Investigator),
    ("eva.us", "ATF Phoenix FD", Country::US, Role::Examiner),
    ("sam.us", "ATF Phoenix FD", Country::US, Role::Supervisor),
    ("luis.mx", "FGR", Country::MX, Role::Investigator),
    ("rosa.mx", "FGE Chihuahua", Country::MX, Role::Examiner),
    ("tina.us", "ATF Phoenix FD", Country::US, Role::Technician),
    (
        "pat.us",
        "USAO District of Arizona",
        Country::US,
        Role::Prosecutor,
    ),
];

pub fn token(name: &str) -> String {
    format!("tok-{name}")
}

pub fn db_path(dir: &tempfile::TempDir) -> PathBuf {
    dir.path().join("fwc.db")
}

/// Creates the test users in the database at `path` (a file or a PostgreSQL URL).
pub fn add_users(path: &std::path::Path) {
    blocking(|| {
        let store = fwc::server::store::open(path).expect("open store");
        for (name, agency, country, role) in USERS {
            let user = User {
                name: name.to_string(),
                agency: agency.to_string(),
                country: *country,
                role: *role,
            };
            store
                .add_user(&StoredUser {
                    user,
                    token_hash: hash_token(&token(name)),
                })
                .expect("add user");
        }
    })
}

/// Starts a server over an empty database with the test users.
pub async fn server() -> TestServer {
    server_with(|_| {}).await
}

/// Starts a server after `prepare` has had a chance to fill the database.
pub async fn server_with(prepare: impl FnOnce(&std::path::Path) + Send) -> TestServer {
    server_in(Engine::Sqlite, prepare, Duration::from_secs(1)).await
}

/// A server over a new database of `engine`, after `prepare` (which gets the file's path or
/// the database's URL) and the test users.
pub async fn server_in(
    engine: Engine,
    prepare: impl FnOnce(&std::path::Path) + Send,
    trace_delay: Duration,
) -> TestServer {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = db_for(engine, &dir);
    blocking(|| prepare(&path));
    add_users(&path);
    start_db(dir, path, engine, 0, trace_delay).await
}

/// Runs `f` on a thread of its own and waits for it: store calls block their thread (the
/// PostgreSQL store waits on a runtime of its own, which may not be done from an async test's
/// thread), as routes make them from `spawn_blocking`.
pub fn blocking<T: Send>(f: impl FnOnce() -> T + Send) -> T {
    std::thread::scope(|s| s.spawn(f).join().expect("blocking helper"))
}

/// The database of a test's directory on `engine` (the same one every time for one directory).
pub fn db_for(engine: Engine, dir: &tempfile::TempDir) -> PathBuf {
    match engine {
        Engine::Sqlite => db_path(dir),
        Engine::Postgres => super::pg_server::db_path(dir),
    }
}

/// A century: the trace ticker never resolves a trace (see [`server_frozen`]).
pub const FROZEN: Duration = Duration::from_secs(100 * 365 * 86_400);

/// Starts a server after `prepare`, whose trace ticker never resolves a trace (a delay of a
/// century): for tests that read the data as it was prepared. The ticker answers a seed's open
/// traces within a second of the start, drawing buyers for them, so a test that reads
/// purchasers while it runs sees data change under it depending on which comes first.
pub async fn server_frozen(prepare: impl FnOnce(&std::path::Path) + Send) -> TestServer {
    server_in(Engine::Sqlite, prepare, FROZEN).await
}

/// Starts (or restarts) a server over the database in `dir`, on `port` (0 for any).
pub async fn start_on(dir: tempfile::TempDir, port: u16) -> TestServer {
    let db = db_path(&dir);
    start_db(dir, db, Engine::Sqlite, port, Duration::from_secs(1)).await
}

/// Starts a server over `db` (kept with `dir`), on `port` (0 for any).
pub async fn start_db(
    dir: tempfile::TempDir,
    db: PathBuf,
    engine: Engine,
    port: u16,
    trace_delay: Duration,
) -> TestServer {
    let mut cfg = ServerConfig::new(db.clone(), ([127, 0, 0, 1], port).into());
    cfg.trace_delay = trace_delay;
    cfg.rate_limit = 0;
    let server = start(cfg).await.expect("start server");
    let base = format!("http://{}", server.addr);
    TestServer {
        server,
        base,
        dir,
        db,
        engine,
    }
}

impl TestServer {
    pub fn client(&self, user: &str) -> ApiClient {
        ApiClient::new(ClientConfig {
            trace_url: self.base.clone(),
            case_url: self.base.clone(),
            token: token(user),
            timeout: Duration::from_secs(10),
            transport: Default::default(),
        })
        .expect("client")
    }

    pub fn http(&self) -> reqwest::Client {
        reqwest::Client::builder().build().expect("http client")
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }
}

/// A small new seizure with two firearms and some magazines.
pub fn sample_seizure() -> fwc::model::NewSeizure {
    use fwc::model::*;
    let gun =
        |serial: &str, make: &str, model: &str, cal: &str, kind: FirearmType| NewSeizureItem {
            kind: ItemKind::Firearm,
            quantity: 1,
            description: format!("{make} {model}"),
            firearm: Some(NewFirearm {
                serial: serial.into(),
                obliterated: false,
                make: make.into(),
                model: model.into(),
                kind,
                caliber: cal.into(),
                origin_country: "US".into(),
                importer: None,
                markings: None,
            }),
        };
    NewSeizure {
        kind: SeizureKind::BorderInspection,
        occurred_at: chrono::Utc::now(),
        country: Country::US,
        state: "Texas".into(),
        municipality: "Laredo".into(),
        port: Some("Laredo".into()),
        conveyance: Some("Pickup truck".into()),
        concealment: Some("Behind door panels".into()),
        summary: "Southbound inspection: rifles in door panels".into(),
        items: vec![
            gun(
                "TST100234",
                "Test Arms",
                "AR-15 type",
                "5.56",
                FirearmType::Rifle,
            ),
            gun(
                "TST100777",
                "Test Arms",
                "AK type",
                "7.62x39",
                FirearmType::Rifle,
            ),
            NewSeizureItem {
                kind: ItemKind::Magazine,
                quantity: 12,
                description: "30-round magazines".into(),
                firearm: None,
            },
        ],
    }
}

/// The seed [`seed_small_into`] loads.
pub fn small_seed() -> fwc::seed::SeedConfig {
    fwc::seed::SeedConfig {
        scale: fwc::seed::Scale::Small,
        seed: 7,
        as_of: chrono::NaiveDate::from_ymd_opt(2026, 11, 25).expect("date"),
    }
}

/// A small synthetic seed, generated once per test binary and copied into each test's database
/// (a file copy on SQLite, a template database on PostgreSQL).
pub fn seed_small_into(path: &std::path::Path) {
    if fwc::server::store::pg_url(path).is_some() {
        return super::pg_server::seed_small_into(path);
    }
    static TEMPLATE: std::sync::OnceLock<(tempfile::TempDir, PathBuf)> = std::sync::OnceLock::new();
    let (_, template) = TEMPLATE.get_or_init(|| {
        let dir = tempfile::tempdir().expect("tempdir");
        let db = dir.path().join("template.db");
        {
            let store = SqliteStore::open(&db).expect("open template");
            fwc::seed::run(&small_seed(), &store).expect("seed");
        }
        (dir, db)
    });
    std::fs::copy(template, path).expect("copy seeded template");
}

/// The password [`enrol`] gives a test user.
pub const PASSWORD: &str = "río bravo at dawn 2026";

/// Gives `name` a password ([`PASSWORD`]) and a new TOTP secret, which is returned; with
/// `temporary`, the password must be changed at the first sign-in.
pub fn enrol(ts: &TestServer, name: &str, temporary: bool) -> String {
    use fwc::server::credentials::{hash_password, new_totp_secret};
    let secret = new_totp_secret();
    let creds = fwc::server::store::Credentials {
        password_hash: hash_password(PASSWORD).expect("hash"),
        totp_secret: secret.clone(),
        must_change_password: temporary,
    };
    assert!(blocking(|| {
        store(&ts.db)
            .set_credentials(name, &creds)
            .expect("set credentials")
    }));
    secret
}

/// The code an authenticator app shows for `secret` now.
pub fn totp_now(secret: &str) -> String {
    let now = chrono::Utc::now().timestamp() as u64;
    fwc::server::credentials::totp_code(secret, now).expect("totp")
}

/// Runs one SQL statement on the test database (to age a session or revoke a token without
/// waiting for the clock). The statement must read the same on both engines.
pub fn sql(ts: &TestServer, statement: &str) {
    try_sql(ts, statement).expect("sql");
}

/// Before SQL that reads or alters the audit trail on PostgreSQL: seals the rows still queued
/// for the chain, as every reader of the trail does (`store::postgres::audit_chain`), so the
/// statement sees every request answered so far.
fn seal_for(ts: &TestServer, sql: &str) {
    if ts.engine == Engine::Postgres && sql.contains("audit") {
        blocking(|| {
            fwc::server::store::postgres::PgStore::open(&ts.db.to_string_lossy())
                .expect("open store")
                .seal_audit_impl()
                .expect("seal")
        });
    }
}

/// [`sql`], answering the engine's refusal instead of failing the test.
pub fn try_sql(ts: &TestServer, statement: &str) -> Result<(), String> {
    seal_for(ts, statement);
    match ts.engine {
        Engine::Sqlite => {
            let c = rusqlite::Connection::open(&ts.db).map_err(|e| e.to_string())?;
            c.busy_timeout(Duration::from_secs(5))
                .map_err(|e| e.to_string())?;
            c.execute_batch(statement).map_err(|e| e.to_string())
        }
        Engine::Postgres => super::pg_server::try_sql(&ts.db, statement),
    }
}

/// The one integer a query answers (a count), on either engine (the audit trail's rows all
/// sealed first: [`seal_for`]).
pub fn number(ts: &TestServer, query: &str) -> i64 {
    match ts.engine {
        Engine::Sqlite => {
            let c = rusqlite::Connection::open(&ts.db).expect("open db");
            c.query_row(query, [], |r| r.get(0)).expect("query")
        }
        Engine::Postgres => {
            seal_for(ts, query);
            super::pg_server::number(&ts.db, query)
        }
    }
}

/// The audit chain's verdict on the test database.
pub fn audit_verdict(ts: &TestServer) -> fwc::server::store::chain::Verdict {
    match ts.engine {
        Engine::Sqlite => {
            fwc::server::store::sqlite::audit_chain::verify_file(&ts.db).expect("verify")
        }
        Engine::Postgres => blocking(|| {
            fwc::server::store::postgres::PgStore::open(&ts.db.to_string_lossy())
                .expect("open store")
                .verify_audit()
                .expect("verify")
        }),
    }
}

/// What a tamperer runs first: the statement that removes the audit table's refusal to change.
pub fn drop_audit_guard(ts: &TestServer) -> &'static str {
    match ts.engine {
        Engine::Sqlite => "DROP TRIGGER audit_append_only_update;",
        Engine::Postgres => "DROP TRIGGER audit_append_only ON audit;",
    }
}

/// The store of a test database (`ts.db`), opened beside its server or after it stopped.
pub fn store(db: &std::path::Path) -> std::sync::Arc<dyn Store> {
    fwc::server::store::open(db).expect("open store")
}

/// `POST /v1/sessions` with the given fields.
pub async fn post_session(ts: &TestServer, body: serde_json::Value) -> reqwest::Response {
    ts.http()
        .post(ts.url("/v1/sessions"))
        .json(&body)
        .send()
        .await
        .expect("POST /v1/sessions")
}

/// Signs `name` in with [`PASSWORD`] and the current code of `secret` (forgetting the last code
/// used, so a test may sign in several times within one 30-second step) and returns the token.
pub async fn sign_in(ts: &TestServer, name: &str, secret: &str) -> String {
    sql(
        ts,
        &format!("UPDATE users SET last_totp_step = NULL WHERE name = '{name}'"),
    );
    let r = post_session(
        ts,
        serde_json::json!({"user": name, "password": PASSWORD, "totp": totp_now(secret)}),
    )
    .await;
    assert_eq!(r.status(), reqwest::StatusCode::CREATED);
    let v: serde_json::Value = r.json().await.expect("session");
    v["token"].as_str().expect("token").to_string()
}

/// A new casing fired by synthetic gun `gun` (its `index`th shot), 9 mm, for `incident`.
pub fn casing(gun: &str, index: u32, incident: &str) -> fwc::model::NewCasing {
    let img = fwc::ballistics::synth::fire(gun, "9mm", index, 11);
    fwc::model::NewCasing {
        source: fwc::model::CasingSource::Scene,
        incident_id: incident.into(),
        caliber_class: "9mm".into(),
        recovered_at: chrono::Utc::now(),
        place: "Culiacán, Sinaloa".into(),
        seizure_id: None,
        firearm_id: None,
        image_size: img.width as u32,
        image: base64::Engine::encode(&base64::engine::general_purpose::STANDARD, &img.pixels),
    }
}
