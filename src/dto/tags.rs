//! TagResource, UntagResource, ListTagsForResource.

use serde::{Deserialize, Serialize};

use super::common::Tag;

/// The request of TagResource.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct TagResourceInput {
    /// The unqualified state machine ARN.
    pub resource_arn: String,
    /// The tags to add; a key that is already there gets the new value.
    pub tags: Vec<Tag>,
}

impl TagResourceInput {
    /// A request adding `tags` to `resource_arn`.
    #[must_use]
    pub fn new(resource_arn: impl Into<String>, tags: Vec<Tag>) -> Self {
        TagResourceInput {
            resource_arn: resource_arn.into(),
            tags,
        }
    }
}

/// The (empty) response of TagResource.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TagResourceOutput {}

/// The request of UntagResource.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct UntagResourceInput {
    /// The unqualified state machine ARN.
    pub resource_arn: String,
    /// The keys to remove; keys that are not there are ignored.
    pub tag_keys: Vec<String>,
}

impl UntagResourceInput {
    /// A request removing `tag_keys` from `resource_arn`.
    #[must_use]
    pub fn new(resource_arn: impl Into<String>, tag_keys: Vec<String>) -> Self {
        UntagResourceInput {
            resource_arn: resource_arn.into(),
            tag_keys,
        }
    }
}

/// The (empty) response of UntagResource.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct UntagResourceOutput {}

/// The request of ListTagsForResource.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ListTagsForResourceInput {
    /// The unqualified state machine ARN.
    pub resource_arn: String,
}

impl ListTagsForResourceInput {
    /// A request for `resource_arn`.
    #[must_use]
    pub fn new(resource_arn: impl Into<String>) -> Self {
        ListTagsForResourceInput {
            resource_arn: resource_arn.into(),
        }
    }
}

/// The response of ListTagsForResource: the tags in the order their keys were first added.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct ListTagsForResourceOutput {
    /// The tags.
    pub tags: Vec<Tag>,
}

impl ListTagsForResourceOutput {
    /// A response.
    #[must_use]
    pub fn new(tags: Vec<Tag>) -> Self {
        ListTagsForResourceOutput { tags }
    }
}
