#!/usr/bin/env python3
"""End-to-end wire scenario: drives the example server with the real boto3 client and AWS CLI v1.

Usage: scenario.py <endpoint-url>       (e.g. http://127.0.0.1:8083)

Every expectation below comes from the reference aws-behaviour.md (recordings of the
real service) or wire-format.md (what botocore sends and accepts). Error codes and messages are
compared verbatim. One line is printed per passed check; the first failure prints a clear
message and exits with status 1.

Run by tests/wire.rs (`cargo test --test wire`), which sets up the venv and starts the server.
"""

import json
import os
import re
import subprocess
import sys
import uuid

from wirecheck import (
    check,
    check_absent,
    check_datetime,
    check_eq,
    check_keys,
    check_present,
    check_uuid,
    check_wire_log,
    cli_env,
    client,
    expect_error,
    expect_error_code,
    fail,
    finish,
    ok,
    paginate,
)

if len(sys.argv) != 2:
    sys.exit("usage: scenario.py <endpoint-url>")
ENDPOINT = sys.argv[1]
REGION = "us-east-1"
DUMMY_KEY_ID = "AKIDWIRETEST"
DUMMY_SECRET = "wire-test-secret"
ROLE = "arn:aws:iam::123456789012:role/wire-test-role"
ALIAS_PATTERN = r"^(?=.*[a-zA-Z_\-\.])[a-zA-Z0-9_\-\.]+$"

# Names are unique per run, so the scenario also works against a long-running server.
RUN = uuid.uuid4().hex[:8]

sfn = client(ENDPOINT, REGION, DUMMY_KEY_ID, DUMMY_SECRET)


def definition(result):
    return json.dumps(
        {
            "Comment": f"wire test {RUN}",
            "StartAt": "Pass",
            "States": {"Pass": {"Type": "Pass", "Result": result, "End": True}},
        },
        separators=(",", ":"),
    )


DEF1 = definition("R1")
DEF2 = definition("R2")
DEF3 = definition("R3")
DEF4 = definition("R4")

ARN_RE = re.compile(r"^arn:aws:states:us-east-1:(\d{12}):stateMachine:([A-Za-z0-9_-]+)$")


def create(name, **kwargs):
    kwargs.setdefault("definition", DEF1)
    kwargs.setdefault("roleArn", ROLE)
    return sfn.create_state_machine(name=name, **kwargs)


# =================================================================================================
# 1. CreateStateMachine (§2.1)
# =================================================================================================

print("# CreateStateMachine", flush=True)
sm_a_name = f"wire-a-{RUN}"
resp = create(sm_a_name)
SM_A = resp["stateMachineArn"]
m = ARN_RE.match(SM_A)
check("create without publish: stateMachineArn is arn:aws:states:us-east-1:<acct>:stateMachine:<name>", m and m.group(2) == sm_a_name, SM_A)
ACCOUNT = m.group(1)
PREFIX = f"arn:aws:states:{REGION}:{ACCOUNT}:stateMachine:"
check_keys("create without publish", resp, ["creationDate", "stateMachineArn"])
check_absent("create without publish", resp, "stateMachineVersionArn")
check_datetime("create without publish: creationDate", resp["creationDate"])
check("response carries x-amzn-RequestId as ResponseMetadata.RequestId", bool(resp["ResponseMetadata"].get("RequestId")))

sm_v_name = f"wire-v-{RUN}"
resp = create(sm_v_name, publish=True)
SM_V = resp["stateMachineArn"]
check_eq("create with publish: stateMachineArn", SM_V, PREFIX + sm_v_name)
check_keys("create with publish", resp, ["creationDate", "stateMachineArn", "stateMachineVersionArn"])
check_eq("create with publish: stateMachineVersionArn is <sm>:1", resp["stateMachineVersionArn"], f"{SM_V}:1")
check_datetime("create with publish: creationDate", resp["creationDate"])

sm_x_name = f"wire-x-{RUN}"
expect_error(
    "create with versionDescription but no publish",
    "ValidationException",
    "Version description can only be set when publish is true",
    create,
    status=400,
    name=sm_x_name,
    versionDescription="HelloWorld!",
)
expect_error(
    "the rejected create changed nothing (describe it)",
    "StateMachineDoesNotExist",
    f"State Machine Does Not Exist: '{PREFIX + sm_x_name}'",
    sfn.describe_state_machine,
    status=400,
    stateMachineArn=PREFIX + sm_x_name,
)
expect_error(
    "versionDescription with publish=false",
    "ValidationException",
    "Version description can only be set when publish is true",
    create,
    name=sm_x_name,
    publish=False,
    versionDescription="HelloWorld!",
)

# aws-validation-and-edges.md §2e (aws/amazon-sagemaker-examples#2432, real AWS): a role that is not
# an ARN, echoed verbatim.
expect_error(
    "create with a role that is not an ARN",
    "InvalidArn",
    "Invalid Role Arn: '<execution-role-arn>'",
    create,
    status=400,
    name=sm_x_name,
    roleArn="<execution-role-arn>",
)
expect_error(
    "update with a role that is not an ARN",
    "InvalidArn",
    "Invalid Role Arn: 'not-a-role-arn'",
    sfn.update_state_machine,
    status=400,
    stateMachineArn=SM_A,
    roleArn="not-a-role-arn",
)
resp = create(f"wire-policy-role-{RUN}", roleArn="arn:aws:iam::aws:policy/AWSBatchFullAccess")
check("a well-formed ARN of another resource type is not refused (not observed on AWS)", "stateMachineArn" in resp)
sfn.delete_state_machine(stateMachineArn=resp["stateMachineArn"])

resp = create(sm_a_name)
check_eq("identical create is idempotent: same stateMachineArn", resp["stateMachineArn"], SM_A)
check_absent("identical create without publish", resp, "stateMachineVersionArn")

expect_error(
    "same name, re-formatted (indent=4) but equal definition",
    "StateMachineAlreadyExists",
    f"State Machine Already Exists: '{SM_A}'",
    create,
    name=sm_a_name,
    definition=json.dumps(json.loads(DEF1), indent=4),
)

# =================================================================================================
# 2. DescribeStateMachine (§2.10, §1.1)
# =================================================================================================

print("# DescribeStateMachine", flush=True)
resp = sfn.describe_state_machine(stateMachineArn=SM_A)
check_present(
    "describe unqualified",
    resp,
    "creationDate", "definition", "loggingConfiguration", "name", "roleArn", "stateMachineArn", "status",
    "tracingConfiguration", "type",
)
check_absent("describe unqualified, never updated", resp, "revisionId", "description", "label")
check_eq("describe unqualified: stateMachineArn", resp["stateMachineArn"], SM_A)
check_eq("describe unqualified: name", resp["name"], sm_a_name)
check_eq("describe unqualified: definition is the string sent", resp["definition"], DEF1)
check_eq("describe unqualified: roleArn", resp["roleArn"], ROLE)
check_eq("describe unqualified: status", resp["status"], "ACTIVE")
check_eq("describe unqualified: type", resp["type"], "STANDARD")
check_eq(
    "describe unqualified: loggingConfiguration",
    resp["loggingConfiguration"],
    {"includeExecutionData": False, "level": "OFF"},
)
check_eq("describe unqualified: tracingConfiguration", resp["tracingConfiguration"], {"enabled": False})
# aws-validation-and-edges.md §2d: every recording since 2024-11 of a machine created without one.
check_eq("describe unqualified: encryptionConfiguration", resp["encryptionConfiguration"], {"type": "AWS_OWNED_KEY"})
check_datetime("describe unqualified: creationDate", resp["creationDate"])

