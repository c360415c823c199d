//! A real `aws_sdk_sfn::Client` whose requests a shared registry serves in-process (feature `aws-sdk`).
//!
//! For tests of code written against [`aws-sdk-sfn`](aws_sdk_sfn): the client is the SDK's own,
//! with its own serializers, error types and paginators, and only its HTTP connector is
//! replaced. Each request goes through the SDK's extension point for HTTP clients
//! ([`HttpClient`] / [`HttpConnector`]) straight to the registry, served as
//! [`handle_json`](crate::handle_json) serves it ([`JsonRequest`]) under its lock, and the
//! answer comes back as the HTTP response. Nothing leaves the process: no socket, no server, no
//! TLS, no network, and no credentials but dummies.
//!
//! ```
//! use std::sync::{Arc, Mutex};
//! use sfn_registry::InMemoryRegistry;
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let registry = Arc::new(Mutex::new(InMemoryRegistry::builder().seed(7).build()?));
//! let client = sfn_registry::sdk::client(&registry);
//!
//! let listed = client.list_state_machines().send().await?;
//! assert!(listed.state_machines().is_empty());
//! # Ok(()) }
//! # tokio::runtime::Builder::new_current_thread().build()?.block_on(run())
//! # }
//! ```
//!
//! # Sharing the registry
//!
//! The registry is shared as an `Arc<Mutex<InMemoryRegistry>>` or an
//! `Arc<RwLock<InMemoryRegistry>>` (see [`SharedRegistry`]): any number of clients, threads and
//! tasks use it at once, and the test keeps its own handle to look inside, seed it, move its
//! clock or end executions. Each request holds the lock while the registry answers it, a few
//! microseconds: behind an `RwLock`, the reads (DescribeExecution, ListExecutions, …) hold its
//! read lock and run in parallel with each other, the writes its write lock.
//!
//! # The clients it builds
//!
//! [`config`] (and [`Fake::config`]) give an `aws_sdk_sfn::Config` with the registry's region,
//! static dummy credentials, [`BehaviorVersion::latest`], and the in-process HTTP client.
//! Requests are sent unsigned (the SDK's `noAuth` scheme is preferred): the registry checks no
//! signature, and SigV4 would be half the cost of each call. Retries, timeouts, stalled-stream
//! protection and the identity cache are off: an in-process answer cannot stall or fail in
//! transit, and a repeated request would only get the same answer. So the client needs no
//! async sleep and no runtime of its own: it works under `#[tokio::test]` on current-thread and
//! multi-thread runtimes, or any other executor. Change what you need through
//! `config.to_builder()`, or give [`Fake::http_client`] to a configuration of your own
//! (`aws_config`'s loader takes it as `.http_client(…)`).
//!
//! # Scope agreement
//!
//! A registry serves one partition, region and account ([`InMemoryRegistry::scope`]). Through
//! `handle_json`, an ARN of another scope names nothing (the operation's not-found answer), as an
//! emulator serving many regions needs. A test fake is stricter, so that a misconfigured test
//! fails with a message that says why, instead of with ARNs of the wrong region or a puzzling
//! "does not exist". Before the registry sees a request, the fake refuses it, with HTTP 400,
//! the code `AccessDeniedException` and a message naming both scopes (the crate's wording; no
//! recording shows AWS in this situation), and nothing changes:
//!
//! - when the client's region is not the registry's: the region it signs for, or, unsigned (as
//!   [`config`]'s clients are), the region of the endpoint it resolved
//!   (`states.<region>.amazonaws.com`; a client given an endpoint URL of its own that names no
//!   region is not checked):
//!   `The client is configured for region 'us-west-2', and this sfn-registry serves region
//!   'us-east-1' (account 123456789012, partition 'aws'): build the client with
//!   sfn_registry::sdk::config, or the registry with .region("us-west-2").`
//! - when `stateMachineArn`, `stateMachineAliasArn`, `executionArn`, `resourceArn`, `mapRunArn`
//!   or a route's `stateMachineVersionArn` is a well-formed ARN of another partition, region or
//!   account: `stateMachineArn 'arn:aws:states:us-east-1:111111111111:stateMachine:orders' is
//!   outside this sfn-registry's scope: it names account 111111111111 in region 'us-east-1'
//!   (partition 'aws'), and the registry serves account 123456789012 in region 'us-east-1'
//!   (partition 'aws').` The account is known only from such ARNs: the role ARN and the ARNs
//!   inside a definition are not checked, and an ARN that is not well formed goes on to the
//!   registry, which answers `InvalidArn` as AWS does.
//!
//! `AccessDeniedException` is a real AWS code that no Step Functions operation models, so the
//! SDK gives it as each operation error's `Unhandled` case: read it with
//! [`ProvideErrorMetadata::code`](aws_sdk_sfn::error::ProvideErrorMetadata::code) and
//! `::message`.
//!
//! # Executions
//!
//! The registry runs no workflow: executions stay `RUNNING` until StopExecution, or until the
//! test ends them through its own handle (`registry.lock().unwrap().end_execution(…)`). For code
//! under test that starts an execution and waits for its end in one call, give the fake an
//! [`on_start_execution`](Fake::on_start_execution) hook: it runs under the same lock right after
//! each successful StartExecution, before the SDK sees the answer.

