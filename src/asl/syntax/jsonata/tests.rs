//! The JSONata checker against what AWS answered (floci-io/floci's measurements), against
//! jsonata-js's own errors, and against a corpus of expressions AWS's and JSONata's
//! documentation use.

use super::super::JsonataError;
use super::{jsonata, jsonata_problems};

fn invalid(expression: &str) -> String {
    match jsonata(expression) {
        Err(JsonataError::Invalid(message)) => message,
        other => panic!("{expression:?} gave {other:?}"),
    }
}

fn references(expression: &str) -> Vec<String> {
    jsonata_problems(expression, false)
        .into_iter()
        .map(|problem| match problem {
            JsonataError::Unsupported(message) => message,
            JsonataError::Invalid(message) => panic!("{expression:?} is invalid: {message}"),
        })
        .collect()
}

fn top_level(name: &str) -> String {
    format!("Reference to '{name}' at the top level is not supported.")
}

/// Each pair was run through `aws stepfunctions validate-state-machine-definition` by
/// floci-io/floci (StepFunctionsValidateStateMachineDefinitionIntegrationTest,
/// JsonataTopLevelReferencesTest; issue #2745 for `1 +`): AWS's `INVALID_JSONATA_EXPRESSION`
/// message, word for word.
#[test]
fn syntax_errors_measured_on_aws() {
    for (expression, message) in [
        ("a[1,2)", "Expected \"]\", got \",\""),
        ("phone[1,2)", "Expected \"]\", got \",\""),
        (
            "\"unterminated",
            "String literal must be terminated by a matching quote",
        ),
        ("1 +", "Unexpected end of expression"),
        ("{\"a\":}", "The symbol \"}\" cannot be used as a unary operator"),
        ("$x :=", "Unexpected end of expression"),
        ("$match(\"a\", /abc", "No terminating / in regular expression"),
        ("phone %.other", "The symbol \".\" cannot be used as a unary operator"),
        ("", "Unexpected end of expression"),
    ] {
        assert_eq!(invalid(expression), message, "{expression:?}");
    }
}

/// jsonata-js's compile-time errors (`S01xx` tokenizer, `S02xx` parser, `S03xx` regular
/// expressions, `S04xx` signatures), derived from its source: where each is thrown, with
/// which token.
#[test]
fn syntax_errors_as_jsonata_js_throws_them() {
    for (expression, message) in [
        ("'abc", "String literal must be terminated by a matching quote"),
        ("\"a\\", "Unsupported escape sequence: \\\"\""),
        ("1e400", "Number out of range: \"1e400\""),
        ("'a\\x'", "Unsupported escape sequence: \\\"x\""),
        ("'a\\''", "Unsupported escape sequence: \\\"'\""),
        ("\"\\u12\"", "The escape sequence \\u must be followed by 4 hex digits"),
        (
            "\"\\uZZZZ\"",
            "The escape sequence \\u must be followed by 4 hex digits",
        ),
        ("\"\\u00", "String literal must be terminated by a matching quote"),
        ("`abc", "Quoted property name must be terminated with a backquote (`)"),
        ("/* abc", "Comment has no closing tag"),
        ("1 /* abc *", "Comment has no closing tag"),
        ("a b", "Syntax error: \"b\""),
        ("1 2", "Syntax error: 2"),
        ("1 2.50", "Syntax error: 2.5"),
        ("1 true", "Syntax error: true"),
        ("1 null", "Syntax error: null"),
        ("a)", "Syntax error: \")\""),
        ("a..b", "Syntax error: \"..\""),
        ("a ** b", "Syntax error: \"**\""),
        ("(a b)", "Expected \")\", got \"b\""),
        ("{'a' 1}", "Expected \":\", got 1"),
        ("$sum(1 2)", "Expected \")\", got 2"),
        ("(1", "Expected \")\" before end of expression"),
        ("[1,2", "Expected \"]\" before end of expression"),
        ("{'a': 1", "Expected \"}\" before end of expression"),
        ("foo(", "Expected \")\" before end of expression"),
        ("a[", "Expected \"]\" before end of expression"),
        ("function($x)", "Expected \"{\" before end of expression"),
        ("function($x){1", "Expected \"}\" before end of expression"),
        ("a^(b", "Expected \")\" before end of expression"),
        ("a^b", "Expected \"(\", got \"b\""),
        ("|a|b", "Expected \"|\" before end of expression"),
        ("!a", "Unknown operator: \"!\""),
        ("a ~ b", "Unknown operator: \"~\""),
        ("a.", "Unexpected end of expression"),
        ("a and", "Unexpected end of expression"),
        ("-", "Unexpected end of expression"),
        ("$f(1,", "Expected \")\" before end of expression"),
        ("$f(1, )", "The symbol \")\" cannot be used as a unary operator"),
        (
            "function(x){1}",
            "Parameter 1 of function definition must be a variable name (start with $)",
        ),
        (
            "function($x, y){1}",
            "Parameter 2 of function definition must be a variable name (start with $)",
        ),
        (
            "function($x, ?){1}",
            "Parameter 2 of function definition must be a variable name (start with $)",
        ),
        (
            "(a){'x': 1}[0]",
            "A predicate cannot follow a grouping expression in a step",
        ),
        ("a{'x': 1}{'y': 2}", "Each step can only have one grouping expression"),
        (")", "The symbol \")\" cannot be used as a unary operator"),
        ("?", "The symbol \"?\" cannot be used as a unary operator"),
        ("a = ?", "The symbol \"?\" cannot be used as a unary operator"),
        (":", "The symbol \":\" cannot be used as a unary operator"),
        ("[1..]", "The symbol \"]\" cannot be used as a unary operator"),
        ("a + / 2", "No terminating / in regular expression"),
        ("(/a/)", "The symbol \"/\" cannot be used as a unary operator"),
        ("a := 1", "The left side of := must be a variable name (start with $)"),
        ("1 := 1", "The left side of := must be a variable name (start with $)"),
        ("a@b", "The right side of \"@\" must be a variable name (start with $)"),
        ("a#1", "The right side of \"#\" must be a variable name (start with $)"),
        (
            "a.1",
            "The literal value 1 cannot be used as a step within a path expression",
        ),
        (
            "a.-1",
            "The literal value -1 cannot be used as a step within a path expression",
        ),
        (
            "a.b.true",
            "The literal value true cannot be used as a step within a path expression",
        ),
        (
            "a.null",
            "The literal value null cannot be used as a step within a path expression",
        ),
        (
            "1.5.a",
            "The literal value 1.5 cannot be used as a step within a path expression",
        ),
        (
            "a[0]@$x",
            "A context variable binding must precede any predicates on a step",
        ),
        (
            "a^(b)@$x",
            "A context variable binding must precede the 'order-by' clause on a step",
        ),
        (
            "%",
            "The object representing the 'parent' cannot be derived from this expression",
        ),
        (
            "%.a",
            "The object representing the 'parent' cannot be derived from this expression",
        ),
        (
            "$states.input.(1).%",
            "The object representing the 'parent' cannot be derived from this expression",
        ),
        ("//", "Empty regular expressions are not allowed"),
        ("$match(a, //)", "Empty regular expressions are not allowed"),
        ("$x ~> /a\\/", "No terminating / in regular expression"),
        ("a[] / 2", "No terminating / in regular expression"),
        (
            "function($x)<x<s>:n>{1}",
            "Type parameters can only be applied to functions and arrays",
        ),
        (
            "function($x)<<s>>{1}",
            "Type parameters can only be applied to functions and arrays",
        ),
        (
            "function($x)<(s<n>)>{1}",
            "Choice groups containing parameterized types are not supported",
        ),
        ("function($x)<n:n{1}", "Expected \">\", got \"{\""),
    ] {
        assert_eq!(invalid(expression), message, "{expression:?}");
    }
}

