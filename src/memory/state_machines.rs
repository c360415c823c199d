//! CreateStateMachine, DescribeStateMachine, UpdateStateMachine, DeleteStateMachine,
//! ListStateMachines.

use std::collections::BTreeMap;
use std::sync::Arc;

use indexmap::IndexMap;

use super::model::{CreateOptions, Logging, Revision, RevisionConfig, StateMachine, Version, tracing_from_input};
use super::records::{Executions, ExpressExecutions};
use super::{InMemoryRegistry, checks, quota};
use crate::arn::{ArnRef, Form, StateMachineArn, StateMachineRef};
use crate::constraints::Constraints;
use crate::definition_text::Definition;
use crate::dto::{
    CreateStateMachineInput, CreateStateMachineOutput, DeleteStateMachineInput, DeleteStateMachineOutput,
    DescribeStateMachineInput, DescribeStateMachineOutput, EncryptionConfiguration, EncryptionType, IncludedData,
    ListStateMachinesInput, ListStateMachinesOutput, StateMachineListItem, StateMachineStatus, StateMachineType,
    TracingConfiguration, UpdateStateMachineInput, UpdateStateMachineOutput,
};
use crate::error::{Error, Result};
use crate::name::{StateMachineName, VersionNumber};
use crate::pagination::{self, ListKind, PageRequest};

impl InMemoryRegistry {
    /// CreateStateMachine.
    pub(super) fn create_state_machine_impl(
        &mut self,
        input: CreateStateMachineInput,
    ) -> Result<CreateStateMachineOutput> {
        let mut c = Constraints::new();
        c.length("name", &input.name, 1, StateMachineName::MAX_LEN);
        checks::definition_member(&mut c, &input.definition);
        checks::arn_member(&mut c, "roleArn", &input.role_arn);
        if let Some(kind) = &input.r#type {
            c.enum_value("type", kind);
        }
        checks::logging_members(&mut c, input.logging_configuration.as_ref());
        checks::tag_members(&mut c, input.tags.as_deref().unwrap_or_default());
        c.opt_sensitive_length("versionDescription", input.version_description.as_deref(), 0, 256);
        checks::encryption_members(&mut c, input.encryption_configuration.as_ref());
        c.finish()?;

        if input.version_description.is_some() && !input.publish {
            return Err(Error::version_description_without_publish());
        }
        let name = StateMachineName::new(input.name.as_str()).map_err(|_| Error::invalid_name(&input.name))?;
        checks::role_arn(&input.role_arn)?;
        self.validate_definition(
            &input.definition,
            input.r#type.as_ref().unwrap_or(&StateMachineType::Standard),
        )?;
        checks::logging_rules(input.logging_configuration.as_ref())?;
        checks::encryption_rules(input.encryption_configuration.as_ref())?;
        let arn = StateMachineArn::new(&self.scope, &name);
        let encryption = effective_encryption(input.encryption_configuration);
        let definition = input.definition;
        let role_arn = input.role_arn;
        let logging = Logging::from_input(input.logging_configuration.as_ref());
        let tracing = tracing_from_input(input.tracing_configuration.as_ref());
        let kind = input.r#type.unwrap_or_default();
        let created_with = CreateOptions {
            publish: input.publish,
            version_description: input.version_description,
        };

        if let Some(existing) = self.state_machines.get(name.as_str()) {
            existing.ensure_active()?;
            // Idempotency: same definition string, type, logging, tracing, encryption, publish and
            // versionDescription; the role and tags are ignored (AWS's documented rule).
            let current = &existing.revision.config;
            let same = existing.kind == kind
                && current.definition == definition
                && current.logging == logging
                && current.tracing == tracing
                && existing.encryption == encryption
                && existing.created_with == created_with;
            if !same {
                return Err(Error::state_machine_already_exists(existing.arn.as_str()));
            }
            // The replay of a create that published answers the version the current revision has
            // (version 1 until the state machine changes), and none if that version was deleted.
            let mut output = CreateStateMachineOutput::new(existing.arn.clone(), existing.created);
            if created_with.publish {
                output.state_machine_version_arn = existing
                    .version_of_current_revision(created_with.version_description.as_deref())
                    .map(|v| v.arn.clone());
            }
            return Ok(output);
        }
        let tags: IndexMap<String, String> = input
            .tags
            .unwrap_or_default()
            .into_iter()
            .map(|t| (t.key, t.value))
            .collect();
        if tags.len() > quota::TAGS_PER_RESOURCE {
            return Err(Error::too_many_tags(quota::TAGS_PER_RESOURCE, arn.as_str()));
        }

