//! JSON text read the way Jackson, the Java parser behind AWS Step Functions, reads it: the same
//! documents accepted, the same tree, and on error the same message and position.
//!
//! AWS parses a definition (and StartExecution input) with Jackson's `ObjectMapper.readTree`
//! on a `String`; its parse errors reach clients verbatim, as the `INVALID_JSON_DESCRIPTION`
//! diagnostic (`<detail>\n at [Source: (String)"…"; line: L, column: C]`) and inside
//! `InvalidExecutionInput` (`<detail>` alone). This module reproduces that behaviour:
//!
//! - **What is accepted.** Strict JSON as `readTree` takes it with Jackson's default features:
//!   no comments, no single quotes, no unquoted names, no leading zeroes, no `NaN`/`Infinity`,
//!   no trailing commas. Whitespace is space, tab, LF and CR. Like `readTree`, reading stops
//!   after the first value: what follows it is never looked at (only a root-level number must be
//!   followed by white space). Input that holds no value at all (empty or white space) is `None`
//!   (Jackson's `MissingNode`).
//! - **The tree.** Members keep their order and duplicate keys are kept; [`Object::get`] and
//!   [`Object::entries`] read them as Jackson's `ObjectNode` does (the last value wins, at the
//!   place of the first). Strings are read from the input where they hold no escape; numbers
//!   are kept as their text, so that integer-ness and range can be judged as AWS judges them.
//! - **Limits** of Jackson 2.15's `StreamReadConstraints`: nesting deeper than 1,000 arrays and
//!   objects, and numbers longer than 1,000 digits, are refused with its messages (which carry
//!   no location). The parser is iterative: no input can overflow the stack. A text longer than
//!   4 GiB (far beyond anything AWS takes) is refused as Jackson 2.16 refuses a document over its
//!   `maxDocumentLength`.
//! - **Positions** are Jackson's: lines count LF, CR and CRLF; columns count UTF-16 code units,
//!   1-based, and point where Jackson's reader stood when it gave up (usually just after the
//!   offending character: `not` spans columns 1–3 and is reported at column 4).
//! - **The source description** is Jackson's `(String)"<text>"`: at most the first 500 UTF-16
//!   units of the input, control characters other than CR and LF escaped as `\uXXXX`, then
//!   `[truncated N chars]`. Jackson reads a `String` of more than 32,768 units through a
//!   `StringReader` and then describes it as `(StringReader)`, without content: a 1 MiB
//!   definition is never echoed.
//!
//! **Which texts are recorded.** AWS recordings show two: `Unrecognized token 'not': was
//! expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')` with
//! `[Source: (String)"not a definition"; line: 1, column: 4]`, and `Unexpected character (''' (code
//! 39)): was expecting double-quote to start field name`. Every other text follows Jackson's
//! source (`ReaderBasedJsonParser`, `ParserMinimalBase`, `ParserBase`, `ContentReference`,
//! `StreamReadConstraints` of the 2.15 line): unexpected characters, unterminated strings and
//! containers (`Unexpected end-of-input: expected close marker for Object (start marker at
//! [Source: …; line: 1, column: 1])`), control characters (`Illegal unquoted character
//! ((CTRL-CHAR, code 10)): has to be escaped using backslash to be included in string value`),
//! bad escapes, malformed numbers, comments, mismatched close markers. Where Java would hold a
//! lone UTF-16 surrogate (a character above U+FFFF reported on its own, a `\uD800` escape
//! without its pair), this module writes U+FFFD. Java's `Character.isJavaIdentifierPart`,
//! which decides where an unrecognized token ends, is exact for ASCII and approximated by
//! Unicode's alphanumeric, currency, connector, combining and format classes above it.
//!
//! **How.** [`fast`] reads a document in one pass over its bytes, into a [`tree`] that holds
//! every value in one `Vec`; it gives up on any text it is not sure Jackson accepts. [`exact`]
//! then reads that text as Jackson does, character by character, and reports Jackson's error
//! (its tree, should Jackson accept the text after all). A property test holds the two to the
//! same trees on any text.

mod exact;
mod fast;
mod tree;

pub(crate) use fast::plain_text_len;
pub(crate) use tree::{Document, Entries, Items, Object, Value};

