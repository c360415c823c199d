//! CreateStateMachine, UpdateStateMachine, DescribeStateMachine, DeleteStateMachine and
//! ListStateMachines, pinned against the recordings of real AWS
//! (`aws-behaviour.md` §1.1, §2.1, §2.2, §2.10, §2.13) and, where nothing was observed, the AWS
//! API documentation.

use std::collections::BTreeSet;

use serde_json::{Value, json};
use sfn_registry::dto::{
    CreateStateMachineAliasInput, CreateStateMachineInput, CreateStateMachineOutput, DeleteStateMachineInput,
    DescribeStateMachineInput, DescribeStateMachineOutput, EncryptionConfiguration, EncryptionType,
    ListStateMachineAliasesInput, ListStateMachineVersionsInput, ListStateMachinesInput, ListTagsForResourceInput,
    LogDestination, LogLevel, LoggingConfiguration, PublishStateMachineVersionInput, RoutingConfigurationListItem,
    StateMachineType, Tag, TracingConfiguration, UpdateStateMachineInput, UpdateStateMachineOutput,
};
use sfn_registry::{Error, ErrorCode, InMemoryRegistry, ManualClock, Registry};

mod common;
use common::{assert_err, assert_uuid, key_set, keys, to_json};

const START_MILLIS: i64 = 1_700_000_000_000;
const ROLE: &str = "arn:aws:iam::123456789012:role/sfn-role";
const OTHER_ROLE: &str = "arn:aws:iam::123456789012:role/other-role";
const SM_PREFIX: &str = "arn:aws:states:us-east-1:123456789012:stateMachine:";
const DAY_MILLIS: i64 = 24 * 60 * 60 * 1000;

fn registry() -> InMemoryRegistry {
    registry_with_clock().0
}

fn registry_with_clock() -> (InMemoryRegistry, ManualClock) {
    registry_with_seed(1)
}

fn registry_with_seed(seed: u64) -> (InMemoryRegistry, ManualClock) {
    common::clocked_registry(START_MILLIS, seed)
}

