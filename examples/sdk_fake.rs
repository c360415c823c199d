//! Testing code that uses aws-sdk-sfn: a canary `deploy` written only against `aws_sdk_sfn`, run
//! against the registry in-process, and its tests (`cargo test --all-features` runs them).
//!
//! ```text
//! cargo run --example sdk_fake --features aws-sdk
//! ```
//!
//! `deploy` creates a state machine with version 1 behind a `PROD` alias on its first release.
//! On a later one it updates the definition, publishes the new revision, points `PROD` 90/10 at
//! the old and the new version, starts executions through `PROD` until one is routed to the new
//! version (the canary), waits for it to end, then shifts `PROD` to 100% of the new version if
//! the canary succeeded, or back to 100% of the old one if it did not.

use std::time::Duration;

// In your own crate this is your `aws-sdk-sfn` dependency; the example uses the copy
// sfn-registry re-exports so that it builds with the crate's features alone.
use sfn_registry::sdk::aws_sdk_sfn;

use aws_sdk_sfn::Client;
use aws_sdk_sfn::types::{ExecutionStatus, RoutingConfigurationListItem};

/// The alias production traffic goes through.
pub const ALIAS: &str = "PROD";
/// The input each canary execution gets.
pub const SMOKE_INPUT: &str = r#"{"smokeTest": true}"#;
/// The most executions started through `PROD` to reach the canary at 10%.
const MAX_CANARY_STARTS: usize = 100;

/// What [`deploy`] did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Deployment {
    /// The state machine was created with version 1, and `PROD` routes all traffic to it.
    FirstRelease {
        /// Version 1's ARN.
        version: String,
    },
    /// The canary succeeded: `PROD` routes all traffic to the new version.
    Promoted {
        /// The new version's ARN.
        version: String,
        /// The canary execution.
        canary: String,
        /// Executions started through `PROD` to reach the canary, the canary included.
        starts: usize,
    },
    /// The canary did not succeed: `PROD` routes all traffic back to the old version. The new
    /// version stays published, for inspection.
    RolledBack {
        /// The version that failed.
        version: String,
        /// The version `PROD` routes to again.
        restored: String,
        /// The canary execution.
        canary: String,
        /// How the canary ended.
        status: ExecutionStatus,
    },
}

/// Why a deployment stopped.
pub type Error = Box<dyn std::error::Error + Send + Sync>;

fn route(version: &str, weight: i32) -> Result<RoutingConfigurationListItem, Error> {
    Ok(RoutingConfigurationListItem::builder()
        .state_machine_version_arn(version)
        .weight(weight)
        .build()?)
}

/// The ARN of the state machine called `name`, if there is one.
async fn find(client: &Client, name: &str) -> Result<Option<String>, Error> {
    let mut pages = client.list_state_machines().into_paginator().send();
    while let Some(page) = pages.next().await {
        if let Some(found) = page?.state_machines().iter().find(|m| m.name() == name) {
            return Ok(Some(found.state_machine_arn().to_owned()));
        }
    }
    Ok(None)
}