resp = sfn.describe_state_machine(stateMachineArn=f"{SM_V}:1")
check_eq("describe version: stateMachineArn is the version ARN", resp["stateMachineArn"], f"{SM_V}:1")
check_eq("describe version: name is the plain name", resp["name"], sm_v_name)
check_eq("describe version: status", resp["status"], "ACTIVE")
check_eq("describe version: type", resp["type"], "STANDARD")
check_eq("describe version: definition", resp["definition"], DEF1)
check_eq(
    "describe version: loggingConfiguration",
    resp["loggingConfiguration"],
    {"includeExecutionData": False, "level": "OFF"},
)
check_eq("describe version: tracingConfiguration", resp["tracingConfiguration"], {"enabled": False})
check_eq("describe version: encryptionConfiguration", resp["encryptionConfiguration"], {"type": "AWS_OWNED_KEY"})
check_absent("describe version published without description, from the initial revision", resp, "description", "revisionId")
check_datetime("describe version: creationDate", resp["creationDate"])

sm_d_name = f"wire-d-{RUN}"
resp = create(sm_d_name, publish=True, versionDescription="HelloWorld!")
SM_D = resp["stateMachineArn"]
check_eq("create with publish + versionDescription: version :1", resp["stateMachineVersionArn"], f"{SM_D}:1")
resp = sfn.describe_state_machine(stateMachineArn=f"{SM_D}:1")
check_eq("describe version with a description: description", resp.get("description"), "HelloWorld!")
resp = sfn.describe_state_machine(stateMachineArn=SM_D)
check_absent("describe unqualified of a machine whose version has a description", resp, "description")

expect_error(
    "describe a malformed ARN",
    "InvalidArn",
    "Invalid Arn: 'Invalid ARN prefix: not_a_valid_arn'",
    sfn.describe_state_machine,
    stateMachineArn="not_a_valid_arn",
)
missing = PREFIX + f"wire-missing-{RUN}"
expect_error(
    "describe an unknown state machine",
    "StateMachineDoesNotExist",
    f"State Machine Does Not Exist: '{missing}'",
    sfn.describe_state_machine,
    status=400,
    stateMachineArn=missing,
)

# =================================================================================================
# 3. UpdateStateMachine (§2.2)
# =================================================================================================

print("# UpdateStateMachine", flush=True)
resp = sfn.update_state_machine(stateMachineArn=SM_A, definition=DEF1, publish=True)
check_keys("same definition + publish on a never-updated machine", resp, ["stateMachineVersionArn", "updateDate"])
check_eq("same definition + publish on a never-updated machine: version :1", resp["stateMachineVersionArn"], f"{SM_A}:1")
check_absent("same definition + publish on a never-updated machine", resp, "revisionId")
check_datetime("update: updateDate", resp["updateDate"])
resp = sfn.update_state_machine(stateMachineArn=SM_A, definition=DEF1, publish=True)
check_eq("same definition + publish again: still :1", resp["stateMachineVersionArn"], f"{SM_A}:1")
check_absent("same definition + publish again", resp, "revisionId")

resp = sfn.update_state_machine(stateMachineArn=SM_V, definition=DEF1, publish=True)
check_eq("same definition + publish on a machine published at creation: :1", resp["stateMachineVersionArn"], f"{SM_V}:1")
check_absent("same definition + publish on a machine published at creation", resp, "revisionId")

resp = sfn.update_state_machine(stateMachineArn=SM_V, definition=DEF2)
check_keys("real change, no publish", resp, ["revisionId", "updateDate"])
check_absent("real change, no publish", resp, "stateMachineVersionArn")
check_uuid("real change: revisionId", resp["revisionId"])
R2 = resp["revisionId"]
resp = sfn.describe_state_machine(stateMachineArn=SM_V)
check_eq("describe after an update: revisionId is the update's", resp.get("revisionId"), R2)
check_eq("describe after an update: definition", resp["definition"], DEF2)
resp = sfn.update_state_machine(stateMachineArn=SM_V, definition=DEF2)
check_eq("identical parameters after a real update: same revisionId", resp.get("revisionId"), R2)
check_absent("identical parameters after a real update", resp, "stateMachineVersionArn")

expect_error(
    "update with nothing to update",
    "MissingRequiredParameter",
    "Either the definition, the role ARN, the LoggingConfiguration, or the TracingConfiguration must be specified",
    sfn.update_state_machine,
    status=400,
    stateMachineArn=SM_V,
)
expect_error(
    "update a malformed ARN",
    "InvalidArn",
    "Invalid Arn: 'Invalid ARN prefix: not_a_valid_arn'",
    sfn.update_state_machine,
    stateMachineArn="not_a_valid_arn",
    definition=DEF2,
)

# =================================================================================================
# 4. PublishStateMachineVersion (§2.3)
# =================================================================================================

print("# PublishStateMachineVersion", flush=True)
resp = sfn.publish_state_machine_version(stateMachineArn=SM_V, revisionId=R2, description="PublishedV2Description")
check_keys("publish", resp, ["creationDate", "stateMachineVersionArn"])
check_eq("publish the current revision (matching revisionId): :2", resp["stateMachineVersionArn"], f"{SM_V}:2")
check_datetime("publish: creationDate", resp["creationDate"])
resp = sfn.publish_state_machine_version(stateMachineArn=SM_V, description="PublishedV2Description")
check_eq("publish again is idempotent: :2", resp["stateMachineVersionArn"], f"{SM_V}:2")

resp = sfn.describe_state_machine(stateMachineArn=f"{SM_V}:2")
check_eq("describe :2: stateMachineArn", resp["stateMachineArn"], f"{SM_V}:2")
check_eq("describe :2: description", resp.get("description"), "PublishedV2Description")
check_eq("describe :2: revisionId is the published revision's", resp.get("revisionId"), R2)
check_eq("describe :2: definition", resp["definition"], DEF2)

expect_error(
    "update with a version ARN",
    "StateMachineDoesNotExist",
    f"State Machine Does Not Exist: '{SM_V}:2'",
    sfn.update_state_machine,
    status=400,
    stateMachineArn=f"{SM_V}:2",
    definition=DEF3,
)
expect_error(
    "update with a version ARN and publish",
    "StateMachineDoesNotExist",
    f"State Machine Does Not Exist: '{SM_V}:2'",
    sfn.update_state_machine,
    status=400,
    stateMachineArn=f"{SM_V}:2",
    definition=DEF3,
    publish=True,
)

resp = sfn.update_state_machine(stateMachineArn=SM_V, definition=DEF3)
R3 = resp["revisionId"]
check_uuid("second real change: revisionId", R3)
check("second real change: a new revisionId", R3 != R2, R3)
expect_error(
    "publish with a stale revisionId",
    "ConflictException",
    f"Failed to publish the State Machine version for revision {R2}. The current State Machine revision is {R3}.",
    sfn.publish_state_machine_version,
    stateMachineArn=SM_V,
    revisionId=R2,
)
resp = sfn.describe_state_machine(stateMachineArn=f"{SM_V}:1")
check_eq("describe :1 after the machine moved on: still R1's definition", resp["definition"], DEF1)
check_absent("describe :1 after the machine moved on", resp, "revisionId")
resp = sfn.publish_state_machine_version(stateMachineArn=SM_V)
check_eq("publish R3: :3", resp["stateMachineVersionArn"], f"{SM_V}:3")

expect_error(
    "publish on a malformed ARN",
    "InvalidArn",
    "Invalid Arn: 'Invalid ARN prefix: invalid_arn'",
    sfn.publish_state_machine_version,
    stateMachineArn="invalid_arn",
)
expect_error(
    "publish on an unknown state machine",
    "StateMachineDoesNotExist",
    f"State Machine Does Not Exist: '{missing}'",
    sfn.publish_state_machine_version,
    stateMachineArn=missing,
)

