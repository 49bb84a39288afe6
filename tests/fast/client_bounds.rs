//! Every wait and every listing ends: a huge Retry-After, cursors that
//! cycle, endless empty pages, an oversized answer and an answer that will
//! never parse, each against a small fake Slack on 127.0.0.1.

use std::process::Command;
use std::time::Duration;

use crate::support::cli::{BIN, code, stderr, stdout};
use crate::support::fake::*;
use connect_triage::slack::{ClientOptions, Page, PageStream, SlackError};
use futures::StreamExt;
use serde_json::{Value, json};

/// Every page of a stream, failing the test instead of hanging it.
async fn all_pages<T>(stream: PageStream<T>) -> Vec<Result<Page<T>, SlackError>> {
    tokio::time::timeout(Duration::from_secs(30), stream.collect())
        .await
        .expect("the listing ends")
}

fn invite(id: &str) -> Value {
    json!({"direction": "incoming", "status": "sent", "invite": {"id": id}})
}

fn patient() -> ClientOptions {
    ClientOptions {
        read_retries: 5,
        ..quick_options()
    }
}

async fn cli(base: &str, args: &[&str]) -> std::process::Output {
    let mut command = Command::new(BIN);
    command
        .args(["--api-base", base, "--pace", "off"])
        .args(args)
        .env_remove("SLACK_API_BASE")
        .env("SLACK_TOKEN", TOKEN);
    let run = tokio::task::spawn_blocking(move || command.output().expect("the binary runs"));
    tokio::time::timeout(Duration::from_secs(60), run)
        .await
        .expect("the command ends")
        .unwrap()
}

fn auth_or(seen: &Seen, reply: impl FnOnce() -> Reply) -> Reply {
    if seen.method == "auth.test" {
        return json(json!({"ok": true, "team_id": "T0OURS001", "user_id": "U1"}));
    }
    reply()
}

/// Slack asking for 27 hours is not slept through: the call fails at once
/// with how long was asked, every later call of that method too without
/// reaching Slack, and other methods go on.
#[tokio::test]
async fn a_huge_retry_after_fails_at_once_and_holds_only_its_method() {
    let fake = fake(|seen| match seen.method.as_str() {
        "conversations.listConnectInvites" => Reply::RateLimited(Some("100000".into())),
        _ => json(json!({"ok": true, "organizations": []})),
    })
    .await;
    let client = fake.client_with(patient(), quick_tuning());
    let pages = all_pages(client.invites()).await;
    match &pages[..] {
        [Err(SlackError::RateLimited { retry_after, .. })] => {
            assert_eq!(*retry_after, Duration::from_secs(100_000));
        }
        other => panic!("{other:?}"),
    }
    let again = all_pages(client.invites()).await;
    assert!(
        matches!(&again[..], [Err(SlackError::RateLimited { .. })]),
        "{again:?}"
    );
    assert_eq!(
        fake.calls("conversations.listConnectInvites").len(),
        1,
        "not sent again"
    );
    let orgs = all_pages(client.external_orgs()).await;
    assert!(orgs[0].is_ok(), "{orgs:?}");
}

#[tokio::test]
async fn the_cli_stops_on_a_huge_retry_after_naming_the_method_and_the_wait() {
    let fake = fake(|seen| auth_or(seen, || Reply::RateLimited(Some("100000".into())))).await;
    let out = cli(&fake.base_url(), &["list", "invites"]).await;
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    let said = stderr(&out);
    assert!(said.contains("conversations.listConnectInvites"), "{said}");
    assert!(
        said.contains("Slack asked to wait 1d 3h (100000 s)"),
        "{said}"
    );
    assert!(
        said.contains("longer than the 5m connect-triage waits for"),
        "{said}"
    );
    assert_eq!(fake.calls("conversations.listConnectInvites").len(), 1);
}

