//! Valid Amazon States Language definitions: random graphs of states of every type, nested
//! Parallel and Map containers, both query languages, Choice rules, Retry and Catch, paths,
//! payload templates, intrinsic functions, JSONata expressions and variables.
//!
//! Every definition is valid as AWS checks it: state names are unique across all nesting, every
//! transition stays inside its container, every state is reachable from `StartAt`, each container
//! has a terminal state, and each state holds only the fields of its type and query language.
//! [`definition`] is valid for a `STANDARD` state machine; [`express_definition`] for both types
//! (no `.sync` or `.waitForTaskToken` integrations, activities or distributed Maps).
//!
//! ```
//! use proptest::prelude::*;
//! use sfn_registry::dto::{StateMachineType, ValidateStateMachineDefinitionInput, ValidateStateMachineDefinitionResultCode};
//! use sfn_registry::strategies::asl;
//! use sfn_registry::{InMemoryRegistry, Registry};
//!
//! proptest! {
//!     #![proptest_config(ProptestConfig::with_cases(16))]
//!     fn generated_definitions_are_accepted(definition in asl::definition()) {
//!         let registry = InMemoryRegistry::new();
//!         let input = ValidateStateMachineDefinitionInput::new(definition.to_string());
//!         let output = registry.validate_state_machine_definition(input).unwrap();
//!         prop_assert_eq!(output.result, ValidateStateMachineDefinitionResultCode::Ok);
//!     }
//! }
//! # generated_definitions_are_accepted();
//! ```

use std::collections::BTreeSet;

use proptest::collection::vec;
use proptest::option;
use proptest::prelude::*;
use proptest::sample::select;
use serde_json::{Map, Value, json};

/// A definition valid as a `STANDARD` state machine's.
pub fn definition() -> impl Strategy<Value = Value> {
    definition_of(Flavor::Standard)
}

/// A definition valid as both an `EXPRESS` and a `STANDARD` state machine's.
pub fn express_definition() -> impl Strategy<Value = Value> {
    definition_of(Flavor::Express)
}

/// Which state machine type the definition must suit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Flavor {
    Standard,
    Express,
}

/// A query language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Lang {
    JsonPath,
    Jsonata,
}

/// How deep containers nest (a container at depth `MAX_DEPTH` holds no container).
const MAX_DEPTH: u32 = 3;

// Placeholders the generators leave for `resolve` to fill in once every state's place is known.
/// A state's name: an index into [`NAMES`].
const NAME: &str = "__name";
/// `"Next": null` on a state: the next state of its container. A number on a Choice rule or
/// catcher: any state of the container (modulo its size).
const NEXT: &str = "Next";
/// `"Default": true|false` on a Choice: whether the next state is its `Default` or its first rule's.
const DEFAULT: &str = "Default";
/// A Map's `Label`: made unique.
const LABEL: &str = "Label";

/// State names: spaces, punctuation, non-ASCII letters. `resolve` makes each one unique.
const NAMES: &[&str] = &[
    "Start",
    "Pass One",
    "Check order",
    "Is it done?",
    "Send email (SNS)",
    "Done & dusted!",
    "step_1",
    "a.b-c",
    "Überprüfen",
    "注文を処理する",
    "Обработка",
    "Ω",
    "🚀 Launch",
    "States",
    "Next",
    "$.not.a.path",
    "x",
];

fn definition_of(flavor: Flavor) -> impl Strategy<Value = Value> {
    prop_oneof![3 => Just(Lang::JsonPath), 2 => Just(Lang::Jsonata)].prop_flat_map(move |top| {
        (
            machine(flavor, top, 0),
            option::of(comment()),
            option::of(1u32..=300),
            any::<bool>(),
            any::<bool>(),
        )
            .prop_map(move |(states, comment, timeout, explicit_language, version)| {
                let mut doc = Map::new();
                if let Some(comment) = comment {
                    doc.insert("Comment".into(), json!(comment));
                }
                if version {
                    doc.insert("Version".into(), json!("1.0"));
                }
                if let Some(timeout) = timeout {
                    doc.insert("TimeoutSeconds".into(), json!(timeout));
                }
                if top == Lang::Jsonata || explicit_language {
                    doc.insert("QueryLanguage".into(), json!(language_name(top)));
                }
                let mut names = Names::default();
                let (start, states) = resolve(states, &mut names);
                doc.insert("StartAt".into(), json!(start));
                doc.insert("States".into(), Value::Object(states));
                Value::Object(doc)
            })
    })
}

fn language_name(lang: Lang) -> &'static str {
    match lang {
        Lang::JsonPath => "JSONPath",
        Lang::Jsonata => "JSONata",
    }
}

/// The states of one container, placeholders unresolved: a few states that move on, then one
/// that ends it.
fn machine(flavor: Flavor, top: Lang, depth: u32) -> BoxedStrategy<Vec<Value>> {
    let middle = vec(state(flavor, top, depth, false), 0..=(4 - depth as usize));
    (middle, state(flavor, top, depth, true))
        .prop_map(|(mut states, last)| {
            states.push(last);
            states
        })
        .boxed()
}