use std::borrow::Cow;
use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError, RwLock};

/// The `aws-sdk-sfn` this module builds clients of, re-exported so that callers name the same
/// version.
pub use aws_sdk_sfn;
use aws_sdk_sfn::config::retry::RetryConfig;
use aws_sdk_sfn::config::timeout::TimeoutConfig;
use aws_sdk_sfn::config::{
    BehaviorVersion, Credentials, IdentityCache, Region, SharedHttpClient, StalledStreamProtectionConfig,
};
use aws_smithy_runtime_api::client::auth::AuthSchemeId;
use aws_smithy_runtime_api::client::connector_metadata::ConnectorMetadata;
use aws_smithy_runtime_api::client::http::{
    HttpClient, HttpConnector, HttpConnectorFuture, HttpConnectorSettings, SharedHttpConnector,
};
use aws_smithy_runtime_api::client::orchestrator::{HttpRequest, HttpResponse};
use aws_smithy_runtime_api::client::result::ConnectorError;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_runtime_api::http::StatusCode;
use aws_smithy_types::body::SdkBody;
use serde::Deserialize;

use crate::{Arn, ArnScope, CONTENT_TYPE, ExecutionRef, InMemoryRegistry, JsonRequest, JsonResponse, Operation};

/// The SDK's scheme for requests sent unsigned.
const NO_AUTH: AuthSchemeId = AuthSchemeId::new("noAuth");

/// A client of `registry`: its region, dummy credentials, requests served in-process.
///
/// The one line a test needs; [`Fake`] has the other choices.
///
/// ```
/// use std::sync::{Arc, Mutex};
/// use sfn_registry::InMemoryRegistry;
///
/// let registry = Arc::new(Mutex::new(InMemoryRegistry::builder().seed(1).build()?));
/// let client = sfn_registry::sdk::client(&registry);
/// assert_eq!(client.config().region().map(|r| r.as_ref()), Some("us-east-1"));
/// # Ok::<(), sfn_registry::ArnError>(())
/// ```
#[must_use]
pub fn client<S: SharedRegistry>(registry: &Arc<S>) -> aws_sdk_sfn::Client {
    Fake::new(registry).client()
}

/// The configuration [`client`] is built from, for a client of your own
/// (`aws_sdk_sfn::Client::from_conf(config.to_builder().….build())`).
#[must_use]
pub fn config<S: SharedRegistry>(registry: &Arc<S>) -> aws_sdk_sfn::Config {
    Fake::new(registry).config()
}

/// A registry that SDK clients and the test share: the fake takes it exclusively for each
/// write, and shared ([`read_registry`](Self::read_registry)) for each read.
///
/// Implemented for `Mutex<InMemoryRegistry>` and `RwLock<InMemoryRegistry>` (whose reads run in
/// parallel); a poisoned lock is used as it is (every registry operation leaves the registry
/// whole, even when it fails).
pub trait SharedRegistry: Send + Sync + 'static {
    /// Runs `f` with the registry to itself.
    fn with_registry<T>(&self, f: impl FnOnce(&mut InMemoryRegistry) -> T) -> T;

    /// Runs `f` with the registry shared with other reads: by default, to itself, as
    /// [`with_registry`](Self::with_registry) does.
    fn read_registry<T>(&self, f: impl FnOnce(&InMemoryRegistry) -> T) -> T {
        self.with_registry(|registry| f(registry))
    }
}

