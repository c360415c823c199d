//! In-process tour: create a state machine, publish two versions, point a `PROD` alias 90/10
//! across them, and print what the registry answers at each step.
//!
//! `cargo run --example quickstart`

use sfn_registry::dto::{
    CreateStateMachineAliasInput, CreateStateMachineInput, DescribeStateMachineAliasInput, DescribeStateMachineInput,
    ListStateMachineAliasesInput, ListStateMachineVersionsInput, PublishStateMachineVersionInput,
    RoutingConfigurationListItem, UpdateStateMachineInput,
};
use sfn_registry::{InMemoryRegistry, ManualClock, Registry, Timestamp};

const ROLE: &str = "arn:aws:iam::123456789012:role/StepFunctionsRole";

fn definition(result: &str) -> String {
    format!(r#"{{"StartAt": "Hello", "States": {{"Hello": {{"Type": "Pass", "Result": "{result}", "End": true}}}}}}"#)
}

fn show<T: serde::Serialize>(step: &str, value: &T) -> Result<(), Box<dyn std::error::Error>> {
    println!("== {step}\n{}\n", serde_json::to_string_pretty(value)?);
    Ok(())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let clock = ManualClock::new(Timestamp::from_unix_millis(1_700_000_000_000));
    let mut registry = InMemoryRegistry::builder().clock(clock.clone()).seed(7).build()?;

    let created = registry.create_state_machine(CreateStateMachineInput::new("orders", definition("v1"), ROLE))?;
    show("CreateStateMachine", &created)?;
    let sm = created.state_machine_arn;

    clock.advance_millis(1_000);
    let mut publish = PublishStateMachineVersionInput::new(&sm);
    publish.description = Some("first release".into());
    let v1 = registry.publish_state_machine_version(publish)?;
    show("PublishStateMachineVersion (revision 0)", &v1)?;

    clock.advance_millis(1_000);
    let mut update = UpdateStateMachineInput::new(&sm);
    update.definition = Some(definition("v2"));
    update.publish = true;
    update.version_description = Some("second release".into());
    let updated = registry.update_state_machine(update)?;
    show("UpdateStateMachine with publish (a new revision, version 2)", &updated)?;
    let v2 = updated
        .state_machine_version_arn
        .ok_or("UpdateStateMachine published no version")?;

    show(
        "ListStateMachineVersions (newest first)",
        &registry.list_state_machine_versions(ListStateMachineVersionsInput::new(&sm))?,
    )?;
    show(
        "DescribeStateMachine of version 1",
        &registry.describe_state_machine(DescribeStateMachineInput::new(&v1.state_machine_version_arn))?,
    )?;

    clock.advance_millis(1_000);
    let alias = registry.create_state_machine_alias(CreateStateMachineAliasInput::new(
        "PROD",
        vec![
            RoutingConfigurationListItem::new(&v1.state_machine_version_arn, 90),
            RoutingConfigurationListItem::new(&v2, 10),
        ],
    ))?;
    show("CreateStateMachineAlias PROD 90/10", &alias)?;
    show(
        "DescribeStateMachineAlias",
        &registry.describe_state_machine_alias(DescribeStateMachineAliasInput::new(&alias.state_machine_alias_arn))?,
    )?;
    show(
        "ListStateMachineAliases",
        &registry.list_state_machine_aliases(ListStateMachineAliasesInput::new(&sm))?,
    )?;

    // Errors come back as AWS answers them.
    let err = registry
        .delete_state_machine_version(sfn_registry::dto::DeleteStateMachineVersionInput::new(&v2))
        .unwrap_err();
    println!(
        "== DeleteStateMachineVersion of a version PROD routes to\n{}\n",
        String::from_utf8(err.to_json_bytes())?
    );
    Ok(())
}
