"""jscell's browser environment against a real Chrome: probe by probe, and the page-style signature corpus.

The oracle is recorded by `scripts/record_chrome_probes.py` into `tests/data/chrome_probes.json` (answers of
`tests/fixtures/browser_probes.js`) and `tests/data/chrome_pages.json` (`sign(input)` of each script in
`tests/fixtures/pages/`). Here the same files run in `jscell.Context(browser=...)`, given the settings the
recording's `browser` header holds (user agent, URL, platform, languages, cookie, referrer, title, time zone),
and every answer must equal Chrome's. Machine-dependent answers (screen size, core count, clocks, random
values) are compared by the shape the probe computed, never by value.

Differences that are known and accepted are listed with their reason in KNOWN_DIFFERENCES and
KNOWN_PAGE_DIFFERENCES. Each is a strict xfail: the test fails as soon as jscell starts to agree with Chrome,
so the list has to shrink with the environment and never hides a probe that passes.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import jscell

# The probe file, the page corpus and Chrome's recordings live with the test suite.
HERE = Path(__file__).resolve().parent.parent / "tests"
PROBE_SOURCE = (HERE / "fixtures" / "browser_probes.js").read_text(encoding="utf-8")
PAGES_DIR = HERE / "fixtures" / "pages"
CHROME_PROBES = json.loads((HERE / "data" / "chrome_probes.json").read_text(encoding="utf-8"))
CHROME_PAGES = json.loads((HERE / "data" / "chrome_pages.json").read_text(encoding="utf-8"))

# Probe name -> why jscell answers differently from Chrome, on purpose.
KNOWN_DIFFERENCES: dict[str, str] = {
    "document.canvas getContext 2d": "jscell's canvas has no rendering: getContext returns null for every type",
    "document.canvas getContext webgl": "jscell's canvas has no rendering: getContext returns null for every type",
    "window.own property names count": (
        "Chrome's global has about 1,200 own properties (every interface object of the platform); jscell "
        "defines the ones page code uses"
    ),
    "window.Object.keys(window)": "Chrome's global has hundreds of enumerable attributes and on* handlers",
    "window.Object.keys(window) without on*": "Chrome's global has hundreds of enumerable attributes",
}

# "script.js#call index" -> why jscell's sign() answers differently from Chrome's, on purpose.
KNOWN_PAGE_DIFFERENCES: dict[str, str] = {}


def browser_options(header: dict[str, Any]) -> dict[str, Any]:
    """The `browser=` settings for jscell: what the recording told Chrome. The document's html is not passed:
    jscell builds the same minimal tree (doctype, html, head with the title, empty body) itself."""
    return {key: value for key, value in header["browser"].items() if key != "html"}


def comparable(answer: Any) -> Any:
    """What of an answer must match: a machine-dependent value only by its shape."""
    if isinstance(answer, dict) and answer.get("machine_dependent") is True:
        return {"machine_dependent": True, "shape": answer.get("shape")}
    return answer


def strict_params(names: list[str], known: dict[str, str]) -> list[Any]:
    return [
        pytest.param(name, id=name, marks=pytest.mark.xfail(reason=known[name], strict=True))
        if name in known
        else pytest.param(name, id=name)
        for name in names
    ]


@pytest.fixture(scope="module")
def jscell_answers() -> dict[str, Any]:
    with jscell.Context(browser=browser_options(CHROME_PROBES), timeout=60) as ctx:
        answers = ctx.evaluate(PROBE_SOURCE)
    assert isinstance(answers, dict)
    return answers


def test_recording_matches_the_probe_file(jscell_answers: dict[str, Any]) -> None:
    # A probe added to or renamed in browser_probes.js needs a new recording.
    assert list(jscell_answers) == list(CHROME_PROBES["probes"])


def test_known_differences_name_recorded_probes() -> None:
    assert set(KNOWN_DIFFERENCES) <= set(CHROME_PROBES["probes"])
    page_calls = {f"{script}#{i}" for script, page in CHROME_PAGES["pages"].items() for i in range(len(page["calls"]))}
    assert set(KNOWN_PAGE_DIFFERENCES) <= page_calls


def test_machine_dependent_list_is_consistent() -> None:
    marked = sorted(
        name
        for name, answer in CHROME_PROBES["probes"].items()
        if isinstance(answer, dict) and answer.get("machine_dependent") is True
    )
    assert marked == CHROME_PROBES["machine_dependent"]


@pytest.mark.parametrize("name", strict_params(list(CHROME_PROBES["probes"]), KNOWN_DIFFERENCES))
def test_probe_matches_chrome(name: str, jscell_answers: dict[str, Any]) -> None:
    chrome = CHROME_PROBES["probes"][name]
    got = jscell_answers.get(name, {"missing": "jscell produced no answer"})
    assert comparable(got) == comparable(chrome), (
        f"{name}\n  chrome: {json.dumps(chrome, ensure_ascii=False)}\n  jscell: {json.dumps(got, ensure_ascii=False)}"
    )


def run_page(script: str, inputs: list[Any]) -> list[dict[str, Any]]:
    """sign(input) for each input in one fresh page, in order, as the recorder ran them."""
    outcomes: list[dict[str, Any]] = []
    with jscell.Context(browser=browser_options(CHROME_PAGES), timeout=30) as ctx:
        ctx.compile((PAGES_DIR / script).read_text(encoding="utf-8"))
        for value in inputs:
            try:
                result = ctx.call("sign", [value])
            except jscell.JSError as err:
                outcomes.append({"threw": f"{err.name}: {err.message}"})
            else:
                outcomes.append({"value": result})
    return outcomes


def recorded_outcome(call: dict[str, Any]) -> dict[str, Any]:
    if "threw" in call:
        return {"threw": call["threw"]}
    value = call["value"]
    # undefined comes back from jscell as None, as null does.
    return {"value": None if value == {"$": "undefined"} else value}


PAGE_CALLS = [f"{script}#{i}" for script, page in CHROME_PAGES["pages"].items() for i in range(len(page["calls"]))]


@pytest.fixture(scope="module")
def jscell_page_outcomes() -> dict[str, dict[str, Any]]:
    outcomes: dict[str, dict[str, Any]] = {}
    for script, page in CHROME_PAGES["pages"].items():
        results = run_page(script, [call["input"] for call in page["calls"]])
        for i, outcome in enumerate(results):
            outcomes[f"{script}#{i}"] = outcome
    return outcomes


def test_every_page_script_is_recorded() -> None:
    scripts = sorted(p.name for p in PAGES_DIR.glob("*.js"))
    assert scripts == sorted(CHROME_PAGES["pages"])


@pytest.mark.parametrize("call", strict_params(PAGE_CALLS, KNOWN_PAGE_DIFFERENCES))
def test_page_matches_chrome(call: str, jscell_page_outcomes: dict[str, dict[str, Any]]) -> None:
    script, index = call.rsplit("#", 1)
    recorded = CHROME_PAGES["pages"][script]["calls"][int(index)]
    got = jscell_page_outcomes[call]
    assert got == recorded_outcome(recorded), (
        f"{call} with input {json.dumps(recorded['input'], ensure_ascii=False)}\n"
        f"  chrome: {json.dumps(recorded_outcome(recorded), ensure_ascii=False)}\n"
        f"  jscell: {json.dumps(got, ensure_ascii=False)}"
    )
