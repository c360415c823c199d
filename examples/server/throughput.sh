#!/usr/bin/env bash
# Requests per second of the example server (with and without its runner) beside a bare hyper
# server that answers a fixed body (examples/bare_hyper.rs), under wrk, on loopback, release
# builds. For each request kind, each round measures the three servers back to back, each
# freshly started: the bare server, the example server, the example server with --no-runner.
#
#   bash examples/server/throughput.sh [rounds] [seconds per run]
#
# Needs wrk (Debian: apt-get install wrk) and curl. CONNECTIONS (default 32) and WRK_THREADS
# (default 1) set the load; the load generator runs on the same machine as the servers. The last
# column is the share of the machine's cores other processes used during each run (from
# /proc/stat, less the server's and wrk's own CPU time): near 0% on a quiet machine.
# SERVER=path/to/server measures another build of the example server (an older commit's, say)
# beside the same bare server.
set -euo pipefail
cd "$(dirname "$0")/../.."

ROUNDS=${1:-3}
DURATION=${2:-10}
CONNECTIONS=${CONNECTIONS:-32}
WRK_THREADS=${WRK_THREADS:-1}

command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 2; }
command -v curl >/dev/null || { echo "curl is not installed" >&2; exit 2; }

cargo build --quiet --release --example server --example bare_hyper
BIN=target/release/examples
SERVER=${SERVER:-$BIN/server}
WORK=$(mktemp -d)
PID=
cleanup() {
    if [ -n "$PID" ]; then kill "$PID" 2>/dev/null || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT

# Starts "$@" in the background; sets PID and PORT once it listens.
start() {
    # A fresh file: the previous server's line must not be read before this one truncates it.
    rm -f "$WORK/server.out"
    "$@" >"$WORK/server.out" 2>&1 &
    PID=$!
    for _ in $(seq 1 200); do
        PORT=$(sed -n 's|^listening on http://127.0.0.1:\([0-9]*\)$|\1|p' "$WORK/server.out" 2>/dev/null || true)
        if [ -n "$PORT" ]; then return; fi
        sleep 0.05
    done
    echo "the server did not start: $(cat "$WORK/server.out")" >&2
    exit 1
}

stop() {
    kill "$PID"
    wait "$PID" 2>/dev/null || true
    PID=
}

# Sends one request; prints the answer, fails unless it is a 200.
call() {
    curl --silent --show-error --fail-with-body -X POST "http://127.0.0.1:$PORT/" \
        -H "X-Amz-Target: AWSStepFunctions.$1" -H 'Content-Type: application/x-amz-json-1.0' -d "$2"
}

# The state machine the loads use: versions 1 and 2 of a Pass state machine, and the alias
# `live` routing 90/10 between them.
ROLE=arn:aws:iam::123456789012:role/bench
SM=arn:aws:states:us-east-1:123456789012:stateMachine:bench
populate() {
    local pass='{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"Result\":{\"ok\":NUM},\"End\":true}}}'
    call CreateStateMachine "{\"name\":\"bench\",\"roleArn\":\"$ROLE\",\"publish\":true,\"definition\":\"${pass/NUM/1}\"}" >/dev/null
    call UpdateStateMachine "{\"stateMachineArn\":\"$SM\",\"publish\":true,\"definition\":\"${pass/NUM/2}\"}" >/dev/null
    call CreateStateMachineAlias "{\"name\":\"live\",\"routingConfiguration\":[{\"stateMachineVersionArn\":\"$SM:1\",\"weight\":90},{\"stateMachineVersionArn\":\"$SM:2\",\"weight\":10}]}" >/dev/null
}

# Busy CPU time of the whole machine, in clock ticks (every field of /proc/stat's cpu line but
# idle and iowait).
busy_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat; }
# CPU time of process $1, in clock ticks (utime + stime).
process_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
TICKS=$(getconf CLK_TCK)
CORES=$(nproc)

# Loads the server on PORT (process PID) with one request for DURATION seconds; prints
# requests/s, and in $WORK/others the share of the machine's cores (in %) that processes other
# than the server and wrk used meanwhile: how loaded the machine was by others.
load() {
    local operation=$1 body=$2
    cat >"$WORK/request.lua" <<EOF
wrk.method = "POST"
wrk.body = '$body'
wrk.headers["Content-Type"] = "application/x-amz-json-1.0"
wrk.headers["X-Amz-Target"] = "AWSStepFunctions.$operation"
EOF
    local busy_before server_before busy_after server_after
    busy_before=$(busy_ticks)
    server_before=$(process_ticks "$PID")
    local TIMEFORMAT='%U %S'
    { time wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"${DURATION}s" -s "$WORK/request.lua" \
        "http://127.0.0.1:$PORT/" >"$WORK/wrk.out"; } 2>"$WORK/wrk.time"
    busy_after=$(busy_ticks)
    server_after=$(process_ticks "$PID")
    awk -v busy=$((busy_after - busy_before)) -v server=$((server_after - server_before)) \
        -v ticks="$TICKS" -v cores="$CORES" -v seconds="$DURATION" \
        '{ others = busy - server - ($1 + $2) * ticks; if (others < 0) others = 0;
           printf "%.0f", 100 * others / (ticks * cores * seconds) }' "$WORK/wrk.time" >"$WORK/others"
    if grep -q 'Non-2xx' "$WORK/wrk.out"; then
        echo "$operation got answers other than 200:" >&2
        cat "$WORK/wrk.out" >&2
        exit 1
    fi
    awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$WORK/wrk.out"
}

KINDS=(describe start routed)
operation() { case $1 in describe) echo DescribeStateMachine ;; *) echo StartExecution ;; esac; }
body() {
    case $1 in
        describe) echo "{\"stateMachineArn\":\"$SM\"}" ;;
        start) echo "{\"stateMachineArn\":\"$SM\"}" ;;
        routed) echo "{\"stateMachineArn\":\"$SM:live\"}" ;;
    esac
}

echo "# $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); wrk -t$WRK_THREADS -c$CONNECTIONS -d${DURATION}s"
printf '%-6s %-9s %9s %9s %6s %9s %6s  %s\n' round request bare server ratio no-runner ratio \
    "others' CPU (bare/server/no-runner)"
for round in $(seq 1 "$ROUNDS"); do
    for kind in "${KINDS[@]}"; do
        start "$BIN/bare_hyper" --port 0
        bare=$(load "$(operation "$kind")" "$(body "$kind")")
        others=$(cat "$WORK/others")
        stop
        start "$SERVER" --port 0 --seed 7
        populate
        server=$(load "$(operation "$kind")" "$(body "$kind")")
        others="$others/$(cat "$WORK/others")"
        stop
        start "$SERVER" --port 0 --seed 7 --no-runner
        populate
        no_runner=$(load "$(operation "$kind")" "$(body "$kind")")
        others="$others/$(cat "$WORK/others")%"
        stop
        printf '%-6s %-9s %9s %9s %5s%% %9s %5s%%  %s\n' "$round" "$kind" "$bare" "$server" \
            "$((100 * server / bare))" "$no_runner" "$((100 * no_runner / bare))" "$others"
    done
done
