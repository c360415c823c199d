//! Intrinsic function calls, as a JSONPath state's `.$` payload template value holds them.
//!
//! The grammar is the States Language's (`#intrinsic-functions`) with AWS's function list: a
//! call is `States.<Name>(…)`, each argument a string literal in single quotes, a number,
//! `true`, `false`, `null`, a path (`$.x`, `$$.x`, `$var`) or a nested call. Whitespace may
//! surround the tokens. In a string literal the reserved characters `'`, `{`, `}` and `\` are
//! escaped with a backslash, and no other escape exists: AWS refuses `\"` (recorded,
//! `test_illegal_escapes`). Unescaped braces are the `States.Format` placeholders and stay legal.
//!
//! Arity and argument types are not checked: AWS documents them, but where it enforces them
//! (creation or run time) no recording shows, and a false refusal costs more than a late one.
//! Nesting is read with a counter, not recursion, so its depth costs no stack.

use super::{SyntaxError, path};

/// The intrinsic functions AWS documents.
const FUNCTIONS: &[&str] = &[
    "Format",
    "StringToJson",
    "JsonToString",
    "Array",
    "ArrayPartition",
    "ArrayContains",
    "ArrayRange",
    "ArrayGetItem",
    "ArrayLength",
    "ArrayUnique",
    "Base64Encode",
    "Base64Decode",
    "Hash",
    "JsonMerge",
    "MathRandom",
    "MathAdd",
    "StringSplit",
    "UUID",
];

/// Whether `text` looks like an intrinsic function call (`States.` and a `(`), whatever its
/// syntax: a classifier for the rules (the `NO_DOLLAR` warning).
pub(crate) fn looks_like_intrinsic_call(text: &str) -> bool {
    text.trim_start().starts_with("States.") && text.contains('(')
}

/// An intrinsic function call (`States.Format('{}', $.name)`), as a `.$` payload template value
/// may hold: a known function, its arguments literals, paths or nested calls.
pub(crate) fn intrinsic_call(text: &str) -> Result<(), SyntaxError> {
    let mut reader = Reader {
        s: text.as_bytes(),
        text,
        pos: 0,
    };
    reader.call_start()?;
    // The number of calls still open. After `(` or `,` comes an argument; after an argument,
    // a `,` or a `)`.
    let mut open = 1usize;
    let mut expect_argument = true;
    while open > 0 {
        reader.skip_space();
        if expect_argument {
            if reader.at_call() {
                reader.call_start()?;
                open += 1;
            } else if reader.peek() == Some(b')') && reader.just_opened() {
                reader.pos += 1;
                open -= 1;
                expect_argument = false;
            } else {
                reader.argument()?;
                expect_argument = false;
            }
            continue;
        }
        match reader.next() {
            Some(b',') => expect_argument = true,
            Some(b')') => open -= 1,
            Some(_) => return Err(error("arguments must be separated by ',' and closed by ')'")),
            None => return Err(error("an intrinsic function call is not closed by ')'")),
        }
    }
    reader.skip_space();
    if reader.pos < reader.s.len() {
        return Err(error("nothing may follow an intrinsic function call"));
    }
    Ok(())
}

fn error(message: &str) -> SyntaxError {
    SyntaxError {
        message: message.to_owned(),
    }
}

struct Reader<'a> {
    s: &'a [u8],
    text: &'a str,
    pos: usize,
}