# version numbers are never reused (VSNAP test_version_ids_between_deletions)
sm_n_name = f"wire-n-{RUN}"
resp = create(sm_n_name, publish=True)
SM_N = resp["stateMachineArn"]
check_eq("never-reused: create with publish: :1", resp["stateMachineVersionArn"], f"{SM_N}:1")
resp = sfn.update_state_machine(stateMachineArn=SM_N, definition=DEF2, publish=True)
check_keys("real change + publish", resp, ["revisionId", "stateMachineVersionArn", "updateDate"])
check_eq("never-reused: update with a new definition + publish: :2", resp["stateMachineVersionArn"], f"{SM_N}:2")
check_uuid("real change + publish: revisionId", resp["revisionId"])
resp = sfn.delete_state_machine_version(stateMachineVersionArn=f"{SM_N}:2")
check_keys("delete version :2", resp, [])
resp = sfn.delete_state_machine_version(stateMachineVersionArn=f"{SM_N}:2")
check_keys("delete version :2 again is idempotent", resp, [])
resp = sfn.publish_state_machine_version(stateMachineArn=SM_N)
check_eq("never-reused: publish after deleting :2 gives :3", resp["stateMachineVersionArn"], f"{SM_N}:3")
resp = sfn.list_state_machine_versions(stateMachineArn=SM_N)
check_eq(
    "never-reused: list shows :3, :1",
    [v["stateMachineVersionArn"] for v in resp["stateMachineVersions"]],
    [f"{SM_N}:3", f"{SM_N}:1"],
)

# =================================================================================================
# 5. ListStateMachineVersions (§2.5)
# =================================================================================================

print("# ListStateMachineVersions", flush=True)
resp = sfn.list_state_machine_versions(stateMachineArn=SM_V)
check_keys("list versions", resp, ["stateMachineVersions"])
versions = resp["stateMachineVersions"]
check_eq(
    "list versions: newest first",
    [v["stateMachineVersionArn"] for v in versions],
    [f"{SM_V}:3", f"{SM_V}:2", f"{SM_V}:1"],
)
for v in versions:
    check_eq(f"list versions item {v['stateMachineVersionArn'][-2:]}: keys", sorted(v), ["creationDate", "stateMachineVersionArn"])
    check_datetime(f"list versions item {v['stateMachineVersionArn'][-2:]}: creationDate", v["creationDate"])

page1 = sfn.list_state_machine_versions(stateMachineArn=SM_V, maxResults=1)
check_eq("versions page 1 (maxResults=1)", [v["stateMachineVersionArn"] for v in page1["stateMachineVersions"]], [f"{SM_V}:3"])
check("versions page 1 has a nextToken", isinstance(page1.get("nextToken"), str) and page1["nextToken"] != "", repr(page1.get("nextToken")))
page2 = sfn.list_state_machine_versions(stateMachineArn=SM_V, maxResults=1, nextToken=page1["nextToken"])
check_eq("versions page 2", [v["stateMachineVersionArn"] for v in page2["stateMachineVersions"]], [f"{SM_V}:2"])
check("versions page 2 has a new nextToken", page2.get("nextToken") not in (None, "", page1["nextToken"]), repr(page2.get("nextToken")))
page3 = sfn.list_state_machine_versions(stateMachineArn=SM_V, maxResults=1, nextToken=page2["nextToken"])
check_eq("versions page 3", [v["stateMachineVersionArn"] for v in page3["stateMachineVersions"]], [f"{SM_V}:1"])
check_absent("versions page 3 exactly exhausts the list", page3, "nextToken")
resp = sfn.list_state_machine_versions(stateMachineArn=SM_V, maxResults=0)
check_eq("versions maxResults=0: all", len(resp["stateMachineVersions"]), 3)
check_absent("versions maxResults=0", resp, "nextToken")

expect_error(
    "list versions with maxResults=1001",
    "ValidationException",
    "1 validation error detected: Value '1001' at 'maxResults' failed to satisfy constraint: "
    "Member must have value less than or equal to 1000",
    sfn.list_state_machine_versions,
    status=400,
    stateMachineArn=SM_V,
    maxResults=1001,
)
long_token = "t" * 1025
expect_error(
    "list versions with a 1025-char nextToken",
    "ValidationException",
    f"1 validation error detected: Value '{long_token}' at 'nextToken' failed to satisfy constraint: "
    "Member must have length less than or equal to 1024",
    sfn.list_state_machine_versions,
    stateMachineArn=SM_V,
    nextToken=long_token,
)
resp = sfn.list_state_machine_versions(stateMachineArn=SM_A)
check_eq("list versions of sm_a: only :1", [v["stateMachineVersionArn"] for v in resp["stateMachineVersions"]], [f"{SM_A}:1"])

# =================================================================================================
# 6. CreateStateMachineAlias (§2.6)
# =================================================================================================

print("# CreateStateMachineAlias", flush=True)


def route(version, weight):
    return {"stateMachineVersionArn": f"{SM_V}:{version}" if isinstance(version, int) else version, "weight": weight}


resp = sfn.create_state_machine_alias(name="alias-one", description="first", routingConfiguration=[route(1, 100)])
ALIAS_ONE = resp["stateMachineAliasArn"]
check_keys("create alias", resp, ["creationDate", "stateMachineAliasArn"])
check_eq("create alias: stateMachineAliasArn is <sm>:<name>", ALIAS_ONE, f"{SM_V}:alias-one")
check_datetime("create alias: creationDate", resp["creationDate"])
resp = sfn.create_state_machine_alias(name="alias-one", description="first", routingConfiguration=[route(1, 100)])
check_eq("identical create alias is idempotent", resp["stateMachineAliasArn"], ALIAS_ONE)

ALIAS_CONFLICT = (
    "Failed to create alias because an alias with the same name and a different routing configuration already exists."
)
expect_error(
    "same alias name, other description",
    "ConflictException",
    ALIAS_CONFLICT,
    sfn.create_state_machine_alias,
    name="alias-one",
    description="other",
    routingConfiguration=[route(1, 100)],
)
expect_error(
    "same alias name, other routing",
    "ConflictException",
    ALIAS_CONFLICT,
    sfn.create_state_machine_alias,
    name="alias-one",
    description="first",
    routingConfiguration=[route(1, 50), route(2, 50)],
)

for bad_name in ["123", "INVALID ALIAS", "!INVALID", "ALIAS@"]:
    expect_error(
        f"alias name {bad_name!r}",
        "ValidationException",
        f"1 validation error detected: Value '{bad_name}' at 'name' failed to satisfy constraint: "
        f"Member must satisfy regular expression pattern: {ALIAS_PATTERN}",
        sfn.create_state_machine_alias,
        name=bad_name,
        routingConfiguration=[route(1, 100)],
    )
expect_error(
    "alias name of 81 chars",
    "ValidationException",
    f"1 validation error detected: Value '{'A' * 81}' at 'name' failed to satisfy constraint: "
    "Member must have length less than or equal to 80",
    sfn.create_state_machine_alias,
    name="A" * 81,
    routingConfiguration=[route(1, 100)],
)

