//! PublishStateMachineVersion, DeleteStateMachineVersion and ListStateMachineVersions, pinned
//! against the recordings of real AWS (`aws-behaviour.md` §1.1, §2.3, §2.4, §2.5) and, where
//! nothing was observed, the AWS API documentation.

use serde_json::{Value, json};
use sfn_registry::dto::{
    CreateStateMachineAliasInput, CreateStateMachineInput, DeleteStateMachineVersionInput, DescribeStateMachineInput,
    DescribeStateMachineOutput, ListStateMachineAliasesInput, ListStateMachineVersionsInput,
    ListStateMachineVersionsOutput, ListStateMachinesInput, PublishStateMachineVersionInput,
    PublishStateMachineVersionOutput, RoutingConfigurationListItem, UpdateStateMachineAliasInput,
    UpdateStateMachineInput, UpdateStateMachineOutput,
};
use sfn_registry::{Error, ErrorCode, InMemoryRegistry, ManualClock, Registry, Timestamp};

mod common;
use common::{assert_code, assert_err, key_set, keys, to_json};

const START_MILLIS: i64 = 1_700_000_000_000;
const ROLE: &str = "arn:aws:iam::123456789012:role/sfn-role";
const SM_PREFIX: &str = "arn:aws:states:us-east-1:123456789012:stateMachine:";
const DAY_MILLIS: i64 = 24 * 60 * 60 * 1000;

fn registry_with_clock() -> (InMemoryRegistry, ManualClock) {
    let clock = ManualClock::new(Timestamp::from_unix_millis(START_MILLIS));
    let registry = InMemoryRegistry::builder()
        .clock(clock.clone())
        .seed(1)
        .build()
        .expect("valid scope");
    (registry, clock)
}

fn registry() -> InMemoryRegistry {
    registry_with_clock().0
}