/// One state. `last` states end their container; the others have a next state.
fn state(flavor: Flavor, top: Lang, depth: u32, last: bool) -> BoxedStrategy<Value> {
    let language = match top {
        Lang::Jsonata => Just((Lang::Jsonata, false)).boxed(),
        Lang::JsonPath => prop_oneof![
            6 => Just((Lang::JsonPath, false)),
            1 => Just((Lang::JsonPath, true)),
            3 => Just((Lang::Jsonata, true)),
        ]
        .boxed(),
    };
    let containers = depth < MAX_DEPTH;
    (language, any::<u8>(), option::of(comment()))
        .prop_flat_map(move |((lang, explicit), name, comment)| {
            let mut kinds: Vec<(u32, BoxedStrategy<Value>)> =
                vec![(3, pass(lang)), (4, task(flavor, lang)), (2, wait(lang))];
            if last {
                kinds.push((1, succeed(lang)));
                kinds.push((1, fail(lang)));
            } else {
                kinds.push((3, choice(lang)));
            }
            if containers {
                kinds.push((1, parallel(flavor, top, lang, depth)));
                kinds.push((1, map(flavor, top, lang, depth)));
            }
            let kinds = proptest::strategy::Union::new_weighted(kinds);
            kinds.prop_map(move |body| {
                let mut body = body.as_object().cloned().unwrap_or_default();
                body.insert(NAME.into(), json!(name));
                if explicit {
                    body.insert("QueryLanguage".into(), json!(language_name(lang)));
                }
                if let Some(comment) = &comment {
                    body.insert("Comment".into(), json!(comment));
                }
                let kind = body["Type"].as_str().unwrap_or_default().to_owned();
                if !matches!(kind.as_str(), "Choice" | "Succeed" | "Fail") {
                    if last {
                        body.insert("End".into(), json!(true));
                    } else {
                        body.insert(NEXT.into(), Value::Null);
                    }
                }
                Value::Object(body)
            })
        })
        .boxed()
}

// ---------------------------------------------------------------------------------------------
// Values
// ---------------------------------------------------------------------------------------------

/// One of these strings.
fn one_of(options: &'static [&'static str]) -> BoxedStrategy<String> {
    select(options).prop_map(String::from).boxed()
}

fn comment() -> BoxedStrategy<String> {
    one_of(&[
        "A comment.",
        "Ünïcödé — comment",
        "$.looks.like.a.path",
        "{% not evaluated %}",
    ])
}

/// A JSONPath as `InputPath`, `OutputPath`, `ItemsPath` and `.$` values take it.
fn path() -> BoxedStrategy<String> {
    one_of(&[
        "$",
        "$.a",
        "$.order.id",
        "$.items[0]",
        "$.items[*].price",
        "$['odd key'].value",
        "$.a.b.c",
        "$$.Execution.Id",
        "$$.Execution.Input.x",
        "$$.State.Name",
        "$$.StateMachine.Id",
        "$total",
        "$cfg.limit",
        "$.list[-1:]",
        "$..id",
        "$.xs[?(@.n > 2)]",
        "$.xs[0:2]",
    ])
}

/// A reference path naming one node, as `Variable`, `ItemsPath`, the `…Path` comparisons and the
/// `…Path` numbers take it: input, context object or variable.
fn reference() -> BoxedStrategy<String> {
    one_of(&[
        "$",
        "$.a",
        "$.order.id",
        "$.items[0]",
        "$['odd key'].value",
        "$.a.b.c",
        "$$.Execution.Id",
        "$$.Execution.Input.x",
        "$$.State.Name",
        "$total",
        "$cfg.limit",
    ])
}

/// A reference path into the input, as `ResultPath` takes it.
fn reference_path() -> BoxedStrategy<String> {
    one_of(&["$", "$.a", "$.result", "$.out.deep", "$.items[0]", "$['k k']"])
}

/// A path usable as an integer (`SecondsPath`, `TimeoutSecondsPath`, …).
fn number_path() -> BoxedStrategy<String> {
    one_of(&["$.n", "$.limits.seconds", "$cfg.limit", "$$.Execution.Input.delay"])
}

/// An intrinsic function call, nested up to `depth` calls deep.
fn intrinsic(depth: u32) -> BoxedStrategy<String> {
    let argument_path = prop_oneof![4 => reference(), 1 => Just("$.xs[?(@.n > 2)]".to_owned())];
    let value = if depth == 0 {
        prop_oneof![
            argument_path,
            one_of(&["'text'", "1", "2.5", "true", "null"][..]).prop_map(String::from)
        ]
        .boxed()
    } else {
        prop_oneof![3 => argument_path, 1 => intrinsic(depth - 1)].boxed()
    };
    let string = prop_oneof![
        select(&["'a,b'", "'it\\'s'", "'\\{braces\\}'", "'back\\\\slash'", "'ünï'"][..]).prop_map(String::from),
        reference(),
    ];
    let number = prop_oneof![select(&["1", "-2", "10"][..]).prop_map(String::from), number_path()];
    let format = (
        select(
            &[
                "'{}'",
                "'Hello, {}!'",
                "'{} and {}'",
                "'no placeholders'",
                "'esc \\{ {} \\}'",
            ][..],
        ),
        vec(value.clone(), 2),
    )
        .prop_map(|(template, args)| {
            let count = template.matches("{}").count();
            let mut call = format!("States.Format({template}");
            for arg in args.iter().take(count) {
                call.push_str(", ");
                call.push_str(arg);
            }
            call.push(')');
            call
        });
    prop_oneof![
        format,
        Just("States.UUID()".to_owned()),
        value.clone().prop_map(|v| format!("States.StringToJson({v})")),
        value.clone().prop_map(|v| format!("States.JsonToString({v})")),
        vec(value.clone(), 0..3).prop_map(|args| format!("States.Array({})", args.join(", "))),
        (value.clone(), number.clone()).prop_map(|(a, n)| format!("States.ArrayPartition({a}, {n})")),
        (value.clone(), value.clone()).prop_map(|(a, v)| format!("States.ArrayContains({a}, {v})")),
        (number.clone(), number.clone(), number.clone())
            .prop_map(|(a, b, c)| format!("States.ArrayRange({a}, {b}, {c})")),
        (value.clone(), number.clone()).prop_map(|(a, n)| format!("States.ArrayGetItem({a}, {n})")),
        value.clone().prop_map(|v| format!("States.ArrayLength({v})")),
        value.clone().prop_map(|v| format!("States.ArrayUnique({v})")),
        string.clone().prop_map(|v| format!("States.Base64Encode({v})")),
        string.clone().prop_map(|v| format!("States.Base64Decode({v})")),
        (
            value.clone(),
            select(&["'MD5'", "'SHA-1'", "'SHA-256'", "'SHA-384'", "'SHA-512'"][..])
        )
            .prop_map(|(v, a)| format!("States.Hash({v}, {a})")),
        (value.clone(), value.clone()).prop_map(|(a, b)| format!("States.JsonMerge({a}, {b}, false)")),
        (number.clone(), number.clone(), option::of(number.clone())).prop_map(|(a, b, seed)| match seed {
            Some(seed) => format!("States.MathRandom({a}, {b}, {seed})"),
            None => format!("States.MathRandom({a}, {b})"),
        }),
        (number.clone(), number).prop_map(|(a, b)| format!("States.MathAdd({a}, {b})")),
        (string.clone(), string).prop_map(|(s, d)| format!("States.StringSplit({s}, {d})")),
    ]
    .boxed()
}

