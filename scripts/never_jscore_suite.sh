#!/usr/bin/env bash
# Acceptance run of never_jscore's own test suite against jscell (not part of CI).
#
#   bash scripts/never_jscore_suite.sh [SOURCE] [--python PY] [--reference] [--timeout S] [-k PATTERN]
#
# SOURCE is a never_jscore checkout (a work tree with tests/) or a git directory (bare or .git) of one. Without
# it the public repository is cloned (shallow) into ${JSCELL_TEST_CACHE:-$HOME/.cache/jscell-tests}, outside
# this clone; nothing of it is ever copied into the repository.
#
# The suite runs in a temporary directory. An alias package `never_jscore` that re-exports jscell comes first
# on sys.path, so the suite's `import never_jscore` gets jscell. Each test runs in its own pytest process, so
# a test that hangs or kills its interpreter costs only itself. The summary gives pass/fail counts and, for
# every failure, a reason category read from its output.
#
#   --python PY    the interpreter to run the suite with (default: .venv/bin/python of this clone)
#   --reference    run without the alias, against whatever `never_jscore` PY imports (the real V8 binding
#                  installed from PyPI), to compare the two under the same runner
#   --timeout S    seconds one test may take (default 120)
#   -k PATTERN     only the tests whose node id contains PATTERN
#   --keep         keep the temporary directory (with each test's log) and print its path
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PY="$ROOT/.venv/bin/python"
CACHE="${JSCELL_TEST_CACHE:-$HOME/.cache/jscell-tests}"
REPO_URL="https://github.com/neverl805/never-jscore.git"
SOURCE=""
REFERENCE=0
TIMEOUT=120
PATTERN=""
KEEP=0

while [ $# -gt 0 ]; do
    case "$1" in
        --python) PY="$2"; shift 2 ;;
        --reference) REFERENCE=1; shift ;;
        --timeout) TIMEOUT="$2"; shift 2 ;;
        -k) PATTERN="$2"; shift 2 ;;
        --keep) KEEP=1; shift ;;
        -h|--help) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        -*) echo "unknown option: $1" >&2; exit 2 ;;
        *) SOURCE="$1"; shift ;;
    esac
done

if [ ! -x "$PY" ]; then
    echo "no interpreter at $PY (build jscell into .venv first, or pass --python)" >&2
    exit 2
fi

if [ -z "$SOURCE" ]; then
    SOURCE="$CACHE/never-jscore"
    if [ ! -d "$SOURCE" ]; then
        mkdir -p "$CACHE"
        git clone --quiet --depth 1 "$REPO_URL" "$SOURCE"
    fi
fi

WORK="$(mktemp -d "${TMPDIR:-/tmp}/never-jscore-suite.XXXXXX")"
if [ "$KEEP" = 1 ]; then
    echo "work directory: $WORK"
else
    trap 'rm -rf "$WORK"' EXIT
fi

# The suite's tests/ directory, from a work tree or straight out of a git directory (file by file: a git
# directory from a partial fetch may lack large blobs elsewhere in the tree, so `git archive` is not used).
mkdir -p "$WORK/suite"
if [ -d "$SOURCE/tests" ]; then
    cp -R "$SOURCE/tests" "$WORK/suite/tests"
elif git --git-dir="$SOURCE" rev-parse --verify -q HEAD >/dev/null 2>&1; then
    git --git-dir="$SOURCE" ls-tree -r --name-only HEAD -- tests | while IFS= read -r path; do
        mkdir -p "$WORK/suite/$(dirname "$path")"
        git --git-dir="$SOURCE" show "HEAD:$path" >"$WORK/suite/$path"
    done
else
    echo "$SOURCE is neither a never_jscore checkout nor a git directory of one" >&2
    exit 2
fi
if ! ls "$WORK/suite/tests"/test_*.py >/dev/null 2>&1; then
    echo "no tests/test_*.py in $SOURCE" >&2
    exit 2
fi

# The alias package: `import never_jscore` gives jscell's API under never_jscore's name.
mkdir -p "$WORK/alias/never_jscore"
cat >"$WORK/alias/never_jscore/__init__.py" <<'EOF'
"""never_jscore under jscell: `import never_jscore` gets jscell's API, for running never_jscore's tests."""

import jscell as _jscell
from jscell import *  # noqa: F403

