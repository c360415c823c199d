#!/usr/bin/env python3
"""Many regions and accounts, one endpoint: drives the example server with boto3 clients (and the
AWS CLI) signing for several regions and access keys.

Usage: scopes.py <endpoint-url> <default-region> <default-account-id>

The server is started with --region <default-region> --account-id <default-account-id>. Checks:

- boto3 clients signing for us-west-2, cn-north-1 and us-gov-west-1 with the access key
  111111111111, for us-west-2 with 222222222222, and for us-west-2 with a key that is not 12 digits
  (the server's default account), each build the same resources under the same names and see only
  their own, with their own partition, region and account in every ARN of every response;
- a request without an Authorization header, or with one the server cannot read, acts in the
  default region and account, and never gets a 5xx;
- the partition of every region botocore's partitions.json lists, and of regions its regexes
  match, is the one botocore's own resolver gives (through the ARN the server answers).

One line is printed per passed check; the first failure prints a message and exits with status 1.
Run by tests/wire.rs (`cargo test --test wire`), which sets up the venv and starts the server.
"""

import json
import os
import subprocess
import sys
import urllib.error
import urllib.request

import boto3
import botocore.loaders
from botocore.config import Config
from botocore.endpoint_provider import RuleSetStandardLibrary
from botocore.exceptions import ClientError

from wirecheck import check, check_eq, cli_env, fail, ok, passed

if len(sys.argv) != 4:
    sys.exit("usage: scopes.py <endpoint-url> <default-region> <default-account-id>")
ENDPOINT, DEFAULT_REGION, DEFAULT_ACCOUNT = sys.argv[1:]
SECRET = "wire-test-secret"

PARTITIONS = RuleSetStandardLibrary(botocore.loaders.create_loader().load_data("partitions"))


def partition_of(region):
    """The partition botocore's endpoint rules resolve `region` to."""
    return PARTITIONS.aws_partition(region)["name"]


def expect_error(label, code, call, **kwargs):
    try:
        response = call(**kwargs)
    except ClientError as e:
        actual = e.response.get("Error", {}).get("Code")
        status = e.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
        if actual != code or not 400 <= status < 500:
            fail(f"{label}: expected {code}, got {actual} (HTTP {status}): {e}")
        ok(f"{label}: {code}")
        return
    fail(f"{label}: expected {code} but the call succeeded: {response!r}")


def arns(value):
    """Every string in `value` that is an ARN."""
    if isinstance(value, str):
        return [value] if value.startswith("arn:") else []
    if isinstance(value, dict):
        return [a for k, v in value.items() if k != "ResponseMetadata" for a in arns(v)]
    if isinstance(value, list):
        return [a for v in value for a in arns(v)]
    return []


def definition(result):
    return json.dumps({"StartAt": "P", "States": {"P": {"Type": "Pass", "Result": result, "End": True}}})


class Scope:
    """A boto3 client signing for `region` with `key`, and the ARNs it must see."""

    def __init__(self, label, region, key, partition, account):
        self.label = label
        self.region = region
        self.key = key
        self.partition = partition
        self.account = account
        self.head = f"arn:{partition}:states:{region}:{account}:"
        self.role = f"arn:{partition}:iam::{account}:role/wire-scopes"
        self.sfn = boto3.client(
            "stepfunctions",
            endpoint_url=ENDPOINT,
            region_name=region,
            aws_access_key_id=key,
            aws_secret_access_key=SECRET,
            config=Config(retries={"total_max_attempts": 1}),
        )
        self.resources = {}

    def own(self, label, response):
        """Every ARN of `response` is this scope's (or the role it was given)."""
        found = arns(response)
        foreign = [a for a in found if not a.startswith(self.head) and a != self.role]
        check(f"{self.label}: {label}: all {len(found)} ARNs are in {self.head}", found and not foreign, f"foreign: {foreign}")
        return response