/// A syntax error wins over every post-parse error, as in jsonata-js, whose post-parse stage
/// only runs on a complete parse; among post-parse errors the first in its walk wins.
#[test]
fn the_first_error_is_jsonata_js_first() {
    assert_eq!(
        invalid("a.1 + )"),
        "The symbol \")\" cannot be used as a unary operator"
    );
    assert_eq!(invalid("a.1 b"), "Syntax error: \"b\"");
    assert_eq!(
        invalid("a.1 + b.true"),
        "The literal value 1 cannot be used as a step within a path expression"
    );
    // A function's arguments are processed before its procedure.
    assert_eq!(
        invalid("a.true(b.1)"),
        "The literal value 1 cannot be used as a step within a path expression"
    );
    assert_eq!(
        invalid("(a.1; b.true)"),
        "The literal value 1 cannot be used as a step within a path expression"
    );
    assert_eq!(
        invalid("(a.1; 1 +)"),
        "The symbol \")\" cannot be used as a unary operator"
    );
}

/// floci-io/floci's JsonataTopLevelReferencesTest: every expression here was run through
/// `validate-state-machine-definition` as the `Output` of a one-state Pass machine.
#[test]
fn top_level_references_measured_on_aws() {
    for expression in [
        "phone",
        "phone[0].number",
        "phone.number.street",
        "-phone",
        "phone ? 1 : 2",
        "$states.input.a ? phone : 2",
        "phone & 'x'",
        "phone in $states.input.b",
        "$sum(phone)",
        "phone(1)",
        "phone ~> $string()",
        "[1..phone]",
        "(phone)",
        "(phone).other",
        "[phone].other",
        "[phone, 1]",
        "{phone: 1}",
        "($x := phone; $x)",
        "$map($states.input.a, function($y){ phone })",
        "$count(phone[inner])",
        "phone.**.deeper",
    ] {
        assert_eq!(references(expression), [top_level("phone")], "{expression}");
    }
    for expression in [
        "$states.input.phone",
        "$states.input.a.phone",
        "$states.input.a[0].phone",
        "$states.input.a.phone[0]",
        "$states.input.items[phone > 3]",
        "$states.input.a^(phone)",
        "$states.input.a{'k': phone}",
        "$states.input.a.(phone)",
        "$states.input.a.$phone",
        "$phone",
        "$states.input.a ~> $string()",
        "$states.input ~> |phone|{'b': 1}|",
        "**.phone",
        "{'k': 1}.phone",
        "$states.input.a[0][phone]",
        "$states.input.a[$ > 1]",
        "function($x){ $x.phone }",
        "$map($states.input.a, function($x){ $x.phone })",
        "'phone'",
        "1 + 1",
        "$now()",
        "$states.input.errorOutput",
        "$states.error",
        "$states",
    ] {
        assert_eq!(references(expression), Vec::<String>::new(), "{expression}");
    }
    for expression in [
        "$",
        "$.phone",
        "$[0]",
        "$string($)",
        "$map($states.input.a, function($x){ $ })",
    ] {
        assert_eq!(references(expression), [top_level("$")], "{expression}");
    }
    for expression in ["$$", "$$.phone"] {
        assert_eq!(
            references(expression),
            ["Reference to '$$' is not supported."],
            "{expression}"
        );
    }
    assert_eq!(references("aaa + bbb"), [top_level("aaa"), top_level("bbb")]);
    assert_eq!(references("[bbb, aaa]"), [top_level("bbb"), top_level("aaa")]);
    assert_eq!(references("aaa + aaa"), [top_level("aaa")]);
    assert_eq!(references("(aaa; bbb)"), [top_level("aaa"), top_level("bbb")]);
    assert_eq!(
        references("$number(aaa) + $number(bbb)"),
        [top_level("aaa"), top_level("bbb")]
    );
}

