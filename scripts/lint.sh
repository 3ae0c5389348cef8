#!/usr/bin/env bash
# The lint gate, for developers and CI: Rust formatting and clippy (the workspace and the wasm guest), then ruff,
# the type checker and stubtest for the Python side. Stops at the first problem.
#
#   bash scripts/lint.sh             every step
#   bash scripts/lint.sh --python    only the Python steps (no cargo)
#
# It expects scripts/setup.sh to have run (a .venv with jscell's wheel installed: stubtest imports the extension). The
# only thing it installs is requirements-dev.txt into .venv, when one of its tools is missing there.
set -euo pipefail
cd "$(dirname "$0")/.."

rust=1
case "${1:-}" in
    "") ;;
    --python) rust=0 ;;
    *) echo "usage: bash scripts/lint.sh [--python]" >&2; exit 2 ;;
esac

# Prints the command (words with spaces quoted, so it can be pasted back), then runs it.
run() {
    local shown=() word
    for word in "$@"; do
        case "$word" in
            *[[:space:]]*) shown+=("'$word'") ;;
            *) shown+=("$word") ;;
        esac
    done
    echo "==> ${shown[*]}"
    "$@"
}

if [ "$rust" -eq 1 ]; then
    run cargo fmt --all --check
    run cargo fmt --check --manifest-path engine-wasm/Cargo.toml
    # Release, like `cargo test --release` in scripts/test.sh, so both share one build of the dependencies.
    run cargo clippy --release --locked --all-targets -p jscell-wire -p jscell-host -p jscell-python -- -D warnings

    # The guest, with the environment host/build.rs gives its build (each variable may be overridden from outside,
    # as there). One difference: build.rs builds against a copy of rquickjs-sys with engine-wasm/patches applied,
    # which is also what engine-wasm/Cargo.lock records, and clippy uses the crate as published. The patches only
    # change QuickJS's C sources, and clippy only type-checks the Rust (nothing is linked, so the symbols a patch
    # adds need not exist), so what clippy reads is the same either way. Because the lock file names the patched
    # copy, clippy runs on a copy of the guest's sources (in the guest's target directory, so its build is kept
    # between runs), where cargo may record the published crate instead; the tree itself is never changed.
    guest_target="${JSCELL_GUEST_TARGET_DIR:-target/guest-lint}"
    lint_copy="$guest_target/lint-sources"
    rm -rf "$lint_copy"
    mkdir -p "$lint_copy"
    cp Cargo.toml rustfmt.toml "$lint_copy/"
    cp -r wire engine-wasm "$lint_copy/"
    rm -rf "$lint_copy/engine-wasm/target"
    run env RQUICKJS_SYS_NO_WASI_SDK=1 \
        CC_wasm32_wasip1="${CC_wasm32_wasip1:-clang-19}" \
        AR_wasm32_wasip1="${AR_wasm32_wasip1:-llvm-ar-19}" \
        CFLAGS_wasm32_wasip1="${CFLAGS_wasm32_wasip1:--nostdlibinc -isystem /usr/include/wasm32-wasi}" \
        cargo clippy --release --offline --target wasm32-wasip1 --manifest-path "$lint_copy/engine-wasm/Cargo.toml" \
        --target-dir "$guest_target/lint" -- -D warnings
fi

if [ ! -x .venv/bin/python ]; then
    echo "error: no .venv; run scripts/setup.sh first (it creates it and builds jscell into it)" >&2
    exit 1
fi
have_tools() {
    [ -x .venv/bin/ruff ] && [ -x .venv/bin/basedpyright ] && .venv/bin/python -c "import mypy, typing_extensions" 2>/dev/null
}
if ! have_tools; then
    run .venv/bin/python -m pip install -q -r requirements-dev.txt
    if ! have_tools; then
        echo "error: the lint tools are missing from .venv (mypy and basedpyright need Python 3.10 or later there)" >&2
        exit 1
    fi
fi
if ! .venv/bin/python -c "import jscell._jscell" 2>/dev/null; then
    echo "error: jscell is not built into .venv; run scripts/setup.sh first" >&2
    exit 1
fi

python_paths=(python/ tests/ acceptance/ benches/ examples/ scripts/)
run .venv/bin/ruff check "${python_paths[@]}"
run .venv/bin/ruff format --check "${python_paths[@]}"
# basedpyright: pyright's checker, packaged with its own node, so it needs nothing from npm (see
# requirements-dev.txt). Settings in pyproject.toml's [tool.pyright]: strict, Python 3.9; `import jscell` resolves
# to the package installed from the wheel.
run .venv/bin/basedpyright --pythonpath .venv/bin/python python/jscell tests/test_typing.py
# stubtest compares the stubs installed with the wheel (scripts/setup.sh installs it into .venv) with the extension
# installed beside them: what users get.
run .venv/bin/python -m mypy.stubtest jscell._jscell --allowlist .stubtest-allowlist
echo "==> lint passed"
