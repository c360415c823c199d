//! Task `Resource`s: optimised integrations (`arn:aws:states:::service:action[.sync[:2] |
//! .waitForTaskToken]`), AWS SDK integrations (`arn:aws:states:::aws-sdk:service:action`),
//! activities, Lambda functions and any other ARN; and what Express state machines refuse.
//!
//! A false refusal breaks every Terraform plan, so this module refuses only what AWS surely
//! refuses: an action that a service's optimised integration is documented not to have (for
//! the services whose list of actions is short and stable; AWS refused `dynamodb:query`,
//! recorded), an `arn:…:states:::` resource that is not `service:action` with a known suffix,
//! and a value that is not an ARN. AWS SDK integrations are accepted for any service and
//! action, and so is a service this module does not know: AWS adds optimised integrations
//! (`bedrockagentcore` is one of the latest) faster than any list here would follow.

use super::diagnostics::text;
use super::walk::{Site, Walk};
use crate::jackson::Value;

/// Services with optimised integrations, and their actions when the list is closed (`None`:
/// any action is accepted). From AWS's "Integrating optimized services" pages.
const INTEGRATIONS: &[(&str, Option<&[&str]>)] = &[
    ("apigateway", Some(&["invoke"])),
    (
        "athena",
        Some(&[
            "startQueryExecution",
            "stopQueryExecution",
            "getQueryExecution",
            "getQueryResults",
        ]),
    ),
    ("batch", Some(&["submitJob"])),
    ("bedrock", None),
    ("codebuild", None),
    ("databrew", Some(&["startJobRun"])),
    ("dynamodb", Some(&["getItem", "putItem", "updateItem", "deleteItem"])),
    ("ecs", Some(&["runTask"])),
    ("eks", None),
    ("elasticmapreduce", None),
    ("emr-containers", None),
    ("emr-serverless", None),
    ("events", Some(&["putEvents"])),
    ("glue", Some(&["startJobRun"])),
    ("http", Some(&["invoke"])),
    ("lambda", Some(&["invoke"])),
    ("mediaconvert", Some(&["createJob"])),
    ("s3", None),
    ("sagemaker", None),
    ("sns", Some(&["publish"])),
    ("sqs", Some(&["sendMessage"])),
    ("states", Some(&["startExecution"])),
];

/// How a Task waits for its integration.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Pattern {
    /// Request-response.
    Request,
    /// `.sync` or `.sync:2`: run a job.
    Sync,
    /// `.waitForTaskToken`: wait for a callback.
    Callback,
}

/// What a `Resource` names.
#[derive(Debug, PartialEq, Eq)]
enum Resource {
    Integration(Pattern),
    Activity,
    /// A Lambda function or any other ARN.
    OtherArn,
    Unknown,
}

/// A Task's `Resource`.
pub(super) fn check<'t>(walk: &mut Walk<'t>, site: &Site, field: &'static str, value: Value<'t>) {
    let Value::String(resource) = value else {
        return walk.must_be(field, "a string");
    };
    let message = match classify(resource) {
        Resource::Unknown => text::unknown_resource(resource),
        Resource::Activity if site.express => text::EXPRESS_ACTIVITY.to_owned(),
        Resource::Integration(Pattern::Sync) if site.express => text::EXPRESS_SYNC.to_owned(),
        Resource::Integration(Pattern::Callback) if site.express => text::EXPRESS_WAIT_FOR_TASK_TOKEN.to_owned(),
        _ => return,
    };
    walk.schema_at(field, message);
}

fn classify(resource: &str) -> Resource {
    let mut parts = resource.splitn(6, ':');
    let (Some("arn"), Some(partition), Some(service), Some(region), Some(account), Some(rest)) = (
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
    ) else {
        return Resource::Unknown;
    };
    if partition.is_empty() || service.is_empty() {
        return Resource::Unknown;
    }
    if service != "states" {
        return Resource::OtherArn;
    }
    if region.is_empty() && account.is_empty() {
        return integration(rest);
    }
    if rest.starts_with("activity:") {
        return Resource::Activity;
    }
    Resource::OtherArn
}

