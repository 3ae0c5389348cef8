"""Time, memory and stack limits, interrupt() and Ctrl-C: typed errors, and the context stays usable."""

from __future__ import annotations

import subprocess
import sys
import threading
import time

import pytest

import jscell

LOOPS = [
    pytest.param("while (true) {}", id="while"),
    pytest.param("for (;;) { try { while (true) {} } catch (e) {} }", id="try-catch"),
    pytest.param("for (;;) { try { while (true) {} } finally { continue } }", id="finally"),
    pytest.param("/(a+)+$/.test('a'.repeat(40) + 'b')", id="catastrophic-regexp"),
    pytest.param("({ get x() { for (;;) {} } })", id="getter-during-conversion"),
    pytest.param("throw { toString() { for (;;) {} } }", id="tostring-of-thrown-value"),
    pytest.param("new Promise(() => { for (;;) {} })", id="promise-executor"),
    pytest.param("Promise.resolve().then(function f() { return Promise.resolve().then(f) })", id="microtask-loop"),
    pytest.param("const a = []; for (let i = 0; i < 3e6; i++) a.push(i % 1000); a.sort((x, y) => x - y)", id="sort"),
    pytest.param("new Proxy({}, { ownKeys() { for (;;) {} } })", id="proxy-trap-during-conversion"),
]


@pytest.mark.parametrize("code", LOOPS)
def test_timeout_stops_every_kind_of_loop(code: str) -> None:
    with jscell.Context(timeout=0.1) as ctx:
        started = time.monotonic()
        with pytest.raises(jscell.JSTimeoutError) as info:
            ctx.evaluate(code)
        assert time.monotonic() - started >= 0.1
        assert isinstance(info.value, TimeoutError) and isinstance(info.value, jscell.JSError)
        assert "time limit of 0.1 s" in str(info.value)
        assert ctx.evaluate("1 + 1") == 2


@pytest.mark.parametrize(
    ("setup", "code"),
    [
        pytest.param("", "Array(3e7).fill('abcdefgh').length", id="fill"),
        pytest.param(
            "var big = []; for (let i = 0; i < 3e7; i++) big.push('abcdefgh')", "big.join('').length", id="join"
        ),
        pytest.param("", "'abcdefgh'.repeat(6e7).length", id="repeat"),
        pytest.param("var s = []; for (let i = 0; i < 3e6; i++) s.push(String(i))", "s.sort().length", id="sort"),
    ],
)
def test_long_native_builtins_are_interrupted(setup: str, code: str) -> None:
    """Each is one native call that runs for well over the limit without executing bytecode; it must still be
    stopped (engine-wasm/patches/quickjs-interruptible-builtins.patch), not return its result late."""
    with jscell.Context(memory_limit=1 << 30) as ctx:
        ctx.compile(setup)
        with pytest.raises(jscell.JSTimeoutError):
            ctx.evaluate(code, timeout=0.05)
        assert ctx.evaluate("1 + 1") == 2


def test_call_timeout_overrides_the_context(ctx: jscell.Context) -> None:
    ctx.compile("function spin() { for (;;) {} }")
    for run in (
        lambda: ctx.call("spin", timeout=0.05),
        lambda: ctx.evaluate("spin()", timeout=0.05),
        lambda: ctx.compile("spin()", timeout=0.05),
        lambda: ctx.eval("spin()", return_value=True, timeout=0.05),
    ):
        with pytest.raises(jscell.JSTimeoutError):
            run()
    assert ctx.evaluate("'fine'") == "fine"


def test_fast_code_is_not_stopped() -> None:
    with jscell.Context(timeout=5) as ctx:
        assert ctx.evaluate("let s = 0; for (let i = 0; i < 1e5; i++) s += i; s") == sum(range(100_000))


def test_interrupt_from_another_thread(ctx: jscell.Context) -> None:
    timer = threading.Timer(0.1, ctx.interrupt)
    timer.start()
    with pytest.raises(jscell.JSTimeoutError, match="interrupted"):
        ctx.evaluate("while (true) {}")
    timer.join()
    assert ctx.evaluate("2 + 2") == 4


