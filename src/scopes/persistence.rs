//! Durable state of every scope: a [`ScopedSnapshot`] of all registries, and the
//! [`ScopedChange`]s (each acknowledged write with its scope) to persist one write at a time.

use std::collections::BTreeMap;
use std::sync::{Arc, RwLock};

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::registries::{ScopedRegistries, Shared, read, write};
use crate::arn::ArnScope;
use crate::memory::{Change, InMemoryRegistryBuilder, Snapshot, SnapshotError, SnapshotErrorKind, check_format};

/// The snapshot format this crate writes and reads.
const FORMAT: u32 = 1;

/// A versioned image of every scope of a [`ScopedRegistries`]: the base seed, and one
/// [`Snapshot`] per scope, in scope order.
///
/// ```
/// use sfn_registry::{ArnScope, InMemoryRegistry, ScopedRegistries, ScopedSnapshot};
///
/// let template = InMemoryRegistry::builder().seed(3);
/// let registries = ScopedRegistries::new(ArnScope::default(), template.clone());
/// let scope = ArnScope::new("aws-cn", "cn-north-1", "111111111111")?;
/// let create = br#"{"name": "jobs", "roleArn": "arn:aws-cn:iam::111111111111:role/r",
///     "definition": "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"End\":true}}}"}"#;
/// assert_eq!(registries.handle_json(&scope, "AWSStepFunctions.CreateStateMachine", create).status, 200);
///
/// let bytes = registries.snapshot().to_json();
/// let restored = ScopedRegistries::restore(ArnScope::default(), template, ScopedSnapshot::from_json(&bytes)?)?;
/// assert_eq!(restored.scopes(), [scope]);
/// assert_eq!(restored.snapshot().to_json(), bytes);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ScopedSnapshot {
    format: u32,
    base_seed: u64,
    registries: Vec<Snapshot>,
}

/// A [`ScopedSnapshot`] as read, before each scope's snapshot is checked.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Image {
    format: u32,
    base_seed: u64,
    registries: Vec<Value>,
}

impl ScopedSnapshot {
    /// The snapshot as JSON.
    #[must_use]
    pub fn to_json(&self) -> Vec<u8> {
        // Plain data with string keys: serialization cannot fail.
        serde_json::to_vec(self).unwrap_or_default()
    }

    /// Reads a snapshot written by [`ScopedSnapshot::to_json`].
    ///
    /// # Errors
    ///
    /// A [`SnapshotError`] for bytes that are not a scoped snapshot (corrupt or truncated JSON,
    /// missing members), or a snapshot, of the whole or of one scope, of another format version.
    pub fn from_json(bytes: &[u8]) -> Result<Self, SnapshotError> {
        check_format(bytes, FORMAT, "scoped registry snapshot", "scoped snapshot")?;
        let corrupt = |e: serde_json::Error| {
            SnapshotError::new(
                SnapshotErrorKind::Corrupt,
                format!("not a scoped registry snapshot: {e}"),
            )
        };
        let image: Image = serde_json::from_slice(bytes).map_err(corrupt)?;
        let registries = image
            .registries
            .iter()
            .map(|registry| Snapshot::from_json(registry.to_string().as_bytes()))
            .collect::<Result<_, _>>()?;
        Ok(ScopedSnapshot {
            format: image.format,
            base_seed: image.base_seed,
            registries,
        })
    }
}

/// One acknowledged write of one scope: the scope, and the [`Change`] its registry recorded.
///
/// Its JSON form is `{"partition": …, "region": …, "accountId": …, "change": {…}}`; reading it
/// checks the scope.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "ChangeImage", into = "ChangeImage")]
#[non_exhaustive]
pub struct ScopedChange {
    /// The scope whose registry made the write.
    pub scope: ArnScope,
    /// The write.
    pub change: Change,
}

impl ScopedChange {
    /// `change`, made by the registry of `scope`.
    #[must_use]
    pub fn new(scope: ArnScope, change: Change) -> Self {
        ScopedChange { scope, change }
    }
}

#[derive(Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct ChangeImage {
    partition: String,
    region: String,
    account_id: String,
    change: Change,
}

impl From<ScopedChange> for ChangeImage {
    fn from(c: ScopedChange) -> Self {
        ChangeImage {
            partition: c.scope.partition().to_owned(),
            region: c.scope.region().to_owned(),
            account_id: c.scope.account_id().to_owned(),
            change: c.change,
        }
    }
}