# never_jscore's binary module is `never_jscore.never_jscore`; some code imports names from it.
never_jscore = _jscell


def __getattr__(name):
    # Names jscell has but does not list in __all__ (JSEngine, __version__, ...) resolve too; anything else
    # raises AttributeError as it would from never_jscore itself.
    return getattr(_jscell, name)
EOF

# pytest-timeout gives a hung test a traceback instead of only the outer kill.
if ! "$PY" -c "import pytest, pytest_timeout" >/dev/null 2>&1; then
    "$PY" -m pip install -q pytest pytest-timeout
fi

ALIAS_PATH="$WORK/alias"
[ "$REFERENCE" = 1 ] && ALIAS_PATH=""

export NJS_SUITE_WORK="$WORK" NJS_SUITE_PY="$PY" NJS_SUITE_ALIAS="$ALIAS_PATH" NJS_SUITE_TIMEOUT="$TIMEOUT" \
    NJS_SUITE_PATTERN="$PATTERN"
cat >"$WORK/driver.py" <<'EOF'
"""Runs each never_jscore test in its own pytest process and sorts the failures by cause."""

import os
import re
import subprocess
import sys
import time
from pathlib import Path

WORK = Path(os.environ["NJS_SUITE_WORK"])
PY = os.environ["NJS_SUITE_PY"]
ALIAS = os.environ["NJS_SUITE_ALIAS"]
TIMEOUT = float(os.environ["NJS_SUITE_TIMEOUT"])
PATTERN = os.environ["NJS_SUITE_PATTERN"]
SUITE = WORK / "suite"
LOGS = WORK / "logs"
LOGS.mkdir()

env = dict(os.environ)
env["PYTHONPATH"] = os.pathsep.join(p for p in [ALIAS, env.get("PYTHONPATH", "")] if p)
env["PYTHONIOENCODING"] = "utf-8"
env["PYTHONDONTWRITEBYTECODE"] = "1"
# -s: several of the suite's modules replace sys.stdout at import time, which breaks pytest's capture.
PYTEST = [PY, "-m", "pytest", "-s", "-q", "-p", "no:cacheprovider", "-o", "addopts=", "--rootdir", str(SUITE)]


def collect(path):
    out = subprocess.run(
        PYTEST + ["--collect-only", str(path)], cwd=SUITE, env=env, capture_output=True, text=True, timeout=300
    ).stdout
    return [line.strip() for line in out.splitlines() if "::" in line and line.strip().startswith("tests/")]


# (category, pattern) in order: the first that matches a failing test's report names its cause. They are read
# from pytest's FAILURES/ERRORS section (the suite's own prints come before it) or, for a process that died,
# from its whole output.
RULES = [
    ("crash: V8 HandleScope abort", r"HandleScope"),
    ("not a pytest test (parameters without fixtures)", r"fixture '\w+' not found"),
    ("needs jsdom/npm packages", r"jsdom|Cannot find module|npm install"),
    ("JSEngine missing", r"has no attribute 'JSEngine'|cannot import name 'JSEngine'"),
    ("missing constructor argument", r"unexpected keyword argument '(\w+)'"),
    ("hook methods missing", r"has no attribute '(get_hook_data|clear_hook_data)'"),
    ("heap snapshot missing", r"has no attribute '(take_heap_snapshot)'"),
    ("missing method or attribute", r"object has no attribute '(\w+)'|module '\w+' has no attribute '(\w+)'"),
    (
        "needs the network",
        r"dns error|error sending request|Connection refused|NetworkError|Network error|"
        r"failed to lookup|tcp connect|Network is unreachable|httpbin|api\.github\.com|jsonplaceholder|"
        r"Request failed|XHR error",
    ),
    (
        "missing hook",
        r"(\$terminate|\$return|\$exit|__saveAndTerminate__|__neverjscore_return__|\$storeResult)"
        r" is not defined",
    ),
    ("$return caught by try/catch (hook semantics)", r"KeyError: 'caught'|NEVER_JSCORE_EARLY_RETURN"),
    (
        "browser globals missing (window/navigator/document/location)",
        r"\b(window|navigator|document|location|chrome) is not defined|缺少 window|缺失浏览器API",
    ),
    (
        "node compat missing (require/Buffer/process)",
        r"\b(require|Buffer|process|__dirname|__filename|setImmediate)"
        r" is not defined",
    ),
    ("web API missing", r"ReferenceError: (\w+) is not defined"),
    (
        "heap statistics keys (V8's names)",
        r"KeyError: '(\w*heap\w*|\w*malloced\w*|\w*native_contexts\w*|\w*physical\w*)'|"
        r"'(total_heap_size|used_heap_size|heap_size_limit|total_physical_size|malloced_memory|external_memory|"
        r"number_of_native_contexts)' in \{",
    ),
    ("heap snapshot", r"take_heap_snapshot|heapsnapshot"),
    ("hook data missing or of another type", r"get_hook_data|hook_data|JSONDecodeError|the JSON object must be"),
    ("result type differs (JSON string vs value)", r"TypeError: (string indices|'\w+' object is not subscriptable)"),
    ("timed out", r"Failed: Timeout|Timeout \(>"),
]


