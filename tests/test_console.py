"""console.log and friends: to the `jscell.console` logger by default, to a callable, or nowhere."""

from __future__ import annotations

import logging
import subprocess
import sys

import pytest

import jscell


def test_default_goes_to_logging_at_matching_levels(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="jscell.console")
    with jscell.Context() as ctx:
        ctx.evaluate("console.log('a'); console.info('b'); console.warn('c'); console.error('d'); console.debug('e')")
    records = [(r.name, r.levelno, r.getMessage()) for r in caplog.records]
    assert records == [
        ("jscell.console", logging.INFO, "a"),
        ("jscell.console", logging.INFO, "b"),
        ("jscell.console", logging.WARNING, "c"),
        ("jscell.console", logging.ERROR, "d"),
        ("jscell.console", logging.DEBUG, "e"),
    ]


def test_callable_receives_formatted_messages() -> None:
    lines: list[str] = []
    with jscell.Context(console=lines.append) as ctx:
        ctx.evaluate("""
            console.log('%s is %d years and %i days', 'Ann', 42.5, 3.9);
            console.log('%o and %j', {a: [1, 2]}, [3]);
            console.log('100%% sure', 'extra', 7, null, undefined, true);
            console.log({nested: {x: 1}}, [1, 'two'], function named() {}, () => 1, 10n);
            console.log('%s', Symbol('s'), 'missing: %d');
            console.log('%c styled', 'color: red');
            console.log('unused %s');
        """)
    assert lines == [
        "Ann is 42.5 years and 3 days",
        '{"a":[1,2]} and [3]',
        "100% sure extra 7 null undefined true",
        '{"nested":{"x":1}} [1,"two"] [Function: named] [Function (anonymous)] 10n',
        "Symbol(s) missing: %d",
        " styled",
        "unused %s",
    ]


def test_none_drops_output_and_print_prints(capfd: pytest.CaptureFixture[str]) -> None:
    with jscell.Context(console=None) as ctx:
        ctx.evaluate("console.log('dropped')")
    with jscell.Context(console=print) as ctx:
        ctx.evaluate("console.log('printed', 1)")
    assert capfd.readouterr().out == "printed 1\n"


def test_nothing_reaches_stdout_or_stderr_by_default() -> None:
    code = "import jscell; jscell.Context().evaluate(\"console.log('x'); console.error('y')\")"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0
    # The logger has no handler configured, and WARNING+ records would use logging's last resort: error()
    # goes there, to stderr, as Python's logging does for any library; log() does not.
    assert proc.stdout == ""
    assert "x" not in proc.stderr


def test_a_failing_callable_does_not_break_the_js(monkeypatch: pytest.MonkeyPatch) -> None:
    reported: list[BaseException | None] = []
    monkeypatch.setattr(sys, "unraisablehook", lambda unraisable: reported.append(unraisable.exc_value))

    def broken(_: str) -> None:
        raise RuntimeError("handler failed")

    with jscell.Context(console=broken) as ctx:
        assert ctx.evaluate("console.log('x'); 5") == 5
    assert [str(err) for err in reported] == ["handler failed"]


def test_bad_console_argument() -> None:
    with pytest.raises(TypeError, match="console must be a callable"):
        jscell.Context(console="stdout")  # type: ignore[arg-type]


def test_unhandled_rejections_are_reported() -> None:
    lines: list[str] = []
    with jscell.Context(console=lines.append) as ctx:
        ctx.evaluate("Promise.reject(new Error('nobody listens')); 1", auto_await=False)
        ctx.evaluate("Promise.reject(2).catch(() => {}); new Promise((_, no) => no('late')).then(() => {}); 3")
        assert lines == ["Uncaught (in promise) Error: nobody listens", "Uncaught (in promise) late"]
        lines.clear()
        # A rejection the call raises itself is not reported a second time.
        with pytest.raises(jscell.JSError, match="raised"):
            ctx.evaluate("Promise.reject(new Error('raised'))")
        assert lines == []