SCOPES = [
    Scope("us-west-2/111111111111", "us-west-2", "111111111111", "aws", "111111111111"),
    Scope("cn-north-1/111111111111", "cn-north-1", "111111111111", "aws-cn", "111111111111"),
    Scope("us-gov-west-1/111111111111", "us-gov-west-1", "111111111111", "aws-us-gov", "111111111111"),
    Scope("us-west-2/222222222222", "us-west-2", "222222222222", "aws", "222222222222"),
    Scope("us-west-2/AKIAIOSFODNN7EXAMPLE", "us-west-2", "AKIAIOSFODNN7EXAMPLE", "aws", DEFAULT_ACCOUNT),
]

# --- the SDK's own view of the partitions --------------------------------------------------------

print("# boto3 signs for each region with the partition the server uses", flush=True)
for scope in SCOPES:
    check_eq(f"{scope.label}: botocore's partition", partition_of(scope.region), scope.partition)
    check_eq(
        f"{scope.label}: boto3 signs for {scope.region}",
        scope.sfn.meta.region_name,
        scope.region,
    )

# --- the same resources in every scope -----------------------------------------------------------

print("# every scope builds the same resources under the same names", flush=True)
for scope in SCOPES:
    sfn = scope.sfn
    created = scope.own(
        "CreateStateMachine",
        sfn.create_state_machine(name="orders", definition=definition("v1"), roleArn=scope.role, publish=True),
    )
    sm = created["stateMachineArn"]
    check_eq(f"{scope.label}: the state machine ARN", sm, f"{scope.head}stateMachine:orders")
    updated = scope.own(
        "UpdateStateMachine",
        sfn.update_state_machine(stateMachineArn=sm, definition=definition("v2"), publish=True),
    )
    v1, v2 = created["stateMachineVersionArn"], updated["stateMachineVersionArn"]
    alias = scope.own(
        "CreateStateMachineAlias",
        sfn.create_state_machine_alias(
            name="PROD",
            routingConfiguration=[
                {"stateMachineVersionArn": v1, "weight": 50},
                {"stateMachineVersionArn": v2, "weight": 50},
            ],
        ),
    )["stateMachineAliasArn"]
    scope.own("TagResource", {"r": sm, **sfn.tag_resource(resourceArn=sm, tags=[{"key": "scope", "value": scope.label}])})
    execution = scope.own(
        "StartExecution", sfn.start_execution(stateMachineArn=alias, name="run-1", input="{}")
    )["executionArn"]
    scope.resources = {"sm": sm, "v1": v1, "alias": alias, "execution": execution}

    scope.own("DescribeStateMachine", sfn.describe_state_machine(stateMachineArn=sm))
    scope.own("DescribeStateMachine (version)", sfn.describe_state_machine(stateMachineArn=v2))
    scope.own("DescribeStateMachineAlias", sfn.describe_state_machine_alias(stateMachineAliasArn=alias))
    scope.own("ListStateMachineVersions", sfn.list_state_machine_versions(stateMachineArn=sm))
    scope.own("ListStateMachineAliases", sfn.list_state_machine_aliases(stateMachineArn=sm))
    scope.own("ListTagsForResource", {"r": sm, **sfn.list_tags_for_resource(resourceArn=sm)})
    described = scope.own("DescribeExecution", sfn.describe_execution(executionArn=execution))
    check_eq(f"{scope.label}: the execution ran through the alias", described["stateMachineAliasArn"], alias)
    scope.own("ListExecutions", sfn.list_executions(stateMachineArn=sm))
    scope.own("ListExecutions (alias)", sfn.list_executions(stateMachineArn=alias))
    scope.own("DescribeStateMachineForExecution", sfn.describe_state_machine_for_execution(executionArn=execution))
    scope.own("GetExecutionHistory", sfn.get_execution_history(executionArn=execution))

# --- each scope sees only its own ----------------------------------------------------------------

