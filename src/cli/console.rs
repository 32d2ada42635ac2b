//! Plain `fwc` and `fwc demo`: resolve where the APIs are and who we are, then hand over to the
//! console.

use std::path::PathBuf;

use super::{ConsoleArgs, DemoArgs, Lang};
use crate::api::Transport;
use crate::app::config::{Config, read_token_file};
use crate::app::options::ConsoleOptions;
use crate::app::state::Lang as UiLang;

fn dirs() -> anyhow::Result<directories::ProjectDirs> {
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
            let both = config.server.clone();
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
    let data_dir = d.data_dir().to_path_buf();
    let (token, identity) = resolve_token(&args, &config, &config_dir, &data_dir, &trace_url)?;
    let opts = ConsoleOptions {
        trace_url,
        case_url,
        token,
        identity,
        timeout: None,
        lang: lang(args.lang),
        read_only: args.read_only,
        theme: args.theme.clone(),
        color_depth: None,
        config_dir,
        data_dir,
        demo: false,
        transport: args.transport(&config),
    };
    super::start::console(opts, config, warnings).await
}

/// `--token`/`FWC_TOKEN`, else a session kept by `fwc login` for this server (with the
/// identity the local store keys drafts by), else the config's `token_file`, else
/// `<config dir>/token`.
fn resolve_token(
    args: &ConsoleArgs,
    config: &Config,
    config_dir: &std::path::Path,
    data_dir: &std::path::Path,
    server: &str,
) -> anyhow::Result<(String, Option<String>)> {
    if let Some(t) = args
        .token
        .as_ref()
        .map(|t| t.trim())
        .filter(|t| !t.is_empty())
    {
        return Ok((t.to_string(), None));
    }
    if let Some(s) = super::session::load(data_dir, server) {
        return Ok((s.token, Some(format!("user:{}", s.user))));
    }
    let file: PathBuf = config
        .token_file
        .clone()
        .unwrap_or_else(|| config_dir.join("token"));
    if file.exists() {
        return read_token_file(&file).map(|t| (t, None));
    }
    anyhow::bail!(
        "not signed in.\n  Sign in:  fwc login --server {server} --user NAME\n  Or set FWC_TOKEN, pass --token, or put a machine token in {} (chmod 600).\n  An administrator creates accounts with `fwc user add` and tokens with `fwc token create`.",
        file.display()
    )
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
        args.server.clone().or(config.server).ok_or_else(|| {
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
    let d = dirs()?;
    let opts = ConsoleOptions {
        trace_url: demo.url.clone(),
        case_url: demo.url.clone(),
        token: demo.token.clone(),
        identity: Some(format!("user:{}", demo.user)),
        timeout: None,
        lang: lang(console.lang),
        read_only: console.read_only,
        theme: console.theme.clone(),
        color_depth: None,
        config_dir: console
            .config_dir
            .clone()
            .unwrap_or_else(|| d.config_dir().to_path_buf()),
        // The local store keeps each sign-in apart (see `app::store`): one dir for every role.
        data_dir: demo.data_dir.join("console"),
        demo: true,
        transport: demo.transport.clone(),
    };
    let (config, warnings) = Config::load(&opts.config_dir);
    let result = super::start::console(opts, config, warnings).await;
    demo.server.shutdown().await?;
    result
}
