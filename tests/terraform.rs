//! Terraform's AWS provider (hashicorp/aws 5.x) drives the example server through a user's whole
//! cycle, with the configuration in `tests/terraform/main.tf`:
//!
//! 1. `init` from a local provider mirror, offline; `apply` creates a STANDARD state machine with
//!    `publish = true`, tags (and the provider's `default_tags`), logging and tracing left to
//!    their defaults, an EXPRESS one with logging, tracing and a customer managed key, and an
//!    alias that routes everything to the newest version;
//! 2. a definition change publishes version 2, and that alias follows it;
//! 3. a definition that names a state that does not exist is refused at plan time by
//!    ValidateStateMachineDefinition, and nothing changes;
//! 4. an alias routes 90/10 over versions 1 and 2;
//! 5. the alias shifts to 0/100 and gets a new description, and the data sources
//!    (`aws_sfn_state_machine`, `aws_sfn_state_machine_versions`, `aws_sfn_alias`) read it all back;
//! 6. tags change (one added, one changed, one removed) and the Express machine's log level;
//! 7. `terraform import` of both state machines and both aliases into a fresh state (a new
//!    workspace) reads them as they were created;
//! 8. `destroy` removes everything.
//!
//! After every apply, `terraform plan -detailed-exitcode` must report no changes, and each stage
//! checks the outputs and what the server holds (through the server's own API).
//!
//! It needs `terraform` (the `SFN_TERRAFORM` variable, or `terraform` on the `PATH`) and a
//! provider mirror holding `registry.terraform.io/hashicorp/aws` (`SFN_TF_PLUGIN_MIRROR`, default
//! `/opt/tf-plugins`). Without them the test prints why and passes without running anything;
//! with `SFN_TERRAFORM_REQUIRED=1` it fails instead. Like `tests/wire.rs`, it does not build the
//! example server: `cargo build --example server && cargo test --test terraform`.

use std::collections::BTreeSet;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

mod common;
use common::assert_uuid;
use common::server::{Output, Server, call, call_json, connect, repo_root, run};

/// The longest any one terraform command may take.
const COMMAND_LIMIT: Duration = Duration::from_secs(600);

/// Where the default scope of the example server puts everything.
const ORDERS: &str = "arn:aws:states:us-east-1:123456789012:stateMachine:orders";
const EVENTS: &str = "arn:aws:states:us-east-1:123456789012:stateMachine:orders-events";
const ROLE: &str = "arn:aws:iam::123456789012:role/sfn-orders";
const LOG_GROUP: &str = "arn:aws:logs:us-east-1:123456789012:log-group:/aws/vendedlogs/states/orders-events:*";
const KMS_KEY: &str = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

/// Variables that would change what terraform or the provider does behind the test's back.
const ENV_REMOVED: &[&str] = &[
    "TF_CLI_ARGS",
    "TF_CLI_ARGS_init",
    "TF_CLI_ARGS_plan",
    "TF_CLI_ARGS_apply",
    "TF_CLI_ARGS_destroy",
    "TF_CLI_ARGS_import",
    "TF_WORKSPACE",
    "TF_DATA_DIR",
    "TF_REATTACH_PROVIDERS",
    "TF_PLUGIN_CACHE_DIR",
    "AWS_PROFILE",
    "AWS_DEFAULT_PROFILE",
    "AWS_ENDPOINT_URL",
    "AWS_ENDPOINT_URL_SFN",
];

// ------------------------------------------------------------------------------------------------
// Terraform in a working directory of its own
// ------------------------------------------------------------------------------------------------

