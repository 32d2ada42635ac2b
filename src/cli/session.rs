//! Sessions on this machine: `fwc login` signs in and keeps the session token in the data dir
//! (one file per server, mode 0600), `fwc logout` signs it out and deletes the file, and plain
//! `fwc` reuses a kept session until it expires. `fwc demo` signs its demo user in the same
//! way, with the secrets `fwc demo` kept when it seeded.

use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::api::{ApiClient, ClientConfig, Transport};
use crate::model::{NewSession, SessionCreated};

/// A session kept on disk for one server.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SavedSession {
    pub server: String,
    pub user: String,
    pub token: String,
    pub expires_at: DateTime<Utc>,
}

/// `<data dir>/sessions/<first 16 hex of SHA-256(server URL)>.json`.
pub fn session_file(data_dir: &Path, server: &str) -> PathBuf {
    use sha2::{Digest, Sha256};
    let key = hex::encode(Sha256::digest(server.trim_end_matches('/').as_bytes()));
    data_dir
        .join("sessions")
        .join(format!("{}.json", &key[..16]))
}

/// Writes `contents` to `path` readable by its owner only (created so: never briefly wider).
pub fn write_private(path: &Path, contents: &[u8]) -> anyhow::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let mut f = opts.open(path)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        f.set_permissions(std::fs::Permissions::from_mode(0o600))?;
    }
    f.write_all(contents)?;
    Ok(())
}

/// The kept session for `server`, if there is one that has not reached its absolute end
/// (the server may still have ended it for idling: then it answers 401 and the user signs in).
pub fn load(data_dir: &Path, server: &str) -> Option<SavedSession> {
    let path = session_file(data_dir, server);
    let text = std::fs::read_to_string(&path).ok()?;
    let s: SavedSession = serde_json::from_str(&text).ok()?;
    (s.expires_at > Utc::now() && s.server == server.trim_end_matches('/')).then_some(s)
}

fn client(server: &str, token: &str, transport: &Transport) -> anyhow::Result<ApiClient> {
    ApiClient::new(ClientConfig {
        trace_url: server.to_string(),
        case_url: server.to_string(),
        token: token.to_string(),
        timeout: Duration::from_secs(30),
        transport: transport.clone(),
    })
    .map_err(|e| anyhow::anyhow!("{e}"))
}

/// Signs in at `server`; the server's refusal comes back in its own words.
pub async fn sign_in(
    server: &str,
    body: &NewSession,
    transport: &Transport,
) -> anyhow::Result<SessionCreated> {
    client(server, "", transport)?
        .sign_in(body)
        .await
        .map_err(|e| anyhow::anyhow!("sign-in refused: {e}"))
}

/// Signs a demo user in with the secrets kept at seeding: the current TOTP code, or the next
/// one when the current was used already (a second start within the same 30 seconds).
pub async fn sign_in_demo(
    server: &str,
    user: &str,
    password: &str,
    totp_secret: &str,
    transport: &Transport,
) -> anyhow::Result<SessionCreated> {
    let now = Utc::now().timestamp().max(0) as u64;
    let mut last = None;
    for at in [now, now + crate::server::credentials::TOTP_STEP_S] {
        let code = crate::server::credentials::totp_code(totp_secret, at)
            .ok_or_else(|| anyhow::anyhow!("the kept TOTP secret of {user} is not valid"))?;
        let body = NewSession {
            user: user.to_string(),
            password: password.to_string(),
            totp: code,
            new_password: None,
        };
        match sign_in(server, &body, transport).await {
            Ok(s) => return Ok(s),
            Err(e) => last = Some(e),
        }
    }
    Err(last.unwrap_or_else(|| anyhow::anyhow!("sign-in failed")))
}