expect_error(
    "routing with 3 items",
    "ValidationException",
    "1 validation error detected: Value '["
    f"RoutingConfigurationListItem(stateMachineVersionArn={SM_V}:1, weight=50), "
    f"RoutingConfigurationListItem(stateMachineVersionArn={SM_V}:2, weight=30), "
    f"RoutingConfigurationListItem(stateMachineVersionArn={SM_V}:3, weight=20)"
    "]' at 'routingConfiguration' failed to satisfy constraint: Member must have length less than or equal to 2",
    sfn.create_state_machine_alias,
    name="alias-bad",
    routingConfiguration=[route(1, 50), route(2, 30), route(3, 20)],
)
expect_error(
    "routing with duplicate version ARNs",
    "ValidationException",
    f"Routing configuration must contain distinct state machine version ARNs. Received: [{SM_V}:1, {SM_V}:1]",
    sfn.create_state_machine_alias,
    name="alias-bad",
    routingConfiguration=[route(1, 50), route(1, 50)],
)
expect_error(
    "routing with an unqualified ARN next to a version",
    "ValidationException",
    f"Routing configuration must contain state machine version ARNs. Received: [{SM_V}, {SM_V}:2]",
    sfn.create_state_machine_alias,
    name="alias-bad",
    routingConfiguration=[route(SM_V, 70), route(2, 30)],
)
expect_error(
    "routing with only an unqualified ARN",
    "ValidationException",
    f"Routing configuration must contain state machine version ARNs. Received: [{SM_V}]",
    sfn.create_state_machine_alias,
    name="alias-bad",
    routingConfiguration=[route(SM_V, 100)],
)
expect_error(
    "routing with weight 101",
    "ValidationException",
    "1 validation error detected: Value '101' at 'routingConfiguration.1.member.weight' failed to satisfy constraint: "
    "Member must have value less than or equal to 100",
    sfn.create_state_machine_alias,
    name="alias-bad",
    routingConfiguration=[route(1, 101)],
)
for w2 in (29, 31):
    expect_error(
        f"routing weights summing to {70 + w2}",
        "ValidationException",
        f"Sum of routing configuration weights must equal 100. Received: [70, {w2}]",
        sfn.create_state_machine_alias,
        name="alias-bad",
        routingConfiguration=[route(1, 70), route(2, w2)],
    )
expect_error(
    "the rejected aliases were not created (update alias-bad)",
    "ResourceNotFound",
    "Request references a resource that does not exist.",
    sfn.update_state_machine_alias,
    stateMachineAliasArn=f"{SM_V}:alias-bad",
    description="x",
)

# =================================================================================================
# 7. DescribeStateMachineAlias / UpdateStateMachineAlias (§2.7, §2.8)
# =================================================================================================

print("# DescribeStateMachineAlias / UpdateStateMachineAlias", flush=True)
resp = sfn.describe_state_machine_alias(stateMachineAliasArn=ALIAS_ONE)
check_present("describe alias", resp, "creationDate", "description", "name", "routingConfiguration", "stateMachineAliasArn")
check_eq("describe alias: name is the bare name", resp["name"], "alias-one")
check_eq("describe alias: stateMachineAliasArn", resp["stateMachineAliasArn"], ALIAS_ONE)
check_eq("describe alias: description", resp["description"], "first")
check_eq("describe alias: routingConfiguration", resp["routingConfiguration"], [route(1, 100)])
check_datetime("describe alias: creationDate", resp["creationDate"])

resp = sfn.update_state_machine_alias(stateMachineAliasArn=ALIAS_ONE, description="new description")
check_keys("update alias description", resp, ["updateDate"])
check_datetime("update alias: updateDate", resp["updateDate"])
resp = sfn.describe_state_machine_alias(stateMachineAliasArn=ALIAS_ONE)
check_eq("after a description-only update: description", resp["description"], "new description")
check_eq("after a description-only update: routing unchanged", resp["routingConfiguration"], [route(1, 100)])
resp = sfn.update_state_machine_alias(stateMachineAliasArn=ALIAS_ONE, routingConfiguration=[route(1, 50), route(2, 50)])
check_keys("update alias routing", resp, ["updateDate"])
resp = sfn.describe_state_machine_alias(stateMachineAliasArn=ALIAS_ONE)
check_keys(
    "describe alias after an update",
    resp,
    ["creationDate", "description", "name", "routingConfiguration", "stateMachineAliasArn", "updateDate"],
)
check_eq("after a routing-only update: description kept", resp["description"], "new description")
check_eq("after a routing-only update: routing, in the order given", resp["routingConfiguration"], [route(1, 50), route(2, 50)])
check_datetime("describe alias: updateDate", resp["updateDate"])
check("describe alias: updateDate >= creationDate", resp["updateDate"] >= resp["creationDate"])

resp = sfn.create_state_machine_alias(name="alias-two", routingConfiguration=[route(2, 100)])
ALIAS_TWO = resp["stateMachineAliasArn"]
check_eq("create a second alias", ALIAS_TWO, f"{SM_V}:alias-two")

# =================================================================================================
# 8. ListStateMachineAliases (§2.9)
# =================================================================================================

print("# ListStateMachineAliases", flush=True)
resp = sfn.list_state_machine_aliases(stateMachineArn=SM_V)
check_keys("list aliases", resp, ["stateMachineAliases"])
check_eq("list aliases: oldest first", [a["stateMachineAliasArn"] for a in resp["stateMachineAliases"]], [ALIAS_ONE, ALIAS_TWO])
for a in resp["stateMachineAliases"]:
    check_eq(f"list aliases item {a['stateMachineAliasArn'].rsplit(':', 1)[1]}: keys", sorted(a), ["creationDate", "stateMachineAliasArn"])
    check_datetime(f"list aliases item {a['stateMachineAliasArn'].rsplit(':', 1)[1]}: creationDate", a["creationDate"])
page1 = sfn.list_state_machine_aliases(stateMachineArn=SM_V, maxResults=1)
check_eq("aliases page 1 (maxResults=1)", [a["stateMachineAliasArn"] for a in page1["stateMachineAliases"]], [ALIAS_ONE])
check("aliases page 1 has a nextToken", bool(page1.get("nextToken")), repr(page1.get("nextToken")))
page2 = sfn.list_state_machine_aliases(stateMachineArn=SM_V, nextToken=page1["nextToken"])
check_eq("aliases page 2 (nextToken alone)", [a["stateMachineAliasArn"] for a in page2["stateMachineAliases"]], [ALIAS_TWO])
check_absent("aliases last page", page2, "nextToken")
resp = sfn.list_state_machine_aliases(stateMachineArn=SM_V, maxResults=0)
check_eq("aliases maxResults=0: all", len(resp["stateMachineAliases"]), 2)
check_absent("aliases maxResults=0", resp, "nextToken")
expect_error(
    "list aliases with an invalid token",
    "InvalidToken",
    "Invalid Token: 'Invalid token'",
    sfn.list_state_machine_aliases,
    stateMachineArn=SM_V,
    nextToken="InvalidToken",
)
expect_error(
    "list aliases with maxResults=1001",
    "ValidationException",
    "1 validation error detected: Value '1001' at 'maxResults' failed to satisfy constraint: "
    "Member must have value less than or equal to 1000",
    sfn.list_state_machine_aliases,
    stateMachineArn=SM_V,
    maxResults=1001,
)
resp = sfn.list_state_machine_aliases(stateMachineArn=SM_A)
check_eq("list aliases of a machine without aliases: []", resp["stateMachineAliases"], [])
check_absent("list aliases of a machine without aliases", resp, "nextToken")

# =================================================================================================
# 9. DeleteStateMachineVersion / DeleteStateMachineAlias (§2.4, §2.8, §2.9)
# =================================================================================================

print("# DeleteStateMachineVersion / DeleteStateMachineAlias", flush=True)
expect_error(
    "delete a version an alias routes to",
    "ConflictException",
    "Version to be deleted must not be referenced by an alias. "
    "Current list of aliases referencing this version: [alias-one]",
    sfn.delete_state_machine_version,
    stateMachineVersionArn=f"{SM_V}:1",
)
sfn.update_state_machine_alias(stateMachineAliasArn=ALIAS_ONE, routingConfiguration=[route(2, 100)])
resp = sfn.delete_state_machine_version(stateMachineVersionArn=f"{SM_V}:1")
check_keys("delete :1 after re-pointing the alias", resp, [])
resp = sfn.list_state_machine_versions(stateMachineArn=SM_V)
check_eq("versions after deleting :1", [v["stateMachineVersionArn"] for v in resp["stateMachineVersions"]], [f"{SM_V}:3", f"{SM_V}:2"])

