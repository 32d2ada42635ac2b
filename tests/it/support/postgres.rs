//! A throwaway PostgreSQL 15 cluster for the tests: `initdb` and `pg_ctl` from the machine's
//! `postgresql-15` packages, in a temporary directory, on a free loopback port with its unix
//! socket in that directory. One cluster per test process (started by the first test that asks
//! for it), a fresh database per test, and the cluster stopped and its directory removed when
//! the process exits, however it exits.
//!
//! PostgreSQL refuses to run as root, so as root (CI, this machine) every server program runs as
//! the `postgres` system user the package creates, and the directory is handed to that user.
//!
//! Where the binaries cannot be had, [`cluster`] prints a loud message and answers `None`, and
//! the PostgreSQL tests return early; with `FWC_REQUIRE_POSTGRES` set (`.ci/run` sets it, after
//! installing the packages) that is a failure instead, so CI never skips them silently.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Mutex, OnceLock};

/// Where Debian's `postgresql-15` puts the server programs (`FWC_PG_BIN` overrides).
const DEFAULT_BIN: &str = "/usr/lib/postgresql/15/bin";
/// The superuser `initdb` creates; local connections are trusted (`-A trust`).
pub const SUPERUSER: &str = "fwc";

pub struct Cluster {
    pub port: u16,
    /// The directory holding the unix socket (`.s.PGSQL.<port>`).
    pub socket_dir: PathBuf,
    next_db: AtomicU32,
    /// The write end of the watchdog's standard input: the kernel closes it when this process
    /// exits (even on SIGKILL), and the watchdog then stops the cluster and removes its files.
    _watchdog: Mutex<(Child, ChildStdin)>,
}

/// The cluster of this test process, started on first use; `None` (after a loud message) where
/// the PostgreSQL binaries are missing and `FWC_REQUIRE_POSTGRES` is not set.
pub fn cluster() -> Option<&'static Cluster> {
    static CLUSTER: OnceLock<Option<Cluster>> = OnceLock::new();
    CLUSTER
        .get_or_init(|| {
            let bin = bin_dir();
            if !bin.join("initdb").is_file() || !bin.join("pg_ctl").is_file() {
                let why = format!(
                    "PostgreSQL 15 is not installed ({} has no initdb/pg_ctl): install \
                     postgresql-15 and postgresql-contrib (as .ci/run does) or set FWC_PG_BIN",
                    bin.display()
                );
                if std::env::var_os("FWC_REQUIRE_POSTGRES").is_some() {
                    panic!("{why}");
                }
                eprintln!("\n{}\nSKIPPING THE POSTGRESQL TESTS: {why}\n{}\n", BAR, BAR);
                return None;
            }
            Some(Cluster::start(&bin))
        })
        .as_ref()
}

const BAR: &str = "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!";

fn bin_dir() -> PathBuf {
    std::env::var_os("FWC_PG_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(DEFAULT_BIN))
}

fn running_as_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false)
}

/// A command for a server program: through `runuser -u postgres` when we are root.
fn server_command(root: bool, program: &Path) -> Command {
    if root {
        let mut c = Command::new("runuser");
        c.args(["-u", "postgres", "--"]).arg(program);
        c
    } else {
        Command::new(program)
    }
}