/// Cursors A, B, A: the third page would start the list over, forever.
#[tokio::test]
async fn a_cursor_cycle_ends_the_listing_with_an_error_naming_it() {
    let fake = fake(|seen| {
        let (id, next) = match seen.arg("cursor") {
            None => ("I1", "A"),
            Some("A") => ("I2", "B"),
            Some(_) => ("I3", "A"),
        };
        json(json!({"ok": true, "invites": [invite(id)], "response_metadata": {"next_cursor": next}}))
    })
    .await;
    let pages = all_pages(fake.client().invites()).await;
    assert_eq!(pages.len(), 4, "{pages:?}");
    assert!(pages[..3].iter().all(Result::is_ok));
    let error = pages[3].as_ref().unwrap_err();
    assert!(matches!(error, SlackError::Paging { .. }), "{error:?}");
    let said = error.to_string();
    assert!(said.contains("conversations.listConnectInvites"), "{said}");
    assert!(said.contains("already given (cursor A)"), "{said}");
    assert_eq!(fake.seen().len(), 3);

    let out = cli(&fake.base_url(), &["list", "invites", "--json"]).await;
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert_eq!(stdout(&out).lines().count(), 3, "each row once");
    assert!(stderr(&out).contains("would never end"), "{}", stderr(&out));
}

/// Empty pages that each name a fresh next page: given up after a cap.
#[tokio::test]
async fn endless_empty_pages_end_the_listing() {
    let fake = fake(|seen| {
        json(json!({"ok": true, "invites": [],
                    "response_metadata": {"next_cursor": format!("c{}", seen.nth)}}))
    })
    .await;
    let pages = all_pages(fake.client().invites()).await;
    let max = connect_triage::slack::MAX_EMPTY_PAGES as usize;
    assert_eq!(pages.len(), max, "{:?}", pages.last());
    assert!(matches!(pages.last(), Some(Err(SlackError::Paging { .. }))));
    // The producer runs at most a couple of pages ahead of the reader.
    assert!(fake.seen().len() <= max + 3, "{}", fake.seen().len());
    // A few empty pages in a row are Slack's right (fewer than asked, even none).
    let fake = fake_with_gap(5).await;
    let pages = all_pages(fake.client().invites()).await;
    let items: usize = pages.iter().map(|p| p.as_ref().unwrap().items.len()).sum();
    assert_eq!(items, 2);
}

/// Empty pages between a first and a last one.
async fn fake_with_gap(empty: usize) -> Fake {
    fake(move |seen| {
        let page = seen.nth;
        let items = if page == 0 || page == empty + 1 {
            vec![invite(&format!("I{page}"))]
        } else {
            vec![]
        };
        let next = if page == empty + 1 {
            String::new()
        } else {
            format!("c{page}")
        };
        json(json!({"ok": true, "invites": items, "response_metadata": {"next_cursor": next}}))
    })
    .await
}

