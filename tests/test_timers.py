"""setTimeout and friends: real-time timers that run while a call waits for a Promise."""

from __future__ import annotations

import threading

import pytest

import jscell


def test_timers_settle_an_awaited_promise(ctx: jscell.Context) -> None:
    assert ctx.evaluate("new Promise(r => setTimeout(r, 20, 'late'))") == "late"


def test_order_arguments_and_clear(ctx: jscell.Context) -> None:
    code = """
    (async () => {
        const log = [];
        setTimeout((a, b) => log.push(a + b), 20, 'x', 'y');
        setTimeout(() => log.push('first'), 5);
        const cancelled = setTimeout(() => log.push('never'), 10);
        clearTimeout(cancelled);
        setTimeout(() => log.push('same-time-1'), 30);
        setTimeout(() => log.push('same-time-2'), 30);
        await new Promise(r => setTimeout(r, 40));
        return log;
    })()
    """
    assert ctx.evaluate(code) == ["first", "xy", "same-time-1", "same-time-2"]


def test_set_interval_and_clear_interval(ctx: jscell.Context) -> None:
    code = "new Promise(r => { let n = 0; const id = setInterval(() => { if (++n === 4) { clearInterval(id); r(n) } }, 2) })"
    assert ctx.evaluate(code) == 4


def test_obfuscated_async_signature(ctx: jscell.Context) -> None:
    ctx.compile("""
    var _0x = ['k', 'e', 'y'];
    function _0xdelay(v) { return new Promise(r => setTimeout(() => r(v), 0)); }
    async function sign(data) {
        const key = await _0xdelay(_0x.join(''));
        const salted = await Promise.resolve(data).then(d => d + ':' + key).then(s => _0xdelay(s.split('').reverse().join('')));
        await null;
        return salted.toUpperCase();
    }
    """)
    assert ctx.call("sign", ["abc"]) == "YEK:CBA"
    assert ctx.call("sign", ["abc"]) == "YEK:CBA"


def test_pending_timers_are_cancelled_when_the_call_returns(ctx: jscell.Context) -> None:
    ctx.compile("var fired = 0; setTimeout(() => fired++, 0)")
    assert ctx.evaluate("new Promise(r => setTimeout(() => r(fired), 10))") == 0
    ctx.evaluate("setTimeout(() => fired++, 0); 1")
    assert ctx.evaluate("new Promise(r => setTimeout(() => r(fired), 10))") == 0


def test_keep_timers_lets_them_run_in_a_later_call() -> None:
    with jscell.Context(keep_timers=True) as ctx:
        ctx.compile("var fired = 0; setTimeout(() => fired++, 0)")
        assert ctx.evaluate("new Promise(r => setTimeout(() => r(fired), 10))") == 1


def test_the_time_limit_bounds_the_wait() -> None:
    with jscell.Context(timeout=0.1) as ctx:
        with pytest.raises(jscell.JSTimeoutError):
            ctx.evaluate("new Promise(r => setTimeout(r, 3600 * 1000))")
        assert ctx.evaluate("1 + 1") == 2


def test_interrupt_stops_a_wait(ctx: jscell.Context) -> None:
    timer = threading.Timer(0.1, ctx.interrupt)
    timer.start()
    with pytest.raises(jscell.JSTimeoutError):
        ctx.evaluate("new Promise(r => setInterval(() => {}, 50))")
    timer.join()


def test_a_throwing_timer_callback_fails_the_call(ctx: jscell.Context) -> None:
    with pytest.raises(jscell.JSError, match="from a timer"):
        ctx.evaluate("new Promise(r => { setTimeout(() => { throw new Error('from a timer') }, 0); setTimeout(r, 5) })")
    assert ctx.evaluate("1") == 1


def test_bad_callbacks_and_never_settling_promises(ctx: jscell.Context) -> None:
    with pytest.raises(jscell.JSError, match="callback must be a function"):
        ctx.evaluate("setTimeout('code as a string', 0)")
    with pytest.raises(jscell.JSError, match="never settled"):
        ctx.evaluate("new Promise(() => {})")
    assert ctx.evaluate("typeof queueMicrotask") == "function"