/// Terraform and the provider mirror, or why the test cannot run.
fn tools() -> Result<(PathBuf, PathBuf), String> {
    let terraform = std::env::var_os("SFN_TERRAFORM").map_or_else(|| PathBuf::from("terraform"), PathBuf::from);
    let version = Command::new(&terraform)
        .arg("version")
        .env("CHECKPOINT_DISABLE", "1")
        .output();
    match version {
        Ok(out) if out.status.success() => {}
        Ok(out) => return Err(format!("`{} version` failed ({})", terraform.display(), out.status)),
        Err(e) => return Err(format!("cannot run {} ({e}); set SFN_TERRAFORM", terraform.display())),
    }
    let mirror =
        std::env::var_os("SFN_TF_PLUGIN_MIRROR").map_or_else(|| PathBuf::from("/opt/tf-plugins"), PathBuf::from);
    let provider = mirror.join("registry.terraform.io").join("hashicorp").join("aws");
    if !provider.is_dir() {
        return Err(format!(
            "no hashicorp/aws provider in the mirror {} (set SFN_TF_PLUGIN_MIRROR to a folder holding registry.terraform.io/hashicorp/aws)",
            mirror.display()
        ));
    }
    Ok((terraform, mirror))
}

struct Terraform {
    binary: PathBuf,
    dir: PathBuf,
    cli_config: PathBuf,
}

impl Terraform {
    /// A fresh working directory holding the configuration and a CLI config that installs the
    /// provider from `mirror` only; `terraform init` done.
    fn init(binary: PathBuf, mirror: &Path) -> Terraform {
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("terraform");
        if dir.exists() {
            fs::remove_dir_all(&dir).unwrap_or_else(|e| panic!("cannot clear {}: {e}", dir.display()));
        }
        fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("cannot create {}: {e}", dir.display()));
        fs::copy(repo_root().join("tests/terraform/main.tf"), dir.join("main.tf")).expect("copy main.tf");
        let mirror = mirror.to_str().expect("a UTF-8 mirror path");
        let cli_config = dir.join("cli.tfrc");
        fs::write(
            &cli_config,
            format!(
                "provider_installation {{\n  filesystem_mirror {{\n    path    = {}\n    include = [\"registry.terraform.io/hashicorp/aws\"]\n  }}\n}}\n",
                json!(mirror)
            ),
        )
        .expect("write cli.tfrc");
        let terraform = Terraform {
            binary,
            dir,
            cli_config,
        };
        terraform.ok(&["init", "-input=false", "-no-color"]);
        terraform
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(&self.binary);
        command
            .args(args)
            .current_dir(&self.dir)
            .env("TF_CLI_CONFIG_FILE", &self.cli_config)
            .env("TF_IN_AUTOMATION", "1")
            .env("TF_INPUT", "0")
            .env("CHECKPOINT_DISABLE", "1");
        for name in ENV_REMOVED {
            command.env_remove(name);
        }
        command
    }

    fn run(&self, args: &[&str]) -> Output {
        let started = Instant::now();
        let out = run(&mut self.command(args), COMMAND_LIMIT);
        println!("terraform {} ({:.1?})", args.join(" "), started.elapsed());
        out
    }

    /// Runs `terraform args`, which must succeed; returns its stdout.
    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "terraform {} failed ({}) in {}\n--- stdout\n{}\n--- stderr\n{}",
            args.join(" "),
            out.status,
            self.dir.display(),
            out.stdout,
            out.stderr
        );
        out.stdout
    }

    /// Sets the variables of the next commands (`terraform.tfvars.json` is read by every one).
    fn set_vars(&self, vars: &Value) {
        fs::write(self.dir.join("terraform.tfvars.json"), vars.to_string()).expect("write terraform.tfvars.json");
    }

    /// `terraform apply`, then a plan that must find nothing to change; returns the outputs.
    fn apply(&self, stage: &str, vars: &Value) -> Value {
        self.set_vars(vars);
        self.ok(&["apply", "-auto-approve", "-input=false", "-no-color"]);
        self.assert_plan_is_clean(stage);
        self.outputs()
    }

    /// `terraform plan -detailed-exitcode` answers 0: no changes.
    fn assert_plan_is_clean(&self, stage: &str) {
        let args = ["plan", "-detailed-exitcode", "-input=false", "-no-color"];
        let out = self.run(&args);
        match out.status.code() {
            Some(0) => {}
            Some(2) => panic!(
                "{stage}: the plan after the apply is not clean\n--- plan\n{}\n--- stderr\n{}",
                out.stdout, out.stderr
            ),
            _ => panic!(
                "{stage}: terraform plan failed ({})\n--- stdout\n{}\n--- stderr\n{}",
                out.status, out.stdout, out.stderr
            ),
        }
    }

    /// Every output, by name, as its value.
    fn outputs(&self) -> Value {
        let text = self.ok(&["output", "-json", "-no-color"]);
        let outputs: Value =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("terraform output -json ({e}): {text}"));
        let outputs = outputs.as_object().unwrap_or_else(|| panic!("not an object: {text}"));
        outputs
            .iter()
            .map(|(name, o)| (name.clone(), o["value"].clone()))
            .collect()
    }
}

