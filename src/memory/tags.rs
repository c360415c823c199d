//! TagResource, UntagResource, ListTagsForResource, on state machines.

use super::model::StateMachine;
use super::{InMemoryRegistry, checks, quota};
use crate::arn::Arn;
use crate::constraints::Constraints;
use crate::dto::{
    ListTagsForResourceInput, ListTagsForResourceOutput, Tag, TagResourceInput, TagResourceOutput, UntagResourceInput,
    UntagResourceOutput,
};
use crate::error::{Error, Result};

/// Whether a `resourceArn` names a taggable resource of this registry.
///
/// Tags belong to state machines as a whole: a version or alias ARN is `ResourceNotFound` (as
/// recorded for versions), like an unknown state machine or activity. ARNs of resources that
/// take no tags at all (executions, Map Runs) are `InvalidArn`.
fn taggable(arn: &str) -> Result<Option<crate::arn::StateMachineArn>> {
    match Arn::parse(arn)? {
        Arn::StateMachine(sm) => Ok(Some(sm)),
        Arn::StateMachineVersion(_) | Arn::StateMachineAlias(_) | Arn::StateMachineLabel(_) | Arn::Activity(_) => {
            Ok(None)
        }
        other => Err(Error::invalid_arn(format_args!(
            "Resource type not valid in this context: {}",
            other.resource_type()
        ))),
    }
}

impl InMemoryRegistry {
    fn tagged(&self, arn: &str) -> Result<&StateMachine> {
        taggable(arn)?
            .and_then(|sm| self.state_machine(&sm))
            .ok_or_else(|| Error::resource_not_found(arn))
    }

    /// TagResource.
    pub(super) fn tag_resource_impl(&mut self, input: TagResourceInput) -> Result<TagResourceOutput> {
        let mut c = Constraints::new();
        checks::arn_member(&mut c, "resourceArn", &input.resource_arn);
        checks::tag_members(&mut c, &input.tags);
        c.finish()?;

        let sm = self.tagged(&input.resource_arn)?;
        let added = input
            .tags
            .iter()
            .filter(|t| !sm.tags.contains_key(&t.key))
            .map(|t| &t.key);
        let mut new_keys: Vec<&String> = added.collect();
        new_keys.sort_unstable();
        new_keys.dedup();
        if sm.tags.len() + new_keys.len() > quota::TAGS_PER_RESOURCE {
            return Err(Error::too_many_tags(quota::TAGS_PER_RESOURCE, &input.resource_arn));
        }
        let arn = sm.arn.clone();
        if let Some(sm) = self.state_machine_mut(&arn) {
            sm.tags.extend(input.tags.into_iter().map(|t| (t.key, t.value)));
        }
        Ok(TagResourceOutput::default())
    }

    /// UntagResource: keys that are not there are ignored.
    pub(super) fn untag_resource_impl(&mut self, input: &UntagResourceInput) -> Result<UntagResourceOutput> {
        let mut c = Constraints::new();
        checks::arn_member(&mut c, "resourceArn", &input.resource_arn);
        checks::tag_key_members(&mut c, &input.tag_keys);
        c.finish()?;

        let arn = self.tagged(&input.resource_arn)?.arn.clone();
        if let Some(sm) = self.state_machine_mut(&arn) {
            for key in &input.tag_keys {
                sm.tags.shift_remove(key);
            }
        }
        Ok(UntagResourceOutput::default())
    }

    /// ListTagsForResource: in the order keys were first added.
    pub(super) fn list_tags_for_resource_impl(
        &self,
        input: &ListTagsForResourceInput,
    ) -> Result<ListTagsForResourceOutput> {
        let mut c = Constraints::new();
        checks::arn_member(&mut c, "resourceArn", &input.resource_arn);
        c.finish()?;

        let sm = self.tagged(&input.resource_arn)?;
        Ok(ListTagsForResourceOutput::new(
            sm.tags.iter().map(|(k, v)| Tag::new(k.clone(), v.clone())).collect(),
        ))
    }
}
