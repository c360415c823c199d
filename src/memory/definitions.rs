//! Definition texts, each stored once however many revisions and versions hold it.

use std::collections::HashSet;

use crate::definition_text::Definition;

/// The distinct definition texts of a registry. A revision holds its definition through the
/// table, so that 1,000 versions whose definitions alternate between two texts hold two texts.
/// Texts no revision holds any more are dropped from time to time (when the table has doubled
/// since it was last pruned), so the table stays proportional to the texts in use.
#[derive(Clone, Debug, Default)]
pub(super) struct Definitions {
    texts: HashSet<Definition>,
    /// How many texts were left after the last pruning.
    kept: usize,
}

impl Definitions {
    /// The stored text equal to `text`, stored now if it is new.
    pub(super) fn intern(&mut self, text: String) -> Definition {
        if let Some(stored) = self.texts.get(text.as_str()) {
            return stored.clone();
        }
        if self.texts.len() >= 2 * self.kept + 16 {
            self.texts.retain(|d| d.holders() > 1);
            self.kept = self.texts.len();
        }
        let stored = Definition::from(text);
        self.texts.insert(stored.clone());
        stored
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.texts.len()
    }
}

#[cfg(test)]
mod tests {
    use super::Definitions;

    #[test]
    fn equal_texts_are_stored_once() {
        let mut table = Definitions::default();
        let a = table.intern("a".repeat(100));
        let b = table.intern("b".repeat(100));
        let again = table.intern("a".repeat(100));
        assert!(a.ptr_eq(&again));
        assert!(!a.ptr_eq(&b));
        assert_eq!(again, "a".repeat(100));
        assert_eq!(table.len(), 2);
    }

    #[test]
    fn texts_no_one_holds_are_dropped() {
        let mut table = Definitions::default();
        let held = table.intern("held".to_owned());
        for i in 0..1_000 {
            drop(table.intern(format!("dropped {i}")));
        }
        assert!(table.len() <= 2 * 2 + 16, "{} texts kept", table.len());
        assert!(table.intern("held".to_owned()).ptr_eq(&held));
    }

    /// A refused CreateStateMachine or UpdateStateMachine stores no text: a failed request
    /// changes nothing, the table included.
    #[test]
    fn refused_writes_store_no_text() {
        use crate::Registry;
        use crate::dto::{CreateStateMachineInput, UpdateStateMachineInput};
        use crate::memory::InMemoryRegistry;

        let role = "arn:aws:iam::123456789012:role/r";
        let text =
            |state: &str| format!(r#"{{"StartAt":"{state}","States":{{"{state}":{{"Type":"Pass","End":true}}}}}}"#);
        let mut registry = InMemoryRegistry::builder().seed(1).build().expect("registry");
        let arn = registry
            .create_state_machine(CreateStateMachineInput::new("orders", text("A"), role))
            .expect("created")
            .state_machine_arn;
        assert_eq!(registry.definitions.len(), 1);

        // Same name, another definition: StateMachineAlreadyExists.
        let again = CreateStateMachineInput::new("orders", text("B"), role);
        assert!(registry.create_state_machine(again).is_err());
        // A state machine that does not exist.
        let missing = arn.as_str().replace(":orders", ":missing");
        let mut update = UpdateStateMachineInput::new(missing);
        update.definition = Some(text("C"));
        assert!(registry.update_state_machine(update).is_err());
        assert_eq!(registry.definitions.len(), 1);

        // An update that succeeds stores its text; one with the current text stores nothing.
        let mut update = UpdateStateMachineInput::new(&arn);
        update.definition = Some(text("A"));
        registry.update_state_machine(update).expect("updated");
        assert_eq!(registry.definitions.len(), 1);
        let mut update = UpdateStateMachineInput::new(&arn);
        update.definition = Some(text("D"));
        registry.update_state_machine(update).expect("updated");
        assert_eq!(registry.definitions.len(), 2);
    }
}
