#!/usr/bin/env bash
# Builds jscell's wheel into dist/ (or the directory given): CPython's stable ABI (3.9 and later), Linux x86-64, linked by zig against
# glibc 2.17 so that it installs on any manylinux2014 system, stripped. Prints its size and what auditwheel
# says of it.
#
#   bash scripts/wheel.sh [OUT_DIR]
#
# It expects scripts/setup.sh to have run (.venv holds maturin, zig and auditwheel, from requirements-dev.txt).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x .venv/bin/maturin ] || ! .venv/bin/python -c "import ziglang, auditwheel" 2>/dev/null; then
    echo "error: .venv lacks maturin, ziglang or auditwheel; run scripts/setup.sh first" >&2
    exit 1
fi
# maturin runs zig as `python -m ziglang`, with the first python on PATH.
export PATH="$PWD/.venv/bin:$PATH"
# maturin names its zig linker wrappers after its own path, and cargo rebuilds everything when the linker's path
# changes. Run from maturin's own directory in the build output, it has the same path in every clone, so a kept
# target directory (CI's) stays valid.
target_dir="${CARGO_TARGET_DIR:-target}"
mkdir -p "$target_dir/maturin"
if ! cmp -s .venv/bin/maturin "$target_dir/maturin/maturin"; then
    cp .venv/bin/maturin "$target_dir/maturin/maturin.new"
    mv -f "$target_dir/maturin/maturin.new" "$target_dir/maturin/maturin"
fi
out="${1:-dist}"
mkdir -p "$out"
rm -f "$out"/jscell-*.whl
echo "==> maturin build (abi3, manylinux2014, zig)"
"$target_dir/maturin/maturin" build --release --locked --strip --zig --compatibility manylinux2014 --target x86_64-unknown-linux-gnu \
    --out "$out"
wheel=$(ls "$out"/jscell-*.whl)
echo "==> auditwheel show $wheel"
.venv/bin/auditwheel show "$wheel"
echo "==> $wheel: $(du -k "$wheel" | cut -f1) KiB"