/// A JSONata expression string (with its `{% %}` delimiters).
fn jsonata() -> BoxedStrategy<String> {
    one_of(&[
        "{% $states.input %}",
        "{% $states.input.a %}",
        "{% $states.input.n + 1 %}",
        "{% $count($states.input.xs) %}",
        "{% $states.input.name & '!' %}",
        "{% $states.context.Execution.Name %}",
        "{% $uppercase($states.input.s) %}",
        "{% [1, 2, 3] %}",
        "{% {'k': $states.input.a} %}",
        "{% $total %}",
        "{% $states.input.xs[price > 10].name %}",
        "{% $exists($states.input.a) ? 1 : 0 %}",
        "{% $map($states.input.xs, function($v) { $v * 2 }) %}",
        "{% $partition($states.input.xs, 2) %}",
        "{% $uuid() %}",
    ])
}

/// A JSONata expression yielding a boolean, or a boolean.
fn condition() -> BoxedStrategy<Value> {
    prop_oneof![
        select(
            &[
                "{% $states.input.a > 1 %}",
                "{% $states.input.ok = true %}",
                "{% $exists($states.input.x) %}",
                "{% $total >= 10 and $states.input.b %}",
                "{% $states.input.kind in ['a', 'b'] %}",
                "{% $not($states.input.done) %}",
            ][..]
        )
        .prop_map(Value::from),
        any::<bool>().prop_map(Value::from),
    ]
    .boxed()
}

/// A JSON literal.
fn literal() -> BoxedStrategy<Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        (-1000i64..1000).prop_map(Value::from),
        select(&[0.5, -2.25, 1e10][..]).prop_map(Value::from),
        select(&["text", "", "$.not.a.path", "ünï ☃"][..]).prop_map(Value::from),
    ];
    leaf.prop_recursive(2, 8, 3, |inner| {
        prop_oneof![
            vec(inner.clone(), 0..3).prop_map(Value::from),
            vec(inner, 0..3).prop_map(|values| {
                Value::Object(
                    values
                        .into_iter()
                        .enumerate()
                        .map(|(i, v)| (format!("lit{i}"), v))
                        .collect(),
                )
            }),
        ]
    })
    .boxed()
}

/// A JSONPath payload template (`Parameters`, `ItemSelector`, `ResultSelector`, `Assign`).
fn template() -> BoxedStrategy<Value> {
    let entry = prop_oneof![
        literal().prop_map(|v| (false, v)),
        path().prop_map(|p| (true, json!(p))),
        intrinsic(1).prop_map(|f| (true, json!(f))),
        (path(), literal()).prop_map(|(p, l)| (false, json!({"inner.$": p, "lit": l, "list": [l, {"deep.$": p}]}))),
    ];
    vec(entry, 0..4)
        .prop_map(|entries| {
            Value::Object(
                entries
                    .into_iter()
                    .enumerate()
                    .map(|(i, (dynamic, v))| (if dynamic { format!("k{i}.$") } else { format!("k{i}") }, v))
                    .collect(),
            )
        })
        .boxed()
}

/// A JSONata value (`Arguments`, `Output`, `Assign` values): an expression or JSON holding some.
fn jsonata_value() -> BoxedStrategy<Value> {
    prop_oneof![
        2 => jsonata().prop_map(Value::from),
        1 => literal(),
        2 => vec(prop_oneof![jsonata().prop_map(Value::from), literal()], 0..4).prop_map(|values| {
            Value::Object(values.into_iter().enumerate().map(|(i, v)| (format!("k{i}"), v)).collect())
        }),
    ]
    .boxed()
}

/// An `Assign` object. `resolve` makes its variable names unique.
fn assign(lang: Lang) -> BoxedStrategy<Value> {
    match lang {
        Lang::JsonPath => template(),
        Lang::Jsonata => vec(prop_oneof![jsonata().prop_map(Value::from), literal()], 1..3)
            .prop_map(|values| {
                Value::Object(
                    values
                        .into_iter()
                        .enumerate()
                        .map(|(i, v)| (format!("v{i}"), v))
                        .collect(),
                )
            })
            .boxed(),
    }
}

/// An integer, or in JSONata sometimes an expression yielding one.
fn integer(lang: Lang, range: std::ops::RangeInclusive<u64>) -> BoxedStrategy<Value> {
    let literal = range.prop_map(Value::from);
    match lang {
        Lang::JsonPath => literal.boxed(),
        Lang::Jsonata => prop_oneof![
            3 => literal,
            1 => select(&["{% $states.input.n %}", "{% 1 + 2 %}"][..]).prop_map(Value::from),
        ]
        .boxed(),
    }
}

/// A timestamp as Wait and the Timestamp comparisons take it.
fn timestamp() -> BoxedStrategy<String> {
    one_of(&[
        "2030-01-01T00:00:00Z",
        "2016-03-14T01:59:00.123Z",
        "2024-02-29T23:59:59+05:30",
        "2020-06-30T12:00:00-08:00",
        "2016-03-05T21:29:29.243167252Z",
    ])
}

/// Builds an object from the fields that are present.
fn object(fields: Vec<(&str, Option<Value>)>) -> Value {
    Value::Object(
        fields
            .into_iter()
            .filter_map(|(k, v)| v.map(|v| (k.to_owned(), v)))
            .collect(),
    )
}

// ---------------------------------------------------------------------------------------------
// States
// ---------------------------------------------------------------------------------------------