impl SharedRegistry for Mutex<InMemoryRegistry> {
    fn with_registry<T>(&self, f: impl FnOnce(&mut InMemoryRegistry) -> T) -> T {
        f(&mut self.lock().unwrap_or_else(PoisonError::into_inner))
    }
}

impl SharedRegistry for RwLock<InMemoryRegistry> {
    fn with_registry<T>(&self, f: impl FnOnce(&mut InMemoryRegistry) -> T) -> T {
        f(&mut self.write().unwrap_or_else(PoisonError::into_inner))
    }

    fn read_registry<T>(&self, f: impl FnOnce(&InMemoryRegistry) -> T) -> T {
        f(&self.read().unwrap_or_else(PoisonError::into_inner))
    }
}

type StartHook = Arc<dyn Fn(&mut InMemoryRegistry, &ExecutionRef) + Send + Sync>;

/// The registry as an SDK fake: builds the HTTP client, configuration and client that serve
/// requests from a shared registry.
///
/// ```
/// use std::sync::{Arc, Mutex};
/// use sfn_registry::sdk::{Fake, aws_sdk_sfn::types::ExecutionStatus};
/// use sfn_registry::{ExecutionOutcome, InMemoryRegistry};
///
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// # tokio::runtime::Builder::new_current_thread().build()?.block_on(async {
/// let registry = Arc::new(Mutex::new(InMemoryRegistry::builder().seed(1).build()?));
/// // Every execution succeeds as soon as it starts, with its input as its output.
/// let client = Fake::new(&registry)
///     .on_start_execution(|registry, execution| {
///         let input = registry.execution(execution).map(|e| e.input().to_owned()).unwrap_or_default();
///         let _ = registry.end_execution(execution, ExecutionOutcome::succeeded(input));
///     })
///     .client();
///
/// let definition = r#"{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}"#;
/// let created = client.create_state_machine().name("jobs").definition(definition)
///     .role_arn("arn:aws:iam::123456789012:role/sfn").send().await?;
/// let started = client.start_execution().state_machine_arn(created.state_machine_arn())
///     .input(r#"{"n":1}"#).send().await?;
/// let execution = client.describe_execution().execution_arn(started.execution_arn()).send().await?;
/// assert_eq!(execution.status(), &ExecutionStatus::Succeeded);
/// assert_eq!(execution.output(), Some(r#"{"n":1}"#));
/// # Ok(()) })
/// # }
/// ```
#[derive(Clone)]
pub struct Fake<S> {
    registry: Arc<S>,
    on_start: Option<StartHook>,
}

impl<S> fmt::Debug for Fake<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Fake")
            .field("on_start_execution", &self.on_start.is_some())
            .finish_non_exhaustive()
    }
}

impl<S: SharedRegistry> Fake<S> {
    /// A fake serving requests from `registry`.
    #[must_use]
    pub fn new(registry: &Arc<S>) -> Self {
        Fake {
            registry: Arc::clone(registry),
            on_start: None,
        }
    }

    /// Runs `hook` after each successful StartExecution, with the registry (under the same lock)
    /// and the new execution's ARN, before the answer goes back: the place for a test's
    /// workflow engine to end the execution ([`InMemoryRegistry::end_execution`]) or record its
    /// state events. A repeated, idempotent start of a running execution runs it again. The
    /// hook holds the registry's lock: it must not send requests through a client of the same
    /// registry.
    #[must_use]
    pub fn on_start_execution(
        mut self,
        hook: impl Fn(&mut InMemoryRegistry, &ExecutionRef) + Send + Sync + 'static,
    ) -> Self {
        self.on_start = Some(Arc::new(hook));
        self
    }

    /// The SDK HTTP client that serves requests in-process, for a configuration of your own.
    /// Each HTTP client numbers its responses' request ids from 1.
    #[must_use]
    pub fn http_client(&self) -> SharedHttpClient {
        SharedHttpClient::new(InProcessClient {
            connector: SharedHttpConnector::new(Connector {
                registry: Arc::clone(&self.registry),
                on_start: self.on_start.clone(),
                requests: AtomicU64::new(0),
            }),
        })
    }

