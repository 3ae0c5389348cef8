#!/usr/bin/env bash
# Installs everything jscell needs on Debian, then builds jscell's wheel (scripts/wheel.sh) and installs it into
# ./.venv.
# Safe to run again: each step is skipped when it is already done.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
for pkg in clang-19 llvm-19 wasi-libc python3-venv; do
    dpkg -s "$pkg" >/dev/null 2>&1 || need_apt+=("$pkg")
done
if [ ${#need_apt[@]} -gt 0 ]; then
    echo "==> apt-get install ${need_apt[*]}"
    SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

if ! command -v cargo >/dev/null 2>&1; then
    echo "error: jscell needs a Rust toolchain (rustup, cargo); install it from rustup first." >&2
    exit 1
fi
# rustfmt and clippy are for the lint gate (scripts/lint.sh).
for component in rustfmt clippy; do
    if ! rustup component list --installed | grep -q "^$component"; then
        echo "==> rustup component add $component"
        rustup component add "$component"
    fi
done
if ! rustup target list --installed | grep -qx wasm32-wasip1; then
    echo "==> rustup target add wasm32-wasip1"
    rustup target add wasm32-wasip1
fi

if [ ! -x .venv/bin/python ]; then
    echo "==> python3 -m venv .venv"
    python3 -m venv .venv
fi
echo "==> pip install build and test dependencies"
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -r requirements-dev.txt

echo "==> scripts/wheel.sh (builds the guest, its pre-initialised image and the extension, as the wheel in dist/)"
bash scripts/wheel.sh
echo "==> pip install dist/jscell-*.whl"
.venv/bin/python -m pip install -q --force-reinstall --no-deps dist/jscell-*.whl
