"""The registry of runtimes and PyExecJS's rules for picking one.

``JSCell`` comes first and is the default; ``Node`` names the same runtime, since existing scripts ask for node
by name. The other names of PyExecJS stay external runtimes, available only when their program is installed.
"""

from __future__ import annotations

import os
from collections import OrderedDict

from jscell.execjs import _exceptions, _external_runtime, runtime_names
from jscell.execjs._abstract_runtime import AbstractRuntime
from jscell.execjs._jscell_runtime import JSCellRuntime

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

__all__ = ["get", "get_from_environment", "register", "runtimes"]


class _UnavailableRuntime(AbstractRuntime):
    """A runtime PyExecJS knew that cannot exist here (PyV8 builds for Python 2 only)."""

    def __init__(self, name: str) -> None:
        self._name = name

    def __str__(self) -> str:
        return f"{type(self).__name__}({self._name})"

    @property
    def name(self) -> str:
        return self._name

    def is_available(self) -> bool:
        return False

    def _compile(self, source: str, cwd: Any = None, **options: Any) -> Any:
        raise _exceptions.RuntimeUnavailableError(f"{self._name} runtime is not available on this system")


def register(name: str, runtime: AbstractRuntime) -> None:
    """Register a JavaScript runtime under ``name`` (looked up case-insensitively, after those before it)."""
    _runtimes.append((name, runtime))


def get(name: str | None = None) -> AbstractRuntime:
    """Return an appropriate JavaScript runtime.

    With ``name``, the runtime of that name; without, the one ``EXECJS_RUNTIME`` names if it is available, else
    the first available one (the jscell runtime).
    """
    if name is None:
        return get_from_environment() or _find_available_runtime()
    return _find_runtime_by_name(name)


def runtimes() -> OrderedDict[str, AbstractRuntime]:
    """Return a dictionary of all supported JavaScript runtimes, by name, in the order they are tried."""
    return OrderedDict(_runtimes)


def get_from_environment() -> AbstractRuntime | None:
    """Return the runtime the ``EXECJS_RUNTIME`` environment variable names.

    ``None`` if it is empty, names no runtime, or names one that is not available.
    """
    name = os.environ.get("EXECJS_RUNTIME", "")
    if not name:
        return None
    try:
        return _find_runtime_by_name(name)
    except _exceptions.RuntimeUnavailableError:
        return None


def _find_available_runtime() -> AbstractRuntime:
    for _, runtime in _runtimes:
        if runtime.is_available():
            return runtime
    raise _exceptions.RuntimeUnavailableError("Could not find an available JavaScript runtime.")


def _find_runtime_by_name(name: str) -> AbstractRuntime:
    if not isinstance(name, str):
        raise TypeError(f"a runtime name must be a str, not {type(name).__name__}")
    for runtime_name, candidate in _runtimes:
        if runtime_name.lower() == name.lower():
            runtime = candidate
            break
    else:
        raise _exceptions.RuntimeUnavailableError(f"{name} runtime is not defined")
    if not runtime.is_available():
        raise _exceptions.RuntimeUnavailableError(f"{runtime.name} runtime is not available on this system")
    return runtime


_runtimes: list[tuple[str, AbstractRuntime]] = []

_jscell_runtime = JSCellRuntime()
register(runtime_names.JSCell, _jscell_runtime)
register(runtime_names.Node, _jscell_runtime)
register(runtime_names.PyV8, _UnavailableRuntime(runtime_names.PyV8))
register(runtime_names.JavaScriptCore, _external_runtime.jsc())
register(runtime_names.SpiderMonkey, _external_runtime.spidermonkey())
register(runtime_names.JScript, _external_runtime.jscript())
register(runtime_names.PhantomJS, _external_runtime.phantomjs())
register(runtime_names.SlimerJS, _external_runtime.slimerjs())
register(runtime_names.Nashorn, _external_runtime.nashorn())
