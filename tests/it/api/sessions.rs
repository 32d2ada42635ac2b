//! Signing in (`POST /v1/sessions`): password and TOTP, expiring sessions, sign-out, lockout
//! that looks the same for unknown names, and the per-address throttle on failures.

use super::harness::*;
use reqwest::StatusCode;
use serde_json::{Value, json};

async fn me(ts: &TestServer, token: &str) -> reqwest::Response {
    ts.http()
        .get(ts.url("/v1/me"))
        .bearer_auth(token)
        .send()
        .await
        .unwrap()
}

async fn error_code(r: reqwest::Response) -> String {
    let v: Value = r.json().await.unwrap();
    v["error"]["code"].as_str().unwrap_or("").to_string()
}

#[tokio::test]
async fn password_and_totp_give_a_session_that_me_shows_and_sign_out_ends() {
    let ts = server().await;
    let secret = enrol(&ts, "ana.us", false);
    let r = post_session(
        &ts,
        json!({"user": "ana.us", "password": PASSWORD, "totp": totp_now(&secret)}),
    )
    .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let s: fwc::model::SessionCreated = r.json().await.unwrap();
    assert_eq!(s.idle_timeout_s, 30 * 60);
    let hours = (s.expires_at - chrono::Utc::now()).num_minutes();
    assert!((11 * 60..=12 * 60).contains(&hours), "{hours} min");
    assert!(s.token.starts_with("fws_") && s.token.len() == 4 + 64);

    let r = me(&ts, &s.token).await;
    assert_eq!(r.status(), StatusCode::OK);
    let m: fwc::model::Me = r.json().await.unwrap();
    assert_eq!(
        (m.user.name.as_str(), m.auth.as_str()),
        ("ana.us", "session")
    );
    let info = m.session.unwrap();
    assert_eq!(info.expires_at, s.expires_at);
    assert!(info.idle_expires_at <= info.expires_at);
    // The ordinary client reads the same answer as a user.
    assert_eq!(ts.client("ana.us").me().await.unwrap().name, "ana.us");

    let out = ts
        .http()
        .delete(ts.url("/v1/sessions/current"))
        .bearer_auth(&s.token)
        .send()
        .await
        .unwrap();
    assert_eq!(out.status(), StatusCode::NO_CONTENT);
    assert_eq!(me(&ts, &s.token).await.status(), StatusCode::UNAUTHORIZED);

    // A machine token is not a session: /v1/me says so, and it cannot be "signed out".
    let m: fwc::model::Me = me(&ts, &token("ana.us")).await.json().await.unwrap();
    assert_eq!((m.auth.as_str(), m.session), ("token", None));
    let r = ts
        .http()
        .delete(ts.url("/v1/sessions/current"))
        .bearer_auth(token("ana.us"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn a_totp_code_is_good_once_and_a_wrong_factor_is_401() {
    let ts = server().await;
    let secret = enrol(&ts, "ana.us", false);
    let code = totp_now(&secret);
    let body = json!({"user": "ana.us", "password": PASSWORD, "totp": code});
    assert_eq!(
        post_session(&ts, body.clone()).await.status(),
        StatusCode::CREATED
    );
    let replay = post_session(&ts, body).await;
    assert_eq!(replay.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(error_code(replay).await, "sign_in_failed");
    let wrong_password = post_session(
        &ts,
        json!({"user": "ana.us", "password": "not the password", "totp": totp_now(&secret)}),
    )
    .await;
    assert_eq!(wrong_password.status(), StatusCode::UNAUTHORIZED);
    // A user without credentials (machine tokens only) cannot sign in either.
    let r = post_session(
        &ts,
        json!({"user": "ben.us", "password": PASSWORD, "totp": "123456"}),
    )
    .await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    // Malformed bodies are 4xx, not failures of a name.
    let r = post_session(&ts, json!({"user": "", "password": "x", "totp": "1"})).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let r = post_session(&ts, json!({"user": "ana.us"})).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

/// The status, code and message (without the clock time it names) of an answer.
async fn shape(r: reqwest::Response) -> (StatusCode, Option<String>, String, String) {
    let status = r.status();
    let retry = r
        .headers()
        .get("retry-after")
        .map(|v| v.to_str().unwrap().to_string());
    let v: Value = r.json().await.unwrap();
    let message = v["error"]["message"].as_str().unwrap().to_string();
    let message = message.split(" until ").next().unwrap().to_string();
    let code = v["error"]["code"].as_str().unwrap().to_string();
    (status, retry.map(|_| "set".to_string()), code, message)
}

#[tokio::test]
async fn five_failures_lock_a_name_for_15_minutes_and_an_unknown_name_looks_the_same() {
    let ts = server().await;
    let secret = enrol(&ts, "ana.us", false);
    let mut answers = Vec::new();
    for name in ["ana.us", "nobody.us"] {
        let mut seen = Vec::new();
        for _ in 0..5 {
            let r = post_session(
                &ts,
                json!({"user": name, "password": "wrong password!", "totp": "000000"}),
            )
            .await;
            seen.push(shape(r).await);
        }
        // Locked now: even the right password and code are refused.
        let r = post_session(
            &ts,
            json!({"user": name, "password": PASSWORD, "totp": totp_now(&secret)}),
        )
        .await;
        let retry: u64 = r.headers()["retry-after"]
            .to_str()
            .unwrap()
            .parse()
            .unwrap();
        assert!((14 * 60..=15 * 60).contains(&retry), "{retry}");
        seen.push(shape(r).await);
        answers.push(seen);
    }
    assert_eq!(answers[0], answers[1], "a lockout must not tell who exists");
    let statuses: Vec<StatusCode> = answers[0].iter().map(|a| a.0).collect();
    assert_eq!(
        statuses,
        [
            vec![StatusCode::UNAUTHORIZED; 4],
            vec![StatusCode::LOCKED; 2]
        ]
        .concat()
    );
    assert_eq!(answers[0][4].2, "account_locked");

    // Audited: every attempt names the user it was for, the lock included.
    let locks = number(
        &ts,
        "SELECT count(*) FROM audit WHERE user_name = 'ana.us' AND route = '/v1/sessions' AND status = 423",
    );
    assert_eq!(locks, 2);

    // Once the lock has run out (aged here, not waited for), the right factors work again.
    sql(
        &ts,
        &format!(
            "UPDATE sign_in_failures SET locked_until = {}",
            chrono::Utc::now().timestamp() - 1
        ),
    );
    sign_in(&ts, "ana.us", &secret).await;
}

#[tokio::test]
async fn past_twenty_failures_a_minute_an_address_gets_429_with_retry_after() {
    let ts = server().await;
    for i in 0..20 {
        let r = me(&ts, &format!("fwc_guess_{i:04}")).await;
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED, "guess {i}");
    }
    let r = me(&ts, "fwc_guess_9999").await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    let retry: u64 = r.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&retry), "{retry}");
    assert_eq!(error_code(r).await, "rate_limited");
    // The address is throttled whatever it sends: a sign-in attempt too.
    let r = post_session(
        &ts,
        json!({"user": "ana.us", "password": PASSWORD, "totp": "123456"}),
    )
    .await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(r.headers().contains_key("retry-after"));
}

#[tokio::test]
async fn failed_sign_ins_count_against_the_address_too() {
    let ts = server().await;
    for i in 0..20 {
        let r = post_session(
            &ts,
            json!({"user": format!("user{i}"), "password": "wrong password!", "totp": "000000"}),
        )
        .await;
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED, "attempt {i}");
    }
    let r = me(&ts, &token("ana.us")).await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn expired_idle_and_revoked_tokens_are_refused() {
    let ts = server().await;
    let secret = enrol(&ts, "ana.us", false);
    // Past its absolute end.
    let t = sign_in(&ts, "ana.us", &secret).await;
    // Stored times are Unix seconds on both engines.
    let now = chrono::Utc::now().timestamp();
    sql(&ts, &format!("UPDATE sessions SET expires_at = {now} - 1"));
    let r = me(&ts, &t).await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(error_code(r).await, "session_expired");
    // Idle for longer than the idle timeout.
    let t = sign_in(&ts, "ana.us", &secret).await;
    sql(
        &ts,
        &format!(
            "UPDATE sessions SET last_seen = {now} - 1801 WHERE token_hash = '{}'",
            fwc::server::auth::hash_token(&t)
        ),
    );
    let r = me(&ts, &t).await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(error_code(r).await, "session_expired");
    // An expired machine token, and a revoked one.
    sql(
        &ts,
        &format!("UPDATE api_tokens SET expires_at = {now} - 1 WHERE user_name = 'ben.us'"),
    );
    let r = me(&ts, &token("ben.us")).await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(error_code(r).await, "session_expired");
    sql(
        &ts,
        &format!("UPDATE api_tokens SET revoked_at = {now} WHERE user_name = 'eva.us'"),
    );
    let r = me(&ts, &token("eva.us")).await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(error_code(r).await, "unauthorized");
    // Others are untouched.
    assert_eq!(me(&ts, &token("sam.us")).await.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_temporary_password_must_be_changed_at_the_first_sign_in() {
    let ts = server().await;
    let secret = enrol(&ts, "ana.us", true);
    let base = json!({"user": "ana.us", "password": PASSWORD, "totp": totp_now(&secret)});
    let r = post_session(&ts, base.clone()).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert_eq!(error_code(r).await, "password_change_required");
    let mut weak = base.clone();
    weak["new_password"] = json!("password1234");
    let r = post_session(&ts, weak).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let mut same = base.clone();
    same["new_password"] = json!(PASSWORD);
    assert_eq!(
        post_session(&ts, same).await.status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let mut good = base.clone();
    good["new_password"] = json!("a much better passphrase");
    assert_eq!(post_session(&ts, good).await.status(), StatusCode::CREATED);
    // The old password is gone; the new one works without another change.
    sql(&ts, "UPDATE users SET last_totp_step = NULL");
    let r = post_session(&ts, base).await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    sql(&ts, "UPDATE users SET last_totp_step = NULL");
    let r = post_session(
        &ts,
        json!({"user": "ana.us", "password": "a much better passphrase", "totp": totp_now(&secret)}),
    )
    .await;
    assert_eq!(r.status(), StatusCode::CREATED);
}