/// `$states.errorOutput` exists only in a `Catch`'s `Output` and `Assign` (floci's measurements:
/// `Field '$states.errorOutput' does not exist.` elsewhere).
#[test]
fn error_output_exists_only_where_the_caller_says() {
    let missing = "Field '$states.errorOutput' does not exist.";
    for expression in [
        "$states.errorOutput",
        "$states.errorOutput.Cause",
        "$states.errorOutput.Error",
        "[$states.errorOutput]",
        "$states.errorOutput ? 1 : 2",
    ] {
        assert_eq!(
            jsonata_problems(expression, false),
            [JsonataError::Unsupported(missing.to_owned())],
            "{expression}"
        );
        assert_eq!(jsonata_problems(expression, true), [], "{expression}");
        assert_eq!(jsonata(expression), Ok(()), "{expression}");
    }
}

/// The recorded top-level reference (floci-io/floci#2670) through the one-problem entry point.
#[test]
fn the_first_problem_is_the_entry_points_answer() {
    assert_eq!(jsonata("phone[0]"), Err(JsonataError::Unsupported(top_level("phone"))));
    assert_eq!(
        jsonata("1 +"),
        Err(JsonataError::Invalid("Unexpected end of expression".to_owned()))
    );
    assert_eq!(jsonata("$states.input.phone[0]"), Ok(()));
    assert_eq!(
        jsonata("`first name`"),
        Err(JsonataError::Unsupported(top_level("first name")))
    );
    assert_eq!(jsonata("and"), Err(JsonataError::Unsupported(top_level("and"))));
    assert_eq!(jsonata("'phone'.x"), Err(JsonataError::Unsupported(top_level("phone"))));
}

