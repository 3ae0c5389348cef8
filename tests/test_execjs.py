"""``jscell.execjs``: PyExecJS's semantics, row by row (results, arguments, errors, isolation, options).

Expected values are written out, so every test stands on its own. Where node is installed, the same tables are
also run through PyExecJS's way of calling it (``ExternalRuntime`` with the node runner), to check that the
expectations are node's.
"""

from __future__ import annotations

import builtins
import concurrent.futures
import json
import logging
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import jscell
import jscell.execjs as execjs
from jscell.execjs import _exceptions, _external_runtime, runtime_names

NODE = _external_runtime.node() if shutil.which("node") or shutil.which("nodejs") else None
needs_node = pytest.mark.skipif(NODE is None, reason="node is not installed (it is only the oracle here)")

# (expression, what PyExecJS returns): json.loads(JSON.stringify(value)), with undefined as None.
RESULTS = [
    ("undefined", None),
    ("null", None),
    ("function () {}", None),
    ("Symbol('s')", None),
    ("true", True),
    ("false", False),
    ("0", 0),
    ("-0", 0),
    ("42", 42),
    ("2 ** 53 + 2", 9007199254740994),
    ("1.5", 1.5),
    ("1e21", 1e21),
    ("0.1 + 0.2", 0.30000000000000004),
    ("NaN", None),
    ("Infinity", None),
    ("'text'", "text"),
    ("''", ""),
    ("'\\u4e16\\u754c \\ud83d\\ude00'", "\u4e16\u754c \U0001f600"),
    ("'\\ud800'", "\ud800"),
    ("[1, 'a', null, undefined, function () {}]", [1, "a", None, None, None]),
    ("[, 1]", [None, 1]),
    ("{a: 1, b: undefined, c: function () {}, d: Symbol()}", {"a": 1}),
    ("{nested: {deep: [1, {x: 'y'}]}}", {"nested": {"deep": [1, {"x": "y"}]}}),
    ("new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 6))", "2024-01-02T03:04:05.006Z"),
    ("new Date(NaN)", None),
    ("new Uint8Array([1, 2, 255])", {"0": 1, "1": 2, "2": 255}),
    ("new Float64Array([0.5])", {"0": 0.5}),
    ("new ArrayBuffer(4)", {}),
    ("new Map([[1, 2]])", {}),
    ("new Set([1])", {}),
    ("/re/g", {}),
    ("Promise.resolve(5)", {}),
    ("new Error('boom')", {}),
    ("{toJSON: function () { return 'custom' }}", "custom"),
    ("Object.assign(Object.create({inherited: 1}), {own: 2})", {"own": 2}),
    ("new String('boxed')", "boxed"),
    ("new Number(7)", 7),
    ("(function () { return arguments })(1, 2)", {"0": 1, "1": 2}),
]


@pytest.mark.parametrize(("expression", "expected"), RESULTS, ids=[r[0] for r in RESULTS])
def test_result_of_each_js_type(expression: str, expected: object) -> None:
    result = execjs.eval(expression)
    assert result == expected
    assert type(result) is type(expected)  # integral numbers are int, as json.loads makes them


@needs_node
@pytest.mark.parametrize(("expression", "expected"), RESULTS, ids=[r[0] for r in RESULTS])
def test_results_table_is_what_pyexecjs_with_node_returns(expression: str, expected: object) -> None:
    assert NODE is not None
    result = NODE.eval(expression)
    assert result == expected
    assert type(result) is type(expected)


@pytest.mark.parametrize("expression", ["1n", "[1n]", "(function () { var a = {}; a.self = a; return a })()"])
def test_bigint_and_cycles_raise_program_error(expression: str) -> None:
    with pytest.raises(execjs.ProgramError) as info:
        execjs.eval(expression)
    assert "TypeError" in info.value.args[0]


def test_a_promise_is_not_awaited() -> None:
    ctx = execjs.compile(
        "var settled = false; function later() { return Promise.resolve(1).then(function () { settled = true }) }"
    )
    assert ctx.call("later") == {}
    assert ctx.eval("settled") is False


