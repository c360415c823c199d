//! Serving every partition, region and account from one endpoint: the scope of a request, and
//! one registry per scope.
//!
//! An [`InMemoryRegistry`](crate::InMemoryRegistry) serves one partition, region and account
//! ([`ArnScope`](crate::ArnScope)). An emulator serving them all reads each request's scope from
//! its SigV4 `Authorization` header ([`scope_of_request`]: the region of its [`SigV4Credential`],
//! that region's [`Partition`], the account of its access key id by
//! [`account_id_of_access_key`]) and answers it from that scope's registry in a
//! [`ScopedRegistries`], which makes each registry on first use, seeded by [`derive_seed`].
//! [`ScopedSnapshot`] and [`ScopedChange`] make the whole collection durable.

mod account;
mod partition;
mod persistence;
mod registries;
mod request;
mod seed;
mod sigv4;

pub use account::account_id_of_access_key;
pub use partition::Partition;
pub use persistence::{ScopedChange, ScopedSnapshot};
pub use registries::ScopedRegistries;
pub use request::scope_of_request;
pub use seed::derive_seed;
pub use sigv4::SigV4Credential;
