//! The checks on the graph of states, run once the schema holds: state names unique in the
//! whole state machine, Map labels unique, every transition to a state of its own container,
//! a terminal state in each container and every state transitioned to.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

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
    /// Its location (empty for the top level), in [`Graph::prefixes`].
    prefix: Range<usize>,
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
    /// The containers' locations, one after the other.
    prefixes: String,
    /// Map labels and their locations.
    labels: Vec<(&'t str, String)>,
}

impl<'t> Graph<'t> {
    /// A new container at `prefix`; its index.
    pub(super) fn container(&mut self, prefix: &str) -> usize {
        let start = self.prefixes.len();
        self.prefixes.push_str(prefix);
        self.containers.push(Container {
            prefix: start..self.prefixes.len(),
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
        let names = self
            .containers
            .iter()
            .flat_map(|container| container.states.iter().map(move |(name, _)| (container, *name)));
        for (container, name) in repeated(names) {
            let location = format!("{}/States/{name}", &self.prefixes[container.prefix.clone()]);
            report.error(code::DUPLICATE_STATE_NAME, text::duplicate_state(name), Some(location));
        }
        let labels = self.labels.iter().map(|(label, location)| (location, *label));
        for (location, label) in repeated(labels) {
            report.error(
                code::DUPLICATE_LABEL_NAME,
                text::duplicate_label(label),
                Some(location.clone()),
            );
        }
        let mut referenced = Vec::new();
        for container in &self.containers {
            container.check(&self.prefixes[container.prefix.clone()], &mut referenced, report);
        }
    }
}

/// The items of `items` whose name an item before them has, in order.
fn repeated<'t, T>(items: impl Iterator<Item = (T, &'t str)> + Clone) -> Vec<(T, &'t str)> {
    let mut found = Vec::new();
    if items.clone().nth(SMALL).is_none() {
        // Few names: each compared with those before it.
        for (i, (item, name)) in items.clone().enumerate() {
            if items.clone().take(i).any(|(_, before)| before == name) {
                found.push((item, name));
            }
        }
        return found;
    }
    let mut seen = HashSet::new();
    found.extend(items.filter(|&(_, name)| !seen.insert(name)));
    found
}

/// How many names are few enough to look through rather than hash.
const SMALL: usize = 16;

/// The states of a container, found by name.
enum Index<'c, 't> {
    /// Few states: looked through.
    Few(&'c [(&'t str, bool)]),
    /// Many states: hashed.
    Many(HashMap<&'t str, usize>),
}

impl<'t> Index<'_, 't> {
    fn get(&self, name: &str) -> Option<usize> {
        match self {
            Index::Few(states) => states.iter().rposition(|(state, _)| *state == name),
            Index::Many(index) => index.get(name).copied(),
        }
    }
}

impl<'t> Container<'t> {
    /// The checks on one container at `prefix`; `referenced` is scratch space.
    fn check(&self, prefix: &str, referenced: &mut Vec<bool>, report: &mut Report) {
        let index = if self.states.len() <= SMALL {
            Index::Few(&self.states)
        } else {
            Index::Many(
                self.states
                    .iter()
                    .enumerate()
                    .map(|(i, (name, _))| (*name, i))
                    .collect(),
            )
        };
        referenced.clear();
        referenced.resize(self.states.len(), false);
        if let Some(start) = self.start_at {
            match index.get(start) {
                Some(i) => referenced[i] = true,
                None => report.error(
                    code::MISSING_TRANSITION_TARGET,
                    text::missing_target(start),
                    Some(format!("{prefix}/StartAt")),
                ),
            }
        }
        for &(from, via, to) in &self.transitions {
            match index.get(to) {
                Some(i) => referenced[i] = true,
                None => {
                    let (from, _) = self.states[from];
                    let field = match via {
                        Via::Next => "Next".to_owned(),
                        Via::Default => "Default".to_owned(),
                        Via::Choice(i) => format!("Choices[{i}]/Next"),
                        Via::Catch(i) => format!("Catch[{i}]/Next"),
                    };
                    let location = format!("{prefix}/States/{from}/{field}");
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
        for ((name, _), referenced) in self.states.iter().zip(referenced.iter()) {
            if !referenced {
                let location = format!("{prefix}/States/{name}");
                report.error(code::MISSING_TRANSITION_TARGET, text::unreachable(name), Some(location));
            }
        }
    }
}
