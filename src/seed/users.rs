//! Demo users: every role (investigator, examiner, technician, supervisor, prosecutor) in each country, with tokens
//! derived from the seed (so the database digest stays deterministic) and stored only as hashes.

use sha2::{Digest, Sha256};

use crate::server::auth::hash_token;

use crate::model::{Country, IssuedUser, Role, User};
use crate::server::store::StoredUser;

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

/// A demo token: `fwc_demo_` + 32 hex characters of SHA-256(seed ‖ name).
fn demo_token(seed: u64, name: &str) -> String {
    let mut h = Sha256::new();
    h.update(seed.to_le_bytes());
    h.update(name.as_bytes());
    let hex = hex::encode(h.finalize());
    format!("{DEMO_TOKEN_PREFIX}{}", &hex[..32])
}

/// The demo users with their tokens (to print once) and their stored rows.
pub(crate) fn demo_users(seed: u64) -> (Vec<IssuedUser>, Vec<StoredUser>) {
    let mut issued = Vec::new();
    let mut stored = Vec::new();
    for (name, agency, country, role) in DEMO {
        let token = demo_token(seed, name);
        stored.push(StoredUser {
            user: User {
                name: (*name).into(),
                agency: (*agency).into(),
                country: *country,
                role: *role,
            },
            token_hash: hash_token(&token),
        });
        issued.push(IssuedUser {
            name: (*name).into(),
            agency: (*agency).into(),
            country: *country,
            role: *role,
            token,
        });
    }
    (issued, stored)
}

/// Demo users of an agency, for case membership and note authorship.
pub(crate) fn of_agency(agency: &str) -> Vec<&'static str> {
    DEMO.iter().filter(|d| d.1 == agency).map(|d| d.0).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_in_each_country_and_tokens_depend_on_the_seed() {
        let (issued, stored) = demo_users(42);
        for c in [Country::US, Country::MX] {
            for r in Role::ALL {
                assert!(
                    issued.iter().any(|u| u.country == c && u.role == *r),
                    "{c:?} {r:?}"
                );
            }
        }
        assert_eq!(stored[0].token_hash, hash_token(&issued[0].token));
        assert_ne!(demo_users(43).0[0].token, issued[0].token);
        assert!(issued[0].token.starts_with(DEMO_TOKEN_PREFIX) && issued[0].token.len() == 9 + 32);
    }
}
