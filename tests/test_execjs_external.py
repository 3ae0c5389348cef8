"""``jscell.execjs.ExternalRuntime``: the process-per-call runtimes PyExecJS has beyond node, and its CLI.

The programs those runtimes start (PhantomJS, SpiderMonkey, Nashorn, JScript, ...) are not installed here, so
their runner templates run under node, behind small wrappers that give node the globals each program has
(``print``, ``WScript.Echo``, ``phantom.exit``). The JScript wrapper also removes ``JSON``, as old JScript lacks
it, so the runner's own serializer is what produces the result.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import jscell.execjs as execjs
from jscell.execjs import _exceptions, _external_runtime, _runner_sources

NODE = shutil.which("node")
pytestmark = pytest.mark.skipif(NODE is None, reason="node is not installed (it stands in for the other programs)")

WRAPPERS = {
    # A shell with a global print(), like SpiderMonkey's js, Nashorn's jjs and JavaScriptCore's jsc.
    "print": "globalThis.print = function (s) { process.stdout.write(String(s) + '\\n') };",
    # Windows Script Host, without JSON.
    "wscript": "globalThis.WScript = {Echo: function (s) { process.stdout.write(String(s) + '\\n') }}; delete globalThis.JSON;",
    # PhantomJS and SlimerJS print with console.log and end with phantom.exit().
    "phantom": "globalThis.phantom = {exit: function () {}};",
}


def wrapper(tmp_path: Path, kind: str) -> list[str]:
    path = tmp_path / f"{kind}.js"
    path.write_text(
        WRAPPERS[kind]
        + "\nrequire('vm').runInThisContext(require('fs').readFileSync(process.argv[2], 'latin1'), process.argv[2]);\n"
    )
    assert NODE is not None
    return [NODE, str(path)]


@pytest.fixture(
    params=[
        ("Node", None, False, "utf8"),
        ("SpiderMonkey", "print", True, "utf8"),
        ("JavaScriptCore", "print", True, "utf8"),
        ("JScript", "wscript", True, "ascii"),
        ("PhantomJS", "phantom", True, "utf8"),
    ],
    ids=lambda p: p[0],
)
def runtime(request: pytest.FixtureRequest, tmp_path: Path) -> execjs.ExternalRuntime:
    template, kind, tempfile, encoding = request.param
    assert NODE is not None
    command = [NODE] if kind is None else wrapper(tmp_path, kind)
    return execjs.ExternalRuntime(
        template, command, getattr(_runner_sources, template), encoding=encoding, tempfile=tempfile
    )


def test_runner_templates_run_pyexecjs_semantics(runtime: execjs.ExternalRuntime) -> None:
    assert runtime.is_available()
    ctx = runtime.compile("id = function (v) { return v }; a = {b: {id: function (v) { return v }}}")
    assert ctx.call("id", "bar") == "bar"
    assert ctx.call("a.b.id", "bar") == "bar"
    assert runtime.exec_("return [1, 2]") == [1, 2]
    assert runtime.exec_("return {a: 1, b: 2}") == {"a": 1, "b": 2}
    assert runtime.exec_("1") is None
    assert runtime.exec_("return 0") == 0
    assert runtime.eval("") is None
    assert runtime.eval("[1, function () {}]") == [1, None]
    assert runtime.eval("{a: true, b: function () {}}") == {"a": True}
    assert runtime.eval('"\u3042\u4e16"') == "\u3042\u4e16"
    assert runtime.eval(r'"\u3042"') == "\u3042"
    assert runtime.eval('"\\\\ \\" \\n"') == '\\ " \n'
    assert runtime.eval("this === (function () { return this })()") is True
    substitutions = "#{source}#{encoded_source}#{json2_source}"
    assert runtime.eval('"' + substitutions + '"') == substitutions
    with pytest.raises(execjs.Error):
        runtime.compile("").call("missing")
    with pytest.raises(execjs.ProgramError):
        runtime.exec_("throw new Error('boom')")


def test_syntax_error(runtime: execjs.ExternalRuntime) -> None:
    if "#{source}" in runtime._runner_source:
        # The program is part of the runner's text: the program cannot start.
        with pytest.raises(_exceptions.ProcessExitedWithNonZeroStatus) as info:
            runtime.exec_(")")
        assert info.value.status != 0
        assert "SyntaxError" in info.value.stderr
    else:
        # The runner eval()s the program (#{encoded_source}), so the SyntaxError is thrown, and reported.
        with pytest.raises(execjs.ProgramError, match="SyntaxError"):
            runtime.exec_(")")


def test_thrown_text_follows_each_template() -> None:
    assert NODE is not None
    node = execjs.ExternalRuntime("Node", [NODE], _runner_sources.Node)
    with pytest.raises(execjs.ProgramError) as info:
        node.exec_("throw new TypeError('x')")
    assert info.value.args == ("TypeError: x",)
    with pytest.raises(execjs.ProgramError) as info:
        node.exec_("throw 'plain'")
    assert info.value.args == ("plain",)


def test_json_fallback_serializes_like_json_stringify(tmp_path: Path) -> None:
    assert NODE is not None
    jscript = execjs.ExternalRuntime("JScript", wrapper(tmp_path, "wscript"), _runner_sources.JScript, "ascii", True)
    value = jscript.eval(
        "{s: 'q\"\\\\\\n\u00e9\U0001f600', n: [1, 2.5, NaN, null], d: new Date(0), u: undefined, x: {y: []}}"
    )
    assert value == {
        "s": 'q"\\\n\u00e9\U0001f600',
        "n": [1, 2.5, None, None],
        "d": "1970-01-01T00:00:00.000Z",
        "x": {"y": []},
    }
    with pytest.raises(execjs.ProgramError) as info:
        jscript.exec_("throw new RangeError('r')")
    assert info.value.args == ("RangeError: r",)


def test_unavailable_and_available_programs(tmp_path: Path) -> None:
    assert not execjs.ExternalRuntime("fail", ["nonexistent-program-xyz"], "").is_available()
    program = tmp_path / "prog"
    program.write_text("#!/bin/sh\n")
    program.chmod(0o755)
    assert execjs.ExternalRuntime("absolute", [str(program)], "").is_available()
    assert _external_runtime._which([str(program), "--flag"]) == [str(program), "--flag"]


def test_output_is_decoded_in_the_runtime_encoding_not_the_locale() -> None:
    assert NODE is not None
    node = execjs.ExternalRuntime("Node", [NODE], _runner_sources.Node, encoding="UTF-8")
    code = (
        "import locale; locale.getpreferredencoding = lambda *a: 'gbk'\n"
        "import jscell.execjs as execjs, sys\n"
        f"node = execjs.ExternalRuntime('Node', [{NODE!r}], execjs._runner_sources.Node)\n"
        "assert node.eval(\"'\\u4e2d\\u6587\\U0001f600'\") == '\\u4e2d\\u6587\\U0001f600'\n"
    )
    env = dict(os.environ, LC_ALL="zh_CN.GBK", PYTHONIOENCODING="gbk", PYTHONUTF8="0")
    completed = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False)
    assert completed.returncode == 0, completed.stderr
    assert node.eval("'\u4e2d'") == "\u4e2d"


def test_python_m_jscell_execjs_is_pyexecjs_command_line(tmp_path: Path) -> None:
    lib = tmp_path / "lib.js"
    lib.write_text("function add(a, b) { return a + b }", encoding="utf-8")
    run = [sys.executable, "-m", "jscell.execjs"]
    completed = subprocess.run([*run, str(lib), "-e", "add(1, 2)"], capture_output=True, text=True, check=True)
    assert completed.stdout == "3\n"
    completed = subprocess.run([*run], input="'a b'.split(' ')", capture_output=True, text=True, check=True)
    assert completed.stdout == "['a', 'b']\n"
    completed = subprocess.run([*run, "--print-available-runtimes"], capture_output=True, text=True, check=True)
    assert completed.stderr.splitlines()[:2] == ["JSCell", "Node"]  # on stderr, as PyExecJS prints them
    completed = subprocess.run([*run, "-r", "PyV8", "-e", "1"], capture_output=True, text=True, check=False)
    assert completed.returncode == 2
    assert "PyV8 runtime is not available on this system" in completed.stderr