/// Expressions from AWS's Step Functions documentation and samples, and from JSONata's own
/// documentation, each anchored at `$states` or a variable as a state machine writes them.
const ACCEPTED: &[&str] = &[
    "$states.input",
    "$states.input.title",
    "$states.input.customer.name",
    "$states.result",
    "$states.result.Payload",
    "$states.result.Payload.body",
    "$states.context",
    "$states.context.Execution.Id",
    "$states.context.Execution.Input",
    "$states.context.Execution.StartTime",
    "$states.context.State.Name",
    "$states.context.StateMachine.Id",
    "$states.context.Task.Token",
    "$states.context.Map.Item.Value",
    "$states.context.Map.Item.Index",
    "$states.errorOutput",
    "$states.errorOutput.Cause",
    "$customerName",
    "$functionOutput",
    "$taskResult.StatusCode",
    "$x",
    "$productName",
    "$count",
    "$states.input.type = 'Private'",
    "$states.input.value > 20",
    "$states.input.value >= 20 and $states.input.value < 30",
    "$states.input.a > 1 and $states.input.b < 2 or $not($states.input.c)",
    "$states.input.status != 'DONE'",
    "$states.input.waitSeconds",
    "$states.input.items",
    "$states.input.items[0]",
    "$states.input.items[-1]",
    "$states.input.items[[0..2]]",
    "$states.input.items[0][]",
    "$states.input.items[]",
    "$states.input.orders[price > 100]",
    "$states.input.items[type='book' and price<10].title",
    "$states.input.Phone[type='mobile'].number",
    "$states.input.Account.Order.Product[$contains(Description.Colour, /ue/)]",
    "$states.input.Account.Order.Product^(Price)",
    "$states.input.Account.Order.Product^(>Price, <`Product Name`)",
    "$states.input.Account.Order.Product{`Product Name`: Price}",
    "$states.input.Account.Order.Product{`Product Name`: $sum(Price)}",
    "$states.input.Account.Order.Product.{'Product': `Product Name`, 'Order': %.OrderID}",
    "$states.input.Account.Order.Product.{'Account': %.%.`Account Name`}",
    "$states.input.Account.Order@$o.Product@$p.{'Order': $o.OrderID, 'Product': $p.`Product Name`}",
    "$states.input.items#$i[$i < 2]",
    "$states.input.items#$i.{'index': $i, 'value': $}",
    "$states.input.library.books#$i['Kernighan' in authors].{'title': title, 'index': $i}",
    "$states.input.**.name",
    "$states.input.*",
    "$states.input.*.name",
    "$states.input.`first name`",
    "$states.input.'quoted name'",
    "$states.input.\"double quoted\"",
    "$states.input.a.b.c.d.e.f",
    "$states.input.(a + b)",
    "$states.input.items.(price * quantity)",
    "$sum($states.input.items.(price * quantity))",
    "$states.input.s.$uppercase()",
    "$states.input.orders.{'id': id, 'total': price * quantity}",
    "$states.input.a in ['x', 'y']",
    "$states.input.a & ' ' & $states.input.b",
    "($states.input.a + 1) * 2 - 3 / 4 % 5",
    "-$states.input.a",
    "--1",
    "$count($states.input.items)",
    "$sum($states.input.items.price)",
    "$max($states.input.items.price)",
    "$exists($states.input.x) ? 'yes' : 'no'",
    "$states.input.flag ? 'y'",
    "$states.input.a = null ? 'none' : $states.input.a",
    "$exists($states.input.a) = false",
    "{ 'key': $states.input.value }",
    "{'a': [1, 2, {'b': $states.input.c}]}",
    "{\"Payload\": $states.input, \"FunctionName\": 'arn'}",
    "[$states.input.a, $states.input.b]",
    "[1..10]",
    "[0..$count($states.input.a) - 1]",
    "[1, 2, 3][1]",
    "{}",
    "[]",
    "()",
    "true",
    "false",
    "null",
    "'text'",
    "\"text\"",
    "42",
    "-1",
    "1.5e3",
    "0.5",
    "1E-3",
    "\"double \\\"quoted\\\"\"",
    "'unicode \\u00e9 and \\uD83D\\uDE00'",
    "'tab\\t newline\\n slash\\/ backslash\\\\'",
    "'日本語 🎉'",
    "$states.input ~> $map(function($v){ $v * 2 })",
    "$map($states.input.items, function($v, $i){ {'index': $i, 'value': $v} })",
    "$filter($states.input.items, function($v){ $v.active })",
    "$reduce($states.input.nums, function($acc, $v){ $acc + $v }, 0)",
    "$sort($states.input.items, function($l, $r){ $l.v > $r.v })",
    "$each({'a': 1}, function($v, $k){ $k })",
    "$sift($states.input, function($v, $k){ $k in ['a', 'b'] })",
    "($x := $states.input.a; $y := $x * 2; $y + 1)",
    "(\n  $total := $sum($states.input.items.price);\n  $total > 100 ? 'big' : 'small'\n)",
    "$x := 5",
    "$a := $b := 1",
    "function($x)<n:n>{ $x * 2 }",
    "\u{3bb}($x){ $x }",
    "function($a, $b)<nn:n>{ $a + $b }",
    "function($f)<f<n:n>:n>{ $f(1) }",
    "function($arr)<a<n>:n>{ $sum($arr) }",
    "function($x)<x-:s>{ $string($x) }",
    "function($x)<(sn)?:b>{ true }",
    "function(){ 1 }",
    "$substring(?, 0, 5)",
    "$substring($states.input.s, ?, ?)",
    "$states.input.names ~> $map($uppercase)",
    "$uppercase ~> $trim",
    "$states.input ~> |account|{'status': 'closed'}|",
    "$states.input ~> |$|{}, ['a', 'b']|",
    "$states.input.s ~> /ab/",
    "$contains($states.input.s, /^a.*z$/i)",
    "$split($states.input.s, /[,;]/)",
    "$replace($states.input.s, /\\s+/, '_')",
    "$match($states.input.s, /a(b)/im)",
    "$replace($states.input.s, /a\\/b/, 'x')",
    "$match($states.input.s, /\\\\/)",
    "/* comment */ $states.input.a",
    "$states.input.a /* trailing */",
    "$states.input /* inside */ .a",
    "$string($states.input.n)",
    "$number('42')",
    "$boolean(0)",
    "$not(true)",
    "$uppercase($states.input.name)",
    "$lowercase('A')",
    "$substring($states.input.s, 0, 3)",
    "$substringBefore('a-b', '-')",
    "$substringAfter('a-b', '-')",
    "$split($states.input.s, ',')",
    "$join(['a', 'b'], '-')",
    "$trim(' a ')",
    "$pad('a', 5, '#')",
    "$length('abc')",
    "$formatNumber(1234.5, '#,##0.00')",
    "$formatBase(255, 16)",
    "$formatInteger(12, 'w')",
    "$parseInteger('twelve', 'w')",
    "$round(2.5)",
    "$floor(1.5)",
    "$ceil(1.5)",
    "$abs(-1)",
    "$power(2, 10)",
    "$sqrt(16)",
    "$random()",
    "$min([1, 2])",
    "$average([1, 2])",
    "$append([1], [2])",
    "$reverse([1, 2])",
    "$shuffle([1, 2])",
    "$distinct([1, 1])",
    "$zip([1], [2])",
    "$keys({'a': 1})",
    "$lookup({'a': 1}, 'a')",
    "$lookup($states.input, 'key with space')",
    "$spread({'a': 1})",
    "$merge([{'a': 1}, {'b': 2}])",
    "$type(1)",
    "$assert(true, 'msg')",
    "$error('x')",
    "$single([1])",
    "$now()",
    "$millis()",
    "$now('[Y0001]-[M01]-[D01]')",
    "$fromMillis($millis())",
    "$fromMillis(0, '[Y0001]-[M01]-[D01]')",
    "$toMillis('2024-01-01T00:00:00Z')",
    "$base64encode('a')",
    "$base64decode('YQ==')",
    "$encodeUrl('a b')",
    "$decodeUrlComponent('a%20b')",
    "$string({'a': 1}, true)",
    "$eval('1 + 1')",
    "$partition([1, 2, 3, 4], 2)",
    "$range(0, 10, 2)",
    "$hash('a', 'SHA-256')",
    "$random(42)",
    "$uuid()",
    "$parse('{\"a\": 1}')",
    "$states.input.a ?? 'default'",
    "$states.input.a ?: 'default'",
    "$states.input.a ?? $states.input.b ?? 0",
    "$states.input.a?'y':'n'",
    "$states.input.a.b[c=1].d",
    "$states.input.a[b='x'][0]",
    "$states.input.a[0].b[1].c",
    "$states.input.a.`b.c`.d",
    "$states.input.and",
    "$states.input.or.in",
    "$states.input.a and $states.input.b",
    "$states.input.a or $states.input.b",
    "$states.input.a in $states.input.b",
    "$states.input.items[$.price > 10]",
    "$states.input.items[price > $states.input.min]",
    "$states.input.items ~> $filter(function($i){ $i.price > 10 }) ~> $count()",
    "$states.input.items.$string()",
    "$states.input.Account.Order.Product.Price ~> $sum()",
    "$states.context.Execution.Name & '-' & $uuid()",
    "{'Bucket': $states.input.bucket, 'Key': $states.input.key & '.json'}",
    "$states.input.amount * (1 + $taxRate)",
    "$states.result.Items[0].id.S",
    "$states.result.Payload.body ~> $parse()",
    "$string($states.result.Payload)",
    "[$states.result.Payload, $states.input]",
    "$states.input.values[$ % 2 = 0]",
    "$states.input.values[$ != 0]",
    "$states.input.values^($)",
    "$states.input.values^(>$)",
    "$states.input.names[$contains($, 'a')]",
    "$states.input.a.%",
    "$states.input.a.b.%.c",
    "$states.input.a.(b.%.c)",
    "$states.input.a[%.b]",
    "$states.input.a.b[%.%.c]",
    "$states.input.*.%",
    "$states.input.a{%.b: c}",
];