impl TryFrom<ChangeImage> for ScopedChange {
    type Error = crate::ArnError;

    fn try_from(image: ChangeImage) -> Result<Self, Self::Error> {
        Ok(ScopedChange {
            scope: ArnScope::new(image.partition, image.region, image.account_id)?,
            change: image.change,
        })
    }
}

impl ScopedRegistries {
    /// A snapshot of every scope. Each scope is imaged under its own read lock, one after the
    /// other (reads go on meanwhile): to match a log of changes, take it while no write runs.
    ///
    /// Calling it from inside [`with`](Self::with) deadlocks, as every method that reaches a
    /// scope's registry does for the scope `with` holds.
    #[must_use]
    pub fn snapshot(&self) -> ScopedSnapshot {
        let registries = self
            .all()
            .iter()
            .map(|(_, registry)| read(registry).snapshot())
            .collect();
        ScopedSnapshot {
            format: FORMAT,
            base_seed: self.base_seed,
            registries,
        }
    }

    /// The writes every scope acknowledged since the last call (when the template records
    /// changes; empty otherwise): scope by scope in scope order, each scope's oldest first.
    #[must_use]
    pub fn take_changes(&self) -> Vec<ScopedChange> {
        let mut changes = Vec::new();
        for (scope, registry) in self.all() {
            let taken = write(&registry).take_changes();
            changes.extend(taken.into_iter().map(|change| ScopedChange::new(scope.clone(), change)));
        }
        changes
    }

    /// Every scope's registry, in scope order, taken from the map of scopes without keeping it
    /// locked while their own locks are awaited.
    fn all(&self) -> Vec<(ArnScope, Shared)> {
        self.map()
            .iter()
            .map(|(scope, registry)| (scope.clone(), Arc::clone(registry)))
            .collect()
    }

    /// The collection `snapshot` describes: each scope's registry restored with `template`'s
    /// clock, definition validator and change recording, keeping its snapshot's seed and RNG
    /// state, and the snapshot's base seed for the scopes first used from now on (so that they
    /// get the seeds they would have had without the restore).
    ///
    /// # Errors
    ///
    /// A [`SnapshotError`] if a scope's snapshot is inconsistent
    /// ([`InMemoryRegistryBuilder::restore`]) or two snapshots are of the same scope.
    pub fn restore(
        default_scope: ArnScope,
        template: InMemoryRegistryBuilder,
        snapshot: ScopedSnapshot,
    ) -> Result<Self, SnapshotError> {
        let mut registries = BTreeMap::new();
        for image in snapshot.registries {
            let registry = template.clone().restore(image)?;
            let scope = registry.scope().clone();
            if registries
                .insert(scope.clone(), Arc::new(RwLock::new(registry)))
                .is_some()
            {
                return Err(SnapshotError::inconsistent(format_args!(
                    "the scope {}/{}/{} appears twice",
                    scope.partition(),
                    scope.region(),
                    scope.account_id()
                )));
            }
        }
        let collection = ScopedRegistries::with_base_seed(default_scope, template, snapshot.base_seed);
        *collection
            .registries
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = registries;
        Ok(collection)
    }

    /// [`restore`](Self::restore), then replays `changes` in order, each in its scope's
    /// registry (made first, as on first use, for a scope the snapshot does not hold).
    ///
    /// # Errors
    ///
    /// A [`SnapshotError`] if the snapshot is inconsistent or a change cannot be applied
    /// ([`InMemoryRegistry::apply_change`](crate::InMemoryRegistry::apply_change)); nothing is
    /// returned then, not a partial collection.
    pub fn restore_with_changes<'a>(
        default_scope: ArnScope,
        template: InMemoryRegistryBuilder,
        snapshot: ScopedSnapshot,
        changes: impl IntoIterator<Item = &'a ScopedChange>,
    ) -> Result<Self, SnapshotError> {
        let collection = ScopedRegistries::restore(default_scope, template, snapshot)?;
        for (i, scoped) in changes.into_iter().enumerate() {
            collection
                .with(&scoped.scope, |registry| registry.apply_change(&scoped.change))
                .map_err(|e| SnapshotError::new(e.kind(), format!("change {}: {e}", i + 1)))?;
        }
        Ok(collection)
    }
}
