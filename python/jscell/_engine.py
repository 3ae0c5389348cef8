"""``jscell.JSEngine``: never_jscore's worker pool. The code is loaded once into a snapshot; each worker is a
long-lived context forked from it, and calls from many threads run on free workers in parallel (JS runs with
the GIL released)."""

from __future__ import annotations

import threading

from jscell._context import Context
from jscell._errors import JSTerminated
from jscell._jscell import Snapshot

TYPE_CHECKING = False
if TYPE_CHECKING:
    import queue
    from collections.abc import Callable
    from types import TracebackType
    from typing import Any

    from typing_extensions import Self

__all__ = ["JSEngine"]


class JSEngine:
    """A pool of ``workers`` contexts, each starting from ``code`` already loaded.

    ``call(name, args)`` and ``execute(code)`` run on whichever worker is free (waiting for one when all are
    busy), so up to ``workers`` calls run at once. A worker keeps its state between calls, as in never_jscore.
    When the JS calls ``$terminate(v)``, the call returns ``{"__hook__": True, "worker_id": n, "data": v}``.
    ``workers`` defaults to the number of CPUs.
    """

    def __init__(
        self,
        code: str,
        workers: int | None = None,
        enable_extensions: bool = True,
        enable_node_compat: bool = False,
        enable_logging: bool = False,
        random_seed: int | None = None,
        fast_return: bool = False,
        **options: Any,
    ) -> None:
        import os
        import queue

        count = workers if workers is not None else (os.cpu_count() or 1)
        if isinstance(count, bool) or not isinstance(count, int) or count < 1:
            raise ValueError(f"workers must be a positive int, not {workers!r}")
        settings: dict[str, Any] = {
            "enable_extensions": enable_extensions,
            "enable_node_compat": enable_node_compat,
            "enable_logging": enable_logging,
            "random_seed": random_seed,
            "fast_return": fast_return,
            **options,
        }
        loader = Context(**settings)
        try:
            loader.compile(code)
            snapshot = loader.snapshot()
        finally:
            loader.close()
        settings.pop("enable_extensions")  # the snapshot already holds the loaded (and maybe bare) global
        self._contexts: list[Context] = [snapshot.context(**settings) for _ in range(count)]
        self._free: queue.SimpleQueue[int] = queue.SimpleQueue()
        for worker in range(count):
            self._free.put(worker)
        self._closed = threading.Event()
        self._snapshot: Snapshot | None = snapshot

    @property
    def workers(self) -> int:
        """How many workers the pool has."""
        return len(self._contexts)

    def call(self, name: str, args: Any = None) -> Any:
        """Calls the function ``name`` (a global or dotted path) with ``args`` on a free worker."""
        return self._run(lambda ctx: ctx.call(name, [] if args is None else args))

    def execute(self, code: str) -> Any:
        """Evaluates ``code`` on a free worker and returns its value; its declarations stay local."""
        return self._run(lambda ctx: ctx.evaluate(code))

    def get_hook_data(self, worker_id: int) -> str | None:
        """The JSON text ``$storeResult`` stored on worker ``worker_id``, or None."""
        return self._worker(worker_id).get_hook_data()

    def clear_hook_data(self, worker_id: int) -> None:
        """Forgets worker ``worker_id``'s hook data."""
        self._worker(worker_id).clear_hook_data()

    def close(self) -> None:
        """Frees every worker; later calls raise ``jscell.ContextClosedError``."""
        self._closed.set()
        for ctx in self._contexts:
            ctx.close()
        self._snapshot = None

    def _worker(self, worker_id: int) -> Context:
        if not 0 <= worker_id < len(self._contexts):
            raise IndexError(f"no worker {worker_id}: the pool has workers 0 to {len(self._contexts) - 1}")
        return self._contexts[worker_id]

    def _run(self, job: Callable[[Context], Any]) -> Any:
        from jscell._errors import ContextClosedError

        if self._closed.is_set():
            raise ContextClosedError("this JSEngine is closed")
        worker = self._free.get()
        ctx = self._contexts[worker]
        try:
            return job(ctx)
        except JSTerminated:
            # never_jscore's pool answer for $terminate; the worker's hook data is handed over and cleared.
            data = ctx.hook_data
            ctx.clear_hook_data()
            return {"__hook__": True, "worker_id": worker, "data": data}
        finally:
            self._free.put(worker)

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc_value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"JSEngine(workers={len(self._contexts)})"