# -- eval, exec_, call ----------------------------------------------------------------------------------------------


def test_eval_returns_one_expression() -> None:
    assert execjs.eval("1 + 2") == 3
    assert execjs.eval("{a: 1}") == {"a": 1}  # an object literal, since the expression is parenthesized
    assert execjs.eval("   ") is None
    with pytest.raises(execjs.ProgramError, match="SyntaxError"):
        execjs.eval("1; 2")  # not one expression
    with pytest.raises(execjs.ProgramError, match="SyntaxError"):
        execjs.eval("1 // a comment swallows the closing parenthesis, as with PyExecJS")


def test_exec_runs_a_function_body_and_returns_its_return() -> None:
    assert execjs.exec_("var a = 2; var b = 3; return a * b") == 6
    assert execjs.exec_("1 + 1") is None
    assert execjs.exec_("return") is None
    assert execjs.exec_("if (true) { return 'early' } return 'late'") == "early"
    assert execjs.exec_("return this === (function () { return this })()") is True


def test_call_passes_arguments_as_json() -> None:
    ctx = execjs.compile(
        """
        function echo() { return Array.prototype.slice.call(arguments) }
        function kinds() { return Array.prototype.map.call(arguments, function (a) {
            return Array.isArray(a) ? 'array' : a === null ? 'null' : typeof a }) }
        function isNaNArg(x) { return x !== x }
        """
    )
    assert ctx.call("echo") == []
    assert ctx.call("echo", 1, "two", None, True, 2.5) == [1, "two", None, True, 2.5]
    # A single list argument stays one argument.
    assert ctx.call("kinds", [1, 2]) == ["array"]
    assert ctx.call("echo", [1, 2]) == [[1, 2]]
    assert ctx.call("kinds", {"a": 1}, (1,), None) == ["object", "array", "null"]
    assert ctx.call("echo", {"nested": {"list": [1, {"x": "\u4e16"}]}}) == [{"nested": {"list": [1, {"x": "\u4e16"}]}}]
    assert ctx.call("isNaNArg", float("nan")) is True  # json.dumps writes NaN, which JS reads as NaN
    with pytest.raises(TypeError):
        ctx.call("echo", {1, 2})  # json.dumps refuses it, before any JS runs


def test_call_name_is_an_expression_and_this_is_the_global_object() -> None:
    ctx = execjs.compile(
        """
        var obj = {inner: {id: function (v) { return v }}, who: function () { return this === globalThis }};
        var fns = {'with space': function () { return 'spaced' }};
        var make = function (n) { return function () { return n } };
        """
    )
    assert ctx.call("obj.inner.id", "bar") == "bar"
    assert ctx.call("fns['with space']") == "spaced"
    assert ctx.call("make(3)") == 3
    # PyExecJS calls name.apply(this, args): `this` is the global object, not `obj`.
    assert ctx.call("obj.who") is True
    with pytest.raises(execjs.ProgramError, match="ReferenceError"):
        ctx.call("missing")
    with pytest.raises(execjs.ProgramError, match="TypeError"):
        ctx.call("obj.nothing")


def test_compiled_declarations_of_every_kind_are_visible_to_calls() -> None:
    ctx = execjs.compile(
        "var v = 1; let l = 2; const c = 3; function f() { return 4 } class K { static g() { return 5 } }"
    )
    assert ctx.eval("[v, l, c, f(), K.g()]") == [1, 2, 3, 4, 5]
    assert ctx.exec_("return v + l + c") == 6


def test_compile_source_with_a_top_level_return_runs_as_pyexecjs_runs_it() -> None:
    # PyExecJS pastes the source into a function body, where `return` is legal (and ends the call early).
    ctx = execjs.compile("function f() { return 1 }\nif (typeof skip !== 'undefined') return 'skipped'")
    assert ctx.call("f") == 1
    assert execjs.compile("return 'source wins'").call("anything") == "source wins"


