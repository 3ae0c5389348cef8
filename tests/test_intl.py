"""``Intl`` and the context's time zone against node's full ICU: every expression in
``tests/fixtures/intl_probes.json`` is answered by node run with ``TZ`` and ``LANG`` set to a zone and locale and
by ``Context(timezone=..., locale=...)`` with the same ones, and the answers must be equal. Where they are known to
differ, ``tests/fixtures/intl_differences.json`` says why (for every setting, or for the ``timezones`` listed), and
the case is a strict xfail: it fails the suite once the answers agree."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from functools import cache
from pathlib import Path

import pytest

import jscell

FIXTURES = Path(__file__).parent / "fixtures"
PROBES = json.loads((FIXTURES / "intl_probes.json").read_text())
DIFFERENCES = {d["probe"]: d for d in json.loads((FIXTURES / "intl_differences.json").read_text())}

# (time zone, locale, LANG for node): zones with and without daylight time, on both sides of UTC.
SETTINGS = [
    ("UTC", "en-US", "en_US.UTF-8"),
    ("Asia/Shanghai", "zh-CN", "zh_CN.UTF-8"),
    ("America/New_York", "en-US", "en_US.UTF-8"),
    ("Europe/Berlin", "de-DE", "de_DE.UTF-8"),
    ("Asia/Kolkata", "hi-IN", "hi_IN.UTF-8"),
    ("Australia/Lord_Howe", "en-GB", "en_GB.UTF-8"),
]

# Each probe's answer as JSON, or the name of the error it threw.
ANSWER = "(() => { try { return JSON.stringify(%s); } catch (e) { return JSON.stringify({ threw: e.name }); } })()"


@cache
def node_answers(timezone: str, lang: str) -> list[object]:
    if shutil.which("node") is None:
        pytest.fail("node is the oracle for these tests")
    script = "const probes = JSON.parse(require('fs').readFileSync(0, 'utf8'));\n"
    script += "console.log(JSON.stringify(probes.map((p) => eval(" + json.dumps(ANSWER) + ".replace('%s', p)))));"
    env = {**os.environ, "TZ": timezone, "LANG": lang, "LC_ALL": lang}
    done = subprocess.run(
        ["node", "-e", script], input=json.dumps(PROBES), capture_output=True, text=True, env=env, check=True
    )
    return [json.loads(answer) for answer in json.loads(done.stdout)]


def case(timezone: str, locale: str, lang: str, index: int) -> object:
    known = DIFFERENCES.get(PROBES[index])
    marks = []
    if known is not None and timezone in known.get("timezones", [timezone]):
        marks.append(pytest.mark.xfail(strict=True, reason=known["reason"]))
    return pytest.param(timezone, locale, lang, index, marks=marks, id=f"{timezone}-{locale}-{index}")


CASES = [case(tz, locale, lang, i) for tz, locale, lang in SETTINGS for i in range(len(PROBES))]


def test_every_known_difference_is_a_probe() -> None:
    assert set(DIFFERENCES) <= set(PROBES)


@pytest.mark.parametrize(("timezone", "locale", "lang", "index"), CASES)
def test_intl_answers_as_node_does(timezone: str, locale: str, lang: str, index: int) -> None:
    probe = PROBES[index]
    with jscell.Context(timezone=timezone, locale=locale) as ctx:
        answer = json.loads(ctx.evaluate(ANSWER % probe))
    assert answer == node_answers(timezone, lang)[index], probe


def test_a_fresh_context_is_in_utc_with_en_us() -> None:
    with jscell.Context() as ctx:
        assert ctx.evaluate("new Date(2026, 0, 1).getTimezoneOffset()") == 0
        assert ctx.evaluate("Intl.DateTimeFormat().resolvedOptions().timeZone") == "UTC"
        assert ctx.evaluate("(1234.5).toLocaleString()") == "1,234.5"


def test_the_zone_follows_daylight_time() -> None:
    with jscell.Context(timezone="america/new_york") as ctx:
        assert ctx.evaluate("Intl.DateTimeFormat().resolvedOptions().timeZone") == "America/New_York"
        assert ctx.evaluate("[new Date(2026, 0, 1).getTimezoneOffset(), new Date(2026, 6, 1).getTimezoneOffset()]") == [
            300,
            240,
        ]


def test_a_snapshot_keeps_its_zone() -> None:
    with jscell.Context(timezone="Asia/Tokyo") as ctx:
        snapshot = ctx.snapshot()
    with snapshot.context() as fork:
        assert fork.evaluate("new Date(0).getHours()") == 9


@pytest.mark.parametrize("timezone", ["Mars/Olympus", "", "../../etc/passwd", "Asia/Shanghai\x00"])
def test_an_unknown_zone_is_a_value_error(timezone: str) -> None:
    with pytest.raises(ValueError, match="Invalid time zone"):
        jscell.Context(timezone=timezone)


def test_a_malformed_locale_is_a_value_error() -> None:
    with pytest.raises(ValueError, match="locale"):
        jscell.Context(locale="not a locale!")
    with pytest.raises(TypeError, match="timezone must be a str"):
        jscell.Context(timezone=8)  # type: ignore[arg-type]


def test_the_browser_zone_is_the_date_zone() -> None:
    with jscell.Context(browser={"timezone": "Asia/Shanghai"}) as ctx:
        assert ctx.evaluate("new Date(0).getHours()") == 8


def test_a_bare_context_keeps_intl() -> None:
    with jscell.Context(enable_extensions=False, timezone="Asia/Shanghai", locale="de-DE") as ctx:
        assert ctx.evaluate("typeof TextEncoder") == "undefined"
        assert ctx.evaluate("[(1234.5).toLocaleString(), new Date(0).getHours()]") == ["1.234,5", 8]


@pytest.mark.parametrize(
    ("expression", "error"),
    [
        ("new Intl.NumberFormat('en', { maximumFractionDigits: 101 })", "RangeError"),
        ("new Intl.NumberFormat('en', { minimumFractionDigits: 3, maximumFractionDigits: 1 })", "RangeError"),
        ("new Intl.NumberFormat('en', { useGrouping: 'sometimes' })", "RangeError"),
        ("new Intl.NumberFormat('en_US')", "RangeError"),
        ("Intl.getCanonicalLocales([1])", "TypeError"),
        ("Intl.NumberFormat.prototype.formatToParts.call({}, 1)", "TypeError"),
        ("new Intl.DateTimeFormat('en', { timeZone: 'Nowhere/Place' })", "RangeError"),
        ("Intl.supportedValuesOf('colours')", "RangeError"),
        ("Intl.PluralRules('en')", "TypeError"),
    ],
)
def test_bad_options_throw_what_ecma_402_says(expression: str, error: str) -> None:
    with jscell.Context() as ctx:
        assert ctx.evaluate(ANSWER % expression) == json.dumps({"threw": error}, separators=(",", ":"))