impl Reader<'_> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.pos).copied()
    }

    fn next(&mut self) -> Option<u8> {
        let c = self.peek()?;
        self.pos += 1;
        Some(c)
    }

    fn eat(&mut self, c: u8) -> bool {
        let found = self.peek() == Some(c);
        if found {
            self.pos += 1;
        }
        found
    }

    fn skip_space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    /// `States.<Name>(`, with the name one AWS knows.
    fn call_start(&mut self) -> Result<(), SyntaxError> {
        self.skip_space();
        let rest = &self.s[self.pos..];
        let Some(after) = rest.strip_prefix(b"States.") else {
            return Err(error("an intrinsic function call starts with 'States.'"));
        };
        let name_len = after
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || **c == b'_')
            .count();
        let name = &after[..name_len];
        if !FUNCTIONS.iter().any(|f| f.as_bytes() == name) {
            return Err(error(&format!(
                "'States.{}' is not an intrinsic function",
                String::from_utf8_lossy(name)
            )));
        }
        self.pos += b"States.".len() + name_len;
        self.skip_space();
        if !self.eat(b'(') {
            return Err(error("an intrinsic function's name must be followed by '('"));
        }
        Ok(())
    }

    /// Whether a nested call starts here.
    fn at_call(&self) -> bool {
        self.s[self.pos..].starts_with(b"States.")
    }

    /// Whether only spaces separate the cursor from the `(` before it: an empty argument list.
    fn just_opened(&self) -> bool {
        self.s[..self.pos]
            .iter()
            .rev()
            .find(|c| !matches!(c, b' ' | b'\t' | b'\n' | b'\r'))
            == Some(&b'(')
    }

    /// One argument that is not a call.
    fn argument(&mut self) -> Result<(), SyntaxError> {
        match self.peek() {
            Some(b'\'') => self.string(),
            Some(b'$') => self.path_argument(),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) if self.word(b"true") || self.word(b"false") || self.word(b"null") => Ok(()),
            Some(_) => Err(error(
                "an argument is a 'string', a number, true, false, null, a path or a call",
            )),
            None => Err(error("an intrinsic function call is not closed by ')'")),
        }
    }

    /// A keyword followed by a delimiter.
    fn word(&mut self, w: &[u8]) -> bool {
        let rest = &self.s[self.pos..];
        let matched = rest.starts_with(w)
            && !rest
                .get(w.len())
                .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_');
        if matched {
            self.pos += w.len();
        }
        matched
    }

    /// `'…'` with the escapes `\'`, `\{`, `\}` and `\\`.
    fn string(&mut self) -> Result<(), SyntaxError> {
        self.pos += 1;
        loop {
            match self.next() {
                Some(b'\'') => return Ok(()),
                Some(b'\\') => match self.next() {
                    Some(b'\'' | b'{' | b'}' | b'\\') => {}
                    Some(_) => {
                        return Err(error(
                            "a string literal may only escape ', {, } and \\ with a backslash",
                        ));
                    }
                    None => return Err(error("a string literal is not closed by '")),
                },
                Some(_) => {}
                None => return Err(error("a string literal is not closed by '")),
            }
        }
    }

    /// A JSON number: `-?digits(.digits)?([eE][+-]?digits)?`.
    fn number(&mut self) -> Result<(), SyntaxError> {
        let digits = |r: &mut Self| {
            let start = r.pos;
            while r.peek().is_some_and(|c| c.is_ascii_digit()) {
                r.pos += 1;
            }
            r.pos > start
        };
        self.eat(b'-');
        let mut ok = digits(self);
        if self.eat(b'.') {
            ok &= digits(self);
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            if !self.eat(b'+') {
                self.eat(b'-');
            }
            ok &= digits(self);
        }
        if ok {
            Ok(())
        } else {
            Err(error("a number argument is malformed"))
        }
    }

    /// A path argument: it runs to the `,` or `)` outside brackets, parentheses and quotes
    /// that ends it (or to a space), and must be a valid path.
    fn path_argument(&mut self) -> Result<(), SyntaxError> {
        let start = self.pos;
        let mut depth = 0usize;
        let mut quote = None;
        let mut escaped = false;
        while let Some(c) = self.peek() {
            if let Some(q) = quote {
                if escaped {
                    escaped = false;
                } else if c == b'\\' {
                    escaped = true;
                } else if c == q {
                    quote = None;
                }
            } else {
                match c {
                    b'\'' | b'"' if depth > 0 => quote = Some(c),
                    b'[' | b'(' => depth += 1,
                    b']' | b')' if depth > 0 => depth -= 1,
                    b',' | b')' | b' ' | b'\t' | b'\n' | b'\r' if depth == 0 => break,
                    _ => {}
                }
            }
            self.pos += 1;
        }
        path(&self.text[start..self.pos])
    }
}

