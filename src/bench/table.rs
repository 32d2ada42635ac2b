//! The figures of one engine's `fwc bench api` run, printed as they come and kept, so a run on
//! both engines ends with one table, SQLite and PostgreSQL side by side.

use super::stats::{Summary, ms};

/// One measured figure.
#[derive(Debug, Clone, Copy)]
pub enum Value {
    Latency(Summary),
    /// Requests per second.
    Rate(f64),
}

/// The figures of one engine, in the order they were measured.
#[derive(Debug, Default)]
pub struct Figures {
    rows: Vec<(String, Value)>,
}

impl Figures {
    /// Prints `label`'s latency line (indented by `indent`) and keeps it; `mark` follows the
    /// line (e.g. "over" a target).
    pub fn latency(&mut self, indent: &str, label: &str, s: Option<Summary>, mark: &str) {
        if let Some(s) = s {
            println!("{indent}{}{mark}", s.line(label));
            self.rows.push((label.to_string(), Value::Latency(s)));
        }
    }

    /// Keeps a throughput figure (the caller prints it with its context).
    pub fn rate(&mut self, label: &str, per_second: f64) {
        self.rows.push((label.to_string(), Value::Rate(per_second)));
    }

    fn get(&self, label: &str) -> Option<Value> {
        self.rows.iter().find(|(l, _)| l == label).map(|(_, v)| *v)
    }
}

fn cell(v: Option<Value>) -> String {
    match v {
        Some(Value::Latency(s)) => format!("{:>9.2} {:>9.2}", ms(s.p50), ms(s.p99)),
        Some(Value::Rate(r)) => format!("{:>12.0}/s {:>6}", r, ""),
        None => format!("{:>9} {:>9}", "—", "—"),
    }
}

/// Every figure of `a` and `b` on one row per label (`a`'s order, then labels only `b` has).
pub fn side_by_side(a_name: &str, a: &Figures, b_name: &str, b: &Figures) -> String {
    let mut labels: Vec<&str> = a.rows.iter().map(|(l, _)| l.as_str()).collect();
    for (l, _) in &b.rows {
        if !labels.contains(&l.as_str()) {
            labels.push(l);
        }
    }
    let width = labels.iter().map(|l| l.chars().count()).max().unwrap_or(0);
    let mut out = format!(
        "{:<width$}  {:^19}  {:^19}\n{:<width$}  {:>9} {:>9}  {:>9} {:>9}\n",
        "", a_name, b_name, "measure", "p50 ms", "p99 ms", "p50 ms", "p99 ms",
    );
    for l in labels {
        out.push_str(&format!(
            "{l:<width$}  {}  {}\n",
            cell(a.get(l)),
            cell(b.get(l))
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    #[test]
    fn rows_of_both_engines_line_up_by_label() {
        let s = |n: u64| Summary::of(vec![Duration::from_millis(n)]);
        let (mut a, mut b) = (Figures::default(), Figures::default());
        a.latency("", "seizure page", s(2), "");
        a.rate("lookups, 1 node", 5000.0);
        b.latency("", "seizure page", s(3), "");
        b.rate("lookups, 2 nodes", 9000.0);
        let t = side_by_side("SQLite", &a, "PostgreSQL", &b);
        let lines: Vec<&str> = t.lines().collect();
        assert_eq!(lines.len(), 5, "{t}");
        assert!(
            lines[2].contains("2.00") && lines[2].contains("3.00"),
            "{t}"
        );
        assert!(lines[3].contains("5000/s") && lines[3].contains('—'), "{t}");
        assert!(lines[4].starts_with("lookups, 2 nodes") && lines[4].contains("9000/s"));
    }
}
