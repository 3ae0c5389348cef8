'''PyExecJS's API on jscell: ``import jscell.execjs as execjs`` and existing scripts run unchanged, without node.

PyExecJS starts a node process for every call and runs the whole source again in it. Here ``compile`` runs the
source once, in a jscell sandbox, and keeps a snapshot; each ``call``, ``eval`` and ``exec_`` runs in a fresh fork
of it, in this process, in microseconds. Results, errors and the rules for picking a runtime are PyExecJS's
(1.5.1); docs/execjs.md lists where and why they differ.

>>> import jscell.execjs as execjs
>>> execjs.eval("'red yellow blue'.split(' ')")
['red', 'yellow', 'blue']
>>> ctx = execjs.compile("""
...     function add(x, y) {
...         return x + y;
...     }
... """)
>>> ctx.call("add", 1, 2)
3
'''

from __future__ import annotations

from jscell.execjs import _runtimes
from jscell.execjs._abstract_runtime import AbstractRuntime as AbstractRuntime
from jscell.execjs._exceptions import Error, ProgramError, RuntimeError, RuntimeUnavailableError
from jscell.execjs._exceptions import JSMemoryError as JSMemoryError
from jscell.execjs._exceptions import JSTimeoutError as JSTimeoutError
from jscell.execjs._external_runtime import ExternalRuntime
from jscell.execjs._jscell_runtime import JSCellRuntime as JSCellRuntime

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from jscell.execjs._abstract_runtime_context import AbstractRuntimeContext

# PyExecJS's exports, unchanged. AbstractRuntime, JSCellRuntime, JSTimeoutError and JSMemoryError are attributes
# too, kept out of `from jscell.execjs import *` as PyExecJS would have them.
__all__ = [  # noqa: RUF022 - PyExecJS's order
    "get",
    "register",
    "runtimes",
    "get_from_environment",
    "exec_",
    "eval",
    "compile",
    "ExternalRuntime",
    "Error",
    "RuntimeError",
    "ProgramError",
    "RuntimeUnavailableError",
]

register = _runtimes.register
get = _runtimes.get
runtimes = _runtimes.runtimes
get_from_environment = _runtimes.get_from_environment


def eval(source: str, cwd: Any = None, **options: Any) -> Any:  # noqa: A001 - PyExecJS's name
    """Evaluates the expression ``source`` with the default runtime and returns its value, as JSON data.

    source -- one JavaScript expression.
    cwd -- the directory the code runs in: for the jscell runtime, the one directory `require` may read.
    options -- for the jscell runtime: ``timeout``, ``memory_limit`` (see ``compile``).
    """
    return get().eval(source, cwd, **options)


def exec_(source: str, cwd: Any = None, **options: Any) -> Any:
    """Runs ``source`` as a function body with the default runtime and returns its ``return`` value.

    source -- JavaScript statements.
    cwd -- the directory the code runs in: for the jscell runtime, the one directory `require` may read.
    options -- for the jscell runtime: ``timeout``, ``memory_limit`` (see ``compile``).
    """
    return get().exec_(source, cwd, **options)


def compile(source: str, cwd: Any = None, **options: Any) -> AbstractRuntimeContext:  # noqa: A001
    """Loads ``source`` with the default runtime; the context returned runs ``call``, ``eval`` and ``exec_``.

    source -- JavaScript to load first (the functions and data the calls use).
    cwd -- the directory the code runs in: for the jscell runtime, the one directory `require` may read.
    options -- for the jscell runtime: ``rerun=True`` runs the source again for each call, as PyExecJS does;
    ``stateful=True`` keeps one context, so calls see each other's changes; ``timeout`` (seconds) and
    ``memory_limit`` (bytes) bound each call.
    """
    return get().compile(source, cwd, **options)
