//! Plain `fwc` and `fwc demo`: resolve where the APIs are and who we are, then hand over to the
//! console.

use std::path::PathBuf;

use super::{ConsoleArgs, DemoArgs, Lang};
use crate::api::Transport;
use crate::api::{ApiClient, ApiErrorKind, ClientConfig};
use crate::app::config::{Config, read_token_file};
use crate::app::kept_session::SavedSession;
use crate::app::options::{Account, ConsoleOptions};
use crate::app::state::Lang as UiLang;

pub(super) fn dirs() -> anyhow::Result<directories::ProjectDirs> {
    directories::ProjectDirs::from("org", "Firewall", "fwc")
        .ok_or_else(|| anyhow::anyhow!("cannot find a home directory for fwc's config and data"))
}

fn lang(l: Option<Lang>) -> Option<UiLang> {
    l.map(Into::into)
}

/// `fwc`: the console against the configured server.
pub async fn run(args: ConsoleArgs) -> anyhow::Result<()> {
    let d = dirs()?;
    let config_dir = args
        .config_dir
        .clone()
        .unwrap_or_else(|| d.config_dir().to_path_buf());
    // The one read of the config: its warnings are shown when the console starts.
    let (config, warnings) = Config::load(&config_dir);
    let (trace_url, case_url) = match &args.server {
        Some(s) => (s.clone(), s.clone()),
        None => {
            let both = config.server();
            match (
                config.trace_server.clone().or(both.clone()),
                config.case_server.clone().or(both),
            ) {
                (Some(t), Some(c)) => (t, c),
                _ => anyhow::bail!(
                    "no server is configured.\n  Try the demo:        fwc demo\n  Or name a server:    fwc --server http://HOST:PORT\n  Or set it for good:  `server = \"http://HOST:PORT\"` in {}\n  (fwc config --print-default shows every key)",
                    config_dir.join("config.toml").display()
                ),
            }
        }
    };
    // A list in `server` is one service's nodes; `--server` or a split trace/case pair is not.
    let nodes = if args.server.is_none()
        && config.trace_server.is_none()
        && config.case_server.is_none()
        && config.servers().len() > 1
    {
        config.servers()
    } else {
        Vec::new()
    };
    let data_dir = d.data_dir().to_path_buf();
    let transport = args.transport(&config);
    let found = resolve_token(
        &args,
        &config,
        &config_dir,
        &data_dir,
        &trace_url,
        &transport,
    )
    .await?;
    let mut opts = ConsoleOptions {
        trace_url,
        case_url,
        token: String::new(),
        identity: None,
        timeout: None,
        lang: lang(args.lang),
        read_only: args.read_only,
        theme: args.theme.clone(),
        color_depth: None,
        dumb_terminal: args.dumb_terminal,
        link: args.link.map(Into::into),
        config_dir,
        data_dir,
        demo: false,
        transport,
        account: None,
        nodes,
    };
    match found {
        Some(c) => {
            opts.token = c.token;
            opts.identity = c.account.as_ref().map(|a| format!("user:{}", a.user));
            opts.account = c.account;
        }
        // No valid session: the banner and the sign-in form, then the console.
        None => match super::start::sign_in_first(&opts, &config).await? {
            Some(s) => {
                opts.token = s.session.token;
                opts.identity = Some(format!("user:{}", s.user));
                opts.account = Some(Account {
                    user: s.user,
                    idle_timeout_s: s.session.idle_timeout_s,
                });
            }
            None => return Ok(()),
        },
    }
    super::start::console(opts, config, warnings).await
}

/// The credentials the console starts with.
pub(super) struct Credentials {
    pub(super) token: String,
    /// Set for a session signed in with password and TOTP (kept by `fwc login` or the form).
    pub(super) account: Option<Account>,
}

/// Whether the server still takes a kept session (`401`: expired, idle or revoked). When the
/// server cannot be reached the session is used as it is: the console works offline, and the
/// server judges the session when it is back.
async fn still_valid(server: &str, s: &SavedSession, transport: &Transport) -> Option<Account> {
    let account = Account {
        user: s.user.clone(),
        idle_timeout_s: s.idle_timeout_s,
    };
    // A client that cannot be built (a refused address, a bad CA file) is the console's to
    // report when it starts; the kept session is not to blame.
    let Ok(client) = ApiClient::new(ClientConfig {
        trace_url: server.to_string(),
        case_url: server.to_string(),
        token: s.token.clone(),
        timeout: std::time::Duration::from_secs(10),
        transport: transport.clone(),
    }) else {
        return Some(account);
    };
    let idle_timeout_s = match client.whoami().await {
        Ok(me) => me
            .session
            .map(|x| x.idle_timeout_s)
            .unwrap_or(s.idle_timeout_s),
        Err(e) if e.kind == ApiErrorKind::Unauthorized => return None,
        Err(_) => s.idle_timeout_s,
    };
    Some(Account {
        idle_timeout_s,
        ..account
    })
}

