"""The ``JSCell`` runtime: PyExecJS's semantics on jscell sandboxes, with no process started.

``compile`` runs the source once in a jscell context and keeps a ``jscell.Snapshot`` of it. Every ``call``,
``eval`` and ``exec_`` then runs in a fresh fork of that snapshot, so, as with PyExecJS (which starts node and
re-runs the whole source each time), no call sees another's state, and calls from many threads are safe.

What each call runs is a small JS runner that does what PyExecJS's node runner does: it runs the code, turns
the result into ``JSON.stringify(['ok', result])`` (``undefined`` is reported apart), and turns a thrown value
into ``'' + thrown``. Python then parses that JSON, so results are exactly what PyExecJS returns.
"""

from __future__ import annotations

import errno
import json
import os
import threading

import jscell
from jscell.execjs import _exceptions
from jscell.execjs._abstract_runtime import AbstractRuntime
from jscell.execjs._abstract_runtime_context import AbstractRuntimeContext

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, NoReturn

__all__ = ["Context", "JSCellRuntime"]

# The runner, called as RUNNER(kind, code). It answers with a [tag, payload] array rather than text, so that a
# program that replaces JSON can only spoil its own result, never the report of an error.
#   kind "expr": `code` is the text of a function, `(function () { return eval("(" + expression + ")") })`,
#                made by an indirect eval: so it is created in global scope, where no name of the runner's is
#                visible, and its direct eval sees what PyExecJS's does (its own empty `arguments`, `this` the
#                global object, sloppy mode), except that the compiled source's declarations are globals here.
#                Only `eval` is used, as PyExecJS uses it; a program may have replaced `Function`.
#   kind "body": `code` is a function body, made a function by the Function constructor (global scope, sloppy)
#                and called with `this` the global object. A body that does not parse is what makes node exit
#                with an error status before running anything.
# An "out of memory" InternalError is rethrown so that the host reports the memory limit.
_RUNNER = r"""(function (kind, code) {
  function outOfMemory(e) {
    return e instanceof InternalError && e.message === 'out of memory';
  }
  function report(e) {
    try {
      return '' + e;
    } catch (ignored) {
      return 'Uncaught exception';
    }
  }
  var program, result;
  if (kind === 'body') {
    try {
      program = Function(code);
    } catch (e) {
      if (outOfMemory(e)) throw e;
      return ['exit', report(e)];
    }
  } else {
    program = (0, eval)(code);
  }
  try {
    result = program();
  } catch (e) {
    if (outOfMemory(e)) throw e;
    try {
      return ['err', '' + e];
    } catch (e2) {
      if (outOfMemory(e2)) throw e2;
      return ['exit', report(e2)];
    }
  }
  if (typeof result == 'undefined' && result !== null) return ['undefined'];
  try {
    return ['json', JSON.stringify(['ok', result])];
  } catch (e) {
    if (outOfMemory(e)) throw e;
    var text;
    try { text = '' + e; } catch (ignored) { text = 'the result cannot be converted to JSON'; }
    return ['unserializable', text];
  }
})"""

# Once the compiled source has run, the runner is installed as this global (not enumerable, writable or
# configurable), so that each call is a plain `call` with no runner source to parse: that halves a call's cost.
# The source itself never sees it; code run by a call could, by listing the global object's own property names.
_RUNNER_NAME = "__jscell_execjs_runner__"
_INSTALL_RUNNER = (
    f"Object.defineProperty(globalThis, {json.dumps(_RUNNER_NAME)}, "
    f"{{value: {_RUNNER}, enumerable: false, writable: false, configurable: false}})"
)

# Whether a source parses as a function body, without running it.
_PARSES_AS_BODY = "(function (code) { try { Function(code); return true; } catch (e) { return false; } })"

_SNAPSHOT, _STATEFUL, _RERUN = "snapshot", "stateful", "rerun"


def _node_environment(cwd: Any) -> tuple[Any, Any]:
    """The ``node=`` setting for ``cwd`` (PyExecJS's node runs the code in that directory, so ``require``
    finds its files and ``node_modules``): node compatibility always, with ``cwd`` as the one directory the
    sandbox may read; and the door to its files, which every fork must be given again (None without ``cwd``)."""
    if cwd is None:
        return True, None
    if not isinstance(cwd, (str, bytes, os.PathLike)):
        raise TypeError(f"cwd must be a path or None, not {type(cwd).__name__}")
    from jscell._node import node_settings

    root = os.fsdecode(cwd)  # pyright: ignore[reportUnknownArgumentType] - any path-like, as subprocess takes
    if not os.path.isdir(root):
        # What PyExecJS raises, from subprocess, for a directory that is not there.
        raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), root)
    return {"root": root}, node_settings({"root": root})[1]


def _check_limits(timeout: Any, memory_limit: Any) -> None:
    if timeout is not None:
        if isinstance(timeout, bool) or not isinstance(timeout, (int, float)):
            raise TypeError(f"timeout must be a number of seconds or None, not {type(timeout).__name__}")
        if not timeout > 0:
            raise ValueError(f"timeout must be positive, not {timeout!r}")
    if memory_limit is not None:
        if isinstance(memory_limit, bool) or not isinstance(memory_limit, int):
            raise TypeError(f"memory_limit must be a number of bytes or None, not {type(memory_limit).__name__}")
        if memory_limit <= 0:
            raise ValueError(f"memory_limit must be positive, not {memory_limit!r}")


