//! PublishStateMachineVersion, ListStateMachineVersions, DeleteStateMachineVersion.

use std::sync::Arc;

use super::model::{StateMachine, Version};
use super::{InMemoryRegistry, checks, quota};
use crate::arn::{StateMachineRef, StateMachineVersionArn};
use crate::constraints::Constraints;
use crate::dto::{
    DeleteStateMachineVersionInput, DeleteStateMachineVersionOutput, ListStateMachineVersionsInput,
    ListStateMachineVersionsOutput, PublishStateMachineVersionInput, PublishStateMachineVersionOutput,
    StateMachineVersionListItem,
};
use crate::error::{Error, Result};
use crate::name::VersionNumber;
use crate::pagination::{self, ListKind};
use crate::time::Timestamp;

/// The `revisionId` that names a state machine's initial revision, which has no id.
const INITIAL_REVISION: &str = "INITIAL";

impl InMemoryRegistry {
    /// The number the next version of `sm` gets, if the quota allows one more.
    pub(super) fn check_can_publish(sm: &StateMachine) -> Result<VersionNumber> {
        let quota_error = || Error::quota_exceeded("versions", quota::VERSIONS_PER_STATE_MACHINE, sm.arn.as_str());
        if sm.versions.len() >= quota::VERSIONS_PER_STATE_MACHINE {
            return Err(quota_error());
        }
        sm.next_version.ok_or_else(quota_error)
    }

    /// Publishes `sm`'s current revision as version `number` (from [`Self::check_can_publish`]).
    pub(super) fn publish(
        sm: &mut StateMachine,
        number: VersionNumber,
        description: Option<String>,
        now: Timestamp,
    ) -> StateMachineVersionArn {
        let arn = sm.arn.version(number);
        let version = Version::new(
            arn.clone(),
            Arc::clone(&sm.revision),
            description,
            sm.encryption.clone(),
            now,
        );
        sm.versions.insert(number, version);
        sm.next_version = number.next();
        arn
    }

    /// PublishStateMachineVersion.
    pub(super) fn publish_state_machine_version_impl(
        &mut self,
        input: PublishStateMachineVersionInput,
    ) -> Result<PublishStateMachineVersionOutput> {
        let mut c = Constraints::new();
        checks::arn_member(&mut c, "stateMachineArn", &input.state_machine_arn);
        c.opt_sensitive_length("description", input.description.as_deref(), 0, 256);
        c.finish()?;

        let arn = match StateMachineRef::parse(&input.state_machine_arn)? {
            StateMachineRef::Unqualified(arn) => arn,
            StateMachineRef::Label(arn) => return Err(Error::labeled_arn_not_supported(arn.as_str())),
            other => return Err(Error::state_machine_does_not_exist(other.as_str())),
        };
        let sm = self
            .state_machine(&arn)
            .ok_or_else(|| Error::state_machine_does_not_exist(arn.as_str()))?;
        sm.ensure_active()?;
        if let Some(given) = &input.revision_id {
            let current = sm
                .revision
                .id
                .map_or_else(|| INITIAL_REVISION.to_owned(), |id| id.to_string());
            if *given != current {
                return Err(Error::publish_revision_conflict(given, &current));
            }
        }
        if let Some(existing) = sm.version_of_current_revision(input.description.as_deref()) {
            return Ok(PublishStateMachineVersionOutput::new(
                existing.created,
                existing.arn.clone(),
            ));
        }
        let number = Self::check_can_publish(sm)?;

        let now = self.now();
        let sm = self
            .state_machine_mut(&arn)
            .ok_or_else(|| Error::state_machine_does_not_exist(arn.as_str()))?;
        let version_arn = Self::publish(sm, number, input.description, now);
        Ok(PublishStateMachineVersionOutput::new(now, version_arn))
    }

    /// ListStateMachineVersions: newest first.
    ///
    /// The model gives this operation no not-found error, so an ARN that names no state machine
    /// (unknown, a version or alias ARN, another account or region) lists no versions.
    pub(super) fn list_state_machine_versions_impl(
        &self,
        input: &ListStateMachineVersionsInput,
    ) -> Result<ListStateMachineVersionsOutput> {
        let mut c = Constraints::new();
        let page = checks::list_members(
            &mut c,
            "stateMachineArn",
            &input.state_machine_arn,
            input.max_results,
            input.next_token.as_deref(),
        );
        c.finish()?;

        let sm = match StateMachineRef::parse(&input.state_machine_arn)? {
            StateMachineRef::Unqualified(arn) => self.state_machine(&arn),
            StateMachineRef::Label(arn) => return Err(Error::labeled_arn_not_supported(arn.as_str())),
            StateMachineRef::Version(_) | StateMachineRef::Alias(_) => None,
        };
        let now = self.now();
        let scope = input.state_machine_arn.as_str();
        let after = page.after::<u64>(ListKind::Versions, scope, now)?;
        let Some(sm) = sm else {
            return Ok(ListStateMachineVersionsOutput::new(Vec::new(), None));
        };
        let below = after.and_then(|n| u32::try_from(n).ok()).and_then(VersionNumber::new);
        let versions: Box<dyn Iterator<Item = (&VersionNumber, &Version)>> = match below {
            Some(below) => Box::new(sm.versions.range(..below).rev()),
            None => Box::new(sm.versions.iter().rev()),
        };
        let items = versions.map(|(number, v)| {
            (
                u64::from(number.get()),
                StateMachineVersionListItem::new(v.arn.clone(), v.created),
            )
        });
        let (versions, next_token) = pagination::page(items, page.size(), ListKind::Versions, scope, now);
        Ok(ListStateMachineVersionsOutput::new(versions, next_token))
    }

    /// DeleteStateMachineVersion.
    ///
    /// An ARN that names no version (an unknown or already deleted version, an unqualified or
    /// alias ARN, another account or region) is a version that does not exist, and deleting it
    /// succeeds, as deleting a deleted version does on AWS.
    pub(super) fn delete_state_machine_version_impl(
        &mut self,
        input: &DeleteStateMachineVersionInput,
    ) -> Result<DeleteStateMachineVersionOutput> {
        let mut c = Constraints::new();
        c.length("stateMachineVersionArn", &input.state_machine_version_arn, 1, 2000);
        c.finish()?;

        let arn = match StateMachineRef::parse(&input.state_machine_version_arn)? {
            StateMachineRef::Version(arn) => arn,
            StateMachineRef::Label(arn) => return Err(Error::labeled_arn_not_supported(arn.as_str())),
            StateMachineRef::Unqualified(_) | StateMachineRef::Alias(_) => {
                return Ok(DeleteStateMachineVersionOutput::default());
            }
        };
        let Some(sm) = self.state_machine_mut(&arn.state_machine_arn()) else {
            return Ok(DeleteStateMachineVersionOutput::default());
        };
        let aliases = sm.aliases_routing_to(&arn);
        if !aliases.is_empty() {
            return Err(Error::version_referenced_by_aliases(&aliases));
        }
        sm.versions.remove(&arn.version());
        Ok(DeleteStateMachineVersionOutput::default())
    }
}
