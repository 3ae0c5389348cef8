"""Hostile JS: whatever it does, the process lives, the error is typed and the context stays usable."""

from __future__ import annotations

import threading

import pytest

import jscell

DEEP = [
    pytest.param("function f(n) { return f(n + 1) + 1 } f(0)", id="recursion"),
    pytest.param("let o = {}; for (let i = 0; i < 100000; i++) o = {a: o}; JSON.stringify(o)", id="stringify"),
    pytest.param("JSON.parse('['.repeat(100000) + ']'.repeat(100000))", id="json-parse"),
    pytest.param("eval('['.repeat(100000) + ']'.repeat(100000))", id="nested-array-source"),
    pytest.param("eval('('.repeat(100000) + '1' + ')'.repeat(100000))", id="nested-paren-source"),
    pytest.param("eval('{'.repeat(100000) + '}'.repeat(100000))", id="nested-block-source"),
    pytest.param("let a = []; for (let i = 0; i < 100000; i++) a = [a]; String(a)", id="array-tostring"),
    pytest.param("const p = new Proxy({}, {get(t, k, r) { return r[k] }}); p.x", id="proxy-get"),
    pytest.param("function h(n) { return n ? new Promise(r => r(h(n - 1))) : 1 } h(100000)", id="promise-chain"),
]


@pytest.mark.parametrize("code", DEEP)
def test_deep_recursion_is_a_catchable_range_error(ctx: jscell.Context, code: str) -> None:
    with pytest.raises(jscell.JSError) as info:
        ctx.evaluate(code)
    assert info.value.name == "RangeError"
    assert info.value.message == "Maximum call stack size exceeded"
    assert ctx.evaluate("1 + 1") == 2


def test_js_can_catch_stack_overflow(ctx: jscell.Context) -> None:
    ctx.compile("function f() { try { return f() } catch (e) { return e instanceof RangeError } }")
    assert ctx.call("f") is True


def test_reasonable_recursion_still_works(ctx: jscell.Context) -> None:
    ctx.compile("function depth(n) { return n === 0 ? 0 : 1 + depth(n - 1) }")
    assert ctx.call("depth", [2000]) == 2000


def test_deep_recursion_on_a_thread_with_a_small_stack() -> None:
    """Guest calls run on a stack of their own, so the caller's stack size does not matter."""
    results: list[object] = []

    def run() -> None:
        with jscell.Context() as ctx:
            try:
                ctx.evaluate("function f() { return f() } f()")
            except jscell.JSError as err:
                results.append(err.name)

    old = threading.stack_size(256 * 1024)
    try:
        thread = threading.Thread(target=run)
        thread.start()
        thread.join()
    finally:
        threading.stack_size(old)
    assert results == ["RangeError"]


@pytest.mark.parametrize(
    "code",
    [
        "throw 1",
        "throw null",
        "throw undefined",
        "throw {toString() { throw new Error('again') }}",
        "throw Object.create(null)",
        "const e = new Error('x'); Object.defineProperty(e, 'stack', {get() { throw 1 }}); throw e",
        "throw new Proxy({}, {get() { throw 2 }, ownKeys() { throw 3 }})",
    ],
)
def test_strange_throws_are_typed(ctx: jscell.Context, code: str) -> None:
    with pytest.raises(jscell.JSError):
        ctx.compile(code)
    assert ctx.evaluate("'usable'") == "usable"


def test_proxy_traps_that_throw_during_conversion(ctx: jscell.Context) -> None:
    with pytest.raises(jscell.JSError, match="trap"):
        ctx.evaluate("new Proxy({}, {ownKeys() { throw new Error('trap') }})")
    assert ctx.evaluate("1") == 1


def test_no_ambient_authority(ctx: jscell.Context) -> None:
    names = ["require", "process", "std", "os", "Deno", "WebAssembly", "importScripts"]
    ctx.compile("function kinds(names) { return names.map(n => typeof globalThis[n]) }")
    assert ctx.call("kinds", [names]) == ["undefined"] * len(names)
    # fetch and XMLHttpRequest exist, as page code expects, but nothing leaves the sandbox.
    sent = ctx.evaluate(
        "Promise.all([fetch('https://example.com/').catch((e) => e.name + ': ' + e.message),"
        " new Promise((resolve) => { const x = new XMLHttpRequest(); x.onerror = () => resolve('error');"
        " x.onload = () => resolve('load'); x.open('GET', 'https://example.com/'); x.send(); })])"
    )
    assert sent == [
        "TypeError: fetch: no request leaves the sandbox; pass Context(on_request=...) to answer requests from Python",
        "error",
    ]
    with pytest.raises(jscell.JSError):
        ctx.evaluate("import('fs')")


def test_100_mb_string_argument(ctx: jscell.Context) -> None:
    big = "ab\x00" * (100 * 1024 * 1024 // 3)
    ctx.compile("function info(s) { return [s.length, s.charCodeAt(2), s.slice(-3)] }")
    assert ctx.call("info", [big]) == [len(big), 0, "ab\x00"]


def test_huge_results(ctx: jscell.Context) -> None:
    assert len(ctx.evaluate("'x'.repeat(50 * 1024 * 1024)")) == 50 * 1024 * 1024
    assert len(ctx.evaluate("Array.from({length: 1e6}, (_, i) => i)")) == 1_000_000


def test_nul_and_surrogates_in_source_and_names(ctx: jscell.Context) -> None:
    assert ctx.evaluate("'a\\0b'") == "a\x00b"
    assert ctx.evaluate("'\ud800'.length") == 1
    ctx.compile("var obj = {'k\\0ey': 5}")
    assert ctx.evaluate("obj['k\\0ey']") == 5
    with pytest.raises(jscell.JSError):
        ctx.call("no\x00such")