resp = sfn.delete_state_machine_alias(stateMachineAliasArn=ALIAS_TWO)
check_keys("delete alias", resp, [])
resp = sfn.delete_state_machine_alias(stateMachineAliasArn=ALIAS_TWO)
check_keys("delete the deleted alias again is idempotent", resp, [])
expect_error(
    "update a deleted alias",
    "ResourceNotFound",
    "Request references a resource that does not exist.",
    sfn.update_state_machine_alias,
    stateMachineAliasArn=ALIAS_TWO,
    description="gone",
)
resp = sfn.list_state_machine_aliases(stateMachineArn=SM_V)
check_eq("aliases after deleting alias-two", [a["stateMachineAliasArn"] for a in resp["stateMachineAliases"]], [ALIAS_ONE])

# =================================================================================================
# 10. Tags (§2.14)
# =================================================================================================

print("# Tags", flush=True)
expect_error(
    "tag a version ARN",
    "ResourceNotFound",
    f"Resource not found: '{SM_V}:1'",
    sfn.tag_resource,
    resourceArn=f"{SM_V}:1",
    tags=[{"key": "k", "value": "v"}],
)
resp = sfn.tag_resource(resourceArn=SM_V, tags=[{"key": "team", "value": "wire"}, {"key": "env", "value": "test"}])
check_keys("tag the state machine", resp, [])
resp = sfn.list_tags_for_resource(resourceArn=SM_V)
check_eq(
    "tags round trip",
    sorted((t["key"], t["value"]) for t in resp["tags"]),
    [("env", "test"), ("team", "wire")],
)
resp = sfn.untag_resource(resourceArn=SM_V, tagKeys=["env"])
check_keys("untag", resp, [])
resp = sfn.list_tags_for_resource(resourceArn=SM_V)
check_eq("tags after untag", resp["tags"], [{"key": "team", "value": "wire"}])

sm_t_name = f"wire-t-{RUN}"
SM_T = create(sm_t_name, tags=[{"key": "created", "value": "with-tags"}])["stateMachineArn"]
resp = sfn.list_tags_for_resource(resourceArn=SM_T)
check_eq("tags given at creation", resp["tags"], [{"key": "created", "value": "with-tags"}])

# =================================================================================================
# 11. ListStateMachines / DeleteStateMachine (§2.13)
# =================================================================================================

print("# ListStateMachines / DeleteStateMachine", flush=True)
resp = sfn.list_state_machines()
listed = {s["stateMachineArn"]: s for s in resp["stateMachines"]}
for arn in (SM_A, SM_V, SM_D, SM_N, SM_T):
    check(f"list state machines contains {arn.rsplit(':', 1)[1]}", arn in listed)
item = listed[SM_V]
check_eq("list state machines item: keys", sorted(item), ["creationDate", "name", "stateMachineArn", "type"])
check_eq("list state machines item: name/type", (item["name"], item["type"]), (sm_v_name, "STANDARD"))
check_datetime("list state machines item: creationDate", item["creationDate"])

# aws-validation-and-edges.md §2a (test_list_sms_pagination, 2024-07-01): 13 machines created
# i = 0..12, named statemachine_{i}_<uid>, listed 0, 10, 11, 12, 1, 2, …, 9: by name, in byte order.
ORDER_NAMES = [f"statemachine_{i}_{RUN}" for i in range(13)]
for n in ORDER_NAMES:
    create(n)
pages = list(sfn.get_paginator("list_state_machines").paginate(PaginationConfig={"PageSize": 5}))
listed_order = [s["name"] for p in pages for s in p["stateMachines"] if s["name"] in ORDER_NAMES]
check_eq(
    "ListStateMachines (PageSize=5): by name in byte order, as recorded",
    [int(n.split("_")[1]) for n in listed_order],
    [0, 10, 11, 12, 1, 2, 3, 4, 5, 6, 7, 8, 9],
)
all_names = [s["name"] for p in pages for s in p["stateMachines"]]
check("ListStateMachines: every state machine listed in ascending code-point order", all_names == sorted(all_names), repr(all_names))
for n in ORDER_NAMES:
    sfn.delete_state_machine(stateMachineArn=PREFIX + n)

resp = sfn.delete_state_machine(stateMachineArn=SM_V)
check_keys("delete a state machine that still has an alias and versions", resp, [])
resp = sfn.delete_state_machine(stateMachineArn=SM_V)
check_keys("delete the deleted state machine again is idempotent", resp, [])
expect_error(
    "describe the deleted state machine",
    "StateMachineDoesNotExist",
    f"State Machine Does Not Exist: '{SM_V}'",
    sfn.describe_state_machine,
    stateMachineArn=SM_V,
)
resp = sfn.list_state_machines()
check("the deleted state machine is no longer listed", SM_V not in [s["stateMachineArn"] for s in resp["stateMachines"]])
resp = sfn.delete_state_machine(stateMachineArn=missing)
check_keys("delete a state machine that never existed", resp, [])
for arn in (SM_A, SM_D, SM_N, SM_T):
    sfn.delete_state_machine(stateMachineArn=arn)
resp = sfn.list_state_machines()
left = [s["stateMachineArn"] for s in resp["stateMachines"] if s["name"].endswith(RUN)]
check_eq("every state machine of this run is gone", left, [])

# =================================================================================================
# 12. Executions (§1, §2.11, §2.12, §2.13)
# =================================================================================================

print("# Executions: StartExecution (§1, §2.11)", flush=True)


sm_e_name = f"wire-e-{RUN}"
resp = create(sm_e_name, publish=True)
SM_E = resp["stateMachineArn"]
V1, V2 = f"{SM_E}:1", f"{SM_E}:2"
check_eq("executions: create with publish: :1", resp.get("stateMachineVersionArn"), V1)
resp = sfn.update_state_machine(stateMachineArn=SM_E, definition=DEF2, publish=True)
check_eq("executions: update + publish: :2", resp.get("stateMachineVersionArn"), V2)
RE2 = resp["revisionId"]
resp = sfn.create_state_machine_alias(
    name="PROD",
    routingConfiguration=[{"stateMachineVersionArn": V1, "weight": 90}, {"stateMachineVersionArn": V2, "weight": 10}],
)
PROD = resp["stateMachineAliasArn"]
check_eq("executions: alias PROD (90/10)", PROD, f"{SM_E}:PROD")

EXEC_PREFIX = f"arn:aws:states:{REGION}:{ACCOUNT}:execution:{sm_e_name}:"
STARTS = {}  # name -> the StartExecution response


def start(label, sm_arn, name, data):
    resp = sfn.start_execution(stateMachineArn=sm_arn, name=name, input=data)
    check_keys(label, resp, ["executionArn", "startDate"])
    check_eq(f"{label}: executionArn is …:execution:<smName>:<name>", resp["executionArn"], EXEC_PREFIX + name)
    check_datetime(f"{label}: startDate", resp["startDate"])
    STARTS[name] = resp
    return resp["executionArn"]


INPUT_U = json.dumps({"via": "unqualified"})
INPUT_V = json.dumps({"via": "version"})
INPUT_A = json.dumps({"via": "alias"})
EXEC_U = start("start via the unqualified ARN", SM_E, "exec-unqualified", INPUT_U)
EXEC_V = start("start via the version ARN :1", V1, "exec-version", INPUT_V)
EXEC_A = start("start via the alias ARN PROD", PROD, "exec-alias", INPUT_A)

print("# Executions: DescribeExecution (§2.12)", flush=True)
RUNNING_KEYS = [
    "executionArn", "input", "inputDetails", "name", "redriveCount", "redriveStatus", "redriveStatusReason",
    "startDate", "stateMachineArn", "status",
]


