//! `fwc user add|reset|disable|enable|list`: accounts of a real deployment. Adding or resetting
//! prints a one-time enrolment (TOTP QR code and URI, temporary password); machine tokens for
//! scripts are `fwc token` ([`super::token`]).

use super::{UserAddArgs, UserDisableArgs, UserListArgs};
use crate::model::{Country, Role, User};

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
    let store = crate::server::store::open(&args.db)?;
    let enrolment = super::enrol::new_enrolment(name)?;
    let user = User {
        name: name.to_string(),
        agency: agency.to_string(),
        country,
        role,
    };
    store.add_account(&user, Some(&enrolment.credentials))?;
    println!("Created {role} {name} ({agency}, {}).", country.as_str());
    super::enrol::print(name, &enrolment)
}

/// `fwc user reset`: a new TOTP secret and temporary password; their sessions end, their
/// failed sign-ins and lock are cleared.
pub fn reset(args: UserDisableArgs) -> anyhow::Result<()> {
    let name = args.name.trim();
    let store = crate::server::store::open(&args.db)?;
    let enrolment = super::enrol::new_enrolment(name)?;
    if !store.set_credentials(name, &enrolment.credentials)? {
        anyhow::bail!("there is no user named {name:?}");
    }
    println!(
        "Re-enrolled {name}: their sessions have ended and the old code and password no longer work."
    );
    super::enrol::print(name, &enrolment)
}

pub fn disable(args: UserDisableArgs) -> anyhow::Result<()> {
    let store = crate::server::store::open(&args.db)?;
    if !store.disable_user(args.name.trim())? {
        anyhow::bail!("there is no user named {:?}", args.name.trim());
    }
    println!(
        "Disabled {}: their sessions and tokens stop working within a second, on a running server too.",
        args.name.trim()
    );
    Ok(())
}

pub fn enable(args: UserDisableArgs) -> anyhow::Result<()> {
    let store = crate::server::store::open(&args.db)?;
    if !store.enable_user(args.name.trim())? {
        anyhow::bail!("there is no user named {:?}", args.name.trim());
    }
    println!("Enabled {}.", args.name.trim());
    Ok(())
}

/// One line per user, tab-separated for scripts: name, agency, country, role, state (active or
/// disabled), how they sign in, last sign-in, locked until, failed sign-ins in a row.
pub fn list(args: UserListArgs) -> anyhow::Result<()> {
    let store = crate::server::store::open(&args.db)?;
    println!("name\tagency\tcountry\trole\tstate\tsign-in\tlast sign-in\tlocked until\tfailed");
    for a in store.accounts()? {
        let state = if a.disabled { "disabled" } else { "active" };
        let sign_in = match (a.enrolled, a.must_change_password, a.demo) {
            (false, _, _) => "tokens only",
            (true, _, true) => "password+totp (demo)",
            (true, true, false) => "temporary password",
            (true, false, false) => "password+totp",
        };
        println!(
            "{}\t{}\t{}\t{}\t{state}\t{sign_in}\t{}\t{}\t{}",
            a.user.name,
            a.user.agency,
            a.user.country.as_str(),
            a.user.role.as_str(),
            when(a.last_sign_in),
            when(a.locked_until),
            a.failed_count
        );
    }
    Ok(())
}

/// A time for the lists: minutes, UTC, or `-` for never.
pub fn when(t: Option<chrono::DateTime<chrono::Utc>>) -> String {
    t.map(|t| t.format("%Y-%m-%d %H:%M").to_string())
        .unwrap_or_else(|| "-".into())
}