// ------------------------------------------------------------------------------------------------
// What the server holds
// ------------------------------------------------------------------------------------------------

/// The server's API, a connection per call: terraform takes longer than the server keeps an idle
/// connection open.
struct Api {
    port: u16,
}

impl Api {
    fn call(&self, operation: &str, body: Value) -> Value {
        call_json(&mut connect(self.port), operation, &body)
    }

    /// The AWS error code of a request that must fail.
    fn error(&self, operation: &str, body: Value) -> String {
        let response = call(&mut connect(self.port), operation, &body.to_string());
        assert_eq!(
            response.status,
            400,
            "{operation} {body} must fail: {}",
            response.text()
        );
        let error: Value = serde_json::from_slice(&response.body).expect("a JSON error");
        error["__type"].as_str().unwrap_or_default().to_owned()
    }

    fn describe(&self, arn: &str) -> Value {
        self.call("DescribeStateMachine", json!({ "stateMachineArn": arn }))
    }

    fn versions(&self, arn: &str) -> Vec<String> {
        let listed = self.call("ListStateMachineVersions", json!({ "stateMachineArn": arn }));
        listed["stateMachineVersions"]
            .as_array()
            .expect("stateMachineVersions")
            .iter()
            .map(|v| {
                v["stateMachineVersionArn"]
                    .as_str()
                    .expect("stateMachineVersionArn")
                    .to_owned()
            })
            .collect()
    }

    fn alias(&self, arn: &str) -> Value {
        self.call("DescribeStateMachineAlias", json!({ "stateMachineAliasArn": arn }))
    }

    /// The tags of `arn`, as a map like Terraform's.
    fn tags(&self, arn: &str) -> Value {
        let listed = self.call("ListTagsForResource", json!({ "resourceArn": arn }));
        let tags = listed["tags"].as_array().expect("tags");
        tags.iter()
            .map(|t| (t["key"].as_str().expect("key").to_owned(), t["value"].clone()))
            .collect::<serde_json::Map<_, _>>()
            .into()
    }
}

fn version(n: u32) -> String {
    format!("{ORDERS}:{n}")
}

/// The Wait state's `Seconds` in a definition of `tests/terraform/main.tf`.
fn wait_seconds(definition: &Value) -> u64 {
    let text = definition.as_str().expect("a definition string");
    let parsed: Value = serde_json::from_str(text).unwrap_or_else(|e| panic!("definition is not JSON ({e}): {text}"));
    parsed["States"]["WaitForApproval"]["Seconds"]
        .as_u64()
        .unwrap_or_else(|| panic!("no WaitForApproval.Seconds in {text}"))
}

/// Terraform's `routing_configuration` for `(version, weight)` pairs.
fn routing(pairs: &[(u32, u32)]) -> Value {
    pairs
        .iter()
        .map(|&(v, weight)| json!({ "state_machine_version_arn": version(v), "weight": weight }))
        .collect()
}

/// The API's `routingConfiguration` for `(version, weight)` pairs.
fn api_routing(pairs: &[(u32, u32)]) -> Value {
    pairs
        .iter()
        .map(|&(v, weight)| json!({ "stateMachineVersionArn": version(v), "weight": weight }))
        .collect()
}

// ------------------------------------------------------------------------------------------------
// The cycle
// ------------------------------------------------------------------------------------------------

