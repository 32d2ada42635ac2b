//! `fwc backup --db FILE --out FILE`: an online copy of a server's SQLite database, safe while
//! the server writes (see `server::store::sqlite::backup`).

use std::path::PathBuf;

use clap::Args;

use crate::server::store::sqlite::backup;

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// The server's SQLite database file (it may be in use by a running `fwc serve`).
    #[arg(long)]
    pub db: PathBuf,
    /// Where to write the copy.
    #[arg(long)]
    pub out: PathBuf,
    /// Replace --out if it exists.
    #[arg(long)]
    pub force: bool,
}

pub fn run(args: BackupArgs) -> anyhow::Result<()> {
    let s = backup::backup_file(&args.db, &args.out, args.force)?;
    println!(
        "Backup written to {}: {} pages, {} bytes, schema version {}.",
        args.out.display(),
        s.pages,
        s.bytes,
        s.schema_version
    );
    Ok(())
}
