#!/usr/bin/env bash
# Builds jscell's wheel twice, for the baseline CPU (scripts/wheel.sh, via setup.sh) and with
# JSCELL_IMAGE_CPU=native, installs each into a venv of its own and compares them (benches/cpu_baseline.py).
# Extra arguments go to cpu_baseline.py (e.g. --rounds 11).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
baseline_wheel=$(ls dist/jscell-*.whl)
native_dir=$(mktemp -d)
trap 'rm -rf "$native_dir"' EXIT
echo "==> the wheel with JSCELL_IMAGE_CPU=native"
JSCELL_IMAGE_CPU=native bash scripts/wheel.sh "$native_dir"
for variant in baseline native; do
    python3 -m venv --clear ".bench-venv-$variant"
done
.bench-venv-baseline/bin/python -m pip install -q "$baseline_wheel"
.bench-venv-native/bin/python -m pip install -q "$native_dir"/jscell-*.whl
.venv/bin/python benches/cpu_baseline.py .bench-venv-baseline/bin/python .bench-venv-native/bin/python "$@"
