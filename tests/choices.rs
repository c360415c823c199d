//! The crate's own choices where the recordings of the real service show nothing (documented on
//! `InMemoryRegistry`), pinned so that they change only on purpose: the texts the crate words
//! itself, version immutability beyond the revision, create replays, encryption, and the exact
//! values a seed produces.

use serde_json::json;
use sfn_registry::dto::{
    CreateStateMachineAliasInput, CreateStateMachineInput, DeleteStateMachineVersionInput,
    DescribeStateMachineForExecutionInput, DescribeStateMachineInput, EncryptionConfiguration, EncryptionType,
    PublishStateMachineVersionInput, RoutingConfigurationListItem, StartExecutionInput, Tag, TagResourceInput,
    UpdateStateMachineInput,
};
use sfn_registry::{Error, ErrorCode, InMemoryRegistry, ManualClock, Registry, Timestamp, handle_json};

mod common;
use common::assert_err;

const ROLE: &str = "arn:aws:iam::123456789012:role/sfn-role";
const SM: &str = "arn:aws:states:us-east-1:123456789012:stateMachine:orders";

fn registry(seed: u64) -> InMemoryRegistry {
    InMemoryRegistry::builder()
        .clock(ManualClock::new(Timestamp::from_unix_millis(1_700_000_000_000)))
        .seed(seed)
        .build()
        .unwrap()
}

