//! A request body as AWS's JSON reader takes it: a structure only from a JSON object.
//!
//! serde's derived `Deserialize` of a struct also accepts a JSON array, read as the members in
//! declaration order (`serde_json::Value`'s `deserialize_struct` visits an array as a
//! sequence): `"loggingConfiguration": []` would be an empty configuration and
//! `"tags": [["k", "v"]]` a tag. AWS answers both with a `SerializationException`. [`Strict`]
//! deserializes a [`Value`] as `serde_json::Value` does, except that a struct must be an
//! object: everything else is a type error, which `json::decode` words as AWS does.

use serde::de::value::{MapDeserializer, SeqDeserializer};
use serde::de::{self, Deserializer, IntoDeserializer, Unexpected, Visitor};
use serde_json::Value;

/// A JSON value whose structs are read from objects only.
pub(super) struct Strict(pub(super) Value);

impl Strict {
    /// The value as serde names it in a type error.
    fn unexpected(&self) -> Unexpected<'_> {
        match &self.0 {
            Value::Null => Unexpected::Unit,
            Value::Bool(b) => Unexpected::Bool(*b),
            Value::Number(n) => match (n.as_u64(), n.as_i64()) {
                (Some(u), _) => Unexpected::Unsigned(u),
                (None, Some(i)) => Unexpected::Signed(i),
                _ => Unexpected::Float(n.as_f64().unwrap_or_default()),
            },
            Value::String(s) => Unexpected::Str(s),
            Value::Array(_) => Unexpected::Seq,
            Value::Object(_) => Unexpected::Map,
        }
    }
}

impl<'de> Deserializer<'de> for Strict {
    type Error = serde_json::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        match self.0 {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(b),
            Value::Number(n) => n.deserialize_any(visitor),
            Value::String(s) => visitor.visit_string(s),
            Value::Array(items) => {
                let mut seq = SeqDeserializer::new(items.into_iter().map(Strict));
                let value = visitor.visit_seq(&mut seq)?;
                seq.end()?;
                Ok(value)
            }
            Value::Object(members) => {
                let mut map = MapDeserializer::new(members.into_iter().map(|(k, v)| (k, Strict(v))));
                let value = visitor.visit_map(&mut map)?;
                map.end()?;
                Ok(value)
            }
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        match self.0 {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        if self.0.is_object() {
            self.deserialize_any(visitor)
        } else {
            Err(de::Error::invalid_type(self.unexpected(), &visitor))
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        // A unit variant by its name; the requests hold no other kind.
        match self.0 {
            Value::String(variant) => visitor.visit_enum(variant.into_deserializer()),
            other => Err(de::Error::invalid_type(Strict(other).unexpected(), &visitor)),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf unit
        unit_struct seq tuple tuple_struct map identifier ignored_any
    }
}

impl<'de> IntoDeserializer<'de, serde_json::Error> for Strict {
    type Deserializer = Strict;

    fn into_deserializer(self) -> Strict {
        self
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;
    use serde_json::json;

    use super::Strict;

    #[derive(Debug, Deserialize, PartialEq)]
    struct Inner {
        #[serde(default)]
        a: Option<i32>,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    struct Outer {
        #[serde(default)]
        inner: Option<Inner>,
        #[serde(default)]
        items: Option<Vec<Inner>>,
        #[serde(default)]
        flag: bool,
        #[serde(default)]
        name: Option<String>,
    }

    fn read(value: serde_json::Value) -> Result<Outer, String> {
        Outer::deserialize(Strict(value)).map_err(|e| e.to_string())
    }

    #[test]
    fn objects_read_as_serde_json_reads_them() {
        let value = json!({"inner": {"a": 1}, "items": [{"a": 2}, {}], "flag": true, "name": "n"});
        assert_eq!(
            read(value.clone()),
            Ok(serde_json::from_value::<Outer>(value).expect("serde_json reads it"))
        );
    }

    #[test]
    fn a_struct_is_never_read_from_an_array() {
        // serde_json reads these as structs, member by member.
        assert!(serde_json::from_value::<Outer>(json!({"inner": []})).is_ok());
        assert!(serde_json::from_value::<Outer>(json!([null, null, true])).is_ok());
        for (value, error) in [
            (json!({"inner": []}), "invalid type: sequence, expected struct Inner"),
            (json!({"inner": [7]}), "invalid type: sequence, expected struct Inner"),
            (json!({"items": [[]]}), "invalid type: sequence, expected struct Inner"),
            (
                json!([null, null, true]),
                "invalid type: sequence, expected struct Outer",
            ),
            (
                json!({"inner": "x"}),
                "invalid type: string \"x\", expected struct Inner",
            ),
            (json!({"inner": 5}), "invalid type: integer `5`, expected struct Inner"),
            (
                json!({"inner": -5}),
                "invalid type: integer `-5`, expected struct Inner",
            ),
            (
                json!({"inner": 1.5}),
                "invalid type: floating point `1.5`, expected struct Inner",
            ),
            (
                json!({"inner": true}),
                "invalid type: boolean `true`, expected struct Inner",
            ),
            (json!({"items": {}}), "invalid type: map, expected a sequence"),
            (json!({"items": "x"}), "invalid type: string \"x\", expected a sequence"),
            (json!({"inner": {"a": "1"}}), "invalid type: string \"1\", expected i32"),
            (
                json!({"inner": {"a": 5_000_000_000_i64}}),
                "invalid value: integer `5000000000`, expected i32",
            ),
            (
                json!({"flag": "yes"}),
                "invalid type: string \"yes\", expected a boolean",
            ),
            (json!({"name": {}}), "invalid type: map, expected a string"),
        ] {
            assert_eq!(read(value.clone()).unwrap_err(), error, "{value}");
        }
    }
}
