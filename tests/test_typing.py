"""The typed surface of ``jscell``: the type checker (strict, ``scripts/lint.sh``) reads this file against the stubs,
and pytest runs it, so what the stubs claim is also what the engine does."""

from __future__ import annotations

import asyncio
from collections.abc import MutableMapping
from typing import Any

import pytest
from typing_extensions import assert_type

import jscell


def test_with_block_gives_the_python_context() -> None:
    async def main() -> list[Any]:
        with jscell.Context() as ctx:
            assert_type(ctx, jscell.Context)
            ctx.compile("async function add(a, b) { await null; return a + b }")
            return [await ctx.call_async("add", [1, 2]), await ctx.evaluate_async("add(3, 4)")]

    assert asyncio.run(main()) == [3, 7]


def test_a_snapshot_starts_python_contexts() -> None:
    snap = jscell.Snapshot.from_code("var n = 40; function next() { return ++n }")
    with snap.context(timeout=1.0) as ctx:
        assert_type(ctx, jscell.Context)
        assert type(ctx) is jscell.Context
        assert asyncio.run(ctx.call_async("next")) == 41
        assert ctx.call("next") == 42


def fill(mapping: MutableMapping[str, Any]) -> dict[str, Any]:
    """Uses only what every MutableMapping has, so the checker accepts any of them here."""
    mapping["a"] = 1
    mapping.update({"b": 2, "c": 3})
    assert mapping.setdefault("a", 99) == 1
    assert mapping.pop("b") == 2
    return {key: mapping[key] for key in mapping if key in ("a", "b", "c")}


def test_globals_is_a_mutable_mapping(ctx: jscell.Context) -> None:
    # The checker takes the type from the stubs; this checks they tell the truth.
    assert isinstance(ctx.globals, MutableMapping)
    ctx.compile("var fromJs = 'js'")
    assert fill(ctx.globals) == {"a": 1, "c": 3}
    assert sorted(ctx.globals) == sorted(ctx.evaluate("Object.keys(globalThis)"))
    assert len(ctx.globals) == len(ctx.evaluate("Object.keys(globalThis)"))
    assert ctx.globals.keys() >= {"a", "c", "fromJs"}


def test_exception_bases() -> None:
    # Each annotation makes the checker prove the base; issubclass proves it at run time.
    timeout: type[TimeoutError] = jscell.JSTimeoutError
    memory: type[MemoryError] = jscell.JSMemoryError
    conversion: type[TypeError] = jscell.ConversionError
    closed: type[RuntimeError] = jscell.ContextClosedError
    engine: type[RuntimeError] = jscell.EngineError
    js_errors: list[type[jscell.JSError]] = [jscell.JSSyntaxError, jscell.JSTimeoutError, jscell.JSMemoryError]
    pairs: list[tuple[type[BaseException], type[BaseException]]] = [
        (timeout, TimeoutError),
        (memory, MemoryError),
        (conversion, TypeError),
        (closed, RuntimeError),
        (engine, RuntimeError),
        *((cls, jscell.JSError) for cls in js_errors),
        (jscell.JSError, Exception),
    ]
    for cls, base in pairs:
        assert issubclass(cls, base), (cls, base)


def test_errors_are_caught_by_their_builtin_bases() -> None:
    ctx = jscell.Context(timeout=0.05)
    with pytest.raises(TimeoutError) as stopped:
        ctx.evaluate("while (true) {}")
    assert type(stopped.value) is jscell.JSTimeoutError
    with pytest.raises(TypeError) as refused:
        ctx.call("String", [{1, 2}])  # a set has no JS form
    assert type(refused.value) is jscell.ConversionError
    ctx.close()
    with pytest.raises(RuntimeError) as closed:
        ctx.evaluate("1")
    assert type(closed.value) is jscell.ContextClosedError