/// A valid definition whose text depends on `tag`.
fn def(tag: &str) -> String {
    format!(r#"{{"StartAt":"A","States":{{"A":{{"Type":"Pass","Result":"{tag}","End":true}}}}}}"#)
}

fn sm_arn(name: &str) -> String {
    format!("{SM_PREFIX}{name}")
}

fn create(reg: &mut InMemoryRegistry, name: &str, publish: bool) -> String {
    let mut input = CreateStateMachineInput::new(name, def("R1"), ROLE);
    input.publish = publish;
    reg.create_state_machine(input)
        .expect("create")
        .state_machine_arn
        .to_string()
}

fn update(reg: &mut InMemoryRegistry, arn: &str, definition: &str, publish: bool) -> UpdateStateMachineOutput {
    let mut input = UpdateStateMachineInput::new(arn);
    input.definition = Some(definition.to_owned());
    input.publish = publish;
    reg.update_state_machine(input).expect("update")
}

fn revision_of(out: &UpdateStateMachineOutput) -> String {
    out.revision_id.expect("revisionId").to_string()
}

fn publish(reg: &mut InMemoryRegistry, arn: &str) -> Result<PublishStateMachineVersionOutput, Error> {
    reg.publish_state_machine_version(PublishStateMachineVersionInput::new(arn))
}

fn publish_arn(reg: &mut InMemoryRegistry, arn: &str) -> String {
    publish(reg, arn)
        .expect("publish")
        .state_machine_version_arn
        .to_string()
}

fn delete_version(reg: &mut InMemoryRegistry, version: &str) -> Result<Value, Error> {
    reg.delete_state_machine_version(DeleteStateMachineVersionInput::new(version))
        .map(|out| to_json(&out))
}

fn describe(reg: &InMemoryRegistry, arn: &str) -> DescribeStateMachineOutput {
    reg.describe_state_machine(DescribeStateMachineInput::new(arn))
        .expect("describe")
}

fn list(
    reg: &InMemoryRegistry,
    arn: &str,
    max_results: Option<i32>,
    token: Option<&str>,
) -> Result<ListStateMachineVersionsOutput, Error> {
    let mut input = ListStateMachineVersionsInput::new(arn);
    input.max_results = max_results;
    input.next_token = token.map(str::to_owned);
    reg.list_state_machine_versions(input)
}

fn arns(out: &ListStateMachineVersionsOutput) -> Vec<String> {
    out.state_machine_versions
        .iter()
        .map(|v| v.state_machine_version_arn.to_string())
        .collect()
}

fn version_arns(reg: &InMemoryRegistry, arn: &str) -> Vec<String> {
    arns(&list(reg, arn, Some(1000), None).expect("list versions"))
}

/// `arn:1` … `arn:n`, newest first.
fn newest_first(arn: &str, numbers: impl DoubleEndedIterator<Item = u32>) -> Vec<String> {
    numbers.rev().map(|n| format!("{arn}:{n}")).collect()
}

/// Everything observable about one state machine, for "a failed request changes nothing".
fn snapshot(reg: &InMemoryRegistry, arn: &str) -> Value {
    let versions = version_arns(reg, arn);
    let described: Vec<Value> = versions.iter().map(|v| to_json(&describe(reg, v))).collect();
    let mut aliases = ListStateMachineAliasesInput::new(arn);
    aliases.max_results = Some(1000);
    let mut machines = ListStateMachinesInput::new();
    machines.max_results = Some(1000);
    json!({
        "describe": to_json(&describe(reg, arn)),
        "versions": to_json(&list(reg, arn, Some(1000), None).expect("list versions")),
        "describedVersions": described,
        "aliases": to_json(&reg.list_state_machine_aliases(aliases).expect("list aliases")),
        "stateMachines": to_json(&reg.list_state_machines(machines).expect("list state machines")),
    })
}

/// A state machine with versions `:1` … `:count` (created with publish, then updated with
/// publish and a new definition `count - 1` times).
fn with_versions(reg: &mut InMemoryRegistry, name: &str, count: u32) -> String {
    let arn = create(reg, name, true);
    for i in 2..=count {
        let out = update(reg, &arn, &def(&format!("R{i}")), true);
        assert_eq!(
            out.state_machine_version_arn.expect("version").to_string(),
            format!("{arn}:{i}")
        );
    }
    arn
}

fn alias_to(reg: &mut InMemoryRegistry, name: &str, version: &str) -> String {
    reg.create_state_machine_alias(CreateStateMachineAliasInput::new(
        name,
        vec![RoutingConfigurationListItem::new(version, 100)],
    ))
    .expect("create alias")
    .state_machine_alias_arn
    .to_string()
}

// ---------------------------------------------------------------------------------------------
// §2.3 PublishStateMachineVersion
// ---------------------------------------------------------------------------------------------

#[test]
fn publish_returns_creation_date_and_version_arn() {
    let (mut reg, clock) = registry_with_clock();
    let arn = create(&mut reg, "sm", false);
    clock.advance_millis(5_000);
    let out = publish(&mut reg, &arn).expect("publish");
    assert_eq!(keys(&out), key_set(&["creationDate", "stateMachineVersionArn"]));
    assert_eq!(out.state_machine_version_arn.to_string(), format!("{}:1", sm_arn("sm")));
    assert_eq!(out.creation_date, Timestamp::from_unix_millis(START_MILLIS + 5_000));
    let listed = list(&reg, &arn, None, None).expect("list");
    assert_eq!(listed.state_machine_versions.len(), 1);
    assert_eq!(listed.state_machine_versions[0].creation_date, out.creation_date);
}

#[test]
fn publish_stores_the_description_and_omits_it_when_not_given() {
    let mut reg = registry();
    let arn = create(&mut reg, "sm", false);
    let v1 = publish_arn(&mut reg, &arn);
    update(&mut reg, &arn, &def("R2"), false);
    let mut input = PublishStateMachineVersionInput::new(&arn);
    input.description = Some("PublishedV2Description".to_owned());
    let v2 = reg
        .publish_state_machine_version(input)
        .expect("publish v2")
        .state_machine_version_arn
        .to_string();
    assert_eq!(v2, format!("{arn}:2"));

    let described_v1 = describe(&reg, &v1);
    assert_eq!(described_v1.description, None);
    assert!(!keys(&described_v1).contains("description"));
    assert_eq!(
        to_json(&describe(&reg, &v2))["description"],
        json!("PublishedV2Description")
    );
}

#[test]
fn publish_is_idempotent_per_revision() {
    let mut reg = registry();
    let arn = create(&mut reg, "sm", false);
    let first = publish(&mut reg, &arn).expect("publish");
    let second = publish(&mut reg, &arn).expect("publish again");
    assert_eq!(first.state_machine_version_arn.to_string(), format!("{arn}:1"));
    assert_eq!(second.state_machine_version_arn, first.state_machine_version_arn);
    assert_eq!(version_arns(&reg, &arn), [format!("{arn}:1")]);
}

#[test]
fn publish_after_create_with_publish_returns_version_1() {
    let mut reg = registry();
    let arn = create(&mut reg, "sm", true);
    assert_eq!(publish_arn(&mut reg, &arn), format!("{arn}:1"));
    assert_eq!(version_arns(&reg, &arn), [format!("{arn}:1")]);
}

#[test]
fn publish_after_a_change_makes_the_next_version() {
    let mut reg = registry();
    let arn = create(&mut reg, "sm", true);
    update(&mut reg, &arn, &def("R2"), false);
    assert_eq!(publish_arn(&mut reg, &arn), format!("{arn}:2"));
    assert_eq!(publish_arn(&mut reg, &arn), format!("{arn}:2"));
    assert_eq!(version_arns(&reg, &arn), [format!("{arn}:2"), format!("{arn}:1")]);
}

#[test]
fn version_numbers_are_never_reused_after_a_delete() {
    let mut reg = registry();
    let arn = create(&mut reg, "sm", true);
    let v2 = update(&mut reg, &arn, &def("R2"), true)
        .state_machine_version_arn
        .expect("v2")
        .to_string();
    assert_eq!(v2, format!("{arn}:2"));
    delete_version(&mut reg, &v2).expect("delete v2");
    // The current revision's version is gone: publishing it again makes a new version.
    assert_eq!(publish_arn(&mut reg, &arn), format!("{arn}:3"));
    assert_eq!(version_arns(&reg, &arn), [format!("{arn}:3"), format!("{arn}:1")]);
    assert_eq!(describe(&reg, &format!("{arn}:3")).definition, def("R2"));
}

#[test]
fn version_numbers_keep_increasing_after_deleting_older_versions() {
    let mut reg = registry();
    let arn = with_versions(&mut reg, "sm", 3);
    delete_version(&mut reg, &format!("{arn}:1")).expect("delete v1");
    delete_version(&mut reg, &format!("{arn}:2")).expect("delete v2");
    let v4 = update(&mut reg, &arn, &def("R4"), true)
        .state_machine_version_arn
        .expect("v4")
        .to_string();
    assert_eq!(v4, format!("{arn}:4"));
    update(&mut reg, &arn, &def("R5"), false);
    assert_eq!(publish_arn(&mut reg, &arn), format!("{arn}:5"));
    assert_eq!(version_arns(&reg, &arn), newest_first(&arn, 3..=5));
    assert_eq!(describe(&reg, &format!("{arn}:3")).definition, def("R3"));
}

#[test]
fn publish_with_a_stale_revision_id_is_a_conflict() {
    let mut reg = registry();
    let arn = create(&mut reg, "sm", false);
    let r2 = revision_of(&update(&mut reg, &arn, &def("R2"), false));
    let r3 = revision_of(&update(&mut reg, &arn, &def("R3"), false));
    let before = snapshot(&reg, &arn);
    let mut input = PublishStateMachineVersionInput::new(&arn);
    input.revision_id = Some(r2.clone());
    let e = assert_err(
        reg.publish_state_machine_version(input),
        ErrorCode::ConflictException,
        &format!(
            "Failed to publish the State Machine version for revision {r2}. The current State Machine revision is {r3}."
        ),
    );
    assert_eq!(e.http_status(), 409);
    assert_eq!(snapshot(&reg, &arn), before);
    assert!(version_arns(&reg, &arn).is_empty());
}

#[test]
fn publish_with_the_current_revision_id_publishes() {
    let mut reg = registry();
    let arn = create(&mut reg, "sm", false);
    let r2 = revision_of(&update(&mut reg, &arn, &def("R2"), false));
    let mut input = PublishStateMachineVersionInput::new(&arn);
    input.revision_id = Some(r2.clone());
    let version = reg
        .publish_state_machine_version(input)
        .expect("publish")
        .state_machine_version_arn
        .to_string();
    assert_eq!(version, format!("{arn}:1"));
    assert_eq!(
        describe(&reg, &version).revision_id.expect("revisionId").to_string(),
        r2
    );
}

#[test]
fn publish_with_initial_on_a_never_updated_state_machine_publishes() {
    let mut reg = registry();
    let arn = create(&mut reg, "sm", false);
    let mut input = PublishStateMachineVersionInput::new(&arn);
    input.revision_id = Some("INITIAL".to_owned());
    let version = reg.publish_state_machine_version(input).expect("publish INITIAL");
    assert_eq!(version.state_machine_version_arn.to_string(), format!("{arn}:1"));
    assert_eq!(describe(&reg, &format!("{arn}:1")).revision_id, None);

    let published = create(&mut reg, "published", true);
    let mut again = PublishStateMachineVersionInput::new(&published);
    again.revision_id = Some("INITIAL".to_owned());
    let out = reg
        .publish_state_machine_version(again)
        .expect("publish INITIAL after create with publish");
    assert_eq!(out.state_machine_version_arn.to_string(), format!("{published}:1"));
}

#[test]
fn publish_with_initial_after_an_update_is_a_conflict() {
    let mut reg = registry();
    let arn = create(&mut reg, "sm", false);
    let r2 = revision_of(&update(&mut reg, &arn, &def("R2"), false));
    let before = snapshot(&reg, &arn);
    let mut input = PublishStateMachineVersionInput::new(&arn);
    input.revision_id = Some("INITIAL".to_owned());
    let e = assert_err(
        reg.publish_state_machine_version(input),
        ErrorCode::ConflictException,
        &format!(
            "Failed to publish the State Machine version for revision INITIAL. The current State Machine revision is {r2}."
        ),
    );
    assert_eq!(e.http_status(), 409);
    assert_eq!(snapshot(&reg, &arn), before);
}

#[test]
fn publish_on_an_unknown_state_machine_is_state_machine_does_not_exist() {
    let mut reg = registry();
    let arn = sm_arn("missing");
    let e = assert_err(
        publish(&mut reg, &arn),
        ErrorCode::StateMachineDoesNotExist,
        &format!("State Machine Does Not Exist: '{arn}'"),
    );
    assert_eq!(e.http_status(), 400);
}

#[test]
fn publish_with_a_malformed_arn_is_invalid_arn() {
    let mut reg = registry();
    let e = assert_err(
        publish(&mut reg, "invalid_arn"),
        ErrorCode::InvalidArn,
        "Invalid Arn: 'Invalid ARN prefix: invalid_arn'",
    );
    assert_eq!(e.http_status(), 400);
}

#[test]
fn the_1000_version_quota_is_service_quota_exceeded_with_status_402() {
    let mut reg = registry();
    let arn = with_versions(&mut reg, "sm", 1000);
    let all = list(&reg, &arn, Some(1000), None).expect("list");
    assert_eq!(all.state_machine_versions.len(), 1000);
    assert_eq!(all.next_token, None);

    // The current revision already has version 1000: publishing it again is idempotent.
    assert_eq!(publish_arn(&mut reg, &arn), format!("{arn}:1000"));

    // An update without publish still works.
    let r1001 = revision_of(&update(&mut reg, &arn, &def("R1001"), false));
    let before = snapshot(&reg, &arn);

    let e = assert_code(publish(&mut reg, &arn), ErrorCode::ServiceQuotaExceededException);
    assert_eq!(e.http_status(), 402);
    assert_eq!(snapshot(&reg, &arn), before);

    let mut with_publish = UpdateStateMachineInput::new(&arn);
    with_publish.definition = Some(def("R1002"));
    with_publish.publish = true;
    let e = assert_code(
        reg.update_state_machine(with_publish),
        ErrorCode::ServiceQuotaExceededException,
    );
    assert_eq!(e.http_status(), 402);
    assert_eq!(snapshot(&reg, &arn), before);
    assert_eq!(describe(&reg, &arn).revision_id.expect("revisionId").to_string(), r1001);

    // Deleting a version makes room; the number is not reused.
    delete_version(&mut reg, &format!("{arn}:1")).expect("delete v1");
    assert_eq!(publish_arn(&mut reg, &arn), format!("{arn}:1001"));
    assert_eq!(describe(&reg, &format!("{arn}:1001")).definition, def("R1001"));
}

// ---------------------------------------------------------------------------------------------
// §2.4 DeleteStateMachineVersion
// ---------------------------------------------------------------------------------------------

#[test]
fn delete_version_returns_an_empty_object_and_is_idempotent() {
    let mut reg = registry();
    let arn = with_versions(&mut reg, "sm", 2);
    let v1 = format!("{arn}:1");
    assert_eq!(delete_version(&mut reg, &v1).expect("delete"), json!({}));
    assert_eq!(version_arns(&reg, &arn), [format!("{arn}:2")]);
    assert_eq!(delete_version(&mut reg, &v1).expect("delete again"), json!({}));
    assert_eq!(version_arns(&reg, &arn), [format!("{arn}:2")]);
}

#[test]
fn delete_version_referenced_by_an_alias_is_a_conflict_until_the_alias_moves() {
    let mut reg = registry();
    let arn = with_versions(&mut reg, "sm", 2);
    let v1 = format!("{arn}:1");
    let alias = alias_to(&mut reg, "live", &v1);
    let before = snapshot(&reg, &arn);

    let e = assert_err(
        delete_version(&mut reg, &v1),
        ErrorCode::ConflictException,
        "Version to be deleted must not be referenced by an alias. Current list of aliases referencing this version: [live]",
    );
    assert_eq!(e.http_status(), 409);
    assert_eq!(snapshot(&reg, &arn), before);

    let mut repoint = UpdateStateMachineAliasInput::new(&alias);
    repoint.routing_configuration = Some(vec![RoutingConfigurationListItem::new(format!("{arn}:2"), 100)]);
    reg.update_state_machine_alias(repoint).expect("re-point the alias");
    assert_eq!(
        delete_version(&mut reg, &v1).expect("delete after re-pointing"),
        json!({})
    );
    assert_eq!(version_arns(&reg, &arn), [format!("{arn}:2")]);
}

// ---------------------------------------------------------------------------------------------
// §2.5 ListStateMachineVersions
// ---------------------------------------------------------------------------------------------

#[test]
fn list_versions_items_have_only_creation_date_and_arn_newest_first() {
    let mut reg = registry();
    let arn = with_versions(&mut reg, "sm", 2);
    let out = list(&reg, &arn, None, None).expect("list");
    assert_eq!(arns(&out), [format!("{arn}:2"), format!("{arn}:1")]);
    for item in &out.state_machine_versions {
        assert_eq!(keys(item), key_set(&["creationDate", "stateMachineVersionArn"]));
    }
    assert_eq!(keys(&out), key_set(&["stateMachineVersions"]));
}

#[test]
fn list_versions_paginates_10_then_3_over_13_versions() {
    let mut reg = registry();
    let arn = with_versions(&mut reg, "sm", 13);

    let first = list(&reg, &arn, Some(10), None).expect("page 1");
    assert_eq!(arns(&first), newest_first(&arn, 4..=13));
    let token = first.next_token.clone().expect("nextToken after 10 of 13");

    let second = list(&reg, &arn, Some(3), Some(&token)).expect("page 2");
    assert_eq!(arns(&second), newest_first(&arn, 1..=3));
    assert_eq!(second.next_token, None, "a page that exhausts the list has no token");
    assert!(!keys(&second).contains("nextToken"));
}

#[test]
fn list_versions_max_results_0_returns_all() {
    let mut reg = registry();
    let arn = with_versions(&mut reg, "sm", 13);
    let out = list(&reg, &arn, Some(0), None).expect("maxResults=0");
    assert_eq!(arns(&out), newest_first(&arn, 1..=13));
    assert_eq!(out.next_token, None);
}

#[test]
fn list_versions_default_page_size_is_100() {
    let mut reg = registry();
    let arn = with_versions(&mut reg, "sm", 101);
    let first = list(&reg, &arn, None, None).expect("page 1");
    assert_eq!(arns(&first), newest_first(&arn, 2..=101));
    let second = list(&reg, &arn, None, first.next_token.as_deref()).expect("page 2");
    assert_eq!(arns(&second), [format!("{arn}:1")]);
    assert_eq!(second.next_token, None);
}

#[test]
fn list_versions_max_results_1001_is_a_validation_exception() {
    let mut reg = registry();
    let arn = with_versions(&mut reg, "sm", 1);
    let e = assert_err(
        list(&reg, &arn, Some(1001), None),
        ErrorCode::ValidationException,
        "1 validation error detected: Value '1001' at 'maxResults' failed to satisfy constraint: \
         Member must have value less than or equal to 1000",
    );
    assert_eq!(e.http_status(), 400);
}

#[test]
fn list_versions_next_token_of_1025_chars_is_a_validation_exception_echoing_it() {
    let mut reg = registry();
    let arn = with_versions(&mut reg, "sm", 1);
    let token: String = "0123456789abcdef".chars().cycle().take(1025).collect();
    let e = assert_err(
        list(&reg, &arn, None, Some(&token)),
        ErrorCode::ValidationException,
        &format!(
            "1 validation error detected: Value '{token}' at 'nextToken' failed to satisfy constraint: \
             Member must have length less than or equal to 1024"
        ),
    );
    assert_eq!(e.http_status(), 400);
}

#[test]
fn list_versions_after_deleting_every_version_is_empty() {
    let mut reg = registry();
    let arn = with_versions(&mut reg, "sm", 2);
    delete_version(&mut reg, &format!("{arn}:2")).expect("delete v2");
    delete_version(&mut reg, &format!("{arn}:1")).expect("delete v1");
    let out = list(&reg, &arn, None, None).expect("list");
    assert_eq!(to_json(&out), json!({"stateMachineVersions": []}));
}

#[test]
fn list_versions_of_a_plain_state_machine_is_empty() {
    let mut reg = registry();
    let arn = create(&mut reg, "sm", false);
    assert_eq!(
        to_json(&list(&reg, &arn, None, None).expect("list")),
        json!({"stateMachineVersions": []})
    );
}

#[test]
fn list_versions_rejects_a_token_of_another_state_machine_or_an_expired_one() {
    let (mut reg, clock) = registry_with_clock();
    let a = with_versions(&mut reg, "a", 3);
    let b = with_versions(&mut reg, "b", 3);
    let token = list(&reg, &a, Some(1), None).expect("page").next_token.expect("token");
    assert_err(
        list(&reg, &b, Some(1), Some(&token)),
        ErrorCode::InvalidToken,
        "Invalid Token: 'Invalid token'",
    );
    assert_eq!(
        arns(&list(&reg, &a, Some(1), Some(&token)).expect("same list")),
        [format!("{a}:2")]
    );
    clock.advance_millis(DAY_MILLIS + 1_000);
    assert_err(
        list(&reg, &a, Some(1), Some(&token)),
        ErrorCode::InvalidToken,
        "Invalid Token: 'Invalid token'",
    );
}

// ---------------------------------------------------------------------------------------------
// A failed request changes nothing
// ---------------------------------------------------------------------------------------------

#[test]
fn failed_version_requests_change_nothing() {
    let mut reg = registry();
    let arn = with_versions(&mut reg, "sm", 2);
    alias_to(&mut reg, "live", &format!("{arn}:2"));
    let r3 = revision_of(&update(&mut reg, &arn, &def("R3"), false));
    let before = snapshot(&reg, &arn);

    let mut stale = PublishStateMachineVersionInput::new(&arn);
    stale.revision_id = Some("00000000-0000-4000-8000-000000000000".to_owned());
    stale.description = Some("never".to_owned());
    assert_err(
        reg.publish_state_machine_version(stale),
        ErrorCode::ConflictException,
        &format!(
            "Failed to publish the State Machine version for revision 00000000-0000-4000-8000-000000000000. \
             The current State Machine revision is {r3}."
        ),
    );
    assert_eq!(snapshot(&reg, &arn), before);

    assert_code(
        delete_version(&mut reg, &format!("{arn}:2")),
        ErrorCode::ConflictException,
    );
    assert_eq!(snapshot(&reg, &arn), before);

    assert_code(publish(&mut reg, "invalid_arn"), ErrorCode::InvalidArn);
    assert_code(
        publish(&mut reg, &sm_arn("missing")),
        ErrorCode::StateMachineDoesNotExist,
    );
    assert_code(list(&reg, &arn, Some(1001), None), ErrorCode::ValidationException);
    assert_eq!(snapshot(&reg, &arn), before);
}
