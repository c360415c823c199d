"""Helpers the wire scripts share: one line per passed check, the first failure ends the script
with status 1, and the environment the AWS CLI runs in."""

import os
import sys

_passed = 0


def passed():
    """How many checks have passed."""
    return _passed


def fail(message):
    print(f"FAIL: {message}", flush=True)
    print(f"{os.path.basename(sys.argv[0])} failed after {_passed} passed checks", file=sys.stderr, flush=True)
    sys.exit(1)


def ok(label):
    global _passed
    _passed += 1
    print(f"ok {_passed:3d}  {label}", flush=True)


def check(label, condition, detail=""):
    if not condition:
        fail(f"{label}" + (f"\n      {detail}" if detail else ""))
    ok(label)


def check_eq(label, actual, expected):
    if actual != expected:
        fail(f"{label}\n      expected: {expected!r}\n      actual:   {actual!r}")
    ok(label)


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
