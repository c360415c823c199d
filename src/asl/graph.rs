//! The checks on the graph of states, run once the schema holds: state names unique in the
//! whole state machine, Map labels unique, every transition to a state of its own container,
//! a terminal state in each container and every state transitioned to.

use std::collections::{HashMap, HashSet};

use super::diagnostics::{Report, code, text};

/// A state in the graph.
#[derive(Clone, Copy, Debug)]
pub(super) struct Node {
    container: usize,
    state: usize,
}

/// The field a transition is written in.
#[derive(Clone, Copy, Debug)]
pub(super) enum Via {
    /// `Next`.
    Next,
    /// A Choice state's `Default`.
    Default,
    /// `Choices[i].Next`.
    Choice(usize),
    /// `Catch[i].Next`.
    Catch(usize),
}

/// A sub-machine: the top level, a Parallel branch or a Map's `ItemProcessor`.
#[derive(Debug)]
struct Container<'t> {
    /// Its location (empty for the top level).
    prefix: String,
    start_at: Option<&'t str>,
    /// Each state's name, and whether it is terminal.
    states: Vec<(&'t str, bool)>,
    /// Each transition: from which state, in which field, to which name.
    transitions: Vec<(usize, Via, &'t str)>,
}

/// What the graph checks need, gathered while the schema is checked.
#[derive(Debug, Default)]
pub(super) struct Graph<'t> {
    containers: Vec<Container<'t>>,
    /// Map labels and their locations.
    labels: Vec<(&'t str, String)>,
}

impl<'t> Graph<'t> {
    /// A new container at `prefix`; its index.
    pub(super) fn container(&mut self, prefix: &str) -> usize {
        self.containers.push(Container {
            prefix: prefix.to_owned(),
            start_at: None,
            states: Vec::new(),
            transitions: Vec::new(),
        });
        self.containers.len() - 1
    }

    pub(super) fn start_at(&mut self, container: usize, name: &'t str) {
        self.containers[container].start_at = Some(name);
    }

    /// A state of `container`.
    pub(super) fn state(&mut self, container: usize, name: &'t str, terminal: bool) -> Node {
        let states = &mut self.containers[container].states;
        states.push((name, terminal));
        Node {
            container,
            state: states.len() - 1,
        }
    }

    pub(super) fn transition(&mut self, from: Node, via: Via, to: &'t str) {
        self.containers[from.container].transitions.push((from.state, via, to));
    }

    pub(super) fn label(&mut self, label: &'t str, location: String) {
        self.labels.push((label, location));
    }

    /// Runs the checks, in this order: duplicate state names and labels; then, container by
    /// container in document order, transitions to no state of the container (`StartAt`
    /// first, then each state's in document order), then either `Workflow has no terminal
    /// state` (which, as on AWS, suppresses the next check) or each state no transition names.
    pub(super) fn check(&self, report: &mut Report) {
        let mut names = HashSet::new();
        for container in &self.containers {
            for (name, _) in &container.states {
                if !names.insert(*name) {
                    let location = format!("{}/States/{name}", container.prefix);
                    report.error(code::DUPLICATE_STATE_NAME, text::duplicate_state(name), Some(location));
                }
            }
        }
        let mut labels = HashSet::new();
        for (label, location) in &self.labels {
            if !labels.insert(*label) {
                report.error(
                    code::DUPLICATE_LABEL_NAME,
                    text::duplicate_label(label),
                    Some(location.clone()),
                );
            }
        }
        for container in &self.containers {
            container.check(report);
        }
    }
}

impl Container<'_> {
    fn check(&self, report: &mut Report) {
        let index: HashMap<&str, usize> = self
            .states
            .iter()
            .enumerate()
            .map(|(i, (name, _))| (*name, i))
            .collect();
        let mut referenced = vec![false; self.states.len()];
        if let Some(start) = self.start_at {
            match index.get(start) {
                Some(&i) => referenced[i] = true,
                None => report.error(
                    code::MISSING_TRANSITION_TARGET,
                    text::missing_target(start),
                    Some(format!("{}/StartAt", self.prefix)),
                ),
            }
        }
        for &(from, via, to) in &self.transitions {
            match index.get(to) {
                Some(&i) => referenced[i] = true,
                None => {
                    let (from, _) = self.states[from];
                    let field = match via {
                        Via::Next => "Next".to_owned(),
                        Via::Default => "Default".to_owned(),
                        Via::Choice(i) => format!("Choices[{i}]/Next"),
                        Via::Catch(i) => format!("Catch[{i}]/Next"),
                    };
                    let location = format!("{}/States/{from}/{field}", self.prefix);
                    report.error(
                        code::MISSING_TRANSITION_TARGET,
                        text::missing_target(to),
                        Some(location),
                    );
                }
            }
        }
        if !self.states.iter().any(|(_, terminal)| *terminal) {
            report.error(code::MISSING_END_STATE, text::NO_TERMINAL_STATE, None);
            return;
        }
        for ((name, _), referenced) in self.states.iter().zip(referenced) {
            if !referenced {
                let location = format!("{}/States/{name}", self.prefix);
                report.error(code::MISSING_TRANSITION_TARGET, text::unreachable(name), Some(location));
            }
        }
    }
}