        // Stored only now that nothing can fail: a refused create leaves the table as it was.
        let config = RevisionConfig {
            definition: self.definitions.intern(definition),
            role_arn,
            logging,
            tracing,
        };
        let now = self.now();
        let revision = Arc::new(Revision {
            id: None,
            config,
            created: now,
        });
        let mut versions = BTreeMap::new();
        let mut next_version = Some(VersionNumber::FIRST);
        let mut output = CreateStateMachineOutput::new(arn.clone(), now);
        if created_with.publish {
            let number = VersionNumber::FIRST;
            let version = Version::new(
                arn.version(number),
                Arc::clone(&revision),
                created_with.version_description.clone(),
                encryption.clone(),
                now,
            );
            output.state_machine_version_arn = Some(version.arn.clone());
            versions.insert(number, version);
            next_version = number.next();
        }
        let seq = self.next_state_machine_seq;
        self.next_state_machine_seq += 1;
        self.state_machines.insert(StateMachine {
            seq,
            arn,
            name,
            kind,
            created: now,
            revision,
            encryption,
            created_with,
            versions,
            next_version,
            aliases: IndexMap::new(),
            next_alias_seq: 1,
            tags,
            deleting: false,
            executions: Executions::default(),
            express_executions: ExpressExecutions::default(),
        });
        Ok(output)
    }

    /// DescribeStateMachine.
    pub(super) fn describe_state_machine_impl(
        &self,
        input: &DescribeStateMachineInput,
    ) -> Result<DescribeStateMachineOutput> {
        let mut c = Constraints::new();
        checks::arn_member(&mut c, "stateMachineArn", &input.state_machine_arn);
        if let Some(data) = &input.included_data {
            c.enum_value("includedData", data);
        }
        c.finish()?;

        let not_found = || Error::state_machine_does_not_exist(&input.state_machine_arn);
        // Read in place: the answer holds the stored ARN, not a copy of the one asked for.
        let arn = ArnRef::state_machine(&input.state_machine_arn)?;
        let (sm, version, asked) = match arn.form() {
            Form::StateMachine => {
                let sm = self.state_machine_named(&arn).ok_or_else(not_found)?;
                (sm, None, StateMachineRef::Unqualified(sm.arn.clone()))
            }
            Form::Version(number) => {
                let sm = self.state_machine_named(&arn).ok_or_else(not_found)?;
                let version = sm.versions.get(&number).ok_or_else(not_found)?;
                (sm, Some(version), StateMachineRef::Version(version.arn.clone()))
            }
            Form::Label => return Err(Error::labeled_arn_not_supported(arn.as_str())),
            // Describing an alias is not an operation AWS offers: the ARN names no state machine.
            _ => return Err(not_found()),
        };
        let revision = version.map_or(&sm.revision, |v| &v.revision);
        let definition = if matches!(input.included_data, Some(IncludedData::MetadataOnly)) {
            Definition::from("{}")
        } else {
            revision.config.definition.clone()
        };
        let mut output = DescribeStateMachineOutput::new(
            asked,
            sm.name.clone(),
            definition,
            revision.config.role_arn.clone(),
            sm.kind.clone(),
            version.map_or(sm.created, |v| v.created),
        );
        output.status = Some(if sm.deleting {
            StateMachineStatus::Deleting
        } else {
            StateMachineStatus::Active
        });
        output.logging_configuration = Some(revision.config.logging.to_output());
        output.tracing_configuration = Some(TracingConfiguration::new(revision.config.tracing));
        output.revision_id = revision.id;
        output.description = version.and_then(|v| v.description.clone());
        // A version keeps the encryption it was published with: later updates never change it.
        output.encryption_configuration = Some(shown_encryption(match version {
            Some(v) => v.encryption.as_ref(),
            None => sm.encryption.as_ref(),
        }));
        Ok(output)
    }

    /// UpdateStateMachine.
    pub(super) fn update_state_machine_impl(
        &mut self,
        input: UpdateStateMachineInput,
    ) -> Result<UpdateStateMachineOutput> {
        let mut c = Constraints::new();
        checks::arn_member(&mut c, "stateMachineArn", &input.state_machine_arn);
        if let Some(definition) = &input.definition {
            checks::definition_member(&mut c, definition);
        }
        if let Some(role) = &input.role_arn {
            checks::arn_member(&mut c, "roleArn", role);
        }
        checks::logging_members(&mut c, input.logging_configuration.as_ref());
        c.opt_sensitive_length("versionDescription", input.version_description.as_deref(), 0, 256);
        checks::encryption_members(&mut c, input.encryption_configuration.as_ref());
        c.finish()?;

        let arn = match StateMachineRef::parse(&input.state_machine_arn)? {
            StateMachineRef::Unqualified(arn) => arn,
            StateMachineRef::Label(arn) => return Err(Error::labeled_arn_not_supported(arn.as_str())),
            // A version or alias cannot be updated: the recorded answer is "does not exist".
            other => return Err(Error::state_machine_does_not_exist(other.as_str())),
        };
        if input.definition.is_none()
            && input.role_arn.is_none()
            && input.logging_configuration.is_none()
            && input.tracing_configuration.is_none()
            && input.encryption_configuration.is_none()
        {
            return Err(Error::update_state_machine_nothing_to_update());
        }
        if input.version_description.is_some() && !input.publish {
            return Err(Error::version_description_without_publish());
        }
        if let Some(role) = &input.role_arn {
            checks::role_arn(role)?;
        }
        if let Some(definition) = &input.definition {
            // With the state machine's type; a state machine that does not exist fails below,
            // after the definition is checked as a standard one.
            let kind = self
                .state_machine(&arn)
                .map_or(StateMachineType::Standard, |sm| sm.kind.clone());
            self.validate_definition(definition, &kind)?;
        }
        checks::logging_rules(input.logging_configuration.as_ref())?;
        checks::encryption_rules(input.encryption_configuration.as_ref())?;
        let sm = self
            .state_machine(&arn)
            .ok_or_else(|| Error::state_machine_does_not_exist(arn.as_str()))?;
        sm.ensure_active()?;

        let current = &sm.revision.config;
        // A new text is stored only once nothing can fail (below): until then the revision
        // keeps the current text, and `new_definition` says whether it changes.
        let new_definition = input.definition.filter(|text| current.definition != *text);
        let mut config = RevisionConfig {
            definition: current.definition.clone(),
            role_arn: input.role_arn.unwrap_or_else(|| current.role_arn.clone()),
            logging: input
                .logging_configuration
                .as_ref()
                .map_or_else(|| current.logging.clone(), |l| Logging::from_input(Some(l))),
            tracing: input
                .tracing_configuration
                .as_ref()
                .map_or(current.tracing, |t| tracing_from_input(Some(t))),
        };
        let changed = new_definition.is_some() || config != *current;
        // With `publish`, an unchanged revision that already has a version returns it.
        let existing_version = if input.publish && !changed {
            sm.version_of_current_revision(input.version_description.as_deref())
                .map(|v| v.arn.clone())
        } else {
            None
        };
        let publish_number = if input.publish && existing_version.is_none() {
            Some(Self::check_can_publish(sm)?)
        } else {
            None
        };

        // Nothing can fail from here on.
        if let Some(text) = new_definition {
            config.definition = self.definitions.intern(text);
        }
        let now = self.now();
        let revision_id = if changed { Some(self.new_revision_id()) } else { None };
        let sm = self
            .state_machine_mut(&arn)
            .ok_or_else(|| Error::state_machine_does_not_exist(arn.as_str()))?;
        if let Some(id) = revision_id {
            sm.revision = Arc::new(Revision {
                id: Some(id),
                config,
                created: now,
            });
        }
        if input.encryption_configuration.is_some() {
            sm.encryption = effective_encryption(input.encryption_configuration);
        }
        let mut output = UpdateStateMachineOutput::new(now);
        output.revision_id = sm.revision.id;
        output.state_machine_version_arn = match publish_number {
            Some(number) => Some(Self::publish(sm, number, input.version_description, now)),
            None => existing_version,
        };
        Ok(output)
    }

    /// DeleteStateMachine.
    pub(super) fn delete_state_machine_impl(
        &mut self,
        input: &DeleteStateMachineInput,
    ) -> Result<DeleteStateMachineOutput> {
        let mut c = Constraints::new();
        checks::arn_member(&mut c, "stateMachineArn", &input.state_machine_arn);
        c.finish()?;

        match StateMachineRef::parse(&input.state_machine_arn)? {
            StateMachineRef::Unqualified(arn) => {
                // With standard executions running, it is DELETING until the last of them ends
                // (`end_execution`, StopExecution); without, and always for an express state
                // machine (whose deletion AWS documents as eventual), it goes at once with its
                // versions and aliases.
                if let Some(sm) = self.state_machine_mut(&arn) {
                    if sm.running() > 0 {
                        sm.deleting = true;
                    } else {
                        self.state_machines.remove(arn.name());
                    }
                }
            }
            StateMachineRef::Label(arn) => return Err(Error::labeled_arn_not_supported(arn.as_str())),
            // A version or alias ARN names no state machine, and deleting what does not exist
            // succeeds.
            StateMachineRef::Version(_) | StateMachineRef::Alias(_) => {}
        }
        Ok(DeleteStateMachineOutput::default())
    }

    /// ListStateMachines: ascending by name, comparing bytes, as recorded. A token resumes
    /// after the last name listed, so state machines created or deleted between two pages make
    /// the next page neither skip nor repeat one.
    pub(super) fn list_state_machines_impl(&self, input: &ListStateMachinesInput) -> Result<ListStateMachinesOutput> {
        let mut c = Constraints::new();
        let page = PageRequest::check(
            &mut c,
            input.max_results,
            input.next_token.as_deref(),
            pagination::MAX_TOKEN_LEN,
        );
        c.finish()?;

        let now = self.now();
        let after: Option<String> = page.after(ListKind::StateMachines, "", now)?;
        let items = self.state_machines.by_name_after(after.as_deref()).map(|sm| {
            (
                sm.name.as_str(),
                StateMachineListItem::new(sm.arn.clone(), sm.name.clone(), sm.kind.clone(), sm.created),
            )
        });
        let (state_machines, next_token) = pagination::page(items, page.size(), ListKind::StateMachines, "", now);
        Ok(ListStateMachinesOutput::new(state_machines, next_token))
    }
}

/// The encryption configuration Describe* shows: the one configured, or for a state machine
/// created without one the default AWS shows, `{"type": "AWS_OWNED_KEY"}` (recorded since
/// 2024-11 on DescribeStateMachine and DescribeStateMachineForExecution).
pub(super) fn shown_encryption(configured: Option<&EncryptionConfiguration>) -> EncryptionConfiguration {
    configured
        .cloned()
        .unwrap_or_else(|| EncryptionConfiguration::new(EncryptionType::AwsOwnedKey))
}

/// An encryption configuration with the default (an AWS owned key, nothing else set) written as
/// `None`, so that idempotency compares what is configured, not how it was spelled.
fn effective_encryption(encryption: Option<EncryptionConfiguration>) -> Option<EncryptionConfiguration> {
    encryption.filter(|e| {
        !(e.r#type == EncryptionType::AwsOwnedKey
            && e.kms_key_id.is_none()
            && e.kms_data_key_reuse_period_seconds.is_none())
    })
}
