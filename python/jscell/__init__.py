"""jscell: run untrusted JavaScript from Python, each context in its own WebAssembly sandbox.

>>> import jscell
>>> with jscell.Context() as ctx:
...     ctx.compile("function add(a, b) { return a + b }")
...     ctx.call("add", [1, 2])
3
"""

from jscell._errors import (
    ContextClosedError,
    ConversionError,
    EngineError,
    JSError,
    JSMemoryError,
    JSSyntaxError,
    JSTimeoutError,
)
from jscell._context import Context
from jscell._jscell import Globals, Snapshot, live_contexts

__all__ = [
    "Context",
    "ContextClosedError",
    "ConversionError",
    "EngineError",
    "Globals",
    "JSError",
    "JSMemoryError",
    "JSSyntaxError",
    "JSTimeoutError",
    "Snapshot",
    "live_contexts",
]
