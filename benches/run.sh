#!/usr/bin/env bash
# Builds jscell's wheel, installs it and the peers (never-jscore, mini-racer, quickjs, quickjs-rs, pyexecjs)
# into a separate venv, and writes benches/results.md. Extra arguments go to bench.py (e.g. --rounds 3).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if [ ! -x .bench-venv/bin/python ]; then
    python3 -m venv .bench-venv
fi
.bench-venv/bin/python -m pip install -q never-jscore mini-racer quickjs quickjs-rs pyexecjs
# The wheel setup.sh built: what users install.
.bench-venv/bin/python -m pip install -q --force-reinstall --no-deps dist/jscell-*.whl
command -v node >/dev/null || echo "note: node is not installed, so pyexecjs is skipped" >&2
.bench-venv/bin/python benches/bench.py "$@"