#[test]
fn documented_expressions_are_accepted() {
    for expression in ACCEPTED {
        assert_eq!(jsonata(expression), Ok(()), "{expression}");
        assert_eq!(
            jsonata_problems(expression, false).len(),
            usize::from(expression.contains("errorOutput")),
            "{expression}"
        );
    }
}

#[test]
fn long_chains_are_read_in_a_loop() {
    let n = 200_000;
    let path = format!("$states.input{}", ".a".repeat(n));
    assert_eq!(jsonata(&path), Ok(()));
    let sum = format!("1{}", " + 1".repeat(n));
    assert_eq!(jsonata(&sum), Ok(()));
    let concat = format!("$a{}", " & $a".repeat(n));
    assert_eq!(jsonata(&concat), Ok(()));
    let names = format!("$states.input{}", ".a[0]".repeat(n));
    assert_eq!(jsonata(&names), Ok(()));
    let parents = format!("$states.input{}", ".a.%".repeat(n));
    assert_eq!(jsonata(&parents), Ok(()));
    let too_many_parents = format!("$states.input.a{}", ".%".repeat(n));
    assert_eq!(
        jsonata(&too_many_parents),
        Err(JsonataError::Invalid(
            "The object representing the 'parent' cannot be derived from this expression".to_owned()
        ))
    );
    let blocks = "($a; ".repeat(150) + &")".repeat(150);
    assert_eq!(jsonata(&blocks), Ok(()));
}

#[test]
fn deep_nesting_is_refused_before_the_stack_runs_out() {
    // The limit is read on a thread whose stack is the 2 MiB Rust gives spawned threads.
    std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(|| {
            for (open, close) in [("(", ")"), ("[", "]"), ("-", ""), ("$f(", ")"), ("{'a':", "}")] {
                let ok = format!("{}1{}", open.repeat(150), close.repeat(150));
                assert_eq!(jsonata(&ok), Ok(()), "{open}");
                let deep = format!("{}1{}", open.repeat(100_000), close.repeat(100_000));
                assert_eq!(
                    jsonata(&deep),
                    Err(JsonataError::Invalid("Maximum call stack size exceeded".to_owned())),
                    "{open}"
                );
            }
        })
        .unwrap()
        .join()
        .unwrap();
}

/// The shapes Step Functions expressions take, each around every anchor a state may read:
/// none reads the top level.
#[test]
fn anchored_shapes_are_accepted() {
    let anchors = [
        "$states.input.order",
        "$states.result.Payload",
        "$states.context.Execution.Input",
        "$states.context.Map.Item.Value",
        "$orderVariable",
        "$orderVariable.items[0]",
    ];
    let shapes = [
        "{a}",
        "{a} + 1",
        "{a} * 2 - 1",
        "$string({a})",
        "$number({a}) >= 10",
        "{a}[0]",
        "{a}[-1].name",
        "{a}.b.c",
        "{a}.`spaced name`",
        "{ 'k': {a}, 'n': 1 }",
        "[{a}, {a}]",
        "{a} ? {a} : null",
        "$exists({a}) and $count({a}) > 0",
        "{a} & '-' & $uuid()",
        "{a}.$uppercase()",
        "$map({a}, function($v){ $v.id })",
        "$filter({a}, function($v, $i){ $i < 3 })",
        "{a}[type = 'x' and qty > 1]",
        "{a}^(>price)",
        "{a}{name: $sum(value)}",
        "{a} in ['x', 'y']",
        "($t := {a}; $t.total * 1.2)",
        "{a} ~> $keys()",
        "{a} ~> |$|{'updated': true}|",
        "$merge([{a}, {'extra': 1}])",
        "$join({a}.tags, ',')",
        "$split({a}, ',')[0]",
        "$contains({a}, /^ab/i)",
        "$replace({a}, /\\s+/, ' ')",
        "$formatNumber({a}, '#0.00')",
        "$partition({a}, 10)",
        "$hash({a}, 'SHA-256')",
        "$parse({a})",
        "{a}.*.id",
        "{a}.**.id",
        "{a}#$i[$i % 2 = 0]",
        "{a}.lines@$l.{'line': $l.sku, 'qty': qty}",
        "{a}.lines.{'line': sku, 'order': %.id}",
        "/* why */ {a}",
        "{a} ?? 'default'",
    ];
    let mut count = 0;
    for anchor in anchors {
        for shape in shapes {
            let expression = shape.replace("{a}", anchor);
            assert_eq!(jsonata_problems(&expression, false), [], "{expression}");
            count += 1;
        }
    }
    assert_eq!(count, 6 * 40);
}

