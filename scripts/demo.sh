#!/usr/bin/env bash
# Sets up (see setup.sh), then runs the demo: JavaScript evaluated in sandboxes.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/python examples/demo.py
