#!/usr/bin/env bash
# Sets up (see setup.sh), then runs every test: the Rust crates' tests and the Python suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
echo "==> cargo test (wire format and host)"
# A context's wasm may use up to 2 MiB of the calling thread's stack (see host/src/config.rs); Rust's test
# threads default to 2 MiB in all, so they get more, as Python's threads (8 MiB on Linux) already have.
export RUST_MIN_STACK=16777216
cargo test --release --locked -p jscell-wire -p jscell-host
echo "==> pytest"
.venv/bin/python -m pytest "$@"
