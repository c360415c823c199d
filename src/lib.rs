#![doc = include_str!("../README.md")]
#![deny(missing_docs, missing_debug_implementations)]
#![forbid(unsafe_code)]

mod arn;
mod asl;
mod constraints;
mod definition;
mod definition_text;
pub mod dto;
mod error;
mod jackson;
mod json;
mod memory;
mod name;
mod pagination;
mod registry;
mod routing;
mod scopes;
#[cfg(feature = "aws-sdk")]
pub mod sdk;
#[cfg(feature = "proptest")]
pub mod strategies;
mod time;

pub use arn::{
    ActivityArn, Arn, ArnError, ArnScope, ExecutionArn, ExecutionRef, ExpressExecutionArn, MapRunArn,
    StateMachineAliasArn, StateMachineArn, StateMachineLabelArn, StateMachineRef, StateMachineVersionArn,
};
pub use asl::AslValidator;
pub use definition::{DefinitionValidator, Diagnostic};
pub use definition_text::Definition;
pub use error::{Error, ErrorCode, Result, UnknownErrorCode, ValidationExceptionReason};
pub use json::{CONTENT_TYPE, JsonRead, JsonRequest, JsonResponse, JsonWrite, Operation, TARGET_PREFIX, handle_json};
pub use memory::{
    Change, ExecutionOutcome, ExecutionView, InMemoryRegistry, InMemoryRegistryBuilder, Snapshot, SnapshotError,
    SnapshotErrorKind, StateEvent, StateType,
};
pub use name::{
    AliasName, ArnId, ExecutionName, MapRunLabel, NameError, StateMachineName, VersionNumber, VersionNumberError,
};
pub use registry::Registry;
pub use routing::{Route, RoutingConfiguration, RoutingError, RoutingErrorKind, Weight, roll};
pub use scopes::{
    Partition, ScopedChange, ScopedRegistries, ScopedSnapshot, SigV4Credential, account_id_of_access_key, derive_seed,
    scope_of_request,
};

/// The `rand` this crate's routing API takes RNGs from ([`RoutingConfiguration::pick`], [`roll`]):
/// a public dependency, re-exported so that callers use the same version.
pub use rand;
pub use time::{Clock, ManualClock, SystemClock, Timestamp};
