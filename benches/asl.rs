//! Criterion benchmarks of the default definition validator, [`AslValidator`]: a typical 2 KiB
//! definition, a 256 KiB and a 1 MiB one (many states: the cost per byte should not grow), and
//! CreateStateMachine with and without validation, to show the validator's share of it. Beside
//! each validation, `serde_json_value_*` only reads the same text into a `serde_json::Value`:
//! the cost of reading the definition at all, which bounds from below what any validator costs.
//!
//! ```text
//! cargo bench --bench asl                   # everything (about 1 min)
//! cargo bench --bench asl -- asl/validate   # the validator alone
//! cargo test --benches                      # each benchmark once, as a smoke test
//! ```

use std::hint::black_box;
use std::time::Duration;

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use sfn_registry::dto::{CreateStateMachineInput, StateMachineType};
use sfn_registry::{AslValidator, DefinitionValidator, Diagnostic, InMemoryRegistry, ManualClock, Registry, Timestamp};

const ROLE: &str = "arn:aws:iam::123456789012:role/StepFunctionsRole";

/// An order workflow as people write them (about 2 KiB, pretty-printed): Choice, Task with
/// Retry and Catch, Parallel, Map, Wait, Pass, Succeed and Fail, payload templates and an
/// intrinsic function.
const TYPICAL: &str = r#"{
  "Comment": "Process an order",
  "StartAt": "Validate",
  "States": {
    "Validate": {
      "Type": "Choice",
      "Choices": [
        {"Variable": "$.order.total", "NumericGreaterThan": 0, "Next": "Charge"},
        {"And": [{"Variable": "$.order.items", "IsPresent": true}, {"Variable": "$.order.total", "NumericEquals": 0}], "Next": "Ship"}
      ],
      "Default": "Rejected"
    },
    "Charge": {
      "Type": "Task",
      "Resource": "arn:aws:states:::lambda:invoke",
      "Parameters": {"FunctionName": "arn:aws:lambda:us-east-1:123456789012:function:charge", "Payload.$": "$.order"},
      "ResultSelector": {"receipt.$": "$.Payload.receipt"},
      "ResultPath": "$.payment",
      "TimeoutSeconds": 30,
      "Retry": [
        {"ErrorEquals": ["Lambda.ServiceException", "Lambda.TooManyRequestsException"], "IntervalSeconds": 2, "MaxAttempts": 6, "BackoffRate": 2},
        {"ErrorEquals": ["States.ALL"], "MaxAttempts": 1}
      ],
      "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Rejected"}],
      "Next": "Ship"
    },
    "Ship": {
      "Type": "Parallel",
      "Branches": [
        {"StartAt": "Notify", "States": {"Notify": {"Type": "Task", "Resource": "arn:aws:states:::sns:publish",
          "Parameters": {"TopicArn": "arn:aws:sns:us-east-1:123456789012:orders", "Message.$": "States.Format('Order {} shipped', $.order.id)"}, "End": true}}},
        {"StartAt": "Pack", "States": {"Pack": {"Type": "Map", "ItemsPath": "$.order.items", "MaxConcurrency": 10,
          "ItemProcessor": {"StartAt": "PackItem", "States": {"PackItem": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:putItem",
            "Parameters": {"TableName": "packing", "Item": {"sku": {"S.$": "$.sku"}}}, "End": true}}}, "End": true}}}
      ],
      "ResultPath": null,
      "Next": "Wait"
    },
    "Wait": {"Type": "Wait", "Seconds": 60, "Next": "Done"},
    "Done": {"Type": "Pass", "Result": {"status": "shipped"}, "ResultPath": "$.result", "Next": "Succeeded"},
    "Succeeded": {"Type": "Succeed"},
    "Rejected": {"Type": "Fail", "Error": "OrderRejected", "Cause": "The order could not be charged"}
  }
}"#;

/// A definition of about `bytes` bytes: a chain of Task, Choice and Pass states.
fn many_states(bytes: usize) -> String {
    let mut states = Vec::new();
    let mut size = 0;
    let mut i = 0;
    while size < bytes {
        let state = match i % 3 {
            0 => format!(
                r#""S{i}": {{"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {{"FunctionName": "f{i}", "Payload.$": "$"}}, "Retry": [{{"ErrorEquals": ["States.ALL"], "MaxAttempts": 2}}], "Next": "S{}"}}"#,
                i + 1
            ),
            1 => format!(
                r#""S{i}": {{"Type": "Choice", "Choices": [{{"Variable": "$.n", "NumericLessThan": {i}, "Next": "S{}"}}], "Default": "S{}"}}"#,
                i + 1,
                i + 1
            ),
            _ => format!(
                r#""S{i}": {{"Type": "Pass", "Result": {{"i": {i}}}, "ResultPath": "$.last", "Next": "S{}"}}"#,
                i + 1
            ),
        };
        size += state.len() + 2;
        states.push(state);
        i += 1;
    }
    states.push(format!(r#""S{i}": {{"Type": "Succeed"}}"#));
    format!(r#"{{"StartAt": "S0", "States": {{{}}}}}"#, states.join(", "))
}

/// A validator that accepts everything: CreateStateMachine's cost without validation.
#[derive(Debug)]
struct AcceptAll;

impl DefinitionValidator for AcceptAll {
    fn validate(&self, _definition: &str, _kind: &StateMachineType) -> Vec<Diagnostic> {
        Vec::new()
    }
}

fn config() -> Criterion {
    Criterion::default()
        .sample_size(50)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5))
}

fn validate(c: &mut Criterion) {
    let mut group = c.benchmark_group("asl");
    for (name, definition) in [
        ("validate_2k", TYPICAL.to_owned()),
        ("validate_256k", many_states(256 * 1024)),
        ("validate_1m", many_states(1024 * 1024 - 128)),
    ] {
        assert!(
            AslValidator
                .validate(&definition, &StateMachineType::Standard)
                .is_empty(),
            "{name} is valid"
        );
        group.throughput(Throughput::Bytes(definition.len() as u64));
        group.bench_function(name, |b| {
            b.iter(|| AslValidator.validate(black_box(&definition), &StateMachineType::Standard));
        });
        // The reference: only reading the same text into a serde_json::Value, no rule checked.
        // Any validator reads the whole definition once; this is what that costs with the
        // JSON reader the crate already depends on.
        let reference = name.replace("validate", "serde_json_value");
        group.bench_function(reference, |b| {
            b.iter(|| serde_json::from_str::<serde_json::Value>(black_box(&definition)).expect("JSON"));
        });
    }
    group.finish();
}

fn create(c: &mut Criterion) {
    let clock = ManualClock::new(Timestamp::from_unix_millis(1_700_000_000_000));
    let build = |validate: bool| {
        let builder = InMemoryRegistry::builder().clock(clock.clone()).seed(1);
        let builder = if validate {
            builder
        } else {
            builder.definition_validator(AcceptAll)
        };
        builder.build().expect("valid scope")
    };
    for (name, validate) in [("asl/create_2k", true), ("asl/create_2k_unvalidated", false)] {
        c.bench_function(name, |b| {
            let input = CreateStateMachineInput::new("orders", TYPICAL, ROLE);
            b.iter_batched(
                || (build(validate), input.clone()),
                |(mut registry, input)| {
                    registry.create_state_machine(input).expect("created");
                    registry
                },
                BatchSize::SmallInput,
            );
        });
    }
}

criterion_group! {
    name = benches;
    config = config();
    targets = validate, create
}
criterion_main!(benches);
