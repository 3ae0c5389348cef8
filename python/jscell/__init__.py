"""jscell: run untrusted JavaScript from Python, each context in its own WebAssembly sandbox.

>>> import jscell
>>> with jscell.Context() as ctx:
...     ctx.compile("function add(a, b) { return a + b }")
...     ctx.call("add", [1, 2])
3
"""

from jscell._context import Context
from jscell._engine import JSEngine
from jscell._errors import (
    ContextClosedError,
    ConversionError,
    EngineError,
    JSError,
    JSMemoryError,
    JSSyntaxError,
    JSTerminated,
    JSTimeoutError,
)
from jscell._globals import Globals
from jscell._jscell import Snapshot, __version__, live_contexts

__all__ = [
    "Context",
    "ContextClosedError",
    "ConversionError",
    "EngineError",
    "Globals",
    "JSEngine",
    "JSError",
    "JSMemoryError",
    "JSSyntaxError",
    "JSTerminated",
    "JSTimeoutError",
    "Snapshot",
    "__version__",
    "live_contexts",
]
