#!/usr/bin/env bash
# Sets up (see setup.sh), then runs every test: the Rust crates' tests and the Python suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
echo "==> cargo test (wire format and host)"
cargo test --release --locked -p jscell-wire -p jscell-host -p jscell-python
echo "==> pytest"
.venv/bin/python -m pytest "$@"
