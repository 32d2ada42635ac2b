//! `fwc token create|revoke|list`: machine tokens for scripts. A token acts as its user with a
//! role (its scope), expires, and is revoked by id or by user; only its hash is stored and the
//! list shows a short id and its last use, never the token.

use clap::{Args, Subcommand};

use super::user::when;
use crate::model::{Country, Role, User};
use crate::server::auth::{hash_token, new_token};
use crate::server::store::NewApiToken;

#[derive(Debug, Subcommand)]
pub enum TokenCommand {
    /// Create a token for user N (made as a tokens-only account with --agency and --country if
    /// there is none) and print it once.
    Create(TokenCreateArgs),
    /// Revoke a token by its id (from `fwc token list`), or every token of a user.
    Revoke(TokenRevokeArgs),
    /// List the tokens: id, user, label, role, created, expires, revoked, last use.
    List(TokenListArgs),
}

#[derive(Debug, Args)]
pub struct TokenCreateArgs {
    /// The database: a SQLite file, or a PostgreSQL URL (`postgres://user@host/db?sslmode=require`).
    #[arg(long, env = "FWC_DB", hide_env_values = true)]
    pub db: std::path::PathBuf,
    /// The user the token acts as.
    #[arg(long)]
    pub name: String,
    /// The role the token acts with: the user's own role (checked), or the new account's.
    #[arg(long)]
    pub role: String,
    /// How long it works: e.g. 90d, 12h, 2w (at most 366 days).
    #[arg(long, default_value = "90d")]
    pub expires: String,
    /// What the token is for (shown by `fwc token list`).
    #[arg(long, default_value = "script")]
    pub label: String,
    /// For a new tokens-only account: its agency.
    #[arg(long)]
    pub agency: Option<String>,
    /// For a new tokens-only account: US or MX.
    #[arg(long)]
    pub country: Option<String>,
}

#[derive(Debug, Args)]
pub struct TokenRevokeArgs {
    /// The database: a SQLite file, or a PostgreSQL URL (`postgres://user@host/db?sslmode=require`).
    #[arg(long, env = "FWC_DB", hide_env_values = true)]
    pub db: std::path::PathBuf,
    /// The token's id, as `fwc token list` shows it.
    #[arg(long, required_unless_present = "name", conflicts_with = "name")]
    pub id: Option<String>,
    /// Revoke every token of this user.
    #[arg(long)]
    pub name: Option<String>,
}

#[derive(Debug, Args)]
pub struct TokenListArgs {
    /// The database: a SQLite file, or a PostgreSQL URL (`postgres://user@host/db?sslmode=require`).
    #[arg(long, env = "FWC_DB", hide_env_values = true)]
    pub db: std::path::PathBuf,
}

/// `90d`, `12h`, `2w` → a duration of at most 366 days.
pub fn parse_expiry(s: &str) -> anyhow::Result<chrono::Duration> {
    let s = s.trim();
    let Some(unit) = s.chars().last() else {
        anyhow::bail!("--expires must be a number and a unit: 90d, 12h or 2w");
    };
    let n: i64 = s[..s.len() - unit.len_utf8()]
        .parse()
        .map_err(|_| anyhow::anyhow!("--expires must be a number and a unit: 90d, 12h or 2w"))?;
    let hours = match unit {
        'h' => 1,
        'd' => 24,
        'w' => 24 * 7,
        _ => anyhow::bail!("--expires must end in h, d or w: 90d, 12h or 2w"),
    };
    // Checked before any arithmetic: a huge number is an error, not an overflow.
    if !(1..=366 * 24).contains(&n) || n * hours > 366 * 24 {
        anyhow::bail!("--expires must be between 1 hour and 366 days");
    }
    let d = chrono::Duration::hours(n * hours);
    Ok(d)
}

pub fn run(cmd: TokenCommand) -> anyhow::Result<()> {
    match cmd {
        TokenCommand::Create(a) => create(a),
        TokenCommand::Revoke(a) => revoke(a),
        TokenCommand::List(a) => list(a),
    }
}

fn create(a: TokenCreateArgs) -> anyhow::Result<()> {
    let role = Role::parse(&a.role).ok_or_else(|| {
        anyhow::anyhow!("--role must be investigator, examiner, supervisor or prosecutor")
    })?;
    let ttl = parse_expiry(&a.expires)?;
    let name = a.name.trim();
    let store = crate::server::store::open(&a.db)?;
    let existing = store.accounts()?.into_iter().find(|x| x.user.name == name);
    match existing {
        Some(x) if x.user.role != role => anyhow::bail!(
            "{name} is a {}: a token acts with its user's role",
            x.user.role.as_str()
        ),
        Some(x) if x.disabled => anyhow::bail!("{name} is disabled"),
        Some(_) => {}
        None => {
            let (Some(agency), Some(country)) = (a.agency.as_deref(), a.country.as_deref()) else {
                anyhow::bail!(
                    "there is no user named {name:?}; give --agency and --country to make a tokens-only account"
                );
            };
            let country = Country::parse(country)
                .ok_or_else(|| anyhow::anyhow!("--country must be US or MX"))?;
            let agency = agency.trim();
            if name.is_empty() || agency.is_empty() || name.len() > 120 || agency.len() > 120 {
                anyhow::bail!("--name and --agency must be 1 to 120 characters");
            }
            let user = User {
                name: name.to_string(),
                agency: agency.to_string(),
                country,
                role,
            };
            store.add_account(&user, None)?;
            println!(
                "Created the tokens-only account {name} ({agency}, {}).",
                country.as_str()
            );
        }
    }
    let token = new_token();
    let expires_at = chrono::Utc::now() + ttl;
    store.add_api_token(&NewApiToken {
        token_hash: hash_token(&token),
        user_name: name.to_string(),
        label: a.label.trim().chars().take(80).collect(),
        role,
        expires_at: Some(expires_at),
    })?;
    println!(
        "Token {} for {name} ({}), expires {} UTC (shown once; only its hash is stored):\n{token}",
        &hash_token(&token)[..12],
        role.as_str(),
        expires_at.format("%Y-%m-%d %H:%M")
    );
    Ok(())
}

fn revoke(a: TokenRevokeArgs) -> anyhow::Result<()> {
    let store = crate::server::store::open(&a.db)?;
    let n = store.revoke_api_tokens(a.id.as_deref(), a.name.as_deref())?;
    if n == 0 {
        anyhow::bail!("no token in force matches");
    }
    println!("Revoked {n} token(s): they stop working within a second, on a running server too.");
    Ok(())
}

fn list(a: TokenListArgs) -> anyhow::Result<()> {
    let store = crate::server::store::open(&a.db)?;
    println!("id\tuser\tlabel\trole\tcreated\texpires\trevoked\tlast use");
    for t in store.api_tokens()? {
        println!(
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
            t.id,
            t.user_name,
            t.label,
            t.role.as_str(),
            when(Some(t.created_at)),
            when(t.expires_at),
            when(t.revoked_at),
            when(t.last_used)
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expiries_read_hours_days_and_weeks_up_to_a_year() {
        assert_eq!(parse_expiry("90d").unwrap(), chrono::Duration::days(90));
        assert_eq!(parse_expiry("12h").unwrap(), chrono::Duration::hours(12));
        assert_eq!(parse_expiry("2w").unwrap(), chrono::Duration::weeks(2));
        for bad in [
            "",
            "d",
            "0d",
            "367d",
            "90",
            "9x",
            "-1d",
            "1é",
            "é",
            "99999999999999999d",
        ] {
            assert!(parse_expiry(bad).is_err(), "{bad}");
        }
    }
}
