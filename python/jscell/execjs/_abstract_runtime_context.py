"""``AbstractRuntimeContext``: what a compiled context offers (PyExecJS's base class, same methods)."""

from __future__ import annotations

from abc import ABCMeta, abstractmethod

from jscell.execjs import _exceptions

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

__all__ = ["AbstractRuntimeContext"]


class AbstractRuntimeContext(metaclass=ABCMeta):
    """A compiled source, in which more code runs."""

    def exec_(self, source: str) -> Any:
        """Runs ``source`` as the body of a function after the compiled source; returns its ``return`` value.

        source -- JavaScript statements.
        """
        if not self.is_available():
            raise _exceptions.RuntimeUnavailableError
        return self._exec_(source)

    def eval(self, source: str) -> Any:
        """Evaluates the expression ``source`` after the compiled source and returns its value.

        source -- one JavaScript expression.
        """
        if not self.is_available():
            raise _exceptions.RuntimeUnavailableError
        return self._eval(source)

    def call(self, name: str, *args: Any) -> Any:
        """Calls the function the expression ``name`` names, with ``args`` passed as JSON.

        name -- an expression giving the function: ``"f"``, ``"obj.f"``, ``"fns['f']"``.
        args -- its arguments; each must be JSON-serializable.
        """
        if not self.is_available():
            raise _exceptions.RuntimeUnavailableError
        return self._call(name, *args)

    @abstractmethod
    def is_available(self) -> bool:
        """Whether the runtime of this context can run code."""
        raise NotImplementedError

    @abstractmethod
    def _exec_(self, source: str) -> Any:
        raise NotImplementedError

    @abstractmethod
    def _eval(self, source: str) -> Any:
        raise NotImplementedError

    @abstractmethod
    def _call(self, name: str, *args: Any) -> Any:
        raise NotImplementedError
