"""Type stubs for the native module. The public API is re-exported by ``jscell``."""

from collections.abc import Callable
from types import TracebackType
from typing import Any, final

class Context:
    """A JavaScript context in its own WebAssembly sandbox."""

    def __new__(
        cls,
        *,
        random_seed: int | None = None,
        timeout: float | None = None,
        memory_limit: int | None = None,
        stack_limit: int | None = None,
        console: Callable[[str], object] | None = ...,
        keep_timers: bool = False,
    ) -> Context: ...
    def compile(self, code: str, *, timeout: float | None = None) -> None:
        """Run ``code`` as a classic script at global scope; its declarations become globals."""
    def evaluate(self, code: str, auto_await: bool | None = None, *, timeout: float | None = None) -> Any:
        """Return the completion value of ``code``; its declarations stay local to this call."""
    def eval(
        self, code: str, return_value: bool = False, auto_await: bool | None = None, *, timeout: float | None = None
    ) -> Any:
        """``compile(code)`` (returning None), or with ``return_value=True``, ``evaluate(code)``."""
    def call(self, name: str, args: Any = None, auto_await: bool | None = None, *, timeout: float | None = None) -> Any:
        """Call the global function or dotted path ``name``; a list or tuple ``args`` is spread."""
    def register(self, name: str, function: Callable[..., Any]) -> None:
        """Make the Python callable ``function`` the JS global function ``name``."""
    def snapshot(self) -> Snapshot:
        """Capture this context's whole JS state, to start other contexts from."""
    def interrupt(self) -> None:
        """Stop the JS this context is running now, from any thread."""
    @property
    def globals(self) -> Globals:
        """The global object's properties as a mapping."""
    def gc(self) -> None:
        """Run the JS garbage collector."""
    def get_stats(self) -> dict[str, int]:
        """How many times compile, evaluate and call ran."""
    def reset_stats(self) -> None:
        """Set the counters of ``get_stats`` back to zero."""
    def get_heap_statistics(self) -> dict[str, int]:
        """QuickJS's memory usage numbers, plus ``linear_memory_bytes``."""
    def close(self) -> None:
        """Free the sandbox now; later calls raise ``ContextClosedError``."""
    @property
    def closed(self) -> bool:
        """Whether ``close()`` has run."""
    def __enter__(self) -> Context: ...
    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc_value: BaseException | None,
        traceback: TracebackType | None,
    ) -> bool: ...

@final
class Globals:
    """A context's global object as a mapping: properties of ``globalThis``."""

    def __getitem__(self, name: str) -> Any: ...
    def __setitem__(self, name: str, value: Any) -> None: ...
    def __delitem__(self, name: str) -> None: ...
    def __contains__(self, name: object) -> bool: ...
    def get(self, name: str, default: Any = None) -> Any: ...

@final
class Snapshot:
    """A context's JS state, captured between calls."""

    def context(self, **options: Any) -> Any:
        """A new, independent ``jscell.Context`` in exactly the captured state."""
    def call(self, name: str, args: Any = None, auto_await: bool | None = None, *, timeout: float | None = None) -> Any:
        """``call`` in a fresh context from this snapshot, thrown away afterwards."""
    def evaluate(self, code: str, auto_await: bool | None = None, *, timeout: float | None = None) -> Any:
        """``evaluate`` in a fresh context from this snapshot, thrown away afterwards."""
    @staticmethod
    def from_code(js: str, **options: Any) -> Snapshot:
        """A context made with ``options``, ``js`` compiled in it, then captured."""
    def to_bytes(self) -> bytes:
        """The snapshot as bytes, for ``from_bytes``."""
    @staticmethod
    def from_bytes(data: bytes) -> Snapshot:
        """A snapshot from ``to_bytes()``; ``ValueError`` for bytes of another build or not a snapshot."""
    def __len__(self) -> int: ...

def live_contexts() -> int:
    """How many contexts are alive in this process."""
