//! The channel lists' pagination rules (API doc §1.5 table):
//! admin.conversations.search and conversations.list.

use crate::support::emulator::*;

#[tokio::test]
async fn search_limit_default_10_max_20_top_level_cursor_and_total() {
    let emu = start_demo().await;
    let types = (
        "search_channel_types",
        "external_shared,external_shared_private",
    );
    let first = ok(&emu, "admin.conversations.search", &[types]).await;
    assert_eq!(first["conversations"].as_array().unwrap().len(), 10);
    assert_eq!(first["total_count"], 26);
    assert!(first.get("response_metadata").is_none());
    let cursor = first["next_cursor"].as_str().unwrap().to_owned();
    assert!(!cursor.is_empty());
    let big = ok(
        &emu,
        "admin.conversations.search",
        &[types, ("limit", "50")],
    )
    .await;
    assert_eq!(big["conversations"].as_array().unwrap().len(), 20);
    let mut all = ids(&first["conversations"], "/id");
    let mut cursor = cursor;
    while !cursor.is_empty() {
        let body = ok(
            &emu,
            "admin.conversations.search",
            &[types, ("cursor", &cursor)],
        )
        .await;
        all.extend(ids(&body["conversations"], "/id"));
        cursor = body["next_cursor"].as_str().unwrap().to_owned();
    }
    assert_eq!(all.len(), 26);
    let snapshot = emu.snapshot();
    let members: Vec<i64> = all
        .iter()
        .map(|id| snapshot.channel(id).unwrap().member_count.unwrap())
        .collect();
    assert!(
        members.windows(2).all(|w| w[0] >= w[1]),
        "member_count desc by default"
    );
    let by_name = ok(
        &emu,
        "admin.conversations.search",
        &[
            types,
            ("sort", "name"),
            ("sort_dir", "asc"),
            ("limit", "20"),
        ],
    )
    .await;
    let names = ids(&by_name["conversations"], "/name");
    assert!(names.windows(2).all(|w| w[0] <= w[1]));
    let count_only = ok(
        &emu,
        "admin.conversations.search",
        &[types, ("total_count_only", "1")],
    )
    .await;
    assert_eq!(count_only["total_count"], 26);
    assert_eq!(
        err(
            &emu,
            "admin.conversations.search",
            &[("search_channel_types", "external shared")]
        )
        .await,
        "invalid_search_channel_type"
    );
    assert_eq!(
        err(&emu, "admin.conversations.search", &[("sort", "size")]).await,
        "invalid_sort"
    );
    // Changing the sort under a cursor is refused rather than silently mis-paged.
    assert_eq!(
        err(
            &emu,
            "admin.conversations.search",
            &[
                types,
                ("sort", "name"),
                ("cursor", first["next_cursor"].as_str().unwrap())
            ]
        )
        .await,
        "invalid_cursor"
    );
}

#[tokio::test]
async fn conversations_list_limit_types_and_archived() {
    let emu = start_demo().await;
    let public = ok(&emu, "conversations.list", &[]).await;
    let channels = public["channels"].as_array().unwrap();
    assert!(channels.iter().all(|c| c["is_private"] == false));
    assert_eq!(public["response_metadata"]["next_cursor"], "");
    let both = [("types", "public_channel,private_channel")];
    let all = ok(&emu, "conversations.list", &both).await;
    assert_eq!(all["channels"].as_array().unwrap().len(), 30);
    let live = ok(
        &emu,
        "conversations.list",
        &[both[0], ("exclude_archived", "true")],
    )
    .await;
    assert_eq!(live["channels"].as_array().unwrap().len(), 29);
    let c = &all["channels"][0];
    assert!(
        c["purpose"].is_object(),
        "conversations.list purpose is an object"
    );
    assert!(c.get("num_members").is_some());
    let mut seen = Vec::new();
    let mut cursor = String::new();
    loop {
        let mut form = vec![both[0], ("limit", "7")];
        if !cursor.is_empty() {
            form.push(("cursor", cursor.as_str()));
        }
        let body = ok(&emu, "conversations.list", &form).await;
        seen.extend(ids(&body["channels"], "/id"));
        cursor = body["response_metadata"]["next_cursor"]
            .as_str()
            .unwrap()
            .to_owned();
        if cursor.is_empty() {
            break;
        }
    }
    assert_eq!(seen.len(), 30);
    assert_eq!(
        err(&emu, "conversations.list", &[("types", "channels")]).await,
        "invalid_types"
    );
}
