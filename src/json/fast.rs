//! Fast paths of the adapter: a request read straight from its body into the operation's input,
//! and DescribeStateMachine's response written with its definition escaped once.
//!
//! Each gives exactly what the general path gives, or steps aside: [`decode`] answers `None`
//! whenever the body is not one it reads as the general path does (the general path then reads
//! it, and words any error), and [`describe_state_machine`] writes the bytes `serde_json` writes
//! for the response. Property tests below show both on arbitrary input.

use serde::de::{self, DeserializeOwned, DeserializeSeed, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};

use crate::dto::{
    DescribeStateMachineOutput, EncryptionConfiguration, EncryptionType, LogLevel, LoggingConfiguration,
    TracingConfiguration,
};
use crate::jackson::plain_text_len;

/// The input `T` read straight from `body`, if `body` is a JSON object whose members are each a
/// scalar, `null`, or a member `T` does not know (any JSON value); `None` otherwise, and
/// whenever reading fails.
///
/// What the general path does differently is then never reached: it reads the body into a
/// `serde_json::Value` first, so a structure must be an object (serde would also take an
/// array), a `null` member is absent (here `null` reads as `None`, and anything else fails),
/// a repeated member keeps its last value (here it fails), and a member it does not know must
/// still be a `Value` (here too: it is read as one).
pub(super) fn decode<T: DeserializeOwned>(body: &[u8]) -> Option<T> {
    let text = std::str::from_utf8(body).ok()?;
    if text.trim_start_matches([' ', '\t', '\n', '\r']).as_bytes().first() != Some(&b'{') {
        return None;
    }
    let mut reader = serde_json::Deserializer::from_str(text);
    let input = T::deserialize(Object(&mut reader)).ok()?;
    reader.end().ok()?;
    Some(input)
}

/// The body: only a structure, read from an object.
struct Object<D>(D);

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Object<D> {
    type Error = D::Error;

    fn deserialize_any<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, D::Error> {
        Err(de::Error::custom("not a structure"))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_map(Members(visitor))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option
        unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier ignored_any
    }
}

/// Visits the body's object, each member's value read as a [`Scalar`].
struct Members<V>(V);

impl<'de, V: Visitor<'de>> Visitor<'de> for Members<V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.expecting(f)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        self.0.visit_map(ScalarMembers(map))
    }
}

struct ScalarMembers<A>(A);

impl<'de, A: MapAccess<'de>> MapAccess<'de> for ScalarMembers<A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, A::Error> {
        self.0.next_key_seed(seed)
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, A::Error> {
        self.0.next_value_seed(ScalarSeed(seed))
    }

    fn size_hint(&self) -> Option<usize> {
        self.0.size_hint()
    }
}

struct ScalarSeed<S>(S);

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for ScalarSeed<S> {
    type Value = S::Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<S::Value, D::Error> {
        self.0.deserialize(Scalar(deserializer))
    }
}

/// A member's value: a scalar or `null` for a member the input knows, any JSON value for one it
/// does not. Structures, lists and anything read through `deserialize_any` fail.
struct Scalar<D>(D);

macro_rules! forward {
    ($($method:ident)*) => {
        $(
            fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
                self.0.$method(visitor)
            }
        )*
    };
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Scalar<D> {
    type Error = D::Error;

    fn deserialize_any<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, D::Error> {
        Err(de::Error::custom("not a scalar"))
    }

    forward! {
        deserialize_bool deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64 deserialize_i128
        deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64 deserialize_u128 deserialize_f32
        deserialize_f64 deserialize_char deserialize_str deserialize_string deserialize_bytes
        deserialize_byte_buf deserialize_unit deserialize_identifier
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_option(Optional(visitor))
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(self, name: &'static str, visitor: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_unit_struct(name, visitor)
    }

    /// A member the input does not know: read as the general path reads it, into a `Value`.
    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        serde_json::Value::deserialize(self.0)?;
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        newtype_struct seq tuple tuple_struct map struct enum
    }
}

/// `Some` of an optional member: its value read as a [`Scalar`] too.
struct Optional<V>(V);

