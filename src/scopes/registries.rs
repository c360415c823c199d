//! [`ScopedRegistries`]: one registry per partition, region and account, each made on first use
//! with the same settings.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::{Arc, PoisonError, RwLock, RwLockReadGuard, RwLockWriteGuard};

use super::request::scope_of_request;
use super::seed::derive_seed;
use crate::arn::ArnScope;
use crate::json::{JsonRequest, JsonResponse};
use crate::memory::{InMemoryRegistry, InMemoryRegistryBuilder};

/// A scope's registry, behind its own read-write lock.
pub(super) type Shared = Arc<RwLock<InMemoryRegistry>>;

/// Every scope an emulator serves from one endpoint: one [`InMemoryRegistry`] per partition,
/// region and account ([`ArnScope`]), each made the first time it is written to, from one
/// template builder (clock, definition validator, change recording) and a seed derived from
/// one base seed.
///
/// **Isolation.** Each scope is its own registry: an ARN of another scope names nothing in it
/// and gets the operation's not-found answer, and a name can be used in every scope at once.
///
/// **Seeds.** The registry of `scope` is seeded with [`derive_seed`]`(base_seed, scope)`: the
/// same base seed gives every scope the same seed, whatever order scopes are first used in, so
/// each scope's revision ids, generated names and alias picks repeat from run to run (and
/// `InMemoryRegistry::builder().seed(registries.seed_of(&scope))` repeats one scope alone).
///
/// **Concurrency.** It is `Send + Sync` and every method takes `&self`. Each scope has its own
/// read-write lock: requests to different scopes run in parallel; within a scope, reads
/// ([`Operation::is_write`](crate::Operation::is_write) `false`) run in parallel with each other
/// and writes one at a time, with no read running (the map of scopes is behind a read-write lock
/// taken only to find or add a scope, never while a scope's lock is awaited). A read of a scope
/// that was never written to is answered by a fresh registry that is not kept, so clients
/// probing many regions do not grow the collection.
///
/// **Durability.** With a template that records changes, [`take_changes`](Self::take_changes)
/// (or [`InMemoryRegistry::take_changes`] inside [`with`](Self::with)) hands over each
/// acknowledged write with its scope as a [`ScopedChange`](crate::ScopedChange);
/// [`snapshot`](Self::snapshot) images every scope, and [`restore_with_changes`](Self::restore_with_changes)
/// brings them back.
///
/// ```
/// use sfn_registry::{ArnScope, InMemoryRegistry, ScopedRegistries};
///
/// let registries = ScopedRegistries::new(ArnScope::default(), InMemoryRegistry::builder().seed(7));
/// let create = br#"{"name": "orders", "roleArn": "arn:aws:iam::123456789012:role/r",
///     "definition": "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"End\":true}}}"}"#;
/// let target = "AWSStepFunctions.CreateStateMachine";
///
/// // The scope of each request comes from its SigV4 `Authorization` header.
/// let china = registries.scope_of_request(Some(
///     b"AWS4-HMAC-SHA256 Credential=111111111111/20240101/cn-north-1/states/aws4_request, \
///       SignedHeaders=host, Signature=00",
/// ));
/// let response = registries.handle_json(&china, target, create);
/// assert_eq!(response.status, 200);
/// assert!(String::from_utf8(response.body)?.contains(
///     r#""stateMachineArn":"arn:aws-cn:states:cn-north-1:111111111111:stateMachine:orders""#
/// ));
///
/// // The same name in the default scope is another state machine.
/// let default = registries.scope_of_request(None);
/// assert_eq!(registries.handle_json(&default, target, create).status, 200);
/// assert_eq!(registries.scopes(), [default, china]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct ScopedRegistries {
    pub(super) template: InMemoryRegistryBuilder,
    pub(super) base_seed: u64,
    default_scope: ArnScope,
    pub(super) registries: RwLock<BTreeMap<ArnScope, Shared>>,
}