def check_running(label, arn, name, data, version=None, alias=None):
    resp = sfn.describe_execution(executionArn=arn)
    keys = RUNNING_KEYS + (["stateMachineVersionArn"] if version else []) + (["stateMachineAliasArn"] if alias else [])
    check_keys(label, resp, keys)
    check_eq(f"{label}: executionArn", resp["executionArn"], arn)
    check_eq(f"{label}: stateMachineArn is the unqualified ARN", resp["stateMachineArn"], SM_E)
    check_eq(f"{label}: name", resp["name"], name)
    check_eq(f"{label}: status", resp["status"], "RUNNING")
    check_eq(f"{label}: input is the string sent", resp["input"], data)
    check_eq(f"{label}: inputDetails", resp["inputDetails"], {"included": True})
    check_eq(f"{label}: startDate is StartExecution's", resp["startDate"], STARTS[name]["startDate"])
    check_eq(f"{label}: redriveCount", resp["redriveCount"], 0)
    check_eq(f"{label}: redriveStatus", resp["redriveStatus"], "NOT_REDRIVABLE")
    check_eq(f"{label}: redriveStatusReason", resp["redriveStatusReason"], "Execution is RUNNING and cannot be redriven")
    if version:
        check_eq(f"{label}: stateMachineVersionArn", resp["stateMachineVersionArn"], version)
    if alias:
        check_eq(f"{label}: stateMachineAliasArn", resp["stateMachineAliasArn"], alias)
    return resp


check_running("describe the unqualified start (neither version nor alias key)", EXEC_U, "exec-unqualified", INPUT_U)
check_running("describe the version start (no stateMachineAliasArn key)", EXEC_V, "exec-version", INPUT_V, version=V1)
A_VERSION = sfn.describe_execution(executionArn=EXEC_A).get("stateMachineVersionArn")
check("describe the alias start: stateMachineVersionArn is :1 or :2", A_VERSION in (V1, V2), repr(A_VERSION))
check_running("describe the alias start", EXEC_A, "exec-alias", INPUT_A, version=A_VERSION, alias=PROD)

print("# Executions: DescribeStateMachineForExecution (§2.12)", flush=True)
# §2.12's shape, plus encryptionConfiguration, recorded since 2024-11 (aws-validation-and-edges.md §2d).
DSMFE_KEYS = [
    "definition", "encryptionConfiguration", "loggingConfiguration", "name", "roleArn", "stateMachineArn",
    "tracingConfiguration", "updateDate",
]


def check_dsmfe(label, arn, definition, revision_id):
    resp = sfn.describe_state_machine_for_execution(executionArn=arn)
    check_keys(label, resp, DSMFE_KEYS + (["revisionId"] if revision_id else []))
    check_eq(f"{label}: stateMachineArn is the unqualified ARN", resp["stateMachineArn"], SM_E)
    check_eq(f"{label}: name", resp["name"], sm_e_name)
    check_eq(f"{label}: definition is the one the execution runs", resp["definition"], definition)
    check_eq(f"{label}: roleArn", resp["roleArn"], ROLE)
    check_eq(
        f"{label}: loggingConfiguration", resp["loggingConfiguration"], {"includeExecutionData": False, "level": "OFF"}
    )
    check_eq(f"{label}: tracingConfiguration", resp["tracingConfiguration"], {"enabled": False})
    check_eq(f"{label}: encryptionConfiguration (§2d)", resp["encryptionConfiguration"], {"type": "AWS_OWNED_KEY"})
    check_datetime(f"{label}: updateDate", resp["updateDate"])
    if revision_id:
        check_eq(f"{label}: revisionId is the executed revision's", resp["revisionId"], revision_id)


check_dsmfe("for the unqualified start (latest revision R2)", EXEC_U, DEF2, RE2)
check_dsmfe("for the version start (:1, the initial revision: no revisionId)", EXEC_V, DEF1, None)
if A_VERSION == V1:
    check_dsmfe("for the alias start (routed to :1)", EXEC_A, DEF1, None)
else:
    check_dsmfe("for the alias start (routed to :2)", EXEC_A, DEF2, RE2)

resp = sfn.update_state_machine(stateMachineArn=SM_E, definition=DEF3)
RE3 = resp["revisionId"]
check_dsmfe("for the unqualified start, after the machine moved on to R3: still R2 (pinned)", EXEC_U, DEF2, RE2)
INPUT_U2 = json.dumps({"via": "unqualified", "after": "update"})
EXEC_U2 = start("start via the unqualified ARN after the update", SM_E, "exec-after-update", INPUT_U2)
check_dsmfe("for the start after the update (R3)", EXEC_U2, DEF3, RE3)

# Six more through the alias: at 90/10 some are routed to :1, which ListExecutions(:1) must not list.
PROD_NAMES = [f"prod-{i}" for i in range(1, 7)]
for n in PROD_NAMES:
    start(f"start {n} via the alias", PROD, n, json.dumps({"n": n}))

print("# Executions: ListExecutions (§2.12)", flush=True)
ALL_NAMES = ["exec-unqualified", "exec-version", "exec-alias", "exec-after-update", *PROD_NAMES]
ALIAS_NAMES = ["exec-alias", *PROD_NAMES]
ROUTED = {}  # name -> the version an alias start was routed to
for n in ALIAS_NAMES:
    v = sfn.describe_execution(executionArn=EXEC_PREFIX + n).get("stateMachineVersionArn")
    check(f"{n}: routed to :1 or :2", v in (V1, V2), repr(v))
    ROUTED[n] = v
print(f"      alias routing of the {len(ROUTED)} alias starts: {sorted(ROUTED.items())}", flush=True)


def check_items(label, items, names):
    check_eq(f"{label}: newest first", [i["executionArn"] for i in items], [EXEC_PREFIX + n for n in reversed(names)])
    for item in items:
        n = item["name"]
        version = ROUTED.get(n, V1 if n == "exec-version" else None)
        alias = PROD if n in ROUTED else None
        keys = ["executionArn", "name", "redriveCount", "startDate", "stateMachineArn", "status"]
        keys += (["stateMachineVersionArn"] if version else []) + (["stateMachineAliasArn"] if alias else [])
        check_eq(f"{label} item {n}: keys", sorted(item), sorted(keys))
        check_eq(
            f"{label} item {n}: values",
            (item["stateMachineArn"], item["status"], item["redriveCount"], item["startDate"],
             item.get("stateMachineVersionArn"), item.get("stateMachineAliasArn")),
            (SM_E, "RUNNING", 0, STARTS[n]["startDate"], version, alias),
        )


resp = sfn.list_executions(stateMachineArn=SM_E)
check_keys("list executions by the unqualified ARN", resp, ["executions"])
check_items("list by the unqualified ARN (every route)", resp["executions"], ALL_NAMES)
# A version lists those started with its ARN and, as AWS's documentation words it (§2f, not
# observed), those an alias routed to it; never the unqualified starts (recorded).
ON_V1 = [n for n in ALL_NAMES if n == "exec-version" or ROUTED.get(n) == V1]
ON_V2 = [n for n in ALL_NAMES if ROUTED.get(n) == V2]
resp = sfn.list_executions(stateMachineArn=V1)
check_keys("list executions by version :1", resp, ["executions"])
check_items("list by version :1 (started with its ARN, or routed to it by the alias)", resp["executions"], ON_V1)
resp = sfn.list_executions(stateMachineArn=V2)
check_items("list by version :2 (only those the alias routed to it)", resp["executions"], ON_V2)
if len(ON_V1) > 1:
    pages = paginate("list_executions", 1, stateMachineArn=V1)
    check_items("list by version :1, one a page", [e for p in pages for e in p["executions"]], ON_V1)
resp = sfn.list_executions(stateMachineArn=PROD)
check_keys("list executions by the alias", resp, ["executions"])
check_items("list by the alias (those started through it)", resp["executions"], ALIAS_NAMES)

pages = paginate("list_executions", 3, stateMachineArn=SM_E)
check_eq("list by the unqualified ARN, PageSize=3: page sizes", [len(p["executions"]) for p in pages], [3, 3, 3, 1])
check_items("list by the unqualified ARN, all pages", [e for p in pages for e in p["executions"]], ALL_NAMES)
pages = paginate("list_executions", 2, stateMachineArn=PROD)
check_eq("list by the alias, PageSize=2: page sizes", [len(p["executions"]) for p in pages], [2, 2, 2, 1])
check_items("list by the alias, all pages", [e for p in pages for e in p["executions"]], ALIAS_NAMES)
resp = sfn.list_executions(stateMachineArn=SM_E, maxResults=0)
check_eq("list maxResults=0: all 10", len(resp["executions"]), 10)
check_absent("list maxResults=0", resp, "nextToken")

