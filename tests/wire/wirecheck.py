"""Checks shared by the wire scripts (scenario.py, recorded.py, scopes.py): each passed check prints
one line, the first failure prints a clear message and exits with status 1. Error codes and
messages are compared verbatim. Also the environment the AWS CLI runs in."""

import datetime
import json
import os
import re
import sys

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.IGNORECASE)
NOW = datetime.datetime.now(datetime.timezone.utc)

_PASSED = 0


def fail(message):
    print(f"FAIL: {message}", flush=True)
    print(f"{os.path.basename(sys.argv[0])} failed after {_PASSED} passed checks", file=sys.stderr, flush=True)
    sys.exit(1)


def ok(label):
    global _PASSED
    _PASSED += 1
    print(f"ok {_PASSED:3d}  {label}", flush=True)


def passed():
    """How many checks have passed."""
    return _PASSED


def check(label, condition, detail=""):
    if not condition:
        fail(f"{label}" + (f"\n      {detail}" if detail else ""))
    ok(label)


def check_eq(label, actual, expected):
    if actual != expected:
        fail(f"{label}\n      expected: {expected!r}\n      actual:   {actual!r}")
    ok(label)


def body(response):
    """The response without botocore's ResponseMetadata."""
    return {k: v for k, v in response.items() if k != "ResponseMetadata"}


def check_keys(label, response, expected):
    check_eq(f"{label}: keys are exactly {sorted(expected)}", sorted(body(response)), sorted(expected))


def check_absent(label, response, *keys):
    present = [k for k in keys if k in response]
    check(f"{label}: no {', '.join(keys)} key", not present, f"unexpected keys {present} in {body(response)!r}")


def check_present(label, response, *keys):
    missing = [k for k in keys if k not in response]
    check(f"{label}: has {', '.join(keys)}", not missing, f"missing keys {missing} in {body(response)!r}")


def check_datetime(label, value):
    check(
        f"{label} is a timezone-aware datetime",
        isinstance(value, datetime.datetime) and value.tzinfo is not None,
        f"got {value!r} ({type(value).__name__})",
    )
    delta = abs((value - NOW).total_seconds())
    check(f"{label} is close to now", delta < 24 * 3600, f"{value.isoformat()} is {delta:.0f}s away from {NOW.isoformat()}")


def check_uuid(label, value):
    check(f"{label} is a UUID", isinstance(value, str) and UUID_RE.match(value) is not None, f"got {value!r}")


# --- raw wire observation ------------------------------------------------------------------------

WIRE_LOG = []  # (operation, status, raw body bytes, headers)


def _before_parse(operation_model, response_dict, **_kwargs):
    WIRE_LOG.append(
        (operation_model.name, response_dict["status_code"], response_dict["body"], dict(response_dict["headers"]))
    )


def _walk_dates(value, path, problems):
    if isinstance(value, dict):
        for k, v in value.items():
            if k.endswith("Date") and (isinstance(v, bool) or not isinstance(v, (int, float))):
                problems.append(f"{path}.{k} = {v!r}")
            _walk_dates(v, f"{path}.{k}", problems)
    elif isinstance(value, list):
        for i, v in enumerate(value):
            _walk_dates(v, f"{path}[{i}]", problems)


def check_wire_log(stage):
    """Every response so far: < 500, JSON content type, a request id, a JSON object body, errors
    with `__type` and `message`, and timestamps as JSON numbers (never strings)."""
    problems = []
    for op, status, raw, headers in WIRE_LOG:
        lower = {k.lower(): v for k, v in headers.items()}
        if status >= 500:
            problems.append(f"{op}: HTTP {status} {raw[:200]!r}")
        if lower.get("content-type") != "application/x-amz-json-1.0":
            problems.append(f"{op}: content-type {lower.get('content-type')!r}")
        if not lower.get("x-amzn-requestid"):
            problems.append(f"{op}: no x-amzn-RequestId header")
        try:
            parsed = json.loads(raw)
        except ValueError as e:
            problems.append(f"{op}: body is not JSON ({e}): {raw[:200]!r}")
            continue
        if not isinstance(parsed, dict):
            problems.append(f"{op}: body is not a JSON object: {raw[:200]!r}")
            continue
        if status >= 300 and not (isinstance(parsed.get("__type"), str) and isinstance(parsed.get("message"), str)):
            problems.append(f"{op}: error body without __type/message: {raw[:200]!r}")
        if status < 300 and "__type" in parsed:
            problems.append(f"{op}: HTTP {status} with an error body: {raw[:200]!r}")
        if b":null" in raw.replace(b" ", b""):
            problems.append(f"{op}: body carries a null member: {raw[:200]!r}")
        _walk_dates(parsed, op, problems)
    check(
        f"[{stage}] all {len(WIRE_LOG)} responses: status < 500, JSON object bodies, JSON content type, "
        "request id, numeric timestamps, no nulls",
        not problems,
        "\n      ".join(problems),
    )


