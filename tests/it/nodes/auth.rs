//! Signing out, disabling a user, locking an account and throttling an address hold on every
//! node at once: none of it is one process's memory.

use reqwest::StatusCode;

use super::{Pair, http};
use crate::support::server::{PASSWORD, blocking, store, token, totp_now};

async fn me(base: &str, bearer: &str) -> StatusCode {
    http()
        .get(format!("{base}/v1/me"))
        .bearer_auth(bearer)
        .send()
        .await
        .expect("GET /v1/me")
        .status()
}

async fn sign_in(base: &str, user: &str, password: &str, code: &str) -> reqwest::Response {
    http()
        .post(format!("{base}/v1/sessions"))
        .json(&serde_json::json!({"user": user, "password": password, "totp": code}))
        .send()
        .await
        .expect("POST /v1/sessions")
}

/// Gives `name` the test password and a TOTP secret, returned.
fn enrol(pair: &Pair, name: &str) -> String {
    use fwc::server::credentials::{hash_password, new_totp_secret};
    let secret = new_totp_secret();
    let creds = fwc::server::store::Credentials {
        password_hash: hash_password(PASSWORD).expect("hash"),
        totp_secret: secret.clone(),
        must_change_password: false,
    };
    assert!(blocking(|| store(&pair.db)
        .set_credentials(name, &creds)
        .expect("credentials")));
    secret
}

#[tokio::test]
async fn a_session_ended_or_a_user_disabled_on_one_node_is_refused_on_the_other_at_once() {
    let pair = Pair::start(&[]);
    let (a, b) = (pair.a.url(), pair.b.url());
    let secret = enrol(&pair, "ana.us");
    let resp = sign_in(&a, "ana.us", PASSWORD, &totp_now(&secret)).await;
    assert_eq!(resp.status(), StatusCode::CREATED);
    let session: serde_json::Value = resp.json().await.expect("session");
    let session = session["token"].as_str().expect("token").to_string();
    // B knows the session (and would have cached it on one node's terms).
    assert_eq!(me(&b, &session).await, StatusCode::OK);
    assert_eq!(me(&b, &session).await, StatusCode::OK);
    let out = http()
        .delete(format!("{a}/v1/sessions/current"))
        .bearer_auth(&session)
        .send()
        .await
        .expect("sign out");
    assert!(out.status().is_success(), "{}", out.status());
    assert_eq!(
        me(&b, &session).await,
        StatusCode::UNAUTHORIZED,
        "ended on A, alive on B"
    );

    // A user disabled by an administrator (on the database every node reads) is refused by
    // both nodes, however recently each served them.
    assert_eq!(me(&a, &token("ben.us")).await, StatusCode::OK);
    assert_eq!(me(&b, &token("ben.us")).await, StatusCode::OK);
    assert!(blocking(|| store(&pair.db)
        .disable_user("ben.us")
        .expect("disable")));
    assert_eq!(me(&a, &token("ben.us")).await, StatusCode::UNAUTHORIZED);
    assert_eq!(me(&b, &token("ben.us")).await, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn an_account_locked_on_one_node_is_locked_on_the_other() {
    let pair = Pair::start(&[]);
    let (a, b) = (pair.a.url(), pair.b.url());
    let secret = enrol(&pair, "eva.us");
    // The fifth failure in a row locks the name (and says so).
    for i in 1..=5 {
        let r = sign_in(&a, "eva.us", "not the password", &totp_now(&secret)).await;
        let locks = if i == 5 {
            StatusCode::LOCKED
        } else {
            StatusCode::UNAUTHORIZED
        };
        assert_eq!(r.status(), locks, "failure {i}");
    }
    // The right password on the other node: still locked.
    let r = sign_in(&b, "eva.us", PASSWORD, &totp_now(&secret)).await;
    assert_eq!(r.status(), StatusCode::LOCKED);
    assert!(r.headers().contains_key("retry-after"));
}

#[tokio::test]
async fn an_address_throttled_on_one_node_is_throttled_on_the_other() {
    let pair = Pair::start(&[]);
    let (a, b) = (pair.a.url(), pair.b.url());
    let limit = fwc::server::throttle::FAILURES_PER_MINUTE;
    for i in 0..limit {
        assert_eq!(
            me(&a, &format!("fwc_guess_{i}")).await,
            StatusCode::UNAUTHORIZED,
            "guess {i}"
        );
    }
    assert_eq!(
        me(&a, "fwc_guess_more").await,
        StatusCode::TOO_MANY_REQUESTS
    );
    // Node B has not seen this address fail once: the shared count refuses it all the same,
    // for a sign-in (checked before the password) and for the next bad token.
    let secret = enrol(&pair, "sam.us");
    let r = sign_in(&b, "sam.us", PASSWORD, &totp_now(&secret)).await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(r.headers().contains_key("retry-after"));
    assert_eq!(
        me(&b, "fwc_guess_on_b").await,
        StatusCode::TOO_MANY_REQUESTS
    );
    // And from then on from memory, a good token included (as on one node).
    assert_eq!(
        me(&b, &token("ana.us")).await,
        StatusCode::TOO_MANY_REQUESTS
    );
}