    /// A configuration with the registry's region, static dummy credentials,
    /// [`BehaviorVersion::latest`] and [`Fake::http_client`]; requests unsigned, and retries,
    /// timeouts, stalled-stream protection and the identity cache off (see the
    /// [module documentation](self)).
    #[must_use]
    pub fn config(&self) -> aws_sdk_sfn::Config {
        let region = self.registry.with_registry(|r| r.scope().region().to_owned());
        aws_sdk_sfn::Config::builder()
            .behavior_version(BehaviorVersion::latest())
            .region(Region::new(region))
            .credentials_provider(Credentials::new(
                "AKIDSFNREGISTRYFAKE",
                "sfn-registry-fake-secret-key",
                None,
                None,
                "sfn-registry",
            ))
            .http_client(self.http_client())
            // Requests are not signed: the registry checks no signature, and SigV4 would be half
            // of each call's cost. The dummy credentials stay for a client that asks for SigV4.
            .allow_no_auth()
            .auth_scheme_preference([NO_AUTH])
            .retry_config(RetryConfig::disabled())
            .timeout_config(TimeoutConfig::disabled())
            .stalled_stream_protection(StalledStreamProtectionConfig::disabled())
            .identity_cache(IdentityCache::no_cache())
            .build()
    }

    /// A client built from [`Fake::config`].
    #[must_use]
    pub fn client(&self) -> aws_sdk_sfn::Client {
        aws_sdk_sfn::Client::from_conf(self.config())
    }
}

/// The SDK's HTTP client: one connector, whatever the settings (no timeouts apply in-process).
#[derive(Debug)]
struct InProcessClient {
    connector: SharedHttpConnector,
}

impl HttpClient for InProcessClient {
    fn http_connector(&self, _: &HttpConnectorSettings, _: &RuntimeComponents) -> SharedHttpConnector {
        self.connector.clone()
    }

    fn connector_metadata(&self) -> Option<ConnectorMetadata> {
        Some(ConnectorMetadata::new(
            "sfn-registry",
            Some(Cow::Borrowed(env!("CARGO_PKG_VERSION"))),
        ))
    }
}

struct Connector<S> {
    registry: Arc<S>,
    on_start: Option<StartHook>,
    requests: AtomicU64,
}

impl<S> fmt::Debug for Connector<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Connector")
            .field("requests", &self.requests)
            .finish_non_exhaustive()
    }
}

impl<S: SharedRegistry> HttpConnector for Connector<S> {
    fn call(&self, request: HttpRequest) -> HttpConnectorFuture {
        HttpConnectorFuture::ready(self.serve(&request))
    }
}

impl<S: SharedRegistry> Connector<S> {
    fn serve(&self, request: &HttpRequest) -> Result<HttpResponse, ConnectorError> {
        let body = request.body().bytes().ok_or_else(|| {
            ConnectorError::user("sfn-registry serves Step Functions requests, whose bodies are in memory".into())
        })?;
        let headers = request.headers();
        let target = headers.get("x-amz-target").unwrap_or_default();
        let client_region = match headers.get("authorization") {
            Some(authorization) => signing_region(authorization),
            None => endpoint_region(request.uri()),
        };
        let response = match JsonRequest::new(target, body) {
            JsonRequest::Read(read) => self.registry.read_registry(|registry| {
                out_of_scope(registry.scope(), client_region, body).unwrap_or_else(|| read.serve(registry))
            }),
            JsonRequest::Write(write) => self.registry.with_registry(|registry| {
                if let Some(refusal) = out_of_scope(registry.scope(), client_region, body) {
                    return refusal;
                }
                let response = write.serve(registry);
                if let Some(hook) = &self.on_start
                    && response.status == 200
                    && write.operation() == Operation::StartExecution
                    && let Some(execution) = started_execution(&response.body)
                {
                    hook(registry, &execution);
                }
                response
            }),
        };
        let n = self.requests.fetch_add(1, Ordering::Relaxed) + 1;
        let status = StatusCode::try_from(response.status).map_err(|e| ConnectorError::other(e.into(), None))?;
        let mut http = HttpResponse::new(status, SdkBody::from(response.body));
        http.headers_mut().insert("content-type", CONTENT_TYPE);
        http.headers_mut()
            .insert("x-amzn-requestid", format!("00000000-0000-4000-8000-{n:012x}"));
        Ok(http)
    }
}

