//! A canary deployment: shift a `PROD` alias from version 1 to version 2 in steps of 10%,
//! start 10,000 executions at each step with a fixed seed, and print the observed split beside
//! the configured weights.
//!
//! `cargo run --example canary [-- --seed N]`

use sfn_registry::dto::{
    CreateStateMachineAliasInput, CreateStateMachineInput, RoutingConfigurationListItem, StartExecutionInput,
    UpdateStateMachineAliasInput, UpdateStateMachineInput,
};
use sfn_registry::{InMemoryRegistry, Registry, StateMachineVersionArn};

const ROLE: &str = "arn:aws:iam::123456789012:role/StepFunctionsRole";
const STARTS_PER_STEP: u32 = 10_000;

fn definition(release: &str) -> String {
    format!(r#"{{"StartAt":"Run","States":{{"Run":{{"Type":"Pass","Result":"{release}","End":true}}}}}}"#)
}

fn routing(
    v1: &StateMachineVersionArn,
    v2: &StateMachineVersionArn,
    v2_weight: i32,
) -> Vec<RoutingConfigurationListItem> {
    vec![
        RoutingConfigurationListItem::new(v1, 100 - v2_weight),
        RoutingConfigurationListItem::new(v2, v2_weight),
    ]
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let seed = match std::env::args().skip_while(|a| a != "--seed").nth(1) {
        Some(seed) => seed.parse()?,
        None => 2024,
    };
    let mut registry = InMemoryRegistry::builder().seed(seed).build()?;

    let mut create = CreateStateMachineInput::new("checkout", definition("stable"), ROLE);
    create.publish = true;
    let created = registry.create_state_machine(create)?;
    let v1 = created
        .state_machine_version_arn
        .ok_or("CreateStateMachine published no version")?;
    let mut update = UpdateStateMachineInput::new(&created.state_machine_arn);
    update.definition = Some(definition("canary"));
    update.publish = true;
    let v2 = registry
        .update_state_machine(update)?
        .state_machine_version_arn
        .ok_or("no version 2")?;
    let alias = registry
        .create_state_machine_alias(CreateStateMachineAliasInput::new("PROD", routing(&v1, &v2, 0)))?
        .state_machine_alias_arn;

    println!("seed {seed}, {STARTS_PER_STEP} executions per step through {alias}");
    println!(
        "{:>12} {:>12} {:>12} {:>12}",
        "configured", "v1 starts", "v2 starts", "observed v2"
    );
    for step in 0..=10 {
        let v2_weight = step * 10;
        let mut update = UpdateStateMachineAliasInput::new(&alias);
        update.routing_configuration = Some(routing(&v1, &v2, v2_weight));
        registry.update_state_machine_alias(update)?;

        let mut on_v2 = 0u32;
        for _ in 0..STARTS_PER_STEP {
            let started = registry.start_execution(StartExecutionInput::new(&alias))?;
            let execution = registry
                .execution(&started.execution_arn)
                .ok_or("execution not found")?;
            if execution.version() == Some(&v2) {
                on_v2 += 1;
            }
        }
        let observed = f64::from(on_v2) * 100.0 / f64::from(STARTS_PER_STEP);
        println!(
            "{:>5}/{:<6} {:>12} {:>12} {:>11.2}%",
            100 - v2_weight,
            v2_weight,
            STARTS_PER_STEP - on_v2,
            on_v2,
            observed
        );
    }
    Ok(())
}
