//! `fwc bench import --rows N`: a generated spreadsheet of N seizures (one gun each, Spanish
//! and English place names, ports and states) read, checked and imported into a fresh server
//! over loopback, as `fwc seizures import` does it; then the same file again, which must
//! write nothing new.

use std::fmt::Write as _;
use std::time::Instant;

use crate::api::{ApiClient, ClientConfig, Transport};
use crate::model::{Country, MX_STATES, Role, User};
use crate::server::auth::hash_token;
use crate::server::store::sqlite::SqliteStore;
use crate::server::store::{Store, StoredUser};
use crate::server::{ServerConfig, start};

const TOKEN: &str = "bench-import-token";

/// A CSV of `rows` distinct seizures (deterministic).
pub fn spreadsheet(rows: usize) -> String {
    let mut csv = String::from(
        "fecha,estado,municipio,puerto,serie,marca,modelo,tipo_de_arma,calibre,origen,cargadores\n",
    );
    let ports = [
        ("Laredo", "Texas"),
        ("Nogales", "Arizona"),
        ("San Ysidro", "California"),
    ];
    let guns = [
        ("Colt", "M4 Carbine", "rifle", "5.56x45", "US"),
        ("Glock", "19", "pistola", "9mm", "AT"),
        ("Norinco", "MAK-90", "fusil", "7.62x39", "CN"),
    ];
    for i in 0..rows {
        let day = 1 + i % 28;
        let minute = i % 60;
        let hour = (i / 60) % 24;
        let (make, model, kind, cal, origin) = guns[i % guns.len()];
        if i % 4 == 0 {
            let (port, state) = ports[(i / 4) % ports.len()];
            let _ = writeln!(
                csv,
                "2026-0{}-{day:02} {hour:02}:{minute:02},{state},,{port},BX{i:07},{make},{model},{kind},{cal},{origin},{}",
                1 + i % 9,
                i % 5
            );
        } else {
            let (_, state) = MX_STATES[i % MX_STATES.len()];
            let _ = writeln!(
                csv,
                "2026-0{}-{day:02} {hour:02}:{minute:02},{state},Centro,,MX{i:07},{make},{model},{kind},{cal},{origin},{}",
                1 + i % 9,
                i % 5
            );
        }
    }
    csv
}

pub async fn run(rows: usize) -> anyhow::Result<()> {
    let dir = std::env::temp_dir().join(format!("fwc-bench-import-{:016x}", rand::random::<u64>()));
    std::fs::create_dir_all(&dir)?;
    let db = dir.join("bench-import.db");
    SqliteStore::open(&db)?.add_user(&StoredUser {
        user: User {
            name: "bench.importer".into(),
            agency: "CBP Laredo".into(),
            country: Country::US,
            role: Role::Investigator,
        },
        token_hash: hash_token(TOKEN),
    })?;
    // The server's defaults (its rate limit included), as a field office would meet them.
    let server = start(ServerConfig::new(db.clone(), ([127, 0, 0, 1], 0).into())).await?;
    let client = ApiClient::new(ClientConfig {
        trace_url: server.url(),
        case_url: server.url(),
        token: TOKEN.into(),
        timeout: std::time::Duration::from_secs(120),
        transport: Transport::default(),
    })?;
    let csv = spreadsheet(rows);
    let t = Instant::now();
    let plan =
        crate::import::plan(csv.as_bytes(), chrono::Utc::now()).map_err(|e| anyhow::anyhow!(e))?;
    let read = t.elapsed();
    anyhow::ensure!(
        plan.problems.is_empty() && plan.seizures.len() == rows,
        "the generated file has problems: {:?}",
        plan.problems.first()
    );
    let t = Instant::now();
    let (created, existing) = crate::cli::import::send(&client, &plan).await?;
    let first = t.elapsed();
    let t = Instant::now();
    let (created_again, existing_again) = crate::cli::import::send(&client, &plan).await?;
    let again = t.elapsed();
    server.shutdown().await?;
    let _ = std::fs::remove_dir_all(&dir);
    println!(
        "import {rows} rows ({:.1} MB CSV): read and checked in {:.2} s",
        csv.len() as f64 / 1e6,
        read.as_secs_f64()
    );
    println!(
        "first run:  {:.2} s, {:.0} rows/s; {created} recorded, {existing} already there",
        first.as_secs_f64(),
        rows as f64 / first.as_secs_f64()
    );
    println!(
        "same file again: {:.2} s; {created_again} recorded, {existing_again} already there",
        again.as_secs_f64()
    );
    anyhow::ensure!(
        created == rows && created_again == 0,
        "the import was not idempotent"
    );
    Ok(())
}
