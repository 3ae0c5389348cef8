"""``ExternalRuntime``: a runtime that runs each program in a JavaScript interpreter's own process.

This is PyExecJS's way, kept for the runtimes that are programs (PhantomJS, Nashorn, SpiderMonkey, ...): each
``call``, ``eval`` and ``exec_`` starts the program, feeds it the compiled source with the code to run wrapped in
a runner (``_runner_sources``), and reads the JSON line the runner prints last. The jscell runtime never comes
here. Unlike PyExecJS, the text going to and from the program is in the runtime's declared encoding (UTF-8 for
most), never the locale's, so a Windows console code page such as GBK cannot garble it.
"""

from __future__ import annotations

import json
import os
import platform
import re
import stat
import tempfile as _tempfile

from jscell.execjs import _runner_sources
from jscell.execjs._abstract_runtime import AbstractRuntime
from jscell.execjs._abstract_runtime_context import AbstractRuntimeContext
from jscell.execjs._exceptions import ProcessExitedWithNonZeroStatus, ProgramError
from jscell.execjs._exceptions import RuntimeError as _ExecJSRuntimeError
from jscell.execjs._misc import encode_unicode_codepoints

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import Any

__all__ = [
    "ExternalRuntime",
    "jsc",
    "jscript",
    "nashorn",
    "node",
    "node_node",
    "node_nodejs",
    "phantomjs",
    "slimerjs",
    "spidermonkey",
]

_PLACEHOLDERS = re.compile(r"#\{(source|encoded_source|json2_source)\}")


class ExternalRuntime(AbstractRuntime):
    """A runtime that runs programs with the command ``command`` (a program name and its arguments).

    name -- the runtime's display name.
    runner_source -- the JS template (see ``_runner_sources``) wrapped around each program.
    encoding -- how text is written to the program and read back.
    tempfile -- write the program to a temporary file passed as the last argument, instead of to stdin.
    """

    def __init__(
        self,
        name: str,
        command: str | Sequence[str],
        runner_source: str,
        encoding: str = "utf8",
        tempfile: bool = False,
    ) -> None:
        self._name = name
        self._command = [command] if isinstance(command, str) else list(command)
        self._runner_source = runner_source
        self._encoding = encoding
        self._tempfile = tempfile
        self._available = self._binary() is not None

    def __str__(self) -> str:
        return f"{type(self).__name__}({self._name})"

    @property
    def name(self) -> str:
        """The runtime's display name."""
        return self._name

    def is_available(self) -> bool:
        """Whether the runtime's program was found on ``PATH`` when the runtime was made."""
        return self._available

    def _compile(self, source: str, cwd: Any = None, **options: Any) -> ExternalRuntime.Context:
        if options:
            raise TypeError(f"the {self._name} runtime takes no options, but got {', '.join(sorted(options))}")
        return self.Context(self, source, cwd=cwd, tempfile=self._tempfile)

    def _binary(self) -> list[str] | None:
        if not hasattr(self, "_binary_cache"):
            self._binary_cache = _which(self._command)
        return self._binary_cache

    class Context(AbstractRuntimeContext):
        """A compiled source: every call runs it again, followed by the call, in a new process."""

        def __init__(self, runtime: ExternalRuntime, source: str = "", cwd: Any = None, tempfile: bool = False) -> None:
            self._runtime = runtime
            self._source = source
            self._cwd = cwd
            self._tempfile = tempfile

        def is_available(self) -> bool:
            return self._runtime.is_available()

        def _eval(self, source: str) -> Any:
            data = "'('+" + json.dumps(source, ensure_ascii=True) + "+')'" if source.strip() else "''"
            return self.exec_("return eval(" + data + ")")

        def _exec_(self, source: str) -> Any:
            if self._source:
                source = self._source + "\n" + source
            program = self._compile(source)
            output = self._exec_with_tempfile(program) if self._tempfile else self._exec_with_pipe(program)
            return self._extract_result(output)

        def _call(self, name: str, *args: Any) -> Any:
            return self._eval(f"{name}.apply(this, {json.dumps(args)})")

        def _run(self, command: list[str], stdin: bytes | None) -> str:
            import subprocess

            encoding = self._runtime._encoding
            process = subprocess.Popen(
                command,
                stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                cwd=self._cwd,
            )
            stdout, stderr = process.communicate(stdin)
            out = stdout.decode(encoding, errors="replace")
            if process.returncode != 0:
                raise ProcessExitedWithNonZeroStatus(
                    status=process.returncode, stdout=out, stderr=stderr.decode(encoding, errors="replace")
                )
            return out

        def _exec_with_pipe(self, program: str) -> str:
            binary = self._runtime._binary()
            assert binary is not None  # is_available() was checked
            return self._run(binary, program.encode(self._runtime._encoding))

        def _exec_with_tempfile(self, program: str) -> str:
            binary = self._runtime._binary()
            assert binary is not None  # is_available() was checked
            fd, filename = _tempfile.mkstemp(prefix="execjs", suffix=".js")
            try:
                with os.fdopen(fd, "w", encoding=self._runtime._encoding, newline="\n") as file:
                    file.write(program)
                return self._run([*binary, filename], None)
            finally:
                os.remove(filename)

        def _compile(self, source: str) -> str:
            """The runner with the program put in its placeholders."""
            replacements = {
                "source": lambda: source,
                "encoded_source": lambda: json.dumps("(function(){ " + encode_unicode_codepoints(source) + " })()"),
                "json2_source": lambda: _runner_sources.JSON_FALLBACK,
            }
            return _PLACEHOLDERS.sub(lambda m: replacements[m.group(1)](), self._runtime._runner_source)

        def _extract_result(self, output: str) -> Any:
            lines = output.replace("\r\n", "\n").replace("\r", "\n").split("\n")
            while lines and not lines[-1].strip():
                lines.pop()
            if not lines:
                raise _ExecJSRuntimeError(f"{self._runtime.name} printed no result")
            try:
                answer: Any = json.loads(lines[-1])
            except ValueError:
                answer = None
            items: list[Any] = answer if isinstance(answer, list) else []  # pyright: ignore[reportUnknownVariableType]
            if items:
                # ["ok"] is undefined, ["err"] a value without a JSON form: both carry None.
                status: Any = items[0]
                value: Any = items[1] if len(items) > 1 else None
                if status == "ok":
                    return value
                if status == "err":
                    raise ProgramError(value)
            raise _ExecJSRuntimeError(f"{self._runtime.name} printed no result: {lines[-1]!r}")


