#!/usr/bin/env bash
# Sets up (see setup.sh), then runs the demo: JavaScript evaluated in sandboxes, from Python and from the
# `jscell` command line.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/python examples/demo.py
echo
echo "== The jscell command line (python -m jscell) =="
echo '$ jscell -e "[1, 2, 3].map(x => x * 2)"'
.venv/bin/python -m jscell -e "[1, 2, 3].map(x => x * 2)"
echo '$ jscell examples/sign.js --call sign '"'"'"hello"'"'"' 1700000000'
.venv/bin/python -m jscell examples/sign.js --call sign '"hello"' 1700000000
echo '$ jscell --timeout 0.2 -e "while (true) {}"   # exits 1 and says why'
.venv/bin/python -m jscell --timeout 0.2 -e "while (true) {}" || echo "(exit status $?)"
