"""``AbstractRuntime``: what every runtime offers (PyExecJS's base class, same methods)."""

from __future__ import annotations

from abc import ABCMeta, abstractmethod

from jscell.execjs import _exceptions

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from jscell.execjs._abstract_runtime_context import AbstractRuntimeContext

__all__ = ["AbstractRuntime"]


class AbstractRuntime(metaclass=ABCMeta):
    """A JavaScript runtime: compiles sources into contexts that run code.

    ``eval`` and ``exec_`` are ``compile("")`` followed by the context's method. Keyword options (``timeout=``,
    ``memory_limit=``, ...) go to ``compile``; runtimes that have none raise ``TypeError`` for them.
    """

    def exec_(self, source: str, cwd: Any = None, **options: Any) -> Any:
        """Runs ``source`` as the body of a function and returns its ``return`` value, as JSON data.

        source -- JavaScript statements.
        cwd -- the directory the code runs in: for the jscell runtime, the one directory `require` may read.
        """
        return self.compile("", cwd=cwd, **options).exec_(source)

    def eval(self, source: str, cwd: Any = None, **options: Any) -> Any:
        """Evaluates the expression ``source`` and returns its value, as JSON data.

        source -- one JavaScript expression.
        cwd -- the directory the code runs in: for the jscell runtime, the one directory `require` may read.
        """
        return self.compile("", cwd=cwd, **options).eval(source)

    def compile(self, source: str, cwd: Any = None, **options: Any) -> AbstractRuntimeContext:
        """Returns a context holding ``source``, in which ``call``, ``eval`` and ``exec_`` run more code.

        source -- JavaScript to load first (functions and data the calls use).
        cwd -- the directory the code runs in: for the jscell runtime, the one directory `require` may read.
        """
        if not self.is_available():
            raise _exceptions.RuntimeUnavailableError
        return self._compile(source, cwd=cwd, **options)

    @property
    def name(self) -> str:
        """The runtime's display name, used in error messages."""
        return type(self).__name__

    @abstractmethod
    def is_available(self) -> bool:
        """Whether this runtime can run code on this machine."""
        raise NotImplementedError

    @abstractmethod
    def _compile(self, source: str, cwd: Any = None, **options: Any) -> AbstractRuntimeContext:
        raise NotImplementedError