def _is_windows() -> bool:
    return platform.system() == "Windows"


def _find_executable(program: str, extensions: Sequence[str] = ("",)) -> str | None:
    for directory in os.environ.get("PATH", "").split(os.pathsep):
        for extension in extensions:
            path = os.path.join(directory, program + extension)
            try:
                st = os.stat(path)
            except OSError:
                continue
            if stat.S_ISREG(st.st_mode) and stat.S_IMODE(st.st_mode) & 0o111:
                return path
    return None


def _which(command: str | Sequence[str]) -> list[str] | None:
    """The command with its program resolved on ``PATH`` (with ``PATHEXT`` on Windows), or ``None``."""
    command = [command] if isinstance(command, str) else list(command)
    name, args = command[0], command[1:]
    if os.path.isabs(name):
        found = name if os.path.isfile(name) and os.access(name, os.X_OK) else None
    elif _is_windows():
        found = _find_executable(name, os.environ.get("PATHEXT", "").split(os.pathsep))
    else:
        found = _find_executable(name)
    return None if found is None else [found, *args]


def node() -> ExternalRuntime:
    """Node.js run as a process, the way PyExecJS runs it (``node``, else ``nodejs``).

    Not registered: in ``jscell.execjs`` the name ``Node`` is the jscell runtime. Register this under another
    name to compare with real node.
    """
    runtime = node_node()
    return runtime if runtime.is_available() else node_nodejs()


def node_node() -> ExternalRuntime:
    return ExternalRuntime(name="Node.js (V8)", command=["node"], encoding="UTF-8", runner_source=_runner_sources.Node)


def node_nodejs() -> ExternalRuntime:
    return ExternalRuntime(
        name="Node.js (V8)", command=["nodejs"], encoding="UTF-8", runner_source=_runner_sources.Node
    )


def jsc() -> ExternalRuntime:
    return ExternalRuntime(
        name="JavaScriptCore",
        command=["/System/Library/Frameworks/JavaScriptCore.framework/Versions/A/Resources/jsc"],
        runner_source=_runner_sources.JavaScriptCore,
        tempfile=True,
    )


def spidermonkey() -> ExternalRuntime:
    return ExternalRuntime(
        name="SpiderMonkey", command=["js"], runner_source=_runner_sources.SpiderMonkey, tempfile=True
    )


def jscript() -> ExternalRuntime:
    return ExternalRuntime(
        name="JScript",
        command=["cscript", "//E:jscript", "//Nologo"],
        encoding="ascii",
        runner_source=_runner_sources.JScript,
        tempfile=True,
    )


def phantomjs() -> ExternalRuntime:
    return ExternalRuntime(
        name="PhantomJS", command=["phantomjs"], runner_source=_runner_sources.PhantomJS, tempfile=True
    )


def slimerjs() -> ExternalRuntime:
    return ExternalRuntime(name="SlimerJS", command=["slimerjs"], runner_source=_runner_sources.SlimerJS, tempfile=True)


def nashorn() -> ExternalRuntime:
    return ExternalRuntime(name="Nashorn", command=["jjs"], runner_source=_runner_sources.Nashorn, tempfile=True)
