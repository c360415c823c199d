//! Aliases against the recordings of the real service: aws-behaviour.md §2.6–§2.9, and the
//! alias conflict of DeleteStateMachineVersion (§2.4).
//!
//! Message texts are asserted verbatim. Where the reference marks a text NOT OBSERVED, the test
//! says so and pins the code the API model / docs require (and the crate's wording).

use serde_json::{Value, json};
use sfn_registry::dto::{
    CreateStateMachineAliasInput, CreateStateMachineAliasOutput, CreateStateMachineInput, DeleteStateMachineAliasInput,
    DeleteStateMachineVersionInput, DescribeStateMachineAliasInput, DescribeStateMachineAliasOutput,
    DescribeStateMachineInput, ListStateMachineAliasesInput, ListStateMachineAliasesOutput,
    ListStateMachineVersionsInput, RoutingConfigurationListItem, UpdateStateMachineAliasInput, UpdateStateMachineInput,
};
use sfn_registry::{
    Clock, Error, ErrorCode, InMemoryRegistry, ManualClock, Registry, Result, StateMachineAliasArn, StateMachineArn,
    StateMachineVersionArn, Timestamp, ValidationExceptionReason,
};

const ROLE: &str = "arn:aws:iam::123456789012:role/StepFunctionsRole";
const T0: i64 = 1_700_000_000_000;

const NAME_PATTERN: &str = r"^(?=.*[a-zA-Z_\-\.])[a-zA-Z0-9_\-\.]+$";
const CONFLICT: &str =
    "Failed to create alias because an alias with the same name and a different routing configuration already exists.";
const ALIAS_NOT_FOUND: &str = "Request references a resource that does not exist.";

