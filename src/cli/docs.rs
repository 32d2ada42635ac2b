//! `fwc completions bash|zsh|fish` and `fwc man`: generated from the clap definition itself, so
//! the completions and the manual never disagree with the commands.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, CommandFactory, ValueEnum};

use super::Cli;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
}

#[derive(Debug, Args)]
#[command(
    after_help = "Install, e.g.:\n  fwc completions bash > ~/.local/share/bash-completion/completions/fwc\n  fwc completions zsh > \"${fpath[1]}/_fwc\"\n  fwc completions fish > ~/.config/fish/completions/fwc.fish"
)]
pub struct CompletionsArgs {
    #[arg(value_enum)]
    pub shell: Shell,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write fwc.1 and a page per subcommand (fwc-seizures-list.1, …) into DIR instead of
    /// printing fwc(1) as roff on standard output.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

/// The completion script for `shell` on standard output.
pub fn completions(a: CompletionsArgs) -> anyhow::Result<()> {
    let shell = match a.shell {
        Shell::Bash => clap_complete::Shell::Bash,
        Shell::Zsh => clap_complete::Shell::Zsh,
        Shell::Fish => clap_complete::Shell::Fish,
    };
    let mut cmd = Cli::command();
    let mut out = std::io::stdout().lock();
    clap_complete::generate(shell, &mut cmd, "fwc", &mut out);
    out.flush()?;
    Ok(())
}

/// fwc(1) as roff, or every page into `--out DIR`.
pub fn man(a: ManArgs) -> anyhow::Result<()> {
    let cmd = Cli::command();
    match a.out {
        Some(dir) => {
            std::fs::create_dir_all(&dir)?;
            clap_mangen::generate_to(cmd, &dir)?;
            eprintln!("Manual pages written to {}.", dir.display());
        }
        None => {
            let mut out = std::io::stdout().lock();
            clap_mangen::Man::new(cmd).render(&mut out)?;
            out.flush()?;
        }
    }
    Ok(())
}