/// Releases `definition` as state machine `name` behind the `PROD` alias (see the module
/// documentation).
pub async fn deploy(client: &Client, name: &str, definition: &str, role_arn: &str) -> Result<Deployment, Error> {
    let Some(state_machine) = find(client, name).await? else {
        let created = client
            .create_state_machine()
            .name(name)
            .definition(definition)
            .role_arn(role_arn)
            .publish(true)
            .version_description("release 1")
            .send()
            .await?;
        let version = created
            .state_machine_version_arn()
            .ok_or("CreateStateMachine published no version")?;
        client
            .create_state_machine_alias()
            .name(ALIAS)
            .routing_configuration(route(version, 100)?)
            .send()
            .await?;
        return Ok(Deployment::FirstRelease {
            version: version.to_owned(),
        });
    };
    let alias = format!("{state_machine}:{ALIAS}");

    // The version PROD serves now: its heaviest route.
    let current = client
        .describe_state_machine_alias()
        .state_machine_alias_arn(&alias)
        .send()
        .await?;
    let stable = current
        .routing_configuration()
        .iter()
        .max_by_key(|r| r.weight())
        .ok_or("PROD has no route")?
        .state_machine_version_arn()
        .to_owned();

    // Update, then publish exactly the revision this update made.
    let updated = client
        .update_state_machine()
        .state_machine_arn(&state_machine)
        .definition(definition)
        .send()
        .await?;
    let revision = updated.revision_id().ok_or("the definition did not change")?;
    let new = client
        .publish_state_machine_version()
        .state_machine_arn(&state_machine)
        .revision_id(revision)
        .send()
        .await?
        .state_machine_version_arn()
        .to_owned();

    // 90/10, and the canary.
    client
        .update_state_machine_alias()
        .state_machine_alias_arn(&alias)
        .routing_configuration(route(&stable, 90)?)
        .routing_configuration(route(&new, 10)?)
        .send()
        .await?;
    let mut canary = None;
    for starts in 1..=MAX_CANARY_STARTS {
        let started = client
            .start_execution()
            .state_machine_arn(&alias)
            .input(SMOKE_INPUT)
            .send()
            .await?;
        let execution = client
            .describe_execution()
            .execution_arn(started.execution_arn())
            .send()
            .await?;
        if execution.state_machine_version_arn() == Some(new.as_str()) {
            canary = Some((started.execution_arn().to_owned(), starts));
            break;
        }
    }
    let (canary, starts) = canary.ok_or("PROD routed no execution to the new version")?;
    let status = wait_for_end(client, &canary).await?;

    let (keep, verdict) = if status == ExecutionStatus::Succeeded {
        (&new, "promote")
    } else {
        (&stable, "roll back")
    };
    client
        .update_state_machine_alias()
        .state_machine_alias_arn(&alias)
        .routing_configuration(route(keep, 100)?)
        .description(format!("{verdict}: canary {canary} ended {status}"))
        .send()
        .await?;
    Ok(if status == ExecutionStatus::Succeeded {
        Deployment::Promoted {
            version: new,
            canary,
            starts,
        }
    } else {
        Deployment::RolledBack {
            version: new,
            restored: stable,
            canary,
            status,
        }
    })
}