print("# each scope sees only its own resources", flush=True)
for scope in SCOPES:
    sfn = scope.sfn
    listed = scope.own("ListStateMachines", sfn.list_state_machines())
    check_eq(
        f"{scope.label}: ListStateMachines lists its own state machine only",
        [s["stateMachineArn"] for s in listed["stateMachines"]],
        [scope.resources["sm"]],
    )
    for other in SCOPES:
        if other is scope:
            continue
        theirs = other.resources
        for what, code, call, member, resource in [
            ("state machine", "StateMachineDoesNotExist", sfn.describe_state_machine, "stateMachineArn", "sm"),
            ("version", "StateMachineDoesNotExist", sfn.describe_state_machine, "stateMachineArn", "v1"),
            ("alias", "ResourceNotFound", sfn.describe_state_machine_alias, "stateMachineAliasArn", "alias"),
            ("execution", "ExecutionDoesNotExist", sfn.describe_execution, "executionArn", "execution"),
            ("tags", "ResourceNotFound", sfn.list_tags_for_resource, "resourceArn", "sm"),
            ("alias, to start", "StateMachineDoesNotExist", sfn.start_execution, "stateMachineArn", "alias"),
        ]:
            expect_error(f"{scope.label} asks for {other.label}'s {what}", code, call, **{member: theirs[resource]})

# Deleting in one scope leaves the others alone.
west = SCOPES[0]
west.sfn.delete_state_machine_alias(stateMachineAliasArn=west.resources["alias"])
for scope in SCOPES[1:]:
    scope.own(f"after {west.label} deleted its alias, DescribeStateMachineAlias", scope.sfn.describe_state_machine_alias(stateMachineAliasArn=scope.resources["alias"]))

# --- the AWS CLI ----------------------------------------------------------------------------------

print("# the AWS CLI, signing for cn-north-1 with 222222222222", flush=True)
AWS = os.path.join(os.path.dirname(sys.executable), "aws")
CLI_ENV = cli_env("222222222222", SECRET, "cn-north-1")


def aws(*args):
    cmd = [AWS, "--endpoint-url", ENDPOINT, "--region", "cn-north-1", "--output", "json", "stepfunctions", *args]
    proc = subprocess.run(cmd, env=CLI_ENV, capture_output=True, text=True, timeout=120)
    if proc.returncode != 0:
        fail(f"`aws stepfunctions {' '.join(args)}` exited {proc.returncode}: {proc.stderr.strip()}")
    return json.loads(proc.stdout) if proc.stdout.strip() else {}


created = aws(
    "create-state-machine",
    "--name", "cli-orders",
    "--definition", definition("cli"),
    "--role-arn", "arn:aws-cn:iam::222222222222:role/wire-scopes",
)
check_eq("CLI: create-state-machine in aws-cn/cn-north-1/222222222222", created.get("stateMachineArn"),
         "arn:aws-cn:states:cn-north-1:222222222222:stateMachine:cli-orders")
listed = aws("list-state-machines")
check_eq("CLI: list-state-machines lists that scope's only", [s["stateMachineArn"] for s in listed["stateMachines"]],
         ["arn:aws-cn:states:cn-north-1:222222222222:stateMachine:cli-orders"])

# --- requests without a readable Authorization header --------------------------------------------


def raw(target, payload, authorization=None):
    """POSTs `payload` with `authorization` (bytes, or None for no header); (status, JSON body)."""
    headers = {"Content-Type": "application/x-amz-json-1.0", "X-Amz-Target": f"AWSStepFunctions.{target}"}
    request = urllib.request.Request(ENDPOINT + "/", data=json.dumps(payload).encode(), headers=headers, method="POST")
    if authorization is not None:
        request.add_unredirected_header("Authorization", authorization)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read())


