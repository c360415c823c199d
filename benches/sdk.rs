//! Criterion benchmarks of the `aws-sdk` feature: an SDK call served in-process, beside
//! `handle_json` serving the same request on the same registry, and beside the floor of any
//! in-process SDK call: the same client with a connector that answers a canned response.
//!
//! ```text
//! cargo bench --features aws-sdk --bench sdk
//! ```
//!
//! The registry holds one state machine with one version, on a clock that stands still and a
//! fixed seed. The SDK call is timed from the fluent builder to the typed output on a
//! current-thread tokio runtime: the SDK's orchestrator (interceptors, endpoint, request
//! serialization; requests go unsigned), the registry's lock and `handle_json`, and the
//! response's deserialization. The canned client does all of the SDK's part and none of the
//! registry's: its difference to the served call is what serving in-process adds.

use std::hint::black_box;
use std::sync::{Arc, Mutex};

use aws_smithy_runtime_api::client::http::{
    HttpClient, HttpConnector, HttpConnectorFuture, HttpConnectorSettings, SharedHttpClient, SharedHttpConnector,
};
use aws_smithy_runtime_api::client::orchestrator::{HttpRequest, HttpResponse};
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_runtime_api::http::StatusCode;
use aws_smithy_types::body::SdkBody;
use criterion::{Criterion, criterion_group, criterion_main};
use sfn_registry::dto::CreateStateMachineInput;
use sfn_registry::{CONTENT_TYPE, InMemoryRegistry, ManualClock, Registry, Timestamp, handle_json};

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

/// An HTTP client whose every answer is `body`, as the registry answered it once.
#[derive(Debug)]
struct Canned {
    body: &'static [u8],
}

impl HttpConnector for Canned {
    fn call(&self, _: HttpRequest) -> HttpConnectorFuture {
        let mut response = HttpResponse::new(StatusCode::try_from(200).expect("200"), SdkBody::from(self.body));
        response.headers_mut().insert("content-type", CONTENT_TYPE);
        response
            .headers_mut()
            .insert("x-amzn-requestid", "00000000-0000-4000-8000-000000000001");
        HttpConnectorFuture::ready(Ok(response))
    }
}

#[derive(Debug)]
struct CannedClient(SharedHttpConnector);

impl HttpClient for CannedClient {
    fn http_connector(&self, _: &HttpConnectorSettings, _: &RuntimeComponents) -> SharedHttpConnector {
        self.0.clone()
    }
}

fn describe_state_machine(c: &mut Criterion) {
    let mut group = c.benchmark_group("sdk");
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("a current-thread runtime");

    group.bench_function("describe_state_machine/handle_json", |b| {
        let (mut registry, arn) = registry();
        let body = format!(r#"{{"stateMachineArn":"{arn}"}}"#).into_bytes();
        assert_eq!(handle_json(&mut registry, TARGET, &body).status, 200);
        b.iter(|| handle_json(&mut registry, black_box(TARGET), black_box(&body)));
    });

    group.bench_function("describe_state_machine/sdk_client", |b| {
        let (registry, arn) = registry();
        let client = sfn_registry::sdk::client(&Arc::new(Mutex::new(registry)));
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

    group.bench_function("describe_state_machine/sdk_client_canned_floor", |b| {
        let (mut registry, arn) = registry();
        let request = format!(r#"{{"stateMachineArn":"{arn}"}}"#).into_bytes();
        let answer = handle_json(&mut registry, TARGET, &request);
        assert_eq!(answer.status, 200);
        let canned = Canned {
            body: Vec::leak(answer.body),
        };
        let config = sfn_registry::sdk::config(&Arc::new(Mutex::new(registry)))
            .to_builder()
            .http_client(SharedHttpClient::new(CannedClient(SharedHttpConnector::new(canned))))
            .build();
        let client = sfn_registry::sdk::aws_sdk_sfn::Client::from_conf(config);
        let described = runtime
            .block_on(client.describe_state_machine().state_machine_arn(&arn).send())
            .expect("canned");
        assert_eq!(described.name(), "orders");
        b.iter(|| {
            runtime
                .block_on(
                    client
                        .describe_state_machine()
                        .state_machine_arn(black_box(&arn))
                        .send(),
                )
                .expect("canned")
        });
    });
    group.finish();
}

criterion_group!(benches, describe_state_machine);
criterion_main!(benches);