# -- errors ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("statement", "message"),
    [
        ("throw new Error('boom')", "Error: boom"),
        ("throw new TypeError('bad type')", "TypeError: bad type"),
        ("throw new Error()", "Error"),
        ("throw 'plain string'", "plain string"),
        ("throw 42", "42"),
        ("throw null", "null"),
        ("throw {a: 1}", "[object Object]"),
        ("throw {toString: function () { return 'custom' }}", "custom"),
        ("throw {valueOf: function () { return 'by valueOf' }}", "by valueOf"),  # '' + thrown, not String()
        ("var e = new Error('m'); e.name = 'MyError'; throw e", "MyError: m"),
        (
            "class Custom extends Error { constructor() { super('c'); this.name = 'Custom' } }; throw new Custom()",
            "Custom: c",
        ),
    ],
)
def test_js_exception_raises_program_error_with_the_thrown_value_as_text(statement: str, message: str) -> None:
    with pytest.raises(execjs.ProgramError) as info:
        execjs.exec_(statement)
    assert info.value.args == (message,)
    assert isinstance(info.value, execjs.Error)


def test_syntax_error_in_an_exec_body_is_a_nonzero_exit_as_with_node() -> None:
    with pytest.raises(_exceptions.ProcessExitedWithNonZeroStatus) as info:
        execjs.exec_("return )")
    err = info.value
    assert (err.status, err.stdout) == (1, "")
    assert "SyntaxError" in err.stderr
    assert isinstance(err, execjs.RuntimeError) and isinstance(err, execjs.Error)
    assert not isinstance(err, builtins.RuntimeError)


def test_syntax_error_in_the_source_is_raised_on_each_use_not_by_compile() -> None:
    ctx = execjs.compile("function f() { return 1 ")  # no error yet, as with PyExecJS
    for use in (lambda: ctx.call("f"), lambda: ctx.eval("1"), lambda: ctx.exec_("return 1")):
        with pytest.raises(_exceptions.ProcessExitedWithNonZeroStatus) as info:
            use()
        assert "SyntaxError" in info.value.stderr


def test_top_level_throw_in_the_source_is_raised_on_each_use_not_by_compile() -> None:
    ctx = execjs.compile("function f() { return 1 }\nthrow new RangeError('at load')")
    for use in (lambda: ctx.call("f"), lambda: ctx.eval("1"), lambda: ctx.exec_("return 1")):
        with pytest.raises(execjs.ProgramError) as info:
            use()
        assert info.value.args == ("RangeError: at load",)


def test_a_syntax_error_thrown_while_the_source_runs_is_a_program_error() -> None:
    # A SyntaxError from JSON.parse is thrown by running code, so it is not node failing to parse the source.
    ctx = execjs.compile("var data = JSON.parse('{broken')")
    with pytest.raises(execjs.ProgramError, match=r"^SyntaxError"):
        ctx.eval("data")


def test_syntax_error_inside_the_eval_expression_is_a_program_error() -> None:
    # PyExecJS evaluates the expression with eval() inside the running program, so node reports it as thrown.
    with pytest.raises(execjs.ProgramError, match="SyntaxError"):
        execjs.eval("1 +")


def test_thrown_symbol_cannot_be_reported_so_it_is_a_nonzero_exit() -> None:
    # '' + symbol throws inside the runner's catch, which makes node exit with an error status.
    with pytest.raises(_exceptions.ProcessExitedWithNonZeroStatus, match=r"[Ss]ymbol"):
        execjs.exec_("throw Symbol('s')")


def test_stack_overflow_is_a_program_error() -> None:
    with pytest.raises(execjs.ProgramError, match="RangeError"):
        execjs.exec_("function f() { return f() } return f()")