/// Jackson 2.15's `StreamReadConstraints` default maximum nesting depth.
const MAX_DEPTH: usize = 1000;
/// Jackson 2.15's `StreamReadConstraints` default maximum number length, in digits.
const MAX_NUMBER_LENGTH: usize = 1000;

/// Why Jackson refused the text: its message, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ParseError {
    detail: String,
    location: Option<String>,
}

impl ParseError {
    /// Jackson's message without its location (`getOriginalMessage`): what StartExecution
    /// quotes (`Invalid State Machine Execution Input: '<detail>'`).
    pub(crate) fn detail(&self) -> &str {
        &self.detail
    }

    /// Where, as Jackson writes a location: `[Source: (String)"…"; line: L, column: C]`. `None`
    /// for the stream-constraint errors, which Jackson reports without one.
    pub(crate) fn location(&self) -> Option<&str> {
        self.location.as_deref()
    }

    /// Jackson's full message (`getMessage`): the detail, then `\n at <location>` when there is
    /// one. The text of the `INVALID_JSON_DESCRIPTION` diagnostic.
    pub(crate) fn message(&self) -> String {
        match &self.location {
            Some(location) => format!("{}\n at {location}", self.detail),
            None => self.detail.clone(),
        }
    }
}

/// Reads `text` as Jackson's `ObjectMapper.readTree(String)` does: its first JSON value, or
/// `None` when it holds none (empty or white space only).
/// Reads `text` as Jackson's `ObjectMapper.readTree(String)` does: its first JSON value, or
/// `None` when it holds none (empty or white space only).
pub(crate) fn parse(text: &str) -> Result<Option<Document<'_>>> {
    if text.len() > tree::MAX_TEXT {
        return Err(ParseError {
            detail: format!(
                "Document length ({}) exceeds the maximum allowed ({})",
                text.len(),
                tree::MAX_TEXT
            ),
            location: None,
        });
    }
    match fast::read(text) {
        Some(document) => Ok(Some(document)),
        None => exact::parse(text),
    }
}

