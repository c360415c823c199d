# One configuration that tests/terraform.rs drives through its stages with variables: a state
# machine that publishes a version on every change, a weighted alias over two of its versions,
# and the data sources that read them back. The hashicorp/aws provider talks to the example
# server given in `endpoint`, as a user points it at any Step Functions emulator.

terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
  }
}

variable "endpoint" {
  description = "URL of the example server, e.g. http://127.0.0.1:8083"
  type        = string
}

variable "name" {
  description = "Name of the state machine."
  type        = string
}

variable "approval_wait_seconds" {
  description = "A value inside the definition: changing it changes the definition, so the provider updates the state machine and publishes a new version."
  type        = number
  default     = 60
}

variable "start_at" {
  description = "The state the order workflow starts at. The test names one that does not exist, to see the plan refused by ValidateStateMachineDefinition."
  type        = string
  default     = "Validate"
}

variable "express_log_level" {
  description = "The logging level of the Express state machine."
  type        = string
  default     = "ERROR"
}

variable "publish" {
  type    = bool
  default = true
}

variable "tags" {
  type    = map(string)
  default = {}
}

variable "alias_routing" {
  description = "The PROD alias's routing, as version numbers and weights; empty means no alias."
  type = list(object({
    version = number
    weight  = number
  }))
  default = []
}

variable "alias_description" {
  type    = string
  default = "Production traffic"
}

variable "read_data_sources" {
  description = "Read the state machine, its versions and its alias back through the data sources."
  type        = bool
  default     = false
}

provider "aws" {
  region     = "us-east-1"
  access_key = "test"
  secret_key = "test"

  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
  skip_region_validation      = true

  endpoints {
    sfn = var.endpoint
  }

  default_tags {
    tags = {
      ManagedBy = "terraform"
    }
  }
}

locals {
  # An order-processing workflow: a Lambda task with retries and a catch, a Choice, a Wait, a
  # Parallel of two branches, and the terminal states.
  definition = jsonencode({
    Comment = "Processes an order"
    StartAt = var.start_at
    States = {
      Validate = {
        Type     = "Task"
        Resource = "arn:aws:states:::lambda:invoke"
        Parameters = {
          FunctionName = "arn:aws:lambda:us-east-1:123456789012:function:validate-order"
          "Payload.$"  = "$"
        }
        ResultSelector = {
          "order.$" = "$.Payload"
        }
        ResultPath = "$.validation"
        Retry = [{
          ErrorEquals     = ["Lambda.ServiceException", "Lambda.TooManyRequestsException"]
          IntervalSeconds = 2
          MaxAttempts     = 3
          BackoffRate     = 2
        }]
        Catch = [{
          ErrorEquals = ["States.ALL"]
          ResultPath  = "$.error"
          Next        = "Rejected"
        }]
        Next = "NeedsApproval"
      }
      NeedsApproval = {
        Type = "Choice"
        Choices = [{
          Variable           = "$.validation.order.total"
          NumericGreaterThan = 1000
          Next               = "WaitForApproval"
        }]
        Default = "Fulfil"
      }
      WaitForApproval = {
        Type    = "Wait"
        Seconds = var.approval_wait_seconds
        Next    = "Fulfil"
      }
      Fulfil = {
        Type = "Parallel"
        Branches = [
          {
            StartAt = "Charge"
            States = {
              Charge = {
                Type     = "Task"
                Resource = "arn:aws:lambda:us-east-1:123456789012:function:charge"
                End      = true
              }
            }
          },
          {
            StartAt = "Ship"
            States = {
              Ship = {
                Type   = "Pass"
                Result = { carrier = "post" }
                End    = true
              }
            }
          },
        ]
        Next = "Done"
      }
      Done = {
        Type = "Succeed"
      }
      Rejected = {
        Type  = "Fail"
        Error = "OrderRejected"
        Cause = "The order did not validate"
      }
    }
  })
}