def test_exception_hierarchy_is_pyexecjs() -> None:
    assert issubclass(execjs.RuntimeError, execjs.Error)
    assert execjs.RuntimeError is not builtins.RuntimeError
    assert issubclass(execjs.RuntimeUnavailableError, execjs.RuntimeError)
    assert issubclass(_exceptions.ProcessExitedWithNonZeroStatus, execjs.RuntimeError)
    assert issubclass(execjs.ProgramError, execjs.Error)
    assert not issubclass(execjs.ProgramError, execjs.RuntimeError)
    err = _exceptions.ProcessExitedWithNonZeroStatus(3, "out", "err")
    assert (err.status, err.stdout, err.stderr, err.args) == (3, "out", "err", (3, "out", "err"))


# -- isolation, state and threads -----------------------------------------------------------------------------------


def test_no_state_carries_over_between_calls() -> None:
    ctx = execjs.compile("var n = 0; function inc() { return ++n }")
    assert [ctx.call("inc") for _ in range(3)] == [1, 1, 1]
    ctx.exec_("globalThis.leaked = 1; n = 100")
    assert ctx.eval("typeof leaked") == "undefined"
    assert ctx.eval("n") == 0


def test_module_level_eval_and_exec_share_nothing() -> None:
    execjs.exec_("globalThis.shared = 1")
    assert execjs.eval("typeof shared") == "undefined"


def test_stateful_keeps_one_context() -> None:
    with execjs.compile("var n = 0; function inc() { return ++n }", stateful=True) as ctx:
        assert [ctx.call("inc") for _ in range(3)] == [1, 2, 3]
        ctx.exec_("globalThis.kept = 'yes'")
        assert ctx.eval("kept") == "yes"
    with pytest.raises(jscell.ContextClosedError):
        ctx.call("inc")


def test_load_time_values_are_fixed_per_compile_unless_rerun() -> None:
    source = "var nonce = Math.random() + ':' + Date.now(); function get() { return nonce }"
    snap = execjs.compile(source)
    assert snap.mode == "snapshot"
    assert len({snap.call("get") for _ in range(5)}) == 1  # the source ran once
    rerun = execjs.compile(source, rerun=True)
    assert rerun.mode == "rerun"
    assert len({rerun.call("get") for _ in range(5)}) == 5  # the source runs per call, as with PyExecJS


def test_rerun_keeps_pyexecjs_function_scoping() -> None:
    ctx = execjs.compile("var local = 1; function f() { return local }", rerun=True)
    assert ctx.call("f") == 1
    assert ctx.eval("typeof globalThis.local") == "undefined"  # the source's declarations are function-local
    assert ctx.exec_("local += 1; return local") == 2
    assert ctx.exec_("return local") == 1


def test_each_fork_has_fresh_randomness() -> None:
    ctx = execjs.compile("function r() { return Math.random() }")
    assert len({ctx.call("r") for _ in range(5)}) == 5


def test_calls_from_many_threads_are_safe_and_isolated() -> None:
    ctx = execjs.compile("var n = 0; function inc(x) { n += 1; return [x, n] }")

    def work(i: int) -> list[object]:
        return [ctx.call("inc", i * 1000 + j) for j in range(100)]

    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        results = list(pool.map(work, range(8)))
    assert results == [[[i * 1000 + j, 1] for j in range(100)] for i in range(8)]


def test_stateful_context_from_many_threads_counts_every_call() -> None:
    ctx = execjs.compile("var n = 0; function inc() { return ++n }", stateful=True)
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda _: ctx.call("inc"), range(200)))
    assert sorted(results) == list(range(1, 201))


# -- console, timers, cwd -------------------------------------------------------------------------------------------