#[cfg(test)]
mod tests {
    use super::{intrinsic_call, looks_like_intrinsic_call};

    /// Calls from AWS's documentation and samples, and the argument forms the grammar allows.
    const VALID: &[&str] = &[
        "States.Format('Hello, my name is {}.', $.name)",
        "States.Format($.template, $.name)",
        "States.Format('{}.{}.{}', States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit($.ImageRecipe.Arn, '/'), 2), '.'), 0), States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit($.ImageRecipe.Arn, '/'), 2), '.'), 1))",
        "States.Format('Welcome to {} {}\\'s playlist.', $.firstName, $.lastName)",
        "States.Format('{}', $$.Execution.Id)",
        "States.Format('arn:aws:states:{}:{}:stateMachine:{}', $.region, $.account, $.name)",
        "States.Format('{\\}')",
        "States.Format('\\{\\}')",
        "States.Format('a\\\\b')",
        "States.Format('He said \"hi\"')",
        "States.Format('')",
        "States.Format('{}', $myVar)",
        "States.Format('{}', $myVar.field)",
        "States.StringToJson($.escapedJsonString)",
        "States.JsonToString($.unescapedJson)",
        "States.Array($.Id)",
        "States.Array('Foo', 2020, $.someJson, null)",
        "States.Array()",
        "States.Array(true, false, null, -1, 1.5, 2e10, 3E-2)",
        "States.ArrayPartition($.inputArray,4)",
        "States.ArrayContains($.inputArray, $.lookingFor)",
        "States.ArrayRange(1, 9, 2)",
        "States.ArrayGetItem($.inputArray, $.index)",
        "States.ArrayLength($.inputArray)",
        "States.ArrayUnique($.inputArray)",
        "States.Base64Encode($.input)",
        "States.Base64Decode($.base64)",
        "States.Hash($.Data, $.Algorithm)",
        "States.Hash($.Data, 'SHA-1')",
        "States.JsonMerge($.json1, $.json2, false)",
        "States.MathRandom($.start, $.end)",
        "States.MathRandom(1, 999, 1234)",
        "States.MathAdd($.value1, $.step)",
        "States.MathAdd(1, -1)",
        "States.StringSplit($.inputString, $.splitter)",
        "States.StringSplit($.inputString, ',')",
        "States.UUID()",
        "States.UUID( )",
        " States.UUID() ",
        "States.Format( '{}' , $.a )",
        "States.Array($.a[0], $.b['x y'], $..c, $.d[*].e, $.f[0,1], $.g[?(@.h == 'i,j')])",
        "States.ArrayLength($.items.length())",
        "States.Array(States.Array(States.Array(States.Array(1))))",
        "States.Array($$.Map.Item.Value, $$.Task.Token)",
        "States.Format('{} {}', States.UUID(), States.MathRandom(1, 10))",
        "States.Format('日本 {}', $.名前)",
    ];

    const INVALID: &[&str] = &[
        // Recorded: AWS refuses both (`test_illegal_escapes`).
        "States.StringToJson('{\"text\":\"An \\\"escaped double quote\\\" here\"}')",
        "States.Format('He said, \\\"Hello, {}!\\\"', 'Test \\\"Name\\\" Here')",
        "",
        "States",
        "States.",
        "States.Format",
        "States.Format(",
        "States.Format('a'",
        "States.Format('a',)",
        "States.Format(,'a')",
        "States.Format('a' 'b')",
        "States.Format('a'))",
        "States.Format('a') x",
        "States.Format('a\\n')",
        "States.Format('a\\",
        "States.Format('unclosed)",
        "States.Unknown(1)",
        "States.format('a')",
        "states.Format('a')",
        "Format('a')",
        "$.a",
        "States.Format(\"a\")",
        "States.Format(a)",
        "States.Format(True)",
        "States.Format(truex)",
        "States.Format(-)",
        "States.Format(1.)",
        "States.Format(1e)",
        "States.Format($.)",
        "States.Format($ .a)",
        "States.Format($[)",
        "States.Array(States.Array(1)",
        "States.Array(States.Nope())",
        "States.Array(States.UUID() 1)",
    ];