/// A valid definition whose text depends on `tag`.
fn def(tag: &str) -> String {
    format!(r#"{{"StartAt":"A","States":{{"A":{{"Type":"Pass","Result":"{tag}","End":true}}}}}}"#)
}

fn sm_arn(name: &str) -> String {
    format!("{SM_PREFIX}{name}")
}

fn create(reg: &mut InMemoryRegistry, name: &str, definition: &str) -> String {
    let out = reg
        .create_state_machine(CreateStateMachineInput::new(name, definition, ROLE))
        .expect("create");
    out.state_machine_arn.to_string()
}

fn create_published(reg: &mut InMemoryRegistry, name: &str, definition: &str) -> CreateStateMachineOutput {
    let mut input = CreateStateMachineInput::new(name, definition, ROLE);
    input.publish = true;
    reg.create_state_machine(input).expect("create with publish")
}

fn update_definition(reg: &mut InMemoryRegistry, arn: &str, definition: &str) -> UpdateStateMachineOutput {
    let mut input = UpdateStateMachineInput::new(arn);
    input.definition = Some(definition.to_owned());
    reg.update_state_machine(input).expect("update definition")
}

fn update_definition_publish(reg: &mut InMemoryRegistry, arn: &str, definition: &str) -> UpdateStateMachineOutput {
    let mut input = UpdateStateMachineInput::new(arn);
    input.definition = Some(definition.to_owned());
    input.publish = true;
    reg.update_state_machine(input).expect("update definition with publish")
}

fn describe(reg: &InMemoryRegistry, arn: &str) -> DescribeStateMachineOutput {
    reg.describe_state_machine(DescribeStateMachineInput::new(arn))
        .expect("describe")
}

fn revision_of(out: &UpdateStateMachineOutput) -> String {
    out.revision_id.expect("revisionId in the update response").to_string()
}

fn all_state_machines(reg: &InMemoryRegistry) -> Value {
    let mut input = ListStateMachinesInput::new();
    input.max_results = Some(1000);
    to_json(&reg.list_state_machines(input).expect("list state machines"))
}

fn version_arns(reg: &InMemoryRegistry, arn: &str) -> Vec<String> {
    let mut input = ListStateMachineVersionsInput::new(arn);
    input.max_results = Some(1000);
    let out = reg.list_state_machine_versions(input).expect("list versions");
    out.state_machine_versions
        .iter()
        .map(|v| v.state_machine_version_arn.to_string())
        .collect()
}

/// Everything observable about one state machine, for "a failed request changes nothing".
fn snapshot(reg: &InMemoryRegistry, arn: &str) -> Value {
    let versions = version_arns(reg, arn);
    let described_versions: Vec<Value> = versions.iter().map(|v| to_json(&describe(reg, v))).collect();
    let mut aliases = ListStateMachineAliasesInput::new(arn);
    aliases.max_results = Some(1000);
    json!({
        "describe": to_json(&describe(reg, arn)),
        "versions": versions,
        "describedVersions": described_versions,
        "aliases": to_json(&reg.list_state_machine_aliases(aliases).expect("list aliases")),
        "tags": to_json(&reg.list_tags_for_resource(ListTagsForResourceInput::new(arn)).expect("list tags")),
        "stateMachines": all_state_machines(reg),
    })
}

fn logging_error_level() -> LoggingConfiguration {
    let mut logging = LoggingConfiguration::new(LogLevel::Error);
    logging.include_execution_data = Some(false);
    logging.destinations = Some(vec![LogDestination::cloud_watch_logs(
        "arn:aws:logs:us-east-1:123456789012:log-group:sfn-logs:*",
    )]);
    logging
}

// ---------------------------------------------------------------------------------------------
// §2.1 CreateStateMachine
// ---------------------------------------------------------------------------------------------

#[test]
fn create_with_publish_returns_version_1() {
    let mut reg = registry();
    let out = create_published(&mut reg, "sm", &def("R1"));
    assert_eq!(out.state_machine_arn.to_string(), sm_arn("sm"));
    let version = out.state_machine_version_arn.as_ref().expect("stateMachineVersionArn");
    assert_eq!(version.to_string(), format!("{}:1", sm_arn("sm")));
    assert_eq!(
        keys(&out),
        key_set(&["creationDate", "stateMachineArn", "stateMachineVersionArn"])
    );
    assert_eq!(version_arns(&reg, &sm_arn("sm")), [format!("{}:1", sm_arn("sm"))]);
}

#[test]
fn create_express_with_publish_returns_version_1() {
    let mut reg = registry();
    let mut input = CreateStateMachineInput::new("express", def("R1"), ROLE);
    input.r#type = Some(StateMachineType::Express);
    input.publish = true;
    let out = reg.create_state_machine(input).expect("create express with publish");
    assert_eq!(
        out.state_machine_version_arn.expect("version").to_string(),
        format!("{}:1", sm_arn("express"))
    );
    assert_eq!(
        describe(&reg, &format!("{}:1", sm_arn("express"))).r#type,
        StateMachineType::Express
    );
}

#[test]
fn create_without_publish_has_no_version_arn_key() {
    let mut reg = registry();
    let out = reg
        .create_state_machine(CreateStateMachineInput::new("sm", def("R1"), ROLE))
        .expect("create");
    assert_eq!(out.state_machine_version_arn, None);
    assert_eq!(keys(&out), key_set(&["creationDate", "stateMachineArn"]));
    assert!(version_arns(&reg, &sm_arn("sm")).is_empty());
}

#[test]
fn create_with_publish_false_explicitly_has_no_version_arn_key() {
    let mut reg = registry();
    let mut input = CreateStateMachineInput::new("sm", def("R1"), ROLE);
    input.publish = false;
    let out = reg.create_state_machine(input).expect("create");
    assert_eq!(keys(&out), key_set(&["creationDate", "stateMachineArn"]));
}

#[test]
fn create_version_description_without_publish_is_a_validation_exception() {
    let mut reg = registry();
    let before = all_state_machines(&reg);
    let mut input = CreateStateMachineInput::new("sm", def("R1"), ROLE);
    input.version_description = Some("HelloWorld!".to_owned());
    let e = assert_err(
        reg.create_state_machine(input),
        ErrorCode::ValidationException,
        "Version description can only be set when publish is true",
    );
    assert_eq!(e.http_status(), 400);
    assert_eq!(all_state_machines(&reg), before, "nothing was created");
    assert_err(
        reg.describe_state_machine(DescribeStateMachineInput::new(sm_arn("sm"))),
        ErrorCode::StateMachineDoesNotExist,
        &format!("State Machine Does Not Exist: '{}'", sm_arn("sm")),
    );
}

#[test]
fn create_with_publish_and_version_description_describes_it_on_the_version_only() {
    let mut reg = registry();
    let mut input = CreateStateMachineInput::new("sm", def("R1"), ROLE);
    input.publish = true;
    input.version_description = Some("HelloWorld!".to_owned());
    let out = reg.create_state_machine(input).expect("create");
    let version = out.state_machine_version_arn.expect("version").to_string();

    let described_version = describe(&reg, &version);
    assert_eq!(described_version.description.as_deref(), Some("HelloWorld!"));
    assert_eq!(to_json(&described_version)["description"], json!("HelloWorld!"));

    let described_sm = describe(&reg, &sm_arn("sm"));
    assert_eq!(described_sm.description, None);
    assert!(!keys(&described_sm).contains("description"));
}

#[test]
fn create_identical_replay_returns_the_same_state_machine() {
    let mut reg = registry();
    let first = reg
        .create_state_machine(CreateStateMachineInput::new("sm", def("R1"), ROLE))
        .expect("create");
    let second = reg
        .create_state_machine(CreateStateMachineInput::new("sm", def("R1"), ROLE))
        .expect("replay");
    assert_eq!(second.state_machine_arn, first.state_machine_arn);
    let listed = all_state_machines(&reg);
    assert_eq!(listed["stateMachines"].as_array().expect("list").len(), 1);
}

#[test]
fn create_identical_replay_with_publish_creates_no_second_version() {
    let mut reg = registry();
    let first = create_published(&mut reg, "sm", &def("R1"));
    let second = create_published(&mut reg, "sm", &def("R1"));
    assert_eq!(second.state_machine_arn, first.state_machine_arn);
    assert_eq!(version_arns(&reg, &sm_arn("sm")), [format!("{}:1", sm_arn("sm"))]);
}

#[test]
fn create_with_reformatted_definition_is_state_machine_already_exists() {
    let mut reg = registry();
    let arn = create(&mut reg, "sm", &def("R1"));
    let parsed: Value = serde_json::from_str(&def("R1")).expect("json");
    let reformatted = serde_json::to_string_pretty(&parsed).expect("json");
    assert_ne!(reformatted, def("R1"));
    let before = snapshot(&reg, &arn);
    let e = assert_err(
        reg.create_state_machine(CreateStateMachineInput::new("sm", reformatted, ROLE)),
        ErrorCode::StateMachineAlreadyExists,
        &format!("State Machine Already Exists: '{arn}'"),
    );
    assert_eq!(e.http_status(), 400);
    assert_eq!(snapshot(&reg, &arn), before);
}

#[test]
fn create_with_other_definition_is_state_machine_already_exists() {
    let mut reg = registry();
    let arn = create(&mut reg, "sm", &def("R1"));
    assert_err(
        reg.create_state_machine(CreateStateMachineInput::new("sm", def("R2"), ROLE)),
        ErrorCode::StateMachineAlreadyExists,
        &format!("State Machine Already Exists: '{arn}'"),
    );
    assert_eq!(describe(&reg, &arn).definition, def("R1"));
}

#[test]
fn create_idempotency_includes_publish_and_version_description() {
    let mut reg = registry();
    let arn = create(&mut reg, "plain", &def("R1"));
    let mut with_publish = CreateStateMachineInput::new("plain", def("R1"), ROLE);
    with_publish.publish = true;
    assert_err(
        reg.create_state_machine(with_publish),
        ErrorCode::StateMachineAlreadyExists,
        &format!("State Machine Already Exists: '{arn}'"),
    );
    assert!(version_arns(&reg, &arn).is_empty());

    let mut first = CreateStateMachineInput::new("described", def("R1"), ROLE);
    first.publish = true;
    first.version_description = Some("first".to_owned());
    let arn = reg
        .create_state_machine(first)
        .expect("create")
        .state_machine_arn
        .to_string();
    let mut other_description = CreateStateMachineInput::new("described", def("R1"), ROLE);
    other_description.publish = true;
    other_description.version_description = Some("second".to_owned());
    assert_err(
        reg.create_state_machine(other_description),
        ErrorCode::StateMachineAlreadyExists,
        &format!("State Machine Already Exists: '{arn}'"),
    );
    assert_eq!(version_arns(&reg, &arn), [format!("{arn}:1")]);
    assert_eq!(
        describe(&reg, &format!("{arn}:1")).description.as_deref(),
        Some("first")
    );
}

#[test]
fn create_idempotency_includes_type_logging_and_tracing() {
    let mut reg = registry();
    let arn = create(&mut reg, "sm", &def("R1"));
    let already = format!("State Machine Already Exists: '{arn}'");

    let mut express = CreateStateMachineInput::new("sm", def("R1"), ROLE);
    express.r#type = Some(StateMachineType::Express);
    assert_err(
        reg.create_state_machine(express),
        ErrorCode::StateMachineAlreadyExists,
        &already,
    );

    let mut traced = CreateStateMachineInput::new("sm", def("R1"), ROLE);
    traced.tracing_configuration = Some(TracingConfiguration::new(true));
    assert_err(
        reg.create_state_machine(traced),
        ErrorCode::StateMachineAlreadyExists,
        &already,
    );

    let mut logged = CreateStateMachineInput::new("sm", def("R1"), ROLE);
    logged.logging_configuration = Some(logging_error_level());
    assert_err(
        reg.create_state_machine(logged),
        ErrorCode::StateMachineAlreadyExists,
        &already,
    );
}

#[test]
fn create_replay_with_other_role_is_idempotent_and_keeps_the_role() {
    let mut reg = registry();
    let arn = create(&mut reg, "sm", &def("R1"));
    let replay = reg
        .create_state_machine(CreateStateMachineInput::new("sm", def("R1"), OTHER_ROLE))
        .expect("replay");
    assert_eq!(replay.state_machine_arn.to_string(), arn);
    assert_eq!(describe(&reg, &arn).role_arn, ROLE);
}

// ---------------------------------------------------------------------------------------------
// §2.2 UpdateStateMachine
// ---------------------------------------------------------------------------------------------

#[test]
fn update_real_change_without_publish_returns_revision_id_and_update_date_only() {
    let mut reg = registry();
    let arn = create(&mut reg, "sm", &def("R1"));
    let out = update_definition(&mut reg, &arn, &def("R2"));
    assert_eq!(keys(&out), key_set(&["revisionId", "updateDate"]));
    assert_uuid(&revision_of(&out));
    assert_eq!(out.state_machine_version_arn, None);
    assert!(version_arns(&reg, &arn).is_empty(), "no version without publish");
}

#[test]
fn update_real_change_with_publish_returns_revision_version_and_date() {
    let mut reg = registry();
    let arn = create_published(&mut reg, "sm", &def("R1"))
        .state_machine_arn
        .to_string();
    let first = update_definition_publish(&mut reg, &arn, &def("R2"));
    assert_eq!(
        keys(&first),
        key_set(&["revisionId", "stateMachineVersionArn", "updateDate"])
    );
    assert_eq!(
        first.state_machine_version_arn.as_ref().expect("version").to_string(),
        format!("{arn}:2")
    );
    let second = update_definition_publish(&mut reg, &arn, &def("R3"));
    assert_eq!(
        second.state_machine_version_arn.as_ref().expect("version").to_string(),
        format!("{arn}:3")
    );
    assert_ne!(revision_of(&first), revision_of(&second));
    assert_eq!(
        version_arns(&reg, &arn),
        [format!("{arn}:3"), format!("{arn}:2"), format!("{arn}:1")]
    );
}

#[test]
fn describe_has_no_revision_id_right_after_create() {
    let mut reg = registry();
    let arn = create(&mut reg, "sm", &def("R1"));
    let described = describe(&reg, &arn);
    assert_eq!(described.revision_id, None);
    assert!(!keys(&described).contains("revisionId"));
}

#[test]
fn each_definition_change_yields_a_new_revision_id_shown_by_describe() {
    let mut reg = registry();
    let arn = create(&mut reg, "sm", &def("R1"));
    let first = revision_of(&update_definition(&mut reg, &arn, &def("R2")));
    assert_eq!(describe(&reg, &arn).revision_id.expect("revisionId").to_string(), first);
    let second = revision_of(&update_definition(&mut reg, &arn, &def("R3")));
    assert_uuid(&second);
    assert_ne!(first, second);
    assert_eq!(
        describe(&reg, &arn).revision_id.expect("revisionId").to_string(),
        second
    );
    assert_eq!(describe(&reg, &arn).definition, def("R3"));
}

#[test]
fn a_role_change_yields_a_new_revision_id() {
    let mut reg = registry();
    let arn = create(&mut reg, "sm", &def("R1"));
    let mut input = UpdateStateMachineInput::new(&arn);
    input.role_arn = Some(OTHER_ROLE.to_owned());
    let out = reg.update_state_machine(input).expect("update role");
    let revision = revision_of(&out);
    assert_uuid(&revision);
    let described = describe(&reg, &arn);
    assert_eq!(described.role_arn, OTHER_ROLE);
    assert_eq!(described.revision_id.expect("revisionId").to_string(), revision);
}

#[test]
fn a_definition_and_role_change_yields_a_new_revision_id() {
    let mut reg = registry();
    let arn = create(&mut reg, "sm", &def("R1"));
    let before = revision_of(&update_definition(&mut reg, &arn, &def("R2")));
    let mut input = UpdateStateMachineInput::new(&arn);
    input.definition = Some(def("R3"));
    input.role_arn = Some(OTHER_ROLE.to_owned());
    let after = revision_of(&reg.update_state_machine(input).expect("update"));
    assert_ne!(before, after);
    assert_eq!(describe(&reg, &arn).revision_id.expect("revisionId").to_string(), after);
}

#[test]
fn a_logging_change_yields_a_new_revision_id() {
    let mut reg = registry();
    let arn = create(&mut reg, "sm", &def("R1"));
    let before = revision_of(&update_definition(&mut reg, &arn, &def("R2")));
    let mut input = UpdateStateMachineInput::new(&arn);
    input.logging_configuration = Some(logging_error_level());
    let after = revision_of(&reg.update_state_machine(input).expect("update logging"));
    assert_uuid(&after);
    assert_ne!(before, after);
    assert_eq!(describe(&reg, &arn).revision_id.expect("revisionId").to_string(), after);
}

#[test]
fn a_tracing_change_yields_a_new_revision_id() {
    let mut reg = registry();
    let arn = create(&mut reg, "sm", &def("R1"));
    let mut input = UpdateStateMachineInput::new(&arn);
    input.tracing_configuration = Some(TracingConfiguration::new(true));
    let out = reg
        .update_state_machine(input)
        .expect("tracing-only update is accepted");
    let revision = revision_of(&out);
    assert_uuid(&revision);
    let described = describe(&reg, &arn);
    assert_eq!(described.revision_id.expect("revisionId").to_string(), revision);
    assert_eq!(to_json(&described)["tracingConfiguration"], json!({"enabled": true}));
}

#[test]
fn a_no_op_update_after_a_real_one_keeps_the_revision_id() {
    let mut reg = registry();
    let arn = create(&mut reg, "sm", &def("R1"));
    let first = revision_of(&update_definition(&mut reg, &arn, &def("R2")));

    let same_definition = update_definition(&mut reg, &arn, &def("R2"));
    assert_eq!(keys(&same_definition), key_set(&["revisionId", "updateDate"]));
    assert_eq!(revision_of(&same_definition), first);

    let mut same_both = UpdateStateMachineInput::new(&arn);
    same_both.definition = Some(def("R2"));
    same_both.role_arn = Some(ROLE.to_owned());
    assert_eq!(
        revision_of(&reg.update_state_machine(same_both).expect("no-op update")),
        first
    );

    let mut same_tracing = UpdateStateMachineInput::new(&arn);
    same_tracing.tracing_configuration = Some(TracingConfiguration::new(false));
    assert_eq!(
        revision_of(&reg.update_state_machine(same_tracing).expect("no-op update")),
        first
    );

    assert_eq!(describe(&reg, &arn).revision_id.expect("revisionId").to_string(), first);
}

#[test]
fn a_no_op_update_at_the_initial_revision_has_no_revision_id() {
    let mut reg = registry();
    let arn = create(&mut reg, "sm", &def("R1"));
    let out = update_definition(&mut reg, &arn, &def("R1"));
    assert_eq!(keys(&out), key_set(&["updateDate"]));
    assert_eq!(describe(&reg, &arn).revision_id, None);
}

#[test]
fn update_publish_unchanged_after_create_without_publish_is_idempotent_version_1() {
    let mut reg = registry();
    let arn = create(&mut reg, "sm", &def("R1"));
    let first = update_definition_publish(&mut reg, &arn, &def("R1"));
    assert_eq!(keys(&first), key_set(&["stateMachineVersionArn", "updateDate"]));
    assert_eq!(
        first.state_machine_version_arn.expect("version").to_string(),
        format!("{arn}:1")
    );
    let second = update_definition_publish(&mut reg, &arn, &def("R1"));
    assert_eq!(keys(&second), key_set(&["stateMachineVersionArn", "updateDate"]));
    assert_eq!(
        second.state_machine_version_arn.expect("version").to_string(),
        format!("{arn}:1")
    );
    assert_eq!(version_arns(&reg, &arn), [format!("{arn}:1")]);
}

#[test]
fn update_publish_unchanged_after_create_with_publish_returns_version_1() {
    let mut reg = registry();
    let arn = create_published(&mut reg, "sm", &def("R1"))
        .state_machine_arn
        .to_string();
    for _ in 0..2 {
        let out = update_definition_publish(&mut reg, &arn, &def("R1"));
        assert_eq!(keys(&out), key_set(&["stateMachineVersionArn", "updateDate"]));
        assert_eq!(
            out.state_machine_version_arn.expect("version").to_string(),
            format!("{arn}:1")
        );
    }
    assert_eq!(version_arns(&reg, &arn), [format!("{arn}:1")]);
}

#[test]
fn update_publish_with_other_version_description_publishes_it() {
    let mut reg = registry();
    let mut create_input = CreateStateMachineInput::new("sm", def("R1"), ROLE);
    create_input.publish = true;
    create_input.version_description = Some("first version".to_owned());
    let arn = reg
        .create_state_machine(create_input)
        .expect("create")
        .state_machine_arn
        .to_string();

    let mut input = UpdateStateMachineInput::new(&arn);
    input.definition = Some(def("R1"));
    input.publish = true;
    input.version_description = Some("second version".to_owned());
    let out = reg.update_state_machine(input).expect("update");
    let version = out.state_machine_version_arn.expect("version").to_string();
    assert_eq!(describe(&reg, &version).description.as_deref(), Some("second version"));
    // Versions are immutable: version 1 keeps its description.
    assert_eq!(
        describe(&reg, &format!("{arn}:1")).description.as_deref(),
        Some("first version")
    );
}

#[test]
fn update_without_anything_to_update_is_missing_required_parameter() {
    let mut reg = registry();
    let arn = create(&mut reg, "sm", &def("R1"));
    let before = snapshot(&reg, &arn);
    let e = assert_err(
        reg.update_state_machine(UpdateStateMachineInput::new(&arn)),
        ErrorCode::MissingRequiredParameter,
        "Either the definition, the role ARN, the LoggingConfiguration, or the TracingConfiguration must be specified",
    );
    assert_eq!(e.http_status(), 400);
    let mut publish_only = UpdateStateMachineInput::new(&arn);
    publish_only.publish = true;
    assert_err(
        reg.update_state_machine(publish_only),
        ErrorCode::MissingRequiredParameter,
        "Either the definition, the role ARN, the LoggingConfiguration, or the TracingConfiguration must be specified",
    );
    assert_eq!(snapshot(&reg, &arn), before);
}

#[test]
fn update_with_a_version_arn_is_state_machine_does_not_exist() {
    let mut reg = registry();
    let arn = create_published(&mut reg, "sm", &def("R1"))
        .state_machine_arn
        .to_string();
    update_definition_publish(&mut reg, &arn, &def("R2"));
    let version = format!("{arn}:2");
    let before = snapshot(&reg, &arn);

    let mut input = UpdateStateMachineInput::new(&version);
    input.definition = Some(def("R3"));
    let e = assert_err(
        reg.update_state_machine(input),
        ErrorCode::StateMachineDoesNotExist,
        &format!("State Machine Does Not Exist: '{version}'"),
    );
    assert_eq!(e.http_status(), 400);

    let mut with_publish = UpdateStateMachineInput::new(&version);
    with_publish.definition = Some(def("R3"));
    with_publish.publish = true;
    assert_err(
        reg.update_state_machine(with_publish),
        ErrorCode::StateMachineDoesNotExist,
        &format!("State Machine Does Not Exist: '{version}'"),
    );
    assert_eq!(snapshot(&reg, &arn), before);
}

#[test]
fn a_tracing_only_update_with_publish_publishes_a_version() {
    let mut reg = registry();
    let arn = create(&mut reg, "plain", &def("R1"));
    let mut input = UpdateStateMachineInput::new(&arn);
    input.publish = true;
    input.tracing_configuration = Some(TracingConfiguration::new(true));
    let out = reg
        .update_state_machine(input)
        .expect("tracing-only update with publish");
    assert_eq!(
        out.state_machine_version_arn.expect("version").to_string(),
        format!("{arn}:1")
    );

    let arn = create_published(&mut reg, "published", &def("R1"))
        .state_machine_arn
        .to_string();
    let mut input = UpdateStateMachineInput::new(&arn);
    input.publish = true;
    input.tracing_configuration = Some(TracingConfiguration::new(true));
    input.logging_configuration = Some(LoggingConfiguration::new(LogLevel::Off));
    let out = reg.update_state_machine(input).expect("tracing update with publish");
    assert_eq!(
        out.state_machine_version_arn.expect("version").to_string(),
        format!("{arn}:2")
    );
    assert_eq!(
        to_json(&describe(&reg, &format!("{arn}:2")))["tracingConfiguration"],
        json!({"enabled": true})
    );
    assert_eq!(
        to_json(&describe(&reg, &format!("{arn}:1")))["tracingConfiguration"],
        json!({"enabled": false})
    );
}

#[test]
fn update_of_an_unknown_state_machine_is_state_machine_does_not_exist() {
    let mut reg = registry();
    let arn = sm_arn("missing");
    let mut input = UpdateStateMachineInput::new(&arn);
    input.definition = Some(def("R1"));
    assert_err(
        reg.update_state_machine(input),
        ErrorCode::StateMachineDoesNotExist,
        &format!("State Machine Does Not Exist: '{arn}'"),
    );
}

// ---------------------------------------------------------------------------------------------
// §2.10 DescribeStateMachine (and §1.1)
// ---------------------------------------------------------------------------------------------

#[test]
fn describe_never_updated_has_exactly_the_recorded_keys() {
    let mut reg = registry();
    let out = reg
        .create_state_machine(CreateStateMachineInput::new("sm", def("R1"), ROLE))
        .expect("create");
    let described = describe(&reg, &sm_arn("sm"));
    let value = to_json(&described);
    // §2.10's shape, plus the default encryption every recording since 2024-11 shows (§2d).
    assert_eq!(
        keys(&described),
        key_set(&[
            "creationDate",
            "definition",
            "encryptionConfiguration",
            "loggingConfiguration",
            "name",
            "roleArn",
            "stateMachineArn",
            "status",
            "tracingConfiguration",
            "type",
        ])
    );
    assert_eq!(value["encryptionConfiguration"], json!({"type": "AWS_OWNED_KEY"}));
    for absent in ["revisionId", "description", "label", "updateDate"] {
        assert!(value.get(absent).is_none(), "{absent} must be absent: {value}");
    }
    assert_eq!(
        value["loggingConfiguration"],
        json!({"includeExecutionData": false, "level": "OFF"})
    );
    assert_eq!(value["tracingConfiguration"], json!({"enabled": false}));
    assert_eq!(value["status"], json!("ACTIVE"));
    assert_eq!(value["type"], json!("STANDARD"));
    assert_eq!(value["name"], json!("sm"));
    assert_eq!(value["roleArn"], json!(ROLE));
    assert_eq!(value["definition"], json!(def("R1")));
    assert_eq!(value["stateMachineArn"], json!(sm_arn("sm")));
    assert_eq!(described.creation_date, out.creation_date);
}

#[test]
fn describe_shows_the_default_encryption_of_a_state_machine_created_without_one() {
    // aws-validation-and-edges.md §2d: machines created with only name, definition and role are
    // described with `"encryptionConfiguration": {"type": "AWS_OWNED_KEY"}` (no kmsKeyId, no
    // kmsDataKeyReusePeriodSeconds), after updates too; so are their versions.
    let mut reg = registry();
    let version = create_published(&mut reg, "sm", &def("R1"))
        .state_machine_version_arn
        .expect("version")
        .to_string();
    update_definition(&mut reg, &sm_arn("sm"), &def("R2"));
    let mut explicit = CreateStateMachineInput::new("explicit", def("R1"), ROLE);
    explicit.encryption_configuration = Some(EncryptionConfiguration::new(EncryptionType::AwsOwnedKey));
    reg.create_state_machine(explicit)
        .expect("create with an AWS owned key");
    for arn in [sm_arn("sm"), version, sm_arn("explicit")] {
        assert_eq!(
            to_json(&describe(&reg, &arn))["encryptionConfiguration"],
            json!({"type": "AWS_OWNED_KEY"}),
            "{arn}"
        );
    }
    // A customer managed key is shown as configured.
    let mut key = EncryptionConfiguration::new(EncryptionType::CustomerManagedKmsKey);
    key.kms_key_id = Some("alias/sm".into());
    key.kms_data_key_reuse_period_seconds = Some(300);
    let mut update = UpdateStateMachineInput::new(sm_arn("sm"));
    update.encryption_configuration = Some(key);
    reg.update_state_machine(update).expect("set a key");
    assert_eq!(
        to_json(&describe(&reg, &sm_arn("sm")))["encryptionConfiguration"],
        json!({"type": "CUSTOMER_MANAGED_KMS_KEY", "kmsKeyId": "alias/sm", "kmsDataKeyReusePeriodSeconds": 300})
    );
}

#[test]
fn describe_shows_revision_id_after_an_update() {
    let mut reg = registry();
    let arn = create(&mut reg, "sm", &def("R1"));
    let revision = revision_of(&update_definition(&mut reg, &arn, &def("R2")));
    let value = to_json(&describe(&reg, &arn));
    assert_eq!(value["revisionId"], json!(revision));
    assert!(value.get("description").is_none());
    assert!(value.get("updateDate").is_none());
}

#[test]
fn describe_version_has_the_version_arn_and_the_recorded_shape() {
    let mut reg = registry();
    let version = create_published(&mut reg, "sm", &def("R1"))
        .state_machine_version_arn
        .expect("version")
        .to_string();
    let described = describe(&reg, &version);
    let value = to_json(&described);
    assert_eq!(value["stateMachineArn"], json!(format!("{}:1", sm_arn("sm"))));
    assert_eq!(value["name"], json!("sm"));
    assert_eq!(value["status"], json!("ACTIVE"));
    assert_eq!(value["type"], json!("STANDARD"));
    assert_eq!(
        value["loggingConfiguration"],
        json!({"includeExecutionData": false, "level": "OFF"})
    );
    assert_eq!(value["tracingConfiguration"], json!({"enabled": false}));
    assert_eq!(value["encryptionConfiguration"], json!({"type": "AWS_OWNED_KEY"}));
    assert_eq!(
        keys(&described),
        key_set(&[
            "creationDate",
            "definition",
            "encryptionConfiguration",
            "loggingConfiguration",
            "name",
            "roleArn",
            "stateMachineArn",
            "status",
            "tracingConfiguration",
            "type",
        ]),
        "a version of the initial revision without description has no revisionId and no description"
    );
}

#[test]
fn describe_versions_keep_their_revision_after_the_state_machine_moves_on() {
    let (mut reg, clock) = registry_with_clock();
    let arn = create_published(&mut reg, "sm", &def("R1"))
        .state_machine_arn
        .to_string();
    clock.advance_millis(1_000);
    let r2 = revision_of(&update_definition(&mut reg, &arn, &def("R2")));
    clock.advance_millis(1_000);
    let mut publish = PublishStateMachineVersionInput::new(&arn);
    publish.description = Some("PublishedV2Description".to_owned());
    let published = reg.publish_state_machine_version(publish).expect("publish v2");
    assert_eq!(published.state_machine_version_arn.to_string(), format!("{arn}:2"));
    clock.advance_millis(1_000);
    let mut to_r3 = UpdateStateMachineInput::new(&arn);
    to_r3.definition = Some(def("R3"));
    to_r3.role_arn = Some(OTHER_ROLE.to_owned());
    let r3 = revision_of(&reg.update_state_machine(to_r3).expect("update to R3"));

    let v1 = to_json(&describe(&reg, &format!("{arn}:1")));
    assert_eq!(v1["definition"], json!(def("R1")));
    assert_eq!(v1["roleArn"], json!(ROLE));
    assert!(
        v1.get("revisionId").is_none(),
        "v1 came from the initial revision: {v1}"
    );
    assert!(v1.get("description").is_none(), "v1 has no description: {v1}");

    let v2 = describe(&reg, &format!("{arn}:2"));
    assert_eq!(v2.state_machine_arn.to_string(), format!("{arn}:2"));
    assert_eq!(v2.definition, def("R2"));
    assert_eq!(v2.role_arn, ROLE);
    assert_eq!(v2.revision_id.expect("revisionId of v2").to_string(), r2);
    assert_eq!(v2.description.as_deref(), Some("PublishedV2Description"));
    assert_eq!(
        v2.creation_date, published.creation_date,
        "a version's creationDate is the version's"
    );

    let current = describe(&reg, &arn);
    assert_eq!(current.definition, def("R3"));
    assert_eq!(current.role_arn, OTHER_ROLE);
    assert_eq!(current.revision_id.expect("revisionId").to_string(), r3);
    assert_eq!(current.description, None);
}

#[test]
fn describe_version_published_by_update_has_that_updates_revision_id() {
    let mut reg = registry();
    let arn = create(&mut reg, "sm", &def("R1"));
    let out = update_definition_publish(&mut reg, &arn, &def("R2"));
    let version = out.state_machine_version_arn.as_ref().expect("version").to_string();
    assert_eq!(
        describe(&reg, &version).revision_id.expect("revisionId").to_string(),
        revision_of(&out)
    );
}

#[test]
fn describe_malformed_arn_is_invalid_arn() {
    let reg = registry();
    let e = assert_err(
        reg.describe_state_machine(DescribeStateMachineInput::new("not_a_valid_arn")),
        ErrorCode::InvalidArn,
        "Invalid Arn: 'Invalid ARN prefix: not_a_valid_arn'",
    );
    assert_eq!(e.http_status(), 400);
}

#[test]
fn describe_unknown_state_machine_or_version_is_state_machine_does_not_exist() {
    let mut reg = registry();
    let missing = sm_arn("missing");
    let e = assert_err(
        reg.describe_state_machine(DescribeStateMachineInput::new(&missing)),
        ErrorCode::StateMachineDoesNotExist,
        &format!("State Machine Does Not Exist: '{missing}'"),
    );
    assert_eq!(e.http_status(), 400);
    let arn = create_published(&mut reg, "sm", &def("R1"))
        .state_machine_arn
        .to_string();
    let unknown_version = format!("{arn}:99");
    assert_err(
        reg.describe_state_machine(DescribeStateMachineInput::new(&unknown_version)),
        ErrorCode::StateMachineDoesNotExist,
        &format!("State Machine Does Not Exist: '{unknown_version}'"),
    );
}

// ---------------------------------------------------------------------------------------------
// §2.13 DeleteStateMachine
// ---------------------------------------------------------------------------------------------

#[test]
fn delete_state_machine_with_an_alias_succeeds_and_removes_versions_and_aliases() {
    let mut reg = registry();
    let created = create_published(&mut reg, "sm", &def("R1"));
    let arn = created.state_machine_arn.to_string();
    let version = created.state_machine_version_arn.expect("version").to_string();
    reg.create_state_machine_alias(CreateStateMachineAliasInput::new(
        "live",
        vec![RoutingConfigurationListItem::new(&version, 100)],
    ))
    .expect("create alias");

    let out = reg
        .delete_state_machine(DeleteStateMachineInput::new(&arn))
        .expect("delete with alias present");
    assert_eq!(to_json(&out), json!({}));

    assert_err(
        reg.describe_state_machine(DescribeStateMachineInput::new(&arn)),
        ErrorCode::StateMachineDoesNotExist,
        &format!("State Machine Does Not Exist: '{arn}'"),
    );
    assert_err(
        reg.describe_state_machine(DescribeStateMachineInput::new(&version)),
        ErrorCode::StateMachineDoesNotExist,
        &format!("State Machine Does Not Exist: '{version}'"),
    );
    assert_eq!(all_state_machines(&reg)["stateMachines"], json!([]));

    // A new state machine of the same name starts without the old versions and aliases.
    create(&mut reg, "sm", &def("R1"));
    assert!(version_arns(&reg, &arn).is_empty());
    let aliases = reg
        .list_state_machine_aliases(ListStateMachineAliasesInput::new(&arn))
        .expect("list aliases");
    assert!(aliases.state_machine_aliases.is_empty());
    assert_err(
        reg.describe_state_machine(DescribeStateMachineInput::new(&version)),
        ErrorCode::StateMachineDoesNotExist,
        &format!("State Machine Does Not Exist: '{version}'"),
    );
}

#[test]
fn delete_nonexistent_state_machine_succeeds() {
    let mut reg = registry();
    let out = reg
        .delete_state_machine(DeleteStateMachineInput::new(sm_arn("missing")))
        .expect("delete");
    assert_eq!(to_json(&out), json!({}));
    let arn = create(&mut reg, "sm", &def("R1"));
    reg.delete_state_machine(DeleteStateMachineInput::new(&arn))
        .expect("delete");
    reg.delete_state_machine(DeleteStateMachineInput::new(&arn))
        .expect("delete again");
}

// ---------------------------------------------------------------------------------------------
// ListStateMachines
// ---------------------------------------------------------------------------------------------

fn list_page(
    reg: &InMemoryRegistry,
    max_results: Option<i32>,
    token: Option<&str>,
) -> Result<sfn_registry::dto::ListStateMachinesOutput, Error> {
    let mut input = ListStateMachinesInput::new();
    input.max_results = max_results;
    input.next_token = token.map(str::to_owned);
    reg.list_state_machines(input)
}

#[test]
fn list_state_machines_pages_through_every_state_machine_once() {
    let mut reg = registry();
    let names: Vec<String> = (0..7).map(|i| format!("sm-{i}")).collect();
    for name in &names {
        create(&mut reg, name, &def(name));
    }
    let mut seen = Vec::new();
    let mut token: Option<String> = None;
    let mut pages = 0;
    loop {
        let page = list_page(&reg, Some(3), token.as_deref()).expect("page");
        pages += 1;
        assert!(page.state_machines.len() <= 3);
        for item in &page.state_machines {
            seen.push(item.name.to_string());
            assert_eq!(item.state_machine_arn.to_string(), sm_arn(item.name.as_str()));
            assert_eq!(
                keys(item),
                key_set(&["creationDate", "name", "stateMachineArn", "type"])
            );
        }
        match page.next_token {
            Some(t) => token = Some(t),
            None => break,
        }
    }
    assert_eq!(pages, 3);
    let mut sorted_seen = seen.clone();
    sorted_seen.sort();
    sorted_seen.dedup();
    assert_eq!(sorted_seen.len(), seen.len(), "no duplicates: {seen:?}");
    let mut expected = names.clone();
    expected.sort();
    assert_eq!(sorted_seen, expected);
}

/// Every page from `token` on, with `max_results` items each: the names, page by page.
fn list_names(reg: &InMemoryRegistry, max_results: i32) -> Vec<Vec<String>> {
    let mut pages = Vec::new();
    let mut token: Option<String> = None;
    loop {
        let page = list_page(reg, Some(max_results), token.as_deref()).expect("page");
        pages.push(page.state_machines.iter().map(|i| i.name.to_string()).collect());
        match page.next_token {
            Some(t) => token = Some(t),
            None => return pages,
        }
    }
}

#[test]
fn list_state_machines_lists_by_name_in_byte_order_as_recorded() {
    // test_list_sms_pagination (2024-07-01): 13 machines created in the order i = 0..12 and
    // named `statemachine_{i}_…` are listed `0, 10, 11, 12, 1, 2, …, 9`: by name, comparing
    // bytes (`0` is 0x30, `_` is 0x5F), not in creation or natural-number order.
    let mut reg = registry();
    for i in 0..13 {
        create(&mut reg, &format!("statemachine_{i}_f00d"), &def("R"));
    }
    let pages = list_names(&reg, 5);
    let order: Vec<usize> = pages
        .concat()
        .iter()
        .map(|n| {
            n["statemachine_".len()..n.len() - "_f00d".len()]
                .parse()
                .expect("a number")
        })
        .collect();
    assert_eq!(order, [0, 10, 11, 12, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    assert_eq!(pages.iter().map(Vec::len).collect::<Vec<_>>(), [5, 5, 3]);
}

#[test]
fn list_state_machines_compares_bytes_not_case_or_locale() {
    // Case and non-ASCII collation were not observed: bytes (code points) decide, so upper case
    // comes before lower case and `é` after `z`.
    let mut reg = registry();
    for name in [
        "zeta",
        "é-first-letter",
        "alpha",
        "Beta",
        "_under",
        "9-nine",
        "alpha-2",
        "a",
    ] {
        create(&mut reg, name, &def("R"));
    }
    assert_eq!(
        list_names(&reg, 3).concat(),
        [
            "9-nine",
            "Beta",
            "_under",
            "a",
            "alpha",
            "alpha-2",
            "zeta",
            "é-first-letter"
        ]
    );
}

#[test]
fn list_state_machines_pages_stay_stable_under_creates_and_deletes() {
    // A token resumes after the last name it listed: what is created or deleted between two
    // pages makes the next page neither skip nor repeat a state machine.
    let mut reg = registry();
    for name in ["b", "d", "f", "h", "j"] {
        create(&mut reg, name, &def("R"));
    }
    let first = list_page(&reg, Some(2), None).expect("page 1");
    let names = |out: &sfn_registry::dto::ListStateMachinesOutput| -> Vec<String> {
        out.state_machines.iter().map(|i| i.name.to_string()).collect()
    };
    assert_eq!(names(&first), ["b", "d"]);
    // Before the token: not listed any more. After it: listed. The last one listed, deleted:
    // the next page still starts after it.
    create(&mut reg, "a", &def("R"));
    create(&mut reg, "c", &def("R"));
    create(&mut reg, "e", &def("R"));
    reg.delete_state_machine(DeleteStateMachineInput::new(sm_arn("d")))
        .expect("delete d");
    reg.delete_state_machine(DeleteStateMachineInput::new(sm_arn("h")))
        .expect("delete h");
    let token = first.next_token.expect("a token");
    let second = list_page(&reg, Some(2), Some(&token)).expect("page 2");
    assert_eq!(names(&second), ["e", "f"]);
    create(&mut reg, "i", &def("R"));
    reg.delete_state_machine(DeleteStateMachineInput::new(sm_arn("f")))
        .expect("delete f");
    let third = list_page(&reg, Some(2), second.next_token.as_deref()).expect("page 3");
    assert_eq!(names(&third), ["i", "j"]);
    assert_eq!(third.next_token, None);
    // Once everything after the token is gone, the page is empty and has no token.
    reg.delete_state_machine(DeleteStateMachineInput::new(sm_arn("i")))
        .expect("delete i");
    reg.delete_state_machine(DeleteStateMachineInput::new(sm_arn("j")))
        .expect("delete j");
    let empty = list_page(&reg, Some(2), second.next_token.as_deref()).expect("empty page");
    assert_eq!(to_json(&empty), json!({"stateMachines": []}));
}

#[test]
fn list_state_machines_tokens_resume_after_the_longest_names() {
    // A token carries the name it resumes after: the longest names (80 characters, up to 240
    // bytes of UTF-8) still make tokens within the 1,024 characters of `nextToken`.
    let mut reg = registry();
    let names = ["\u{800}".repeat(80), "\u{801}".repeat(80), "z".repeat(80)];
    for name in &names {
        create(&mut reg, name, &def("R"));
    }
    let first = list_page(&reg, Some(1), None).expect("page 1");
    let token = first.next_token.expect("a token");
    assert!(token.len() <= 1024, "{} characters", token.len());
    let pages = list_names(&reg, 1);
    assert_eq!(pages.concat(), [names[2].clone(), names[0].clone(), names[1].clone()]);
}

#[test]
fn list_state_machines_page_exhausting_the_list_has_no_token() {
    let mut reg = registry();
    for i in 0..6 {
        create(&mut reg, &format!("sm-{i}"), &def("R"));
    }
    let first = list_page(&reg, Some(3), None).expect("page 1");
    assert_eq!(first.state_machines.len(), 3);
    let token = first.next_token.expect("a token while more remain");
    let second = list_page(&reg, Some(3), Some(&token)).expect("page 2");
    assert_eq!(second.state_machines.len(), 3);
    assert_eq!(second.next_token, None);
    assert!(!keys(&second).contains("nextToken"));
    let all = list_page(&reg, Some(0), None).expect("maxResults=0");
    assert_eq!(all.state_machines.len(), 6);
    assert_eq!(all.next_token, None);
}

#[test]
fn list_state_machines_empty_is_an_empty_list() {
    let reg = registry();
    assert_eq!(
        to_json(&list_page(&reg, None, None).expect("list")),
        json!({"stateMachines": []})
    );
}

#[test]
fn list_state_machines_default_page_size_is_100() {
    let mut reg = registry();
    for i in 0..101 {
        create(&mut reg, &format!("sm-{i:03}"), &def("R"));
    }
    let page = list_page(&reg, None, None).expect("list");
    assert_eq!(page.state_machines.len(), 100);
    let rest = list_page(&reg, None, page.next_token.as_deref()).expect("next page");
    assert_eq!(rest.state_machines.len(), 1);
    assert_eq!(rest.next_token, None);
}

#[test]
fn list_state_machines_max_results_above_1000_is_rejected() {
    let reg = registry();
    let e = assert_err(
        list_page(&reg, Some(1001), None),
        ErrorCode::ValidationException,
        "1 validation error detected: Value '1001' at 'maxResults' failed to satisfy constraint: \
         Member must have value less than or equal to 1000",
    );
    assert_eq!(e.http_status(), 400);
}

#[test]
fn list_state_machines_next_token_longer_than_1024_is_rejected() {
    let reg = registry();
    let token = "t".repeat(1025);
    assert_err(
        list_page(&reg, None, Some(&token)),
        ErrorCode::ValidationException,
        &format!(
            "1 validation error detected: Value '{token}' at 'nextToken' failed to satisfy constraint: \
             Member must have length less than or equal to 1024"
        ),
    );
}

fn two_page_registry() -> (InMemoryRegistry, ManualClock, String) {
    let (mut reg, clock) = registry_with_clock();
    for i in 0..4 {
        create(&mut reg, &format!("sm-{i}"), &def("R"));
    }
    let token = list_page(&reg, Some(2), None).expect("page").next_token.expect("token");
    (reg, clock, token)
}

#[test]
fn list_state_machines_garbled_token_is_invalid_token() {
    let (reg, _clock, token) = two_page_registry();
    let e = assert_err(
        list_page(&reg, Some(2), Some("InvalidToken")),
        ErrorCode::InvalidToken,
        "Invalid Token: 'Invalid token'",
    );
    assert_eq!(e.http_status(), 400);

    let mut garbled = token.into_bytes();
    let last = garbled.len() - 1;
    garbled[last] = if garbled[last] == b'0' { b'1' } else { b'0' };
    let garbled = String::from_utf8(garbled).expect("ascii");
    assert_err(
        list_page(&reg, Some(2), Some(&garbled)),
        ErrorCode::InvalidToken,
        "Invalid Token: 'Invalid token'",
    );

    let mut truncated = garbled.clone();
    truncated.pop();
    assert_err(
        list_page(&reg, Some(2), Some(&truncated)),
        ErrorCode::InvalidToken,
        "Invalid Token: 'Invalid token'",
    );
}

#[test]
fn list_state_machines_rejects_a_token_of_another_list() {
    let mut reg = registry();
    for i in 0..3 {
        create(&mut reg, &format!("sm-{i}"), &def("R"));
    }
    let arn = create_published(&mut reg, "versioned", &def("R0"))
        .state_machine_arn
        .to_string();
    update_definition_publish(&mut reg, &arn, &def("R1"));
    let mut versions = ListStateMachineVersionsInput::new(&arn);
    versions.max_results = Some(1);
    let versions_token = reg
        .list_state_machine_versions(versions)
        .expect("list versions")
        .next_token
        .expect("versions token");
    assert_err(
        list_page(&reg, Some(1), Some(&versions_token)),
        ErrorCode::InvalidToken,
        "Invalid Token: 'Invalid token'",
    );
}

#[test]
fn list_state_machines_token_expires_after_24_hours() {
    let (reg, clock, token) = two_page_registry();
    clock.advance_millis(DAY_MILLIS - 60_000);
    let page = list_page(&reg, Some(2), Some(&token)).expect("a token younger than 24 hours works");
    assert_eq!(page.state_machines.len(), 2);

    let (reg, clock, token) = two_page_registry();
    clock.advance_millis(DAY_MILLIS + 1_000);
    let e = assert_err(
        list_page(&reg, Some(2), Some(&token)),
        ErrorCode::InvalidToken,
        "Invalid Token: 'Invalid token'",
    );
    assert_eq!(e.http_status(), 400);
}

// ---------------------------------------------------------------------------------------------
// Role ARNs (aws-validation-and-edges.md §2e)
// ---------------------------------------------------------------------------------------------

#[test]
fn a_role_arn_that_is_not_an_arn_is_invalid_arn_with_the_input_echoed() {
    // aws/amazon-sagemaker-examples#2432 (real AWS): `Invalid Role Arn: '<execution-role-arn>'`.
    let mut reg = registry();
    let arn = create(&mut reg, "sm", &def("R1"));
    let before = snapshot(&reg, &arn);
    for role in [
        "<execution-role-arn>",
        "not-a-role",
        "arn:aws:iam",
        "arn:aws:iam::123456789012",
        "arn::iam::123456789012:role/r",
        "arn:aws:::123456789012:role/r",
        "arn:aws:iam::123456789012:",
        "ARN:aws:iam::123456789012:role/r",
        " arn:aws:iam::123456789012:role/r",
    ] {
        let message = format!("Invalid Role Arn: '{role}'");
        let e = assert_err(
            reg.create_state_machine(CreateStateMachineInput::new("other", def("R1"), role)),
            ErrorCode::InvalidArn,
            &message,
        );
        assert_eq!(e.http_status(), 400);
        let mut update = UpdateStateMachineInput::new(&arn);
        update.role_arn = Some(role.to_owned());
        assert_err(reg.update_state_machine(update), ErrorCode::InvalidArn, &message);
        assert_eq!(snapshot(&reg, &arn), before, "{role}");
        assert_err(
            reg.describe_state_machine(DescribeStateMachineInput::new(sm_arn("other"))),
            ErrorCode::StateMachineDoesNotExist,
            &format!("State Machine Does Not Exist: '{}'", sm_arn("other")),
        );
    }
}

#[test]
fn a_role_arn_is_not_refused_for_more_than_aws_was_seen_refusing() {
    // Nothing recorded refuses a well-formed ARN for its service, resource type, account length
    // or partition: Step Functions Local refused a policy ARN, the cloud was not observed doing so.
    let mut reg = registry();
    let arn = create(&mut reg, "sm", &def("R1"));
    for (i, role) in [
        "arn:aws:iam::1234:role/short-account",
        "arn:aws:iam::aws:policy/AWSBatchFullAccess",
        "arn:aws:lambda:us-east-1:123456789012:function:f",
        "arn:aws-cn:iam::123456789012:role/china",
        "arn:aws:iam::123456789012:role/path/to/role",
        "arn:aws:iam::123456789012:role/with:colon",
    ]
    .into_iter()
    .enumerate()
    {
        reg.create_state_machine(CreateStateMachineInput::new(format!("sm-{i}"), def("R1"), role))
            .unwrap_or_else(|e| panic!("create with {role}: {e}"));
        assert_eq!(describe(&reg, &sm_arn(&format!("sm-{i}"))).role_arn, role);
        let mut update = UpdateStateMachineInput::new(&arn);
        update.role_arn = Some(role.to_owned());
        reg.update_state_machine(update)
            .unwrap_or_else(|e| panic!("update with {role}: {e}"));
        assert_eq!(describe(&reg, &arn).role_arn, role);
    }
}

// ---------------------------------------------------------------------------------------------
// A failed request changes nothing; determinism
// ---------------------------------------------------------------------------------------------

#[test]
fn failed_state_machine_requests_change_nothing() {
    let mut reg = registry();
    let arn = create_published(&mut reg, "sm", &def("R1"))
        .state_machine_arn
        .to_string();
    update_definition_publish(&mut reg, &arn, &def("R2"));
    let before = snapshot(&reg, &arn);

    // Invalid definition, with publish.
    let mut invalid = UpdateStateMachineInput::new(&arn);
    invalid.definition = Some(r#"{"StartAt": "Missing", "States": {}}"#.to_owned());
    invalid.publish = true;
    let e = reg.update_state_machine(invalid).expect_err("invalid definition");
    assert_eq!(e.code(), ErrorCode::InvalidDefinition);
    assert_eq!(snapshot(&reg, &arn), before);

    // Invalid role.
    let mut bad_role = UpdateStateMachineInput::new(&arn);
    bad_role.definition = Some(def("R3"));
    bad_role.role_arn = Some("not-a-role".to_owned());
    bad_role.publish = true;
    reg.update_state_machine(bad_role).expect_err("invalid role");
    assert_eq!(snapshot(&reg, &arn), before);

    // Nothing to update.
    let mut nothing = UpdateStateMachineInput::new(&arn);
    nothing.publish = true;
    reg.update_state_machine(nothing).expect_err("nothing to update");
    assert_eq!(snapshot(&reg, &arn), before);

    // A version ARN.
    let mut version = UpdateStateMachineInput::new(format!("{arn}:1"));
    version.definition = Some(def("R3"));
    reg.update_state_machine(version).expect_err("version ARN");
    assert_eq!(snapshot(&reg, &arn), before);

    // Non-idempotent create, with other tags.
    let mut again = CreateStateMachineInput::new("sm", def("R9"), ROLE);
    again.publish = true;
    again.tags = Some(vec![Tag::new("k", "v")]);
    reg.create_state_machine(again).expect_err("already exists");
    assert_eq!(snapshot(&reg, &arn), before);

    // versionDescription without publish on create.
    let mut other = CreateStateMachineInput::new("other", def("R1"), ROLE);
    other.version_description = Some("d".to_owned());
    reg.create_state_machine(other)
        .expect_err("description without publish");
    assert_eq!(snapshot(&reg, &arn), before);
}

#[test]
fn failed_requests_do_not_consume_revision_ids() {
    let (mut quiet, _) = registry_with_seed(7);
    let (mut noisy, _) = registry_with_seed(7);
    let quiet_arn = create(&mut quiet, "sm", &def("R1"));
    let noisy_arn = create(&mut noisy, "sm", &def("R1"));

    let mut invalid = UpdateStateMachineInput::new(&noisy_arn);
    invalid.definition = Some("not json".to_owned());
    noisy.update_state_machine(invalid).expect_err("invalid definition");
    let mut nothing = UpdateStateMachineInput::new(&noisy_arn);
    nothing.publish = true;
    noisy.update_state_machine(nothing).expect_err("nothing to update");

    let quiet_revision = revision_of(&update_definition(&mut quiet, &quiet_arn, &def("R2")));
    let noisy_revision = revision_of(&update_definition(&mut noisy, &noisy_arn, &def("R2")));
    assert_eq!(noisy_revision, quiet_revision);
}

fn revision_history(seed: u64) -> (Vec<String>, Value) {
    let (mut reg, clock) = registry_with_seed(seed);
    let arn = create_published(&mut reg, "sm", &def("R1"))
        .state_machine_arn
        .to_string();
    let other = create(&mut reg, "other", &def("R1"));
    let mut ids = Vec::new();
    for i in 2..6 {
        clock.advance_millis(1_000);
        ids.push(revision_of(&update_definition_publish(
            &mut reg,
            &arn,
            &def(&format!("R{i}")),
        )));
        ids.push(revision_of(&update_definition(
            &mut reg,
            &other,
            &def(&format!("R{i}")),
        )));
    }
    let mut role = UpdateStateMachineInput::new(&arn);
    role.role_arn = Some(OTHER_ROLE.to_owned());
    ids.push(revision_of(&reg.update_state_machine(role).expect("role update")));
    (ids, snapshot(&reg, &arn))
}

#[test]
fn same_seed_and_calls_give_identical_revision_ids() {
    let (first_ids, first_snapshot) = revision_history(1);
    let (second_ids, second_snapshot) = revision_history(1);
    assert_eq!(first_ids, second_ids);
    assert_eq!(first_snapshot, second_snapshot);
    for id in &first_ids {
        assert_uuid(id);
    }
    let distinct: BTreeSet<&String> = first_ids.iter().collect();
    assert_eq!(distinct.len(), first_ids.len(), "every revision has its own id");

    let (other_seed_ids, _) = revision_history(2);
    assert_ne!(other_seed_ids, first_ids, "the seed drives the revision ids");
}
