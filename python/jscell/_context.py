"""``jscell.Context``: the native context, plus its asyncio methods."""

from __future__ import annotations

import functools
import threading

from jscell._globals import Globals
from jscell._jscell import Context as _NativeContext

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

__all__ = ["Context"]

# The event loop of the evaluate_async/call_async running on this (executor) thread, if any.
_running = threading.local()


def _run_on_loop(coroutine: Any) -> Any:
    """Runs a registered async function's coroutine on the event loop that is awaiting this call."""
    import asyncio

    loop = getattr(_running, "loop", None)
    if loop is None:
        coroutine.close()
        raise RuntimeError("an async Python function can only be called from JS through evaluate_async or call_async")
    return asyncio.run_coroutine_threadsafe(coroutine, loop).result()


class Context(_NativeContext):
    """A JavaScript context in its own WebAssembly sandbox. See the README for the whole API."""

    __slots__ = ()

    @property
    def globals(self) -> Globals:
        """The global object's properties as a mapping (see ``jscell.Globals``)."""
        return Globals(self)

    @property
    def hook_data(self) -> Any:
        """The value ``$storeResult(v)`` or ``$terminate(v)`` stored, as it comes out of ``JSON.parse`` (None
        when nothing is stored). ``get_hook_data()`` gives never_jscore's form, the JSON text."""
        import json

        text = self.get_hook_data()
        return None if text is None or text == "" else json.loads(text)

    def register(self, name: str, function: Callable[..., Any]) -> None:
        """Make the Python callable ``function`` the JS global function ``name``.

        An async function (a coroutine function) becomes a JS function that returns a Promise; its coroutine
        runs on the event loop of the ``evaluate_async``/``call_async`` that is running the JS.
        """
        # Imported here, not at the top: together they would add about 10 ms to `import jscell`.
        import inspect
        import json

        if not inspect.iscoroutinefunction(function):
            super().register(name, function)
            return
        hidden = f"__jscell_async_{len(name)}_{abs(hash(name))}"
        super().register(hidden, lambda *args: _run_on_loop(function(*args)))
        self.compile(f"globalThis[{json.dumps(name)}] = async function (...args) {{ return {hidden}(...args) }}")

    def function(self, fn: Callable[..., Any] | None = None, *, name: str | None = None) -> Any:
        """Decorator form of ``register``: ``@ctx.function`` or ``@ctx.function(name="jsName")``."""

        def decorate(f: Callable[..., Any]) -> Callable[..., Any]:
            self.register(name or f.__name__, f)
            return f

        return decorate(fn) if fn is not None else decorate

    async def evaluate_async(self, code: str, auto_await: bool | None = None, *, timeout: float | None = None) -> Any:
        """``evaluate`` without blocking the event loop: the JS runs on the loop's default executor.

        Cancelling the awaiting task stops the JS (as ``interrupt()`` does).
        """
        return await self._in_executor(functools.partial(self.evaluate, code, auto_await, timeout=timeout))

    async def call_async(
        self, name: str, args: Any = None, auto_await: bool | None = None, *, timeout: float | None = None
    ) -> Any:
        """``call`` without blocking the event loop; cancelling the awaiting task stops the JS."""
        return await self._in_executor(functools.partial(self.call, name, args, auto_await, timeout=timeout))

    async def _in_executor(self, run: Callable[[], Any]) -> Any:
        # asyncio is imported here, not at module level: it costs several milliseconds of import time that
        # synchronous users should not pay.
        import asyncio

        loop = asyncio.get_running_loop()

        def run_with_loop() -> Any:
            _running.loop = loop
            try:
                return run()
            finally:
                _running.loop = None

        future = loop.run_in_executor(None, run_with_loop)
        try:
            return await asyncio.shield(future)
        except asyncio.CancelledError:
            self.interrupt()
            # Let the worker thread finish unwinding the stopped JS before the task reports its cancellation.
            await asyncio.wait([future])
            if not future.cancelled():
                future.exception()  # the expected JSTimeoutError, retrieved so asyncio does not report it
            raise