/// The input and output fields of a JSONPath state: `InputPath`, `OutputPath` (each maybe
/// `null`) and `Assign`.
fn io_fields() -> BoxedStrategy<Vec<(&'static str, Option<Value>)>> {
    let nullable = || option::of(prop_oneof![4 => path().prop_map(Value::from), 1 => Just(Value::Null)]);
    (nullable(), nullable(), option::of(assign(Lang::JsonPath)))
        .prop_map(|(input, output, assign)| vec![("InputPath", input), ("OutputPath", output), ("Assign", assign)])
        .boxed()
}

/// The input and output fields of a state that has neither results nor arguments (Wait,
/// Choice): the JSONPath [`io_fields`], or JSONata's `Output` and `Assign`.
fn io_or_output(lang: Lang) -> BoxedStrategy<Vec<(&'static str, Option<Value>)>> {
    match lang {
        Lang::JsonPath => io_fields(),
        Lang::Jsonata => (option::of(jsonata_value()), option::of(assign(lang)))
            .prop_map(|(o, a)| vec![("Output", o), ("Assign", a)])
            .boxed(),
    }
}

fn result_path() -> BoxedStrategy<Option<Value>> {
    option::of(prop_oneof![4 => reference_path().prop_map(Value::from), 1 => Just(Value::Null)]).boxed()
}

fn pass(lang: Lang) -> BoxedStrategy<Value> {
    match lang {
        Lang::JsonPath => (
            io_fields(),
            option::of(literal()),
            option::of(template()),
            result_path(),
        )
            .prop_map(|(mut fields, result, parameters, result_path)| {
                fields.extend([
                    ("Type", Some(json!("Pass"))),
                    ("Result", result),
                    ("Parameters", parameters),
                    ("ResultPath", result_path),
                ]);
                object(fields)
            })
            .boxed(),
        Lang::Jsonata => (option::of(jsonata_value()), option::of(assign(lang)))
            .prop_map(|(output, assign)| {
                object(vec![
                    ("Type", Some(json!("Pass"))),
                    ("Output", output),
                    ("Assign", assign),
                ])
            })
            .boxed(),
    }
}

fn succeed(lang: Lang) -> BoxedStrategy<Value> {
    match lang {
        Lang::JsonPath => io_fields()
            .prop_map(|fields| {
                let mut fields: Vec<_> = fields.into_iter().filter(|(k, _)| *k != "Assign").collect();
                fields.push(("Type", Some(json!("Succeed"))));
                object(fields)
            })
            .boxed(),
        Lang::Jsonata => option::of(jsonata_value())
            .prop_map(|output| object(vec![("Type", Some(json!("Succeed"))), ("Output", output)]))
            .boxed(),
    }
}

fn fail(lang: Lang) -> BoxedStrategy<Value> {
    let text = |words: &'static [&'static str]| select(words).prop_map(Value::from);
    match lang {
        Lang::JsonPath => prop_oneof![
            (
                option::of(text(&["Custom.Error", "E42"])),
                option::of(text(&["It broke.", "Ünïcödé cause"]))
            )
                .prop_map(|(e, c)| object(vec![("Type", Some(json!("Fail"))), ("Error", e), ("Cause", c)])),
            (
                option::of(prop_oneof![reference(), intrinsic(1)].prop_map(Value::from)),
                option::of(prop_oneof![reference(), intrinsic(1)].prop_map(Value::from)),
            )
                .prop_map(|(e, c)| object(vec![
                    ("Type", Some(json!("Fail"))),
                    ("ErrorPath", e),
                    ("CausePath", c)
                ])),
        ]
        .boxed(),
        Lang::Jsonata => (
            option::of(prop_oneof![text(&["Custom.Error"]), jsonata().prop_map(Value::from)]),
            option::of(prop_oneof![text(&["It broke."]), jsonata().prop_map(Value::from)]),
        )
            .prop_map(|(e, c)| object(vec![("Type", Some(json!("Fail"))), ("Error", e), ("Cause", c)]))
            .boxed(),
    }
}

fn wait(lang: Lang) -> BoxedStrategy<Value> {
    let how = match lang {
        Lang::JsonPath => prop_oneof![
            (0u64..=99_999_999).prop_map(|s| ("Seconds", json!(s))),
            number_path().prop_map(|p| ("SecondsPath", json!(p))),
            timestamp().prop_map(|t| ("Timestamp", json!(t))),
            reference().prop_map(|p| ("TimestampPath", json!(p))),
        ]
        .boxed(),
        Lang::Jsonata => prop_oneof![
            integer(lang, 0..=99_999_999).prop_map(|s| ("Seconds", s)),
            prop_oneof![timestamp(), Just("{% $states.input.until %}".to_owned())]
                .prop_map(|t| ("Timestamp", json!(t))),
        ]
        .boxed(),
    };
    let io = io_or_output(lang);
    (how, io)
        .prop_map(|((field, value), mut fields)| {
            fields.extend([("Type", Some(json!("Wait"))), (field, Some(value))]);
            object(fields)
        })
        .boxed()
}

/// A Choice state. Its rules' `Next` are numbers for `resolve`; `Default` says whether it has one.
fn choice(lang: Lang) -> BoxedStrategy<Value> {
    let rule = match lang {
        Lang::JsonPath => (
            choice_rule(2),
            any::<u8>(),
            option::of(assign(lang)),
            option::of(comment()),
        )
            .prop_map(|(rule, next, assign, comment)| {
                let mut rule = rule.as_object().cloned().unwrap_or_default();
                rule.insert(NEXT.into(), json!(next));
                if let Some(assign) = assign {
                    rule.insert("Assign".into(), assign);
                }
                if let Some(comment) = comment {
                    rule.insert("Comment".into(), json!(comment));
                }
                Value::Object(rule)
            })
            .boxed(),
        Lang::Jsonata => (
            condition(),
            any::<u8>(),
            option::of(assign(lang)),
            option::of(jsonata_value()),
        )
            .prop_map(|(condition, next, assign, output)| {
                object(vec![
                    ("Condition", Some(condition)),
                    (NEXT, Some(json!(next))),
                    ("Assign", assign),
                    ("Output", output),
                ])
            })
            .boxed(),
    };
    let io = io_or_output(lang);
    (vec(rule, 1..4), any::<bool>(), io)
        .prop_map(|(rules, default, mut fields)| {
            fields.extend([
                ("Type", Some(json!("Choice"))),
                ("Choices", Some(Value::from(rules))),
                (DEFAULT, Some(json!(default))),
            ]);
            object(fields)
        })
        .boxed()
}

