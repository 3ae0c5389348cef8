"""The exceptions jscell raises. The native module raises these same classes."""

from __future__ import annotations

# `typing` costs about 10 ms to import; the annotations below are strings and only type checkers read them.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

__all__ = [
    "ContextClosedError",
    "ConversionError",
    "EngineError",
    "JSError",
    "JSMemoryError",
    "JSSyntaxError",
    "JSTerminated",
    "JSTimeoutError",
]


class JSError(Exception):
    """A JavaScript exception that nothing in JS caught.

    ``name``, ``message`` and ``stack`` are the error's own properties. When the thrown value is not an
    ``Error`` (``throw 1``, ``throw {a: 1}``), ``name`` is ``None``, ``message`` is the value as a JS string
    and ``value`` holds the value converted to Python (``None`` if it cannot be converted).
    """

    name: str | None
    message: str
    stack: str
    value: Any

    def __init__(self, name: str | None, message: str, stack: str = "", value: Any = None) -> None:
        super().__init__(name, message, stack, value)
        self.name = name
        self.message = message
        self.stack = stack
        self.value = value

    def __reduce__(self) -> tuple[type[JSError], tuple[str | None, str, str, Any]]:
        return (type(self), (self.name, self.message, self.stack, self.value))

    def __str__(self) -> str:
        if self.name is None:
            head = f"Uncaught {self.message}"
        elif self.message:
            head = f"{self.name}: {self.message}"
        else:
            head = self.name
        stack = self.stack.rstrip()
        return f"{head}\n{stack}" if stack else head


class JSSyntaxError(JSError):
    """JavaScript source that does not parse (a ``SyntaxError`` thrown by the parser or by ``eval``)."""


class JSTerminated(JSError):  # noqa: N818 - the name never_jscore users look for
    """JS called ``$terminate(value)`` (or ``__saveAndTerminate__``): all JS stopped at once, with no ``catch`` or
    ``finally`` run, and its pending jobs and timers dropped. ``get_hook_data()`` has the value as JSON text,
    ``hook_data`` the value itself. The context stays usable."""


class JSTimeoutError(JSError, TimeoutError):
    """JS ran past its time limit, or ``Context.interrupt()`` stopped it. The context stays usable."""


class JSMemoryError(JSError, MemoryError):
    """JS ran out of the context's memory limit. The context stays usable once the memory is released."""


class ConversionError(TypeError):
    """A value that cannot cross between Python and JavaScript. The message says which value and where."""


class ContextClosedError(RuntimeError):
    """The context was closed (``close()``, the end of a ``with`` block); it cannot run anything now."""


class EngineError(RuntimeError):
    """The sandbox itself failed: it trapped, or could not be created. A trapped context stays unusable."""
