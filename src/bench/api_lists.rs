//! The list part of `fwc bench api`: every list endpoint with its default sort and each
//! documented filter (a 100-row page; target p50 ≤ 10 ms at national scale), a list page while
//! slow requests run beside it (they must not starve it), and a mixed workload of concurrent
//! console users (open panes, page, search, post notes) with p50/p99 per request kind.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use rand::{Rng, SeedableRng};

use super::stats::{Summary, ms};
use super::table::Figures;
use crate::server::store::short_grams;

/// One list request: its label and path (with `limit=100`).
type Probe = (String, String);

/// Values to filter by, read from the database (the same every run).
struct Values {
    state: String,
    port: String,
    agency: String,
    make: String,
    model: String,
    caliber: String,
    dealer: String,
    purchaser: String,
    caliber_class: String,
    /// Two-character terms either side of the short-gram bound (see [`bigrams_at_the_bound`]).
    bigrams: (Option<String>, Option<String>),
}

fn values(db: &Path) -> anyhow::Result<Values> {
    let c = rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let one = |sql: &str| -> anyhow::Result<String> {
        Ok(c.query_row(sql, [], |r| r.get::<_, String>(0))?)
    };
    Ok(Values {
        state: one("SELECT state FROM seizures ORDER BY rowid LIMIT 1")?,
        port: one("SELECT port FROM seizures WHERE port IS NOT NULL ORDER BY rowid LIMIT 1")?,
        agency: one("SELECT agency FROM seizures ORDER BY rowid LIMIT 1")?,
        make: one("SELECT make FROM firearms ORDER BY rowid LIMIT 1")?,
        model: one("SELECT model FROM firearms ORDER BY rowid LIMIT 1")?,
        caliber: one("SELECT caliber FROM firearms ORDER BY rowid DESC LIMIT 1")?,
        dealer: one(
            "SELECT dealer_license FROM traces WHERE dealer_license IS NOT NULL ORDER BY rowid LIMIT 1",
        )?,
        purchaser: one(
            "SELECT purchaser_id FROM traces WHERE purchaser_id IS NOT NULL ORDER BY rowid LIMIT 1",
        )?,
        caliber_class: one(
            "SELECT COALESCE((SELECT caliber_class FROM casings ORDER BY rowid LIMIT 1), '9mm')",
        )?,
        bigrams: bigrams_at_the_bound(&c)?,
    })
}

/// Two-character terms of letters or digits (they read well in a URL and a table) at either
/// side of the short-gram index's bound (`store/short_grams.rs`): the one the most seizures
/// hold while its postings are kept (the rare term that reads the most postings), and the one
/// the fewest hold past it (the common term that walks the furthest). The first in order
/// among equals; `None` where the data has none.
fn bigrams_at_the_bound(
    c: &rusqlite::Connection,
) -> anyhow::Result<(Option<String>, Option<String>)> {
    let mut docs: std::collections::BTreeMap<String, i64> = Default::default();
    let mut st =
        c.prepare("SELECT id, summary, state, municipality, port, agency FROM seizures")?;
    let mut rows = st.query([])?;
    while let Some(r) = rows.next()? {
        let cols: Vec<Option<String>> = (0..6).map(|i| r.get(i)).collect::<Result<_, _>>()?;
        let cols: Vec<Option<&str>> = cols.iter().map(Option::as_deref).collect();
        for g in short_grams::seizure_grams(&cols) {
            if g.chars().count() == 2 && g.chars().all(|c| c.is_ascii_alphanumeric()) {
                *docs.entry(g).or_default() += 1;
            }
        }
    }
    let (rare, common): (Vec<_>, Vec<_>) = docs
        .into_iter()
        .partition(|(_, n)| *n <= short_grams::COMMON_ABOVE);
    // `max_by_key` keeps the last of equals, `min_by_key` the first: reversed for the rare.
    let rare = rare
        .into_iter()
        .rev()
        .max_by_key(|(_, n)| *n)
        .map(|(g, _)| g);
    let common = common.into_iter().min_by_key(|(_, n)| *n).map(|(g, _)| g);
    Ok((rare, common))
}

