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
}
