//! The client of a scripting command: the same server, sign-in and token as the console —
//! `--server`/`FWC_SERVER` or the config's, then `--token`/`FWC_TOKEN`, a session kept by
//! `fwc login` (or the console's sign-in) that the server still takes, or the token file.
//! Nothing is asked for: a script without credentials gets exit code 5 and a sentence.

use std::time::Duration;

use super::ConsoleArgs;
use super::out::{Exit, exit};
use crate::api::{ApiClient, ClientConfig};
use crate::app::config::Config;

/// A client for the configured server, signed in as the console would be.
pub async fn connect(args: &ConsoleArgs) -> anyhow::Result<ApiClient> {
    let d = super::console::dirs()?;
    let config_dir = args
        .config_dir
        .clone()
        .unwrap_or_else(|| d.config_dir().to_path_buf());
    let (config, _) = Config::load(&config_dir);
    let server = args
        .server
        .clone()
        .or_else(|| config.trace_server.clone())
        .or_else(|| config.server())
        .ok_or_else(|| Exit {
            code: exit::OTHER,
            message: format!(
                "no server: pass --server URL (or set FWC_SERVER, or `server` in {})",
                config_dir.join("config.toml").display()
            ),
        })?;
    let case_server = args
        .server
        .clone()
        .or_else(|| config.case_server.clone())
        .or_else(|| config.server())
        .unwrap_or_else(|| server.clone());
    let transport = args.transport(&config);
    let data_dir = d.data_dir().to_path_buf();
    let found =
        super::console::resolve_token(args, &config, &config_dir, &data_dir, &server, &transport)
            .await?;
    let Some(creds) = found else {
        return Err(Exit {
            code: exit::UNAUTHORIZED,
            message: format!(
                "not signed in to {server}: run `fwc login --server {server} --user NAME`, or set FWC_TOKEN"
            ),
        }
        .into());
    };
    // A list in `server` is one service's nodes (fail-over), unless something names one.
    let nodes =
        if args.server.is_none() && config.trace_server.is_none() && config.case_server.is_none() {
            config.servers()
        } else {
            Vec::new()
        };
    Ok(ApiClient::with_nodes(
        ClientConfig {
            trace_url: server,
            case_url: case_server,
            token: creds.token,
            timeout: Duration::from_secs(config.timeout_secs.max(1)),
            transport,
        },
        nodes,
    )?)
}