impl fmt::Debug for ScopedRegistries {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ScopedRegistries")
            .field("template", &self.template)
            .field("base_seed", &self.base_seed)
            .field("default_scope", &self.default_scope)
            .field("scopes", &self.scopes())
            .finish()
    }
}

/// Locks a scope's registry for reading. A panic of the embedder's closure in
/// [`ScopedRegistries::with`] leaves the registry as its last completed call left it: keep
/// serving it.
pub(super) fn read(registry: &Shared) -> RwLockReadGuard<'_, InMemoryRegistry> {
    registry.read().unwrap_or_else(PoisonError::into_inner)
}

/// Locks a scope's registry for writing; see [`read`] about poisoning.
pub(super) fn write(registry: &Shared) -> RwLockWriteGuard<'_, InMemoryRegistry> {
    registry.write().unwrap_or_else(PoisonError::into_inner)
}

impl ScopedRegistries {
    /// No registry yet; requests without a readable `Authorization` header act in
    /// `default_scope`. Each scope's registry is built from `template` (its clock, definition
    /// validator and change recording) with the scope's own partition, region and account (the
    /// template's are not used), and
    /// the seed [`derive_seed`]`(base_seed, scope)`, where the base seed is the template's seed
    /// or, if it has none, one drawn once from the operating system
    /// ([`base_seed`](Self::base_seed) tells which).
    #[must_use]
    pub fn new(default_scope: ArnScope, template: InMemoryRegistryBuilder) -> Self {
        let base_seed = template.clone().build_with(default_scope.clone()).seed();
        ScopedRegistries::with_base_seed(default_scope, template, base_seed)
    }

    pub(super) fn with_base_seed(default_scope: ArnScope, template: InMemoryRegistryBuilder, base_seed: u64) -> Self {
        ScopedRegistries {
            template,
            base_seed,
            default_scope,
            registries: RwLock::new(BTreeMap::new()),
        }
    }

    /// The scope of requests without a readable `Authorization` header.
    #[must_use]
    pub fn default_scope(&self) -> &ArnScope {
        &self.default_scope
    }

    /// The seed every scope's seed is derived from.
    #[must_use]
    pub fn base_seed(&self) -> u64 {
        self.base_seed
    }

    /// The seed of `scope`'s registry: [`derive_seed`]`(base_seed, scope)`, or the seed a
    /// restored snapshot gave it.
    #[must_use]
    pub fn seed_of(&self, scope: &ArnScope) -> u64 {
        self.existing(scope)
            .map_or_else(|| derive_seed(self.base_seed, scope), |registry| read(&registry).seed())
    }

    /// The scope a request acts in, from its `Authorization` header:
    /// [`scope_of_request`](crate::scope_of_request) with this collection's default scope.
    #[must_use]
    pub fn scope_of_request(&self, authorization: Option<&[u8]>) -> ArnScope {
        scope_of_request(authorization, &self.default_scope)
    }

    /// The scopes that have a registry, in order.
    #[must_use]
    pub fn scopes(&self) -> Vec<ArnScope> {
        self.map().keys().cloned().collect()
    }

    /// Serves one AWS JSON 1.0 request in `scope`, as [`handle_json`](crate::handle_json) does
    /// for one registry: a read under the scope's read lock ([`with_read`](Self::with_read)), a
    /// write under its write lock ([`with`](Self::with)); a write to a scope without a registry
    /// makes it first. Never panics.
    ///
    /// With a template that records changes, the writes' changes wait in their registries for
    /// [`take_changes`](Self::take_changes); to persist each write before answering it, sort
    /// the request with [`JsonRequest`] and serve its writes inside [`with`](Self::with)
    /// instead.
    #[must_use]
    pub fn handle_json(&self, scope: &ArnScope, target: &str, body: &[u8]) -> JsonResponse {
        match JsonRequest::new(target, body) {
            JsonRequest::Read(request) => self.with_read(scope, |registry| request.serve(registry)),
            JsonRequest::Write(request) => self.with(scope, |registry| request.serve(registry)),
        }
    }

