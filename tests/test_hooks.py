"""never_jscore's hooks, per context: `$return` (early return), `$terminate` (stop everything, keep a value),
`$storeResult`, and reading the stored value from Python."""

from __future__ import annotations

import json

import pytest

import jscell


@pytest.mark.parametrize("hook", ["$return", "$exit", "__neverjscore_return__"])
def test_an_uncaught_early_return_is_the_result(ctx: jscell.Context, hook: str) -> None:
    assert ctx.evaluate(f"{hook}({{sig: 'abc', n: 1}}); 'not this'") == {"sig": "abc", "n": 1}
    ctx.compile(f"function sign(x) {{ {hook}(x + '!'); return 'late' }}")
    assert ctx.call("sign", ["a"]) == "a!"


def test_an_early_return_is_catchable(ctx: jscell.Context) -> None:
    assert ctx.evaluate("try { $return(1) } catch (e) { 'caught: ' + e.message }") == (
        "caught: [NEVER_JSCORE_EARLY_RETURN]"
    )


def test_an_early_return_from_a_timer_or_after_await(ctx: jscell.Context) -> None:
    assert ctx.evaluate("new Promise(r => setTimeout(() => $return('from a timer'), 5))") == "from a timer"
    assert ctx.evaluate("(async () => { await null; $return([1, 2]) })()") == [1, 2]


@pytest.mark.parametrize("hook", ["$terminate", "__saveAndTerminate__"])
def test_terminate_stops_everything_and_keeps_the_value(ctx: jscell.Context, hook: str) -> None:
    code = f"""
        globalThis.log = [];
        setTimeout(() => log.push('timer'), 0);
        Promise.resolve().then(() => log.push('job'));
        try {{ {hook}({{key: [1, 2]}}) }} catch (e) {{ log.push('catch') }} finally {{ log.push('finally') }}
        log.push('after');
    """
    with pytest.raises(jscell.JSTerminated) as info:
        ctx.compile(code)
    assert isinstance(info.value, jscell.JSError)
    assert json.loads(ctx.get_hook_data() or "") == {"key": [1, 2]}
    assert ctx.hook_data == {"key": [1, 2]}
    # No catch, finally, job or timer ran, then or later; the context goes on.
    assert ctx.evaluate("new Promise(r => setTimeout(r, 10)).then(() => log)") == []
    assert ctx.get_hook_data() == '{"key":[1,2]}'
    ctx.clear_hook_data()
    assert ctx.get_hook_data() is None and ctx.hook_data is None


def test_terminate_inside_async_code_and_in_a_call(ctx: jscell.Context) -> None:
    ctx.compile("async function sign(x) { await null; $terminate({seen: x}); return 'never' }")
    with pytest.raises(jscell.JSTerminated):
        ctx.call("sign", ["abc"])
    assert ctx.hook_data == {"seen": "abc"}
    assert ctx.call("String", [1]) == "1"


def test_store_result_keeps_going(ctx: jscell.Context) -> None:
    assert ctx.evaluate("$storeResult({partial: true}); 'finished'") == "finished"
    assert ctx.hook_data == {"partial": True}


def test_hooks_are_per_context_and_hidden_from_enumeration() -> None:
    with jscell.Context() as one, jscell.Context() as two:
        with pytest.raises(jscell.JSTerminated):
            one.evaluate("$terminate('one')")
        assert one.hook_data == "one"
        assert two.get_hook_data() is None
        assert "$terminate" not in two.evaluate("Object.keys(globalThis)")
        assert two.evaluate("typeof $terminate") == "function"


def test_js_cannot_fake_a_termination(ctx: jscell.Context) -> None:
    with pytest.raises(jscell.JSError) as info:
        ctx.evaluate("throw new InternalError('execution terminated')")
    assert type(info.value) is jscell.JSError