fn run(mut c: Command, what: &str) {
    let out = c
        .output()
        .unwrap_or_else(|e| panic!("{what}: cannot run: {e}"));
    assert!(
        out.status.success(),
        "{what} failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

impl Cluster {
    fn start(bin: &Path) -> Cluster {
        let root = running_as_root();
        let dir = tempfile::Builder::new()
            .prefix("fwc-pg-")
            .tempdir()
            .expect("temp dir for the cluster")
            .keep();
        if root {
            let mut chown = Command::new("chown");
            chown.arg("postgres:postgres").arg(&dir);
            run(chown, "chown of the cluster directory to postgres");
        }
        let data = dir.join("data");
        let mut initdb = server_command(root, &bin.join("initdb"));
        initdb
            .arg("-D")
            .arg(&data)
            .args(["-U", SUPERUSER, "-A", "trust", "-E", "UTF8", "--locale=C"])
            .arg("--no-sync");
        run(initdb, "initdb");
        let port = free_port();
        // Durability settings off: a test cluster lives for one process, and this keeps the
        // suite's PostgreSQL half from waiting on the disk.
        let options = format!(
            "-c listen_addresses=127.0.0.1 -p {port} -k {} -c fsync=off \
             -c synchronous_commit=off -c full_page_writes=off -c max_connections=200",
            dir.display()
        );
        let mut start = server_command(root, &bin.join("pg_ctl"));
        start
            .arg("-D")
            .arg(&data)
            .arg("-l")
            .arg(dir.join("server.log"))
            .args(["-w", "-t", "120", "-o", &options, "start"])
            .stdout(Stdio::null());
        run(start, "pg_ctl start");
        let watchdog = watchdog(root, bin, &dir, &data);
        Cluster {
            port,
            socket_dir: dir,
            next_db: AtomicU32::new(1),
            _watchdog: Mutex::new(watchdog),
        }
    }

    /// The connection URL of database `db` as the superuser, over loopback TCP.
    pub fn url(&self, db: &str) -> String {
        format!("postgres://{SUPERUSER}@127.0.0.1:{}/{db}", self.port)
    }

    /// The same database over the cluster's unix socket (libpq's key-value form).
    pub fn socket_conninfo(&self, db: &str) -> String {
        format!(
            "host={} port={} user={SUPERUSER} dbname={db}",
            self.socket_dir.display(),
            self.port
        )
    }

    /// Creates a new empty database (`t_1`, `t_2`, …) and answers its URL. Callable from sync
    /// and async tests alike: the statement runs on a runtime of its own thread.
    pub fn fresh_database(&self) -> String {
        let name = format!("t_{}", self.next_db.fetch_add(1, Ordering::Relaxed));
        let admin = self.url("postgres");
        let sql = format!("CREATE DATABASE {name}");
        std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("runtime");
            rt.block_on(async {
                let client = connect(&admin).await;
                client.batch_execute(&sql).await.expect("create database");
            })
        })
        .join()
        .expect("create database thread");
        self.url(&name)
    }
}

impl Cluster {
    /// Runs `sql` as the superuser on database `db`, from a thread of its own (callable from
    /// sync and async tests alike).
    pub fn admin(&self, db: &str, sql: &str) -> Result<(), String> {
        let (url, sql) = (self.url(db), sql.to_string());
        std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("runtime");
            rt.block_on(async {
                connect(&url)
                    .await
                    .batch_execute(&sql)
                    .await
                    .map_err(|e| format!("{e:?}"))
            })
        })
        .join()
        .expect("admin thread")
    }

    /// The database name at the end of one of this cluster's URLs.
    pub fn name_of(url: &str) -> &str {
        url.rsplit('/').next().unwrap_or(url)
    }

    /// Makes the (still unused) database at `url` a copy of `template`: PostgreSQL copies a
    /// seeded database file by file, much faster than seeding again. A template may not have
    /// sessions while it is copied; the store that seeded it lets its connections go in the
    /// background, so a refusal for that reason is retried once they are gone.
    pub fn copy_of(&self, url: &str, template: &str) {
        let name = Self::name_of(url);
        self.admin("postgres", &format!("DROP DATABASE IF EXISTS {name}"))
            .expect("drop database");
        let create = format!("CREATE DATABASE {name} TEMPLATE {template}");
        for _ in 0..600 {
            match self.admin("postgres", &create) {
                Ok(()) => return,
                Err(e) if e.contains("being accessed by other users") => {
                    std::thread::sleep(std::time::Duration::from_millis(50))
                }
                Err(e) => panic!("{create}: {e}"),
            }
        }
        panic!("{create}: the template kept its sessions for 30 s");
    }
}

/// Connects to `url`, the connection driven by a task on the current runtime.
pub async fn connect(url: &str) -> tokio_postgres::Client {
    let (client, conn) = tokio_postgres::connect(url, tokio_postgres::NoTls)
        .await
        .unwrap_or_else(|e| panic!("connect to {url}: {e}"));
    tokio::spawn(async move {
        let _ = conn.await;
    });
    client
}

/// A loopback port nothing listens on now (the cluster binds it a moment later).
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free loopback port")
}

/// Starts the process that stops the cluster once this one is gone: it waits for end-of-file
/// on its standard input, whose write end only this process holds. `setsid` keeps it out of
/// the terminal's process group, so a Ctrl-C of the tests does not kill it before it cleans up.
fn watchdog(root: bool, bin: &Path, dir: &Path, data: &Path) -> (Child, ChildStdin) {
    let as_postgres = if root { "runuser -u postgres -- " } else { "" };
    let script = format!(
        "cat >/dev/null; {as_postgres}'{}' -D '{}' -m immediate stop >/dev/null 2>&1; rm -rf '{}'",
        bin.join("pg_ctl").display(),
        data.display(),
        dir.display()
    );
    let mut child = Command::new("setsid")
        .args(["sh", "-c", &script])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start the cluster's watchdog");
    let mut stdin = child.stdin.take().expect("watchdog stdin");
    // Nothing is ever written; a flush proves the pipe is open.
    stdin.flush().expect("watchdog pipe");
    (child, stdin)
}