def test_console_output_reaches_neither_stdout_nor_stderr(
    capfd: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    source = (
        "console.log('at load'); console.error('error at load'); function f() { console.warn('in call'); return 1 }"
    )
    ctx = execjs.compile(source)
    assert ctx.call("f") == 1
    assert execjs.exec_("console.log('x'); console.error('y'); console.info('z'); console.debug('w'); return 2") == 2
    captured = capfd.readouterr()
    assert (captured.out, captured.err) == ("", "")
    assert caplog.records == []


def test_pending_timers_are_cancelled_so_no_call_hangs() -> None:
    # With PyExecJS, node never exits while an interval is pending. The time limit turns a hang into a failure.
    ctx = execjs.compile(
        "setInterval(function () {}, 1); function f() { setInterval(function () {}, 1); return 'done' }", timeout=10
    )
    assert ctx.call("f") == "done"
    assert execjs.exec_("setTimeout(function () { throw new Error('never runs') }, 0); return 1") == 1
    assert execjs.exec_("var ran = false; setTimeout(function () { ran = true }, 0); return ran") is False


def test_cwd_is_the_one_directory_require_reads(tmp_path: Path) -> None:
    (tmp_path / "helper.js").write_text("module.exports = (x) => x * 2;")
    compiled = execjs.compile("var helper = require('./helper'); function f(x) { return helper(x) }", str(tmp_path))
    assert compiled.call("f", 21) == 42
    assert execjs.eval("require('./helper')(2) + process.cwd().length", cwd=tmp_path) == 4 + len(str(tmp_path))
    assert execjs.eval("typeof require('crypto').createHash") == "function"
    assert execjs.eval("(function () { try { require('../x') } catch (e) { return e.code } })()", cwd=tmp_path) == (
        "ERR_JSCELL_SANDBOX"
    )
    with pytest.raises(FileNotFoundError):
        execjs.eval("1", cwd="/nonexistent/directory")
    with pytest.raises(TypeError, match="cwd"):
        execjs.compile("", cwd=42)


# -- options beyond PyExecJS ----------------------------------------------------------------------------------------


def test_timeout_stops_a_call() -> None:
    ctx = execjs.compile("function spin() { for (;;) {} }", timeout=0.2)
    with pytest.raises(execjs.JSTimeoutError) as info:
        ctx.call("spin")
    err = info.value
    assert isinstance(err, execjs.RuntimeError) and isinstance(err, jscell.JSTimeoutError)
    assert isinstance(err, builtins.TimeoutError)
    assert ctx.eval("1") == 1  # the next call gets a fresh fork


def test_timeout_bounds_the_loading_too() -> None:
    with pytest.raises(execjs.JSTimeoutError):
        execjs.compile("for (;;) {}", timeout=0.2)


def test_timeout_applies_to_eval_and_exec() -> None:
    with pytest.raises(execjs.JSTimeoutError):
        execjs.exec_("for (;;) {}", timeout=0.2)
    with pytest.raises(execjs.JSTimeoutError):
        execjs.eval("(function () { for (;;) {} })()", timeout=0.2)


def test_memory_limit_stops_a_call() -> None:
    ctx = execjs.compile(
        "function grow() { var a = []; for (;;) a.push(new Array(1e5).fill(1)) }", memory_limit=32 << 20
    )
    with pytest.raises(execjs.JSMemoryError) as info:
        ctx.call("grow")
    assert isinstance(info.value, execjs.RuntimeError) and isinstance(info.value, builtins.MemoryError)
    assert ctx.call("Math.max", 1, 2) == 2


@pytest.mark.parametrize(
    ("options", "error"),
    [
        ({"timeout": "1"}, TypeError),
        ({"timeout": 0}, ValueError),
        ({"timeout": True}, TypeError),
        ({"memory_limit": 1.5}, TypeError),
        ({"memory_limit": -1}, ValueError),
        ({"rerun": True, "stateful": True}, ValueError),
        ({"no_such_option": 1}, TypeError),
    ],
)
def test_bad_options_raise_typed_errors(options: dict[str, object], error: type[Exception]) -> None:
    with pytest.raises(error):
        execjs.compile("1", **options)


def test_source_must_be_text() -> None:
    with pytest.raises(TypeError, match="str"):
        execjs.compile(b"var a = 1")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="str"):
        execjs.eval(None)  # type: ignore[arg-type]


# -- text and size --------------------------------------------------------------------------------------------------


