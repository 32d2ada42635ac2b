use super::*;

#[test]
fn passwords_hash_with_argon2id_and_verify() {
    let h = hash_password("correct horse battery").unwrap();
    assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{h}");
    assert!(verify_password(&h, "correct horse battery"));
    assert!(!verify_password(&h, "correct horse batterz"));
    assert!(!verify_password("not a phc string", "x"));
    // Two hashes of one password differ (random salt).
    assert_ne!(h, hash_password("correct horse battery").unwrap());
}

#[test]
fn weak_passwords_are_refused_with_a_reason() {
    assert!(password_problem("short", "ana").unwrap().contains("12"));
    assert!(
        password_problem("Password1234", "ana")
            .unwrap()
            .contains("common")
    );
    assert!(password_problem("aaaaaaaaaaaaaa", "ana").is_some());
    assert!(password_problem("dana.whitfield-2026", "Dana.Whitfield").is_some());
    assert!(password_problem(&"x1y2".repeat(100), "ana").is_some());
    assert_eq!(password_problem("río bravo at dawn", "ana"), None);
    assert_eq!(password_problem(&random_password(), "ana"), None);
}

#[test]
fn totp_matches_rfc_6238_and_one_step_either_side() {
    // RFC 6238 appendix B, SHA-1 secret "12345678901234567890", 8 digits there: the last six
    // digits of its 94287082 at T=59 are ours.
    let secret = match Secret::Raw(b"12345678901234567890".to_vec()).to_encoded() {
        Secret::Encoded(s) => s,
        Secret::Raw(_) => unreachable!(),
    };
    assert_eq!(totp_code(&secret, 59).unwrap(), "287082");
    assert_eq!(matching_step(&secret, "287082", 59), Some(1));
    // 30 s later the same code is still accepted (one step back), 60 s later not.
    assert_eq!(matching_step(&secret, "287082", 89), Some(1));
    assert_eq!(matching_step(&secret, "287082", 119), None);
    // The next step's code is accepted early (a phone clock a little ahead).
    let next = totp_code(&secret, 60).unwrap();
    assert_eq!(matching_step(&secret, &next, 59), Some(2));
    for bad in ["", "28708", "2870821", "28708a", "000000"] {
        assert_eq!(matching_step(&secret, bad, 59), None, "{bad:?}");
    }
}

#[test]
fn new_secrets_are_160_bit_base32_and_the_uri_is_what_apps_read() {
    let s = new_totp_secret();
    assert_eq!(s.len(), 32);
    assert!(
        s.bytes()
            .all(|b| b.is_ascii_uppercase() || (b'2'..=b'7').contains(&b))
    );
    assert_ne!(s, new_totp_secret());
    assert_eq!(
        otpauth_uri("Lucía Herrera", "ABC"),
        "otpauth://totp/Firewall%20Console:Luc%C3%ADa%20Herrera?secret=ABC&issuer=Firewall%20Console&algorithm=SHA1&digits=6&period=30"
    );
}
