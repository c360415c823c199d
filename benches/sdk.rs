//! Criterion benchmarks of the `aws-sdk` feature: an SDK call served in-process, beside
//! `handle_json` serving the same request on the same registry.
//!
//! ```text
//! cargo bench --features aws-sdk --bench sdk
//! ```
//!
//! The registry holds one state machine with one version, on a clock that stands still and a
//! fixed seed. The SDK call is timed from the fluent builder to the typed output on a
//! current-thread tokio runtime: request serialization, SigV4 signing with the dummy
//! credentials, the registry's lock and `handle_json`, and the response's deserialization.

use std::hint::black_box;
use std::sync::{Arc, Mutex};

use criterion::{Criterion, criterion_group, criterion_main};
use sfn_registry::dto::CreateStateMachineInput;
use sfn_registry::{InMemoryRegistry, ManualClock, Registry, Timestamp, handle_json};

const ROLE: &str = "arn:aws:iam::123456789012:role/StepFunctionsRole";
const DEFINITION: &str = r#"{"StartAt": "Hello", "States": {"Hello": {"Type": "Pass", "Result": "r", "End": true}}}"#;
const TARGET: &str = "AWSStepFunctions.DescribeStateMachine";

fn registry() -> (InMemoryRegistry, String) {
    let mut registry = InMemoryRegistry::builder()
        .clock(ManualClock::new(Timestamp::from_unix_millis(1_700_000_000_000)))
        .seed(0x5eed_0002)
        .build()
        .expect("the default scope is valid");
    let mut create = CreateStateMachineInput::new("orders", DEFINITION, ROLE);
    create.publish = true;
    let arn = registry
        .create_state_machine(create)
        .expect("a valid state machine")
        .state_machine_arn
        .to_string();
    (registry, arn)
}

fn describe_state_machine(c: &mut Criterion) {
    let mut group = c.benchmark_group("sdk");

    group.bench_function("describe_state_machine/handle_json", |b| {
        let (mut registry, arn) = registry();
        let body = format!(r#"{{"stateMachineArn":"{arn}"}}"#).into_bytes();
        assert_eq!(handle_json(&mut registry, TARGET, &body).status, 200);
        b.iter(|| handle_json(&mut registry, black_box(TARGET), black_box(&body)));
    });

    group.bench_function("describe_state_machine/sdk_client", |b| {
        let (registry, arn) = registry();
        let client = sfn_registry::sdk::client(&Arc::new(Mutex::new(registry)));
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .expect("a current-thread runtime");
        let described = runtime
            .block_on(client.describe_state_machine().state_machine_arn(&arn).send())
            .expect("served");
        assert_eq!(described.name(), "orders");
        b.iter(|| {
            runtime
                .block_on(
                    client
                        .describe_state_machine()
                        .state_machine_arn(black_box(&arn))
                        .send(),
                )
                .expect("served")
        });
    });
    group.finish();
}

criterion_group!(benches, describe_state_machine);
criterion_main!(benches);