def test_unicode_in_source_arguments_and_results() -> None:
    ctx = execjs.compile(
        "var greeting = '\u4f60\u597d'; function greet(name) { return greeting + '\uff0c' + name + ' \U0001f600' }"
    )
    assert ctx.call("greet", "\u4e16\u754c") == "\u4f60\u597d\uff0c\u4e16\u754c \U0001f600"
    assert ctx.call("greet", "\U0001f680") == "\u4f60\u597d\uff0c\U0001f680 \U0001f600"
    assert execjs.eval("'\u2028\u2029'.length") == 2
    assert execjs.eval("'a\\u0000b'") == "a\x00b"
    assert execjs.exec_('return "\u3042"') == "\u3042"
    assert execjs.exec_(r'return "\u3042"') == "\u3042"


def test_a_one_megabyte_source() -> None:
    functions = "".join(f"function f{i}(x) {{ return x + {i}; }}\n" for i in range(20_000))
    padding = "var blob = '" + "x" * (1_000_000 - len(functions)) + "';\n"
    source = functions + padding + "function size() { return blob.length }"
    assert len(source) > 1_000_000
    ctx = execjs.compile(source)
    assert ctx.call("f19999", 1) == 20_000
    assert ctx.call("size") == 1_000_000 - len(functions)
    assert execjs.exec_(source + "\nreturn f12345(0)") == 12345


def test_a_result_and_an_argument_of_a_megabyte() -> None:
    ctx = execjs.compile("function echo(s) { return s } function big(n) { return new Array(n + 1).join('\u4e16') }")
    text = "\u754c" * 1_000_000
    assert ctx.call("echo", text) == text
    assert ctx.call("big", 1_000_000) == "\u4e16" * 1_000_000


GBK_SCRIPT = r"""
import locale
import sys

# What a Chinese Windows machine looks like to Python: the locale's encoding is GBK (cp936).
locale.getpreferredencoding = lambda do_setlocale=True: "gbk"
if hasattr(locale, "getencoding"):
    locale.getencoding = lambda: "gbk"

import jscell.execjs as execjs

source = open(sys.argv[1], encoding="utf-8").read()
ctx = execjs.compile(source)
assert ctx.call("sign", "\u4e2d\u6587") == "\u7b7e\u540d:\u4e2d\u6587:\u20ac\U0001f600", ctx.call("sign", "\u4e2d\u6587")
assert execjs.eval("'\u4e2d\u6587'.length") == 2
print(ctx.call("sign", "\u6d4b\u8bd5")[:5])
"""


def test_results_do_not_depend_on_the_locale_encoding(tmp_path: Path) -> None:
    # PyExecJS decodes node's output with the locale's encoding, which garbles UTF-8 (or fails) on GBK systems.
    # The shim exchanges no text with a process, so the locale cannot matter; the source has a character GBK
    # lacks (U+1F600) and one it spells differently from cp1252 (U+20AC).
    source = os.path.join(str(tmp_path), "sign.js")
    with open(source, "w", encoding="utf-8") as file:
        file.write("var prefix = '\u7b7e\u540d'; function sign(s) { return prefix + ':' + s + ':\u20ac\U0001f600' }")
    script = os.path.join(str(tmp_path), "gbk.py")
    with open(script, "w", encoding="utf-8") as file:
        file.write(GBK_SCRIPT)
    env = dict(os.environ, LANG="zh_CN.GBK", LC_ALL="zh_CN.GBK", PYTHONIOENCODING="gbk", PYTHONUTF8="0")
    completed = subprocess.run([sys.executable, script, source], env=env, capture_output=True, timeout=120, check=False)
    assert completed.returncode == 0, completed.stderr.decode("utf-8", "replace")
    assert completed.stdout.decode("gbk").strip() == "\u7b7e\u540d:\u6d4b\u8bd5"


# -- runtimes -------------------------------------------------------------------------------------------------------


