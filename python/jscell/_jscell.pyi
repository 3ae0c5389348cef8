"""Type stubs for the native module. The public API is re-exported by ``jscell``."""

from collections.abc import Callable, Iterator
from types import TracebackType
from typing import Any, Literal, final

# Stubs are never imported at run time, so this costs nothing and works on Python 3.9.
from typing_extensions import Self, disjoint_base

from jscell._context import Context as _PyContext

__all__ = ["Context", "Globals", "Snapshot", "__version__", "live_contexts"]

# The version of the crates, which is also the package's.
__version__: str

# A native class with its own instance layout: it cannot share a subclass with another such class.
@disjoint_base
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
    ) -> Self: ...
    def compile(self, code: str, *, timeout: float | None = None, filename: str | None = None) -> None:
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
    def get_hook_data(self) -> str | None:
        """The JSON text ``$storeResult(v)`` or ``$terminate(v)`` stored, or None."""
    def clear_hook_data(self) -> None:
        """Forget the stored hook data."""
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
    # Self: `with jscell.Context() as ctx` gives the Python subclass, with its async methods.
    def __enter__(self) -> Self: ...
    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc_value: BaseException | None,
        traceback: TracebackType | None,
    ) -> Literal[False]: ...  # never swallows the exception, so checkers know code after `with` runs only on success

# Not final: `jscell.Globals` subclasses it together with `MutableMapping[str, Any]`, and `jscell.Context.globals`
# makes one.
@disjoint_base
class Globals:
    """A context's global object as a mapping: properties of ``globalThis``."""

    def __new__(cls, context: Context) -> Self: ...
    def __getitem__(self, key: str, /) -> Any: ...
    def __setitem__(self, key: str, value: Any, /) -> None: ...
    def __delitem__(self, key: str, /) -> None: ...
    def __contains__(self, key: object, /) -> bool: ...
    def __iter__(self) -> Iterator[str]:
        """The enumerable own string keys of ``globalThis``."""
    def __len__(self) -> int:
        """How many enumerable own string keys ``globalThis`` has."""
    def get(self, name: str, default: Any = None) -> Any: ...

@final
class Snapshot:
    """A context's JS state, captured between calls."""

    def context(self, **options: Any) -> _PyContext:
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