    /// Runs `f` on `scope`'s registry (made first if the scope has none), holding the scope's
    /// write lock: other scopes stay available meanwhile, and nothing else reaches this scope,
    /// read or write, until `f` returns. An embedder does here what must happen under the same
    /// lock as a write: reading its result, reporting the steps of the execution it started,
    /// taking and persisting its changes (so that they reach its log in the order they were
    /// made).
    ///
    /// `f` gets the scope's registry itself: calling this collection from inside `f` for the same
    /// scope (or [`snapshot`](Self::snapshot) / [`take_changes`](Self::take_changes), which reach
    /// every scope) waits for the lock `f` holds, forever; two such calls for each other's scope
    /// can wait for each other.
    ///
    /// ```
    /// use sfn_registry::dto::ListStateMachinesInput;
    /// use sfn_registry::{ArnScope, InMemoryRegistry, Registry, ScopedRegistries};
    ///
    /// let registries = ScopedRegistries::new(ArnScope::default(), InMemoryRegistry::builder().seed(1));
    /// let scope = ArnScope::new("aws", "eu-west-1", "111111111111")?;
    /// let listed = registries.with(&scope, |registry| registry.list_state_machines(ListStateMachinesInput::new()))?;
    /// assert!(listed.state_machines.is_empty());
    /// assert_eq!(registries.seed_of(&scope), sfn_registry::derive_seed(1, &scope));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with<R>(&self, scope: &ArnScope, f: impl FnOnce(&mut InMemoryRegistry) -> R) -> R {
        let registry = self.registry(scope);
        let mut guard = write(&registry);
        f(&mut guard)
    }

    /// Runs `f` on `scope`'s registry through a shared reference, holding the scope's read lock:
    /// other reads of the scope (and every other scope) run meanwhile, writes to it wait until
    /// `f` returns. A scope that has no registry is not made: `f` gets a fresh registry that
    /// answers as that scope's first registry would, and is then dropped. An embedder reads here
    /// what an execution must run ([`InMemoryRegistry::execution`]), or serves a
    /// [`JsonRead`](crate::JsonRead).
    ///
    /// Calling this collection from inside `f` for a write, a [`take_changes`](Self::take_changes)
    /// or another `with_read` of the same scope can wait forever: a write waiting for the lock `f`
    /// holds may keep a second read out.
    ///
    /// ```
    /// use sfn_registry::{ArnScope, InMemoryRegistry, ScopedRegistries};
    ///
    /// let registries = ScopedRegistries::new(ArnScope::default(), InMemoryRegistry::builder().seed(1));
    /// let scope = ArnScope::new("aws", "eu-west-1", "111111111111")?;
    /// let running = registries.with_read(&scope, |registry| registry.running_executions().count());
    /// assert_eq!(running, 0);
    /// assert!(registries.scopes().is_empty(), "a read makes no scope");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_read<R>(&self, scope: &ArnScope, f: impl FnOnce(&InMemoryRegistry) -> R) -> R {
        match self.existing(scope) {
            Some(registry) => f(&read(&registry)),
            None => f(&self.fresh(scope)),
        }
    }

    pub(super) fn map(&self) -> std::sync::RwLockReadGuard<'_, BTreeMap<ArnScope, Shared>> {
        self.registries.read().unwrap_or_else(PoisonError::into_inner)
    }

    fn existing(&self, scope: &ArnScope) -> Option<Shared> {
        self.map().get(scope).cloned()
    }

    /// `scope`'s registry, made if it has none.
    fn registry(&self, scope: &ArnScope) -> Shared {
        if let Some(registry) = self.existing(scope) {
            return registry;
        }
        let mut map = self.registries.write().unwrap_or_else(PoisonError::into_inner);
        Arc::clone(
            map.entry(scope.clone())
                .or_insert_with(|| Arc::new(RwLock::new(self.fresh(scope)))),
        )
    }

    /// A new registry for `scope`, as the collection makes it.
    pub(super) fn fresh(&self, scope: &ArnScope) -> InMemoryRegistry {
        self.template
            .clone()
            .seed(derive_seed(self.base_seed, scope))
            .build_with(scope.clone())
    }
}