def test_jscell_is_the_default_and_node_resolves_to_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("EXECJS_RUNTIME", raising=False)
    default = execjs.get()
    assert isinstance(default, execjs.JSCellRuntime)
    assert default.name == runtime_names.JSCell == "JSCell"
    assert execjs.get(runtime_names.Node) is default
    assert execjs.get("node") is default and execjs.get("NODE") is default  # names are case-insensitive
    assert execjs.get_from_environment() is None
    assert list(execjs.runtimes())[:3] == ["JSCell", "Node", "PyV8"]
    assert execjs.runtimes()["Node"] is default


@pytest.mark.parametrize("name", ["Node", "node", "JSCell"])
def test_execjs_runtime_variable_naming_node_gives_jscell(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    monkeypatch.setenv("EXECJS_RUNTIME", name)
    assert isinstance(execjs.get_from_environment(), execjs.JSCellRuntime)
    assert isinstance(execjs.get(), execjs.JSCellRuntime)


def test_execjs_runtime_variable_naming_nothing_available_falls_back(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("NoSuchRuntime", "PyV8"):
        monkeypatch.setenv("EXECJS_RUNTIME", name)
        assert execjs.get_from_environment() is None
        assert isinstance(execjs.get(), execjs.JSCellRuntime)


def test_lookup_errors_keep_pyexecjs_messages() -> None:
    with pytest.raises(execjs.RuntimeUnavailableError) as info:
        execjs.get("NoSuchRuntime")
    assert str(info.value) == "NoSuchRuntime runtime is not defined"
    with pytest.raises(execjs.RuntimeUnavailableError) as info:
        execjs.get("pyv8")
    assert str(info.value) == "PyV8 runtime is not available on this system"


def test_other_names_are_external_runtimes_available_only_when_installed() -> None:
    runtimes = execjs.runtimes()
    for name in ("JavaScriptCore", "SpiderMonkey", "JScript", "PhantomJS", "SlimerJS", "Nashorn"):
        runtime = runtimes[name]
        assert isinstance(runtime, execjs.ExternalRuntime)
        program = _external_runtime._which(runtime._command)
        assert runtime.is_available() == (program is not None)
        if not runtime.is_available():
            with pytest.raises(execjs.RuntimeUnavailableError, match="not available on this system"):
                execjs.get(name)


def test_register_adds_a_runtime_after_the_others() -> None:
    runtime = execjs.ExternalRuntime("Custom", ["no-such-program-here"], "")
    execjs.register("CustomForTest", runtime)
    try:
        assert execjs.runtimes()["CustomForTest"] is runtime
        with pytest.raises(execjs.RuntimeUnavailableError, match="Custom runtime is not available"):
            execjs.get("customfortest")
    finally:
        execjs._runtimes._runtimes.remove(("CustomForTest", runtime))


def test_options_to_an_external_runtime_are_refused() -> None:
    runtime = execjs.ExternalRuntime("Python", [os.path.basename(sys.executable)], "")
    if not runtime.is_available():
        runtime = execjs.ExternalRuntime("Python", [sys.executable], "")
    with pytest.raises(TypeError, match="takes no options"):
        runtime.compile("", timeout=1)


def test_import_jscell_does_not_import_execjs() -> None:
    code = "import sys, jscell; print('jscell.execjs' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout == "False\n"


NO_PROCESS_SCRIPT = textwrap.dedent(
    """
    import sys

    started = []

    def audit(event, args):
        if event in ("subprocess.Popen", "os.system", "os.posix_spawn", "os.spawn", "os.exec", "os.fork"):
            started.append(event)

    sys.addaudithook(audit)

    import jscell.execjs as execjs

    ctx = execjs.compile("function add(x, y) { return x + y }")
    assert ctx.call("add", 1, 2) == 3
    assert execjs.eval("'red yellow blue'.split(' ')") == ["red", "yellow", "blue"]
    assert execjs.exec_("return 1") == 1
    assert execjs.get("Node").eval("1 + 2") == 3
    try:
        execjs.exec_(")")
    except execjs.Error:
        pass
    assert started == [], started
    print("no process")
    """
)


def test_jscell_execjs_never_starts_a_process() -> None:
    # An audit hook sees every process Python starts; it runs in its own interpreter, since hooks stay forever.
    completed = subprocess.run(
        [sys.executable, "-c", NO_PROCESS_SCRIPT], capture_output=True, text=True, timeout=120, check=False
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout == "no process\n"


# -- against node, where it is installed ----------------------------------------------------------------------------

ORACLE_PROGRAMS = [
    ("function f(a, b) { return {sum: a + b, list: [a, b]} }", "call", ("f", 1, 2)),
    ("function f(a) { return a }", "call", ("f", [1, [2, {"x": None}]])),
    ("var o = {m: function () { return this === globalThis }}", "call", ("o.m",)),
    ("", "eval", ("[typeof this, typeof arguments]",)),
    ("", "exec_", ("var x = 'a'; return x + x",)),
    ("var v = 1", "exec_", ("return typeof v",)),
    ("", "eval", ("new Date(0)",)),
    ("", "eval", ("[NaN, -0, 1e300 * 10, 2 ** 60]",)),
    ("", "exec_", ("throw new Error('x')",)),
    ("", "exec_", ("throw 'str'",)),
    ("", "exec_", ("return )",)),
    ("throw new Error('load')", "eval", ("1",)),
    ("", "call", ("missing",)),
    ("", "eval", ("1n",)),
    ("return 7", "eval", ("1",)),
    ("", "eval", ("'\u4e2d\u6587\U0001f600'",)),
]


def outcome(runtime: execjs.AbstractRuntime, source: str, method: str, args: tuple[object, ...]) -> tuple[str, object]:
    try:
        return "value", getattr(runtime.compile(source), method)(*args)
    except execjs.Error as err:
        return type(err).__name__, None


@needs_node
@pytest.mark.parametrize(("source", "method", "args"), ORACLE_PROGRAMS)
def test_same_outcome_as_pyexecjs_with_node(source: str, method: str, args: tuple[object, ...]) -> None:
    assert NODE is not None
    assert outcome(execjs.get(), source, method, args) == outcome(NODE, source, method, args)


def test_runner_names_are_invisible_to_the_program() -> None:
    # The runner's own variables must not shadow the program's globals.
    ctx = execjs.compile("var kind = 'mine', code = 'mine', program = 'mine', result = 'mine', report = 'mine'")
    assert ctx.eval("[kind, code, program, result, report]") == ["mine"] * 5
    assert ctx.exec_("return [kind, code, program, result, report]") == ["mine"] * 5


def test_the_compiled_source_never_sees_the_runner() -> None:
    ctx = execjs.compile(
        "var seen = Object.getOwnPropertyNames(globalThis).filter(function (n) { return /jscell/.test(n) })"
    )
    assert ctx.eval("seen") == []
    assert ctx.eval("Object.keys(globalThis).filter(function (n) { return /jscell/.test(n) })") == []


def test_a_program_that_locks_the_global_object_still_runs() -> None:
    ctx = execjs.compile("var n = 1; Object.freeze(globalThis); function f(x) { return x + n }")
    assert ctx.call("f", 1) == 2
    assert ctx.exec_("return Object.isFrozen(this)") is True


def test_a_program_that_replaces_json_spoils_only_its_own_result() -> None:
    ctx = execjs.compile("JSON.stringify = function () { return 42 }")
    with pytest.raises(execjs.ProgramError, match=r"JSON\.stringify returned"):
        ctx.eval("1")
    with pytest.raises(execjs.ProgramError, match=r"^Error: still reported$"):
        ctx.exec_("throw new Error('still reported')")


def test_results_are_exactly_json_loads_of_json_stringify() -> None:
    value = execjs.eval("{b: [1, 2.5, 'x'], a: {c: null}, d: 1e-7}")
    assert json.dumps(value) == json.dumps({"b": [1, 2.5, "x"], "a": {"c": None}, "d": 1e-7})
    assert list(value) == ["b", "a", "d"]  # key order is JS's
