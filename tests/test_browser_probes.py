"""Every probe of tests/fixtures/browser_probes.js against Chrome's recorded answer (tests/data/chrome_probes.json).

The probes run once in `jscell.Context(browser=<the recording's settings>)`; each answer must equal Chrome's
(machine-dependent ones by shape only). Probes jscell still answers differently are listed in KNOWN_DIFFERENCES
with the reason; each is a strict xfail, so the test fails as soon as jscell starts to agree and the entry has
to go. acceptance/test_browser_oracle.py runs the same comparison together with the page corpus.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import jscell

HERE = Path(__file__).resolve().parent
PROBE_SOURCE = (HERE / "fixtures" / "browser_probes.js").read_text(encoding="utf-8")
CHROME = json.loads((HERE / "data" / "chrome_probes.json").read_text(encoding="utf-8"))

# Probe name -> why jscell answers differently from Chrome.
KNOWN_DIFFERENCES: dict[str, str] = {
    "core.toString bound function": "QuickJS prints bound and proxied functions with their name",
    "core.toString bound native": "QuickJS prints bound and proxied functions with their name",
    "core.toString proxy of function": "QuickJS prints bound and proxied functions with their name",
    "core.toString non-function": "QuickJS prints bound and proxied functions with their name",
    "core.error stack is own": "QuickJS error stacks have no 'Error: message' first line and stack is not an own property",
    "core.error own names": "QuickJS error stacks have no 'Error: message' first line and stack is not an own property",
    "core.new Error().stack shape": "QuickJS error stacks have no 'Error: message' first line and stack is not an own property",
    "core.nested error stack shape": "QuickJS error stacks have no 'Error: message' first line and stack is not an own property",
    "core.TypeError message for undefined property": "QuickJS words its TypeErrors differently from V8",
    "core.TypeError message for not a function": "QuickJS words its TypeErrors differently from V8",
    "core.Intl.NumberFormat currency": "jscell's Intl.NumberFormat has no currency style yet",
    "core.localeCompare": "jscell has no Intl.Collator yet: localeCompare compares code units",
    "core.typeof engine extras": "QuickJS has no WebAssembly and keeps SharedArrayBuffer",
    "window.Object.keys(window)": "jscell defines the members pages use, not every member of Chrome's interfaces",
    "window.Object.keys(window) without on*": "jscell defines the members pages use, not every member of Chrome's interfaces",
    "window.own property names count": "jscell defines the members pages use, not every member of Chrome's interfaces",
    "window.desc clearTimeout": "jscell's clearTimeout/clearInterval declare one parameter (Chrome's declare none)",
    "window.desc clearInterval": "jscell's clearTimeout/clearInterval declare one parameter (Chrome's declare none)",
    "window.new fetch": "QuickJS's 'not a constructor' message does not name the callee",
    "window.new atob": "QuickJS's 'not a constructor' message does not name the callee",
    "window.new btoa": "QuickJS's 'not a constructor' message does not name the callee",
    "window.new setTimeout": "QuickJS's 'not a constructor' message does not name the callee",
    "window.new setInterval": "QuickJS's 'not a constructor' message does not name the callee",
    "window.function clearTimeout": "jscell's clearTimeout/clearInterval declare one parameter (Chrome's declare none)",
    "window.new clearTimeout": "QuickJS's 'not a constructor' message does not name the callee",
    "window.function clearInterval": "jscell's clearTimeout/clearInterval declare one parameter (Chrome's declare none)",
    "window.new clearInterval": "QuickJS's 'not a constructor' message does not name the callee",
    "window.new queueMicrotask": "QuickJS's 'not a constructor' message does not name the callee",
    "window.new structuredClone": "QuickJS's 'not a constructor' message does not name the callee",
    "window.new matchMedia": "QuickJS's 'not a constructor' message does not name the callee",
    "window.new requestAnimationFrame": "QuickJS's 'not a constructor' message does not name the callee",
    "window.new cancelAnimationFrame": "QuickJS's 'not a constructor' message does not name the callee",
    "window.new requestIdleCallback": "QuickJS's 'not a constructor' message does not name the callee",
    "window.new getComputedStyle": "QuickJS's 'not a constructor' message does not name the callee",
    "window.new alert": "QuickJS's 'not a constructor' message does not name the callee",
    "window.new confirm": "QuickJS's 'not a constructor' message does not name the callee",
    "window.new prompt": "QuickJS's 'not a constructor' message does not name the callee",
    "window.new open": "QuickJS's 'not a constructor' message does not name the callee",
    "window.new postMessage": "QuickJS's 'not a constructor' message does not name the callee",
    "window.new addEventListener": "QuickJS's 'not a constructor' message does not name the callee",
    "window.new removeEventListener": "QuickJS's 'not a constructor' message does not name the callee",
    "window.new dispatchEvent": "QuickJS's 'not a constructor' message does not name the callee",
    "window.new eval": "QuickJS's 'not a constructor' message does not name the callee",
    "window.new parseInt": "QuickJS's 'not a constructor' message does not name the callee",
    "window.new escape": "QuickJS's 'not a constructor' message does not name the callee",
    "window.new encodeURIComponent": "QuickJS's 'not a constructor' message does not name the callee",
    "window.setTimeout with string argument type": "jscell's setTimeout does not compile strings",
    "navigator.Navigator.prototype own names": "jscell defines the members pages use, not every member of Chrome's interfaces",
    "navigator.for-in names": "jscell defines the members pages use, not every member of Chrome's interfaces",
    "document.Document.prototype own names": "jscell defines the members pages use, not every member of Chrome's interfaces",
    "document.EventTarget.prototype own names": "jscell defines the members pages use, not every member of Chrome's interfaces",
    "document.canvas getContext 2d": "jscell's canvas has no rendering: getContext returns null for every type",
    "document.canvas getContext webgl": "jscell's canvas has no rendering: getContext returns null for every type",
    "document.typeof document.all": "document.all's [[IsHTMLDDA]] (typeof 'undefined', falsy) cannot be written in JS",
    "document.document.all details": "document.all's [[IsHTMLDDA]] (typeof 'undefined', falsy) cannot be written in JS",
    "web_apis.Window call without new": "interface objects answer a call without new with the constructible wording",
    "web_apis.Navigator prototype own names": "jscell defines the members pages use, not every member of Chrome's interfaces",
    "web_apis.Document prototype own names": "jscell defines the members pages use, not every member of Chrome's interfaces",
    "web_apis.Document statics": "jscell defines the members pages use, not every member of Chrome's interfaces",
    "web_apis.Node call without new": "interface objects answer a call without new with the constructible wording",
    "web_apis.Element prototype own names": "jscell defines the members pages use, not every member of Chrome's interfaces",
    "web_apis.HTMLElement call without new": "interface objects answer a call without new with the constructible wording",
    "web_apis.HTMLElement prototype own names": "jscell defines the members pages use, not every member of Chrome's interfaces",
    "web_apis.HTMLCanvasElement call without new": "interface objects answer a call without new with the constructible wording",
    "web_apis.HTMLCanvasElement prototype own names": "jscell defines the members pages use, not every member of Chrome's interfaces",
    "web_apis.HTMLDivElement call without new": "interface objects answer a call without new with the constructible wording",
    "web_apis.HTMLDivElement prototype own names": "jscell defines the members pages use, not every member of Chrome's interfaces",
    "web_apis.EventTarget prototype own names": "jscell defines the members pages use, not every member of Chrome's interfaces",
    "web_apis.DOMException call without new": "interface objects answer a call without new with the constructible wording",
    "web_apis.DOMException prototype own names": "jscell defines the members pages use, not every member of Chrome's interfaces",
    "web_apis.Blob prototype own names": "jscell defines the members pages use, not every member of Chrome's interfaces",
    "web_apis.Request prototype own names": "jscell defines the members pages use, not every member of Chrome's interfaces",
    "web_apis.Response prototype own names": "jscell defines the members pages use, not every member of Chrome's interfaces",
    "web_apis.XMLHttpRequest prototype own names": "jscell defines the members pages use, not every member of Chrome's interfaces",
    "web_apis.URL prototype own names": "jscell defines the members pages use, not every member of Chrome's interfaces",
    "web_apis.URL statics": "jscell defines the members pages use, not every member of Chrome's interfaces",
    "web_apis.Crypto prototype own names": "jscell defines the members pages use, not every member of Chrome's interfaces",
    "web_apis.SubtleCrypto prototype own names": "jscell defines the members pages use, not every member of Chrome's interfaces",
    "web_apis.SubtleCrypto statics": "jscell defines the members pages use, not every member of Chrome's interfaces",
    "web_apis.Performance prototype own names": "jscell defines the members pages use, not every member of Chrome's interfaces",
    "web_apis.Notification prototype own names": "jscell defines the members pages use, not every member of Chrome's interfaces",
    "web_apis.Notification statics": "jscell defines the members pages use, not every member of Chrome's interfaces",
    "web_apis.CSSStyleDeclaration prototype own names": "jscell defines the members pages use, not every member of Chrome's interfaces",
    "web_apis.Image signature": "the interface does not exist in jscell",
    "web_apis.Image new without arguments": "the interface does not exist in jscell",
    "web_apis.Image call without new": "interface objects answer a call without new with the constructible wording",
    "web_apis.Image prototype": "the interface does not exist in jscell",
    "web_apis.Image prototype own names": "jscell defines the members pages use, not every member of Chrome's interfaces",
    "web_apis.Image statics": "jscell defines the members pages use, not every member of Chrome's interfaces",
    "web_apis.MessageChannel signature": "the interface does not exist in jscell",
    "web_apis.MessageChannel new without arguments": "the interface does not exist in jscell",
    "web_apis.MessageChannel call without new": "interface objects answer a call without new with the constructible wording",
    "web_apis.MessageChannel prototype": "the interface does not exist in jscell",
    "web_apis.MessageChannel prototype own names": "jscell defines the members pages use, not every member of Chrome's interfaces",
    "web_apis.MessageChannel statics": "jscell defines the members pages use, not every member of Chrome's interfaces",
    "web_apis.WebSocket signature": "the interface does not exist in jscell",
    "web_apis.WebSocket new without arguments": "the interface does not exist in jscell",
    "web_apis.WebSocket call without new": "interface objects answer a call without new with the constructible wording",
    "web_apis.WebSocket prototype": "the interface does not exist in jscell",
    "web_apis.WebSocket prototype own names": "jscell defines the members pages use, not every member of Chrome's interfaces",
    "web_apis.WebSocket statics": "jscell defines the members pages use, not every member of Chrome's interfaces",
    "web_apis.Worker signature": "the interface does not exist in jscell",
    "web_apis.Worker new without arguments": "the interface does not exist in jscell",
    "web_apis.Worker call without new": "interface objects answer a call without new with the constructible wording",
    "web_apis.Worker prototype": "the interface does not exist in jscell",
    "web_apis.Worker prototype own names": "jscell defines the members pages use, not every member of Chrome's interfaces",
    "web_apis.Worker statics": "jscell defines the members pages use, not every member of Chrome's interfaces",
    "web_apis.btoa outside Latin1": "jscell's atob/btoa words its errors differently and converts a missing argument",
    "web_apis.atob invalid": "jscell's atob/btoa words its errors differently and converts a missing argument",
    "web_apis.atob bad length": "jscell's atob/btoa words its errors differently and converts a missing argument",
    "web_apis.btoa without argument": "jscell's atob/btoa words its errors differently and converts a missing argument",
    "web_apis.DOMException": "QuickJS's DOMException differs in member order and call without new",
    "web_apis.console": "performance and console are plain objects, not Performance/console interfaces",
    "web_apis.performance": "performance and console are plain objects, not Performance/console interfaces",
    "detection.toString of a bound native": "QuickJS prints bound and proxied functions with their name",
    "detection.toString of a proxied native": "QuickJS prints bound and proxied functions with their name",
    "detection.suspicious window keys": "the never_jscore compatibility globals ($return, __neverjscore_return__, ...) are on the global",
    "detection.error stack from native callback": "QuickJS error stacks have no 'Error: message' first line and stack is not an own property",
    "detection.stack of error thrown by a native": "QuickJS error stacks have no 'Error: message' first line and stack is not an own property",
    "detection.WebAssembly present": "QuickJS has no WebAssembly and keeps SharedArrayBuffer",
    "detection.SharedArrayBuffer present": "QuickJS has no WebAssembly and keeps SharedArrayBuffer",
    "web_apis.URLSearchParams prototype own names": "jscell's URLSearchParams declares its members in another order",
    "web_apis.getRandomValues float array": "jscell's TypeMismatchError message differs from Chrome's",
    "web_apis.subtle.digest MD5": "jscell's SubtleCrypto words its NotSupportedError without Chrome's prefix",
    "web_apis.navigation entries": "performance has no getEntriesByType (no PerformanceNavigationTiming)",
}


def comparable(answer: Any) -> Any:
    """What of an answer must match: a machine-dependent value only by its shape."""
    if isinstance(answer, dict) and answer.get("machine_dependent") is True:
        return {"machine_dependent": True, "shape": answer.get("shape")}
    return answer


@pytest.fixture(scope="module")
def answers() -> dict[str, Any]:
    settings = {key: value for key, value in CHROME["browser"].items() if key != "html"}
    with jscell.Context(browser=settings, timeout=60) as ctx:
        result = ctx.evaluate(PROBE_SOURCE)
    assert isinstance(result, dict)
    return result


def test_known_differences_name_recorded_probes() -> None:
    assert set(KNOWN_DIFFERENCES) <= set(CHROME["probes"])


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(name, id=name, marks=pytest.mark.xfail(reason=KNOWN_DIFFERENCES[name], strict=True))
        if name in KNOWN_DIFFERENCES
        else pytest.param(name, id=name)
        for name in CHROME["probes"]
    ],
)
def test_probe_matches_chrome(name: str, answers: dict[str, Any]) -> None:
    chrome = CHROME["probes"][name]
    got = answers.get(name, {"missing": "jscell produced no answer"})
    assert comparable(got) == comparable(chrome), (
        f"{name}\n  chrome: {json.dumps(chrome, ensure_ascii=False)}\n  jscell: {json.dumps(got, ensure_ascii=False)}"
    )