expect_error(
    "list executions with maxResults=1001",
    "ValidationException",
    "1 validation error detected: Value '1001' at 'maxResults' failed to satisfy constraint: "
    "Member must have value less than or equal to 1000",
    sfn.list_executions,
    stateMachineArn=SM_E,
    maxResults=1001,
)
# aws-validation-and-edges.md §2c (test_state_machine_status_filter, 2024-03-14), verbatim: the
# values in AWS's recorded order, which is neither model nor alphabetical order.
expect_error(
    "list executions with statusFilter='succeeded'",
    "ValidationException",
    "1 validation error detected: Value 'succeeded' at 'statusFilter' failed to satisfy constraint: "
    "Member must satisfy enum value set: [SUCCEEDED, TIMED_OUT, PENDING_REDRIVE, ABORTED, FAILED, RUNNING]",
    sfn.list_executions,
    status=400,
    stateMachineArn=SM_E,
    statusFilter="succeeded",
)
long_token = "t" * 3097
expect_error(
    "list executions with a 3097-char nextToken",
    "ValidationException",
    f"1 validation error detected: Value '{long_token}' at 'nextToken' failed to satisfy constraint: "
    "Member must have length less than or equal to 3096",
    sfn.list_executions,
    stateMachineArn=SM_E,
    nextToken=long_token,
)
expect_error(
    "list executions of a malformed ARN",
    "InvalidArn",
    "Invalid Arn: 'Invalid ARN prefix: invalid_state_machine_arn'",
    sfn.list_executions,
    stateMachineArn="invalid_state_machine_arn",
)
expect_error(
    "list executions of an unknown state machine",
    "StateMachineDoesNotExist",
    f"State Machine Does Not Exist: '{missing}'",
    sfn.list_executions,
    status=400,
    stateMachineArn=missing,
)

print("# Executions: GetExecutionHistory (§2.12)", flush=True)


def started_event(label, arn, details):
    pages = paginate("get_execution_history", 1, executionArn=arn)
    events = [e for p in pages for e in p["events"]]
    check_eq(f"{label}: one event while running", [e["type"] for e in events], ["ExecutionStarted"])
    event = events[0]
    check_eq(f"{label}: ExecutionStarted id", event["id"], 1)
    check_datetime(f"{label}: ExecutionStarted timestamp", event["timestamp"])
    check_eq(f"{label}: executionStartedEventDetails", event.get("executionStartedEventDetails"), details)


started_event(
    "history of the unqualified start",
    EXEC_U,
    {"input": INPUT_U, "inputDetails": {"truncated": False}, "roleArn": ROLE},
)
started_event(
    "history of the version start",
    EXEC_V,
    {"input": INPUT_V, "inputDetails": {"truncated": False}, "roleArn": ROLE, "stateMachineVersionArn": V1},
)
started_event(
    "history of the alias start",
    EXEC_A,
    {
        "input": INPUT_A,
        "inputDetails": {"truncated": False},
        "roleArn": ROLE,
        "stateMachineVersionArn": A_VERSION,
        "stateMachineAliasArn": PROD,
    },
)

print("# Executions: idempotent StartExecution, ExecutionAlreadyExists", flush=True)
resp = sfn.start_execution(stateMachineArn=SM_E, name="exec-unqualified", input=INPUT_U)
check_eq(
    "same name + input while running: the original response",
    (resp["executionArn"], resp["startDate"]),
    (EXEC_U, STARTS["exec-unqualified"]["startDate"]),
)
expect_error(
    "same name, another input, while running",
    "ExecutionAlreadyExists",
    f"Execution Already Exists: '{EXEC_U}'",
    sfn.start_execution,
    status=400,
    stateMachineArn=SM_E,
    name="exec-unqualified",
    input=INPUT_V,
)
expect_error_code("execution name with a space", "InvalidName", sfn.start_execution, stateMachineArn=SM_E, name="has space")
expect_error_code(
    "non-JSON input", "InvalidExecutionInput", sfn.start_execution, stateMachineArn=SM_E, name="bad-input", input="not json"
)
expect_error(
    "the rejected starts created nothing (describe bad-input)",
    "ExecutionDoesNotExist",
    f"Execution Does Not Exist: '{EXEC_PREFIX}bad-input'",
    sfn.describe_execution,
    executionArn=f"{EXEC_PREFIX}bad-input",
)
expect_error(
    "start an unknown state machine",
    "StateMachineDoesNotExist",
    f"State Machine Does Not Exist: '{missing}'",
    sfn.start_execution,
    status=400,
    stateMachineArn=missing,
)
expect_error(
    "describe an unknown execution",
    "ExecutionDoesNotExist",
    f"Execution Does Not Exist: '{EXEC_PREFIX}no-such-execution'",
    sfn.describe_execution,
    executionArn=f"{EXEC_PREFIX}no-such-execution",
)
expect_error(
    "history of an unknown execution",
    "ExecutionDoesNotExist",
    f"Execution Does Not Exist: '{EXEC_PREFIX}no-such-execution'",
    sfn.get_execution_history,
    executionArn=f"{EXEC_PREFIX}no-such-execution",
)
for label, call in [("describe", sfn.describe_execution), ("history of", sfn.get_execution_history)]:
    expect_error(
        f"{label} a malformed execution ARN",
        "InvalidArn",
        "Invalid Arn: 'Invalid ARN prefix: invalid_state_machine_arn'",
        call,
        executionArn="invalid_state_machine_arn",
    )

print("# Executions: StopExecution", flush=True)
resp = sfn.stop_execution(executionArn=EXEC_V, error="WireStop", cause="stopped by the wire test")
check_keys("stop a running execution", resp, ["stopDate"])
check_datetime("stop: stopDate", resp["stopDate"])
STOP_V = resp["stopDate"]
resp = sfn.describe_execution(executionArn=EXEC_V)
check_present("describe the stopped execution", resp, "stopDate", "error", "cause", "redriveCount", "redriveStatus")
check_eq("describe the stopped execution: status", resp["status"], "ABORTED")
check_eq("describe the stopped execution: stopDate is StopExecution's", resp["stopDate"], STOP_V)
check("describe the stopped execution: stopDate >= startDate", resp["stopDate"] >= resp["startDate"])
check_eq("describe the stopped execution: error / cause", (resp["error"], resp["cause"]), ("WireStop", "stopped by the wire test"))
check_eq("describe the stopped execution: still the version, no alias", (resp.get("stateMachineVersionArn"), resp.get("stateMachineAliasArn")), (V1, None))
check_absent("describe the stopped execution", resp, "output", "outputDetails")
pages = paginate("get_execution_history", 1, executionArn=EXEC_V)
events = [e for p in pages for e in p["events"]]
check_eq("history of the stopped execution: types", [e["type"] for e in events], ["ExecutionStarted", "ExecutionAborted"])
check_eq("history of the stopped execution: ids", [e["id"] for e in events], [1, 2])
check_eq(
    "history of the stopped execution: previousEventIds (stopped before any state entered: 0, as nothing points at ExecutionStarted)",
    [e.get("previousEventId") for e in events],
    [0, 0],
)
check_eq(
    "ExecutionAborted details",
    events[1].get("executionAbortedEventDetails"),
    {"error": "WireStop", "cause": "stopped by the wire test"},
)
check_datetime("ExecutionAborted timestamp", events[1]["timestamp"])
resp = sfn.list_executions(stateMachineArn=SM_E, statusFilter="ABORTED")
check_eq("list with statusFilter=ABORTED", [e["executionArn"] for e in resp["executions"]], [EXEC_V])
item = resp["executions"][0]
check_eq("aborted list item: status / stopDate", (item["status"], item.get("stopDate")), ("ABORTED", STOP_V))
resp = sfn.list_executions(stateMachineArn=V1)
check_eq(
    "list by version :1 shows the aborted execution, and the alias starts routed to :1 still running",
    [(e["executionArn"], e["status"]) for e in resp["executions"]],
    [(EXEC_PREFIX + n, "ABORTED" if n == "exec-version" else "RUNNING") for n in reversed(ON_V1)],
)
resp = sfn.list_executions(stateMachineArn=V1, statusFilter="ABORTED")
check_eq("list by version :1 with statusFilter=ABORTED", [e["executionArn"] for e in resp["executions"]], [EXEC_V])
expect_error(
    "same name + input after the execution stopped",
    "ExecutionAlreadyExists",
    f"Execution Already Exists: '{EXEC_V}'",
    sfn.start_execution,
    status=400,
    stateMachineArn=V1,
    name="exec-version",
    input=INPUT_V,
)

