//! [`Definition`]: a state machine definition's text, shared, with its JSON string form kept.

use std::borrow::Borrow;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;
use std::sync::{Arc, OnceLock};

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The text of a state machine definition (an Amazon States Language document), as
/// DescribeStateMachine and DescribeStateMachineForExecution answer it.
///
/// It is shared: cloning it counts a reference, and the registry keeps each distinct text once,
/// however many revisions and versions hold it. It reads as a `&str` (it derefs to one), and
/// compares with `str` and `String`. On the wire it is a JSON string; the registry's JSON
/// adapter writes it from a form escaped once, not on every response.
///
/// ```
/// use sfn_registry::Definition;
///
/// let definition = Definition::from(r#"{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}"#);
/// assert!(definition.starts_with("{\"StartAt\""));
/// assert_eq!(definition, r#"{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}"#);
/// assert_eq!(
///     serde_json::to_string(&definition)?,
///     r#""{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"End\":true}}}""#
/// );
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Clone)]
pub struct Definition(Arc<Text>);

struct Text {
    text: Box<str>,
    /// The text as a JSON string literal, quotes included: made when first asked for.
    json: OnceLock<Box<str>>,
}

impl Definition {
    /// The text.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0.text
    }

    /// The text as a JSON string literal, quotes included (what `serde_json` writes for it),
    /// escaped on the first call only.
    pub(crate) fn json(&self) -> &str {
        self.0.json.get_or_init(|| {
            serde_json::to_string(&*self.0.text)
                .unwrap_or_default()
                .into_boxed_str()
        })
    }

    /// `true` if both share one text.
    pub(crate) fn ptr_eq(&self, other: &Definition) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }

    /// How many holders share the text (the registry's table of texts counts as one).
    pub(crate) fn holders(&self) -> usize {
        Arc::strong_count(&self.0)
    }
}

impl From<String> for Definition {
    fn from(text: String) -> Self {
        Definition(Arc::new(Text {
            text: text.into_boxed_str(),
            json: OnceLock::new(),
        }))
    }
}

impl From<&str> for Definition {
    fn from(text: &str) -> Self {
        Definition::from(text.to_owned())
    }
}

impl From<Definition> for String {
    fn from(definition: Definition) -> Self {
        definition.as_str().to_owned()
    }
}

impl Deref for Definition {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Definition {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl Borrow<str> for Definition {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq for Definition {
    fn eq(&self, other: &Self) -> bool {
        self.ptr_eq(other) || self.as_str() == other.as_str()
    }
}

impl Eq for Definition {}

impl Hash for Definition {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl PartialEq<str> for Definition {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Definition {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for Definition {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<Definition> for str {
    fn eq(&self, other: &Definition) -> bool {
        self == other.as_str()
    }
}

impl PartialEq<Definition> for &str {
    fn eq(&self, other: &Definition) -> bool {
        *self == other.as_str()
    }
}

impl PartialEq<Definition> for String {
    fn eq(&self, other: &Definition) -> bool {
        self == other.as_str()
    }
}

impl fmt::Debug for Definition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Definition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Definition {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Definition {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Definition::from)
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::Definition;

    proptest! {
        /// The kept JSON form is what serde_json writes for the text, whatever the text.
        #[test]
        fn json_is_serde_jsons(text in any::<String>()) {
            let definition = Definition::from(text.as_str());
            prop_assert_eq!(definition.json(), serde_json::to_string(&text).expect("a string"));
            prop_assert_eq!(serde_json::to_string(&definition).expect("a string"), serde_json::to_string(&text).expect("a string"));
            prop_assert_eq!(&definition, &text);
        }
    }
}