/// Every list endpoint with its default sort, then each documented filter on its own.
fn probes(v: &Values) -> Vec<Probe> {
    let enc = |s: &str| url_escape(s);
    let mut p: Vec<Probe> = Vec::new();
    let mut add = |label: &str, path: String| p.push((label.to_string(), path));
    add("seizures", "/v1/seizures?limit=100".into());
    add(
        "seizures ?status=new",
        "/v1/seizures?limit=100&status=new".into(),
    );
    add(
        "seizures ?kind=operation",
        "/v1/seizures?limit=100&kind=operation".into(),
    );
    add(
        "seizures ?country=MX",
        "/v1/seizures?limit=100&country=MX".into(),
    );
    add(
        "seizures ?agency=",
        format!("/v1/seizures?limit=100&agency={}", enc(&v.agency)),
    );
    add(
        "seizures ?state=",
        format!("/v1/seizures?limit=100&state={}", enc(&v.state)),
    );
    add(
        "seizures ?port=",
        format!("/v1/seizures?limit=100&port={}", enc(&v.port)),
    );
    add(
        "seizures ?item=firearm",
        "/v1/seizures?limit=100&item=firearm".into(),
    );
    add(
        "seizures ?from=&to= (one year)",
        "/v1/seizures?limit=100&from=2025-01-01T00:00:00Z&to=2025-12-31T23:59:59Z".into(),
    );
    add(
        "seizures ?sort=oldest",
        "/v1/seizures?limit=100&sort=oldest".into(),
    );
    // Free text: how many seizures match decides the plan (the newest-first walk, or the
    // trigram candidates sorted), so a term of each kind is timed (counts on the large seed).
    for (label, term) in [
        ("seizures ?q=rifle (hundreds match)", "rifle"),
        ("seizures ?q=Tijuana (thousands)", "Tijuana"),
        ("seizures ?q=armas (half of all)", "armas"),
        ("seizures ?q=SZ-00012 (rare)", "SZ-00012"),
        ("seizures ?q=xyzzy (no match)", "xyzzy"),
        ("seizures ?q=la (2 chars, common)", "la"),
        ("seizures ?q=zz (2 chars, no match)", "zz"),
    ] {
        add(label, format!("/v1/seizures?limit=100&q={}", enc(term)));
    }
    let (rare, common) = &v.bigrams;
    for (term, kind) in [(rare, "rare"), (common, "just common")] {
        if let Some(term) = term {
            add(
                &format!("seizures ?q={term} (2 chars, {kind})"),
                format!("/v1/seizures?limit=100&q={}", enc(term)),
            );
        }
    }
    add("traces", "/v1/traces?limit=100".into());
    add(
        "traces ?status=completed",
        "/v1/traces?limit=100&status=completed".into(),
    );
    add(
        "traces ?status=in_progress",
        "/v1/traces?limit=100&status=in_progress".into(),
    );
    add(
        "traces ?short_ttc=true",
        "/v1/traces?limit=100&short_ttc=true".into(),
    );
    add(
        "traces ?short_ttc=false",
        "/v1/traces?limit=100&short_ttc=false".into(),
    );
    add(
        "traces ?make=",
        format!("/v1/traces?limit=100&make={}", enc(&v.make)),
    );
    add(
        "traces ?model=",
        format!("/v1/traces?limit=100&model={}", enc(&v.model)),
    );
    add(
        "traces ?caliber=",
        format!("/v1/traces?limit=100&caliber={}", enc(&v.caliber)),
    );
    add(
        "traces ?dealer_license=",
        format!("/v1/traces?limit=100&dealer_license={}", enc(&v.dealer)),
    );
    add(
        "traces ?purchaser_id=",
        format!("/v1/traces?limit=100&purchaser_id={}", enc(&v.purchaser)),
    );
    add(
        "traces ?serial=AB* (prefix)",
        "/v1/traces?limit=100&serial=AB*".into(),
    );
    add("firearms", "/v1/firearms?limit=100".into());
    add(
        "firearms ?make=",
        format!("/v1/firearms?limit=100&make={}", enc(&v.make)),
    );
    add(
        "firearms ?model=",
        format!("/v1/firearms?limit=100&model={}", enc(&v.model)),
    );
    add(
        "firearms ?caliber=",
        format!("/v1/firearms?limit=100&caliber={}", enc(&v.caliber)),
    );
    add(
        "firearms ?type=rifle",
        "/v1/firearms?limit=100&type=rifle".into(),
    );
    add("cases", "/v1/cases?limit=100".into());
    add(
        "cases ?status=open",
        "/v1/cases?limit=100&status=open".into(),
    );
    add(
        "cases ?prosecution=charged",
        "/v1/cases?limit=100&prosecution=charged".into(),
    );
    add("cases ?q=", "/v1/cases?limit=100&q=ring".into());
    add(
        "ballistics casings",
        "/v1/ballistics/casings?limit=100".into(),
    );
    add(
        "ballistics casings ?caliber_class=",
        format!(
            "/v1/ballistics/casings?limit=100&caliber_class={}",
            enc(&v.caliber_class)
        ),
    );
    add(
        "ballistics casings ?source=scene",
        "/v1/ballistics/casings?limit=100&source=scene".into(),
    );
    add("ballistics leads", "/v1/ballistics/leads?limit=100".into());
    add(
        "ballistics leads ?status=pending",
        "/v1/ballistics/leads?limit=100&status=pending".into(),
    );
    add(
        "ballistics leads ?sort=age",
        "/v1/ballistics/leads?limit=100&sort=age".into(),
    );
    add(
        "ballistics reviews",
        "/v1/ballistics/reviews?limit=100".into(),
    );
    add("watches", "/v1/watches".into());
    add("alerts", "/v1/alerts?limit=100".into());
    add(
        "alerts ?unread=true",
        "/v1/alerts?limit=100&unread=true".into(),
    );
    p
}

