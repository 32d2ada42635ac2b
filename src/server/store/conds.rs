//! WHERE clauses built from optional filters, for both engines: each condition is written with
//! `?` (one value) or `?a` and `?b` (two, as keyset cursors take), and numbered as the engine
//! numbers its parameters (`?1` on SQLite, `$1` on PostgreSQL). Each engine's `Filter` holds
//! one, with its own bound-value type and its own serial search.

/// A bound value that can be made from text (what [`Conds::eq`] binds).
pub(crate) trait TextArg {
    fn text(s: String) -> Self;
}

/// Conditions and their values, in parameter order.
pub(crate) struct Conds<A> {
    conds: Vec<String>,
    args: Vec<A>,
    /// What precedes a parameter's number: `?` or `$`.
    mark: char,
}

impl<A> Conds<A> {
    pub(crate) fn new(mark: char) -> Self {
        Conds {
            conds: Vec::new(),
            args: Vec::new(),
            mark,
        }
    }

    /// Adds a condition whose every `?` stands for `v`.
    pub(crate) fn cond(&mut self, cond: &str, v: A) {
        self.args.push(v);
        let n = format!("{}{}", self.mark, self.args.len());
        self.conds.push(cond.replace('?', &n));
    }

    /// Adds a condition with two values, written `?a` and `?b` (keyset cursors).
    pub(crate) fn cond2(&mut self, cond: &str, a: A, b: A) {
        self.args.push(a);
        self.args.push(b);
        let n = self.args.len();
        self.conds.push(
            cond.replace("?a", &format!("{}{}", self.mark, n - 1))
                .replace("?b", &format!("{}{n}", self.mark)),
        );
    }

    /// Adds a condition with no value (a literal the planner must see, e.g. a partial index's
    /// bound). Never pass anything that came from a request.
    pub(crate) fn raw(&mut self, cond: &str) {
        self.conds.push(cond.to_string());
    }

    pub(crate) fn where_sql(&self) -> String {
        if self.conds.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", self.conds.join(" AND "))
        }
    }

    /// The values, in parameter order.
    pub(crate) fn args(&self) -> &[A] {
        &self.args
    }
}

impl<A: TextArg> Conds<A> {
    /// `col = v`, when there is a `v`.
    pub(crate) fn eq(&mut self, col: &str, v: Option<&str>) {
        if let Some(v) = v {
            self.cond(&format!("{col} = ?"), A::text(v.to_string()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    impl TextArg for String {
        fn text(s: String) -> Self {
            s
        }
    }

    #[test]
    fn parameters_are_numbered_in_order_with_the_engines_mark() {
        let mut c: Conds<String> = Conds::new('$');
        assert_eq!(c.where_sql(), "");
        c.eq("status", Some("new"));
        c.eq("kind", None);
        c.raw("ttc_days < 1095");
        c.cond("(a ILIKE ? OR b ILIKE ?)", "%x%".into());
        c.cond2("(at, id) < (?a, ?b)", "5".into(), "SZ-1".into());
        assert_eq!(
            c.where_sql(),
            "WHERE status = $1 AND ttc_days < 1095 AND (a ILIKE $2 OR b ILIKE $2) AND (at, id) < ($3, $4)"
        );
        assert_eq!(c.args(), ["new", "%x%", "5", "SZ-1"]);
        let mut q: Conds<String> = Conds::new('?');
        q.cond("x = ?", "1".into());
        assert_eq!(q.where_sql(), "WHERE x = ?1");
    }
}
