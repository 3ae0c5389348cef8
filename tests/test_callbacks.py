"""Python functions called from JS: register, @ctx.function, exceptions both ways, nesting, re-entry."""

from __future__ import annotations

import pytest

import jscell


def test_register_and_call(ctx: jscell.Context) -> None:
    seen: list[object] = []

    def record(*args: object) -> dict[str, object]:
        seen.append(args)
        return {"count": len(args), "first": args[0] if args else None}

    ctx.register("record", record)
    assert ctx.evaluate("record(1, 'two', [3], {four: 4}, 2n ** 70n)") == {"count": 5, "first": 1}
    assert seen == [(1, "two", [3], {"four": 4}, 2**70)]
    assert ctx.evaluate("typeof record") == "function"


def test_decorator_with_and_without_name(ctx: jscell.Context) -> None:
    @ctx.function
    def double(x: int) -> int:
        return x * 2

    @ctx.function(name="pyUpper")
    def upper(s: str) -> str:
        return s.upper()

    assert double(4) == 8
    assert ctx.evaluate("double(21) + pyUpper('ok')") == "42OK"


def test_python_exception_is_catchable_in_js(ctx: jscell.Context) -> None:
    @ctx.function
    def fail(message: str) -> None:
        raise ValueError(message)

    assert ctx.evaluate("try { fail('bad input') } catch (e) { [e.name, e.message] }") == [
        "PythonError",
        "ValueError: bad input",
    ]


def test_uncaught_python_exception_comes_out_as_itself(ctx: jscell.Context) -> None:
    class SigningError(Exception):
        pass

    @ctx.function
    def sign(data: str) -> str:
        raise SigningError(f"cannot sign {data}")

    ctx.compile("function run(x) { return sign(x) }")
    with pytest.raises(SigningError, match="cannot sign abc"):
        ctx.call("run", ["abc"])
    assert ctx.evaluate("1 + 1") == 2


def test_unconvertible_result_is_a_python_error_in_js(ctx: jscell.Context) -> None:
    ctx.register("makeSet", lambda: {1, 2})
    with pytest.raises(jscell.ConversionError, match="a set"):
        ctx.evaluate("makeSet()")


def test_five_levels_across_different_contexts() -> None:
    contexts = [jscell.Context() for _ in range(5)]
    for level, ctx in enumerate(contexts):
        if level + 1 < len(contexts):
            inner = contexts[level + 1]
            ctx.register("deeper", lambda x, inner=inner: inner.call("step", [x]))
            ctx.compile(f"function step(x) {{ return deeper(x + '{level}') + '{level}' }}")
        else:
            ctx.compile(f"function step(x) {{ return x + '|{level}|' }}")
    assert contexts[0].call("step", [">"]) == ">0123|4|3210"
    for ctx in contexts:
        ctx.close()


def test_reentry_into_the_same_context_is_a_clear_error(ctx: jscell.Context) -> None:
    ctx.register("again", lambda: ctx.evaluate("1"))
    with pytest.raises(RuntimeError, match="cannot call into the same context"):
        ctx.evaluate("again()")
    assert ctx.evaluate("2") == 2


def test_register_needs_a_callable(ctx: jscell.Context) -> None:
    with pytest.raises(TypeError, match="callable"):
        ctx.register("x", 5)  # type: ignore[arg-type]


def test_async_python_functions_become_promises() -> None:
    import asyncio

    async def main() -> object:
        with jscell.Context() as ctx:

            @ctx.function
            async def fetch(key: str) -> str:
                await asyncio.sleep(0.01)
                return key.upper()

            assert await ctx.evaluate_async("fetch('a') instanceof Promise", auto_await=False) is True
            return await ctx.evaluate_async("(async () => (await fetch('x')) + (await fetch('y')))()")

    assert asyncio.run(main()) == "XY"


def test_async_python_function_outside_asyncio_is_an_error(ctx: jscell.Context) -> None:
    async def later() -> int:
        return 1

    ctx.register("later", later)
    with pytest.raises(RuntimeError, match="only be called from JS through evaluate_async"):
        ctx.evaluate("later()")
    assert ctx.evaluate("later().catch(e => e.name)") == "PythonError"


def test_a_function_referring_to_its_own_context_is_collected() -> None:
    import gc

    def make_cycle() -> None:
        # The closure keeps `ctx` bound after this returns: context -> registered function -> context.
        ctx = jscell.Context()
        ctx.register("selfish", lambda: ctx.globals.get("x"))

    before = jscell.live_contexts()
    make_cycle()
    gc.collect()
    assert jscell.live_contexts() == before
