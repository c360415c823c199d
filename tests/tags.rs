//! TagResource, UntagResource and ListTagsForResource, pinned against the recordings of real AWS
//! (`aws-behaviour.md` §2.14) and the AWS API documentation (50 tags per resource, TooManyTags;
//! CreateStateMachine ignores other tags on an idempotent replay).

use std::collections::BTreeMap;

use serde_json::{Value, json};
use sfn_registry::dto::{
    CreateStateMachineInput, DescribeStateMachineInput, ListStateMachinesInput, ListTagsForResourceInput,
    PublishStateMachineVersionInput, Tag, TagResourceInput, UntagResourceInput,
};
use sfn_registry::{Error, ErrorCode, InMemoryRegistry, ManualClock, Registry, Timestamp};

mod common;
use common::{assert_code, assert_err, to_json};

const ROLE: &str = "arn:aws:iam::123456789012:role/sfn-role";
const SM_PREFIX: &str = "arn:aws:states:us-east-1:123456789012:stateMachine:";
const DEFINITION: &str = r#"{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}"#;

fn registry() -> InMemoryRegistry {
    let clock = ManualClock::new(Timestamp::from_unix_millis(1_700_000_000_000));
    InMemoryRegistry::builder()
        .clock(clock)
        .seed(1)
        .build()
        .expect("valid scope")
}

fn create(reg: &mut InMemoryRegistry, name: &str, tags: Option<Vec<Tag>>) -> String {
    let mut input = CreateStateMachineInput::new(name, DEFINITION, ROLE);
    input.tags = tags;
    reg.create_state_machine(input)
        .expect("create")
        .state_machine_arn
        .to_string()
}

fn tags(pairs: &[(&str, &str)]) -> Vec<Tag> {
    pairs.iter().map(|(k, v)| Tag::new(*k, *v)).collect()
}

fn numbered_tags(prefix: &str, count: usize) -> Vec<Tag> {
    (0..count)
        .map(|i| Tag::new(format!("{prefix}{i}"), format!("value-{i}")))
        .collect()
}

/// The tags of `arn`, as a map (AWS documents no order).
fn tag_map(reg: &InMemoryRegistry, arn: &str) -> BTreeMap<String, String> {
    let out = reg
        .list_tags_for_resource(ListTagsForResourceInput::new(arn))
        .expect("list tags");
    let map: BTreeMap<String, String> = out.tags.iter().map(|t| (t.key.clone(), t.value.clone())).collect();
    assert_eq!(map.len(), out.tags.len(), "no key listed twice: {:?}", out.tags);
    map
}

fn expected(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect()
}

fn tag(reg: &mut InMemoryRegistry, arn: &str, tags: Vec<Tag>) -> Result<Value, Error> {
    reg.tag_resource(TagResourceInput::new(arn, tags))
        .map(|out| to_json(&out))
}

fn all_state_machines(reg: &InMemoryRegistry) -> Value {
    to_json(
        &reg.list_state_machines(ListStateMachinesInput::new())
            .expect("list state machines"),
    )
}

// ---------------------------------------------------------------------------------------------
// Round trip
// ---------------------------------------------------------------------------------------------

#[test]
fn tags_given_at_creation_are_listed() {
    let mut reg = registry();
    let arn = create(&mut reg, "sm", Some(tags(&[("team", "core"), ("env", "")])));
    assert_eq!(tag_map(&reg, &arn), expected(&[("team", "core"), ("env", "")]));
}

#[test]
fn a_state_machine_without_tags_lists_none() {
    let mut reg = registry();
    let arn = create(&mut reg, "sm", None);
    let out = reg
        .list_tags_for_resource(ListTagsForResourceInput::new(&arn))
        .expect("list tags");
    assert!(out.tags.is_empty());
}

#[test]
fn tag_untag_and_list_round_trip() {
    let mut reg = registry();
    let arn = create(&mut reg, "sm", Some(tags(&[("a", "1")])));

    assert_eq!(
        tag(&mut reg, &arn, tags(&[("b", "2"), ("c", "3")])).expect("tag"),
        json!({})
    );
    assert_eq!(tag_map(&reg, &arn), expected(&[("a", "1"), ("b", "2"), ("c", "3")]));

    // Tagging an existing key replaces its value.
    tag(&mut reg, &arn, tags(&[("a", "one")])).expect("retag");
    assert_eq!(tag_map(&reg, &arn), expected(&[("a", "one"), ("b", "2"), ("c", "3")]));

    let out = reg
        .untag_resource(UntagResourceInput::new(&arn, vec!["a".to_owned(), "c".to_owned()]))
        .expect("untag");
    assert_eq!(to_json(&out), json!({}));
    assert_eq!(tag_map(&reg, &arn), expected(&[("b", "2")]));

    reg.untag_resource(UntagResourceInput::new(&arn, vec!["b".to_owned()]))
        .expect("untag last");
    assert!(tag_map(&reg, &arn).is_empty());
}

#[test]
fn tags_belong_to_one_state_machine() {
    let mut reg = registry();
    let a = create(&mut reg, "a", None);
    let b = create(&mut reg, "b", None);
    tag(&mut reg, &a, tags(&[("k", "v")])).expect("tag a");
    assert_eq!(tag_map(&reg, &a), expected(&[("k", "v")]));
    assert!(tag_map(&reg, &b).is_empty());
}