    #[test]
    fn documented_calls_are_accepted() {
        for call in VALID {
            assert_eq!(intrinsic_call(call), Ok(()), "{call}");
            assert!(looks_like_intrinsic_call(call), "{call}");
        }
    }

    #[test]
    fn malformed_calls_are_refused() {
        for call in INVALID {
            assert!(intrinsic_call(call).is_err(), "{call}");
        }
    }

    /// Every function with every argument form, and with a nested call as an argument.
    #[test]
    fn every_function_takes_every_argument_form() {
        let arguments = [
            "'text'",
            "'{}'",
            "'it\\'s'",
            "''",
            "42",
            "-7",
            "3.14",
            "1e3",
            "true",
            "false",
            "null",
            "$",
            "$.input",
            "$.a.b[0]",
            "$['key with spaces']",
            "$.items[*].id",
            "$$.Execution.Id",
            "$$.Map.Item.Index",
            "$myVariable",
            "$myVariable.field",
            "States.UUID()",
            "States.Array(1, 2)",
        ];
        let mut count = 0;
        for function in super::FUNCTIONS {
            for argument in arguments {
                for call in [
                    format!("States.{function}({argument})"),
                    format!("States.{function}({argument}, {argument})"),
                    format!("States.{function}(States.{function}({argument}))"),
                ] {
                    assert_eq!(intrinsic_call(&call), Ok(()), "{call}");
                    count += 1;
                }
            }
        }
        assert_eq!(count, 18 * 22 * 3);
    }

    fn argument() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let leaf = prop::sample::select(vec![
            "'text'",
            "'{}'",
            "'a\\'b\\{\\}\\\\'",
            "''",
            "1",
            "-2.5",
            "3e4",
            "true",
            "false",
            "null",
            "$",
            "$.a.b",
            "$.items[0]",
            "$['k k']",
            "$..c",
            "$.d[*]",
            "$.e[?(@.f > 1)]",
            "$$.Execution.Id",
            "$var",
            "$var.field",
        ])
        .prop_map(str::to_owned);
        leaf.prop_recursive(6, 64, 4, |inner| {
            (
                prop::sample::select(super::FUNCTIONS.to_vec()),
                prop::collection::vec(inner, 0..4),
                prop::sample::select(vec!["", " "]),
            )
                .prop_map(|(f, args, space)| {
                    format!("States.{f}({space}{}{space})", args.join(&format!("{space},{space}")))
                })
        })
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1000))]

        #[test]
        fn grammar_generated_calls_are_accepted(argument in argument()) {
            let call = format!("States.Array({argument})");
            proptest::prop_assert_eq!(intrinsic_call(&call), Ok(()), "{}", call);
        }
    }

    #[test]
    fn megabyte_calls_are_read_in_one_pass() {
        let n = 1 << 18;
        let long = format!("States.Format('{}')", "x\\'".repeat(n));
        assert_eq!(intrinsic_call(&long), Ok(()));
        let many = format!("States.Array({}1)", "$.a[0], ".repeat(n / 4));
        assert_eq!(intrinsic_call(&many), Ok(()));
    }

    #[test]
    fn deep_nesting_costs_no_stack() {
        let depth = 100_000;
        let call = format!("{}1{}", "States.Array(".repeat(depth), ")".repeat(depth));
        assert_eq!(intrinsic_call(&call), Ok(()));
        assert!(intrinsic_call(&call[..call.len() - 1]).is_err());
    }

    #[test]
    fn the_classifier_needs_the_prefix_and_a_parenthesis() {
        assert!(looks_like_intrinsic_call("States.Nope(1"));
        assert!(!looks_like_intrinsic_call("States.Format"));
        assert!(!looks_like_intrinsic_call("$.a"));
        assert!(!looks_like_intrinsic_call("Hello (world)"));
    }
}