/// Percent-encodes a query value (letters, digits and `-._~` pass).
fn url_escape(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

async fn get(http: &reqwest::Client, base: &str, token: &str, path: &str) -> anyhow::Result<()> {
    let r = http
        .get(format!("{base}{path}"))
        .bearer_auth(token)
        .send()
        .await?;
    anyhow::ensure!(r.status().is_success(), "{path} answered {}", r.status());
    r.bytes().await?;
    Ok(())
}

/// Every list endpoint and filter (those whose label contains `only`, when given), `queries`
/// sequential requests each.
pub async fn lists(
    http: &reqwest::Client,
    base: &str,
    token: &str,
    db: &Path,
    only: Option<&str>,
    queries: usize,
    figs: &mut Figures,
) -> anyhow::Result<()> {
    println!("\nlist pages (100 rows), {queries} requests each; target p50 ≤ 10 ms:");
    let chosen = probes(&values(db)?)
        .into_iter()
        .filter(|(label, _)| only.is_none_or(|o| label.contains(o)));
    for (label, path) in chosen {
        get(http, base, token, &path).await?; // the first read pulls the pages into the cache
        let mut lat = Vec::with_capacity(queries);
        for _ in 0..queries {
            let t = Instant::now();
            get(http, base, token, &path).await?;
            lat.push(t.elapsed());
        }
        let s = Summary::of(lat);
        let over = s.is_some_and(|s| ms(s.p50) > 10.0);
        figs.latency("  ", &label, s, if over { "  over" } else { "" });
    }
    Ok(())
}

/// A seizure page timed while `slow` clients run long requests (statistics after a write, ring
/// detection, a serial scan) back to back: the long ones wait among themselves.
pub async fn starvation(
    http: &reqwest::Client,
    base: &str,
    token: &str,
    slow: usize,
    seconds: u64,
    figs: &mut Figures,
) -> anyhow::Result<()> {
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let long = [
        "/v1/graph/rings?kind=purchaser&limit=50",
        "/v1/stats/traces",
        "/v1/firearms?limit=100&serial=*12?4*",
        "/v1/seizures?limit=100&q=zz",
    ];
    let mut tasks = Vec::new();
    let done = Arc::new(Mutex::new(Vec::new()));
    for w in 0..slow {
        let (http, base, token, done) = (
            http.clone(),
            base.to_string(),
            token.to_string(),
            done.clone(),
        );
        tasks.push(tokio::spawn(async move {
            let mut i = w;
            while Instant::now() < deadline {
                let t = Instant::now();
                get(&http, &base, &token, long[i % long.len()]).await?;
                if let Ok(mut d) = done.lock() {
                    d.push(t.elapsed());
                }
                i += 1;
            }
            Ok::<_, anyhow::Error>(())
        }));
    }
    let mut lat = Vec::new();
    while Instant::now() < deadline {
        let t = Instant::now();
        get(http, base, token, "/v1/seizures?limit=100").await?;
        lat.push(t.elapsed());
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    for t in tasks {
        t.await??;
    }
    println!("\na seizure page while {slow} clients run long requests back to back ({seconds} s):");
    let long_lat = done.lock().map(|d| d.clone()).unwrap_or_default();
    figs.latency(
        "  ",
        "long requests (rings, stats, scans)",
        Summary::of(long_lat),
        "",
    );
    figs.latency("  ", "seizure page meanwhile", Summary::of(lat), "");
    Ok(())
}

/// `users` console users for `seconds`: each opens the panes, pages on, searches a serial and
/// now and then posts a note, as one investigator's token (the same need-to-know for all).
pub async fn mixed(
    base: &str,
    token: &str,
    users: usize,
    seconds: u64,
    serials: &[String],
    seed: u64,
    figs: &mut Figures,
) -> anyhow::Result<()> {
    let http = reqwest::Client::builder()
        .pool_max_idle_per_host(users)
        .build()?;
    let case_id = first_case(&http, base, token).await?;
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let kinds: Arc<Mutex<BTreeMap<&'static str, Vec<Duration>>>> = Arc::default();
    let serials = Arc::new(serials.to_vec());
    let mut tasks = Vec::new();
    for u in 0..users {
        let (http, base, token, kinds, serials, case_id) = (
            http.clone(),
            base.to_string(),
            token.to_string(),
            kinds.clone(),
            serials.clone(),
            case_id.clone(),
        );
        tasks.push(tokio::spawn(async move {
            let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(seed ^ u as u64);
            let mut n = 0u64;
            while Instant::now() < deadline {
                let (kind, t) = match rng.random_range(0..10) {
                    0..=2 => (
                        "open Queue (seizures)",
                        timed(&http, &base, &token, "/v1/seizures?limit=100").await?,
                    ),
                    3 => (
                        "open Trace pane (traces)",
                        timed(&http, &base, &token, "/v1/traces?limit=100").await?,
                    ),
                    4 => (
                        "open Cases pane",
                        timed(&http, &base, &token, "/v1/cases?limit=100").await?,
                    ),
                    5 => (
                        "open Ballistics (leads)",
                        timed(&http, &base, &token, "/v1/ballistics/leads?limit=100").await?,
                    ),
                    6 => {
                        let path = next_page(&http, &base, &token).await?;
                        (
                            "page on (seizures, cursor)",
                            timed(&http, &base, &token, &path).await?,
                        )
                    }
                    7 | 8 => {
                        let s = &serials[rng.random_range(0..serials.len())];
                        let cut = s.len().saturating_sub(4);
                        let path = format!("/v1/firearms?limit=50&serial=*{}*", &s[cut..]);
                        (
                            "serial search (partial)",
                            timed(&http, &base, &token, &path).await?,
                        )
                    }
                    _ => {
                        n += 1;
                        let t = Instant::now();
                        let r = http
                            .post(format!("{base}/v1/cases/{case_id}/notes"))
                            .bearer_auth(&token)
                            .header("Idempotency-Key", format!("bench-{seed}-{u}-{n}"))
                            .json(&serde_json::json!({"body": "Bench note: synthetic load."}))
                            .send()
                            .await?;
                        anyhow::ensure!(
                            r.status().is_success(),
                            "posting a note answered {}",
                            r.status()
                        );
                        r.bytes().await?;
                        ("post a note", t.elapsed())
                    }
                };
                if let Ok(mut k) = kinds.lock() {
                    k.entry(kind).or_default().push(t);
                }
            }
            Ok::<_, anyhow::Error>(())
        }));
    }
    for t in tasks {
        t.await??;
    }
    println!("\nmixed workload: {users} concurrent console users for {seconds} s:");
    let kinds = kinds.lock().map(|k| k.clone()).unwrap_or_default();
    let total: usize = kinds.values().map(Vec::len).sum();
    for (kind, lat) in kinds {
        figs.latency(
            "  ",
            &format!("{users} users: {kind}"),
            Summary::of(lat),
            "",
        );
    }
    let rate = total as f64 / seconds as f64;
    println!("  {total} requests, {rate:.0} per second");
    figs.rate(&format!("{users} users: requests"), rate);
    Ok(())
}

async fn timed(
    http: &reqwest::Client,
    base: &str,
    token: &str,
    path: &str,
) -> anyhow::Result<Duration> {
    let t = Instant::now();
    get(http, base, token, path).await?;
    Ok(t.elapsed())
}

/// The path of the second seizure page (its cursor from the first).
async fn next_page(http: &reqwest::Client, base: &str, token: &str) -> anyhow::Result<String> {
    let page: crate::model::Page<serde_json::Value> = http
        .get(format!("{base}/v1/seizures?limit=100"))
        .bearer_auth(token)
        .send()
        .await?
        .json()
        .await?;
    Ok(match page.next_cursor {
        Some(c) => format!("/v1/seizures?limit=100&cursor={c}"),
        None => "/v1/seizures?limit=100".into(),
    })
}

/// A case the bench's investigator may write notes in.
async fn first_case(http: &reqwest::Client, base: &str, token: &str) -> anyhow::Result<String> {
    let page: crate::model::Page<serde_json::Value> = http
        .get(format!("{base}/v1/cases?limit=1&status=open"))
        .bearer_auth(token)
        .send()
        .await?
        .json()
        .await?;
    page.items
        .first()
        .and_then(|c| c["id"].as_str().map(str::to_string))
        .ok_or_else(|| {
            anyhow::anyhow!("the bench's investigator sees no open case to post notes in")
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_values_are_percent_encoded() {
        assert_eq!(url_escape("9mm Luger"), "9mm%20Luger");
        assert_eq!(url_escape("S&W"), "S%26W");
        assert_eq!(url_escape("Ciudad Juárez"), "Ciudad%20Ju%C3%A1rez");
    }
}
