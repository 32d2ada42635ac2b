//! The one-time enrolment `fwc user add` and `fwc user reset` print: the `otpauth://` URI, the
//! same URI as a QR code drawn with Unicode half-blocks (two modules per character cell, so a
//! phone camera reads it from the terminal or a screenshot of it), and the temporary password.

use qrcode::QrCode;
use qrcode::render::unicode::Dense1x2;

use crate::server::credentials::{hash_password, new_totp_secret, otpauth_uri, random_password};
use crate::server::store::Credentials;

/// New credentials with a temporary password (to be changed at the first sign-in), and what
/// to show the user once.
pub struct Enrolment {
    pub credentials: Credentials,
    pub password: String,
    pub uri: String,
}

pub fn new_enrolment(user: &str) -> anyhow::Result<Enrolment> {
    let password = random_password();
    let secret = new_totp_secret();
    Ok(Enrolment {
        credentials: Credentials {
            password_hash: hash_password(&password)?,
            totp_secret: secret.clone(),
            must_change_password: true,
        },
        password,
        uri: otpauth_uri(user, &secret),
    })
}

/// The QR code of `text` in half-blocks, dark modules drawn as spaces on a light quiet zone
/// (as a phone expects: dark on light, whatever the terminal's colours).
pub fn qr_half_blocks(text: &str) -> anyhow::Result<String> {
    let code = QrCode::new(text.as_bytes())?;
    Ok(code
        .render::<Dense1x2>()
        .dark_color(Dense1x2::Light)
        .light_color(Dense1x2::Dark)
        .quiet_zone(true)
        .build())
}

/// Prints the enrolment for `user`.
pub fn print(user: &str, e: &Enrolment) -> anyhow::Result<()> {
    println!("Enrolment for {user} (shown once; give it to them in person):\n");
    println!("{}", qr_half_blocks(&e.uri)?);
    println!(
        "Authenticator app (scan the code above, or enter this URI):\n  {}\n",
        e.uri
    );
    println!(
        "Temporary password (must be changed at the first sign-in):\n  {}",
        e.password
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_qr_code_is_square_half_blocks_with_a_quiet_zone() {
        let uri = otpauth_uri("Dana Whitfield", &new_totp_secret());
        let qr = qr_half_blocks(&uri).unwrap();
        let lines: Vec<&str> = qr.lines().collect();
        let width = lines[0].chars().count();
        assert!(lines.iter().all(|l| l.chars().count() == width));
        // Two modules per row of characters: about half as many lines as columns.
        assert!(
            lines.len() * 2 >= width && lines.len() * 2 <= width + 2,
            "{}x{}",
            width,
            lines.len()
        );
        assert!(qr.chars().all(|c| " ▀▄█\n".contains(c)));
        // The quiet zone is light: the first line is all full blocks.
        assert!(lines[0].chars().all(|c| c == '█'));
    }
}
