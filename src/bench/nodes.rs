//! `fwc serve` processes for `fwc bench api`'s lookup figures: one node, or two nodes over the
//! same PostgreSQL database, each a process of its own as deployed (not servers inside the
//! bench's process, which would share its runtime and threads).

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

/// Running `fwc serve` processes, stopped when dropped.
pub struct Nodes {
    children: Vec<Child>,
    /// Each node's base URL (`http://127.0.0.1:PORT`).
    pub bases: Vec<String>,
}

impl Nodes {
    /// Starts `n` nodes over `db` on free loopback ports (rate limits off, traces frozen) and
    /// waits until each listens.
    pub fn start(db: &Path, n: usize) -> anyhow::Result<Nodes> {
        let exe = std::env::current_exe()?;
        // Nodes on one machine share its cores, as an operator co-locating them would set
        // them up: each node gets its share of worker threads (`fwc serve --workers`; two
        // nodes each with a thread per core ran more threads than cores, and answered a few
        // per cent fewer lookups in our runs).
        let cores = std::thread::available_parallelism().map_or(1, |c| c.get());
        let workers = (cores / n.max(1)).max(1);
        let mut nodes = Nodes {
            children: Vec::new(),
            bases: Vec::new(),
        };
        for _ in 0..n {
            // The database in the environment, not the arguments: `ps` shows arguments, and a
            // URL may carry a password.
            let mut child = Command::new(&exe)
                .args(["serve", "--addr", "127.0.0.1:0", "--rate-limit", "0"])
                .args(["--trace-delay", "1000000000"])
                .env("FWC_DB", db)
                .args(["--workers", &workers.to_string()])
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()?;
            let stderr = child
                .stderr
                .take()
                .ok_or_else(|| anyhow::anyhow!("fwc serve: no stderr"))?;
            nodes.children.push(child);
            nodes.bases.push(listening(stderr)?);
        }
        Ok(nodes)
    }
}

/// Reads the node's stderr until it says where it listens, then drains the rest on a thread
/// (a full pipe would stall the node).
fn listening(stderr: std::process::ChildStderr) -> anyhow::Result<String> {
    let mut lines = BufReader::new(stderr).lines();
    let mut said = Vec::new();
    for line in lines.by_ref() {
        let line = line?;
        if let Some(addr) = address_in(&line) {
            let base = if addr.contains("://") {
                addr.to_string()
            } else {
                format!("http://{addr}")
            };
            std::thread::spawn(move || lines.for_each(drop));
            return Ok(base);
        }
        said.push(line);
    }
    anyhow::bail!("fwc serve stopped before listening:\n{}", said.join("\n"))
}

/// `fwc serve: listening on http://127.0.0.1:40123 (database …); …` → the URL.
fn address_in(line: &str) -> Option<&str> {
    let rest = line.split_once("listening on ")?.1;
    rest.split_whitespace().next()
}

impl Drop for Nodes {
    fn drop(&mut self) {
        for c in &mut self.children {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_address_is_read_from_the_listening_line() {
        assert_eq!(
            address_in(
                "fwc serve: listening on http://127.0.0.1:40123 (database postgres://fwc@h/db); OpenAPI at /openapi.json."
            ),
            Some("http://127.0.0.1:40123")
        );
        assert_eq!(address_in("fwc serve: shutting down…"), None);
    }
}