/// The region of a SigV4 `Authorization` header's credential scope
/// (`Credential=<key>/<date>/<region>/states/aws4_request`).
fn signing_region(authorization: &str) -> Option<&str> {
    let credential = authorization.split_once("Credential=")?.1;
    let scope = credential.split([',', ' ']).next()?;
    scope.split('/').nth(2)
}

/// The region of a Step Functions endpoint the SDK resolved (`https://states.<region>.…/`,
/// `states-fips.<region>.…`).
fn endpoint_region(uri: &str) -> Option<&str> {
    let host = uri.split_once("://").map_or(uri, |(_, rest)| rest);
    let mut labels = host.split(['/', ':']).next()?.split('.');
    matches!(labels.next()?, "states" | "states-fips").then(|| labels.next())?
}

/// The ARN members of the requests that name Step Functions resources.
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ArnMembers<'a> {
    #[serde(borrow, default)]
    state_machine_arn: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    state_machine_alias_arn: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    execution_arn: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    resource_arn: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    map_run_arn: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    routing_configuration: Option<Vec<RouteMember<'a>>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct RouteMember<'a> {
    #[serde(borrow, default)]
    state_machine_version_arn: Option<Cow<'a, str>>,
}

impl ArnMembers<'_> {
    /// Each ARN given, with its member's path (`routingConfiguration.2.member.stateMachineVersionArn`).
    fn iter(&self) -> impl Iterator<Item = (Cow<'static, str>, &str)> {
        let top = [
            ("stateMachineArn", &self.state_machine_arn),
            ("stateMachineAliasArn", &self.state_machine_alias_arn),
            ("executionArn", &self.execution_arn),
            ("resourceArn", &self.resource_arn),
            ("mapRunArn", &self.map_run_arn),
        ]
        .into_iter()
        .filter_map(|(member, arn)| Some((Cow::Borrowed(member), arn.as_deref()?)));
        let routes = self
            .routing_configuration
            .iter()
            .flatten()
            .enumerate()
            .filter_map(|(i, route)| {
                let member = format!("routingConfiguration.{}.member.stateMachineVersionArn", i + 1);
                Some((Cow::Owned(member), route.state_machine_version_arn.as_deref()?))
            });
        top.chain(routes)
    }
}

/// The fake's refusal of a request outside the registry's scope (see the module documentation).
fn out_of_scope(scope: &ArnScope, client_region: Option<&str>, body: &[u8]) -> Option<JsonResponse> {
    if let Some(region) = client_region
        && region != scope.region()
    {
        return Some(refusal(&format!(
            "The client is configured for region '{region}', and this sfn-registry serves region '{}' \
             (account {}, partition '{}'): build the client with sfn_registry::sdk::config, or the \
             registry with .region(\"{region}\").",
            scope.region(),
            scope.account_id(),
            scope.partition()
        )));
    }
    let members: ArnMembers<'_> = serde_json::from_slice(body).ok()?;
    members.iter().find_map(|(member, text)| {
        let named = Arn::parse(text).ok()?.scope();
        (named != *scope).then(|| {
            refusal(&format!(
                "{member} '{text}' is outside this sfn-registry's scope: it names account {} in \
                 region '{}' (partition '{}'), and the registry serves account {} in region '{}' \
                 (partition '{}').",
                named.account_id(),
                named.region(),
                named.partition(),
                scope.account_id(),
                scope.region(),
                scope.partition()
            ))
        })
    })
}

fn refusal(message: &str) -> JsonResponse {
    JsonResponse {
        status: 400,
        body: serde_json::json!({ "__type": "AccessDeniedException", "message": message })
            .to_string()
            .into_bytes(),
    }
}

/// The execution a successful StartExecution answer names.
fn started_execution(body: &[u8]) -> Option<ExecutionRef> {
    #[derive(Deserialize)]
    #[serde(rename_all = "camelCase")]
    struct Started {
        execution_arn: ExecutionRef,
    }
    serde_json::from_slice::<Started>(body).ok().map(|s| s.execution_arn)
}
