"""The ``jscell`` command line (``python -m jscell``) and its REPL, driven through a real pseudo-terminal."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from jscell import cli

PYTHON_M_JSCELL = [sys.executable, "-m", "jscell"]


def jscell(*args: str, stdin: str = "", timeout: float = 60) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, JSCELL_HISTORY="")
    return subprocess.run(
        [*PYTHON_M_JSCELL, *args], input=stdin, capture_output=True, text=True, timeout=timeout, env=env, check=False
    )


@pytest.fixture
def lib(tmp_path: Path) -> Path:
    path = tmp_path / "lib.js"
    path.write_text(
        """
        var calls = 0;
        function add(a, b) { calls += 1; return a + b }
        function kinds() { return Array.prototype.map.call(arguments, function (a) { return typeof a }) }
        var api = {sign: function (s) { return 'signed:' + s }};
        async function later(x) { await new Promise(function (r) { setTimeout(r, 20) }); return {x: x, at: 'later'} }
        function bytes() { return new Uint8Array([1, 2]) }
        function when() { return new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 6)) }
        function nan() { return [NaN, Infinity] }
        """,
        encoding="utf-8",
    )
    return path


# -- running files and code -----------------------------------------------------------------------------------------


def test_file_runs_with_console_on_stdout_and_stderr(tmp_path: Path) -> None:
    script = tmp_path / "hello.js"
    script.write_text("console.log('hello', 1 + 1); console.error('oops'); console.warn('careful')", encoding="utf-8")
    result = jscell(str(script))
    assert (result.returncode, result.stdout, result.stderr) == (0, "hello 2\n", "oops\ncareful\n")


def test_file_timers_run_until_none_is_left_as_with_node(tmp_path: Path) -> None:
    script = tmp_path / "timers.js"
    script.write_text(
        """
        async function main() {
            await new Promise(function (r) { setTimeout(r, 30) });
            console.log('after the timer');
        }
        main();
        var n = 0, id = setInterval(function () { console.log('tick', ++n); if (n === 3) clearInterval(id) }, 5);
        console.log('end of script');
        """,
        encoding="utf-8",
    )
    result = jscell(str(script))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["end of script", "tick 1", "tick 2", "tick 3", "after the timer"]


def test_a_throw_in_a_timer_is_a_js_error(tmp_path: Path) -> None:
    script = tmp_path / "late.js"
    script.write_text("setTimeout(function () { throw new RangeError('late') }, 5)", encoding="utf-8")
    result = jscell(str(script))
    assert result.returncode == cli.EXIT_JS_ERROR
    assert result.stderr.startswith("RangeError: late\n")


def test_eval_prints_the_value_as_a_python_repr(lib: Path) -> None:
    assert jscell("-e", "[1, 'a', {b: null}, 2.5, true]").stdout == "[1, 'a', {'b': None}, 2.5, True]\n"
    assert jscell("-e", "undefined").stdout == ""
    assert jscell(str(lib), "-e", "add(2, 3) + calls").stdout == "6\n"  # after FILE.js, in the same context
    assert jscell("-e", "Promise.resolve('awaited')").stdout == "'awaited'\n"
    # The value comes before the output of the timers that run afterwards, as with `node -p`.
    assert jscell("-e", "setTimeout(function () { console.log('timer') }, 5); 'value'").stdout == "'value'\ntimer\n"


def test_stdin_script_when_it_is_not_a_terminal() -> None:
    result = jscell(stdin="console.log(6 * 7)")
    assert (result.returncode, result.stdout) == (0, "42\n")
    result = jscell("-", stdin="console.log('dash')")
    assert (result.returncode, result.stdout) == (0, "dash\n")


def test_unicode_file_with_a_byte_order_mark(tmp_path: Path) -> None:
    script = tmp_path / "bom.js"
    script.write_bytes("\ufeffconsole.log('\u4f60\u597d \U0001f600')".encode())
    result = subprocess.run(
        [*PYTHON_M_JSCELL, str(script)], capture_output=True, timeout=60, env=dict(os.environ, PYTHONIOENCODING="utf-8")
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode("utf-8") == "\u4f60\u597d \U0001f600\n"


# -- --call ---------------------------------------------------------------------------------------------------------


def test_call_takes_json_arguments_and_prints_json(lib: Path) -> None:
    assert jscell(str(lib), "--call", "add", "1", "2").stdout == "3\n"
    assert jscell(str(lib), "--call", "add", '"a"', '"b"').stdout == '"ab"\n'
    assert (
        jscell(str(lib), "--call", "kinds", "[1, 2]", '{"a": 1}', "null").stdout == '["object", "object", "object"]\n'
    )
    assert jscell(str(lib), "--call", "api.sign", '"\u4e2d"').stdout == '"signed:\u4e2d"\n'
    assert jscell(str(lib), "--call", "later", "7").stdout == '{"x": 7, "at": "later"}\n'  # a Promise is awaited
    assert jscell(str(lib), "--call", "kinds").stdout == "[]\n"


def test_call_results_without_a_json_form_print_as_json_stringify_would(lib: Path) -> None:
    assert jscell(str(lib), "--call", "bytes").stdout == "[1, 2]\n"
    assert jscell(str(lib), "--call", "when").stdout == '"2024-01-02T03:04:05.006Z"\n'
    assert jscell(str(lib), "--call", "nan").stdout == "[null, null]\n"


def test_json_output(lib: Path) -> None:
    result = jscell(str(lib), "--json", "--call", "add", "1", "2")
    assert json.loads(result.stdout) == {"ok": True, "value": 3}
    result = jscell("--json", "-e", "({a: [1, 'x']})")
    assert json.loads(result.stdout) == {"ok": True, "value": {"a": [1, "x"]}}
    result = jscell("--json", "-e", "console.log('not on stdout'); 1")
    assert (json.loads(result.stdout), result.stderr) == ({"ok": True, "value": 1}, "not on stdout\n")
    result = jscell("--json", "-e", "null.x")
    assert result.returncode == cli.EXIT_JS_ERROR
    error = json.loads(result.stdout)["error"]
    assert (error["type"], error["name"]) == ("JSError", "TypeError")
    assert "null" in error["message"] and "<input>:1" in error["stack"]
    assert (
        json.loads(jscell("--json", "--timeout", "0.2", "-e", "for (;;) {}").stdout)["error"]["type"]
        == "JSTimeoutError"
    )


# -- exit status ----------------------------------------------------------------------------------------------------


def test_js_error_exits_1_with_the_stack_on_stderr(tmp_path: Path) -> None:
    script = tmp_path / "throws.js"
    script.write_text("function inner() { throw new TypeError('bad thing') }\nfunction outer() { inner() }\nouter()")
    result = jscell(str(script))
    assert result.returncode == cli.EXIT_JS_ERROR
    lines = result.stderr.splitlines()
    assert lines[0] == "TypeError: bad thing"
    assert "at inner (<input>:1" in lines[1] and "at outer (<input>:2" in lines[2]
    assert "<jscell>" not in result.stderr  # jscell's own helper frames are left out


def test_syntax_error_and_thrown_values_exit_1() -> None:
    result = jscell("-e", "1 +")
    assert result.returncode == cli.EXIT_JS_ERROR and result.stderr.startswith("SyntaxError")
    result = jscell("-e", "throw 42")
    assert result.returncode == cli.EXIT_JS_ERROR and result.stderr.startswith("Uncaught 42")


def test_limits_exit_1_and_say_which(lib: Path) -> None:
    result = jscell("--timeout", "0.2", "-e", "for (;;) {}")
    assert result.returncode == cli.EXIT_JS_ERROR
    assert "time limit of 0.2 s" in result.stderr
    result = jscell("--memory-limit", "16M", "-e", "var a = []; for (;;) a.push(new Array(1e5).fill(1))")
    assert result.returncode == cli.EXIT_JS_ERROR
    assert f"memory_limit is {16 << 20} bytes" in result.stderr
    # An interval never ends; node would run forever, the time limit stops it.
    result = jscell("--timeout", "0.3", "-e", "setInterval(function () {}, 1)")
    assert result.returncode == cli.EXIT_JS_ERROR and "time limit" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--call", "f"], "--call needs FILE.js or --snapshot"),
        (["-e", "1", "--call", "f"], "--call and -e exclude each other"),
        (["no-such-file.js"], "cannot read no-such-file.js"),
        (["--timeout", "soon", "-e", "1"], "not a number of seconds"),
        (["--timeout", "-1", "-e", "1"], "positive number of seconds"),
        (["--memory-limit", "lots", "-e", "1"], "not a size in bytes"),
        (["--seed", "x", "-e", "1"], "invalid int value"),
        (["--no-such-option"], "unrecognized arguments"),
        (["--snapshot", "no-such.jss", "-e", "1"], "cannot read no-such.jss"),
    ],
)
def test_usage_errors_exit_2(args: list[str], message: str) -> None:
    result = jscell(*args)
    assert result.returncode == cli.EXIT_USAGE, result.stderr
    assert message in result.stderr
    assert result.stdout == ""


def test_call_arguments_must_be_json(lib: Path) -> None:
    result = jscell(str(lib), "--call", "add", "1", "two")
    assert result.returncode == cli.EXIT_USAGE
    assert "argument 2 of --call is not JSON: 'two'" in result.stderr


def test_a_file_that_is_not_utf8_is_a_usage_error(tmp_path: Path) -> None:
    script = tmp_path / "latin1.js"
    script.write_bytes(b"var s = '\xe9';")
    result = jscell(str(script))
    assert result.returncode == cli.EXIT_USAGE and "not UTF-8" in result.stderr


def test_seed_makes_math_random_reproducible() -> None:
    runs = [jscell("--seed", seed, "-e", "[Math.random(), Math.random()]").stdout for seed in ("7", "7", "8")]
    assert runs[0] == runs[1] != runs[2]
    assert len({jscell("-e", "Math.random()").stdout for _ in range(3)}) == 3


# -- snapshots ------------------------------------------------------------------------------------------------------


def test_snapshot_then_start_from_it(lib: Path, tmp_path: Path) -> None:
    extra = tmp_path / "extra.js"
    extra.write_text("var loadedAt = 'load'; add(1, 1);", encoding="utf-8")
    out = tmp_path / "lib.jss"
    result = jscell("snapshot", str(lib), str(extra), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert out.stat().st_size > 0 and f"wrote {out}" in result.stderr
    # The state is the one after both files ran (one call to add).
    assert jscell("--snapshot", str(out), "-e", "[calls, loadedAt]").stdout == "[1, 'load']\n"
    assert jscell("--snapshot", str(out), "--call", "add", "2", "3").stdout == "5\n"
    script = tmp_path / "use.js"
    script.write_text("console.log(api.sign('x'), calls)", encoding="utf-8")
    assert jscell("--snapshot", str(out), str(script)).stdout == "signed:x 1\n"
    result = jscell("snapshot", str(lib), "-o", str(tmp_path / "again.jss"), "--json")
    assert json.loads(result.stdout)["ok"] is True


def test_snapshot_errors(lib: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.js"
    bad.write_text("throw new Error('at load')", encoding="utf-8")
    result = jscell("snapshot", str(bad), "-o", str(tmp_path / "x.jss"))
    assert result.returncode == cli.EXIT_JS_ERROR and "Error: at load" in result.stderr
    assert not (tmp_path / "x.jss").exists()
    result = jscell("snapshot", str(lib))
    assert result.returncode == cli.EXIT_USAGE and "-o" in result.stderr
    garbage = tmp_path / "garbage.jss"
    garbage.write_bytes(b"not a snapshot")
    result = jscell("--snapshot", str(garbage), "-e", "1")
    assert result.returncode == cli.EXIT_USAGE and "is not a snapshot this jscell can load" in result.stderr


def test_console_script_when_installed() -> None:
    # The suite runs against the installed wheel (scripts/test.sh), which puts the console script beside Python.
    script = shutil.which("jscell", path=os.path.dirname(sys.executable))
    assert script is not None, "no jscell console script beside this Python"
    result = subprocess.run([script, "-e", "6 * 7"], capture_output=True, text=True, timeout=60, check=False)
    assert (result.returncode, result.stdout) == (0, "42\n")


# -- the REPL's parsing helpers (the real engine decides) -----------------------------------------------------------


@pytest.mark.parametrize(
    "code",
    [
        "function f() {",
        "if (x) {",
        "[1, 2",
        "f(1,",
        "1 +",
        "let x =",
        "`template",
        "`a ${1 +",
        "x = `a\n${1 +",
        "/* comment",
        "class A {",
        "a.",
        "'continued\\",
        "function f() {\n  return 1",
        "try {}",
    ],
)
def test_incomplete_inputs_continue(code: str) -> None:
    assert cli.is_incomplete(code)


@pytest.mark.parametrize(
    "code", ["1 + 1", "let x = 1", "function f() {}", ")", "1 2", "'unterminated", "var 1", "}", "x = /abc/", "// c"]
)
def test_complete_or_wrong_inputs_do_not_continue(code: str) -> None:
    assert not cli.is_incomplete(code)


def test_is_incomplete_never_runs_the_code() -> None:
    # A complete input is only parsed: were it run, the time limit of the check would stop this loop.
    assert not cli.is_incomplete("for (;;) {}")


@pytest.mark.parametrize(
    ("code", "declarations", "expression"),
    [
        ("1 + 1", "", "1 + 1"),
        ("x = 5", "", "x = 5"),
        ("let x = 1", "let x = 1", ""),
        ("let x = 1;", "let x = 1;", ""),
        ("let x = 1; x + 1", "let x = 1;", " x + 1"),
        ("function f() { return 1 }\nf()", "function f() { return 1 }\n", "f()"),
        ("const a = 1\n(a)", "const a = 1\n(a)", ""),  # no semicolon is inserted before '('
        ("x = 1; let y = 2", "x = 1; let y = 2", ""),
        ("async function g() {}", "async function g() {}", ""),
        ("var s = 'let x = 1'; s", "var s = 'let x = 1';", " s"),
        ("'let x'", "", "'let x'"),
        ("`${'let'}`; let z = 1", "`${'let'}`; let z = 1", ""),
    ],
)
def test_plan_splits_declarations_from_a_last_expression(code: str, declarations: str, expression: str) -> None:
    assert cli.plan(code) == (declarations, expression)


# -- the REPL through a pseudo-terminal -----------------------------------------------------------------------------


class Terminal:
    """``jscell`` in a pseudo-terminal: what a person at a keyboard sees (through pexpect)."""

    def __init__(self, history: Path, *args: str) -> None:
        pexpect = pytest.importorskip("pexpect")  # in requirements-dev.txt
        self.EOF = pexpect.EOF
        env = dict(os.environ, JSCELL_HISTORY=str(history), TERM="xterm", PYTHONIOENCODING="utf-8")
        self.child = pexpect.spawn(
            PYTHON_M_JSCELL[0], [*PYTHON_M_JSCELL[1:], *args], env=env, encoding="utf-8", timeout=30
        )
        self.child.expect_exact("Type .help for help.")
        self.prompt()

    def prompt(self) -> None:
        self.child.expect_exact("> ")

    def enter(self, line: str) -> str:
        """Types a line and returns what is printed before the next prompt."""
        self.child.sendline(line)
        self.child.expect_exact(line)
        self.child.expect(r"\r\n(?:\.\.\. |> )")
        return self.child.before.replace("\r\n", "\n").strip("\n")

    def close(self) -> int:
        self.child.sendcontrol("d")
        self.child.expect(self.EOF)
        self.child.close()
        return self.child.exitstatus


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    term = Terminal(tmp_path / "history")
    yield term
    if term.child.isalive():
        term.child.terminate(force=True)


def test_repl_prints_values_as_python_reprs(terminal: Terminal) -> None:
    assert terminal.enter("1 + 1") == "2"
    assert terminal.enter("({a: [1, 'x'], b: null})") == "{'a': [1, 'x'], 'b': None}"
    assert terminal.enter("'\u4f60\u597d'") == "'\u4f60\u597d'"
    assert terminal.enter("undefined") == ""
    assert terminal.enter("Promise.resolve(7)") == "7"
    assert terminal.close() == 0


def test_repl_keeps_declarations_between_lines(terminal: Terminal) -> None:
    assert terminal.enter("let x = 1") == ""
    assert terminal.enter("x") == "1"
    assert terminal.enter("const y = x + 1; y * 10") == "20"
    assert terminal.enter("y") == "2"
    assert terminal.enter("class Point { constructor(a) { this.a = a } }") == ""
    assert terminal.enter("new Point(3).a") == "3"
    assert terminal.enter("var v = 'var'; function f() { return v }") == ""
    assert terminal.enter("f()") == "'var'"
    assert terminal.enter("z = 5") == "5"
    assert terminal.enter("z") == "5"


def test_repl_continues_incomplete_input(terminal: Terminal) -> None:
    assert terminal.enter("function twice(a) {") == ""
    assert terminal.enter("  return a * 2") == ""
    assert terminal.enter("}") == ""
    assert terminal.enter("twice(21)") == "42"
    assert terminal.enter("`line one") == ""
    assert terminal.enter("line two`") == "'line one\\nline two'"
    assert terminal.enter("[1,") == ""
    assert terminal.enter(".break") == ""
    assert terminal.enter("3") == "3"


def test_repl_shows_errors_with_the_js_stack_and_goes_on(terminal: Terminal) -> None:
    output = terminal.enter("function boom() { throw new TypeError('bad') }; boom()")
    assert output.splitlines()[0] == "Uncaught TypeError: bad"
    assert "at boom (<input>:1" in output
    assert terminal.enter(")").startswith("Uncaught SyntaxError")
    assert terminal.enter("1 + 1") == "2"


def test_repl_ctrl_c_stops_running_js_and_keeps_the_context(terminal: Terminal) -> None:
    assert terminal.enter("let kept = 'still here'") == ""
    terminal.child.sendline("for (;;) {}")
    terminal.child.expect_exact("for (;;) {}")
    terminal.child.sendintr()
    terminal.child.expect_exact("Interrupted (Ctrl-C)")
    terminal.prompt()
    assert terminal.enter("kept") == "'still here'"
    # Ctrl-C at the prompt does not leave either.
    terminal.child.sendintr()
    terminal.child.expect_exact("(To exit, press Ctrl-D or type .exit)")
    terminal.prompt()
    assert terminal.enter("1") == "1"


def test_repl_help_and_exit(terminal: Terminal) -> None:
    assert ".exit" in terminal.enter(".help")
    assert terminal.enter(".nonsense").startswith("Invalid REPL keyword .nonsense")
    terminal.child.sendline(".exit")
    terminal.child.expect(terminal.EOF)
    terminal.child.close()
    assert terminal.child.exitstatus == 0


def test_repl_history_is_kept_in_the_history_file(tmp_path: Path) -> None:
    history = tmp_path / "history"
    first = Terminal(history)
    assert first.enter("6 * 7") == "42"
    assert first.close() == 0
    assert "6 * 7" in history.read_text()
    second = Terminal(history)
    second.child.send("\x1b[A\r")  # the up arrow recalls the line from the last session
    second.child.expect_exact("42")
    second.prompt()
    assert second.close() == 0


def test_repl_without_a_usable_history_file_still_works(tmp_path: Path) -> None:
    term = Terminal(tmp_path / "no-such-directory" / "history")
    assert term.enter("1 + 2") == "3"
    assert term.close() == 0


def test_repl_starts_from_a_snapshot(lib: Path, tmp_path: Path) -> None:
    out = tmp_path / "lib.jss"
    assert jscell("snapshot", str(lib), "-o", str(out)).returncode == 0
    term = Terminal(tmp_path / "history", "--snapshot", str(out))
    assert term.enter("add(2, 2)") == "4"
    assert term.close() == 0


def test_repl_time_limit_says_so(tmp_path: Path) -> None:
    term = Terminal(tmp_path / "history", "--timeout", "0.2")
    assert "time limit of 0.2 s" in term.enter("for (;;) {}")
    assert term.enter("2") == "2"
    assert term.close() == 0