/// An answer past the size cap is not read, and not asked for again.
#[tokio::test]
async fn an_oversized_answer_is_refused_and_not_retried() {
    let big = format!(
        r#"{{"ok":true,"invites":[],"padding":"{}"}}"#,
        "x".repeat(2 << 20)
    );
    let fake = fake(move |_| Reply::Json(big.clone())).await;
    let options = ClientOptions {
        max_answer_bytes: 1 << 20,
        ..patient()
    };
    let pages = all_pages(fake.client_with(options.clone(), quick_tuning()).invites()).await;
    let error = pages[0].as_ref().unwrap_err();
    assert!(matches!(error, SlackError::TooLarge { .. }), "{error:?}");
    assert!(error.to_string().contains("larger than 1 MB"), "{error}");
    assert_eq!(fake.seen().len(), 1);
    // Under the cap, the same client reads it.
    let small = fake_answering(r#"{"ok":true,"invites":[]}"#).await;
    let pages = all_pages(small.client_with(options, quick_tuning()).invites()).await;
    assert!(pages[0].is_ok(), "{pages:?}");
}

async fn fake_answering(body: &'static str) -> Fake {
    fake(move |_| Reply::Json(body.to_owned())).await
}

/// Truncated JSON is asked for once more, then reported: never five
/// rounds of backoff for an answer that will not parse.
#[tokio::test]
async fn truncated_json_is_retried_once_then_reported() {
    let truncated = fake_answering(r#"{"ok":true,"invites":[{"direction":"inc"#).await;
    let pages = all_pages(truncated.client_with(patient(), quick_tuning()).invites()).await;
    assert!(
        matches!(&pages[..], [Err(SlackError::Decode { .. })]),
        "{pages:?}"
    );
    assert_eq!(truncated.seen().len(), 2);

    let fake = fake(|seen| auth_or(seen, || Reply::Json(r#"{"ok":true,"invi"#.into()))).await;
    let out = cli(&fake.base_url(), &["list", "invites"]).await;
    assert_eq!(code(&out), 1);
    assert!(
        stderr(&out).contains("could not read Slack's answer"),
        "{}",
        stderr(&out)
    );
    assert_eq!(fake.calls("conversations.listConnectInvites").len(), 2);
}

/// One element Slack sent in a shape we cannot read is left out and
/// named; the rest of the page shows, in the client and on the CLI.
#[tokio::test]
async fn an_element_of_the_wrong_type_is_skipped_and_named() {
    let page = json!({"ok": true, "invites": [
        invite("I0GOOD001"),
        {"direction": 5, "status": "sent", "invite": {"id": "I0BAD0001"}},
        7,
        invite("I0GOOD002"),
    ]});
    let fake = fake(move |seen| auth_or(seen, || json(page.clone()))).await;
    let pages = all_pages(fake.client().invites()).await;
    let page = pages[0].as_ref().unwrap();
    assert_eq!(page.items.len(), 2);
    assert_eq!(page.skipped.len(), 2, "{:?}", page.skipped);
    assert_eq!(page.skipped[0].id.as_deref(), Some("I0BAD0001"));
    assert!(
        page.skipped[0].why.contains("invalid type"),
        "{:?}",
        page.skipped[0]
    );
    assert_eq!(
        page.skipped[1]
            .to_string()
            .split(' ')
            .take(3)
            .collect::<Vec<_>>(),
        ["number", "3", "of"]
    );

    let out = cli(&fake.base_url(), &["list", "invites"]).await;
    assert!(out.status.success(), "{}", stderr(&out));
    let table = stdout(&out);
    assert!(
        table.contains("I0GOOD001") && table.contains("I0GOOD002"),
        "{table}"
    );
    assert!(!table.contains("I0BAD0001"), "{table}");
    let said = stderr(&out);
    assert!(said.contains("skipped I0BAD0001"), "{said}");
    assert!(said.contains("the rest are listed"), "{said}");
    // --json passes Slack's objects on as they are, even one we cannot read;
    // what is not an object at all is no element and is skipped.
    let out = cli(&fake.base_url(), &["list", "invites", "--json"]).await;
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(stdout(&out).lines().count(), 3);
    assert!(
        stderr(&out).contains("skipped number 3 of the invites"),
        "{}",
        stderr(&out)
    );
}

/// An answer without its list says nothing: an error, never "no invites".
#[tokio::test]
async fn an_answer_missing_its_list_is_an_error_not_an_empty_list() {
    let fake =
        fake(|seen| auth_or(seen, || json(json!({"ok": true, "response_metadata": {}})))).await;
    let pages = all_pages(fake.client().invites()).await;
    let error = pages[0].as_ref().unwrap_err();
    assert!(
        error
            .to_string()
            .contains("the answer has no `invites` list"),
        "{error}"
    );
    let out = cli(&fake.base_url(), &["list", "invites"]).await;
    assert_eq!(code(&out), 1, "{}", stderr(&out));
    assert!(
        stderr(&out).contains("no `invites` list"),
        "{}",
        stderr(&out)
    );
}
