"""``jscell.Context``: the native context, plus its asyncio methods."""

from __future__ import annotations

import functools

from jscell._jscell import Context as _NativeContext

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

__all__ = ["Context"]


class Context(_NativeContext):
    """A JavaScript context in its own WebAssembly sandbox. See the README for the whole API."""

    __slots__ = ()

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

        future = asyncio.get_running_loop().run_in_executor(None, run)
        try:
            return await asyncio.shield(future)
        except asyncio.CancelledError:
            self.interrupt()
            # Let the worker thread finish unwinding the stopped JS before the task reports its cancellation.
            await asyncio.wait([future])
            if not future.cancelled():
                future.exception()  # the expected JSTimeoutError, retrieved so asyncio does not report it
            raise