/// The same shapes around a bare field name: each names it, once, at the top level.
#[test]
fn bare_shapes_read_the_top_level() {
    let shapes = [
        "{a}",
        "{a} + 1",
        "$string({a})",
        "{a}[0]",
        "{a}.b.c",
        "{ 'k': {a} }",
        "[{a}, {a}]",
        "{a} ? {a} : null",
        "{a} & '-'",
        "$map({a}, function($v){ $v.id })",
        "{a}[type = 'x']",
        "{a}^(>price)",
        "{a}{name: value}",
        "($t := {a}; $t)",
        "{a} ~> $keys()",
        "$merge([{a}, {'extra': 1}])",
        "{a}.*.id",
        "{a} ?? 'default'",
    ];
    for name in ["order", "Items", "`first name`"] {
        let expected = [top_level(name.trim_matches('`'))];
        for shape in shapes {
            let expression = shape.replace("{a}", name);
            assert_eq!(references(&expression), expected, "{expression}");
        }
    }
}

mod generated {
    //! Expressions generated from JSONata's grammar, anchored as a state machine writes them:
    //! every one is accepted.

    use super::super::jsonata_problems;
    use proptest::prelude::*;

    fn name() -> impl Strategy<Value = String> {
        prop::sample::select(vec![
            "a",
            "items",
            "price",
            "Payload",
            "`first name`",
            "'quoted'",
            "x1",
            "value_2",
        ])
        .prop_map(str::to_owned)
    }

    fn anchor() -> impl Strategy<Value = String> {
        anchored(0)
    }

    /// A root and at least `steps` names after it.
    fn anchored(steps: usize) -> impl Strategy<Value = String> {
        let root = prop::sample::select(vec![
            "$states.input",
            "$states.result",
            "$states.context.Execution",
            "$myVar",
            "$x",
        ]);
        (root, prop::collection::vec(name(), steps..4))
            .prop_map(|(root, steps)| format!("{root}{}", steps.iter().map(|s| format!(".{s}")).collect::<String>()))
    }

    fn literal() -> impl Strategy<Value = String> {
        prop::sample::select(vec![
            "1",
            "-2.5",
            "1e3",
            "0",
            "'text'",
            "\"quoted \\\"x\\\"\"",
            "true",
            "false",
            "null",
            "[]",
            "{}",
        ])
        .prop_map(str::to_owned)
    }