impl<'de, V: Visitor<'de>> Visitor<'de> for Optional<V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.expecting(f)
    }

    fn visit_none<E: de::Error>(self) -> Result<V::Value, E> {
        self.0.visit_none()
    }

    fn visit_unit<E: de::Error>(self) -> Result<V::Value, E> {
        self.0.visit_none()
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<V::Value, D::Error> {
        self.0.visit_some(Scalar(deserializer))
    }
}

/// DescribeStateMachine's response, the bytes `serde_json` writes for it, the definition copied
/// from its JSON form (escaped once per stored text) rather than escaped again.
pub(super) fn describe_state_machine(output: &DescribeStateMachineOutput) -> Result<Vec<u8>, serde_json::Error> {
    // Every member, so that a new one cannot be forgotten here.
    let DescribeStateMachineOutput {
        state_machine_arn,
        name,
        status,
        definition,
        role_arn,
        r#type,
        creation_date,
        logging_configuration,
        tracing_configuration,
        label,
        revision_id,
        description,
        encryption_configuration,
    } = output;
    let definition = definition.json();
    let mut out = Writer(Vec::with_capacity(
        320 + state_machine_arn.as_str().len() + definition.len() + role_arn.len(),
    ));
    out.raw("{\"stateMachineArn\":\"");
    out.content(state_machine_arn.as_str());
    out.raw("\",\"name\":\"");
    out.content(name.as_str());
    out.raw("\"");
    if let Some(status) = status {
        out.raw(",\"status\":\"");
        out.content(status.as_str());
        out.raw("\"");
    }
    out.raw(",\"definition\":");
    out.raw(definition);
    out.raw(",\"roleArn\":\"");
    out.content(role_arn);
    out.raw("\",\"type\":\"");
    out.content(r#type.as_str());
    out.raw("\",\"creationDate\":");
    out.value(creation_date)?;
    if let Some(logging) = logging_configuration {
        out.raw(",\"loggingConfiguration\":");
        out.logging(logging)?;
    }
    if let Some(TracingConfiguration { enabled }) = tracing_configuration {
        out.raw(match enabled {
            Some(true) => ",\"tracingConfiguration\":{\"enabled\":true}",
            Some(false) => ",\"tracingConfiguration\":{\"enabled\":false}",
            None => ",\"tracingConfiguration\":{}",
        });
    }
    if let Some(label) = label {
        out.raw(",\"label\":\"");
        out.content(label);
        out.raw("\"");
    }
    if let Some(revision_id) = revision_id {
        out.raw(",\"revisionId\":");
        out.value(revision_id)?;
    }
    if let Some(description) = description {
        out.raw(",\"description\":\"");
        out.content(description);
        out.raw("\"");
    }
    if let Some(encryption) = encryption_configuration {
        out.raw(",\"encryptionConfiguration\":");
        out.encryption(encryption)?;
    }
    out.raw("}");
    Ok(out.0)
}

/// A response being written.
struct Writer(Vec<u8>);

impl Writer {
    /// Inlined, so that a literal is copied without a call.
    #[inline(always)]
    fn raw(&mut self, json: &str) {
        self.0.extend_from_slice(json.as_bytes());
    }

    /// `s` inside a JSON string (without its quotes): copied when nothing in it needs escaping
    /// (as in an ARN or a name), escaped by `serde_json` otherwise.
    fn content(&mut self, s: &str) {
        // The bytes JSON escapes are those that end plain text in a JSON string.
        if plain_text_len(s.as_bytes()) == s.len() {
            self.0.extend_from_slice(s.as_bytes());
        } else {
            let quoted = serde_json::to_string(s).unwrap_or_default();
            self.raw(quoted.get(1..quoted.len() - 1).unwrap_or_default());
        }
    }

    /// `s` as a JSON string: copied between quotes when nothing in it needs escaping (as in an
    /// ARN or a name), escaped by `serde_json` otherwise.
    fn string(&mut self, s: &str) {
        // The bytes JSON escapes are those that end plain text in a JSON string.
        if plain_text_len(s.as_bytes()) == s.len() {
            self.0.reserve(s.len() + 2);
            self.0.push(b'"');
            self.0.extend_from_slice(s.as_bytes());
            self.0.push(b'"');
        } else {
            // Writing a string into a Vec cannot fail.
            let _ = serde_json::to_writer(&mut self.0, s);
        }
    }

    fn value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), serde_json::Error> {
        serde_json::to_writer(&mut self.0, value)
    }

    /// `,"<key>":` before every member but the first of an object.
    fn key(&mut self, first: &mut bool, key: &str) {
        if !std::mem::take(first) {
            self.raw(",");
        }
        self.string(key);
        self.raw(":");
    }

    fn logging(&mut self, logging: &LoggingConfiguration) -> Result<(), serde_json::Error> {
        let LoggingConfiguration {
            level,
            include_execution_data,
            destinations,
        } = logging;
        if let (Some(LogLevel::Off), Some(false), None) = (level, include_execution_data, destinations) {
            // The default, as every state machine without logging shows it.
            self.raw("{\"level\":\"OFF\",\"includeExecutionData\":false}");
            return Ok(());
        }
        let mut first = true;
        self.raw("{");
        if let Some(level) = level {
            self.key(&mut first, "level");
            self.string(level.as_str());
        }
        if let Some(include) = include_execution_data {
            self.key(&mut first, "includeExecutionData");
            self.raw(if *include { "true" } else { "false" });
        }
        if let Some(destinations) = destinations {
            self.key(&mut first, "destinations");
            self.value(destinations)?;
        }
        self.raw("}");
        Ok(())
    }

    fn encryption(&mut self, encryption: &EncryptionConfiguration) -> Result<(), serde_json::Error> {
        let EncryptionConfiguration {
            kms_key_id,
            kms_data_key_reuse_period_seconds,
            r#type,
        } = encryption;
        if let (None, None, EncryptionType::AwsOwnedKey) = (kms_key_id, kms_data_key_reuse_period_seconds, r#type) {
            // The default, as every state machine without a key shows it.
            self.raw("{\"type\":\"AWS_OWNED_KEY\"}");
            return Ok(());
        }
        let mut first = true;
        self.raw("{");
        if let Some(key) = kms_key_id {
            self.key(&mut first, "kmsKeyId");
            self.string(key);
        }
        if let Some(seconds) = kms_data_key_reuse_period_seconds {
            self.key(&mut first, "kmsDataKeyReusePeriodSeconds");
            self.value(seconds)?;
        }
        self.key(&mut first, "type");
        self.string(r#type.as_str());
        self.raw("}");
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::{decode, describe_state_machine};
    use crate::dto::{
        CreateStateMachineInput, DescribeStateMachineInput, DescribeStateMachineOutput, EncryptionConfiguration,
        EncryptionType, ListExecutionsInput, LogDestination, LogLevel, LoggingConfiguration, RevisionId,
        StartExecutionInput, StateMachineStatus, StateMachineType, TracingConfiguration,
    };
    use crate::json::{decode as general, parse_body};
    use crate::{StateMachineName, StateMachineRef, Timestamp};

    /// What the general path reads from `body`.
    fn general_path<T: serde::de::DeserializeOwned>(body: &[u8]) -> Option<T> {
        parse_body(body).and_then(general).ok()
    }

    fn agrees<T: serde::de::DeserializeOwned + PartialEq + std::fmt::Debug>(body: &[u8]) -> Result<(), TestCaseError> {
        if let Some(fast) = decode::<T>(body) {
            let general = general_path::<T>(body);
            prop_assert_eq!(Some(fast), general, "{}", String::from_utf8_lossy(body));
        }
        Ok(())
    }

    /// Any JSON value, some deep, odd numbers and escapes included.
    fn arb_value() -> impl Strategy<Value = String> {
        let leaf = prop_oneof![
            Just("null".to_owned()),
            Just("true".to_owned()),
            Just("1e400".to_owned()),
            Just("-0".to_owned()),
            Just("12345678901234567890123".to_owned()),
            Just(r#""\ud800""#.to_owned()),
            Just(r#""\u0041\n""#.to_owned()),
            any::<i64>().prop_map(|n| n.to_string()),
            any::<f64>().prop_map(|f| f.to_string()),
            any::<String>().prop_map(|s| serde_json::to_string(&s).expect("a string")),
            "arn:aws:states:us-east-1:123456789012:(stateMachine|execution):[a-z]{1,5}(:[a-zA-Z0-9]{1,4})?"
                .prop_map(|s| format!("\"{s}\"")),
        ];
        leaf.prop_recursive(4, 24, 4, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..4).prop_map(|items| format!("[{}]", items.join(","))),
                proptest::collection::vec(("[a-zA-Z]{1,8}", inner), 0..4).prop_map(|members| {
                    let members: Vec<String> = members.into_iter().map(|(k, v)| format!("\"{k}\":{v}")).collect();
                    format!("{{{}}}", members.join(","))
                }),
                Just(format!("{}{}", "[".repeat(130), "]".repeat(130))),
            ]
        })
    }

    /// A body: an object of members known to the inputs and others, any values, whitespace; or
    /// something that is not an object.
    fn arb_body() -> impl Strategy<Value = Vec<u8>> {
        let key = prop_oneof![
            Just("stateMachineArn"),
            Just("includedData"),
            Just("name"),
            Just("input"),
            Just("traceHeader"),
            Just("maxResults"),
            Just("statusFilter"),
            Just("nextToken"),
            Just("definition"),
            Just("roleArn"),
            Just("publish"),
            Just("tags"),
            Just("loggingConfiguration"),
            Just("unknown"),
            Just("state\\u004dachineArn"),
        ];
        // Mostly strings, which the inputs' members mostly are, so that many bodies are read.
        let value = prop_oneof![
            3 => "arn:aws:states:us-east-1:123456789012:stateMachine:[a-z]{1,5}".prop_map(|s| format!("\"{s}\"")),
            1 => any::<String>().prop_map(|s| serde_json::to_string(&s).expect("a string")),
            1 => Just("null".to_owned()),
            3 => arb_value(),
        ];
        let members = proptest::collection::vec((key, value), 0..6);
        let object = (members, "[ \t\n\r]{0,2}", "[ \t\n\r]{0,2}").prop_map(|(members, before, after)| {
            let members: Vec<String> = members.into_iter().map(|(k, v)| format!("\"{k}\" : {v}")).collect();
            format!("{before}{{{}}}{after}", members.join(","))
        });
        prop_oneof![
            8 => object,
            1 => arb_value(),
            1 => "\\PC{0,30}",
        ]
        .prop_map(String::into_bytes)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2_000))]

        /// Whatever the body, the fast path reads what the general path reads, or steps aside.
        #[test]
        fn decoding_agrees_with_the_general_path(body in arb_body()) {
            agrees::<DescribeStateMachineInput>(&body)?;
            agrees::<StartExecutionInput>(&body)?;
            agrees::<ListExecutionsInput>(&body)?;
            agrees::<CreateStateMachineInput>(&body)?;
        }
    }

    #[test]
    fn the_fast_path_reads_usual_bodies() {
        let arn = "arn:aws:states:us-east-1:123456789012:stateMachine:orders";
        let body = format!(r#"{{"stateMachineArn": "{arn}"}}"#);
        let read: DescribeStateMachineInput = decode(body.as_bytes()).expect("read");
        assert_eq!(read, DescribeStateMachineInput::new(arn));
        let body = format!(r#" {{"stateMachineArn":"{arn}","input":"{{\"a\": [1]}}","name":null,"x":{{"y":[1e3]}}}}"#);
        let read: StartExecutionInput = decode(body.as_bytes()).expect("read");
        let mut expected = StartExecutionInput::new(arn);
        expected.input = Some(r#"{"a": [1]}"#.to_owned());
        assert_eq!(read, expected);
    }

    #[test]
    fn the_fast_path_steps_aside_where_the_general_path_differs() {
        let arn = "arn:aws:states:us-east-1:123456789012:stateMachine:orders";
        for body in [
            String::new(),
            " ".to_owned(),
            format!(r#"["{arn}"]"#),
            format!(r#"{{"stateMachineArn": "{arn}", "stateMachineArn": "{arn}"}}"#),
            format!(r#"{{"stateMachineArn": "{arn}", "x": 1e400}}"#),
            format!(r#"{{"stateMachineArn": "{arn}", "x": "\ud800"}}"#),
            format!(
                r#"{{"stateMachineArn": "{arn}", "x": {}{}}}"#,
                "[".repeat(200),
                "]".repeat(200)
            ),
            r#"{"stateMachineArn": null}"#.to_owned(),
        ] {
            assert_eq!(decode::<DescribeStateMachineInput>(body.as_bytes()), None, "{body}");
        }
        let with_tags = r#"{"name": "n", "definition": "{}", "roleArn": "r", "tags": [["k", "v"]]}"#;
        assert_eq!(decode::<CreateStateMachineInput>(with_tags.as_bytes()), None);
        // `null` for a member that cannot be absent in Rust (a `bool` defaulting to false).
        let publish_null = r#"{"name": "n", "definition": "{}", "roleArn": "r", "publish": null}"#;
        assert_eq!(decode::<CreateStateMachineInput>(publish_null.as_bytes()), None);
        assert!(general_path::<CreateStateMachineInput>(publish_null.as_bytes()).is_some());
    }

    fn arb_text() -> impl Strategy<Value = String> {
        prop_oneof![any::<String>(), "[a-zA-Z0-9:/_-]{0,30}"]
    }

    fn arb_describe_output() -> impl Strategy<Value = DescribeStateMachineOutput> {
        let arn = prop_oneof![
            Just("arn:aws:states:us-east-1:123456789012:stateMachine:orders"),
            Just("arn:aws:states:us-east-1:123456789012:stateMachine:orders:7"),
        ]
        .prop_map(|arn| StateMachineRef::parse(arn).expect("an ARN"));
        let status = proptest::option::of(prop_oneof![
            Just(StateMachineStatus::Active),
            Just(StateMachineStatus::Deleting),
            arb_text().prop_map(StateMachineStatus::Unknown),
        ]);
        let kind = prop_oneof![
            Just(StateMachineType::Standard),
            Just(StateMachineType::Express),
            arb_text().prop_map(StateMachineType::Unknown),
        ];
        let logging = proptest::option::of(
            (
                proptest::option::of(prop_oneof![Just(LogLevel::Off), Just(LogLevel::All)]),
                proptest::option::of(any::<bool>()),
                proptest::option::of(proptest::collection::vec(
                    arb_text().prop_map(LogDestination::cloud_watch_logs),
                    0..2,
                )),
            )
                .prop_map(|(level, include_execution_data, destinations)| LoggingConfiguration {
                    level,
                    include_execution_data,
                    destinations,
                }),
        );
        let encryption = proptest::option::of(
            (proptest::option::of(arb_text()), proptest::option::of(any::<i32>())).prop_map(|(kms_key_id, reuse)| {
                let mut e = EncryptionConfiguration::new(EncryptionType::AwsOwnedKey);
                e.kms_key_id = kms_key_id;
                e.kms_data_key_reuse_period_seconds = reuse;
                e
            }),
        );
        (
            (
                arn,
                status,
                arb_text(),
                arb_text(),
                kind,
                -1_000_000_000_000_000i64..1_000_000_000_000_000,
            ),
            (
                logging,
                proptest::option::of(proptest::option::of(any::<bool>())),
                proptest::option::of(arb_text()),
                proptest::option::of(any::<[u8; 16]>()),
                proptest::option::of(arb_text()),
                encryption,
            ),
        )
            .prop_map(
                |(
                    (arn, status, definition, role, kind, millis),
                    (logging, tracing, label, revision, description, encryption),
                )| {
                    let name = StateMachineName::new("orders").expect("a name");
                    let mut o = DescribeStateMachineOutput::new(
                        arn,
                        name,
                        definition,
                        role,
                        kind,
                        Timestamp::from_unix_millis(millis),
                    );
                    o.status = status;
                    o.logging_configuration = logging;
                    o.tracing_configuration = tracing.map(|enabled| TracingConfiguration { enabled });
                    o.label = label;
                    o.revision_id = revision.map(RevisionId::from_random_bytes);
                    o.description = description;
                    o.encryption_configuration = encryption;
                    o
                },
            )
    }

    proptest! {
        /// DescribeStateMachine's response is written as serde_json writes it, whatever it holds.
        #[test]
        fn describe_is_written_as_serde_json_writes_it(output in arb_describe_output()) {
            let fast = describe_state_machine(&output).expect("written");
            let general = serde_json::to_vec(&output).expect("written");
            prop_assert_eq!(String::from_utf8_lossy(&fast), String::from_utf8_lossy(&general));
        }
    }
}
