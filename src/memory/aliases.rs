//! CreateStateMachineAlias, DescribeStateMachineAlias, UpdateStateMachineAlias,
//! DeleteStateMachineAlias, ListStateMachineAliases.

use super::model::Alias;
use super::{InMemoryRegistry, checks, quota};
use crate::arn::{StateMachineAliasArn, StateMachineRef};
use crate::constraints::Constraints;
use crate::dto::{
    CreateStateMachineAliasInput, CreateStateMachineAliasOutput, DeleteStateMachineAliasInput,
    DeleteStateMachineAliasOutput, DescribeStateMachineAliasInput, DescribeStateMachineAliasOutput,
    ListStateMachineAliasesInput, ListStateMachineAliasesOutput, StateMachineAliasListItem,
    UpdateStateMachineAliasInput, UpdateStateMachineAliasOutput,
};
use crate::error::{Error, Result, ValidationExceptionReason};
use crate::name::{AliasName, matches_alias_pattern};
use crate::pagination::{self, ListKind};

/// AWS's pattern of alias names, as its validation messages quote it.
const ALIAS_NAME_PATTERN: &str = r"^(?=.*[a-zA-Z_\-\.])[a-zA-Z0-9_\-\.]+$";

/// What an alias ARN member names, for the operations that take one.
enum AliasTarget {
    /// An alias ARN.
    Alias(StateMachineAliasArn),
    /// A state machine ARN of another form: it names no alias.
    NotAnAlias,
}

fn alias_target(arn: &str) -> Result<AliasTarget> {
    match StateMachineRef::parse(arn)? {
        StateMachineRef::Alias(alias) => Ok(AliasTarget::Alias(alias)),
        StateMachineRef::Label(label) => Err(Error::labeled_arn_not_supported(label.as_str())),
        StateMachineRef::Unqualified(_) | StateMachineRef::Version(_) => Ok(AliasTarget::NotAnAlias),
    }
}

impl InMemoryRegistry {
    fn alias(&self, arn: &StateMachineAliasArn) -> Option<&Alias> {
        self.state_machine(&arn.state_machine_arn())?
            .aliases
            .get(arn.alias_name())
    }

    /// CreateStateMachineAlias.
    pub(super) fn create_state_machine_alias_impl(
        &mut self,
        input: CreateStateMachineAliasInput,
    ) -> Result<CreateStateMachineAliasOutput> {
        let mut c = Constraints::new();
        c.opt_sensitive_length("description", input.description.as_deref(), 0, 256);
        c.pattern(
            "name",
            &input.name,
            matches_alias_pattern(&input.name),
            ALIAS_NAME_PATTERN,
        );
        c.length("name", &input.name, 1, AliasName::MAX_LEN);
        checks::routing_members(&mut c, &input.routing_configuration);
        c.finish()?;

        let name = AliasName::new(input.name.as_str()).map_err(|_| Error::invalid_name(&input.name))?;
        let routing = checks::routing(&input.routing_configuration, None)?;
        let sm_arn = routing.state_machine_arn();
        let first_version = || routing.routes()[0].version().as_str().to_owned();
        let sm = self
            .state_machine(&sm_arn)
            .ok_or_else(|| Error::resource_not_found(&first_version()))?;
        sm.ensure_active()?;
        if let Some(missing) = checks::missing_version(&routing, |v| sm.versions.contains_key(&v.version())) {
            return Err(Error::resource_not_found(missing.as_str()));
        }
        if let Some(existing) = sm.aliases.get(&name) {
            if existing.description == input.description && existing.routing.same_routes(&routing) {
                return Ok(CreateStateMachineAliasOutput::new(
                    existing.arn.clone(),
                    existing.created,
                ));
            }
            return Err(Error::alias_conflict());
        }
        if sm.aliases.len() >= quota::ALIASES_PER_STATE_MACHINE {
            return Err(Error::quota_exceeded(
                "aliases",
                quota::ALIASES_PER_STATE_MACHINE,
                sm.arn.as_str(),
            ));
        }

        let now = self.now();
        let sm = self
            .state_machine_mut(&sm_arn)
            .ok_or_else(|| Error::resource_not_found(&first_version()))?;
        let arn = sm.arn.alias(&name);
        let seq = sm.next_alias_seq;
        sm.next_alias_seq += 1;
        sm.aliases.insert(
            name.clone(),
            Alias {
                seq,
                vias: Alias::vias(&arn, &routing),
                arn: arn.clone(),
                name,
                description: input.description,
                routing,
                created: now,
                updated: now,
            },
        );
        Ok(CreateStateMachineAliasOutput::new(arn, now))
    }

    /// DescribeStateMachineAlias.
    pub(super) fn describe_state_machine_alias_impl(
        &self,
        input: &DescribeStateMachineAliasInput,
    ) -> Result<DescribeStateMachineAliasOutput> {
        let mut c = Constraints::new();
        checks::arn_member(&mut c, "stateMachineAliasArn", &input.state_machine_alias_arn);
        c.finish()?;

        let AliasTarget::Alias(arn) = alias_target(&input.state_machine_alias_arn)? else {
            return Err(Error::alias_not_found());
        };
        let alias = self.alias(&arn).ok_or_else(Error::alias_not_found)?;
        let mut output = DescribeStateMachineAliasOutput::new(
            alias.arn.clone(),
            alias.name.clone(),
            alias.routing.clone(),
            alias.created,
            alias.updated,
        );
        output.description.clone_from(&alias.description);
        Ok(output)
    }