/// `fwc login`: asks for (or reads) the password and the code, signs in and keeps the session.
pub async fn login(
    server: &str,
    args: super::LoginArgs,
    data_dir: &Path,
    transport: &Transport,
) -> anyhow::Result<()> {
    // A refused URL or CA file is said before the password is asked for.
    client(server, "", transport)?;
    let server = server.trim_end_matches('/').to_string();
    let stdin = std::io::stdin();
    let password = if args.password_stdin {
        let mut line = String::new();
        stdin.lock().read_line(&mut line)?;
        line.trim_end_matches(['\r', '\n']).to_string()
    } else {
        prompt_hidden("Password: ")?
    };
    let totp = match args.totp {
        Some(t) => t,
        None => prompt_line("TOTP code: ")?,
    };
    let new_password = if args.new_password_stdin {
        let mut line = String::new();
        stdin.lock().read_line(&mut line)?;
        Some(line.trim_end_matches(['\r', '\n']).to_string())
    } else {
        None
    };
    let created = sign_in(
        &server,
        &NewSession {
            user: args.user.clone(),
            password,
            totp: totp.trim().to_string(),
            new_password,
        },
        transport,
    )
    .await?;
    let saved = SavedSession {
        server: server.clone(),
        user: args.user.clone(),
        token: created.token,
        expires_at: created.expires_at,
    };
    let path = session_file(data_dir, &server);
    write_private(&path, serde_json::to_string_pretty(&saved)?.as_bytes())?;
    println!(
        "Signed in to {server} as {} until {} UTC at the latest (or {} minutes without use). Session kept in {}.",
        args.user,
        created.expires_at.format("%Y-%m-%d %H:%M"),
        created.idle_timeout_s / 60,
        path.display()
    );
    Ok(())
}

/// `fwc logout`: signs the kept session out on the server and deletes it here.
pub async fn logout(server: &str, data_dir: &Path, transport: &Transport) -> anyhow::Result<()> {
    let server = server.trim_end_matches('/').to_string();
    let path = session_file(data_dir, &server);
    let Ok(text) = std::fs::read_to_string(&path) else {
        println!("No session is kept for {server}.");
        return Ok(());
    };
    let saved: SavedSession = match serde_json::from_str(&text) {
        Ok(s) => s,
        Err(e) => {
            let _ = std::fs::remove_file(&path);
            anyhow::bail!(
                "the kept session {} was unreadable ({e}); removed",
                path.display()
            );
        }
    };
    // A refused URL or CA file keeps the session here: it can still be signed out properly.
    let client = client(&server, &saved.token, transport)?;
    let _ = std::fs::remove_file(&path);
    match client.sign_out().await {
        Ok(()) => println!("Signed out of {server}."),
        // Already ended (expired or idle): nothing is left to end on the server.
        Err(e) if e.status == Some(401) => println!("The session had already ended; removed."),
        Err(e) => anyhow::bail!("the session was removed here, but the server said: {e}"),
    }
    Ok(())
}

fn prompt_line(label: &str) -> anyhow::Result<String> {
    eprint!("{label}");
    std::io::stderr().flush()?;
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    Ok(line.trim().to_string())
}

/// Reads a line with the terminal's echo off (raw mode), so the password is not shown.
fn prompt_hidden(label: &str) -> anyhow::Result<String> {
    use crossterm::event::{Event, KeyCode, KeyEventKind, KeyModifiers, read};
    eprint!("{label}");
    std::io::stderr().flush()?;
    crossterm::terminal::enable_raw_mode()?;
    let mut out = String::new();
    let result = loop {
        match read() {
            Ok(Event::Key(k)) if k.kind != KeyEventKind::Release => match k.code {
                KeyCode::Enter => break Ok(()),
                KeyCode::Backspace => {
                    out.pop();
                }
                KeyCode::Char('c') if k.modifiers.contains(KeyModifiers::CONTROL) => {
                    break Err(anyhow::anyhow!("cancelled"));
                }
                KeyCode::Char(c) => out.push(c),
                _ => {}
            },
            Ok(_) => {}
            Err(e) => break Err(e.into()),
        }
    };
    let _ = crossterm::terminal::disable_raw_mode();
    eprintln!();
    result.map(|()| out)
}