print("# Executions: DeleteStateMachine with running executions (§2.13)", flush=True)
running = [e["executionArn"] for e in sfn.list_executions(stateMachineArn=SM_E, statusFilter="RUNNING")["executions"]]
check_eq("running executions before the delete", len(running), 9)
resp = sfn.delete_state_machine(stateMachineArn=SM_E)
check_keys("delete a state machine with running executions", resp, [])
resp = sfn.describe_state_machine(stateMachineArn=SM_E)
check_eq("describe while executions run: status DELETING", resp["status"], "DELETING")
expect_error_code("start while DELETING", "StateMachineDeleting", sfn.start_execution, stateMachineArn=SM_E)
expect_error_code("start through the alias while DELETING", "StateMachineDeleting", sfn.start_execution, stateMachineArn=PROD)
for arn in running[:-1]:
    sfn.stop_execution(executionArn=arn)
resp = sfn.describe_state_machine(stateMachineArn=SM_E)
check_eq("one execution still running: still DELETING", resp["status"], "DELETING")
resp = sfn.stop_execution(executionArn=running[-1])
check_keys("stop the last running execution", resp, ["stopDate"])
expect_error(
    "the state machine is gone once its last execution stopped",
    "StateMachineDoesNotExist",
    f"State Machine Does Not Exist: '{SM_E}'",
    sfn.describe_state_machine,
    status=400,
    stateMachineArn=SM_E,
)
expect_error(
    "start the deleted state machine",
    "StateMachineDoesNotExist",
    f"State Machine Does Not Exist: '{SM_E}'",
    sfn.start_execution,
    status=400,
    stateMachineArn=SM_E,
)

check_wire_log("boto3")

# =================================================================================================
# 13. AWS CLI v1
# =================================================================================================

print("# AWS CLI v1", flush=True)
AWS = os.path.join(os.path.dirname(sys.executable), "aws")
check(f"the venv has the aws CLI ({AWS})", os.access(AWS, os.X_OK))
CLI_ENV = cli_env(DUMMY_KEY_ID, DUMMY_SECRET, REGION)


def aws(*args):
    cmd = [AWS, "--endpoint-url", ENDPOINT, "--region", REGION, "--output", "json", "stepfunctions", *args]
    proc = subprocess.run(cmd, env=CLI_ENV, capture_output=True, text=True, timeout=120)
    return proc


def aws_ok(label, *args):
    proc = aws(*args)
    if proc.returncode != 0:
        fail(f"{label}: `aws stepfunctions {' '.join(args)}` exited {proc.returncode}\n      stderr: {proc.stderr.strip()}")
    ok(f"{label}: exit 0")
    if not proc.stdout.strip():
        return {}
    try:
        return json.loads(proc.stdout)
    except ValueError:
        fail(f"{label}: stdout is not JSON: {proc.stdout!r}")


sm_c_name = f"wire-cli-{RUN}"
SM_C = create(sm_c_name, publish=True)["stateMachineArn"]
out = aws_ok("aws stepfunctions list-state-machines", "list-state-machines")
check("CLI list-state-machines shows the machine", SM_C in [s["stateMachineArn"] for s in out.get("stateMachines", [])], repr(out))
cli_item = next(s for s in out["stateMachines"] if s["stateMachineArn"] == SM_C)
check(
    "CLI prints creationDate as a number (cli_timestamp_format none)",
    isinstance(cli_item["creationDate"], (int, float)) and not isinstance(cli_item["creationDate"], bool),
    repr(cli_item["creationDate"]),
)
out = aws_ok("aws stepfunctions describe-state-machine", "describe-state-machine", "--state-machine-arn", f"{SM_C}:1")
check_eq("CLI describe-state-machine of :1: stateMachineArn", out.get("stateMachineArn"), f"{SM_C}:1")
check_eq("CLI describe-state-machine of :1: definition", out.get("definition"), DEF1)
out = aws_ok(
    "aws stepfunctions create-state-machine-alias",
    "create-state-machine-alias",
    "--name",
    "cli-alias",
    "--routing-configuration",
    json.dumps([{"stateMachineVersionArn": f"{SM_C}:1", "weight": 100}]),
)
check_eq("CLI create-state-machine-alias: stateMachineAliasArn", out.get("stateMachineAliasArn"), f"{SM_C}:cli-alias")
out = aws_ok(
    "aws stepfunctions start-execution through the alias",
    "start-execution",
    "--state-machine-arn",
    f"{SM_C}:cli-alias",
    "--name",
    "cli-exec",
    "--input",
    '{"from": "cli"}',
)
CLI_EXEC = f"arn:aws:states:{REGION}:{ACCOUNT}:execution:{sm_c_name}:cli-exec"
check_eq("CLI start-execution: executionArn is …:execution:<smName>:<name>", out.get("executionArn"), CLI_EXEC)
check(
    "CLI prints startDate as a number",
    isinstance(out.get("startDate"), (int, float)) and not isinstance(out.get("startDate"), bool),
    repr(out.get("startDate")),
)
resp = sfn.describe_execution(executionArn=CLI_EXEC)
check_eq(
    "the CLI's execution: stateMachineArn / version / alias / input",
    (resp["stateMachineArn"], resp.get("stateMachineVersionArn"), resp.get("stateMachineAliasArn"), resp["input"]),
    (SM_C, f"{SM_C}:1", f"{SM_C}:cli-alias", '{"from": "cli"}'),
)
sfn.stop_execution(executionArn=CLI_EXEC)
proc = aws("describe-state-machine", "--state-machine-arn", "not_a_valid_arn")
check_eq("CLI failing describe-state-machine: exit code", proc.returncode, 255)
check(
    "CLI failing describe-state-machine: stderr names the error",
    "An error occurred (InvalidArn) when calling the DescribeStateMachine operation" in proc.stderr
    and "Invalid Arn: 'Invalid ARN prefix: not_a_valid_arn'" in proc.stderr,
    proc.stderr.strip(),
)
proc = aws("delete-state-machine-version", "--state-machine-version-arn", f"{SM_C}:1")
check_eq("CLI delete-state-machine-version of a routed version: exit code", proc.returncode, 255)
check(
    "CLI delete-state-machine-version of a routed version: stderr",
    # With AWS_MAX_ATTEMPTS=1 botocore inserts " (reached max retries: 0)" before the colon.
    "An error occurred (ConflictException) when calling the DeleteStateMachineVersion operation" in proc.stderr
    and "Version to be deleted must not be referenced by an alias. "
    "Current list of aliases referencing this version: [cli-alias]" in proc.stderr,
    proc.stderr.strip(),
)
out = aws_ok("aws stepfunctions delete-state-machine", "delete-state-machine", "--state-machine-arn", SM_C)
check_eq("CLI delete-state-machine prints nothing", out, {})

check_wire_log("final")
finish()