# --- client --------------------------------------------------------------------------------------

_CLIENT = None


def client(endpoint, region, key_id, secret):
    """A boto3 Step Functions client of `endpoint`, whose raw responses go to WIRE_LOG. The
    checks below use the last one made for the modelled exception classes."""
    global _CLIENT
    _CLIENT = boto3.client(
        "stepfunctions",
        endpoint_url=endpoint,
        region_name=region,
        aws_access_key_id=key_id,
        aws_secret_access_key=secret,
        config=Config(retries={"total_max_attempts": 1}),
    )
    _CLIENT.meta.events.register("before-parse", _before_parse)
    return _CLIENT


def expect_error(label, code, message, call, status=None, **kwargs):
    """Calls `call(**kwargs)` and checks that it fails with exactly `code` and `message`."""
    try:
        response = call(**kwargs)
    except ClientError as e:
        error = e.response.get("Error", {})
        actual = (error.get("Code"), error.get("Message"))
        if actual != (code, message):
            fail(
                f"{label}: wrong error\n      expected: {code}: {message!r}\n      actual:   {actual[0]}: {actual[1]!r}"
            )
        http_status = e.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
        if http_status is None or not 400 <= http_status < 500:
            fail(f"{label}: {code} came with HTTP {http_status}, expected a 4xx")
        if status is not None and http_status != status:
            fail(f"{label}: {code} came with HTTP {http_status}, the recording shows HTTP {status}")
        modelled = getattr(_CLIENT.exceptions, code, None)
        if modelled is not None and not isinstance(e, modelled):
            fail(f"{label}: botocore raised {type(e).__name__}, not the modelled {code}")
        ok(f"{label}: {code}: {message if len(message) <= 140 else message[:137] + '...'}")
        return e
    fail(f"{label}: expected {code} ({message!r}) but the call succeeded: {body(response)!r}")


def expect_error_code(label, code, call, **kwargs):
    """Like expect_error, for errors whose message no recording shows: checks the code, a 4xx
    status and the modelled exception class, and that there is a message. Returns the message."""
    try:
        response = call(**kwargs)
    except ClientError as e:
        error = e.response.get("Error", {})
        if error.get("Code") != code:
            fail(f"{label}: wrong error\n      expected: {code}\n      actual:   {error.get('Code')}: {error.get('Message')!r}")
        http_status = e.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
        if http_status is None or not 400 <= http_status < 500:
            fail(f"{label}: {code} came with HTTP {http_status}, expected a 4xx")
        modelled = getattr(_CLIENT.exceptions, code, None)
        if modelled is not None and not isinstance(e, modelled):
            fail(f"{label}: botocore raised {type(e).__name__}, not the modelled {code}")
        message = error.get("Message") or ""
        if not message:
            fail(f"{label}: {code} without a message")
        ok(f"{label}: {code} (message not recorded; got {message[:100]!r})")
        return message
    fail(f"{label}: expected {code} but the call succeeded: {body(response)!r}")


def paginate(operation, page_size, **kwargs):
    """All pages through botocore's paginator, which raises PaginationError if a token repeats."""
    pages = list(_CLIENT.get_paginator(operation).paginate(PaginationConfig={"PageSize": page_size}, **kwargs))
    tokens = [p.get("nextToken") for p in pages]
    check(
        f"{operation} paginator (PageSize={page_size}, {len(pages)} pages): a fresh nextToken on every page but the last, none on the last",
        all(isinstance(t, str) and t for t in tokens[:-1]) and len(set(tokens[:-1])) == len(tokens) - 1 and "nextToken" not in pages[-1],
        repr(tokens),
    )
    return pages


def finish():
    """The last line of a scenario that passed."""
    print(f"PASS: {_PASSED} checks", flush=True)


def cli_env(access_key_id, secret, region):
    """The environment of an AWS CLI signing for `region` with `access_key_id`, with the user's own
    AWS configuration kept out."""
    env = dict(os.environ)
    env.update(
        {
            "AWS_ACCESS_KEY_ID": access_key_id,
            "AWS_SECRET_ACCESS_KEY": secret,
            "AWS_DEFAULT_REGION": region,
            "AWS_MAX_ATTEMPTS": "1",
            "AWS_RETRY_MODE": "standard",
            "AWS_PAGER": "",
            "AWS_CONFIG_FILE": os.devnull,
            "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
        }
    )
    env.pop("AWS_PROFILE", None)
    env.pop("AWS_SESSION_TOKEN", None)
    return env