/// `service:action[suffix]`, after `arn:<partition>:states:::`.
fn integration(rest: &str) -> Resource {
    let (name, pattern) = if let Some(name) = rest.strip_suffix(".waitForTaskToken") {
        (name, Pattern::Callback)
    } else if let Some(name) = rest.strip_suffix(".sync").or_else(|| rest.strip_suffix(".sync:2")) {
        (name, Pattern::Sync)
    } else {
        (rest, Pattern::Request)
    };
    if let Some(sdk) = name.strip_prefix("aws-sdk:") {
        let valid = sdk
            .split_once(':')
            .is_some_and(|(service, action)| !service.is_empty() && !action.is_empty());
        return if valid {
            Resource::Integration(pattern)
        } else {
            Resource::Unknown
        };
    }
    let Some((service, action)) = name.split_once(':') else {
        return Resource::Unknown;
    };
    let well_formed = !service.is_empty() && !action.is_empty() && !action.contains(['.', ':']);
    let documented = match INTEGRATIONS.iter().find(|(s, _)| *s == service) {
        Some((_, Some(actions))) => actions.contains(&action),
        Some((_, None)) | None => true,
    };
    if well_formed && documented {
        Resource::Integration(pattern)
    } else {
        Resource::Unknown
    }
}

#[cfg(test)]
mod tests {
    use super::{Pattern, Resource, classify};

    #[test]
    fn resources() {
        let integration = Resource::Integration;
        assert_eq!(
            classify("arn:aws:states:::lambda:invoke"),
            integration(Pattern::Request)
        );
        assert_eq!(
            classify("arn:aws:states:::lambda:invoke.waitForTaskToken"),
            integration(Pattern::Callback)
        );
        assert_eq!(
            classify("arn:aws:states:::states:startExecution.sync:2"),
            integration(Pattern::Sync)
        );
        assert_eq!(
            classify("arn:aws:states:::ecs:runTask.sync"),
            integration(Pattern::Sync)
        );
        assert_eq!(
            classify("arn:aws-cn:states:::sqs:sendMessage"),
            integration(Pattern::Request)
        );
        assert_eq!(
            classify("arn:aws:states:::aws-sdk:s3:listBuckets"),
            integration(Pattern::Request)
        );
        assert_eq!(
            classify("arn:aws:states:::aws-sdk:dynamodb:query"),
            integration(Pattern::Request)
        );
        assert_eq!(
            classify("arn:aws:states:::aws-sdk:sfn:startExecution.waitForTaskToken"),
            integration(Pattern::Callback)
        );
        assert_eq!(
            classify("arn:aws:states:::sagemaker:createTrainingJob.sync"),
            integration(Pattern::Sync)
        );
        assert_eq!(classify("arn:aws:states:::dynamodb:query"), Resource::Unknown);
        assert_eq!(
            classify("arn:aws:states:::bedrockagentcore:invokeHarness"),
            integration(Pattern::Request)
        );
        assert_eq!(classify("arn:aws:states:::sqs:receiveMessage"), Resource::Unknown);
        assert_eq!(classify("arn:aws:states:::lambda"), Resource::Unknown);
        assert_eq!(classify("arn:aws:states:::lambda:"), Resource::Unknown);
        assert_eq!(classify("arn:aws:states:::lambda:invoke.later"), Resource::Unknown);
        assert_eq!(classify("arn:aws:states:::aws-sdk:s3"), Resource::Unknown);
        assert_eq!(classify("not an arn"), Resource::Unknown);
        assert_eq!(
            classify("arn:aws:states:us-east-1:123456789012:activity:work"),
            Resource::Activity
        );
        assert_eq!(
            classify("arn:aws:lambda:us-east-1:123456789012:function:f"),
            Resource::OtherArn
        );
        assert_eq!(
            classify("arn:aws:lambda:us-east-1:123456789012:function:f:$LATEST"),
            Resource::OtherArn
        );
        assert_eq!(
            classify("arn:aws:states:us-east-1:123456789012:stateMachine:m"),
            Resource::OtherArn
        );
    }
}