def test_interrupt_without_running_js_is_forgotten(ctx: jscell.Context) -> None:
    ctx.interrupt()
    assert ctx.evaluate("let n = 0; for (let i = 0; i < 1e5; i++) n++; n") == 100_000


def test_ctrl_c_raises_keyboard_interrupt() -> None:
    code = """
import os, signal, threading, time, jscell
ctx = jscell.Context()
threading.Timer(0.2, lambda: os.kill(os.getpid(), signal.SIGINT)).start()
started = time.monotonic()
try:
    ctx.evaluate("while (true) {}")
except KeyboardInterrupt:
    print("KeyboardInterrupt", round(time.monotonic() - started, 1), ctx.evaluate("1 + 1"))
"""
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split() == ["KeyboardInterrupt", "0.2", "2"]


MEMORY_BOMBS = [
    pytest.param("const a = []; while (true) a.push(new Array(1000).fill(1))", id="array-growth"),
    pytest.param("const a = []; while (true) a.push(new Uint8Array(1 << 20))", id="typed-arrays"),
    pytest.param("const a = []; while (true) a.push('x'.repeat(1 << 20) + a.length)", id="strings"),
    pytest.param("'x'.repeat(512 * 1024 * 1024).length", id="512-MB-string"),
    pytest.param("new ArrayBuffer(1 << 30)", id="huge-buffer"),
]


@pytest.mark.parametrize("code", MEMORY_BOMBS)
def test_memory_limit(code: str) -> None:
    with jscell.Context(memory_limit=64 << 20) as ctx:
        with pytest.raises(jscell.JSMemoryError) as info:
            ctx.evaluate(code)
        assert isinstance(info.value, MemoryError)
        assert "67108864" in str(info.value)
        assert ctx.evaluate("1 + 1") == 2


def test_js_can_catch_out_of_memory() -> None:
    with jscell.Context(memory_limit=32 << 20) as ctx:
        # Even when QuickJS cannot allocate the error object, JS catches an InternalError, never null
        # (engine-wasm/patches/quickjs-out-of-memory-error.patch).
        for _ in range(5):
            code = "let m; try { const a = []; while (true) a.push(new Array(1000).fill(1)) } catch (e) { m = String(e) } m"
            assert ctx.evaluate(code) == "InternalError: out of memory"
        assert ctx.evaluate("[1, 2, 3].length") == 3


def test_memory_is_returned_after_an_out_of_memory_error() -> None:
    with jscell.Context(memory_limit=64 << 20) as ctx:
        for _ in range(3):
            with pytest.raises(jscell.JSMemoryError):
                ctx.evaluate("const a = []; while (true) a.push(new Array(1000).fill(1))")
            ctx.gc()
            assert ctx.get_heap_statistics()["memory_used_size"] < 16 << 20


def test_stack_limit_option() -> None:
    code = "function d(n) { return n ? 1 + d(n - 1) : 0 } d(1000)"
    with jscell.Context(stack_limit=64 * 1024) as small, jscell.Context() as default:
        with pytest.raises(jscell.JSError, match="Maximum call stack size exceeded"):
            small.evaluate(code)
        assert default.evaluate(code) == 1000


@pytest.mark.parametrize(
    "options",
    [
        {"memory_limit": 1000},
        {"memory_limit": 8 << 30},
        {"stack_limit": 10},
        {"stack_limit": 4 << 20},
        {"timeout": -1},
        {"timeout": float("nan")},
    ],
)
def test_bad_limits_are_value_errors(options: dict[str, float]) -> None:
    with pytest.raises(ValueError):  # noqa: PT011 - each option words its message differently
        jscell.Context(**options)  # type: ignore[arg-type]


def test_bad_call_timeout(ctx: jscell.Context) -> None:
    with pytest.raises(ValueError, match="timeout"):
        ctx.evaluate("1", timeout=-0.5)
