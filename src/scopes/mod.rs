//! Serving every partition, region and account from one endpoint: the scope of a request.
//!
//! An [`InMemoryRegistry`](crate::InMemoryRegistry) serves one partition, region and account
//! ([`ArnScope`](crate::ArnScope)). An emulator serving them all reads each request's scope from
//! its SigV4 `Authorization` header ([`scope_of_request`]: the region of its [`SigV4Credential`],
//! that region's [`Partition`], the account of its access key id by
//! [`account_id_of_access_key`]) and answers it from that scope's registry, seeded by
//! [`derive_seed`].

mod account;
mod partition;
mod request;
mod seed;
mod sigv4;

pub use account::account_id_of_access_key;
pub use partition::Partition;
pub use request::scope_of_request;
pub use seed::derive_seed;
pub use sigv4::SigV4Credential;
