//! The two factors of a sign-in: a password (Argon2id, via the `argon2` crate, with the
//! parameters OWASP recommends as its default) and a TOTP code (RFC 6238: HMAC-SHA1, 30-second
//! steps, 6 digits, one step of clock drift either way, via `totp-rs`).
//!
//! Both are used by the server (verifying) and by the command line (enrolling, re-enrolling,
//! seeding demo accounts), so they live apart from the HTTP layer.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use rand::RngCore;
use totp_rs::{Secret, TOTP};

/// Shortest password accepted (characters, not bytes).
pub const MIN_PASSWORD_CHARS: usize = 12;
/// Longest password accepted: Argon2 takes any length, but a megabyte "password" is an attack.
pub const MAX_PASSWORD_CHARS: usize = 256;
/// Seconds per TOTP step.
pub const TOTP_STEP_S: u64 = 30;
/// Digits of a TOTP code.
pub const TOTP_DIGITS: usize = 6;
/// Who the authenticator app shows the code for.
pub const TOTP_ISSUER: &str = "Firewall Console";

const COMMON: &str = include_str!("common_passwords.txt");

/// Argon2id with the crate's default cost (19 MiB, 2 passes, 1 lane — OWASP's first choice).
fn argon2() -> Argon2<'static> {
    Argon2::new(Algorithm::Argon2id, Version::V0x13, Params::default())
}

/// The Argon2 parameters in force, for the report of `fwc bench auth`.
pub fn argon2_params() -> String {
    let p = Params::default();
    format!(
        "Argon2id m={} KiB, t={}, p={}",
        p.m_cost(),
        p.t_cost(),
        p.p_cost()
    )
}

/// Why a new password is refused, in words an administrator or user can act on; `None` when
/// it is acceptable.
pub fn password_problem(password: &str, user: &str) -> Option<String> {
    let chars = password.chars().count();
    if chars < MIN_PASSWORD_CHARS {
        return Some(format!(
            "The password must be at least {MIN_PASSWORD_CHARS} characters long."
        ));
    }
    if chars > MAX_PASSWORD_CHARS {
        return Some(format!(
            "The password must be at most {MAX_PASSWORD_CHARS} characters long."
        ));
    }
    let lower = password.to_lowercase();
    let common = COMMON
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .any(|l| l == lower);
    if common {
        return Some("That password is on the list of common passwords; choose another.".into());
    }
    let mut distinct: Vec<char> = lower.chars().collect();
    distinct.sort_unstable();
    distinct.dedup();
    if distinct.len() < 4 {
        return Some("The password repeats too few characters; choose another.".into());
    }
    let name = user.trim().to_lowercase();
    if !name.is_empty() && lower.contains(&name) {
        return Some("The password must not contain the user name.".into());
    }
    None
}

/// The PHC string (algorithm, parameters, salt, hash) to store for `password`.
pub fn hash_password(password: &str) -> anyhow::Result<String> {
    let mut salt = [0u8; 16];
    rand::rng().fill_bytes(&mut salt);
    let salt = SaltString::encode_b64(&salt).map_err(|e| anyhow::anyhow!("salt: {e}"))?;
    argon2()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| anyhow::anyhow!("cannot hash the password: {e}"))
}

/// True when `password` matches the stored PHC string (the parameters come from the string,
/// so hashes made with older parameters still verify).
pub fn verify_password(stored: &str, password: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(stored) else {
        return false;
    };
    argon2()
        .verify_password(password.as_bytes(), &parsed)
        .is_ok()
}

/// Spends the time of one verification without a user to verify, so an unknown user name
/// costs a sign-in attempt the same time as a known one (timing must not tell them apart).
pub fn verify_nothing(password: &str) {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let stored = DUMMY.get_or_init(|| hash_password("not a real password").unwrap_or_default());
    let _ = verify_password(stored, password);
}

/// A random printable secret from an alphabet without look-alikes (no 0/O, 1/l/I), for
/// temporary and demo passwords: 20 characters ≈ 113 bits.
pub fn random_password() -> String {
    const ALPHABET: &[u8] = b"abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut rng = rand::rng();
    (0..20)
        .map(|_| ALPHABET[(rng.next_u32() as usize) % ALPHABET.len()] as char)
        .collect()
}

/// A new TOTP secret: 160 random bits (RFC 4226's recommended length), base32 as apps take it.
pub fn new_totp_secret() -> String {
    let mut bytes = [0u8; 20];
    rand::rng().fill_bytes(&mut bytes);
    match Secret::Raw(bytes.to_vec()).to_encoded() {
        Secret::Encoded(s) => s,
        Secret::Raw(_) => String::new(),
    }
}

fn totp(secret_b32: &str) -> Option<TOTP> {
    let bytes = Secret::Encoded(secret_b32.to_string()).to_bytes().ok()?;
    // Skew 0 here: the ±1 step is walked by `matching_step`, which must know the step matched.
    TOTP::new(totp_rs::Algorithm::SHA1, TOTP_DIGITS, 0, TOTP_STEP_S, bytes).ok()
}

/// The step (Unix time / 30) whose code `code` is, looking one step either side of `now_s`;
/// `None` when it matches none. The caller refuses a step already used (a code is good once).
pub fn matching_step(secret_b32: &str, code: &str, now_s: u64) -> Option<u64> {
    let code = code.trim();
    if code.len() != TOTP_DIGITS || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let t = totp(secret_b32)?;
    let step = now_s / TOTP_STEP_S;
    // Later steps first: with two matches (impossible with distinct codes) the newest wins.
    [step + 1, step, step.saturating_sub(1)]
        .into_iter()
        .find(|s| t.check(code, s * TOTP_STEP_S))
}

/// The code of `secret_b32` at Unix time `at_s` (what an authenticator app shows then); used by
/// `fwc demo` to sign its demo user in, and by tests.
pub fn totp_code(secret_b32: &str, at_s: u64) -> Option<String> {
    totp(secret_b32).map(|t| t.generate(at_s))
}

/// The enrolment URI an authenticator app reads (Key URI Format):
/// `otpauth://totp/Firewall%20Console:NAME?secret=…&issuer=Firewall%20Console&…`.
pub fn otpauth_uri(user: &str, secret_b32: &str) -> String {
    let issuer = percent(TOTP_ISSUER);
    format!(
        "otpauth://totp/{issuer}:{}?secret={secret_b32}&issuer={issuer}&algorithm=SHA1&digits={TOTP_DIGITS}&period={TOTP_STEP_S}",
        percent(user)
    )
}

/// Percent-encodes everything but RFC 3986's unreserved characters.
fn percent(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests;
