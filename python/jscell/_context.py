"""``jscell.Context``: the native context, with never_jscore's constructor, its asyncio methods and the
hook data's Python form."""

from __future__ import annotations

import functools
import threading

from jscell._globals import Globals
from jscell._jscell import Context as _NativeContext

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Mapping
    from typing import Any

    from typing_extensions import Self

__all__ = ["Context"]

# The global object's own names that ECMAScript (and QuickJS's InternalError) define, plus `console`, which JS
# engines have without any extension. `enable_extensions=False` deletes every other global, so never_jscore's
# bare context holds nothing jscell adds, whatever a later version adds.
_ECMASCRIPT = [
    "Object",
    "Function",
    "Error",
    "EvalError",
    "RangeError",
    "ReferenceError",
    "SyntaxError",
    "TypeError",
    "URIError",
    "InternalError",
    "AggregateError",
    "SuppressedError",
    "Iterator",
    "Array",
    "parseInt",
    "parseFloat",
    "isNaN",
    "isFinite",
    "decodeURI",
    "decodeURIComponent",
    "encodeURI",
    "encodeURIComponent",
    "escape",
    "unescape",
    "Infinity",
    "NaN",
    "undefined",
    "eval",
    "Number",
    "Boolean",
    "String",
    "Math",
    "Reflect",
    "Symbol",
    "DisposableStack",
    "globalThis",
    "BigInt",
    "Date",
    "Intl",
    "RegExp",
    "JSON",
    "Proxy",
    "Map",
    "Set",
    "WeakMap",
    "WeakSet",
    "ArrayBuffer",
    "SharedArrayBuffer",
    "Uint8ClampedArray",
    "Int8Array",
    "Uint8Array",
    "Int16Array",
    "Uint16Array",
    "Int32Array",
    "Uint32Array",
    "BigInt64Array",
    "BigUint64Array",
    "Float16Array",
    "Float32Array",
    "Float64Array",
    "DataView",
    "Promise",
    "AsyncDisposableStack",
    "WeakRef",
    "FinalizationRegistry",
    "console",
]
_BARE = (
    f"{{ const keep = new Set({list(_ECMASCRIPT)});"
    " for (const name of Reflect.ownKeys(globalThis)) if (!keep.has(name)) delete globalThis[name]; }"
)

# never_jscore's heap statistics (V8's names), each from the closest QuickJS number; see the README.
_V8_HEAP_KEYS = (
    ("total_heap_size", "malloc_size"),
    ("total_heap_size_executable", None),
    ("total_physical_size", "linear_memory_bytes"),
    ("used_heap_size", "memory_used_size"),
    ("heap_size_limit", "malloc_limit"),
    ("malloced_memory", "malloc_size"),
    ("external_memory", None),
    ("peak_malloced_memory", None),
)

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


# (browser settings, node settings) as JSON -> a snapshot of a context with those installed.
_environment_snapshots: dict[str, Any] = {}
_environment_lock = threading.Lock()
# Settings kept; one process rarely uses more than a few.
_ENVIRONMENT_SNAPSHOTS_KEPT = 16


def _browser_settings(browser: Any) -> dict[str, Any] | None:
    """``browser=`` (True or a mapping) as ``installBrowser``'s settings (None: the defaults)."""
    from collections.abc import Mapping

    if browser is True:
        return None
    if isinstance(browser, Mapping):
        return dict(browser)  # pyright: ignore[reportUnknownArgumentType]
    raise TypeError(f"browser must be True, False or a mapping of settings, not {type(browser).__name__}")


