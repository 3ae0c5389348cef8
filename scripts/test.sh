#!/usr/bin/env bash
# Sets up (see setup.sh, which builds the wheel), then runs every test: the Rust crates' tests, then the Python
# suite against the wheel as a user installs it: in a venv of its own holding only the wheel and the suite's
# requirements, with no Rust toolchain, C compiler or linker on PATH, and outside the source tree's package.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
echo "==> cargo test (wire format and host)"
cargo test --release --locked -p jscell-wire -p jscell-host -p jscell-python

venv=.test-venv
echo "==> a fresh $venv with the wheel"
python3 -m venv --clear "$venv"
"$venv/bin/python" -m pip install -q --upgrade pip
"$venv/bin/python" -m pip install -q dist/jscell-*.whl -r requirements-test.txt

# PATH for the suite: every command of the system's directories but compilers, linkers and Rust's tools (node,
# npm and the rest stay, for the suite's oracles).
tools="$venv/system-tools"
mkdir -p "$tools"
for dir in /usr/local/bin /usr/bin /bin; do
    for cmd in "$dir"/*; do
        name=${cmd##*/}
        case "$name" in
            cc | c++ | c89* | c99* | cpp* | gcc* | g++* | *-gcc* | *-g++* | clang* | *-clang* | ld | ld.* | *-ld | *-ld.* | lld* | \
                rustc | rustup | cargo* | zig | as | *-as) continue ;;
        esac
        [ -x "$cmd" ] && [ ! -e "$tools/$name" ] && ln -s "$cmd" "$tools/$name"
    done
done
export PATH="$PWD/$venv/bin:$PWD/$tools"
for compiler in cargo rustc cc gcc clang clang-19 ld zig maturin; do
    if command -v "$compiler" >/dev/null; then
        echo "error: $compiler is still on the suite's PATH" >&2
        exit 1
    fi
done
installed=$("$venv/bin/python" -c "import jscell; print(jscell.__file__)")
case "$installed" in
    "$PWD/$venv/"*) echo "==> jscell from $installed" ;;
    *) echo "error: the suite would import jscell from $installed, not from the wheel" >&2; exit 1 ;;
esac
echo "==> python -m jscell -e \"1+1\""
[ "$("$venv/bin/python" -m jscell -e "1+1")" = "2" ]
echo "==> pytest"
"$venv/bin/python" -m pytest "$@"
