"""evaluate_async and call_async: JS runs off the event loop, many contexts at once, and cancellation stops it."""

from __future__ import annotations

import asyncio

import pytest

import jscell


def test_evaluate_async_does_not_block_the_loop() -> None:
    async def main() -> tuple[int, int]:
        ticks = 0

        async def ticker() -> None:
            nonlocal ticks
            while True:
                ticks += 1
                await asyncio.sleep(0.001)

        tick_task = asyncio.create_task(ticker())
        with jscell.Context() as ctx:
            result = await ctx.evaluate_async("let s = 0; for (let i = 0; i < 2e7; i++) s = (s + i) | 0; s")
        tick_task.cancel()
        return result, ticks

    result, ticks = asyncio.run(main())
    assert result == int32(sum(range(20_000_000)))
    assert ticks > 5


def int32(n: int) -> int:
    """`n | 0` in JS: the low 32 bits, signed."""
    n %= 2**32
    return n - 2**32 if n >= 2**31 else n


def test_many_concurrent_calls_on_many_contexts() -> None:
    async def main() -> list[int]:
        contexts = [jscell.Context() for _ in range(50)]
        for i, ctx in enumerate(contexts):
            ctx.compile(f"var base = {i * 1000}; function add(x) {{ return base + x }}")
        calls = [
            contexts[n % 50].call_async("add", [n]) if n % 2 else contexts[n % 50].evaluate_async(f"add({n})")
            for n in range(1000)
        ]
        results = await asyncio.gather(*calls)
        for ctx in contexts:
            ctx.close()
        return results

    assert asyncio.run(main()) == [(n % 50) * 1000 + n for n in range(1000)]


def test_evaluate_async_errors_and_promises() -> None:
    async def main() -> None:
        with jscell.Context() as ctx:
            assert await ctx.evaluate_async("(async () => { await null; return 'settled' })()") == "settled"
            with pytest.raises(jscell.JSError) as raised:
                await ctx.evaluate_async("null.x")
            assert raised.value.name == "TypeError"

    asyncio.run(main())


def test_cancelling_the_task_stops_the_js() -> None:
    """The JS never ends by itself, so the cancelled task only finishes because the JS was stopped."""

    async def main() -> None:
        with jscell.Context() as ctx:
            task = asyncio.create_task(ctx.evaluate_async("while (true) {}"))
            await asyncio.sleep(0.1)
            task.cancel()
            try:
                await task
            except asyncio.CancelledError:
                pass
            assert task.cancelled()
            assert await ctx.evaluate_async("1 + 1") == 2

    asyncio.run(main())