    fn expression() -> impl Strategy<Value = String> {
        let leaf = prop_oneof![anchor(), literal()];
        leaf.prop_recursive(5, 48, 4, |inner| {
            let op = prop::sample::select(vec![
                "+", "-", "*", "/", "%", "=", "!=", "<", "<=", ">", ">=", "and", "or", "&", "in", "~>", "??", "?:",
            ]);
            let function = prop::sample::select(vec![
                "$string",
                "$count",
                "$sum",
                "$exists",
                "$uppercase",
                "$keys",
                "$merge",
                "$now",
                "$partition",
                "$hash",
            ]);
            prop_oneof![
                (inner.clone(), op, inner.clone()).prop_map(|(l, op, r)| format!("({l}) {op} ({r})")),
                inner.clone().prop_map(|e| format!("({e})")),
                inner.clone().prop_map(|e| format!("-({e})")),
                (function, prop::collection::vec(inner.clone(), 0..3))
                    .prop_map(|(f, args)| format!("{f}({})", args.join(", "))),
                prop::collection::vec(inner.clone(), 0..4).prop_map(|items| format!("[{}]", items.join(", "))),
                prop::collection::vec((name(), inner.clone()), 0..3).prop_map(|pairs| format!(
                    "{{{}}}",
                    pairs
                        .iter()
                        .map(|(k, v)| format!("'{}': {v}", k.trim_matches(['`', '\''])))
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
                (inner.clone(), inner.clone(), inner.clone()).prop_map(|(c, t, e)| format!("({c}) ? ({t}) : ({e})")),
                (anchor(), inner.clone()).prop_map(|(a, p)| format!("{a}[{p}]")),
                // A regular expression where jsonata-js reads one: after a `,` or an operator.
                anchor().prop_map(|a| format!("$contains({a}, /ab+c/i) or {a} ~> /x\\/y/")),
                (anchor(), name()).prop_map(|(a, n)| format!("{a}[{n} > 1].{n}")),
                (anchor(), name()).prop_map(|(a, n)| format!("{a}^(>{n})")),
                (anchor(), inner.clone()).prop_map(|(a, body)| format!("$map({a}, function($v, $i){{ {body} }})")),
                (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("($t := {a}; {b})")),
                // `%` climbs to the step before the object: a name, never the root variable.
                (anchored(1), inner).prop_map(|(a, e)| format!("{a}.{{'k': {e}, 'up': %.id}}")),
            ]
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1000))]

        #[test]
        fn grammar_generated_expressions_are_accepted(expression in expression()) {
            prop_assert_eq!(jsonata_problems(&expression, false), vec![], "{}", expression);
        }
    }
}

/// jsonata-js's own test suite, group `parent-operator`: the expressions it evaluates (or fails
/// only at run time, `T…` codes) parse, and those it refuses at compile time fail with the
/// code's message. Parsed without Step Functions' top-level rule: they read a context item.
#[test]
fn jsonata_test_suite_parent_operator() {
    let parse = |expression: &str| super::parser::parse(expression).map(drop).map_err(|e| e.message());
    for expression in [
        "%()",
        "%(1)",
        "library.(%%%)",
        "library.(%% %)",
        "library.(% %%)",
        "library.(% % %)",
        "Account.Order.Product.[`Product Name`, %.OrderID]",
        "Account.Order.Product.{ `Product Name`: [Quantity, %.OrderID] }",
        "Account.Order.Product.{ `Product Name`: [Quantity, (%.OrderID)] }",
        "Account.Order.Product[%.OrderID='order104'].SKU",
        "Account.Order.Product[%.%.`Account Name`='Firefly'].SKU",
        "Account.Order.Product.Price[%.%.OrderID='order103']",
        "Account.Order.Product.Price.%[%.OrderID='order103'].SKU",
        "Account.Order.Product[%.OrderID='order104'][%.%.`Account Name`='Firefly'].SKU",
        "(Account.Order.Product)[%.OrderID='order104'].SKU",
        "Account.Order.Product.{ %.OrderID: Price * Quantity }",
        "Account.Order.().%",
        "Account.Order.Product.SKU^(%.Price)",
        "Account.Order.Product.SKU^(%.Price, >%.%.OrderID)",
        "Account.Order.Product.Description.{ 'Colour': Colour, 'Total': %.Price * %.Quantity }",
        "Account.Order.Product.Description.{ 'Item': Colour & ' ' & %.`Product Name`, 'Discounted': (%.%.OrderID = 'order103') ? %.Price / 2 : %.Price }",
        "Account.Order.Product.( $parent := %; %.OrderID )",
        "Account.Order.Product.( $parent := %; $parent.OrderID )",
        "library.loans@$L.books@$B[$L.isbn=$B.isbn].{ 'book': $B.title, 'parent': $keys(%) }",
        "library.loans@$L.books@$B[$L.isbn=$B.isbn].customers[id=$L.customer].{ 'book': $B.title, 'customer': name, 'parent': $keys(%) }",
        "library.loans@$L.books@$B[$L.isbn=$B.isbn].customers[id=$L.customer].{ 'book': $B.title, 'customer': name, 'parent': $keys(%.%) }",
        "library.loans@$L.books@$B[$L.isbn=$B.isbn].customers@$C[$C.id=$L.customer].{ 'book': $B.title, 'customer': $C.name, 'grandparent': $keys(%.%) }",
    ] {
        assert_eq!(parse(expression), Ok(()), "{expression}");
    }
    let s0217 = "The object representing the 'parent' cannot be derived from this expression";
    for (expression, message) in [
        ("{'hello': 'world'}.% ", s0217),
        ("%", s0217),
        ("%%", "Unexpected end of expression"),
        ("(%)", s0217),
        ("(%%)", "The symbol \")\" cannot be used as a unary operator"),
        ("library.loans.%%", "Unexpected end of expression"),
        ("$.%", s0217),
        ("$$.%", s0217),
        ("library.loans.%.%.%", s0217),
        ("library.%%%", s0217),
    ] {
        assert_eq!(parse(expression), Err(message.to_owned()), "{expression}");
    }
}

/// jsonata-js's test suite, group `function-signatures`: every expression parses but for
/// the two its compiler refuses (cases 026 and 034).
#[test]
fn jsonata_test_suite_function_signatures() {
    let parse = |expression: &str| super::parser::parse(expression).map(drop).map_err(|e| e.message());
    for expression in [
        "λ($arg)<b:b>{$not($arg)}(true)",
        "λ($arg)<b:b>{$not($arg)}(foo)",
        "λ($arg)<x:b>{$not($arg)}(null)",
        "function($x,$y)<n-n:n>{$x+$y}(2, 6)",
        "[1..5].function($x,$y)<n-n:n>{$x+$y}(6)",
        "[1..5].function($x,$y)<n-n:n>{$x+$y}(2, 6)",
        "Age.function($x,$y)<n-n:n>{$x+$y}(6)",
        "λ($str)<s->{$uppercase($str)}(\"hello\")",
        "Account.Order.Product.Description.Colour.λ($str)<s->{$uppercase($str)}()",
        "λ($str, $prefix)<s-s>{$prefix & $str}(\"World\", \"Hello \")",
        "FirstName.λ($str, $prefix)<s-s>{$prefix & $str}(\"Hello \")",
        "λ($arr, $sep)<a<s>s?:s>{$join($arr, $sep)}(\"a\")",
        "λ($arr, $sep)<a<s>s?:s>{$join($arr, $sep)}([\"a\"], \"-\")",
        "λ($arr, $sep)<as?:s>{$join($arr, $sep)}([\"a\", \"b\"], \"-\")",
        "λ($arr, $sep)<a<s>s?:s>{$join($arr, $sep)}(foo, \"-\")",
        "λ($obj)<o>{$obj}({\"hello\": \"world\"})",
        "λ($arr)<a<a<n>>>{$arr}([[1]])",
        "λ($num)<(ns)-:n>{$number($num)}(5)",
        "[1..5].λ($num)<(ns)-:n>{$number($num)}()",
        "($twice := function($f)<f:f>{function($x)<n:n>{$f($f($x))}};$add2 := function($x)<n:n>{$x+2};$add4 := $twice($add2);$add4(5))",
        "($twice := function($f)<f<n:n>:f<n:n>>{function($x)<n:n>{$f($f($x))}};$add2 := function($x)<n:n>{$x+2};$add4 := $twice($add2);$add4(5))",
        "λ($arg1, $arg2)<nn:a>{[$arg1, $arg2]}(1,\"2\")",
        "λ($arg1, $arg2)<nn+:a>{[$arg1, $arg2]}(1,3, 2,\"g\")",
        "λ($arr)<a<n>>{$arr}([1, 2, \"3\"]) ",
        "($fun := λ($arr)<a<n>>{$arr};$fun(\"f\"))",
    ] {
        assert_eq!(parse(expression), Ok(()), "{expression}");
    }
    assert_eq!(
        parse("λ($arg)<n<n>>{$arg}(5)"),
        Err("Type parameters can only be applied to functions and arrays".to_owned())
    );
    assert_eq!(
        parse("λ($arr)<(sa<n>)>>{$arr}([[1]])"),
        Err("Choice groups containing parameterized types are not supported".to_owned())
    );
}

/// jsonata-js's test suite, group `errors`: the expressions that fail only when evaluated
/// parse, and the compile-time failures carry their code's message (cases 009 S0202, 019
/// T1006 and 024 S0201 read from the suite; the rest follow from the parser's source).
#[test]
fn jsonata_test_suite_errors() {
    let parse = |expression: &str| super::parser::parse(expression).map(drop).map_err(|e| e.message());
    for expression in [
        "\"s\" - 1",
        "1 + null",
        "- \"s\"",
        "unknown(function)",
        "sum(Account.Order.OrderID)",
        "2(blah)",
        "2()",
        "3(?)",
        "$foo()",
        "( $A := function(){$min(2, 3)}; $A() )",
        "( $B := function(){''}; $A := function(){2 + $B()}; $A() )",
    ] {
        assert_eq!(parse(expression), Ok(()), "{expression}");
    }
    for (expression, message) in [
        (
            "\"no closing quote",
            "String literal must be terminated by a matching quote",
        ),
        (
            "`no closing backtick",
            "Quoted property name must be terminated with a backquote (`)",
        ),
        ("[1,2)", "Expected \"]\", got \")\""),
        ("[1:2]", "Expected \"]\", got \":\""),
        // A name runs to a space or an operator, so it takes the quote: `rr"`.
        ("$replace(\"foo\", \"o, \"rr\")", "Expected \")\", got \"rr\\\"\""),
        ("[1!2]", "Unknown operator: \"!\""),
        ("@ bar", "The symbol \"@\" cannot be used as a unary operator"),
        ("1=", "Unexpected end of expression"),
        (
            "function(x){$x}(3)",
            "Parameter 1 of function definition must be a variable name (start with $)",
        ),
        ("x:=1", "The left side of := must be a variable name (start with $)"),
        ("2:=1", "The left side of := must be a variable name (start with $)"),
        ("55=>5", "The symbol \">\" cannot be used as a unary operator"),
        ("Ssum(:)", "The symbol \":\" cannot be used as a unary operator"),
        (
            "[1,2,3]{\"num\": $}[true]",
            "A predicate cannot follow a grouping expression in a step",
        ),
        (
            "[1,2,3]{\"num\": $}{\"num\": $}",
            "Each step can only have one grouping expression",
        ),
        ("Account.Order[0].Product;", "Syntax error: \";\""),
    ] {
        assert_eq!(parse(expression), Err(message.to_owned()), "{expression}");
    }
}

/// jsonata-js's test suite, groups `sorting` and (the start of) `transform`: all parse but
/// one expression missing its `)`.
#[test]
fn jsonata_test_suite_sorting_and_transform() {
    let parse = |expression: &str| super::parser::parse(expression).map(drop).map_err(|e| e.message());
    for expression in [
        "Account.Order.Product.Price^($)",
        "Account.Order.Product.Price^(<$)",
        "Account.Order.Product.Price^(>$)",
        "Account.Order.Product^(Price).Description.Colour",
        "Account.Order.Product^(Price).SKU",
        "Account.Order.Product^(Price * Quantity).Description.Colour",
        "Account.Order.Product^(Quantity, Description.Colour).Description.Colour",
        "Account.Order.Product^(Quantity, >Description.Colour).Description.Colour",
        "$^(age).name",
        "($^(age)).name",
        "$^(age)[0].name",
        "($^(age))[0].name",
        "($^(age)[0]).name",
        "$[0]^(age)",
        "Account.Order#$o.Product^(ProductID).{ 'Product': `Product Name`, 'Order Index': $o }",
        "{'Order': Account.Order.{  'ID': OrderID,  'Product': Product.{    'SKU': ProductID,    'Details': {      'Weight': Description.Weight,      'Dimensions': Description.(Width & ' x ' & Height & ' x ' & Depth)    }  },  'Total Price': $sum(Product.(Price * Quantity))}}",
        "         (           $tempReadings := $count(state.tempReadings) = 5 ?               [state.tempReadings[[1..4]], event.t] :               [state.tempReadings, event.t];                    {             \"tempReadings\": $tempReadings,             \"sumTemperatures\": $sum($tempReadings),             \"avgTemperature\": $average($tempReadings) ~> $round(2),             \"maxTemperature\": $max($tempReadings),             \"minTemperature\": $min($tempReadings)           }         )",
        "maz.rar",
        "jee.par.waa",
        "$lowercase(Salutation)",
        "$lowercase(敷)",
        "$lowercase(Español)",
        "$lowercase($.\"NI.Number\")",
        "$lowercase(\"COMPENSATION IS : \" & Employment.\"Executive.Compensation\")",
        "$uppercase(\"鯵噂ソ竹\")",
        "Employment.Name & \" is pleased to employ \" & Salutation & \" \" & Surname",
        "$substringBefore(\"Hola\", 'l')",
        "$substringBefore(\"Hola\", \"\")",
        "$substringAfter(Salutation & \" \" & MiddleName &\" \" & Surname, MiddleName)",
        "$lowercase(Employment.Role) & \" (\" & Employment.Role & \")\"",
        "$substring(Employment.Role, -4,4)",
        "$unknown(Salutation)",
        "Employment.authentication(Salutation)",
        "$lowercase(20.55)",
        "$substringBefore(\"22.55\",5)",
        "$substring(\"Coca\" & \"ca\", 2, 4, 5)",
        "$substring(\"Hello World\",5.5,5)",
    ] {
        assert_eq!(parse(expression), Ok(()), "{expression}");
    }
    assert_eq!(
        parse("$lowercase(\"Missing close brackets\""),
        Err("Expected \")\" before end of expression".to_owned())
    );
}
