//! The `fwc` command line: `demo`, `serve`, `seed`, `user add`, `config`, `bench`, and plain `fwc`
//! for the console against a configured server.

pub mod alerts;
pub mod audit;
pub mod backup;
pub mod cases;
pub mod console;
pub mod demo;
pub mod docs;
pub mod enrol;
pub mod export;
pub mod firearms;
pub mod import;
pub mod leads;
pub mod notes;
pub mod out;
pub mod progress;
pub mod remote;
pub mod seed;
pub mod seizures;
pub mod serve;
pub mod session;
pub mod start;
pub mod token;
pub mod traces;
pub mod user;
pub mod watches;

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Firewall Console: trace and case work for US–Mexico firearms-trafficking investigations.
#[derive(Debug, Parser)]
#[command(name = "fwc", version, about, long_about = None, after_help = out::EXIT_CODES_HELP)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub console: ConsoleArgs,
}

/// Options of the console (plain `fwc`, and `fwc demo`).
#[derive(Debug, Args, Clone, Default)]
pub struct ConsoleArgs {
    /// Server URL for both the trace and the case API (overrides the config file).
    #[arg(long, global = true, env = "FWC_SERVER")]
    pub server: Option<String>,
    /// API token (prefer FWC_TOKEN or a token file: command lines are visible to other users).
    #[arg(long, global = true, env = "FWC_TOKEN", hide_env_values = true)]
    pub token: Option<String>,
    /// Interface language.
    #[arg(long, global = true, value_enum)]
    pub lang: Option<Lang>,
    /// Disable every write (trace requests, status changes, notes…).
    #[arg(long, global = true)]
    pub read_only: bool,
    /// Theme: dark, light, high-contrast, mono, or a file name in the config dir's themes/.
    #[arg(long, global = true)]
    pub theme: Option<String>,
    /// Directory holding config.toml, themes/ and the token file (default: the user config dir).
    #[arg(long, global = true, env = "FWC_CONFIG_DIR")]
    pub config_dir: Option<PathBuf>,
    /// A PEM file of your agency's CA, trusted besides the built-in roots (overrides `ca_file`).
    #[arg(long, global = true, env = "FWC_CA_FILE", value_name = "FILE")]
    pub ca_file: Option<PathBuf>,
    /// Allow plain http:// to a server on another machine: passwords, tokens and case data then
    /// cross the network unencrypted (loopback needs no flag).
    #[arg(long, global = true)]
    pub insecure_http: bool,
    /// Cursor moves by absolute position only, no scroll regions or line-drawing charset: for
    /// terminals (or multiplexers) that draw the lean output wrongly.
    #[arg(long, global = true, env = "FWC_DUMB_TERMINAL")]
    pub dumb_terminal: bool,
    /// The low-bandwidth profile (ASCII borders, 16 colours, no clock, compact hints, casing
    /// images on request): slow, fast, or auto — on when the server's round trip or the
    /// terminal's output rate says the link is slow (overrides the config's `link`).
    #[arg(long, global = true, value_enum, env = "FWC_LINK")]
    pub link: Option<LinkArg>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LinkArg {
    Fast,
    Slow,
    Auto,
}

impl From<LinkArg> for crate::app::link::LinkMode {
    fn from(l: LinkArg) -> Self {
        match l {
            LinkArg::Fast => crate::app::link::LinkMode::Fast,
            LinkArg::Slow => crate::app::link::LinkMode::Slow,
            LinkArg::Auto => crate::app::link::LinkMode::Auto,
        }
    }
}

impl ConsoleArgs {
    /// How clients reach the server: `--ca-file` over the config's `ca_file`, `--insecure-http`.
    pub fn transport(&self, config: &crate::app::config::Config) -> crate::api::Transport {
        crate::api::Transport {
            ca_file: self.ca_file.clone().or_else(|| config.ca_file.clone()),
            insecure_http: self.insecure_http,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Lang {
    En,
    Es,
}

impl From<Lang> for crate::i18n::Lang {
    fn from(l: Lang) -> Self {
        match l {
            Lang::En => crate::i18n::Lang::En,
            Lang::Es => crate::i18n::Lang::Es,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Seed demo data (once), start an embedded server and open the console signed in as a demo investigator.
    Demo(DemoArgs),
    /// Run the reference server.
    Serve(ServeArgs),
    /// Fill a database with deterministic synthetic data.
    Seed(SeedArgs),
    /// Manage users of a deployment.
    #[command(subcommand)]
    User(UserCommand),
    /// Machine tokens for scripts: scoped to a role, expiring, revocable.
    #[command(subcommand)]
    Token(token::TokenCommand),
    /// Sign in to --server and keep the session for the console and scripts.
    Login(LoginArgs),
    /// Sign out of --server and forget the kept session.
    Logout(LogoutArgs),
    /// Configuration helpers.
    Config(ConfigArgs),
    /// Export a case packet (Markdown for people, JSON for tools).
    #[command(subcommand)]
    Export(export::ExportCommand),
    /// Measure performance and print the figures.
    #[command(subcommand)]
    Bench(BenchCommand),
    /// Check or export a server's audit trail (a hash chain).
    #[command(subcommand)]
    Audit(audit::AuditCommand),
    /// Copy a server's SQLite database while it runs (SQLite's online backup).
    Backup(backup::BackupArgs),
    /// Seizures for scripts: list, show (table, --json, --jsonl or --csv) and import a CSV file.
    #[command(subcommand, after_help = out::EXIT_CODES_HELP)]
    Seizures(seizures::SeizuresCommand),
    /// Serial search over firearms for scripts.
    #[command(subcommand, after_help = out::EXIT_CODES_HELP)]
    Firearms(firearms::FirearmsCommand),
    /// Trace requests for scripts: list, show, request.
    #[command(subcommand, after_help = out::EXIT_CODES_HELP)]
    Traces(traces::TracesCommand),
    /// Ballistic leads for scripts: list, show, decide.
    #[command(subcommand, after_help = out::EXIT_CODES_HELP)]
    Leads(leads::LeadsCommand),
    /// Cases for scripts: list and show.
    #[command(subcommand, after_help = out::EXIT_CODES_HELP)]
    Cases(cases::CasesCommand),
    /// Notes for scripts: add (the body from standard input).
    #[command(subcommand, after_help = out::EXIT_CODES_HELP)]
    Notes(notes::NotesCommand),
    /// Your watches: list, add, rm (the server evaluates them, so they fire while you are away).
    #[command(subcommand, after_help = out::EXIT_CODES_HELP)]
    Watches(watches::WatchesCommand),
    /// What your watches found, newest first; --follow prints new alerts as they arrive;
    /// `fwc alerts read ID…` marks them read.
    #[command(after_help = out::EXIT_CODES_HELP)]
    Alerts(alerts::AlertsArgs),
    /// Print a shell completion script: bash, zsh or fish.
    Completions(docs::CompletionsArgs),
    /// Print the manual page fwc(1) as roff, or write every page with --out DIR.
    Man(docs::ManArgs),
}

#[derive(Debug, Subcommand)]
pub enum BenchCommand {
    /// Serial search and list latency, trace lookups per second, bytes on the wire.
    Api(BenchApiArgs),
    /// Correlation recall, false leads and time per casing against 100,000 stored.
    Ballistics(BenchBallisticsArgs),
    /// First frame from a warm cache, frame render time, bytes per cursor move.
    Console,
    /// Bytes per step of a scripted session, lean frame writer against ratatui's stock backend,
    /// and what each costs at 64 kbit/s.
    Link,
    /// Link-graph neighbours and paths (bidirectional against one-directional) and ring recall.
    Graph(BenchGraphArgs),
    /// The cost of a sign-in (Argon2id, a whole POST /v1/sessions) and of a session check per request.
    Auth(BenchAuthArgs),
    /// A generated spreadsheet of seizures imported into a fresh server, then imported again.
    Import(BenchImportArgs),
    /// Changes matched per second against 10 and against 10,000 watches (matcher alone, and the
    /// whole evaluation on SQLite).
    Watches(BenchWatchesArgs),
}

#[derive(Debug, Args)]
pub struct BenchImportArgs {
    /// Rows (seizures) in the generated file.
    #[arg(long, default_value_t = 100_000)]
    pub rows: usize,
}

#[derive(Debug, Args)]
pub struct BenchWatchesArgs {
    /// Watches in the large set (compared with 10).
    #[arg(long, default_value_t = 10_000)]
    pub watches: usize,
    /// Synthetic changes replayed through the matcher.
    #[arg(long, default_value_t = 200_000)]
    pub events: usize,
    /// New seizures written and evaluated on a real SQLite store (0 skips that part).
    #[arg(long, default_value_t = 5_000)]
    pub store_events: usize,
    #[arg(long, default_value_t = 2026)]
    pub seed: u64,
}

#[derive(Debug, Args)]
pub struct BenchAuthArgs {
    /// Whole sign-ins (and Argon2 hashes) to time.
    #[arg(long, default_value_t = 20)]
    pub sign_ins: usize,
    /// Requests per endpoint for the per-request figures.
    #[arg(long, default_value_t = 2000)]
    pub requests: usize,
    /// Over HTTPS (a throwaway CA), with the cost of a new TLS connection too.
    #[arg(long)]
    pub tls: bool,
}

#[derive(Debug, Args)]
pub struct BenchGraphArgs {
    /// Database to measure (seeded first if it does not exist; shared with `bench api`): a
    /// SQLite file, or a PostgreSQL URL — then the SQLite file of --sqlite is measured too and
    /// both engines are printed side by side (an empty PostgreSQL database is seeded like it).
    #[arg(long, default_value = "fwc-bench-large.db")]
    pub db: PathBuf,
    /// The SQLite side of a run with a PostgreSQL --db.
    #[arg(long, default_value = "fwc-bench-large.db")]
    pub sqlite: PathBuf,
    #[arg(long, value_enum, default_value = "large")]
    pub scale: ScaleArg,
    #[arg(long, default_value_t = 2026)]
    pub seed: u64,
    /// Neighbourhoods and path pairs to time.
    #[arg(long, default_value_t = 100)]
    pub queries: usize,
}

#[derive(Debug, Args)]
pub struct BenchBallisticsArgs {
    #[arg(long, default_value_t = 200)]
    pub guns: usize,
    #[arg(long, default_value_t = 3)]
    pub casings_per_gun: usize,
    #[arg(long, default_value_t = 2000)]
    pub distractors: usize,
    #[arg(long, default_value_t = 2026)]
    pub seed: u64,
    /// Degrade the query casings (noise, unreadable sectors and blobs, contrast, rotation,
    /// surface texture) and compare the whole-image pass with the cell matcher per level.
    #[arg(long)]
    pub sweep: bool,
    /// Sweep: different-gun comparisons per query for the score distribution.
    #[arg(long, default_value_t = 400)]
    pub null_per_query: usize,
    /// Sweep: stored casings for the one-against-many timing (0 skips it).
    #[arg(long, default_value_t = 1_000_000)]
    pub scale: usize,
    /// Post a burst of this many acquisitions to a real server holding `--distractors` stored
    /// casings, and time API reads meanwhile and the correlation queue's drain (0: no burst).
    #[arg(long, default_value_t = 0)]
    pub burst: usize,
}

#[derive(Debug, Args)]
pub struct BenchApiArgs {
    /// Database to measure (seeded first if it does not exist): a SQLite file, or a
    /// PostgreSQL URL — then the SQLite file of --sqlite is measured too and both engines are
    /// printed side by side (an empty PostgreSQL database is seeded like that file).
    /// Not read from FWC_DB: the bench writes (notes, tokens), so it never picks up a
    /// production database by accident.
    #[arg(long, default_value = "fwc-bench-large.db")]
    pub db: PathBuf,
    /// The SQLite side of a run with a PostgreSQL --db.
    #[arg(long, default_value = "fwc-bench-large.db")]
    pub sqlite: PathBuf,
    #[arg(long, value_enum, default_value = "large")]
    pub scale: ScaleArg,
    #[arg(long, default_value_t = 2026)]
    pub seed: u64,
    /// Sequential queries per latency figure.
    #[arg(long, default_value_t = 2000)]
    pub queries: usize,
    /// Seconds of the trace-lookup throughput run.
    #[arg(long, default_value_t = 10)]
    pub seconds: u64,
    /// Concurrent clients in the throughput run.
    #[arg(long, default_value_t = 32)]
    pub concurrency: usize,
    /// Rounds of the trace-lookup runs: 1 node and 2 nodes each round, in turns first (1, 2,
    /// then 2, 1); each figure is the median of its rounds.
    #[arg(long, default_value_t = 4)]
    pub rounds: usize,
    /// Concurrent console users in the mixed workload (open panes, page, search, post notes).
    #[arg(long, default_value_t = 50)]
    pub users: usize,
    /// Clients running long requests back to back while a list page is timed.
    #[arg(long, default_value_t = 8)]
    pub slow: usize,
    /// Only the trace lookups per second (1 node, and 2 nodes on PostgreSQL).
    #[arg(long)]
    pub lookups_only: bool,
    /// Only the list pages whose label contains this text (e.g. `--only "?q="`): a focused
    /// measurement in seconds instead of the full run's minutes.
    #[arg(long, value_name = "TEXT")]
    pub only: Option<String>,
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Where the demo database lives (default: the user data dir).
    #[arg(long)]
    pub data_dir: Option<PathBuf>,
    /// Re-create the demo database even if one exists.
    #[arg(long)]
    pub fresh: bool,
    /// Sign in as the demo user with this role: investigator, examiner (confirms ballistic
    /// hits), technician (reviews correlation lists and marks leads), supervisor (manages case members, reads audit trails) or prosecutor (works the
    /// cases they are a member of and records their prosecution stage).
    #[arg(long, default_value = "investigator", value_parser = parse_role)]
    pub role: crate::model::Role,
    /// Serve the demo over HTTPS: a throwaway CA and server certificate are made at start
    /// (kept in <data dir>/tls/, the CA as ca.pem) and the console trusts that CA alone besides
    /// the built-in roots.
    #[arg(long)]
    pub tls: bool,
    /// How long the stand-in for dealers takes to answer a trace (`None`: the demo's 10 s);
    /// benches freeze it so no trace completes mid-run.
    #[arg(skip)]
    pub trace_delay: Option<std::time::Duration>,
}

fn parse_role(s: &str) -> Result<crate::model::Role, String> {
    crate::model::Role::parse(s).ok_or_else(|| {
        format!("{s:?} is not a role: investigator, examiner, technician, supervisor or prosecutor")
    })
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The database, created and migrated if needed: a SQLite file, or a PostgreSQL URL
    /// (`postgres://user@host/db?sslmode=require`) shared by several nodes.
    #[arg(long, env = "FWC_DB", hide_env_values = true)]
    pub db: PathBuf,
    /// Address to listen on, e.g. 127.0.0.1:8470 (port 0 picks a free one).
    #[arg(long, default_value = "127.0.0.1:8470")]
    pub addr: SocketAddr,
    /// Seconds the stand-in for dealers takes to answer a trace request.
    #[arg(long, default_value_t = 20)]
    pub trace_delay: u64,
    /// Requests per second per user (bursts of twice that); 0 disables the limit.
    #[arg(long, default_value_t = 200)]
    pub rate_limit: u32,
    /// Hours a session lasts at most (1 to 24).
    #[arg(long, default_value_t = 12, value_parser = clap::value_parser!(u32).range(1..=24))]
    pub session_hours: u32,
    /// Minutes without a request after which a session ends (1 to 30: the CJIS maximum).
    #[arg(long, default_value_t = 30, value_parser = clap::value_parser!(u32).range(1..=30))]
    pub idle_minutes: u32,
    /// Minutes a name stays locked after 5 failed sign-ins in a row (10 to 1440).
    #[arg(long, default_value_t = 15, value_parser = clap::value_parser!(u32).range(10..=1440))]
    pub lockout_minutes: u32,
    /// Listen on a non-loopback address even though demo accounts (published secrets) exist.
    #[arg(long)]
    pub allow_demo_accounts: bool,
    /// The logon banner (system-use notice) consoles show before sign-in: this UTF-8 file's
    /// text (at most 8 KiB), for every language. Default: a built-in notice in English and
    /// Spanish (authorised use only; activity monitored and recorded).
    #[arg(long, value_name = "FILE")]
    pub banner_file: Option<PathBuf>,
    /// Serve HTTPS (TLS 1.2 and 1.3) with this PEM certificate chain, the server's own first;
    /// SIGHUP reads it and --tls-key again.
    #[arg(long, value_name = "FILE", requires = "tls_key")]
    pub tls_cert: Option<PathBuf>,
    /// The PEM private key (PKCS#8, PKCS#1 or SEC1) of --tls-cert.
    #[arg(long, value_name = "FILE", requires = "tls_cert")]
    pub tls_key: Option<PathBuf>,
    /// Behind a reverse proxy: take the client address (failed sign-ins are throttled per
    /// address) from the right-most X-Forwarded-For entry, the one the proxy added.
    #[arg(long)]
    pub trust_proxy: bool,
    /// Seconds between keep-alive comments on an idle event stream (each costs about 17 bytes
    /// on the wire). Lower it when a proxy or NAT drops connections idle for less than 15 s.
    #[arg(long, value_name = "SECONDS", default_value_t = 15,
          value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub sse_keepalive: u64,
    /// Threads answering requests (default: one per core). Several nodes on one machine
    /// share its cores: give each its share (two nodes on 4 cores: 2 each).
    #[arg(long, env = "FWC_WORKERS", value_name = "N",
          value_parser = clap::value_parser!(u16).range(1..=1024))]
    pub workers: Option<u16>,
}

#[derive(Debug, Args)]
pub struct SeedArgs {
    /// The database to fill (must be new or empty): a SQLite file or a PostgreSQL URL.
    #[arg(long, env = "FWC_DB", hide_env_values = true)]
    pub db: PathBuf,
    #[arg(long, value_enum, default_value = "small")]
    pub scale: ScaleArg,
    /// Random seed: the same seed and as-of date give identical data.
    #[arg(long, default_value_t = 2026)]
    pub seed: u64,
    /// Date the data are relative to (YYYY-MM-DD; default today).
    #[arg(long)]
    pub as_of: Option<chrono::NaiveDate>,
    /// Print the demo users as JSON.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ScaleArg {
    Small,
    Medium,
    Large,
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create a user and print their enrolment once: TOTP QR code and URI, temporary password.
    Add(UserAddArgs),
    /// Re-enrol a user: new TOTP secret and temporary password; their sessions end.
    Reset(UserDisableArgs),
    /// Disable a user: their sessions and tokens stop within a second, on a running server too.
    Disable(UserDisableArgs),
    /// Enable a disabled user again.
    Enable(UserDisableArgs),
    /// List the users: name, agency, country, role, state, last sign-in, locked until, failures.
    List(UserListArgs),
}

#[derive(Debug, Args)]
pub struct LoginArgs {
    /// The user name.
    #[arg(long)]
    pub user: String,
    /// Read the password from the first line of standard input (for scripts).
    #[arg(long)]
    pub password_stdin: bool,
    /// The TOTP code (asked for when absent).
    #[arg(long)]
    pub totp: Option<String>,
    /// Read a new password from the next line of standard input (a temporary password must be
    /// changed at the first sign-in).
    #[arg(long)]
    pub new_password_stdin: bool,
}

#[derive(Debug, Args)]
pub struct LogoutArgs {}

#[derive(Debug, Args)]
pub struct UserDisableArgs {
    /// The database: a SQLite file, or a PostgreSQL URL (`postgres://user@host/db?sslmode=require`).
    #[arg(long, env = "FWC_DB", hide_env_values = true)]
    pub db: PathBuf,
    #[arg(long)]
    pub name: String,
}

#[derive(Debug, Args)]
pub struct UserListArgs {
    /// The database: a SQLite file, or a PostgreSQL URL (`postgres://user@host/db?sslmode=require`).
    #[arg(long, env = "FWC_DB", hide_env_values = true)]
    pub db: PathBuf,
}

#[derive(Debug, Args)]
pub struct UserAddArgs {
    /// The database: a SQLite file, or a PostgreSQL URL (`postgres://user@host/db?sslmode=require`).
    #[arg(long, env = "FWC_DB", hide_env_values = true)]
    pub db: PathBuf,
    #[arg(long)]
    pub name: String,
    #[arg(long)]
    pub agency: String,
    #[arg(long, value_parser = ["US", "MX"])]
    pub country: String,
    /// investigator, examiner, technician, supervisor or prosecutor.
    #[arg(long, value_parser = ["investigator", "examiner", "technician", "supervisor", "prosecutor"])]
    pub role: String,
}

#[derive(Debug, Args)]
pub struct ConfigArgs {
    /// Print the default config file (every key, documented).
    #[arg(long)]
    pub print_default: bool,
}

/// Server logs go to stderr (the server has no screen to protect), which under systemd or a
/// redirect is a journal or a file: colour codes only on a terminal, and PostgreSQL's notices
/// (`CREATE … IF NOT EXISTS` at every start says "already exists, skipping") only when
/// `FWC_LOG` asks for them, so that the log holds what an operator must read.
pub fn init_log_stderr() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("FWC_LOG")
        .unwrap_or_else(|_| "info,tokio_postgres=warn".into());
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()))
        .with_writer(std::io::stderr)
        .try_init();
}

/// Console logs go to a file (never to the screen under the UI): `fwc.log` in the user's data
/// dir, or `FWC_LOG_FILE`. Returns the path when logging was set up.
pub fn init_log_file() -> Option<PathBuf> {
    let path = std::env::var_os("FWC_LOG_FILE")
        .map(PathBuf::from)
        .or_else(|| {
            directories::ProjectDirs::from("org", "Firewall", "fwc")
                .map(|d| d.data_dir().join("fwc.log"))
        })?;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).ok()?;
    }
    let file = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .ok()?;
    let filter =
        tracing_subscriber::EnvFilter::try_from_env("FWC_LOG").unwrap_or_else(|_| "warn".into());
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(false)
        .with_writer(std::sync::Mutex::new(file))
        .try_init()
        .ok()?;
    Some(path)
}