    /// UpdateStateMachineAlias.
    pub(super) fn update_state_machine_alias_impl(
        &mut self,
        input: UpdateStateMachineAliasInput,
    ) -> Result<UpdateStateMachineAliasOutput> {
        let mut c = Constraints::new();
        checks::arn_member(&mut c, "stateMachineAliasArn", &input.state_machine_alias_arn);
        c.opt_sensitive_length("description", input.description.as_deref(), 0, 256);
        if let Some(items) = &input.routing_configuration {
            checks::routing_members(&mut c, items);
        }
        c.finish()?;

        let target = alias_target(&input.state_machine_alias_arn)?;
        if input.description.is_none() && input.routing_configuration.is_none() {
            return Err(
                Error::validation("Either the description or the RoutingConfiguration must be specified")
                    .with_reason(ValidationExceptionReason::MissingRequiredParameter),
            );
        }
        let routing = match (&input.routing_configuration, &target) {
            (Some(items), AliasTarget::Alias(arn)) => Some(checks::routing(items, Some(&arn.state_machine_arn()))?),
            (Some(items), AliasTarget::NotAnAlias) => Some(checks::routing(items, None)?),
            (None, _) => None,
        };
        let AliasTarget::Alias(arn) = target else {
            return Err(Error::alias_not_found());
        };
        let sm_arn = arn.state_machine_arn();
        let sm = self.state_machine(&sm_arn).ok_or_else(Error::alias_not_found)?;
        if !sm.aliases.contains_key(arn.alias_name()) {
            return Err(Error::alias_not_found());
        }
        sm.ensure_active()?;
        if let Some(routing) = &routing
            && let Some(missing) = checks::missing_version(routing, |v| sm.versions.contains_key(&v.version()))
        {
            return Err(Error::resource_not_found(missing.as_str()));
        }

        let now = self.now();
        let alias = self
            .state_machine_mut(&sm_arn)
            .and_then(|sm| sm.aliases.get_mut(arn.alias_name()))
            .ok_or_else(Error::alias_not_found)?;
        if let Some(description) = input.description {
            alias.description = Some(description);
        }
        if let Some(routing) = routing {
            alias.set_routing(routing);
        }
        alias.updated = now;
        Ok(UpdateStateMachineAliasOutput::new(now))
    }

    /// DeleteStateMachineAlias: deleting an alias that does not exist succeeds.
    pub(super) fn delete_state_machine_alias_impl(
        &mut self,
        input: &DeleteStateMachineAliasInput,
    ) -> Result<DeleteStateMachineAliasOutput> {
        let mut c = Constraints::new();
        checks::arn_member(&mut c, "stateMachineAliasArn", &input.state_machine_alias_arn);
        c.finish()?;

        if let AliasTarget::Alias(arn) = alias_target(&input.state_machine_alias_arn)?
            && let Some(sm) = self.state_machine_mut(&arn.state_machine_arn())
        {
            sm.aliases.shift_remove(arn.alias_name());
        }
        Ok(DeleteStateMachineAliasOutput::default())
    }

    /// ListStateMachineAliases: oldest first, as every recording of the real service shows (its
    /// documentation says newest first). Given a version ARN, the aliases routing to it.
    pub(super) fn list_state_machine_aliases_impl(
        &self,
        input: &ListStateMachineAliasesInput,
    ) -> Result<ListStateMachineAliasesOutput> {
        let mut c = Constraints::new();
        let page = checks::list_members(
            &mut c,
            "stateMachineArn",
            &input.state_machine_arn,
            input.max_results,
            input.next_token.as_deref(),
        );
        c.finish()?;

        let (sm_arn, version) = match StateMachineRef::parse(&input.state_machine_arn)? {
            StateMachineRef::Unqualified(arn) => (arn, None),
            StateMachineRef::Version(arn) => (arn.state_machine_arn(), Some(arn)),
            StateMachineRef::Alias(arn) => return Err(Error::resource_not_found(arn.as_str())),
            StateMachineRef::Label(arn) => return Err(Error::labeled_arn_not_supported(arn.as_str())),
        };
        let sm = self
            .state_machine(&sm_arn)
            .ok_or_else(|| Error::state_machine_does_not_exist(&input.state_machine_arn))?;
        sm.ensure_active()?;
        if let Some(version) = &version
            && !sm.versions.contains_key(&version.version())
        {
            return Err(Error::resource_not_found(version.as_str()));
        }
        let now = self.now();
        let scope = input.state_machine_arn.as_str();
        let after = page.after::<u64>(ListKind::Aliases, scope, now)?.unwrap_or(0);
        let start = sm.aliases.partition_point(|_, a| a.seq <= after);
        let items = sm
            .aliases
            .get_range(start..)
            .into_iter()
            .flatten()
            .map(|(_, a)| a)
            .filter(|a| version.as_ref().is_none_or(|v| a.routing.routes_to(v)))
            .map(|a| (a.seq, StateMachineAliasListItem::new(a.arn.clone(), a.created)));
        let (aliases, next_token) = pagination::page(items, page.size(), ListKind::Aliases, scope, now);
        Ok(ListStateMachineAliasesOutput::new(aliases, next_token))
    }
}