#[test]
fn terraform_drives_the_example_server() {
    let (binary, mirror) = match tools() {
        Ok(tools) => tools,
        Err(reason) if std::env::var_os("SFN_TERRAFORM_REQUIRED").is_some() => {
            panic!("SFN_TERRAFORM_REQUIRED is set, but {reason}")
        }
        Err(reason) => {
            // Straight to stderr: the test harness captures `eprintln!`, and this must be seen.
            let _ = writeln!(io::stderr(), "SKIPPED terraform_drives_the_example_server: {reason}");
            return;
        }
    };
    let started = Instant::now();
    let server = Server::start(11);
    let api = Api { port: server.port };
    let tf = Terraform::init(binary, &mirror);
    let mut vars = json!({
        "endpoint": server.url(),
        "name": "orders",
        "tags": { "team": "payments", "cost-center": "4200" },
    });

    // 1. Create, publishing version 1.
    let out = tf.apply("create", &vars);
    let sm = &out["state_machine"];
    assert_eq!(sm["arn"], ORDERS);
    assert_eq!(sm["id"], ORDERS);
    assert_eq!(sm["name"], "orders");
    assert_eq!(sm["publish"], true);
    assert_eq!(sm["status"], "ACTIVE");
    assert_eq!(sm["type"], "STANDARD");
    assert_eq!(sm["state_machine_version_arn"], version(1));
    assert_eq!(
        sm["revision_id"], "",
        "no revisionId before the first update, as on AWS"
    );
    assert_eq!(
        sm["logging_configuration"],
        json!([{ "include_execution_data": false, "level": "OFF", "log_destination": "" }])
    );
    assert_eq!(sm["tracing_configuration"], json!([{ "enabled": false }]));
    for encryption in sm["encryption_configuration"].as_array().expect("a list") {
        // AWS describes the default, an AWS owned key (aws-validation-and-edges.md 2d).
        assert_eq!(encryption["type"], "AWS_OWNED_KEY", "{encryption}");
    }
    let tags = json!({ "ManagedBy": "terraform", "team": "payments", "cost-center": "4200" });
    assert_eq!(sm["tags_all"], tags);
    assert_eq!(wait_seconds(&sm["definition"]), 60);
    let described = api.describe(ORDERS);
    assert_eq!(
        described["definition"], sm["definition"],
        "the server keeps the definition as sent"
    );
    assert_eq!(described["roleArn"], ROLE);
    assert_eq!(api.versions(ORDERS), [version(1)]);
    assert_eq!(api.tags(ORDERS), tags);
    let created = sm["creation_date"].clone();
    let latest_arn = format!("{ORDERS}:LATEST");
    assert_eq!(out["latest"]["arn"], latest_arn);
    assert_eq!(out["latest"]["routing_configuration"], routing(&[(1, 100)]));
    assert_eq!(api.alias(&latest_arn)["routingConfiguration"], api_routing(&[(1, 100)]));

    let events = &out["events"];
    assert_eq!(events["arn"], EVENTS);
    assert_eq!(events["type"], "EXPRESS");
    assert_eq!(events["state_machine_version_arn"], "", "publish is off: no version");
    assert_eq!(
        events["logging_configuration"],
        json!([{ "include_execution_data": true, "level": "ERROR", "log_destination": LOG_GROUP }])
    );
    assert_eq!(events["tracing_configuration"], json!([{ "enabled": true }]));
    assert_eq!(
        events["encryption_configuration"],
        json!([{ "type": "CUSTOMER_MANAGED_KMS_KEY", "kms_key_id": KMS_KEY, "kms_data_key_reuse_period_seconds": 300 }])
    );
    let described = api.describe(EVENTS);
    assert_eq!(
        described["definition"], events["definition"],
        "the heredoc, byte for byte"
    );
    assert!(
        described["definition"]
            .as_str()
            .is_some_and(|d| d.starts_with("{\n  \"Comment\": ") && d.ends_with("}\n")),
        "the heredoc keeps its layout: {}",
        described["definition"]
    );
    assert_eq!(described["type"], "EXPRESS");
    assert_eq!(
        described["loggingConfiguration"],
        json!({ "level": "ERROR", "includeExecutionData": true, "destinations": [{ "cloudWatchLogsLogGroup": { "logGroupArn": LOG_GROUP } }] })
    );
    assert_eq!(described["tracingConfiguration"], json!({ "enabled": true }));
    assert_eq!(
        described["encryptionConfiguration"],
        json!({ "type": "CUSTOMER_MANAGED_KMS_KEY", "kmsKeyId": KMS_KEY, "kmsDataKeyReusePeriodSeconds": 300 })
    );
    assert_eq!(api.versions(EVENTS), Vec::<String>::new());

    // 2. A definition change publishes version 2; version 1 keeps its definition.
    vars["approval_wait_seconds"] = json!(120);
    let out = tf.apply("definition change", &vars);
    let sm = &out["state_machine"];
    assert_eq!(sm["arn"], ORDERS);
    assert_eq!(sm["creation_date"], created, "updated in place, not replaced");
    assert_eq!(sm["state_machine_version_arn"], version(2));
    assert_uuid(sm["revision_id"].as_str().expect("revision_id"));
    assert_eq!(wait_seconds(&sm["definition"]), 120);
    assert_eq!(api.versions(ORDERS), [version(2), version(1)]);
    let v2 = api.describe(&version(2));
    assert_eq!(v2["definition"], sm["definition"]);
    assert_eq!(v2["revisionId"], sm["revision_id"]);
    assert_eq!(wait_seconds(&api.describe(&version(1))["definition"]), 60);
    let revision = sm["revision_id"].clone();
    assert_eq!(
        out["latest"]["routing_configuration"],
        routing(&[(2, 100)]),
        "LATEST follows"
    );
    assert_eq!(api.alias(&latest_arn)["routingConfiguration"], api_routing(&[(2, 100)]));

    // 3. A definition AWS refuses fails the plan (ValidateStateMachineDefinition), and nothing
    //    reaches the server.
    let mut invalid = vars.clone();
    invalid["start_at"] = json!("Validat");
    tf.set_vars(&invalid);
    let refused = tf.run(&["plan", "-input=false", "-no-color"]);
    assert_eq!(
        refused.status.code(),
        Some(1),
        "the plan must fail\n--- stdout\n{}\n--- stderr\n{}",
        refused.stdout,
        refused.stderr
    );
    for expected in [
        "invalid Step Functions State Machine definition",
        "ERROR (MISSING_TRANSITION_TARGET): Missing 'Next' target: Validat",
    ] {
        assert!(
            refused.stderr.contains(expected),
            "the plan's error does not say {expected:?}\n--- stderr\n{}",
            refused.stderr
        );
    }
    assert_eq!(api.versions(ORDERS), [version(2), version(1)]);
    assert_eq!(api.describe(ORDERS)["revisionId"], revision);

    // 4. An alias sends 90% to version 1 and 10% to version 2.
    vars["alias_routing"] = json!([{ "version": 1, "weight": 90 }, { "version": 2, "weight": 10 }]);
    let out = tf.apply("alias 90/10", &vars);
    let alias = &out["alias"];
    let alias_arn = format!("{ORDERS}:PROD");
    assert_eq!(alias["arn"], alias_arn);
    assert_eq!(alias["name"], "PROD");
    assert_eq!(alias["description"], "Production traffic");
    assert_eq!(alias["routing_configuration"], routing(&[(1, 90), (2, 10)]));
    let described = api.alias(&alias_arn);
    assert_eq!(described["routingConfiguration"], api_routing(&[(1, 90), (2, 10)]));
    assert_eq!(described["description"], "Production traffic");
    let listed = api.call("ListStateMachineAliases", json!({ "stateMachineArn": ORDERS }));
    assert_eq!(
        listed["stateMachineAliases"].as_array().map(Vec::len),
        Some(2),
        "{listed}"
    );
    let alias_created = alias["creation_date"].clone();

    // 5. The alias shifts to 0/100 with a new description; the data sources read it all back.
    vars["alias_routing"] = json!([{ "version": 1, "weight": 0 }, { "version": 2, "weight": 100 }]);
    vars["alias_description"] = json!("All traffic on version 2");
    vars["read_data_sources"] = json!(true);
    let out = tf.apply("alias shift and data sources", &vars);
    let alias = &out["alias"];
    assert_eq!(alias["creation_date"], alias_created, "updated in place, not replaced");
    assert_eq!(alias["routing_configuration"], routing(&[(1, 0), (2, 100)]));
    let described = api.alias(&alias_arn);
    assert_eq!(described["routingConfiguration"], api_routing(&[(1, 0), (2, 100)]));
    assert_eq!(described["description"], "All traffic on version 2");
    let sm = &out["state_machine"];
    let data = &out["data_state_machine"];
    assert_eq!(data["arn"], ORDERS);
    assert_eq!(data["definition"], sm["definition"]);
    assert_eq!(data["role_arn"], ROLE);
    assert_eq!(data["revision_id"], revision);
    assert_eq!(data["status"], "ACTIVE");
    assert_eq!(data["creation_date"], created);
    assert_eq!(
        out["data_versions"]["statemachine_versions"],
        json!([version(2), version(1)])
    );
    let data = &out["data_alias"];
    assert_eq!(data["arn"], alias_arn);
    assert_eq!(data["description"], "All traffic on version 2");
    assert_eq!(data["routing_configuration"], routing(&[(1, 0), (2, 100)]));

    // 6. Tags: one changed, one added, one removed. The Express machine logs everything.
    vars["tags"] = json!({ "team": "checkout", "tier": "critical" });
    vars["express_log_level"] = json!("ALL");
    let out = tf.apply("tags and logging", &vars);
    let tags = json!({ "ManagedBy": "terraform", "team": "checkout", "tier": "critical" });
    assert_eq!(out["state_machine"]["tags_all"], tags);
    assert_eq!(api.tags(ORDERS), tags);
    assert_eq!(api.tags(EVENTS), tags);
    assert_eq!(api.versions(ORDERS), [version(2), version(1)], "tags publish nothing");
    assert_eq!(out["state_machine"]["revision_id"], revision, "tags make no revision");
    let events = api.describe(EVENTS);
    assert_eq!(events["loggingConfiguration"]["level"], "ALL");
    assert_uuid(
        events["revisionId"]
            .as_str()
            .expect("a logging change makes a revision"),
    );
    let managed = out;

    // 7. Import into a fresh state. The provider does not read `publish` back (its own import
    //    test ignores it), so the first plan turns it on, and nothing else: the version it will
    //    publish, and so the LATEST alias's routing, are unknown until the apply. Applying that
    //    publishes nothing new, since the revision is already version 2.
    tf.ok(&["workspace", "new", "-no-color", "imported"]);
    tf.ok(&[
        "import",
        "-input=false",
        "-no-color",
        "aws_sfn_state_machine.orders",
        ORDERS,
    ]);
    tf.ok(&[
        "import",
        "-input=false",
        "-no-color",
        "aws_sfn_state_machine.events",
        EVENTS,
    ]);
    tf.ok(&[
        "import",
        "-input=false",
        "-no-color",
        "aws_sfn_alias.prod[0]",
        &alias_arn,
    ]);
    tf.ok(&[
        "import",
        "-input=false",
        "-no-color",
        "aws_sfn_alias.latest",
        &latest_arn,
    ]);
    let planned = tf.run(&[
        "plan",
        "-detailed-exitcode",
        "-input=false",
        "-no-color",
        "-out=import.tfplan",
    ]);
    assert_eq!(
        planned.status.code(),
        Some(2),
        "after the import, the plan turns publish on\n--- stdout\n{}\n--- stderr\n{}",
        planned.stdout,
        planned.stderr
    );
    assert_plan_changes(
        &tf.ok(&["show", "-json", "-no-color", "import.tfplan"]),
        &[
            ("aws_sfn_alias.latest", &[], &["routing_configuration"]),
            (
                "aws_sfn_state_machine.orders",
                &["publish"],
                &["revision_id", "state_machine_version_arn"],
            ),
        ],
    );
    tf.ok(&["apply", "-input=false", "-no-color", "import.tfplan"]);
    tf.assert_plan_is_clean("import");
    let imported = tf.outputs();
    for name in [
        "state_machine",
        "events",
        "alias",
        "latest",
        "data_state_machine",
        "data_versions",
        "data_alias",
    ] {
        assert_eq!(imported[name], managed[name], "{name}: imported differs from created");
    }
    assert_eq!(api.versions(ORDERS), [version(2), version(1)]);
    assert_eq!(api.describe(ORDERS)["revisionId"], revision);

    // 8. Destroy leaves nothing behind.
    tf.ok(&["destroy", "-auto-approve", "-input=false", "-no-color"]);
    let listed = api.call("ListStateMachines", json!({}));
    assert_eq!(listed["stateMachines"], json!([]), "{listed}");
    let (v1, v2) = (version(1), version(2));
    for arn in [ORDERS, EVENTS, &v1, &v2] {
        assert_eq!(
            api.error("DescribeStateMachine", json!({ "stateMachineArn": arn })),
            "StateMachineDoesNotExist"
        );
    }
    for arn in [&alias_arn, &latest_arn] {
        assert_eq!(
            api.error("DescribeStateMachineAlias", json!({ "stateMachineAliasArn": arn })),
            "ResourceNotFound"
        );
    }

    drop(server);
    let _ = fs::remove_dir_all(&tf.dir);
    let _ = writeln!(
        io::stderr(),
        "terraform_drives_the_example_server: the whole cycle took {:.1?}",
        started.elapsed()
    );
}