resource "aws_sfn_state_machine" "orders" {
  name       = var.name
  role_arn   = "arn:aws:iam::123456789012:role/sfn-orders"
  definition = local.definition
  publish    = var.publish
  tags       = var.tags
}

# An Express workflow written as a heredoc, as many users write definitions: the provider sends
# the string as it is. It logs to CloudWatch Logs, traces with X-Ray and encrypts with a customer managed key.
resource "aws_sfn_state_machine" "events" {
  name     = "${var.name}-events"
  type     = "EXPRESS"
  role_arn = "arn:aws:iam::123456789012:role/sfn-orders"
  tags     = var.tags

  definition = <<-EOF
    {
      "Comment": "Fans order events out to a queue",
      "StartAt": "Each event",
      "States": {
        "Each event": {
          "Type": "Map",
          "ItemsPath": "$.events",
          "MaxConcurrency": 10,
          "ItemProcessor": {
            "ProcessorConfig": { "Mode": "INLINE" },
            "StartAt": "Enqueue",
            "States": {
              "Enqueue": {
                "Type": "Task",
                "Resource": "arn:aws:states:::sqs:sendMessage",
                "Parameters": {
                  "QueueUrl": "https://sqs.us-east-1.amazonaws.com/123456789012/order-events",
                  "MessageBody.$": "States.JsonToString($)"
                },
                "End": true
              }
            }
          },
          "ResultPath": null,
          "End": true
        }
      }
    }
  EOF

  logging_configuration {
    log_destination        = "arn:aws:logs:us-east-1:123456789012:log-group:/aws/vendedlogs/states/orders-events:*"
    include_execution_data = true
    level                  = var.express_log_level
  }

  tracing_configuration {
    enabled = true
  }

  encryption_configuration {
    type                              = "CUSTOMER_MANAGED_KMS_KEY"
    kms_key_id                        = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    kms_data_key_reuse_period_seconds = 300
  }
}

resource "aws_sfn_alias" "prod" {
  count       = length(var.alias_routing) > 0 ? 1 : 0
  name        = "PROD"
  description = var.alias_description

  dynamic "routing_configuration" {
    for_each = var.alias_routing
    content {
      state_machine_version_arn = "${aws_sfn_state_machine.orders.arn}:${routing_configuration.value.version}"
      weight                    = routing_configuration.value.weight
    }
  }
}

# The alias of the provider's documentation: all traffic on the newest version, following each
# publish. It has no description.
resource "aws_sfn_alias" "latest" {
  name = "LATEST"

  routing_configuration {
    state_machine_version_arn = aws_sfn_state_machine.orders.state_machine_version_arn
    weight                    = 100
  }
}

data "aws_sfn_state_machine" "orders" {
  count = var.read_data_sources ? 1 : 0
  name  = aws_sfn_state_machine.orders.name
}

data "aws_sfn_state_machine_versions" "orders" {
  count            = var.read_data_sources ? 1 : 0
  statemachine_arn = aws_sfn_state_machine.orders.arn
}

data "aws_sfn_alias" "prod" {
  count            = var.read_data_sources && length(var.alias_routing) > 0 ? 1 : 0
  name             = aws_sfn_alias.prod[0].name
  statemachine_arn = aws_sfn_state_machine.orders.arn
}

# Whole objects, every attribute as the provider read it.
output "state_machine" {
  value = aws_sfn_state_machine.orders
}

# Not `revision_id`: with `publish` off, the provider plans it unchanged when an update makes a
# new revision, so an output of it would be one apply behind, against AWS as here.
output "events" {
  value = { for name, value in aws_sfn_state_machine.events : name => value if name != "revision_id" }
}

output "alias" {
  value = one(aws_sfn_alias.prod)
}

output "latest" {
  value = aws_sfn_alias.latest
}

output "data_state_machine" {
  value = one(data.aws_sfn_state_machine.orders)
}

output "data_versions" {
  value = one(data.aws_sfn_state_machine_versions.orders)
}

output "data_alias" {
  value = one(data.aws_sfn_alias.prod)
}
