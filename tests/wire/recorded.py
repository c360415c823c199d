#!/usr/bin/env python3
"""Recorded AWS responses of executions that end, driven through the example server by boto3.

Usage: recorded.py <endpoint-url>

The server's runner ends state machines made of Pass, Succeed and Fail states as soon as they
start, reporting each state to the registry; others stay RUNNING. Every expectation comes from
aws-validation-and-edges.md Part 2 (recordings of the real service), compared field for field.

Run by tests/wire.rs (`boto3_sees_the_recorded_responses_of_executions_the_runner_ends`).
"""

import json
import sys
import time
import uuid

from wirecheck import check_eq, check_keys, check_wire_log, client, expect_error, finish, paginate

if len(sys.argv) != 2:
    sys.exit("usage: recorded.py <endpoint-url>")
ENDPOINT = sys.argv[1]
ROLE = "arn:aws:iam::123456789012:role/wire-test-role"
RUN = uuid.uuid4().hex[:8]

sfn = client(ENDPOINT, "us-east-1", "AKIDRECORDED", "recorded-secret")


def definition(states, start):
    return json.dumps({"StartAt": start, "States": states}, separators=(",", ":"))


PASS = definition({"State_1": {"Type": "Pass", "End": True}}, "State_1")
FAIL = definition({"F": {"Type": "Fail", "Error": "Oops", "Cause": "on purpose"}}, "F")
WAIT = definition({"W": {"Type": "Wait", "Seconds": 3600, "End": True}}, "W")


def machine(kind, definition_):
    name = f"recorded-{kind}-{RUN}"
    return sfn.create_state_machine(name=name, definition=definition_, roleArn=ROLE)["stateMachineArn"]


def ended(sm_arn):
    """Starts an execution of `sm_arn`; its ARN once the runner has ended it."""
    arn = sfn.start_execution(stateMachineArn=sm_arn, input="{}")["executionArn"]
    for _ in range(100):
        if sfn.describe_execution(executionArn=arn)["status"] != "RUNNING":
            return arn
        time.sleep(0.05)
    return arn


def history(arn, reverse=False, page_size=1):
    pages = paginate("get_execution_history", page_size, executionArn=arn, reverseOrder=reverse)
    return [(e["id"], e["type"], e["previousEventId"]) for p in pages for e in p["events"]]


def check_history(label, arn, want):
    check_eq(f"{label}: (id, type, previousEventId), one event a page", history(arn), want)
    check_eq(f"{label}: reverseOrder keeps every previousEventId", history(arn, True), list(reversed(want)))
    check_eq(f"{label}: in one page", history(arn, page_size=100), want)


# =================================================================================================
# GetExecutionHistory previousEventId (aws-validation-and-edges.md §2b)
# =================================================================================================

print("# GetExecutionHistory previousEventId (§2b)", flush=True)
PASS_SM = machine("pass", PASS)
FAIL_SM = machine("fail", FAIL)
WAIT_SM = machine("wait", WAIT)

# test_sfn_api.py::test_start_execution (2024-06-30).
SUCCEEDED = ended(PASS_SM)
check_history(
    "a Pass state machine",
    SUCCEEDED,
    [(1, "ExecutionStarted", 0), (2, "PassStateEntered", 0), (3, "PassStateExited", 2), (4, "ExecutionSucceeded", 3)],
)
# base/test_base.py::test_state_fail (2024-03-06).
FAILED = ended(FAIL_SM)
check_history(
    "a Fail state machine",
    FAILED,
    [(1, "ExecutionStarted", 0), (2, "FailStateEntered", 0), (3, "ExecutionFailed", 2)],
)
# A Wait state is beyond the runner: stopped before any state was reported, the abort points at 0.
waiting = sfn.start_execution(stateMachineArn=WAIT_SM)["executionArn"]
resp = sfn.stop_execution(executionArn=waiting)
check_keys("stop the waiting execution", resp, ["stopDate"])
check_history("a stopped execution", waiting, [(1, "ExecutionStarted", 0), (2, "ExecutionAborted", 0)])

# =================================================================================================
# DescribeExecution redrive fields (aws-validation-and-edges.md §2g, §2h item 7)
# =================================================================================================

print("# DescribeExecution redrive fields (§2g)", flush=True)


def check_redrive(label, arn, status, want):
    resp = sfn.describe_execution(executionArn=arn)
    check_eq(f"{label}: status", resp["status"], status)
    got = {k: v for k, v in resp.items() if k.startswith("redrive")}
    check_eq(f"{label}: redriveCount, redriveStatus, redriveStatusReason (no redriveDate)", got, want)
    return resp


# test_sfn_api.py::test_describe_execution (2024-08-21).
resp = check_redrive(
    "SUCCEEDED",
    SUCCEEDED,
    "SUCCEEDED",
    {"redriveCount": 0, "redriveStatus": "NOT_REDRIVABLE", "redriveStatusReason": "Execution is SUCCEEDED and cannot be redriven"},
)
check_keys(
    "describe a SUCCEEDED execution",
    resp,
    ["executionArn", "input", "inputDetails", "name", "output", "outputDetails", "redriveCount", "redriveStatus",
     "redriveStatusReason", "startDate", "stateMachineArn", "status", "stopDate"],
)
# base/test_base.py::test_state_fail (2024-03-06): REDRIVABLE and no redriveStatusReason.
resp = check_redrive("FAILED", FAILED, "FAILED", {"redriveCount": 0, "redriveStatus": "REDRIVABLE"})
check_eq("FAILED: error and cause of the Fail state", (resp.get("error"), resp.get("cause")), ("Oops", "on purpose"))
# The EventBridge event of a RUNNING execution (2024-02-07) carries this reason.
running = sfn.start_execution(stateMachineArn=WAIT_SM)["executionArn"]
check_redrive(
    "RUNNING",
    running,
    "RUNNING",
    {"redriveCount": 0, "redriveStatus": "NOT_REDRIVABLE", "redriveStatusReason": "Execution is RUNNING and cannot be redriven"},
)
# ABORTED was not observed: RedriveExecution's documentation redrives aborted executions.
check_redrive("ABORTED", waiting, "ABORTED", {"redriveCount": 0, "redriveStatus": "REDRIVABLE"})
sfn.stop_execution(executionArn=running)

# =================================================================================================
# StartExecution input that is not JSON (aws-validation-and-edges.md §2i)
# =================================================================================================

print("# StartExecution input that is not JSON (§2i)", flush=True)
# test_sfn_api.py::test_invalid_start_execution_input (2023-06-22).
for label, data, detail in [
    (
        "a bare word",
        "not some json",
        "Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')",
    ),
    ("single quotes", "{'not': 'json'", "Unexpected character (''' (code 39)): was expecting double-quote to start field name"),
    ("an empty string", "", "Invalid execution input."),
]:
    expect_error(
        f"StartExecution with {label} as input",
        "InvalidExecutionInput",
        f"Invalid State Machine Execution Input: '{detail}'",
        sfn.start_execution,
        stateMachineArn=WAIT_SM,
        input=data,
    )
for data in ["2", '"some string"', "null"]:
    arn = sfn.start_execution(stateMachineArn=WAIT_SM, input=data)["executionArn"]
    check_eq(f"StartExecution accepts {data} as input", sfn.describe_execution(executionArn=arn)["input"], data)
    sfn.stop_execution(executionArn=arn)

for arn in (PASS_SM, FAIL_SM, WAIT_SM):
    sfn.delete_state_machine(stateMachineArn=arn)

check_wire_log("recorded")
finish()