def _thrown_text(err: jscell.JSError) -> str:
    """``'' + thrown`` for an error the host reported: Error.prototype.toString, or the value as a string."""
    if err.name is None:
        return err.message
    if not err.name:
        return err.message
    if not err.message:
        return err.name
    return f"{err.name}: {err.message}"


def _raise_stopped(err: jscell.JSError) -> NoReturn:
    """Re-raises a limit or engine failure as the ``jscell.execjs`` error for it."""
    if isinstance(err, jscell.JSTimeoutError):
        raise _exceptions.JSTimeoutError(err.name, err.message, err.stack, err.value) from err
    if isinstance(err, jscell.JSMemoryError):
        raise _exceptions.JSMemoryError(err.name, err.message, err.stack, err.value) from err
    raise err


class Context(AbstractRuntimeContext):
    """A compiled source. Each ``call``/``eval``/``exec_`` runs in a fresh fork of it (see the module doc).

    ``rerun=True`` runs the source again for every call instead, as PyExecJS does (for code that makes a
    timestamp or nonce when it loads); ``stateful=True`` keeps one long-lived context, so calls see each other's
    changes. ``timeout`` (seconds) and ``memory_limit`` (bytes) bound every call, and the loading of the source.
    """

    def __init__(
        self,
        runtime: JSCellRuntime,
        source: str = "",
        cwd: Any = None,
        *,
        rerun: bool = False,
        stateful: bool = False,
        timeout: float | None = None,
        memory_limit: int | None = None,
    ) -> None:
        if not isinstance(source, str):
            raise TypeError(f"source must be a str, not {type(source).__name__}")
        if rerun and stateful:
            raise ValueError(
                "rerun=True and stateful=True exclude each other: one re-runs the source per call, "
                "the other keeps one context for all calls"
            )
        _check_limits(timeout, memory_limit)
        self._node, self._files = _node_environment(cwd)
        self._runtime = runtime
        self._source = source
        self._cwd = cwd
        self._timeout = timeout
        self._memory_limit = memory_limit
        # A load failure, raised again (as a new exception) on each use, as PyExecJS raises it only then.
        self._failure: tuple[type[Exception], tuple[Any, ...]] | None = None
        self._snapshot: jscell.Snapshot | None = None
        self._context: jscell.Context | None = None
        self._closed = False
        # Whether the runner is installed in the snapshot or the long-lived context (see _RUNNER_NAME).
        self._installed = False
        if rerun:
            self._mode = _RERUN
        elif stateful:
            self._mode = _STATEFUL
            self._load(keep=True)
        else:
            self._mode = _SNAPSHOT
            if source or self._files is not None:
                self._load(keep=False)
            else:
                self._snapshot, self._installed = _empty_snapshot(), True

    def __repr__(self) -> str:
        return f"<jscell.execjs context ({self._mode}) of {len(self._source)} characters of source>"

    @property
    def mode(self) -> str:
        """``"snapshot"`` (fresh fork per call), ``"rerun"`` (source re-run per call) or ``"stateful"``."""
        return self._mode

    def is_available(self) -> bool:
        return True

    def close(self) -> None:
        """Frees the snapshot or the long-lived context now; later calls raise ``jscell.ContextClosedError``."""
        self._closed = True
        self._snapshot = None
        context, self._context = self._context, None
        if context is not None:
            context.close()

    def __enter__(self) -> Context:  # noqa: PYI034 - Python 3.9 has no typing.Self
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- loading ------------------------------------------------------------------------------------------------

    def _new_context(self) -> jscell.Context:
        return jscell.Context(console=None, timeout=self._timeout, memory_limit=self._memory_limit, node=self._node)

    def _load(self, keep: bool) -> None:
        context = self._new_context()
        try:
            context.compile(self._source)
        except (jscell.JSTimeoutError, jscell.JSMemoryError) as err:
            context.close()
            _raise_stopped(err)
        except jscell.JSSyntaxError as err:
            context.close()
            if not _parses_as_function_body(self._source):
                self._failure = (_exceptions.ProcessExitedWithNonZeroStatus, (1, "", str(err)))
            elif keep:
                self._failure = (_exceptions.ProgramError, (_thrown_text(err),))
            else:
                # Valid as PyExecJS's function body but not as a script (a top-level `return`), or a SyntaxError
                # thrown while it ran: running it per call, as PyExecJS does, gives PyExecJS's answer either way.
                self._mode = _RERUN
            return
        except jscell.JSError as err:
            context.close()
            self._failure = (_exceptions.ProgramError, (_thrown_text(err),))
            return
        except BaseException:
            context.close()
            raise
        self._installed = _install_runner(context)
        if keep:
            self._context = context
            return
        try:
            self._snapshot = context.snapshot()
        finally:
            context.close()

    # -- running ------------------------------------------------------------------------------------------------

    def _eval(self, source: str) -> Any:
        if not isinstance(source, str):
            raise TypeError(f"source must be a str, not {type(source).__name__}")
        body = "return eval(" + json.dumps("(" + source + ")" if source.strip() else "", ensure_ascii=False) + ")"
        if self._mode == _RERUN:
            return self._run("body", self._source + "\n" + body)
        return self._run("expr", "(function () { " + body + " })")

    def _exec_(self, source: str) -> Any:
        if not isinstance(source, str):
            raise TypeError(f"source must be a str, not {type(source).__name__}")
        if self._mode == _RERUN and self._source:
            source = self._source + "\n" + source
        return self._run("body", source)

    def _call(self, name: str, *args: Any) -> Any:
        if not isinstance(name, str):
            raise TypeError(f"name must be a str, not {type(name).__name__}")
        return self._eval(f"{name}.apply(this, {json.dumps(args)})")

    def _run(self, kind: str, code: str) -> Any:
        if self._closed:
            raise jscell.ContextClosedError("this jscell.execjs context is closed")
        if self._failure is not None:
            cls, args = self._failure
            raise cls(*args)
        try:
            if self._mode == _STATEFUL:
                context = self._context
                if context is None:
                    raise jscell.ContextClosedError("this jscell.execjs context is closed")
                outcome = self._request(context, kind, code)
            else:
                if self._mode == _SNAPSHOT:
                    snapshot = self._snapshot
                    if snapshot is None:
                        raise jscell.ContextClosedError("this jscell.execjs context is closed")
                    fork = snapshot.context(console=None, timeout=self._timeout, memory_limit=self._memory_limit)
                    if self._files is not None:
                        from jscell._node import grant

                        grant(fork, self._files)
                else:
                    fork = self._new_context()
                with fork:
                    outcome = self._request(fork, kind, code)
        except (jscell.JSTimeoutError, jscell.JSMemoryError) as err:
            _raise_stopped(err)
        except jscell.JSError as err:
            # Only the runner itself can throw here (say, a program that broke a built-in it relies on).
            raise _exceptions.ProgramError(_thrown_text(err)) from err
        except jscell.EngineError as err:
            raise _exceptions.RuntimeError(str(err)) from err
        return _result(outcome)

    def _request(self, context: jscell.Context, kind: str, code: str) -> Any:
        if self._installed:
            return context.call(_RUNNER_NAME, [kind, code], False)
        request = _RUNNER + "(" + json.dumps(kind) + "," + json.dumps(code, ensure_ascii=False) + ")"
        return context.evaluate(request, False)