/// A JSONPath Choice rule without `Next`: a data test, or `And`/`Or`/`Not` of rules.
fn choice_rule(depth: u32) -> BoxedStrategy<Value> {
    let data = data_test();
    if depth == 0 {
        return data;
    }
    prop_oneof![
        4 => data,
        1 => vec(choice_rule(depth - 1), 1..3).prop_map(|rules| json!({"And": rules})),
        1 => vec(choice_rule(depth - 1), 1..3).prop_map(|rules| json!({"Or": rules})),
        1 => choice_rule(depth - 1).prop_map(|rule| json!({"Not": rule})),
    ]
    .boxed()
}

/// `Variable` and one comparison operator with a value of its kind.
fn data_test() -> BoxedStrategy<Value> {
    let variable = reference();
    const COMPARISONS: &[&str] = &[
        "Equals",
        "LessThan",
        "GreaterThan",
        "LessThanEquals",
        "GreaterThanEquals",
    ];
    let comparisons = COMPARISONS;
    let operator = prop_oneof![
        (select(comparisons), select(&["a", "", "ünï", "*"][..])).prop_map(|(op, v)| (format!("String{op}"), json!(v))),
        (select(comparisons), select(&[0.0, -1.5, 42.0, 1e9][..]))
            .prop_map(|(op, v)| (format!("Numeric{op}"), json!(v))),
        (select(comparisons), timestamp()).prop_map(|(op, v)| (format!("Timestamp{op}"), json!(v))),
        (
            select(&["String", "Numeric", "Timestamp"][..]),
            select(comparisons),
            reference()
        )
            .prop_map(|(family, op, p)| (format!("{family}{op}Path"), json!(p))),
        any::<bool>().prop_map(|b| ("BooleanEquals".to_owned(), json!(b))),
        reference().prop_map(|p| ("BooleanEqualsPath".to_owned(), json!(p))),
        select(&["*.csv", "log-*", "exact", "literal\\*star"][..]).prop_map(|p| ("StringMatches".to_owned(), json!(p))),
        (
            select(
                &[
                    "IsNull",
                    "IsPresent",
                    "IsNumeric",
                    "IsString",
                    "IsBoolean",
                    "IsTimestamp"
                ][..]
            ),
            any::<bool>()
        )
            .prop_map(|(op, b)| (op.to_owned(), json!(b))),
    ];
    (variable, operator)
        .prop_map(|(variable, (op, value))| {
            let mut rule = Map::new();
            rule.insert("Variable".into(), json!(variable));
            rule.insert(op, value);
            Value::Object(rule)
        })
        .boxed()
}

/// A Task resource and its arguments (`Parameters`, or `Arguments` in JSONata).
fn resource(flavor: Flavor, lang: Lang) -> BoxedStrategy<(String, Option<Value>)> {
    let lambda = "arn:aws:lambda:us-east-1:123456789012:function:work";
    let payload = |lang: Lang| match lang {
        Lang::JsonPath => json!({"FunctionName": lambda, "Payload.$": "$"}),
        Lang::Jsonata => json!({"FunctionName": lambda, "Payload": "{% $states.input %}"}),
    };
    let mut choices: Vec<(String, Option<Value>)> = vec![
        (lambda.into(), None),
        (format!("{lambda}:live"), None),
        (format!("{lambda}:7"), None),
        ("arn:aws:states:::lambda:invoke".into(), Some(payload(lang))),
        (
            "arn:aws:states:::sqs:sendMessage".into(),
            Some(json!({"QueueUrl": "https://sqs.us-east-1.amazonaws.com/123456789012/q", "MessageBody": "hello"})),
        ),
        (
            "arn:aws:states:::sns:publish".into(),
            Some(json!({"TopicArn": "arn:aws:sns:us-east-1:123456789012:t", "Message": "hello"})),
        ),
        (
            "arn:aws:states:::dynamodb:getItem".into(),
            Some(json!({"TableName": "T", "Key": {"pk": {"S": "1"}}})),
        ),
        (
            "arn:aws:states:::dynamodb:putItem".into(),
            Some(json!({"TableName": "T", "Item": {"pk": {"S": "1"}}})),
        ),
        (
            "arn:aws:states:::events:putEvents".into(),
            Some(json!({"Entries": [{"Source": "app", "DetailType": "d", "Detail": {}}]})),
        ),
        ("arn:aws:states:::aws-sdk:s3:listBuckets".into(), Some(json!({}))),
        (
            "arn:aws:states:::states:startExecution".into(),
            Some(json!({"StateMachineArn": "arn:aws:states:us-east-1:123456789012:stateMachine:child"})),
        ),
    ];
    if flavor == Flavor::Standard {
        choices.extend([
            ("arn:aws:states:us-east-1:123456789012:activity:review".into(), None),
            (
                "arn:aws:states:::states:startExecution.sync:2".into(),
                Some(json!({"StateMachineArn": "arn:aws:states:us-east-1:123456789012:stateMachine:child"})),
            ),
            (
                "arn:aws:states:::glue:startJobRun.sync".into(),
                Some(json!({"JobName": "etl"})),
            ),
            (
                "arn:aws:states:::sqs:sendMessage.waitForTaskToken".into(),
                Some(json!({"QueueUrl": "https://sqs.us-east-1.amazonaws.com/123456789012/q", "MessageBody": "token"})),
            ),
            (
                "arn:aws:states:::lambda:invoke.waitForTaskToken".into(),
                Some(payload(lang)),
            ),
        ]);
    }
    select(choices).boxed()
}