def report_of(text):
    m = re.search(r"^=+ (FAILURES|ERRORS) =+$", text, re.M)
    return text[m.start() :] if m else text


def categorise(text, returncode):
    if returncode is None:
        return "timed out (killed)", ""
    if returncode < 0 or returncode > 5:
        # pytest exits with 0 to 5; anything else (a signal, an abort) means the interpreter died.
        if "HandleScope" in text:
            return "crash: V8 HandleScope abort", ""
        return f"crash (exit {returncode})", ""
    report = report_of(text)
    for name, pattern in RULES:
        m = re.search(pattern, report)
        if m:
            detail = next((g for g in m.groups() if g), "") if m.groups() else ""
            return name, detail
    return "other assertion or error", ""


def first_error(text):
    for line in report_of(text).splitlines():
        if line.startswith("E   "):
            return line[4:].strip()[:160]
    return ""


tests = []
for path in sorted((SUITE / "tests").glob("test_*.py")):
    tests += collect(path.relative_to(SUITE))
if PATTERN:
    tests = [t for t in tests if PATTERN in t]

results = []
start = time.monotonic()
for i, nodeid in enumerate(tests, 1):
    log = LOGS / (re.sub(r"[^\w.-]+", "_", nodeid) + ".log")
    cmd = PYTEST + ["--timeout", str(int(TIMEOUT)), "-rA", nodeid]
    try:
        proc = subprocess.run(cmd, cwd=SUITE, env=env, capture_output=True, timeout=TIMEOUT + 30)
        code, out, err = proc.returncode, proc.stdout, proc.stderr
    except subprocess.TimeoutExpired as exc:
        code, out, err = None, exc.stdout or b"", exc.stderr or b""
    out, err = out.decode("utf-8", "replace"), err.decode("utf-8", "replace")
    text = out + ("\n--- stderr ---\n" + err if err else "")
    log.write_text(text, encoding="utf-8")
    # pytest's own summary line; the suite's prints may come after it (some of its modules buffer stdout).
    if code == 0 and re.search(r"^=* ?1 passed\b", out, re.M):
        status, category, detail = "PASS", "", ""
    else:
        status = "FAIL"
        category, detail = categorise(text, code)
    results.append((nodeid, status, category, detail, first_error(text)))
    mark = "ok  " if status == "PASS" else "FAIL"
    note = "" if status == "PASS" else f"  [{category}{': ' + detail if detail else ''}]"
    print(f"{i:3d}/{len(tests)} {mark} {nodeid}{note}", flush=True)

passed = sum(1 for r in results if r[1] == "PASS")
failed = len(results) - passed
print()
target = "jscell" if ALIAS else "the never_jscore that the interpreter imports"
print(f"never_jscore's suite against {target}, {time.monotonic() - start:.0f} s")
by_category = {}
for nodeid, status, category, detail, error in results:
    if status == "FAIL":
        by_category.setdefault(category, []).append((nodeid, detail, error))
for category, items in sorted(by_category.items(), key=lambda kv: -len(kv[1])):
    print(f"\n{len(items)}  {category}")
    for nodeid, detail, error in items:
        print(f"     {nodeid}{'  (' + detail + ')' if detail else ''}")
        if error:
            print(f"         {error}")
print()
print(f"{passed} passed, {failed} failed")
sys.exit(0)
EOF
"$PY" "$WORK/driver.py"