#[test]
fn an_idempotent_create_replay_with_other_tags_does_not_change_them() {
    let mut reg = registry();
    let arn = create(&mut reg, "sm", Some(tags(&[("team", "core")])));
    let replay = create(&mut reg, "sm", Some(tags(&[("team", "other"), ("extra", "x")])));
    assert_eq!(replay, arn);
    assert_eq!(tag_map(&reg, &arn), expected(&[("team", "core")]));
}

// ---------------------------------------------------------------------------------------------
// §2.14 Version ARNs, unknown resources
// ---------------------------------------------------------------------------------------------

#[test]
fn tagging_a_version_arn_is_resource_not_found() {
    let mut reg = registry();
    let arn = create(&mut reg, "sm", None);
    let version = reg
        .publish_state_machine_version(PublishStateMachineVersionInput::new(&arn))
        .expect("publish")
        .state_machine_version_arn
        .to_string();
    assert_eq!(version, format!("{SM_PREFIX}sm:1"));
    let e = assert_err(
        tag(&mut reg, &version, tags(&[("k", "v")])),
        ErrorCode::ResourceNotFound,
        &format!("Resource not found: '{version}'"),
    );
    assert_eq!(e.http_status(), 400);
    assert!(tag_map(&reg, &arn).is_empty(), "the state machine got no tags");
}

#[test]
fn tagging_an_unknown_state_machine_is_resource_not_found() {
    let mut reg = registry();
    let missing = format!("{SM_PREFIX}missing");
    assert_err(
        tag(&mut reg, &missing, tags(&[("k", "v")])),
        ErrorCode::ResourceNotFound,
        &format!("Resource not found: '{missing}'"),
    );
    assert_code(
        reg.list_tags_for_resource(ListTagsForResourceInput::new(&missing)),
        ErrorCode::ResourceNotFound,
    );
    assert_code(
        reg.untag_resource(UntagResourceInput::new(&missing, vec!["k".to_owned()])),
        ErrorCode::ResourceNotFound,
    );
}

// ---------------------------------------------------------------------------------------------
// 50 tags per resource
// ---------------------------------------------------------------------------------------------

#[test]
fn fifty_tags_are_accepted() {
    let mut reg = registry();
    let arn = create(&mut reg, "sm", None);
    tag(&mut reg, &arn, numbered_tags("k", 50)).expect("50 tags");
    assert_eq!(tag_map(&reg, &arn).len(), 50);

    let created = create(&mut reg, "created", Some(numbered_tags("k", 50)));
    assert_eq!(tag_map(&reg, &created).len(), 50);
}

#[test]
fn fifty_one_tags_are_too_many_tags_and_change_nothing() {
    let mut reg = registry();
    let arn = create(&mut reg, "sm", Some(tags(&[("keep", "me")])));
    let before = tag_map(&reg, &arn);
    let e = assert_code(tag(&mut reg, &arn, numbered_tags("k", 51)), ErrorCode::TooManyTags);
    assert_eq!(e.http_status(), 400);
    assert_eq!(tag_map(&reg, &arn), before);
}

#[test]
fn a_51st_distinct_key_is_too_many_tags_but_replacing_a_value_is_not() {
    let mut reg = registry();
    let arn = create(&mut reg, "sm", Some(numbered_tags("k", 50)));
    let before = tag_map(&reg, &arn);

    assert_code(tag(&mut reg, &arn, tags(&[("one-more", "x")])), ErrorCode::TooManyTags);
    assert_eq!(tag_map(&reg, &arn), before, "a failed TagResource changes nothing");

    // Mixed: a replacement together with a new key still exceeds the limit, and applies nothing.
    assert_code(
        tag(&mut reg, &arn, tags(&[("k0", "changed"), ("one-more", "x")])),
        ErrorCode::TooManyTags,
    );
    assert_eq!(tag_map(&reg, &arn), before);

    tag(&mut reg, &arn, tags(&[("k0", "changed")])).expect("replacing a value keeps 50 tags");
    let after = tag_map(&reg, &arn);
    assert_eq!(after.len(), 50);
    assert_eq!(after["k0"], "changed");

    reg.untag_resource(UntagResourceInput::new(&arn, vec!["k1".to_owned()]))
        .expect("untag");
    tag(&mut reg, &arn, tags(&[("one-more", "x")])).expect("room for one after an untag");
    assert_eq!(tag_map(&reg, &arn).len(), 50);
}

#[test]
fn creating_with_51_tags_is_too_many_tags_and_creates_nothing() {
    let mut reg = registry();
    let before = all_state_machines(&reg);
    let mut input = CreateStateMachineInput::new("sm", DEFINITION, ROLE);
    input.tags = Some(numbered_tags("k", 51));
    assert_code(reg.create_state_machine(input), ErrorCode::TooManyTags);
    assert_eq!(all_state_machines(&reg), before);
    let arn = format!("{SM_PREFIX}sm");
    assert_err(
        reg.describe_state_machine(DescribeStateMachineInput::new(&arn)),
        ErrorCode::StateMachineDoesNotExist,
        &format!("State Machine Does Not Exist: '{arn}'"),
    );
}
