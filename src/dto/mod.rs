//! The typed requests and responses of every operation, named after the API and serialized
//! exactly as the AWS JSON 1.0 wire format carries them.
//!
//! **Inputs** hold what a client sends, as it sends it: ARNs, names and numbers are plain
//! strings and integers, because the registry must answer an invalid value with AWS's own error
//! (an alias named `123` is a `ValidationException` with AWS's text, not a Rust parse error).
//! Constructors take `impl Into<String>`, so typed values such as
//! [`StateMachineArn`](crate::StateMachineArn) can be passed directly.
//!
//! **Outputs** hold validated types: [`StateMachineArn`](crate::StateMachineArn),
//! [`VersionNumber`](crate::VersionNumber), [`Timestamp`](crate::Timestamp), … Absent optional
//! members are omitted from the JSON, never sent as `null`.
//!
//! Every struct is `#[non_exhaustive]`, since AWS adds members over time: build one with its
//! `new` function and set optional members by assignment.
//!
//! Their serde forms are the wire's. [`handle_json`](crate::handle_json) reads a request more
//! strictly than serde's derives do on their own: a structure only from a JSON object (serde
//! would also read one from an array, member by member), as AWS does.

mod alias;
mod common;
mod execution;
mod state_machine;
mod tags;
mod validation;
mod version;

pub use alias::*;
pub use common::*;
pub use execution::*;
pub use state_machine::*;
pub use tags::*;
pub use validation::*;
pub use version::*;