fn retry(lang: Lang) -> BoxedStrategy<Value> {
    let _ = lang;
    let retrier = (
        select(
            &[
                "States.TaskFailed",
                "States.Timeout",
                "Lambda.ServiceException",
                "Custom.Error",
            ][..],
        ),
        option::of(1u64..=60),
        option::of(0u64..=10),
        option::of(select(&[1.0, 1.5, 2.0, 3.0][..])),
        option::of(1u64..=3600),
        option::of(select(&["FULL", "NONE"][..])),
    )
        .prop_map(|(error, interval, attempts, backoff, max_delay, jitter)| {
            object(vec![
                ("ErrorEquals", Some(json!([error]))),
                ("IntervalSeconds", interval.map(Value::from)),
                ("MaxAttempts", attempts.map(Value::from)),
                ("BackoffRate", backoff.map(Value::from)),
                ("MaxDelaySeconds", max_delay.map(Value::from)),
                ("JitterStrategy", jitter.map(Value::from)),
            ])
        });
    (vec(retrier, 0..3), any::<bool>())
        .prop_map(|(mut retriers, all)| {
            if all {
                retriers.push(json!({"ErrorEquals": ["States.ALL"]}));
            }
            Value::from(retriers)
        })
        .boxed()
}

/// A `Catch` array; each catcher's `Next` is a number for `resolve`.
fn catch(lang: Lang) -> BoxedStrategy<Value> {
    let output = match lang {
        Lang::JsonPath => result_path().prop_map(|p| ("ResultPath", p)).boxed(),
        Lang::Jsonata => option::of(prop_oneof![Just(json!("{% $states.errorOutput %}")), jsonata_value()])
            .prop_map(|o| ("Output", o))
            .boxed(),
    };
    let catcher = (
        select(
            &[
                "States.TaskFailed",
                "States.Timeout",
                "Custom.Error",
                "States.Permissions",
            ][..],
        ),
        any::<u8>(),
        output,
        option::of(assign(lang)),
    )
        .prop_map(|(error, next, (key, value), assign)| {
            object(vec![
                ("ErrorEquals", Some(json!([error]))),
                (NEXT, Some(json!(next))),
                (key, value),
                ("Assign", assign),
            ])
        });
    (vec(catcher, 0..2), option::of(any::<u8>()))
        .prop_map(|(mut catchers, all)| {
            if let Some(next) = all {
                catchers.push(json!({"ErrorEquals": ["States.ALL"], NEXT: next}));
            }
            Value::from(catchers)
        })
        .boxed()
}

/// The fields every state with a result has: paths (JSONPath) or `Output` (JSONata), `Assign`,
/// `Retry` and `Catch`.
fn result_fields(lang: Lang) -> BoxedStrategy<Vec<(&'static str, Option<Value>)>> {
    let errors = (option::of(retry(lang)), option::of(catch(lang)));
    match lang {
        Lang::JsonPath => (io_fields(), option::of(template()), result_path(), errors)
            .prop_map(|(mut fields, selector, result_path, (retry, catch))| {
                fields.extend([
                    ("ResultSelector", selector),
                    ("ResultPath", result_path),
                    ("Retry", retry),
                    ("Catch", catch),
                ]);
                fields
            })
            .boxed(),
        Lang::Jsonata => (
            option::of(prop_oneof![Just(json!("{% $states.result %}")), jsonata_value()]),
            option::of(assign(lang)),
            errors,
        )
            .prop_map(|(output, assign, (retry, catch))| {
                vec![
                    ("Output", output),
                    ("Assign", assign),
                    ("Retry", retry),
                    ("Catch", catch),
                ]
            })
            .boxed(),
    }
}

fn task(flavor: Flavor, lang: Lang) -> BoxedStrategy<Value> {
    let timing = match lang {
        Lang::JsonPath => prop_oneof![
            Just((None, None)),
            (2u64..=99_999_999)
                .prop_flat_map(|t| (Just(t), option::of(1..t)))
                .prop_map(|(t, h)| (
                    Some(("TimeoutSeconds", json!(t))),
                    h.map(|h| ("HeartbeatSeconds", json!(h)))
                )),
            (number_path(), number_path()).prop_map(|(t, h)| (
                Some(("TimeoutSecondsPath", json!(t))),
                Some(("HeartbeatSecondsPath", json!(h)))
            )),
        ]
        .boxed(),
        Lang::Jsonata => prop_oneof![
            Just((None, None)),
            (2u64..=3600).prop_map(|t| (
                Some(("TimeoutSeconds", json!(t))),
                Some(("HeartbeatSeconds", json!(t - 1)))
            )),
            Just((Some(("TimeoutSeconds", json!("{% $states.input.timeout %}"))), None)),
        ]
        .boxed(),
    };
    let credentials = option::of(match lang {
        Lang::JsonPath => prop_oneof![
            Just(json!({"RoleArn": "arn:aws:iam::111122223333:role/cross"})),
            prop_oneof![reference(), intrinsic(0)].prop_map(|p| json!({"RoleArn.$": p})),
        ]
        .boxed(),
        Lang::Jsonata => prop_oneof![
            Just(json!({"RoleArn": "arn:aws:iam::111122223333:role/cross"})),
            Just(json!({"RoleArn": "{% $states.input.role %}"})),
        ]
        .boxed(),
    });
    (
        resource(flavor, lang),
        result_fields(lang),
        timing,
        credentials,
        option::of(template()),
    )
        .prop_map(
            move |((resource, arguments), mut fields, (timeout, heartbeat), credentials, parameters)| {
                fields.push(("Type", Some(json!("Task"))));
                fields.push(("Resource", Some(json!(resource))));
                let arguments = match lang {
                    // Plain Lambda ARNs and activities take any payload; integrations take theirs.
                    Lang::JsonPath => arguments.or(parameters),
                    Lang::Jsonata => arguments,
                };
                let key = if lang == Lang::JsonPath {
                    "Parameters"
                } else {
                    "Arguments"
                };
                fields.push((key, arguments));
                fields.extend(timeout.map(|(k, v)| (k, Some(v))));
                fields.extend(heartbeat.map(|(k, v)| (k, Some(v))));
                if resource.starts_with("arn:aws:states:::") {
                    fields.push(("Credentials", credentials));
                }
                object(fields)
            },
        )
        .boxed()
}