type Result<T> = std::result::Result<T, ParseError>;

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn err(text: &str) -> ParseError {
        parse(text).expect_err("not JSON")
    }

    #[track_caller]
    fn assert_details(cases: &[(&str, &str)]) {
        for (text, detail) in cases {
            assert_eq!(err(text).detail(), *detail, "{text:?}");
        }
    }

    fn ok(text: &str) -> Document<'_> {
        parse(text).expect("JSON").expect("a value")
    }

    /// What marks a number's text in [`to_serde`].
    const NUMBER: &str = "\u{1}#";

    /// The tree as a `serde_json::Value` whose numbers are their text, marked ([`NUMBER`]).
    fn to_serde(value: Value<'_>) -> serde_json::Value {
        match value {
            Value::Null => serde_json::Value::Null,
            Value::Bool(b) => serde_json::Value::Bool(b),
            Value::Number(n) => serde_json::Value::String(format!("{NUMBER}{n}")),
            Value::String(s) => serde_json::Value::String(s.to_string()),
            Value::Array(items) => serde_json::Value::Array(items.iter().map(to_serde).collect()),
            Value::Object(o) => {
                serde_json::Value::Object(o.entries().map(|(k, v)| (k.to_owned(), to_serde(v))).collect())
            }
        }
    }

    /// `value` with each number replaced by `number(its text)`, as [`to_serde`] writes them.
    fn numbers_as(value: &serde_json::Value, number: &dyn Fn(&str) -> String) -> serde_json::Value {
        match value {
            serde_json::Value::Number(n) => serde_json::Value::String(number(&n.to_string())),
            serde_json::Value::Array(items) => {
                serde_json::Value::Array(items.iter().map(|v| numbers_as(v, number)).collect())
            }
            serde_json::Value::Object(o) => {
                serde_json::Value::Object(o.iter().map(|(k, v)| (k.clone(), numbers_as(v, number))).collect())
            }
            other => other.clone(),
        }
    }

    /// The same tree, numbers where numbers are (their texts are compared elsewhere).
    fn same_shape(ours: Value<'_>, theirs: &serde_json::Value) -> bool {
        match (ours, theirs) {
            (Value::Null, serde_json::Value::Null) | (Value::Number(_), serde_json::Value::Number(_)) => true,
            (Value::Bool(a), serde_json::Value::Bool(b)) => a == *b,
            (Value::String(a), serde_json::Value::String(b)) => a == b,
            (Value::Array(a), serde_json::Value::Array(b)) => {
                a.len() == b.len() && a.iter().zip(b).all(|(a, b)| same_shape(a, b))
            }
            (Value::Object(a), serde_json::Value::Object(b)) => {
                a.entries().count() == b.len() && a.entries().all(|(k, v)| b.get(k).is_some_and(|w| same_shape(v, w)))
            }
            _ => false,
        }
    }

    fn arb_json() -> impl Strategy<Value = serde_json::Value> {
        let leaf = prop_oneof![
            Just(serde_json::Value::Null),
            any::<bool>().prop_map(serde_json::Value::Bool),
            any::<i64>().prop_map(|n| serde_json::json!(n)),
            any::<f64>()
                .prop_filter("finite", |f| f.is_finite())
                .prop_map(|f| serde_json::json!(f)),
            any::<String>().prop_map(serde_json::Value::String),
        ];
        leaf.prop_recursive(8, 64, 6, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::Array),
                proptest::collection::btree_map(any::<String>(), inner, 0..6)
                    .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
            ]
        })
    }

    proptest::proptest! {
        #![proptest_config(ProptestConfig::with_cases(1000))]

        /// Whatever serde_json reads, this parser reads to the same value, compact or pretty.
        #[test]
        fn reads_what_serde_json_reads(value in arb_json()) {
            for text in [value.to_string(), serde_json::to_string_pretty(&value).expect("serializable")] {
                let parsed = parse(&text).expect("JSON").expect("a value");
                proptest::prop_assert_eq!(to_serde(parsed.root()), numbers_as(&value, &|n| format!("{NUMBER}{n}")));
            }
        }

        /// Any text: no panic; and what serde_json accepts, this parser accepts alike.
        #[test]
        fn any_text(text in "[ \\t\\n\\r\\[\\]{}:,\"a-z0-9.eE+\\-\\\\/]{0,40}|\\PC{0,40}") {
            let ours = parse(&text);
            if let Ok(theirs) = serde_json::from_str::<serde_json::Value>(&text) {
                let ours = ours.expect("JSON serde_json reads").expect("a value");
                proptest::prop_assert!(same_shape(ours.root(), &theirs), "{text:?}");
            }
        }

        /// The fast reader reads every document serde_json writes, to the exact reader's tree.
        #[test]
        fn fast_reads_what_serde_json_writes(value in arb_json()) {
            for text in [value.to_string(), serde_json::to_string_pretty(&value).expect("serializable")] {
                let fast = fast::read(&text);
                proptest::prop_assert!(fast.is_some(), "{text:?}");
                proptest::prop_assert_eq!(exact::parse(&text), Ok(fast));
            }
        }

        /// On any text, the fast reader accepts only what Jackson accepts, read to the same
        /// tree: near-JSON, JSON with edits, JSON-like token soup and arbitrary text.
        #[test]
        fn fast_agrees_with_exact(
            text in prop_oneof![4 => near_json(), 1 => edited_json(), 1 => token_soup(), 1 => any::<String>()]
        ) {
            if let Some(fast) = fast::read(&text) {
                proptest::prop_assert_eq!(exact::parse(&text), Ok(Some(fast)), "{:?}", text);
            }
        }
    }

    /// Pieces of JSON and of what Jackson refuses or reads in its own way.
    const PIECES: &[&str] = &[
        "\"",
        "\\",
        "{",
        "}",
        "[",
        "]",
        ":",
        ",",
        " ",
        "\n",
        "\r",
        "\t",
        "0",
        "-",
        "1",
        "9",
        ".",
        "e",
        "E",
        "+",
        "00",
        "-0",
        "1e5",
        "true",
        "false",
        "null",
        "tru",
        "nulls",
        "a",
        "$",
        "_",
        "\u{0}",
        "\u{1f}",
        "\u{7f}",
        "é",
        "😀",
        "\u{85}",
        "\u{200b}",
        "\u{feff}",
        "/",
        "*",
        "'",
        "\\u",
        "\\ud83d",
        "\\ude00",
        "\\u00e9",
        "\\n",
        "\\x",
        "\\/",
        "NaN",
        "Infinity",
        "-Infinity",
        "\"a\":",
        "\"k\": 1,",
    ];

    /// Near-JSON: documents of tokens that are mostly right and sometimes one of their odd
    /// or wrong variants, with white space of every kind, then any text after the root.
    fn near_json() -> impl Strategy<Value = String> {
        fn pick(right: &'static [&'static str], odd: &'static [&'static str]) -> BoxedStrategy<String> {
            let right = proptest::sample::select(right).prop_map(str::to_owned);
            let odd = proptest::sample::select(odd).prop_map(str::to_owned);
            prop_oneof![24 => right, 1 => odd].boxed()
        }
        let number = || {
            pick(
                &[
                    "0", "-0", "7", "12", "-3.25", "0.5", "1e5", "1E-5", "2.5e+3", "-0e0", "10.0",
                ],
                &[
                    "01",
                    "-01",
                    "00",
                    "1.",
                    ".5",
                    "1e",
                    "1e+",
                    "-",
                    "+1",
                    "1.x",
                    "0x1",
                    "1.5.2",
                    "-a",
                    "9999999999999999999999",
                ],
            )
        };
        let word = || {
            pick(
                &["true", "false", "null"],
                &[
                    "tru", "truex", "nul", "nullnull", "True", "true1", "false_", "null$", "nullé",
                ],
            )
        };
        let string = || {
            pick(
                &[
                    r#""a""#,
                    r#""""#,
                    r#""\u00e9""#,
                    r#""\ud83d\ude00""#,
                    r#""\"\\\/\b\f\n\r\t""#,
                    "\"é😀\u{7f}\u{85}\"",
                    r#""\ud83d""#,
                    r#""x\ud83dy""#,
                    r#""\ude00\ud83d""#,
                    r#""\ud83d\u0041""#,
                ],
                &[
                    r#""\x""#,
                    r#""\u12g4""#,
                    r#""\u12"#,
                    "\"a\tb\"",
                    "\"a\nb\"",
                    "\"abc",
                    r#""\"#,
                    "\"\u{0}\"",
                    "'a'",
                    r#""\uD83D\uDE00""#,
                    "\"\\n\u{1f}\"",
                    "\"\\u0041\u{10}\"",
                ],
            )
        };
        let space = || {
            pick(
                &["", "", " ", "\n  ", "\r\n", "\t"],
                &["\u{0}", "\u{a0}", "/*c*/", "//c\n", "\u{feff}", "\r", "\u{b}"],
            )
        };
        let comma = || pick(&[","], &[",,", "", ";", ", ,"]);
        let colon = || pick(&[":"], &["", "::", "="]);
        let leaf = prop_oneof![number(), word(), string()];
        let tree = leaf.clone().prop_recursive(4, 24, 4, move |inner| {
            let element = (space(), inner.clone(), space()).prop_map(|(a, v, b)| format!("{a}{v}{b}"));
            let member = (space(), string(), space(), colon(), space(), inner, space())
                .prop_map(|(a, k, b, c, d, v, e)| format!("{a}{k}{b}{c}{d}{v}{e}"));
            let join = |items: Vec<String>, commas: Vec<String>| {
                let mut out = String::new();
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(&commas[i % commas.len()]);
                    }
                    out.push_str(item);
                }
                out
            };
            prop_oneof![
                (
                    proptest::collection::vec(element, 0..5),
                    proptest::collection::vec(comma(), 1..3),
                    pick(&["]"], &["}", "", ",]", "]]"]),
                    space()
                )
                    .prop_map(move |(items, commas, end, s)| format!("[{s}{}{end}", join(items, commas))),
                (
                    proptest::collection::vec(member, 0..5),
                    proptest::collection::vec(comma(), 1..3),
                    pick(&["}"], &["]", "", ",}", "}}"]),
                    space()
                )
                    .prop_map(move |(items, commas, end, s)| format!("{{{s}{}{end}", join(items, commas))),
            ]
        });
        let after = proptest::sample::select(
            &[
                "", " ", "\n", " x", "x", "]", "}", "0", ",", "[", "é", "\u{0}", "_", "$", ":", "\"", "1", "\r",
            ][..],
        );
        (space(), prop_oneof![leaf, tree], after).prop_map(|(before, value, after)| format!("{before}{value}{after}"))
    }

    /// Text made of [`PIECES`].
    fn token_soup() -> impl Strategy<Value = String> {
        proptest::collection::vec(proptest::sample::select(PIECES), 0..40).prop_map(|pieces| pieces.concat())
    }

    /// A JSON document, compact or pretty, with up to three edits: a byte removed, a piece
    /// inserted or put in place of a few bytes, or the rest cut off.
    fn edited_json() -> impl Strategy<Value = String> {
        let edit = (
            any::<proptest::sample::Index>(),
            0..4u8,
            proptest::sample::select(PIECES),
            1..8usize,
        );
        (arb_json(), any::<bool>(), proptest::collection::vec(edit, 1..4)).prop_map(|(value, pretty, edits)| {
            let text = if pretty {
                serde_json::to_string_pretty(&value).expect("serializable")
            } else {
                value.to_string()
            };
            let mut bytes = text.into_bytes();
            for (at, kind, piece, len) in edits {
                let at = at.index(bytes.len() + 1);
                let end = (at + len).min(bytes.len());
                match kind {
                    0 if at < bytes.len() => drop(bytes.remove(at)),
                    1 => drop(bytes.splice(at..at, piece.bytes())),
                    2 => drop(bytes.splice(at..end, piece.bytes())),
                    _ => bytes.truncate(at),
                }
            }
            String::from_utf8_lossy(&bytes).into_owned()
        })
    }

    #[test]
    fn recorded_unrecognized_token() {
        let e = err("not a definition");
        assert_eq!(
            e.detail(),
            "Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')"
        );
        assert_eq!(
            e.location(),
            Some("[Source: (String)\"not a definition\"; line: 1, column: 4]")
        );
        assert_eq!(
            e.message(),
            "Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')\n at [Source: (String)\"not a definition\"; line: 1, column: 4]"
        );
        assert_eq!(
            err("not some json").detail(),
            "Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')"
        );
    }

    #[test]
    fn recorded_single_quote() {
        let e = err("{'not': 'json'");
        assert_eq!(
            e.detail(),
            "Unexpected character (''' (code 39)): was expecting double-quote to start field name"
        );
        assert_eq!(
            e.location(),
            Some("[Source: (String)\"{'not': 'json'\"; line: 1, column: 3]")
        );
    }

    #[test]
    fn no_value() {
        assert_eq!(parse(""), Ok(None));
        assert_eq!(parse(" \n\t\r\n "), Ok(None));
    }

    #[test]
    fn reads_values_and_stops_after_the_first() {
        let doc = ok(r#" {"a": [1, -2.5e3, true, false, null, "x\u00e9\n"], "b": {}} trailing"#);
        let Value::Object(o) = doc.root() else { panic!("object") };
        let Some(Value::Array(items)) = o.get("a") else {
            panic!("array")
        };
        assert_eq!(
            items.iter().collect::<Vec<_>>(),
            vec![
                Value::Number("1"),
                Value::Number("-2.5e3"),
                Value::Bool(true),
                Value::Bool(false),
                Value::Null,
                Value::String("xé\n"),
            ]
        );
        assert_eq!(ok("\"abc\"").root(), Value::String("abc"));
        assert_eq!(ok("12 x").root(), Value::Number("12"));
        assert_eq!(ok("0").root(), Value::Number("0"));
        assert_eq!(ok("-0.5").root(), Value::Number("-0.5"));
        assert_eq!(ok("1e5\n").root(), Value::Number("1e5"));
    }

    #[test]
    fn duplicate_keys_read_as_jackson() {
        let doc = ok(r#"{"a": 1, "b": 2, "a": 3}"#);
        let Value::Object(o) = doc.root() else { panic!() };
        assert_eq!(o.get("a"), Some(Value::Number("3")));
        let entries: Vec<_> = o.entries().collect();
        assert_eq!(entries, vec![("a", Value::Number("3")), ("b", Value::Number("2"))]);
        assert_eq!(
            format!("{o:?}"),
            r#"{"a": Number("1"), "b": Number("2"), "a": Number("3")}"#
        );
        let many: String = (0..40).map(|i| format!("\"k{}\": {i},", i % 30)).collect();
        let text = format!("{{{many} \"z\": 0}}");
        let doc = ok(&text);
        let Value::Object(o) = doc.root() else { panic!() };
        assert_eq!(o.entries().count(), 31);
        assert_eq!(o.get("k0"), Some(Value::Number("30")));
    }

    #[test]
    fn surrogate_escapes() {
        assert_eq!(ok(r#""\ud83d\ude00""#).root(), Value::String("😀"));
        assert_eq!(ok(r#""\ud83d!""#).root(), Value::String("\u{FFFD}!"));
    }

    #[test]
    fn unterminated_containers() {
        assert_eq!(
            err("{").message(),
            "Unexpected end-of-input: expected close marker for Object (start marker at [Source: (String)\"{\"; line: 1, column: 1])\n at [Source: (String)\"{\"; line: 1, column: 2]"
        );
        assert_eq!(
            err("[1, 2").detail(),
            "Unexpected end-of-input: expected close marker for Array (start marker at [Source: (String)\"[1, 2\"; line: 1, column: 1])"
        );
        let e = err("{\n  \"a\": [");
        assert_eq!(
            e.detail(),
            "Unexpected end-of-input: expected close marker for Array (start marker at [Source: (String)\"{\n  \"a\": [\"; line: 2, column: 8])"
        );
        assert_eq!(
            e.location(),
            Some("[Source: (String)\"{\n  \"a\": [\"; line: 2, column: 9]")
        );
    }

    #[test]
    fn strings() {
        assert_details(&[
            (
                "{\"a\": \"x",
                "Unexpected end-of-input: was expecting closing quote for a string value",
            ),
            (
                "{\"a\tb\": 1}",
                "Illegal unquoted character ((CTRL-CHAR, code 9)): has to be escaped using backslash to be included in name",
            ),
            ("{\"ab", "Unexpected end-of-input in field name"),
            (r#""\x""#, "Unrecognized character escape 'x' (code 120)"),
            (
                r#""\u12g4""#,
                "Unexpected character ('g' (code 103)): expected a hex-digit for character escape sequence",
            ),
            ("\"\\", "Unexpected end-of-input in character escape sequence"),
        ]);
        let e = err("\"a\nb\"");
        assert_eq!(
            e.detail(),
            "Illegal unquoted character ((CTRL-CHAR, code 10)): has to be escaped using backslash to be included in string value"
        );
        assert_eq!(e.location(), Some("[Source: (String)\"\"a\nb\"\"; line: 1, column: 4]"));
    }

    #[test]
    fn structure() {
        assert_details(&[
            (
                r#"{"a" 1}"#,
                "Unexpected character ('1' (code 49)): was expecting a colon to separate field name and value",
            ),
            (
                r#"{"a": 1 "b": 2}"#,
                "Unexpected character ('\"' (code 34)): was expecting comma to separate Object entries",
            ),
            (
                "[1 2]",
                "Unexpected character ('2' (code 50)): was expecting comma to separate Array entries",
            ),
            (
                r#"{"a": 1,}"#,
                "Unexpected character ('}' (code 125)): was expecting double-quote to start field name",
            ),
            (
                "[1,]",
                "Unexpected character (']' (code 93)): expected a valid value (JSON String, Number, Array, Object or token 'null', 'true' or 'false')",
            ),
            (r#"{"a": }"#, "Unexpected character ('}' (code 125)): expected a value"),
            (
                "]",
                "Unexpected close marker ']': expected '}' (for root starting at [Source: (String)\"]\"; line: 1, column: 0])",
            ),
            (r#"{"a": 1,"#, "Unexpected end-of-input within/between Object entries"),
            (r#"{"a""#, "Unexpected end-of-input within/between Object entries"),
            (
                "// c\n{}",
                "Unexpected character ('/' (code 47)): maybe a (non-standard) comment? (not recognized as one since Feature 'ALLOW_COMMENTS' not enabled for parser)",
            ),
            (
                "\u{1}{}",
                "Illegal character ((CTRL-CHAR, code 1)): only regular white space (\\r, \\n, \\t) is allowed between tokens",
            ),
            (
                "'x'",
                "Unexpected character (''' (code 39)): expected a valid value (JSON String, Number, Array, Object or token 'null', 'true' or 'false')",
            ),
            (
                "[truex]",
                "Unrecognized token 'truex': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')",
            ),
            (
                "nul",
                "Unrecognized token 'nul': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')",
            ),
        ]);
        assert_eq!(
            err("[}").message(),
            "Unexpected close marker '}': expected ']' (for Array starting at [Source: (String)\"[}\"; line: 1, column: 1])\n at [Source: (String)\"[}\"; line: 1, column: 3]"
        );
    }

    #[test]
    fn numbers() {
        assert_details(&[
            ("01", "Invalid numeric value: Leading zeroes not allowed"),
            (
                "[1.x]",
                "Unexpected character ('x' (code 120)) in numeric value: Decimal point not followed by a digit",
            ),
            (
                "[1ex]",
                "Unexpected character ('x' (code 120)) in numeric value: Exponent indicator not followed by a digit",
            ),
            (
                "[-x]",
                "Unexpected character ('x' (code 120)) in numeric value: expected digit (0-9) to follow minus sign, for valid numeric value",
            ),
            (
                "[+1]",
                "Unexpected character ('+' (code 43)) in numeric value: JSON spec does not allow numbers to have plus signs: enable `JsonReadFeature.ALLOW_LEADING_PLUS_SIGN_FOR_NUMBERS` to allow",
            ),
            (
                "[NaN]",
                "Non-standard token 'NaN': enable `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS` to allow",
            ),
            (
                "1x",
                "Unexpected character ('x' (code 120)): Expected space separating root-level values",
            ),
        ]);
        assert_eq!(
            err("[01]").location(),
            Some("[Source: (String)\"[01]\"; line: 1, column: 3]")
        );
        let long = format!("[{}]", "9".repeat(1001));
        let e = err(&long);
        assert_eq!(e.detail(), "Number length (1001) exceeds the maximum length (1000)");
        assert_eq!(e.location(), None);
        assert_eq!(e.message(), "Number length (1001) exceeds the maximum length (1000)");
        assert!(parse(&format!("[{}]", "9".repeat(1000))).is_ok());
    }

    #[test]
    fn depth_limit() {
        let ok_depth = format!("{}{}", "[".repeat(1000), "]".repeat(1000));
        assert!(parse(&ok_depth).is_ok());
        let e = err(&format!("{}{}", "[".repeat(1001), "]".repeat(1001)));
        assert_eq!(
            e.detail(),
            "Depth (1001) exceeds the maximum allowed nesting depth (1000)"
        );
        assert_eq!(e.location(), None);
        let deep = "{\"a\":".repeat(100_000);
        assert_eq!(
            err(&deep).detail(),
            "Depth (1001) exceeds the maximum allowed nesting depth (1000)"
        );
    }

    #[test]
    fn source_is_truncated_and_escaped() {
        let text = format!("x{}", " ".repeat(600));
        assert_eq!(
            err(&text).location(),
            Some(
                format!(
                    "[Source: (String)\"x{}\"[truncated 101 chars]; line: 1, column: 2]",
                    " ".repeat(499)
                )
                .as_str()
            )
        );
        let big = format!("{{\"a\": {}", " ".repeat(40_000));
        assert_eq!(
            err(&big).location(),
            Some("[Source: (StringReader); line: 1, column: 40007]")
        );
        assert_eq!(
            err("\"\u{7}").location(),
            Some("[Source: (String)\"\"\\u0007\"; line: 1, column: 3]")
        );
    }

    #[test]
    fn columns_count_utf16_units_and_lines() {
        let e = err("[\"é😀\", x]");
        assert_eq!(
            e.location(),
            Some("[Source: (String)\"[\"é😀\", x]\"; line: 1, column: 10]")
        );
        let e = err("{\r\n\"a\":\r\n x}");
        assert_eq!(
            e.location(),
            Some("[Source: (String)\"{\r\n\"a\":\r\n x}\"; line: 3, column: 3]")
        );
        let e = err("[😀]");
        assert_eq!(
            e.detail(),
            "Unexpected character ('\u{FFFD}' (code 55357 / 0xd83d)): expected a valid value (JSON String, Number, Array, Object or token 'null', 'true' or 'false')"
        );
        assert_eq!(e.location(), Some("[Source: (String)\"[😀]\"; line: 1, column: 3]"));
        let e = err("[ü]");
        assert_eq!(
            e.detail(),
            "Unrecognized token 'ü': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')"
        );
    }
}