print(f"# no or an unreadable Authorization header: {DEFAULT_REGION} / {DEFAULT_ACCOUNT}", flush=True)
DEFAULT_HEAD = f"arn:{partition_of(DEFAULT_REGION)}:states:{DEFAULT_REGION}:{DEFAULT_ACCOUNT}:"
SIGNED = "SignedHeaders=host;x-amz-date, Signature=00"
for n, authorization in enumerate(
    [
        None,
        "",
        "Bearer token",
        "AWS AKIAIOSFODNN7EXAMPLE:c2lnbmF0dXJl",
        f"AWS4-HMAC-SHA256 Credential=111111111111/20240101/cn-north-1/states/aws4_request",
        f"AWS4-HMAC-SHA256 Credential=111111111111/20240101/cn-north-1/states, {SIGNED}",
        f"AWS4-HMAC-SHA256 Credential=111111111111/2024/cn-north-1/states/aws4_request, {SIGNED}",
        f"AWS4-HMAC-SHA256 Credential=111111111111/20240101/CN-NORTH-1/states/aws4_request, {SIGNED}",
        f"AWS4-HMAC-SHA256 Credential=111111111111/20240101/cn-north-1/states/aws4_request, Credential=x, {SIGNED}",
        f"AWS4-ECDSA-P256-SHA256 Credential=111111111111/20240101/states/aws4_request, {SIGNED}",
        "AWS4-HMAC-SHA256 " + "Credential=" * 1000,
    ]
):
    status, created = raw(
        "CreateStateMachine",
        {"name": f"unsigned-{n}", "definition": definition("u"), "roleArn": "arn:aws:iam::123456789012:role/r"},
        authorization,
    )
    shown = authorization if authorization is None or len(authorization) < 70 else authorization[:40] + "..." + authorization[-20:]
    check_eq(
        f"Authorization {shown!r}: the default scope",
        (status, created.get("stateMachineArn")),
        (200, f"{DEFAULT_HEAD}stateMachine:unsigned-{n}"),
    )

# Spacing and order as AWS reads them.
for n, authorization in enumerate(
    [
        f"AWS4-HMAC-SHA256 Credential=333333333333/20240101/eu-west-3/states/aws4_request,{SIGNED.replace(' ', '')}",
        f"AWS4-HMAC-SHA256  Signature=00 , SignedHeaders=host , Credential=333333333333/20240101/eu-west-3/states/aws4_request",
    ]
):
    status, created = raw(
        "CreateStateMachine",
        {"name": f"spaced-{n}", "definition": definition("s"), "roleArn": "arn:aws:iam::333333333333:role/r"},
        authorization,
    )
    check_eq(
        f"Authorization {authorization!r}: eu-west-3 / 333333333333",
        (status, created.get("stateMachineArn")),
        (200, f"arn:aws:states:eu-west-3:333333333333:stateMachine:spaced-{n}"),
    )

# --- the partition of every region botocore knows -------------------------------------------------

print("# the partition of every region in botocore's partitions.json, and of regions its regexes match", flush=True)
data = botocore.loaders.create_loader().load_data("partitions")
regions = sorted({r for p in data["partitions"] for r in p["regions"]})
regions += [
    "us-north-9", "ap-south-12", "cn-south-3", "eusc-de-west-2", "us-iso-north-7", "us-isob-south-1",
    "eu-isoe-east-4", "us-isof-west-2", "us-gov-central-3", "eusc-fr-east-1", "us-isoc-east-1", "mars-north-1",
    "local", "cn-north", "us-gov-1",
]
session = boto3.session.Session()
for region in regions:
    expected = partition_of(region)
    try:
        legacy = session.get_partition_for_region(region)
    except Exception:  # the legacy resolver knows no partition for some: the rules fall back to aws
        legacy = None
    if legacy is not None and legacy != expected:
        fail(f"botocore's two resolvers disagree on {region}: {legacy} and {expected}")
    header = f"AWS4-HMAC-SHA256 Credential=444444444444/20240101/{region}/states/aws4_request, {SIGNED}"
    status, created = raw(
        "CreateStateMachine",
        {"name": "p", "definition": definition("p"), "roleArn": "arn:aws:iam::444444444444:role/r"},
        header,
    )
    check_eq(
        f"{region}: {expected}",
        (status, created.get("stateMachineArn")),
        (200, f"arn:{expected}:states:{region}:444444444444:stateMachine:p"),
    )

print(f"\nPASS: {passed()} checks", flush=True)