def _environment_snapshot(browser: Any, node: dict[str, Any] | None) -> Any:
    """The snapshot of a context with the browser ``browser`` (False, True or a mapping of settings) and node
    compatibility (``node``: ``installNode``'s settings, or None) installed, made once per settings. With node,
    every public core module is already loaded in it, so a fork's first ``require`` of one costs nothing."""
    import json

    settings = None if browser is False else _browser_settings(browser)
    key = json.dumps([browser is not False, settings, node], sort_keys=True, default=str)
    with _environment_lock:
        snapshot = _environment_snapshots.get(key)
        if snapshot is None:
            with _NativeContext() as context:
                if browser is not False:
                    context.call("\x00installBrowser", [settings])
                if node is not None:
                    context.call("\x00installNode", [node])
                    context.compile("for (const id of require('module').builtinModules) require(id);")
                snapshot = context.snapshot()
            if len(_environment_snapshots) >= _ENVIRONMENT_SNAPSHOTS_KEPT:
                del _environment_snapshots[next(iter(_environment_snapshots))]
            _environment_snapshots[key] = snapshot
        return snapshot


def _set_intl(context: _NativeContext, timezone: Any, locale: Any) -> None:
    """Gives ``context`` the time zone ``Date`` and ``Intl`` use and ``Intl``'s default locale."""
    from jscell._errors import JSError

    for name, value in (("timezone", timezone), ("locale", locale)):
        if value is not None and not isinstance(value, str):
            raise TypeError(f"{name} must be a str, not {type(value).__name__}")
    try:
        context.call("\x00intlSettings", [timezone, locale])
    except JSError as error:
        context.close()
        raise ValueError(str(error.message)) from None


class Context(_NativeContext):
    """A JavaScript context in its own WebAssembly sandbox. See the README for the whole API.

    The first five arguments are never_jscore's, in its order: ``enable_extensions`` (False: ECMAScript's
    globals only, no timers, web APIs or hooks), ``enable_logging`` (jscell's own diagnostics, one DEBUG record
    per call to the ``logging`` logger ``jscell``), ``random_seed``, ``enable_node_compat`` (True is
    ``node=True``) and ``fast_return`` (accepted: jscell always returns as soon as the
    result is settled, cancelling pending timers unless ``keep_timers``). jscell's own options are keywords;
    among them ``timezone`` (an IANA name: the zone of ``Date``'s local time and ``Intl``; default UTC) and
    ``locale`` (``Intl``'s default locale; default ``en-US``), which raise ``ValueError`` when unknown.
    """

    __slots__ = ()

    def __new__(
        cls,
        enable_extensions: bool = True,
        enable_logging: bool = False,
        random_seed: int | None = None,
        enable_node_compat: bool = False,
        fast_return: bool = False,
        *,
        on_request: Callable[[dict[str, Any]], Any] | None = None,
        browser: bool | Mapping[str, Any] = False,
        node: bool | Mapping[str, Any] = False,
        timezone: str | None = None,
        locale: str | None = None,
        **options: Any,
    ) -> Self:
        if enable_node_compat and node is False:
            node = True
        # A logging context is an instance of a subclass, so contexts without logging pay nothing for it.
        made = _LoggingContext if enable_logging and cls is Context else cls
        # `made` is `cls` or a subclass of it; the checker cannot see that (and `typing.cast` would cost `import
        # jscell` the import of typing).
        if not enable_extensions and (browser is not False or on_request is not None or node is not False):
            raise ValueError("browser=, node= and on_request= need the web platform (enable_extensions=True)")
        files = None
        if browser is not False or node is not False:
            from jscell._node import node_settings

            settings, files = node_settings(node) if node is not False else (None, None)
            # A fork of a snapshot that already holds the browser and node: installing them costs milliseconds,
            # a fork what a fresh context costs.
            options["_snapshot"] = _environment_snapshot(browser, settings)
        context: Self = _NativeContext.__new__(made, random_seed=random_seed, **options)  # type: ignore[assignment]
        if timezone is not None or locale is not None:
            _set_intl(context, timezone, locale)
        if not enable_extensions:
            context.compile(_BARE)
        elif on_request is not None:
            context._answer_requests(on_request)
        if files is not None:
            from jscell._node import grant

            grant(context, files)
        return context

    @property
    def browser_navigations(self) -> list[str]:
        """The URLs the page tried to go to (``location.href = ...``, ``assign``, ``replace``, ``reload``), in
        order: recorded, never followed. Empty without ``browser=``."""
        return self.call("\x00browserNavigations.slice")

    @property
    def cookies(self) -> list[dict[str, Any]]:
        """The browser's cookie jar: ``{"name", "value", "path", "domain", "expires"}`` per cookie (``expires``
        in seconds since the epoch, None for a session cookie). Empty without ``browser=``."""
        return self.call("\x00browserCookies")

    def _answer_requests(self, on_request: Callable[[dict[str, Any]], Any]) -> None:
        """Makes ``on_request`` answer the sandbox's fetch and XMLHttpRequest (see the README)."""
        import inspect

        if not callable(on_request):
            raise TypeError("on_request must be a callable")
        is_async = inspect.iscoroutinefunction(on_request)

        def answer(request: dict[str, Any]) -> Any:
            request["headers"] = dict(request["headers"])
            request["body"] = None if request["body"] is None else bytes(request["body"])
            return _run_on_loop(on_request(request)) if is_async else on_request(request)

        # A name starting with NUL puts the function on the web platform's internal object, out of page code's
        # reach (jscell_wire::INTERNAL).
        _NativeContext.register(self, "\x00hostRequest", answer)

    def _storage(self, which: str) -> dict[str, str]:
        return self.call("\x00storageItems", [which])

    def _set_storage(self, which: str, items: Mapping[str, Any]) -> None:
        self.call("\x00storageReplace", [which, {str(k): str(v) for k, v in items.items()}])

    @property
    def local_storage(self) -> dict[str, str]:
        """``localStorage``'s items as a dict; assign a mapping to replace them all."""
        return self._storage("local")

    @local_storage.setter
    def local_storage(self, items: Mapping[str, Any]) -> None:
        self._set_storage("local", items)

    @property
    def session_storage(self) -> dict[str, str]:
        """``sessionStorage``'s items as a dict; assign a mapping to replace them all."""
        return self._storage("session")

    @session_storage.setter
    def session_storage(self, items: Mapping[str, Any]) -> None:
        self._set_storage("session", items)

    def get_heap_statistics(self) -> dict[str, int]:
        """QuickJS's memory numbers and ``linear_memory_bytes``, plus V8's names for never_jscore code: each
        the closest QuickJS number, or 0 where QuickJS has none (see the README)."""
        stats = super().get_heap_statistics()
        for v8_name, ours in _V8_HEAP_KEYS:
            stats[v8_name] = max(stats[ours], 0) if ours else 0
        stats["total_available_size"] = max(stats["malloc_limit"] - stats["malloc_size"], 0)
        stats["number_of_native_contexts"] = 1
        stats["number_of_detached_contexts"] = 0
        return stats

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