/// The saved plan (`terraform show -json`) updates in place exactly the resources of `expected`
/// (in the order of their addresses), each given as (address, the attributes whose new value is known and differs, the attributes
/// whose new value is unknown until the apply); every other attribute stays as it is.
fn assert_plan_changes(plan: &str, expected: &[(&str, &[&str], &[&str])]) {
    let plan: Value = serde_json::from_str(plan).unwrap_or_else(|e| panic!("terraform show -json ({e}): {plan}"));
    let mut changes: Vec<&Value> = plan["resource_changes"]
        .as_array()
        .expect("resource_changes")
        .iter()
        .filter(|c| c["mode"] == "managed" && c["change"]["actions"] != json!(["no-op"]))
        .collect();
    changes.sort_by_key(|c| c["address"].as_str().unwrap_or_default().to_owned());
    let addresses: Vec<&str> = changes
        .iter()
        .map(|c| c["address"].as_str().unwrap_or_default())
        .collect();
    let expected_addresses: Vec<&str> = expected.iter().map(|(address, _, _)| *address).collect();
    assert_eq!(addresses, expected_addresses, "the resources the plan changes");
    for (change, (address, changed, unknown)) in changes.iter().zip(expected) {
        let change = &change["change"];
        assert_eq!(change["actions"], json!(["update"]), "{address}");
        let (before, after) = (&change["before"], &change["after"]);
        let before = before.as_object().expect("before");
        // An attribute is unknown when its `after_unknown` holds `true` anywhere inside it.
        let unknown_now: BTreeSet<&str> = change["after_unknown"]
            .as_object()
            .expect("after_unknown")
            .iter()
            .filter(|(_, v)| v.to_string().contains("true"))
            .map(|(k, _)| k.as_str())
            .collect();
        let changed_now: BTreeSet<&str> = before
            .iter()
            .filter(|(k, v)| !unknown_now.contains(k.as_str()) && after[k.as_str()] != **v)
            .map(|(k, _)| k.as_str())
            .collect();
        assert_eq!(
            changed_now,
            changed.iter().copied().collect(),
            "{address}: attributes that change"
        );
        assert_eq!(
            unknown_now,
            unknown.iter().copied().collect(),
            "{address}: attributes unknown until the apply"
        );
    }
}