fn parallel(flavor: Flavor, top: Lang, lang: Lang, depth: u32) -> BoxedStrategy<Value> {
    let arguments = match lang {
        Lang::JsonPath => option::of(template()).prop_map(|p| ("Parameters", p)).boxed(),
        Lang::Jsonata => option::of(jsonata_value()).prop_map(|a| ("Arguments", a)).boxed(),
    };
    let branch = machine(flavor, top, depth + 1).prop_map(|states| json!({"States": states}));
    (vec(branch, 1..3), result_fields(lang), arguments)
        .prop_map(|(branches, mut fields, (key, arguments))| {
            fields.extend([
                ("Type", Some(json!("Parallel"))),
                ("Branches", Some(Value::from(branches))),
                (key, arguments),
            ]);
            object(fields)
        })
        .boxed()
}

fn map(flavor: Flavor, top: Lang, lang: Lang, depth: u32) -> BoxedStrategy<Value> {
    let inline =
        (machine(flavor, top, depth + 1), any::<bool>(), any::<bool>()).prop_map(move |(states, config, legacy)| {
            let mut processor = json!({"States": states});
            if config {
                processor["ProcessorConfig"] = json!({"Mode": "INLINE"});
            }
            // The deprecated `Iterator` is JSONPath's only.
            let key = if legacy && lang == Lang::JsonPath {
                "Iterator"
            } else {
                "ItemProcessor"
            };
            (key, processor, Vec::new())
        });
    let processor = if flavor == Flavor::Standard {
        let distributed = (
            prop_oneof![Just(Flavor::Standard), Just(Flavor::Express)],
            distributed_fields(lang),
        )
            .prop_flat_map(move |(child, fields)| {
                (machine(child, top, depth + 1), Just(child), Just(fields)).prop_map(|(states, child, fields)| {
                    let execution = if child == Flavor::Express {
                        "EXPRESS"
                    } else {
                        "STANDARD"
                    };
                    let processor = json!({
                        "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": execution},
                        "States": states,
                    });
                    ("ItemProcessor", processor, fields)
                })
            });
        prop_oneof![3 => inline, 1 => distributed].boxed()
    } else {
        inline.boxed()
    };
    let items = match lang {
        Lang::JsonPath => (option::of(reference()), option::of(template()))
            .prop_map(|(p, s)| vec![("ItemsPath", p.map(Value::from)), ("ItemSelector", s)])
            .boxed(),
        Lang::Jsonata => (
            option::of(prop_oneof![
                jsonata().prop_map(Value::from),
                Just(json!([1, "two", {"three": 3}]))
            ]),
            option::of(jsonata_value()),
        )
            .prop_map(|(i, s)| vec![("Items", i), ("ItemSelector", s)])
            .boxed(),
    };
    let concurrency = match lang {
        Lang::JsonPath => prop_oneof![
            Just(None),
            (0u64..=1000).prop_map(|c| Some(("MaxConcurrency", json!(c)))),
            number_path().prop_map(|p| Some(("MaxConcurrencyPath", json!(p)))),
        ]
        .boxed(),
        Lang::Jsonata => option::of(integer(lang, 0..=1000).prop_map(|c| ("MaxConcurrency", c))).boxed(),
    };
    (processor, result_fields(lang), items, concurrency)
        .prop_map(|((key, processor, distributed), mut fields, items, concurrency)| {
            fields.push(("Type", Some(json!("Map"))));
            fields.push((key, Some(processor)));
            let reads = distributed.iter().any(|(k, v)| *k == "ItemReader" && v.is_some());
            if !reads {
                fields.extend(items);
            }
            fields.extend(concurrency.map(|(k, v)| (k, Some(v))));
            fields.extend(distributed);
            object(fields)
        })
        .boxed()
}

/// The fields only a distributed Map has: reader, batcher, writer, tolerated failures, label.
fn distributed_fields(lang: Lang) -> BoxedStrategy<Vec<(&'static str, Option<Value>)>> {
    let arguments = if lang == Lang::JsonPath {
        "Parameters"
    } else {
        "Arguments"
    };
    let reader = option::of(
        (
            select(&["CSV", "JSON", "JSONL", "PARQUET", "MANIFEST", "LIST"][..]),
            option::of(1u64..=100_000_000),
            select(&["COMMA", "PIPE", "SEMICOLON", "SPACE", "TAB"][..]),
        )
            .prop_map(move |(input, max, delimiter)| {
                let mut config = Map::new();
                let resource = if input == "LIST" {
                    "arn:aws:states:::s3:listObjectsV2"
                } else {
                    config.insert("InputType".into(), json!(input));
                    "arn:aws:states:::s3:getObject"
                };
                if input == "CSV" {
                    config.insert("CSVHeaderLocation".into(), json!("FIRST_ROW"));
                    config.insert("CSVDelimiter".into(), json!(delimiter));
                }
                if let Some(max) = max {
                    config.insert("MaxItems".into(), json!(max));
                }
                let location = if input == "LIST" {
                    json!({"Bucket": "b", "Prefix": "in/"})
                } else {
                    json!({"Bucket": "b", "Key": "in/data"})
                };
                let mut reader = Map::new();
                reader.insert("Resource".into(), json!(resource));
                reader.insert(arguments.into(), location);
                if !config.is_empty() {
                    reader.insert("ReaderConfig".into(), Value::Object(config));
                }
                Value::Object(reader)
            }),
    );
    let batcher = option::of(
        (option::of(1u64..=1000), option::of(1u64..=262_144))
            .prop_filter("a batch limit", |(items, bytes)| items.is_some() || bytes.is_some())
            .prop_map(|(items, bytes)| {
                object(vec![
                    ("MaxItemsPerBatch", items.map(Value::from)),
                    ("MaxInputBytesPerBatch", bytes.map(Value::from)),
                ])
            }),
    );
    let writer = option::of(
        (
            any::<bool>(),
            option::of((
                select(&["JSON", "JSONL"][..]),
                select(&["NONE", "COMPACT", "FLATTEN"][..]),
            )),
        )
            .prop_filter("a writer target or format", |(s3, config)| *s3 || config.is_some())
            .prop_map(move |(s3, config)| {
                let mut writer = Map::new();
                if s3 {
                    writer.insert("Resource".into(), json!("arn:aws:states:::s3:putObject"));
                    writer.insert(arguments.into(), json!({"Bucket": "results", "Prefix": "out"}));
                }
                if let Some((output, transformation)) = config {
                    writer.insert(
                        "WriterConfig".into(),
                        json!({"OutputType": output, "Transformation": transformation}),
                    );
                }
                Value::Object(writer)
            }),
    );
    (
        reader,
        batcher,
        writer,
        option::of(0u64..=100),
        option::of(0u64..=1000),
        any::<bool>(),
    )
        .prop_map(|(reader, batcher, writer, percentage, count, label)| {
            vec![
                ("ItemReader", reader),
                ("ItemBatcher", batcher),
                ("ResultWriter", writer),
                ("ToleratedFailurePercentage", percentage.map(Value::from)),
                ("ToleratedFailureCount", count.map(Value::from)),
                (LABEL, label.then_some(Value::Bool(true))),
            ]
        })
        .boxed()
}

