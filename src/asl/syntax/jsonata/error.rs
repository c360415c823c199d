//! jsonata-js's compile-time errors, with the messages AWS prints (the `Sxxxx: ` code dropped).

/// A token's value, printed as jsonata-js prints it (`JSON.stringify`).
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Value {
    Str(String),
    Num(f64),
    Bool(bool),
    Null,
    /// A regular expression literal, which `JSON.stringify` prints as `{}`.
    Regex,
}

impl Value {
    fn json(&self) -> String {
        match self {
            Value::Str(s) => serde_json::to_string(s).unwrap_or_default(),
            Value::Num(n) => js_number(*n),
            Value::Bool(b) => b.to_string(),
            Value::Null => "null".to_owned(),
            Value::Regex => "{}".to_owned(),
        }
    }
}

/// A JSONata syntax error, by jsonata-js's code.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum JError {
    S0101,
    S0102(String),
    S0103(String),
    S0104,
    S0105,
    S0106,
    S0201(Value),
    S0202 {
        expected: &'static str,
        got: Value,
    },
    S0203 {
        expected: &'static str,
    },
    S0204(Value),
    S0207,
    S0208(usize),
    S0209,
    S0210,
    S0211(Value),
    S0212,
    S0213(Value),
    S0214(&'static str),
    S0215,
    S0216,
    S0217,
    S0301,
    S0302,
    S0401,
    S0402,
    /// Nesting deeper than this checker reads; jsonata-js would exhaust its call stack.
    TooDeep,
}

impl JError {
    /// The message, as jsonata-js's `errorCodes` word it with their `{{…}}` filled in.
    pub(super) fn message(&self) -> String {
        let quoted = |s: &str| serde_json::to_string(s).unwrap_or_default();
        match self {
            JError::S0101 => "String literal must be terminated by a matching quote".to_owned(),
            JError::S0102(token) => format!("Number out of range: {}", quoted(token)),
            JError::S0103(token) => format!("Unsupported escape sequence: \\{}", quoted(token)),
            JError::S0104 => "The escape sequence \\u must be followed by 4 hex digits".to_owned(),
            JError::S0105 => "Quoted property name must be terminated with a backquote (`)".to_owned(),
            JError::S0106 => "Comment has no closing tag".to_owned(),
            JError::S0201(token) => format!("Syntax error: {}", token.json()),
            JError::S0202 { expected, got } => {
                format!("Expected {}, got {}", quoted(expected), got.json())
            }
            JError::S0203 { expected } => {
                format!("Expected {} before end of expression", quoted(expected))
            }
            JError::S0204(token) => format!("Unknown operator: {}", token.json()),
            JError::S0207 => "Unexpected end of expression".to_owned(),
            JError::S0208(index) => {
                format!("Parameter {index} of function definition must be a variable name (start with $)")
            }
            JError::S0209 => "A predicate cannot follow a grouping expression in a step".to_owned(),
            JError::S0210 => "Each step can only have one grouping expression".to_owned(),
            JError::S0211(token) => {
                format!("The symbol {} cannot be used as a unary operator", token.json())
            }
            JError::S0212 => "The left side of := must be a variable name (start with $)".to_owned(),
            JError::S0213(value) => format!(
                "The literal value {} cannot be used as a step within a path expression",
                value.json()
            ),
            JError::S0214(op) => format!(
                "The right side of {} must be a variable name (start with $)",
                quoted(op)
            ),
            JError::S0215 => "A context variable binding must precede any predicates on a step".to_owned(),
            JError::S0216 => "A context variable binding must precede the 'order-by' clause on a step".to_owned(),
            JError::S0217 => "The object representing the 'parent' cannot be derived from this expression".to_owned(),
            JError::S0301 => "Empty regular expressions are not allowed".to_owned(),
            JError::S0302 => "No terminating / in regular expression".to_owned(),
            JError::S0401 => "Type parameters can only be applied to functions and arrays".to_owned(),
            JError::S0402 => "Choice groups containing parameterized types are not supported".to_owned(),
            JError::TooDeep => "Maximum call stack size exceeded".to_owned(),
        }
    }
}

/// A number as JavaScript's `Number.prototype.toString` writes it: the shortest digits that
/// round-trip, in positional form from 1e-6 up to 1e21 and in exponent form outside.
pub(super) fn js_number(n: f64) -> String {
    if n == 0.0 {
        return "0".to_owned();
    }
    let sci = format!("{:e}", n.abs());
    let (mantissa, exponent) = sci.split_once('e').unwrap_or((&sci, "0"));
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let k = i64::try_from(digits.len()).unwrap_or(i64::MAX);
    let point = exponent.parse::<i64>().unwrap_or(0) + 1;
    let sign = if n < 0.0 { "-" } else { "" };
    let body = if k <= point && point <= 21 {
        format!("{digits}{}", "0".repeat(usize::try_from(point - k).unwrap_or(0)))
    } else if 0 < point && point <= 21 {
        let (int, frac) = digits.split_at(usize::try_from(point).unwrap_or(0));
        format!("{int}.{frac}")
    } else if -6 < point && point <= 0 {
        format!("0.{}{digits}", "0".repeat(usize::try_from(-point).unwrap_or(0)))
    } else {
        let (first, rest) = digits.split_at(1);
        let e = point - 1;
        let e_sign = if e < 0 { '-' } else { '+' };
        let fraction = if rest.is_empty() {
            String::new()
        } else {
            format!(".{rest}")
        };
        format!("{first}{fraction}e{e_sign}{}", e.abs())
    };
    format!("{sign}{body}")
}

#[cfg(test)]
mod tests {
    use super::js_number;

    #[test]
    fn numbers_print_as_javascript_prints_them() {
        for (n, text) in [
            (0.0, "0"),
            (1.0, "1"),
            (-1.0, "-1"),
            (1.5, "1.5"),
            (100.0, "100"),
            (123_456_789.0, "123456789"),
            (1e21, "1e+21"),
            (1.5e21, "1.5e+21"),
            (1e20, "100000000000000000000"),
            (0.1, "0.1"),
            (0.000_001, "0.000001"),
            (0.000_000_1, "1e-7"),
            (1.234_5e-7, "1.2345e-7"),
            (0.3, "0.3"),
            (5e-324, "5e-324"),
            (1.797_693_134_862_315_7e308, "1.7976931348623157e+308"),
        ] {
            assert_eq!(js_number(n), text, "{n}");
        }
    }
}