fn definition(result: &str) -> String {
    format!(r#"{{"StartAt": "A", "States": {{"A": {{"Type": "Pass", "Result": "{result}", "End": true}}}}}}"#)
}

fn route(arn: impl Into<String>, weight: i32) -> RoutingConfigurationListItem {
    RoutingConfigurationListItem::new(arn, weight)
}

fn to_json<T: serde::Serialize>(value: &T) -> Value {
    serde_json::to_value(value).expect("outputs serialize")
}

fn keys(value: &Value) -> Vec<String> {
    let mut keys: Vec<String> = value.as_object().expect("a JSON object").keys().cloned().collect();
    keys.sort();
    keys
}

#[track_caller]
fn expect_err<T: std::fmt::Debug>(result: Result<T>, code: ErrorCode, message: &str) -> Error {
    let err = match result {
        Ok(v) => panic!("expected {code} `{message}`, got Ok({v:?})"),
        Err(e) => e,
    };
    assert_eq!(err.code(), code, "code of {err:?}");
    assert_eq!(err.message(), message, "message of {err:?}");
    err
}

/// A registry on a manual clock with state machine `orders` and versions `:1..=:n`, each
/// published from its own revision.
struct Fixture {
    reg: InMemoryRegistry,
    clock: ManualClock,
    sm: StateMachineArn,
    v: Vec<StateMachineVersionArn>,
}

impl Fixture {
    #[track_caller]
    fn new(versions: usize) -> Self {
        let clock = ManualClock::new(Timestamp::from_unix_millis(T0));
        let mut reg = InMemoryRegistry::builder()
            .clock(clock.clone())
            .seed(1)
            .build()
            .expect("valid scope");
        let (sm, v) = state_machine(&mut reg, &clock, "orders", versions);
        Fixture { reg, clock, sm, v }
    }

    /// Creates another state machine, `name`, with `versions` versions.
    #[track_caller]
    fn state_machine(&mut self, name: &str, versions: usize) -> (StateMachineArn, Vec<StateMachineVersionArn>) {
        state_machine(&mut self.reg, &self.clock, name, versions)
    }

    fn tick(&self) {
        self.clock.advance_millis(1_000);
    }

    fn now(&self) -> Timestamp {
        self.clock.now()
    }

    fn alias_arn(&self, name: &str) -> String {
        format!("{}:{name}", self.sm)
    }

    fn create(
        &mut self,
        name: &str,
        routing: Vec<RoutingConfigurationListItem>,
    ) -> Result<CreateStateMachineAliasOutput> {
        self.tick();
        self.reg
            .create_state_machine_alias(CreateStateMachineAliasInput::new(name, routing))
    }

    fn create_described(
        &mut self,
        name: &str,
        description: Option<&str>,
        routing: Vec<RoutingConfigurationListItem>,
    ) -> Result<CreateStateMachineAliasOutput> {
        self.tick();
        let mut input = CreateStateMachineAliasInput::new(name, routing);
        input.description = description.map(str::to_owned);
        self.reg.create_state_machine_alias(input)
    }

    #[track_caller]
    fn describe(&self, alias: &str) -> DescribeStateMachineAliasOutput {
        self.reg
            .describe_state_machine_alias(DescribeStateMachineAliasInput::new(alias))
            .expect("describe alias")
    }

    fn update(&mut self, input: UpdateStateMachineAliasInput) -> Result<Timestamp> {
        self.tick();
        self.reg.update_state_machine_alias(input).map(|o| o.update_date)
    }

    fn list(
        &self,
        arn: &str,
        max_results: Option<i32>,
        next_token: Option<&str>,
    ) -> Result<ListStateMachineAliasesOutput> {
        let mut input = ListStateMachineAliasesInput::new(arn);
        input.max_results = max_results;
        input.next_token = next_token.map(str::to_owned);
        self.reg.list_state_machine_aliases(input)
    }

    #[track_caller]
    fn listed(&self, arn: &str) -> Vec<String> {
        let page = self.list(arn, Some(1000), None).expect("list aliases");
        assert_eq!(page.next_token, None);
        page.state_machine_aliases
            .iter()
            .map(|a| a.state_machine_alias_arn.to_string())
            .collect()
    }

    /// Everything observable about the state machine: its description, versions and aliases.
    #[track_caller]
    fn snapshot(&self) -> Value {
        let aliases = self.list(self.sm.as_str(), Some(1000), None).expect("list aliases");
        let described: Vec<Value> = aliases
            .state_machine_aliases
            .iter()
            .map(|a| to_json(&self.describe(a.state_machine_alias_arn.as_str())))
            .collect();
        let mut versions = ListStateMachineVersionsInput::new(&self.sm);
        versions.max_results = Some(1000);
        let versions = self.reg.list_state_machine_versions(versions).expect("list versions");
        let sm = self
            .reg
            .describe_state_machine(DescribeStateMachineInput::new(&self.sm))
            .expect("describe sm");
        json!({
            "aliases": to_json(&aliases),
            "described": described,
            "versions": to_json(&versions),
            "stateMachine": to_json(&sm),
        })
    }
}

/// Creates state machine `name` with versions `:1..=:versions`, each published from its own
/// revision.
#[track_caller]
fn state_machine(
    reg: &mut InMemoryRegistry,
    clock: &ManualClock,
    name: &str,
    versions: usize,
) -> (StateMachineArn, Vec<StateMachineVersionArn>) {
    let mut create = CreateStateMachineInput::new(name, definition("r1"), ROLE);
    create.publish = versions > 0;
    let created = reg.create_state_machine(create).expect("create state machine");
    let sm = created.state_machine_arn;
    let mut out: Vec<StateMachineVersionArn> = created.state_machine_version_arn.into_iter().collect();
    for i in 2..=versions {
        clock.advance_millis(1_000);
        let mut update = UpdateStateMachineInput::new(&sm);
        update.definition = Some(definition(&format!("r{i}")));
        update.publish = true;
        let v = reg
            .update_state_machine(update)
            .expect("update state machine")
            .state_machine_version_arn;
        out.push(v.expect("publish returns a version"));
    }
    assert_eq!(out.len(), versions);
    (sm, out)
}

// ---------------------------------------------------------------------------------------------
// §2.6 CreateStateMachineAlias
// ---------------------------------------------------------------------------------------------

#[test]
fn create_returns_the_alias_arn_sm_colon_name_and_the_creation_date() {
    let mut f = Fixture::new(1);
    let out = f.create("PROD", vec![route(&f.v[0], 100)]).unwrap();
    assert_eq!(out.state_machine_alias_arn.as_str(), format!("{}:PROD", f.sm));
    assert_eq!(out.state_machine_alias_arn.alias_name(), "PROD");
    assert_eq!(out.state_machine_alias_arn.state_machine_arn(), f.sm);
    assert_eq!(out.creation_date, f.now());
    let wire = to_json(&out);
    assert_eq!(keys(&wire), ["creationDate", "stateMachineAliasArn"]);
    assert_eq!(wire["stateMachineAliasArn"], json!(format!("{}:PROD", f.sm)));
    assert!(wire["creationDate"].is_number(), "{wire}");
}

#[test]
fn create_accepts_recorded_names_and_two_weighted_routes() {
    let mut f = Fixture::new(2);
    for name in [
        "AliasName-1",
        "state_machine_alias_name",
        "name-second",
        "v1.2",
        "_",
        "1a",
    ] {
        let out = f.create(name, vec![route(&f.v[0], 50), route(&f.v[1], 50)]).unwrap();
        assert_eq!(out.state_machine_alias_arn.as_str(), f.alias_arn(name));
    }
}

#[track_caller]
fn assert_name_refused(name: &str, message: &str) {
    let mut f = Fixture::new(1);
    let before = f.snapshot();
    let err = expect_err(
        f.create(name, vec![route(&f.v[0], 100)]),
        ErrorCode::ValidationException,
        message,
    );
    assert_eq!(err.http_status(), 400);
    assert_eq!(
        f.snapshot(),
        before,
        "a failed CreateStateMachineAlias changed the registry"
    );
}

fn pattern_error(name: &str) -> String {
    format!(
        "1 validation error detected: Value '{name}' at 'name' failed to satisfy constraint: \
         Member must satisfy regular expression pattern: {NAME_PATTERN}"
    )
}

#[test]
fn name_of_digits_only_breaks_the_pattern() {
    assert_name_refused("123", &pattern_error("123"));
}

#[test]
fn name_of_81_characters_gets_only_the_length_error() {
    let name = "A".repeat(81);
    assert_name_refused(
        &name,
        &format!(
            "1 validation error detected: Value '{name}' at 'name' failed to satisfy constraint: \
             Member must have length less than or equal to 80"
        ),
    );
}

#[test]
fn name_of_80_characters_is_accepted() {
    let mut f = Fixture::new(1);
    let name = "A".repeat(80);
    let out = f.create(&name, vec![route(&f.v[0], 100)]).unwrap();
    assert_eq!(out.state_machine_alias_arn.alias_name(), name);
}

#[test]
fn name_with_a_space_breaks_the_pattern() {
    assert_name_refused("INVALID ALIAS", &pattern_error("INVALID ALIAS"));
}

#[test]
fn name_with_a_leading_bang_breaks_the_pattern() {
    assert_name_refused("!INVALID", &pattern_error("!INVALID"));
}

#[test]
fn name_with_an_at_sign_breaks_the_pattern() {
    assert_name_refused("ALIAS@", &pattern_error("ALIAS@"));
}

#[track_caller]
fn assert_routing_refused(f: &mut Fixture, routing: Vec<RoutingConfigurationListItem>, message: &str) {
    let before = f.snapshot();
    let err = expect_err(f.create("PROD", routing), ErrorCode::ValidationException, message);
    assert_eq!(err.http_status(), 400);
    assert_eq!(
        f.snapshot(),
        before,
        "a failed CreateStateMachineAlias changed the registry"
    );
}

#[test]
fn routing_with_three_items_is_refused_with_the_java_rendering_of_the_list() {
    let mut f = Fixture::new(3);
    let sm = f.sm.to_string();
    let routing = vec![route(&f.v[0], 50), route(&f.v[1], 30), route(&f.v[2], 20)];
    let message = format!(
        "1 validation error detected: Value '[RoutingConfigurationListItem(stateMachineVersionArn={sm}:1, weight=50), \
         RoutingConfigurationListItem(stateMachineVersionArn={sm}:2, weight=30), \
         RoutingConfigurationListItem(stateMachineVersionArn={sm}:3, weight=20)]' at 'routingConfiguration' \
         failed to satisfy constraint: Member must have length less than or equal to 2"
    );
    assert_routing_refused(&mut f, routing, &message);
}

#[test]
fn routing_naming_the_same_version_twice_is_refused() {
    let mut f = Fixture::new(3);
    let sm = f.sm.to_string();
    let message =
        format!("Routing configuration must contain distinct state machine version ARNs. Received: [{sm}:1, {sm}:1]");
    let routing = vec![route(&f.v[0], 50), route(&f.v[0], 50)];
    assert_routing_refused(&mut f, routing, &message);
}

#[test]
fn routing_with_an_unqualified_arn_next_to_a_version_echoes_the_whole_list() {
    let mut f = Fixture::new(3);
    let sm = f.sm.to_string();
    let message = format!("Routing configuration must contain state machine version ARNs. Received: [{sm}, {sm}:2]");
    let routing = vec![route(&sm, 70), route(&f.v[1], 30)];
    assert_routing_refused(&mut f, routing, &message);
}

#[test]
fn routing_with_only_an_unqualified_arn_is_refused() {
    let mut f = Fixture::new(3);
    let sm = f.sm.to_string();
    let message = format!("Routing configuration must contain state machine version ARNs. Received: [{sm}]");
    let routing = vec![route(&sm, 100)];
    assert_routing_refused(&mut f, routing, &message);
}

#[test]
fn routing_weight_101_is_reported_at_the_one_based_member_path() {
    let mut f = Fixture::new(3);
    let message = "1 validation error detected: Value '101' at 'routingConfiguration.1.member.weight' failed to \
                   satisfy constraint: Member must have value less than or equal to 100";
    let routing = vec![route(&f.v[0], 101)];
    assert_routing_refused(&mut f, routing, message);
}

#[test]
fn routing_weights_summing_to_99_are_refused() {
    let mut f = Fixture::new(3);
    let message = "Sum of routing configuration weights must equal 100. Received: [70, 29]";
    let routing = vec![route(&f.v[0], 70), route(&f.v[1], 29)];
    assert_routing_refused(&mut f, routing, message);
}

#[test]
fn routing_weights_summing_to_101_are_refused() {
    let mut f = Fixture::new(3);
    let message = "Sum of routing configuration weights must equal 100. Received: [70, 31]";
    let routing = vec![route(&f.v[0], 70), route(&f.v[1], 31)];
    assert_routing_refused(&mut f, routing, message);
}

/// NOT OBSERVED on AWS (§2.6); the model lists `ResourceNotFound` for CreateStateMachineAlias,
/// with the text TagResource uses for a missing resource (§2.14).
#[test]
fn routing_to_a_version_that_does_not_exist_is_resource_not_found() {
    let mut f = Fixture::new(2);
    let before = f.snapshot();
    let missing = format!("{}:99", f.sm);
    let err = expect_err(
        f.create("PROD", vec![route(&missing, 100)]),
        ErrorCode::ResourceNotFound,
        &format!("Resource not found: '{missing}'"),
    );
    assert_eq!(err.http_status(), 400);
    assert_eq!(f.snapshot(), before);
}

/// NOT OBSERVED on AWS (§2.6): a deleted version is a version that does not exist.
#[test]
fn routing_to_a_deleted_version_is_resource_not_found() {
    let mut f = Fixture::new(2);
    f.reg
        .delete_state_machine_version(DeleteStateMachineVersionInput::new(&f.v[1]))
        .unwrap();
    let before = f.snapshot();
    expect_err(
        f.create("PROD", vec![route(&f.v[0], 50), route(&f.v[1], 50)]),
        ErrorCode::ResourceNotFound,
        &format!("Resource not found: '{}'", f.v[1]),
    );
    assert_eq!(f.snapshot(), before);
}

/// NOT OBSERVED on AWS (§2.6): the docs say "two versions of the same state machine".
#[test]
fn routing_across_two_state_machines_is_a_validation_error() {
    let mut f = Fixture::new(1);
    let (other, other_versions) = f.state_machine("payments", 1);
    let before = (f.snapshot(), f.listed(other.as_str()));
    let err = expect_err(
        f.create("PROD", vec![route(&f.v[0], 50), route(&other_versions[0], 50)]),
        ErrorCode::ValidationException,
        &format!(
            "Routing configuration must contain state machine version ARNs of the same state machine. Received: [{}, {}]",
            f.v[0], other_versions[0]
        ),
    );
    assert_eq!(err.http_status(), 400);
    assert_eq!((f.snapshot(), f.listed(other.as_str())), before);
}

#[test]
fn identical_create_is_idempotent_and_returns_the_same_arn() {
    let mut f = Fixture::new(2);
    let (v1, v2) = (f.v[0].clone(), f.v[1].clone());
    let routing = || vec![route(&v1, 50), route(&v2, 50)];
    let first = f.create_described("PROD", Some("desc"), routing()).unwrap();
    let snapshot = f.snapshot();
    let second = f.create_described("PROD", Some("desc"), routing()).unwrap();
    assert_eq!(second.state_machine_alias_arn, first.state_machine_alias_arn);
    assert_eq!(f.snapshot(), snapshot, "an idempotent replay must not change the alias");
    assert_eq!(f.listed(f.sm.as_str()), [f.alias_arn("PROD")]);
}

#[test]
fn identical_create_without_description_is_idempotent() {
    let mut f = Fixture::new(1);
    let first = f.create("PROD", vec![route(&f.v[0], 100)]).unwrap();
    let second = f.create("PROD", vec![route(&f.v[0], 100)]).unwrap();
    assert_eq!(second.state_machine_alias_arn, first.state_machine_alias_arn);
    assert_eq!(f.listed(f.sm.as_str()), [f.alias_arn("PROD")]);
}

#[test]
fn second_alias_with_another_name_on_the_same_version_is_listed_after_the_first() {
    let mut f = Fixture::new(1);
    f.create("name", vec![route(&f.v[0], 100)]).unwrap();
    f.create("name-second", vec![route(&f.v[0], 100)]).unwrap();
    assert_eq!(
        f.listed(f.sm.as_str()),
        [f.alias_arn("name"), f.alias_arn("name-second")]
    );
}

#[test]
fn same_name_with_another_description_is_a_conflict_that_names_the_routing() {
    let mut f = Fixture::new(1);
    f.create_described("PROD", Some("first"), vec![route(&f.v[0], 100)])
        .unwrap();
    let before = f.snapshot();
    let err = expect_err(
        f.create_described("PROD", Some("second"), vec![route(&f.v[0], 100)]),
        ErrorCode::ConflictException,
        CONFLICT,
    );
    assert_eq!(err.http_status(), 409);
    assert_eq!(f.snapshot(), before);
}

#[test]
fn same_name_adding_a_description_is_a_conflict() {
    let mut f = Fixture::new(1);
    f.create("PROD", vec![route(&f.v[0], 100)]).unwrap();
    let before = f.snapshot();
    expect_err(
        f.create_described("PROD", Some("now described"), vec![route(&f.v[0], 100)]),
        ErrorCode::ConflictException,
        CONFLICT,
    );
    assert_eq!(f.snapshot(), before);
}

#[test]
fn same_name_with_another_routing_is_a_conflict() {
    let mut f = Fixture::new(2);
    f.create_described("PROD", Some("d"), vec![route(&f.v[0], 50), route(&f.v[1], 50)])
        .unwrap();
    let before = f.snapshot();
    let err = expect_err(
        f.create_described("PROD", Some("d"), vec![route(&f.v[0], 100)]),
        ErrorCode::ConflictException,
        CONFLICT,
    );
    assert_eq!(err.http_status(), 409);
    assert_eq!(f.snapshot(), before);
}

/// The quota is [DOC] (100 aliases per state machine); the text is NOT OBSERVED, so only the
/// code and the HTTP status the model gives it (402) are pinned.
#[test]
fn the_101st_alias_exceeds_the_quota() {
    let mut f = Fixture::new(1);
    for i in 0..100 {
        f.create(&format!("alias-{i:03}"), vec![route(&f.v[0], 100)]).unwrap();
    }
    let before = f.snapshot();
    let err = f.create("alias-100", vec![route(&f.v[0], 100)]).unwrap_err();
    assert_eq!(err.code(), ErrorCode::ServiceQuotaExceededException, "{err:?}");
    assert_eq!(err.http_status(), 402);
    assert!(!err.message().is_empty());
    assert_eq!(f.snapshot(), before);
    // An idempotent replay of an existing alias creates nothing, so the quota does not apply.
    let replay = f.create("alias-042", vec![route(&f.v[0], 100)]).unwrap();
    assert_eq!(replay.state_machine_alias_arn.as_str(), f.alias_arn("alias-042"));
    // Deleting one makes room for one.
    f.reg
        .delete_state_machine_alias(DeleteStateMachineAliasInput::new(f.alias_arn("alias-000")))
        .unwrap();
    f.create("alias-100", vec![route(&f.v[0], 100)]).unwrap();
    assert_eq!(
        f.create("alias-101", vec![route(&f.v[0], 100)]).unwrap_err().code(),
        ErrorCode::ServiceQuotaExceededException
    );
}

// ---------------------------------------------------------------------------------------------
// §2.7 DescribeStateMachineAlias
// ---------------------------------------------------------------------------------------------

#[test]
fn describe_has_the_recorded_shape_with_the_bare_name_and_routing_in_given_order() {
    let mut f = Fixture::new(2);
    // `:2` first: the order given must be kept, not sorted.
    let created = f
        .create_described(
            "PROD",
            Some("new description"),
            vec![route(&f.v[1], 30), route(&f.v[0], 70)],
        )
        .unwrap();
    let d = f.describe(&f.alias_arn("PROD"));
    let wire = to_json(&d);
    assert_eq!(
        keys(&wire),
        [
            "creationDate",
            "description",
            "name",
            "routingConfiguration",
            "stateMachineAliasArn",
            "updateDate"
        ]
    );
    assert_eq!(wire["name"], json!("PROD"));
    assert_eq!(wire["description"], json!("new description"));
    assert_eq!(wire["stateMachineAliasArn"], json!(f.alias_arn("PROD")));
    assert_eq!(
        wire["routingConfiguration"],
        json!([
            {"stateMachineVersionArn": f.v[1].as_str(), "weight": 30},
            {"stateMachineVersionArn": f.v[0].as_str(), "weight": 70},
        ])
    );
    assert_eq!(d.creation_date, created.creation_date);
    // [DOC] "For a newly created state machine, this is the same as the creation date."
    assert_eq!(d.update_date, d.creation_date);
    assert_eq!(d.name, "PROD");
}

#[test]
fn describe_omits_description_when_none_was_set() {
    let mut f = Fixture::new(1);
    f.create("PROD", vec![route(&f.v[0], 100)]).unwrap();
    let wire = to_json(&f.describe(&f.alias_arn("PROD")));
    assert_eq!(
        keys(&wire),
        [
            "creationDate",
            "name",
            "routingConfiguration",
            "stateMachineAliasArn",
            "updateDate"
        ]
    );
    assert!(wire.get("description").is_none(), "{wire}");
}

#[test]
fn describe_of_a_missing_alias_is_resource_not_found() {
    let mut f = Fixture::new(1);
    expect_err(
        f.reg
            .describe_state_machine_alias(DescribeStateMachineAliasInput::new(f.alias_arn("NOPE"))),
        ErrorCode::ResourceNotFound,
        ALIAS_NOT_FOUND,
    );
    f.create("PROD", vec![route(&f.v[0], 100)]).unwrap();
    f.reg
        .delete_state_machine_alias(DeleteStateMachineAliasInput::new(f.alias_arn("PROD")))
        .unwrap();
    expect_err(
        f.reg
            .describe_state_machine_alias(DescribeStateMachineAliasInput::new(f.alias_arn("PROD"))),
        ErrorCode::ResourceNotFound,
        ALIAS_NOT_FOUND,
    );
}

// ---------------------------------------------------------------------------------------------
// §2.8 UpdateStateMachineAlias
// ---------------------------------------------------------------------------------------------

#[test]
fn update_of_the_description_alone_keeps_the_routing() {
    let mut f = Fixture::new(2);
    let created = f.create("PROD", vec![route(&f.v[0], 60), route(&f.v[1], 40)]).unwrap();
    let routing_before = to_json(&f.describe(&f.alias_arn("PROD")))["routingConfiguration"].clone();
    let mut update = UpdateStateMachineAliasInput::new(f.alias_arn("PROD"));
    update.description = Some("new description".into());
    let updated = f.update(update).unwrap();
    assert_eq!(updated, f.now());
    let d = f.describe(&f.alias_arn("PROD"));
    assert_eq!(d.description.as_deref(), Some("new description"));
    assert_eq!(to_json(&d)["routingConfiguration"], routing_before);
    assert_eq!(d.creation_date, created.creation_date);
    assert_eq!(d.update_date, updated);
    assert!(d.update_date > d.creation_date);
}

#[test]
fn update_of_the_routing_alone_keeps_the_description() {
    let mut f = Fixture::new(2);
    f.create_described("PROD", Some("new description"), vec![route(&f.v[0], 100)])
        .unwrap();
    let mut update = UpdateStateMachineAliasInput::new(f.alias_arn("PROD"));
    update.routing_configuration = Some(vec![route(&f.v[0], 50), route(&f.v[1], 50)]);
    let updated = f.update(update).unwrap();
    let d = f.describe(&f.alias_arn("PROD"));
    assert_eq!(d.description.as_deref(), Some("new description"));
    assert_eq!(
        to_json(&d)["routingConfiguration"],
        json!([
            {"stateMachineVersionArn": f.v[0].as_str(), "weight": 50},
            {"stateMachineVersionArn": f.v[1].as_str(), "weight": 50},
        ])
    );
    assert_eq!(d.update_date, updated);
}

#[test]
fn update_response_is_only_the_update_date() {
    let mut f = Fixture::new(1);
    f.create("PROD", vec![route(&f.v[0], 100)]).unwrap();
    let mut update = UpdateStateMachineAliasInput::new(f.alias_arn("PROD"));
    update.description = Some("d".into());
    f.tick();
    let out = f.reg.update_state_machine_alias(update).unwrap();
    let wire = to_json(&out);
    assert_eq!(keys(&wire), ["updateDate"]);
    assert_eq!(out.update_date, f.now());
}

#[test]
fn update_re_points_the_alias_to_another_version() {
    let mut f = Fixture::new(2);
    f.create("PROD", vec![route(&f.v[0], 100)]).unwrap();
    let mut update = UpdateStateMachineAliasInput::new(f.alias_arn("PROD"));
    update.routing_configuration = Some(vec![route(&f.v[1], 100)]);
    f.update(update).unwrap();
    let d = f.describe(&f.alias_arn("PROD"));
    assert_eq!(
        to_json(&d)["routingConfiguration"],
        json!([{"stateMachineVersionArn": f.v[1].as_str(), "weight": 100}])
    );
    assert_eq!(f.listed(f.v[0].as_str()), Vec::<String>::new());
    assert_eq!(f.listed(f.v[1].as_str()), [f.alias_arn("PROD")]);
}

#[test]
fn update_of_a_missing_alias_is_resource_not_found() {
    let mut f = Fixture::new(1);
    let before = f.snapshot();
    let mut update = UpdateStateMachineAliasInput::new(f.alias_arn("NOPE"));
    update.description = Some("d".into());
    let err = expect_err(f.update(update), ErrorCode::ResourceNotFound, ALIAS_NOT_FOUND);
    assert_eq!(err.http_status(), 400);
    assert_eq!(f.snapshot(), before);
}

#[test]
fn update_of_a_deleted_alias_is_resource_not_found() {
    let mut f = Fixture::new(2);
    f.create("PROD", vec![route(&f.v[0], 100)]).unwrap();
    f.reg
        .delete_state_machine_alias(DeleteStateMachineAliasInput::new(f.alias_arn("PROD")))
        .unwrap();
    let before = f.snapshot();
    let mut update = UpdateStateMachineAliasInput::new(f.alias_arn("PROD"));
    update.routing_configuration = Some(vec![route(&f.v[1], 100)]);
    expect_err(f.update(update), ErrorCode::ResourceNotFound, ALIAS_NOT_FOUND);
    assert_eq!(f.snapshot(), before);
}

/// NOT OBSERVED on AWS (§2.8): the docs say "You must specify at least one"; the code is
/// `ValidationException` with reason `MISSING_REQUIRED_PARAMETER`, and the text LocalStack uses.
#[test]
fn update_with_neither_description_nor_routing_is_a_validation_error() {
    let mut f = Fixture::new(1);
    f.create_described("PROD", Some("d"), vec![route(&f.v[0], 100)])
        .unwrap();
    let before = f.snapshot();
    let err = expect_err(
        f.update(UpdateStateMachineAliasInput::new(f.alias_arn("PROD"))),
        ErrorCode::ValidationException,
        "Either the description or the RoutingConfiguration must be specified",
    );
    assert_eq!(
        err.reason(),
        Some(ValidationExceptionReason::MissingRequiredParameter),
        "{err:?}"
    );
    assert_eq!(err.http_status(), 400);
    assert_eq!(f.snapshot(), before);
}

/// NOT OBSERVED on AWS (§2.8, "LS reuses the create validator"): invalid routing on update is
/// refused with the texts of CreateStateMachineAlias and changes nothing.
#[test]
fn update_with_invalid_routing_is_refused_with_the_create_texts() {
    let mut f = Fixture::new(2);
    f.create_described("PROD", Some("d"), vec![route(&f.v[0], 100)])
        .unwrap();
    let before = f.snapshot();
    let mut update = UpdateStateMachineAliasInput::new(f.alias_arn("PROD"));
    update.description = Some("would change".into());
    update.routing_configuration = Some(vec![route(&f.v[0], 70), route(&f.v[1], 29)]);
    expect_err(
        f.update(update),
        ErrorCode::ValidationException,
        "Sum of routing configuration weights must equal 100. Received: [70, 29]",
    );
    let mut update = UpdateStateMachineAliasInput::new(f.alias_arn("PROD"));
    update.routing_configuration = Some(vec![route(&f.v[0], 101)]);
    expect_err(
        f.update(update),
        ErrorCode::ValidationException,
        "1 validation error detected: Value '101' at 'routingConfiguration.1.member.weight' failed to satisfy \
         constraint: Member must have value less than or equal to 100",
    );
    let mut update = UpdateStateMachineAliasInput::new(f.alias_arn("PROD"));
    update.routing_configuration = Some(vec![route(&f.sm, 100)]);
    expect_err(
        f.update(update),
        ErrorCode::ValidationException,
        &format!(
            "Routing configuration must contain state machine version ARNs. Received: [{}]",
            f.sm
        ),
    );
    assert_eq!(f.snapshot(), before);
}

/// NOT OBSERVED on AWS: an alias can only route to versions of its own state machine.
#[test]
fn update_routing_to_another_state_machines_version_is_refused() {
    let mut f = Fixture::new(1);
    let (_, other_versions) = f.state_machine("payments", 1);
    f.create("PROD", vec![route(&f.v[0], 100)]).unwrap();
    let before = f.snapshot();
    let mut update = UpdateStateMachineAliasInput::new(f.alias_arn("PROD"));
    update.routing_configuration = Some(vec![route(&other_versions[0], 100)]);
    let err = f.update(update).unwrap_err();
    assert_eq!(err.code(), ErrorCode::ValidationException, "{err:?}");
    assert_eq!(f.snapshot(), before);
}

// ---------------------------------------------------------------------------------------------
// §2.9 DeleteStateMachineAlias
// ---------------------------------------------------------------------------------------------

#[test]
fn delete_is_idempotent_and_leaves_the_versions_and_other_aliases() {
    let mut f = Fixture::new(2);
    f.create("PROD", vec![route(&f.v[0], 50), route(&f.v[1], 50)]).unwrap();
    f.create("BETA", vec![route(&f.v[1], 100)]).unwrap();
    let versions_before = f.snapshot()["versions"].clone();

    let out = f
        .reg
        .delete_state_machine_alias(DeleteStateMachineAliasInput::new(f.alias_arn("PROD")))
        .unwrap();
    assert_eq!(to_json(&out), json!({}));
    let again = f
        .reg
        .delete_state_machine_alias(DeleteStateMachineAliasInput::new(f.alias_arn("PROD")))
        .unwrap();
    assert_eq!(to_json(&again), json!({}));
    // Never existed at all.
    f.reg
        .delete_state_machine_alias(DeleteStateMachineAliasInput::new(f.alias_arn("NEVER")))
        .unwrap();

    assert_eq!(f.snapshot()["versions"], versions_before);
    for v in &f.v {
        f.reg
            .describe_state_machine(DescribeStateMachineInput::new(v))
            .expect("the version is still there");
    }
    assert_eq!(f.listed(f.sm.as_str()), [f.alias_arn("BETA")]);
    // The versions are free again: PROD was the only alias on :1.
    f.reg
        .delete_state_machine_version(DeleteStateMachineVersionInput::new(&f.v[0]))
        .unwrap();
}

#[test]
fn a_deleted_alias_name_can_be_created_again_with_another_routing() {
    let mut f = Fixture::new(2);
    f.create("PROD", vec![route(&f.v[0], 100)]).unwrap();
    f.reg
        .delete_state_machine_alias(DeleteStateMachineAliasInput::new(f.alias_arn("PROD")))
        .unwrap();
    f.create("PROD", vec![route(&f.v[1], 100)]).unwrap();
    assert_eq!(
        to_json(&f.describe(&f.alias_arn("PROD")))["routingConfiguration"],
        json!([{"stateMachineVersionArn": f.v[1].as_str(), "weight": 100}])
    );
}

// ---------------------------------------------------------------------------------------------
// §2.9 ListStateMachineAliases
// ---------------------------------------------------------------------------------------------

fn three_aliases() -> Fixture {
    let mut f = Fixture::new(1);
    for name in ["AliasName-1", "AliasName-2", "AliasName-3"] {
        f.create(name, vec![route(&f.v[0], 100)]).unwrap();
    }
    f
}

fn alias_names(page: &ListStateMachineAliasesOutput) -> Vec<String> {
    page.state_machine_aliases
        .iter()
        .map(|a| a.state_machine_alias_arn.alias_name().to_owned())
        .collect()
}

#[test]
fn list_of_a_plain_state_machine_is_empty() {
    let f = Fixture::new(0);
    let page = f.list(f.sm.as_str(), None, None).unwrap();
    assert_eq!(to_json(&page), json!({"stateMachineAliases": []}));
}

#[test]
fn list_is_oldest_first_with_items_of_arn_and_creation_date() {
    let f = three_aliases();
    let page = f.list(f.sm.as_str(), None, None).unwrap();
    assert_eq!(alias_names(&page), ["AliasName-1", "AliasName-2", "AliasName-3"]);
    assert_eq!(page.next_token, None);
    let wire = to_json(&page);
    assert_eq!(keys(&wire), ["stateMachineAliases"]);
    for (i, item) in wire["stateMachineAliases"].as_array().unwrap().iter().enumerate() {
        assert_eq!(keys(item), ["creationDate", "stateMachineAliasArn"]);
        let described = f.describe(item["stateMachineAliasArn"].as_str().unwrap());
        assert_eq!(item["creationDate"], to_json(&described.creation_date), "item {i}");
    }
    let dates: Vec<Timestamp> = page.state_machine_aliases.iter().map(|a| a.creation_date).collect();
    assert!(dates.windows(2).all(|w| w[0] < w[1]), "{dates:?}");
}

#[test]
fn list_pages_with_max_results_1_then_the_token_alone() {
    let f = three_aliases();
    let first = f.list(f.sm.as_str(), Some(1), None).unwrap();
    assert_eq!(alias_names(&first), ["AliasName-1"]);
    let token = first.next_token.clone().expect("a token after a partial page");
    let rest = f.list(f.sm.as_str(), None, Some(&token)).unwrap();
    assert_eq!(alias_names(&rest), ["AliasName-2", "AliasName-3"]);
    assert_eq!(rest.next_token, None);
    assert!(to_json(&rest).get("nextToken").is_none());
}

#[test]
fn list_tokens_change_from_page_to_page_and_the_exhausting_page_has_none() {
    let f = three_aliases();
    let mut seen = Vec::new();
    let mut token: Option<String> = None;
    let mut names = Vec::new();
    loop {
        let page = f.list(f.sm.as_str(), Some(1), token.as_deref()).unwrap();
        names.extend(alias_names(&page));
        match page.next_token {
            Some(t) => {
                assert!(!seen.contains(&t), "token repeated: {t}");
                seen.push(t.clone());
                token = Some(t);
            }
            None => break,
        }
        assert!(names.len() <= 3, "{names:?}");
    }
    assert_eq!(names, ["AliasName-1", "AliasName-2", "AliasName-3"]);
    assert_eq!(
        seen.len(),
        2,
        "3 items in pages of 1: the third page exhausts the list and carries no token"
    );
}

#[test]
fn list_with_max_results_0_returns_everything_without_a_token() {
    let f = three_aliases();
    let page = f.list(f.sm.as_str(), Some(0), None).unwrap();
    assert_eq!(alias_names(&page), ["AliasName-1", "AliasName-2", "AliasName-3"]);
    assert_eq!(page.next_token, None);
}

#[test]
fn list_with_max_results_1001_is_refused() {
    let f = three_aliases();
    let err = expect_err(
        f.list(f.sm.as_str(), Some(1001), None),
        ErrorCode::ValidationException,
        "1 validation error detected: Value '1001' at 'maxResults' failed to satisfy constraint: \
         Member must have value less than or equal to 1000",
    );
    assert_eq!(err.http_status(), 400);
}

#[test]
fn list_with_a_garbage_token_is_invalid_token_without_echoing_it() {
    let f = three_aliases();
    let err = expect_err(
        f.list(f.sm.as_str(), None, Some("InvalidToken")),
        ErrorCode::InvalidToken,
        "Invalid Token: 'Invalid token'",
    );
    assert_eq!(err.http_status(), 400);
}

#[test]
fn list_of_a_version_arn_shows_only_the_aliases_routing_to_it() {
    let mut f = Fixture::new(3);
    f.create("A", vec![route(&f.v[0], 100)]).unwrap();
    f.create("B", vec![route(&f.v[1], 100)]).unwrap();
    f.create("C", vec![route(&f.v[1], 10), route(&f.v[0], 90)]).unwrap();
    assert_eq!(f.listed(f.v[0].as_str()), [f.alias_arn("A"), f.alias_arn("C")]);
    assert_eq!(f.listed(f.v[1].as_str()), [f.alias_arn("B"), f.alias_arn("C")]);
    assert_eq!(f.listed(f.v[2].as_str()), Vec::<String>::new());
    assert_eq!(
        f.listed(f.sm.as_str()),
        [f.alias_arn("A"), f.alias_arn("B"), f.alias_arn("C")]
    );
}

#[test]
fn list_follows_creates_and_deletes() {
    let mut f = three_aliases();
    f.reg
        .delete_state_machine_alias(DeleteStateMachineAliasInput::new(f.alias_arn("AliasName-2")))
        .unwrap();
    assert_eq!(
        f.listed(f.sm.as_str()),
        [f.alias_arn("AliasName-1"), f.alias_arn("AliasName-3")]
    );
    for name in ["AliasName-1", "AliasName-3"] {
        f.reg
            .delete_state_machine_alias(DeleteStateMachineAliasInput::new(f.alias_arn(name)))
            .unwrap();
    }
    assert_eq!(
        to_json(&f.list(f.sm.as_str(), None, None).unwrap()),
        json!({"stateMachineAliases": []})
    );
}

// ---------------------------------------------------------------------------------------------
// §2.4 DeleteStateMachineVersion while an alias routes to it
// ---------------------------------------------------------------------------------------------

#[test]
fn deleting_a_version_an_alias_routes_to_is_a_conflict_until_the_alias_is_re_pointed() {
    let mut f = Fixture::new(2);
    f.create("PROD", vec![route(&f.v[0], 100)]).unwrap();
    let before = f.snapshot();
    let err = expect_err(
        f.reg
            .delete_state_machine_version(DeleteStateMachineVersionInput::new(&f.v[0])),
        ErrorCode::ConflictException,
        "Version to be deleted must not be referenced by an alias. Current list of aliases referencing this version: [PROD]",
    );
    assert_eq!(err.http_status(), 409);
    assert_eq!(f.snapshot(), before, "a refused delete changed the registry");

    let mut update = UpdateStateMachineAliasInput::new(f.alias_arn("PROD"));
    update.routing_configuration = Some(vec![route(&f.v[1], 100)]);
    f.update(update).unwrap();
    let out = f
        .reg
        .delete_state_machine_version(DeleteStateMachineVersionInput::new(&f.v[0]))
        .unwrap();
    assert_eq!(to_json(&out), json!({}));
    let mut versions = ListStateMachineVersionsInput::new(&f.sm);
    versions.max_results = Some(1000);
    let left: Vec<String> = f
        .reg
        .list_state_machine_versions(versions)
        .unwrap()
        .state_machine_versions
        .iter()
        .map(|v| v.state_machine_version_arn.to_string())
        .collect();
    assert_eq!(left, [f.v[1].to_string()]);
}

#[test]
fn a_version_in_a_weighted_route_is_referenced_too() {
    let mut f = Fixture::new(2);
    f.create("CANARY", vec![route(&f.v[0], 90), route(&f.v[1], 10)])
        .unwrap();
    for v in f.v.clone() {
        expect_err(
            f.reg
                .delete_state_machine_version(DeleteStateMachineVersionInput::new(&v)),
            ErrorCode::ConflictException,
            "Version to be deleted must not be referenced by an alias. Current list of aliases referencing this version: [CANARY]",
        );
    }
}

#[test]
fn typed_alias_arn_of_the_create_response_parses_back() {
    let mut f = Fixture::new(1);
    let out = f.create("PROD", vec![route(&f.v[0], 100)]).unwrap();
    let parsed: StateMachineAliasArn = out.state_machine_alias_arn.as_str().parse().unwrap();
    assert_eq!(parsed, out.state_machine_alias_arn);
}