class _LoggingContext(Context):
    """A context made with ``enable_logging=True``: each compile, evaluate and call is logged (at DEBUG, to the
    logger ``jscell``) with its size and duration. A class of its own, so contexts without logging pay
    nothing for it."""

    __slots__ = ()

    def compile(self, code: str, *, timeout: float | None = None, filename: str | None = None) -> None:
        with _logged("compile", filename or f"{len(code)} characters"):
            super().compile(code, timeout=timeout, filename=filename)

    def evaluate(self, code: str, auto_await: bool | None = None, *, timeout: float | None = None) -> Any:
        with _logged("evaluate", f"{len(code)} characters"):
            return super().evaluate(code, auto_await, timeout=timeout)

    def call(self, name: str, args: Any = None, auto_await: bool | None = None, *, timeout: float | None = None) -> Any:
        with _logged("call", name):
            return super().call(name, args, auto_await, timeout=timeout)


class _logged:  # noqa: N801 - used as a context manager, like a function
    """Logs one operation's duration and outcome when it ends."""

    def __init__(self, operation: str, what: str) -> None:
        import logging
        import time

        self.logger = logging.getLogger("jscell")
        self.operation, self.what = operation, what
        self.clock = time.perf_counter
        self.started = self.clock()

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, _traceback: object) -> None:
        took = (self.clock() - self.started) * 1000
        outcome = "ok" if kind is None else f"{kind.__name__}: {error}"
        self.logger.debug("%s %s: %.3f ms, %s", self.operation, self.what, took, outcome)