/// `--token`/`FWC_TOKEN`, else a session kept for this server (by `fwc login` or the console's
/// sign-in) that the server still takes, else the config's `token_file`, else
/// `<config dir>/token`. `None`: nothing valid, so the console asks the user to sign in.
pub(super) async fn resolve_token(
    args: &ConsoleArgs,
    config: &Config,
    config_dir: &std::path::Path,
    data_dir: &std::path::Path,
    server: &str,
    transport: &Transport,
) -> anyhow::Result<Option<Credentials>> {
    if let Some(t) = args
        .token
        .as_ref()
        .map(|t| t.trim())
        .filter(|t| !t.is_empty())
    {
        return Ok(Some(Credentials {
            token: t.to_string(),
            account: None,
        }));
    }
    if let Some(s) = super::session::load(data_dir, server) {
        match still_valid(server, &s, transport).await {
            Some(account) => {
                return Ok(Some(Credentials {
                    token: s.token,
                    account: Some(account),
                }));
            }
            None => crate::app::kept_session::forget(data_dir, server),
        }
    }
    let file: PathBuf = config
        .token_file
        .clone()
        .unwrap_or_else(|| config_dir.join("token"));
    if file.exists() {
        return read_token_file(&file).map(|token| {
            Some(Credentials {
                token,
                account: None,
            })
        });
    }
    Ok(None)
}

/// The server of `fwc login`/`fwc logout`: `--server`, else the config's `server`; and how to
/// reach it.
fn login_server(args: &ConsoleArgs) -> anyhow::Result<(String, PathBuf, Transport)> {
    let d = dirs()?;
    let config_dir = args
        .config_dir
        .clone()
        .unwrap_or_else(|| d.config_dir().to_path_buf());
    let (config, _) = Config::load(&config_dir);
    let transport = args.transport(&config);
    let server =
        args.server.clone().or(config.server()).ok_or_else(|| {
            anyhow::anyhow!("name the server: fwc login --server URL --user NAME")
        })?;
    Ok((server, d.data_dir().to_path_buf(), transport))
}

/// `fwc login`.
pub async fn login(login: super::LoginArgs, args: ConsoleArgs) -> anyhow::Result<()> {
    let (server, data_dir, transport) = login_server(&args)?;
    super::session::login(&server, login, &data_dir, &transport).await
}

/// `fwc logout`.
pub async fn logout(_: super::LogoutArgs, args: ConsoleArgs) -> anyhow::Result<()> {
    let (server, data_dir, transport) = login_server(&args)?;
    super::session::logout(&server, &data_dir, &transport).await
}

/// `fwc demo`: embedded server, demo data, console signed in as a demo user.
pub async fn demo(args: DemoArgs, console: ConsoleArgs) -> anyhow::Result<()> {
    let demo = super::demo::start_demo(&args).await?;
    let opts = demo_options(&demo, &console)?;
    let (config, warnings) = Config::load(&opts.config_dir);
    let result = super::start::console(opts, config, warnings).await;
    demo.server.shutdown().await?;
    result
}

/// The console's options for a running demo, signed in as its demo user.
pub fn demo_options(
    demo: &super::demo::Demo,
    console: &ConsoleArgs,
) -> anyhow::Result<ConsoleOptions> {
    let d = dirs()?;
    Ok(ConsoleOptions {
        trace_url: demo.url.clone(),
        case_url: demo.url.clone(),
        token: demo.token.clone(),
        identity: Some(format!("user:{}", demo.user)),
        timeout: None,
        lang: lang(console.lang),
        read_only: console.read_only,
        theme: console.theme.clone(),
        color_depth: None,
        dumb_terminal: console.dumb_terminal,
        link: console.link.map(Into::into),
        config_dir: console
            .config_dir
            .clone()
            .unwrap_or_else(|| d.config_dir().to_path_buf()),
        // The local store keeps each sign-in apart (see `app::store`): one dir for every role.
        data_dir: demo.data_dir.join("console"),
        demo: true,
        transport: demo.transport.clone(),
        // The demo user does not know their password or code: the demo does not lock.
        account: None,
        nodes: Vec::new(),
    })
}
