//! `fwc user add`: creates a user of a real deployment and prints their token once;
//! `fwc user disable` stops a user's token; `fwc user list` shows who there is.

use super::{UserAddArgs, UserDisableArgs, UserListArgs};
use crate::model::{Country, Role, User};
use crate::server::auth::{hash_token, new_token};
use crate::server::store::sqlite::SqliteStore;
use crate::server::store::{Store, StoredUser};

pub fn add(args: UserAddArgs) -> anyhow::Result<()> {
    let country = Country::parse(&args.country)
        .ok_or_else(|| anyhow::anyhow!("--country must be US or MX"))?;
    let role = Role::parse(&args.role).ok_or_else(|| {
        anyhow::anyhow!(
            "--role must be investigator, examiner, technician, supervisor or prosecutor"
        )
    })?;
    let name = args.name.trim();
    let agency = args.agency.trim();
    if name.is_empty() || agency.is_empty() || name.len() > 120 || agency.len() > 120 {
        anyhow::bail!("--name and --agency must be 1 to 120 characters");
    }
    let store = SqliteStore::open(&args.db)?;
    let token = new_token();
    let user = User {
        name: name.to_string(),
        agency: agency.to_string(),
        country,
        role,
    };
    store.add_user(&StoredUser {
        user,
        token_hash: hash_token(&token),
    })?;
    println!("Created {role} {name} ({agency}, {}).", country.as_str());
    println!("Token (shown once; only its hash is stored): {token}");
    Ok(())
}

pub fn disable(args: UserDisableArgs) -> anyhow::Result<()> {
    let store = SqliteStore::open(&args.db)?;
    if !store.disable_user(args.name.trim())? {
        anyhow::bail!("there is no user named {:?}", args.name.trim());
    }
    println!(
        "Disabled {}: their token stops working within a second, on a running server too.",
        args.name.trim()
    );
    Ok(())
}

pub fn list(args: UserListArgs) -> anyhow::Result<()> {
    let store = SqliteStore::open(&args.db)?;
    for (u, disabled) in store.list_users()? {
        let state = if disabled { "disabled" } else { "active" };
        println!(
            "{}\t{}\t{}\t{}\t{state}",
            u.name,
            u.agency,
            u.country.as_str(),
            u.role.as_str()
        );
    }
    Ok(())
}