// ---------------------------------------------------------------------------------------------
// Resolution: names, transitions, variables and labels
// ---------------------------------------------------------------------------------------------

/// Hands out names no other state, variable or label of the definition has.
#[derive(Default)]
struct Names {
    used: BTreeSet<String>,
    counter: usize,
}

impl Names {
    fn fresh(&mut self, base: &str) -> String {
        let mut name = base.to_owned();
        while !self.used.insert(name.clone()) {
            self.counter += 1;
            name = format!("{base} {}", self.counter);
        }
        name
    }
}

/// Turns a container's generated states into `StartAt` and `States`: names each state, links it
/// to the next one, points rules and catchers at states of the same container, and resolves the
/// containers nested in it.
fn resolve(states: Vec<Value>, names: &mut Names) -> (String, Map<String, Value>) {
    let bases: Vec<&str> = states
        .iter()
        .map(|s| NAMES[s[NAME].as_u64().unwrap_or(0) as usize % NAMES.len()])
        .collect();
    let assigned: Vec<String> = bases.into_iter().map(|b| names.fresh(b)).collect();
    let n = assigned.len();
    // Any state of the container but `from` itself.
    let target = |from: usize, v: &Value| {
        let to = v.as_u64().unwrap_or(0) as usize % n;
        json!(assigned[if to == from { (from + 1) % n } else { to }])
    };
    let mut out = Map::new();
    for (i, state) in states.into_iter().enumerate() {
        let Value::Object(mut state) = state else { continue };
        state.remove(NAME);
        if state.get(NEXT) == Some(&Value::Null) {
            state.insert(NEXT.into(), json!(assigned[i + 1]));
        }
        if let Some(Value::Array(rules)) = state.get_mut("Choices") {
            for rule in rules.iter_mut() {
                rule[NEXT] = target(i, &rule[NEXT]);
            }
        }
        if let Some(Value::Bool(default)) = state.remove(DEFAULT) {
            let next = json!(assigned[i + 1]);
            if default {
                state.insert(DEFAULT.into(), next);
            } else if let Some(Value::Array(rules)) = state.get_mut("Choices") {
                rules[0][NEXT] = next;
            }
        }
        if let Some(Value::Array(catchers)) = state.get_mut("Catch") {
            for catcher in catchers.iter_mut() {
                catcher[NEXT] = target(i, &catcher[NEXT]);
            }
        }
        if state.remove(LABEL).is_some() {
            state.insert(LABEL.into(), json!(names.fresh("label").replace(' ', "_")));
        }
        rename_variables(&mut state, names);
        if let Some(Value::Array(branches)) = state.get_mut("Branches") {
            for branch in branches.iter_mut() {
                resolve_container(branch, names);
            }
        }
        for key in ["ItemProcessor", "Iterator"] {
            if let Some(processor) = state.get_mut(key) {
                resolve_container(processor, names);
            }
        }
        out.insert(assigned[i].clone(), Value::Object(state));
    }
    (assigned[0].clone(), out)
}

fn resolve_container(container: &mut Value, names: &mut Names) {
    let Some(Value::Array(states)) = container.get_mut("States").map(Value::take) else {
        return;
    };
    let (start, states) = resolve(states, names);
    container["StartAt"] = json!(start);
    container["States"] = Value::Object(states);
}

/// Gives the variables a state, its rules and its catchers assign names no other `Assign` of the
/// definition uses (so no inner scope assigns an outer scope's variable).
fn rename_variables(state: &mut Map<String, Value>, names: &mut Names) {
    let mut rename = |assign: &mut Value| {
        if let Value::Object(fields) = assign {
            let old = std::mem::take(fields);
            for (key, value) in old {
                let (base, suffix) = key.strip_suffix(".$").map_or((key.as_str(), ""), |b| (b, ".$"));
                let fresh = names.fresh(&format!("var_{base}")).replace(' ', "_");
                fields.insert(format!("{fresh}{suffix}"), value);
            }
        }
    };
    if let Some(assign) = state.get_mut("Assign") {
        rename(assign);
    }
    for list in ["Choices", "Catch"] {
        if let Some(Value::Array(items)) = state.get_mut(list) {
            for item in items.iter_mut() {
                if let Some(assign) = item.get_mut("Assign") {
                    rename(assign);
                }
            }
        }
    }
}
