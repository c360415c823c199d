#!/usr/bin/env bash
# Creates (once) the Python venv the wire test uses: target/wire-venv, with the pinned boto3 and
# AWS CLI v1 from tests/wire/requirements.txt. Idempotent: a stamp file holding the hash of
# requirements.txt (and the interpreter's version) makes later runs skip the work, so it works
# offline once set up. Prints the venv's python path as the last line of stdout.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo_root"

requirements="tests/wire/requirements.txt"
venv="target/wire-venv"
stamp="$venv/.requirements.sha256"
python="${PYTHON:-python3}"

mkdir -p "$(dirname "$venv")"
# Two test runs at once must not build the venv over each other.
if command -v flock >/dev/null 2>&1; then
    exec 9>"$venv.lock"
    flock 9
fi

want="$( { sha256sum "$requirements" | cut -d' ' -f1; "$python" -c 'import sys; print(sys.version)'; } )"

if [[ -x "$venv/bin/python" && -x "$venv/bin/aws" && -f "$stamp" ]] && [[ "$(cat "$stamp")" == "$want" ]]; then
    echo "wire venv up to date: $venv" >&2
else
    echo "setting up wire venv in $venv" >&2
    rm -rf "$venv"
    "$python" -m venv "$venv"
    # pip's own output goes to stderr so that stdout stays clean for the caller.
    "$venv/bin/python" -m pip install --disable-pip-version-check --quiet -r "$requirements" >&2
    "$venv/bin/python" -c 'import boto3, botocore' >&2
    printf '%s' "$want" >"$stamp"
fi

echo "$repo_root/$venv/bin/python"