fn def(tag: &str) -> String {
    format!(r#"{{"StartAt":"A","States":{{"A":{{"Type":"Pass","Result":"{tag}","End":true}}}}}}"#)
}

fn create(reg: &mut InMemoryRegistry, publish: bool) {
    let mut input = CreateStateMachineInput::new("orders", def("r1"), ROLE);
    input.publish = publish;
    reg.create_state_machine(input).unwrap();
}

fn update(reg: &mut InMemoryRegistry, definition: &str) -> Option<String> {
    let mut input = UpdateStateMachineInput::new(SM);
    input.definition = Some(definition.to_owned());
    input.publish = true;
    reg.update_state_machine(input)
        .unwrap()
        .state_machine_version_arn
        .map(String::from)
}

#[test]
fn a_seed_gives_these_revision_ids_and_execution_names() {
    // Xoshiro256++ seeded with seed_from_u64 (SplitMix64) is portable: these values are the same
    // on every platform and must not change when dependencies are upgraded. They were computed
    // independently, from the reference algorithms (xoshiro256plusplus.c, SplitMix64) and the
    // UUID v4 bit layout, not read back from this crate.
    let mut reg = registry(1);
    create(&mut reg, false);
    let mut input = UpdateStateMachineInput::new(SM);
    input.definition = Some(def("r2"));
    let revision = reg.update_state_machine(input).unwrap().revision_id.unwrap();
    let execution = reg.start_execution(StartExecutionInput::new(SM)).unwrap();
    assert_eq!(
        (
            revision.to_string(),
            execution.execution_arn.execution_name().to_owned()
        ),
        (
            "9bc2036f-7fd0-45cf-8de0-3f96324142bf".to_owned(),
            "20f5aa57-577d-4319-9656-cd059f1108bf".to_owned()
        )
    );
}

#[test]
fn a_version_keeps_the_encryption_it_was_published_with() {
    let mut reg = registry(1);
    create(&mut reg, true);
    let mut input = UpdateStateMachineInput::new(SM);
    let mut key = EncryptionConfiguration::new(EncryptionType::CustomerManagedKmsKey);
    key.kms_key_id = Some("alias/orders".into());
    key.kms_data_key_reuse_period_seconds = Some(300);
    input.encryption_configuration = Some(key.clone());
    let out = reg.update_state_machine(input).unwrap();
    assert_eq!(out.revision_id, None, "an encryption-only update makes no new revision");

    let v1 = reg
        .describe_state_machine(DescribeStateMachineInput::new(format!("{SM}:1")))
        .unwrap();
    assert_eq!(
        v1.encryption_configuration,
        Some(EncryptionConfiguration::new(EncryptionType::AwsOwnedKey)),
        "published before the key was set"
    );
    let current = reg.describe_state_machine(DescribeStateMachineInput::new(SM)).unwrap();
    assert_eq!(current.encryption_configuration, Some(key.clone()));

    // Published now, version 2 has the key; later changes leave it alone.
    let mut publish = PublishStateMachineVersionInput::new(SM);
    publish.description = Some("with key".into());
    reg.publish_state_machine_version(publish).unwrap();
    let mut input = UpdateStateMachineInput::new(SM);
    input.encryption_configuration = Some(EncryptionConfiguration::new(EncryptionType::AwsOwnedKey));
    reg.update_state_machine(input).unwrap();
    let v2 = reg
        .describe_state_machine(DescribeStateMachineInput::new(format!("{SM}:2")))
        .unwrap();
    assert_eq!(v2.encryption_configuration, Some(key));
}

#[test]
fn describe_state_machine_for_execution_shows_the_encryption_of_what_the_execution_runs() {
    // Not observed with a customer managed key: an execution of a version (directly or through
    // an alias) shows the version's encryption, one of the unqualified ARN the state machine's.
    let mut reg = registry(1);
    create(&mut reg, true);
    let by_version = reg
        .start_execution(StartExecutionInput::new(format!("{SM}:1")))
        .unwrap()
        .execution_arn;
    let unqualified = reg.start_execution(StartExecutionInput::new(SM)).unwrap().execution_arn;
    let mut key = EncryptionConfiguration::new(EncryptionType::CustomerManagedKmsKey);
    key.kms_key_id = Some("alias/orders".into());
    let mut input = UpdateStateMachineInput::new(SM);
    input.encryption_configuration = Some(key.clone());
    reg.update_state_machine(input).unwrap();
    let shown = |reg: &InMemoryRegistry, arn: &sfn_registry::ExecutionRef| {
        reg.describe_state_machine_for_execution(DescribeStateMachineForExecutionInput::new(arn.as_str()))
            .unwrap()
            .encryption_configuration
    };
    assert_eq!(
        shown(&reg, &by_version),
        Some(EncryptionConfiguration::new(EncryptionType::AwsOwnedKey))
    );
    assert_eq!(shown(&reg, &unqualified), Some(key));
}

#[test]
fn an_aws_owned_key_is_the_same_as_no_encryption_for_create_idempotency() {
    let mut reg = registry(1);
    create(&mut reg, false);
    let mut replay = CreateStateMachineInput::new("orders", def("r1"), ROLE);
    replay.encryption_configuration = Some(EncryptionConfiguration::new(EncryptionType::AwsOwnedKey));
    assert_eq!(reg.create_state_machine(replay).unwrap().state_machine_arn.as_str(), SM);
}

#[test]
fn a_create_replay_ignores_tags_even_too_many() {
    let mut reg = registry(1);
    create(&mut reg, false);
    let mut replay = CreateStateMachineInput::new("orders", def("r1"), ROLE);
    replay.tags = Some((0..51).map(|i| Tag::new(format!("k{i}"), "v")).collect());
    assert_eq!(reg.create_state_machine(replay).unwrap().state_machine_arn.as_str(), SM);
}

#[test]
fn a_create_replay_with_publish_answers_the_current_version_or_none() {
    let mut reg = registry(1);
    create(&mut reg, true);
    let replay = || {
        let mut input = CreateStateMachineInput::new("orders", def("r1"), ROLE);
        input.publish = true;
        input
    };
    let out = reg.create_state_machine(replay()).unwrap();
    assert_eq!(out.state_machine_version_arn.map(String::from), Some(format!("{SM}:1")));

    reg.delete_state_machine_version(DeleteStateMachineVersionInput::new(format!("{SM}:1")))
        .unwrap();
    let out = reg.create_state_machine(replay()).unwrap();
    assert_eq!(out.state_machine_version_arn, None, "version 1 was deleted");
}

#[test]
fn the_crates_own_error_texts() {
    let mut reg = registry(1);
    create(&mut reg, true);
    let label = format!("{SM}/fanout");
    assert_err(
        reg.describe_state_machine(DescribeStateMachineInput::new(&label)),
        ErrorCode::ValidationException,
        &format!("Unsupported Distributed Map state label ARN: '{label}'"),
    );
    let tags: Vec<Tag> = (0..51).map(|i| Tag::new(format!("k{i}"), "v")).collect();
    assert_err(
        reg.tag_resource(TagResourceInput::new(SM, tags)),
        ErrorCode::TooManyTags,
        &format!("Too many tags: a resource can have at most 50 tags: '{SM}'"),
    );
    let other = "arn:aws:states:us-east-1:123456789012:stateMachine:other:1";
    assert_err(
        reg.create_state_machine_alias(CreateStateMachineAliasInput::new(
            "PROD",
            vec![
                RoutingConfigurationListItem::new(format!("{SM}:1"), 50),
                RoutingConfigurationListItem::new(other, 50),
            ],
        )),
        ErrorCode::ValidationException,
        &format!(
            "Routing configuration must contain state machine version ARNs of the same state machine. \
             Received: [{SM}:1, {other}]"
        ),
    );
    for n in 2..=1000 {
        update(&mut reg, &def(&format!("r{n}")));
    }
    let mut input = UpdateStateMachineInput::new(SM);
    input.definition = Some(def("r1001"));
    input.publish = true;
    let err = assert_err(
        reg.update_state_machine(input),
        ErrorCode::ServiceQuotaExceededException,
        &format!("Maximum number of versions (1000) reached for state machine '{SM}'"),
    );
    assert_eq!(err.http_status(), 402);
}

#[test]
fn routing_errors_carry_no_reason_member_as_recorded() {
    let mut reg = registry(1);
    create(&mut reg, true);
    let err = assert_err(
        reg.create_state_machine_alias(CreateStateMachineAliasInput::new(
            "PROD",
            vec![RoutingConfigurationListItem::new(format!("{SM}:1"), 99)],
        )),
        ErrorCode::ValidationException,
        "Sum of routing configuration weights must equal 100. Received: [99]",
    );
    assert_eq!(err.reason(), None);
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&err.to_json_bytes()).unwrap(),
        json!({"__type": "ValidationException", "message": "Sum of routing configuration weights must equal 100. Received: [99]"})
    );
}