def _install_runner(context: jscell.Context) -> bool:
    """Installs the runner after the source ran; ``False`` if the program locked the global object."""
    try:
        context.compile(_INSTALL_RUNNER)
    except (jscell.JSTimeoutError, jscell.JSMemoryError) as err:
        _raise_stopped(err)
    except jscell.JSError:
        return False
    return True


def _result(outcome: list[Any]) -> Any:
    """The Python value, or the exception, for the runner's answer."""
    tag = outcome[0]
    if tag == "json":
        text = outcome[1]
        if not isinstance(text, str):
            raise _exceptions.ProgramError(f"JSON.stringify returned {text!r} instead of a string")
        return json.loads(text)[1]
    if tag == "undefined":
        return None
    if tag in ("err", "unserializable"):
        raise _exceptions.ProgramError(outcome[1])
    if tag == "exit":
        raise _exceptions.ProcessExitedWithNonZeroStatus(1, "", outcome[1])
    raise _exceptions.RuntimeError(f"unexpected answer from the runner: {outcome!r}")


_empty_lock = threading.Lock()
_empty: list[jscell.Snapshot] = []


def _empty_snapshot() -> jscell.Snapshot:
    """One snapshot of a context with nothing loaded, shared by every ``compile("")`` (and so by ``eval``)."""
    with _empty_lock:
        if not _empty:
            with jscell.Context(console=None, node=True) as context:
                context.compile(_INSTALL_RUNNER)
                _empty.append(context.snapshot())
        return _empty[0]


def _parses_as_function_body(source: str) -> bool:
    with jscell.Context(console=None) as context:
        return bool(context.evaluate(_PARSES_AS_BODY + "(" + json.dumps(source, ensure_ascii=False) + ")"))


class JSCellRuntime(AbstractRuntime):
    """The runtime ``jscell.execjs`` picks first: QuickJS-ng in a WebAssembly sandbox, in this process.

    ``compile`` takes keyword options beyond PyExecJS's: ``rerun``, ``stateful``, ``timeout``, ``memory_limit``
    (see ``Context``); so do ``eval`` and ``exec_``.
    """

    Context = Context

    def __str__(self) -> str:
        return f"{type(self).__name__}({self.name})"

    @property
    def name(self) -> str:
        """The runtime's name, as ``runtime_names.JSCell`` spells it."""
        return "JSCell"

    def is_available(self) -> bool:
        return True

    def _compile(self, source: str, cwd: Any = None, **options: Any) -> Context:
        return Context(self, source, cwd, **options)
