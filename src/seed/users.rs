//! Demo users: every role (investigator, examiner, technician, supervisor,
//! prosecutor) in each country, each with secrets drawn at random when the data are seeded — a machine token,
//! a password and a TOTP secret — so nobody can derive a demo sign-in from the source. The
//! names and roles follow the seed; the secrets are printed once (`fwc seed`, `--json`) and
//! stored only as hashes (the TOTP secret as is: verification needs it).

use crate::server::auth::hash_token;
use crate::server::credentials::{hash_password, new_totp_secret, random_password};

use crate::model::{Country, IssuedUser, Role, User};
use crate::server::store::{Credentials, StoredUser};

/// Prefix of every demo token, so a leaked demo token is recognisable as such.
pub const DEMO_TOKEN_PREFIX: &str = "fwc_demo_";

/// (name, agency, country, role): every role in both countries, across the demo agencies.
const DEMO: &[(&str, &str, Country, Role)] = &[
    (
        "Dana Whitfield",
        "ATF Phoenix FD",
        Country::US,
        Role::Investigator,
    ),
    (
        "Marcus Hale",
        "HSI El Paso",
        Country::US,
        Role::Investigator,
    ),
    ("Tom Reyes", "CBP Laredo", Country::US, Role::Investigator),
    ("Priya Raman", "ATF Phoenix FD", Country::US, Role::Examiner),
    (
        "Gloria Banks",
        "ATF Phoenix FD",
        Country::US,
        Role::Supervisor,
    ),
    ("Lucía Herrera", "FGR", Country::MX, Role::Investigator),
    (
        "Andrés Villaseñor",
        "FGE Chihuahua",
        Country::MX,
        Role::Investigator,
    ),
    (
        "Sofía Barrera",
        "SSPC Sonora",
        Country::MX,
        Role::Investigator,
    ),
    ("Mariana Ochoa", "FGR", Country::MX, Role::Examiner),
    ("Jorge Castañeda", "FGR", Country::MX, Role::Supervisor),
    (
        "Rebecca Lowry",
        "USAO District of Arizona",
        Country::US,
        Role::Prosecutor,
    ),
    ("Alejandra Ibarra", "FGR", Country::MX, Role::Prosecutor),
    (
        "Kevin Ortiz",
        "ATF Phoenix FD",
        Country::US,
        Role::Technician,
    ),
    ("Paola Medina", "FGR", Country::MX, Role::Technician),
];

/// A demo token: `fwc_demo_` and 256 random bits.
fn demo_token() -> String {
    let t = crate::server::auth::new_token();
    format!("{DEMO_TOKEN_PREFIX}{}", t.trim_start_matches("fwc_"))
}

/// What seeding the demo users gives: the secrets to print once, the stored rows, and each
/// user's credentials by name.
pub(crate) type DemoUsers = (Vec<IssuedUser>, Vec<StoredUser>, Vec<(String, Credentials)>);

/// The demo users with their new secrets (to print once), their stored rows and credentials.
pub(crate) fn demo_users() -> anyhow::Result<DemoUsers> {
    let mut issued = Vec::new();
    let mut stored = Vec::new();
    let mut creds = Vec::new();
    for (name, agency, country, role) in DEMO {
        let token = demo_token();
        let password = random_password();
        let totp_secret = new_totp_secret();
        stored.push(StoredUser {
            user: User {
                name: (*name).into(),
                agency: (*agency).into(),
                country: *country,
                role: *role,
            },
            token_hash: hash_token(&token),
        });
        creds.push((
            (*name).to_string(),
            Credentials {
                password_hash: hash_password(&password)?,
                totp_secret: totp_secret.clone(),
                must_change_password: false,
            },
        ));
        issued.push(IssuedUser {
            name: (*name).into(),
            agency: (*agency).into(),
            country: *country,
            role: *role,
            token,
            password,
            totp_secret,
        });
    }
    Ok((issued, stored, creds))
}

/// Demo users of an agency, for case membership and note authorship.
pub(crate) fn of_agency(agency: &str) -> Vec<&'static str> {
    DEMO.iter().filter(|d| d.1 == agency).map(|d| d.0).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::credentials::verify_password;

    #[test]
    fn every_role_in_each_country_with_random_secrets() {
        let (issued, stored, creds) = demo_users().unwrap();
        for c in [Country::US, Country::MX] {
            for r in Role::ALL {
                assert!(
                    issued.iter().any(|u| u.country == c && u.role == *r),
                    "{c:?} {r:?}"
                );
            }
        }
        assert_eq!(stored[0].token_hash, hash_token(&issued[0].token));
        assert!(verify_password(
            &creds[0].1.password_hash,
            &issued[0].password
        ));
        assert_eq!(creds[0].1.totp_secret, issued[0].totp_secret);
        // Nothing is derived: two seedings give other secrets.
        let (again, _, _) = demo_users().unwrap();
        assert_ne!(again[0].token, issued[0].token);
        assert_ne!(again[0].password, issued[0].password);
        assert_ne!(again[0].totp_secret, issued[0].totp_secret);
        assert!(issued[0].token.starts_with(DEMO_TOKEN_PREFIX) && issued[0].token.len() == 9 + 64);
    }
}
