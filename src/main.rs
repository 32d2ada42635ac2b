//! `fwc`: see `fwc --help`.
#![forbid(unsafe_code)]

use clap::Parser;
use fwc::cli::{Cli, Command, UserCommand};

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    let result = run(cli);
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("fwc: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<()> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    match cli.command {
        Some(Command::Serve(args)) => {
            fwc::cli::init_log_stderr();
            rt.block_on(fwc::cli::serve::run(args))
        }
        Some(Command::User(UserCommand::Add(args))) => fwc::cli::user::add(args),
        Some(Command::Seed(args)) => fwc::cli::seed::run(args),
        Some(other) => anyhow::bail!("`{other:?}` is not available yet"),
        None => anyhow::bail!("the console is not available yet"),
    }
}