#[test]
fn wrong_json_types_are_worded_as_aws_words_them() {
    let mut reg = registry(1);
    let cases: &[(&str, &[u8], &str)] = &[
        (
            "ListStateMachines",
            br#"{"maxResults": "5"}"#,
            "STRING_VALUE can not be converted to an Integer",
        ),
        (
            "ListStateMachines",
            br#"{"maxResults": 5000000000}"#,
            "Numeric value (5000000000) out of range of int",
        ),
        (
            "DescribeStateMachine",
            br#"{"stateMachineArn": 5}"#,
            "NUMBER_VALUE can not be converted to a String",
        ),
        (
            "DescribeStateMachine",
            br#"{"stateMachineArn": {}}"#,
            "Start of structure or map found where not expected.",
        ),
        (
            "TagResource",
            br#"{"resourceArn": "x", "tags": {}}"#,
            "Start of structure or map found where not expected.",
        ),
        (
            "CreateStateMachine",
            br#"{"name": "a", "definition": "{}", "roleArn": "r", "publish": "yes"}"#,
            "STRING_VALUE can not be converted to a Boolean",
        ),
    ];
    for (operation, body, message) in cases {
        let response = handle_json(&mut reg, &format!("AWSStepFunctions.{operation}"), body);
        let body: serde_json::Value = serde_json::from_slice(&response.body).unwrap();
        assert_eq!(
            (response.status, body),
            (400, json!({"__type": "SerializationException", "message": message})),
            "{operation}"
        );
    }
}

#[test]
fn error_codes_are_read_as_clients_read_them() {
    for body in [
        r#"{"__type":"com.amazonaws.swf.service.v2.model#StateMachineDoesNotExist","message":"m"}"#,
        r#"{"__type":"StateMachineDoesNotExist:http://internal.amazon.com/coral/","message":"m"}"#,
        r#"{"__type":"StateMachineDoesNotExist","message":"m"}"#,
    ] {
        let err: Error = serde_json::from_str(body).unwrap();
        assert_eq!(
            (err.code(), err.message()),
            (ErrorCode::StateMachineDoesNotExist, "m"),
            "{body}"
        );
    }
}