/// The status `execution` ends with (polling DescribeExecution, up to a minute).
async fn wait_for_end(client: &Client, execution: &str) -> Result<ExecutionStatus, Error> {
    for _ in 0..60 {
        let described = client.describe_execution().execution_arn(execution).send().await?;
        if described.status() != &ExecutionStatus::Running {
            return Ok(described.status().clone());
        }
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
    Err(format!("{execution} is still running after a minute").into())
}

/// The test's workflow engine, for the fake's start hook: an execution of a definition with a
/// `Fail` state fails, any other succeeds with its input as output.
mod engine {
    use sfn_registry::{ExecutionOutcome, ExecutionRef, InMemoryRegistry};

    pub fn run(registry: &mut InMemoryRegistry, execution: &ExecutionRef) {
        let Some(view) = registry.execution(execution) else {
            return;
        };
        let definition: serde_json::Value = serde_json::from_str(view.definition()).unwrap_or_default();
        let fails = definition["States"]
            .as_object()
            .is_some_and(|states| states.values().any(|state| state["Type"] == "Fail"));
        let outcome = if fails {
            ExecutionOutcome::failed("Release.Broken", "the release has a Fail state")
        } else {
            ExecutionOutcome::succeeded(view.input().to_owned())
        };
        registry
            .end_execution(execution, outcome)
            .expect("a running execution ends");
    }
}

const ROLE: &str = "arn:aws:iam::123456789012:role/StepFunctionsRole";

fn release(result: &str) -> String {
    format!(r#"{{"StartAt":"Run","States":{{"Run":{{"Type":"Pass","Result":"{result}","End":true}}}}}}"#)
}

fn broken_release() -> String {
    r#"{"StartAt":"Run","States":{"Run":{"Type":"Fail","Error":"Broken","Cause":"bad release"}}}"#.to_owned()
}

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Error> {
    use std::sync::{Arc, Mutex};

    use sfn_registry::InMemoryRegistry;
    use sfn_registry::sdk::Fake;

    let registry = Arc::new(Mutex::new(InMemoryRegistry::builder().seed(2024).build()?));
    let client = Fake::new(&registry).on_start_execution(engine::run).client();
    for definition in [release("v1"), release("v2"), broken_release(), release("v3")] {
        println!("{:?}", deploy(&client, "checkout", &definition, ROLE).await?);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::sync::{Arc, Mutex};

    use sfn_registry::InMemoryRegistry;
    use sfn_registry::sdk::{Fake, aws_sdk_sfn};

    use super::*;

    const SM: &str = "arn:aws:states:us-east-1:123456789012:stateMachine:checkout";

    /// A registry with a fixed seed, so that the alias's picks (and the number of starts the
    /// canary takes) are the same on every run, and a client whose executions end as
    /// [`engine::run`] decides.
    fn fake(seed: u64) -> (Arc<Mutex<InMemoryRegistry>>, aws_sdk_sfn::Client) {
        let registry = Arc::new(Mutex::new(InMemoryRegistry::builder().seed(seed).build().unwrap()));
        let client = Fake::new(&registry).on_start_execution(engine::run).client();
        (registry, client)
    }

    /// `PROD`'s routes, read through the SDK.
    async fn prod_routes(client: &aws_sdk_sfn::Client) -> Vec<(String, i32)> {
        client
            .describe_state_machine_alias()
            .state_machine_alias_arn(format!("{SM}:PROD"))
            .send()
            .await
            .unwrap()
            .routing_configuration()
            .iter()
            .map(|r| (r.state_machine_version_arn().to_owned(), r.weight()))
            .collect()
    }

    /// The versions the executions started through `PROD` ran, oldest first, read through the SDK.
    async fn routed_versions(client: &aws_sdk_sfn::Client) -> Vec<String> {
        let executions = client
            .list_executions()
            .state_machine_arn(format!("{SM}:PROD"))
            .into_paginator()
            .items()
            .send()
            .collect::<Result<Vec<_>, _>>()
            .await
            .unwrap();
        let mut versions = Vec::new();
        for e in executions.iter().rev() {
            let described = client
                .describe_execution()
                .execution_arn(e.execution_arn())
                .send()
                .await
                .unwrap();
            assert_eq!(described.state_machine_alias_arn(), Some(format!("{SM}:PROD").as_str()));
            versions.push(described.state_machine_version_arn().unwrap().to_owned());
        }
        versions
    }

    #[tokio::test]
    async fn a_first_release_is_version_1_behind_prod() {
        let (_, client) = fake(1);
        let deployed = deploy(&client, "checkout", &release("v1"), ROLE).await.unwrap();
        assert_eq!(
            deployed,
            Deployment::FirstRelease {
                version: format!("{SM}:1")
            }
        );
        assert_eq!(prod_routes(&client).await, [(format!("{SM}:1"), 100)]);
        let version = client
            .describe_state_machine()
            .state_machine_arn(format!("{SM}:1"))
            .send()
            .await
            .unwrap();
        assert_eq!(version.definition(), release("v1"));
        assert_eq!(version.description(), Some("release 1"));
    }

    #[tokio::test]
    async fn a_good_release_goes_through_the_canary_to_100_percent() {
        let (_, client) = fake(7);
        deploy(&client, "checkout", &release("v1"), ROLE).await.unwrap();
        let Deployment::Promoted {
            version,
            canary,
            starts,
        } = deploy(&client, "checkout", &release("v2"), ROLE).await.unwrap()
        else {
            panic!("a good release is promoted")
        };
        assert_eq!(version, format!("{SM}:2"));
        assert_eq!(prod_routes(&client).await, [(format!("{SM}:2"), 100)]);

        // The canary path: every start before the canary went to version 1 (90%), the
        // canary to version 2 (10%), and it succeeded.
        let routed = routed_versions(&client).await;
        assert_eq!(routed.len(), starts);
        let (last, before) = routed.split_last().unwrap();
        assert_eq!(last, &format!("{SM}:2"));
        assert!(before.iter().all(|v| *v == format!("{SM}:1")), "{routed:?}");
        let described = client.describe_execution().execution_arn(&canary).send().await.unwrap();
        assert_eq!(described.status(), &ExecutionStatus::Succeeded);
        assert_eq!(described.output(), Some(SMOKE_INPUT));
        let alias = client
            .describe_state_machine_alias()
            .state_machine_alias_arn(format!("{SM}:PROD"))
            .send()
            .await
            .unwrap();
        assert_eq!(
            alias.description(),
            Some(format!("promote: canary {canary} ended SUCCEEDED").as_str())
        );
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_broken_release_is_rolled_back_to_the_previous_version() {
        let (_, client) = fake(7);
        deploy(&client, "checkout", &release("v1"), ROLE).await.unwrap();
        deploy(&client, "checkout", &release("v2"), ROLE).await.unwrap();
        let deployed = deploy(&client, "checkout", &broken_release(), ROLE).await.unwrap();
        let Deployment::RolledBack {
            version,
            restored,
            canary,
            status,
        } = deployed
        else {
            panic!("a broken release is rolled back: {deployed:?}")
        };
        assert_eq!(version, format!("{SM}:3"));
        assert_eq!(restored, format!("{SM}:2"));
        assert_eq!(status, ExecutionStatus::Failed);
        // The rollback path: PROD is back on version 2 alone, version 3 stays published, and
        // the canary that ran version 3 failed with the engine's error.
        assert_eq!(prod_routes(&client).await, [(format!("{SM}:2"), 100)]);
        let described = client.describe_execution().execution_arn(&canary).send().await.unwrap();
        assert_eq!(described.state_machine_version_arn(), Some(version.as_str()));
        assert_eq!(described.status(), &ExecutionStatus::Failed);
        assert_eq!(described.error(), Some("Release.Broken"));
        let versions = client
            .list_state_machine_versions()
            .state_machine_arn(SM)
            .send()
            .await
            .unwrap();
        assert_eq!(versions.state_machine_versions().len(), 3);
        // Production traffic now runs version 2 again.
        let after = client
            .start_execution()
            .state_machine_arn(format!("{SM}:PROD"))
            .send()
            .await
            .unwrap();
        let described = client
            .describe_execution()
            .execution_arn(after.execution_arn())
            .send()
            .await
            .unwrap();
        assert_eq!(described.state_machine_version_arn(), Some(restored.as_str()));
        assert_eq!(described.status(), &ExecutionStatus::Succeeded);
    }

    /// The seed forces the routing: the same seed routes the same starts to the canary, on
    /// every run and on either runtime, so both paths above are reproducible.
    #[tokio::test]
    async fn the_same_seed_routes_the_same_starts_to_the_canary() {
        async fn run(seed: u64) -> (Deployment, Vec<String>) {
            let (_, client) = fake(seed);
            deploy(&client, "checkout", &release("v1"), ROLE).await.unwrap();
            let deployed = deploy(&client, "checkout", &release("v2"), ROLE).await.unwrap();
            (deployed, routed_versions(&client).await)
        }
        let first = run(7).await;
        assert_eq!(run(7).await, first);
        let Deployment::Promoted { starts, .. } = first.0 else {
            panic!("promoted")
        };
        // At 10%, some seeds reach the canary on another start: the routing is the seed's.
        let mut other_starts = BTreeSet::new();
        for seed in 0..20 {
            if let (Deployment::Promoted { starts, .. }, _) = run(seed).await {
                other_starts.insert(starts);
            }
        }
        assert!(other_starts.len() > 1, "20 seeds all took {starts} starts");
    }
}
