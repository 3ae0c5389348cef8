#!/usr/bin/env python3
"""Record a real Chrome's answers to jscell's browser probes and page corpus: the oracle for Context(browser=...).

This script owns the recordings `tests/data/chrome_probes.json`, `tests/data/chrome_pages.json` and
`tests/data/chrome_encodings.json`. It starts a
headless Chromium with a fresh profile, talks to it over the DevTools protocol through a pipe
(`--remote-debugging-pipe`: NUL-separated JSON on file descriptors 3 and 4, so only the standard library is
needed), and serves every request itself with the protocol's `Fetch` interception. Nothing leaves the machine,
yet the page really is `https://www.example.com/path/page?x=1#frag`: a secure context on that origin, with its
cookies, storage and `location`.

The browser is made to look like the desktop Chrome jscell imitates: a Windows user agent (with this Chrome's
major version), `navigator.platform` "Win32", user-agent client hints for Windows, en-US, UTC, a cookie and a
referrer. The same settings are written to the recordings' `browser` header so the tests give jscell the same
input.

    python3 scripts/record_chrome_probes.py              # both recordings
    python3 scripts/record_chrome_probes.py probes       # tests/data/chrome_probes.json
    python3 scripts/record_chrome_probes.py pages        # tests/data/chrome_pages.json
    python3 scripts/record_chrome_probes.py encodings    # tests/data/chrome_encodings.json
    python3 scripts/record_chrome_probes.py probes --print   # print the answers, write nothing

Needs Debian's `chromium` (`apt-get install chromium`) or `--chrome PATH` to another Chrome or Chromium.
"""

from __future__ import annotations

import argparse
import base64
import datetime
import json
import os
import re
import select
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parent.parent
PROBES_JS = ROOT / "tests" / "fixtures" / "browser_probes.js"
PAGES_DIR = ROOT / "tests" / "fixtures" / "pages"
PAGES_CASES = PAGES_DIR / "cases.json"
PROBES_OUT = ROOT / "tests" / "data" / "chrome_probes.json"
PAGES_OUT = ROOT / "tests" / "data" / "chrome_pages.json"
ENCODINGS_JS = ROOT / "tests" / "fixtures" / "encoding_probes.json"
ENCODINGS_OUT = ROOT / "tests" / "data" / "chrome_encodings.json"

PAGE_URL = "https://www.example.com/path/page?x=1#frag"
PAGE_TITLE = "Example Domain"
# The document every run loads. It is as small as a page can be, so the environment under test can build the
# same tree: a doctype, <html>, <head> with the title, an empty <body>.
PAGE_HTML = f"<!DOCTYPE html><html><head><title>{PAGE_TITLE}</title></head><body></body></html>"
COOKIES = [("sid", "abc123"), ("theme", "dark")]
REFERRER = "https://www.google.com/"
LANGUAGES = ["en-US", "en"]
TIMEZONE = "UTC"
PLATFORM = "Win32"

# Flags for a quiet, isolated, reproducible headless run. --disable-blink-features=AutomationControlled makes
# navigator.webdriver false, as in a Chrome a person started; the user agent and client hints are set over the
# protocol instead of with --user-agent so that navigator.platform and navigator.userAgentData match them.
CHROME_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-default-apps",
    "--disable-blink-features=AutomationControlled",
    "--lang=en-US",
    # A 1920x1080 screen with a 40-pixel taskbar and a maximised window on it, as on a common Windows desktop
    # (headless Chrome's own default is an 800x600 screen smaller than its window).
    "--screen-info={1920x1080 workAreaBottom=40}",
    "--window-position=0,0",
    "--window-size=1920,1040",
    "--remote-debugging-pipe",
]

PROTOCOL_TIMEOUT = 60.0


class ChromeError(RuntimeError):
    """Chrome failed to start, answered a command with an error, or did not answer in time."""


def find_chrome(explicit: str | None) -> str:
    """The Chrome binary to run: `explicit`, else Debian's real binary (not its wrapper script, which adds
    flags and extensions of its own), else whatever `chromium` or `google-chrome` is on PATH."""
    if explicit:
        return explicit
    for candidate in ("/usr/lib/chromium/chromium",):
        if os.access(candidate, os.X_OK):
            return candidate
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    raise ChromeError("no Chrome found: install Debian's chromium (apt-get install chromium) or pass --chrome")


class Chrome:
    """One headless Chrome process and its DevTools protocol connection over a pipe."""

    def __init__(self, binary: str) -> None:
        self.profile = tempfile.mkdtemp(prefix="jscell-chrome-profile-")
        self.command = [binary, *CHROME_FLAGS, f"--user-data-dir={self.profile}", "about:blank"]
        to_chrome_r, self._to_chrome = os.pipe()
        self._from_chrome, from_chrome_w = os.pipe()

        def wire_pipes() -> None:
            # Chrome reads commands from fd 3 and writes answers to fd 4.
            os.dup2(to_chrome_r, 3)
            os.dup2(from_chrome_w, 4)

        # Chrome's own log, shown when it dies; it lives as long as the process and close() closes it.
        self._log = tempfile.TemporaryFile()  # noqa: SIM115
        env = dict(os.environ, TZ=TIMEZONE, LANG="en_US.UTF-8")
        self.process = subprocess.Popen(
            self.command,
            stdin=subprocess.DEVNULL,
            stdout=self._log,
            stderr=self._log,
            preexec_fn=wire_pipes,
            pass_fds=(3, 4),
            env=env,
        )
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self._buffer = b""
        self._next_id = 0
        self._events: list[dict[str, Any]] = []
        self._handlers: dict[str, Callable[[dict[str, Any]], None]] = {}

    def close(self) -> None:
        try:
            if self.process.poll() is None:
                try:
                    self.call("Browser.close", timeout=10)
                except ChromeError:
                    pass
                try:
                    self.process.wait(10)
                except subprocess.TimeoutExpired:
                    self.process.kill()
                    self.process.wait()
        finally:
            os.close(self._to_chrome)
            os.close(self._from_chrome)
            self._log.close()
            shutil.rmtree(self.profile, ignore_errors=True)

    def log_tail(self) -> str:
        self._log.seek(0)
        return self._log.read().decode("utf-8", "replace")[-2000:]

    def send(self, method: str, params: dict[str, Any] | None = None, session: str | None = None) -> int:
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        data = json.dumps(message).encode() + b"\0"
        while data:
            written = os.write(self._to_chrome, data)
            data = data[written:]
        return self._next_id

    def _read_message(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                raise ChromeError("Chrome did not answer in time")
            ready, _, _ = select.select([self._from_chrome], [], [], left)
            if not ready:
                continue
            chunk = os.read(self._from_chrome, 1 << 20)
            if not chunk:
                raise ChromeError(f"Chrome closed the protocol pipe; its log ends with:\n{self.log_tail()}")
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(raw)

    def _dispatch(self, message: dict[str, Any]) -> None:
        handler = self._handlers.get(message.get("method", ""))
        if handler is not None:
            handler(message)
        else:
            self._events.append(message)

    def on(self, method: str, handler: Callable[[dict[str, Any]], None]) -> None:
        """Handle every `method` event as soon as it arrives (also while waiting for a command's answer:
        a navigation does not finish until its intercepted requests are answered)."""
        self._handlers[method] = handler

    def call(
        self,
        method: str,
        params: dict[str, Any] | None = None,
        session: str | None = None,
        timeout: float = PROTOCOL_TIMEOUT,
    ) -> dict[str, Any]:
        wanted = self.send(method, params, session)
        deadline = time.monotonic() + timeout
        while True:
            message = self._read_message(deadline)
            if message.get("id") == wanted:
                if "error" in message:
                    raise ChromeError(f"{method} failed: {message['error']}")
                return message.get("result", {})
            if "method" in message:
                self._dispatch(message)

    def wait_event(self, method: str, session: str | None = None, timeout: float = PROTOCOL_TIMEOUT) -> dict:
        deadline = time.monotonic() + timeout
        while True:
            for i, event in enumerate(self._events):
                if event.get("method") == method and (session is None or event.get("sessionId") == session):
                    return self._events.pop(i)
            message = self._read_message(deadline)
            if "method" in message:
                self._dispatch(message)


def browser_settings(chrome: Chrome) -> dict[str, Any]:
    """What the page is told about the browser: the same dict goes into the recordings' header."""
    version = chrome.call("Browser.getVersion")
    major = re.search(r"/(\d+)\.", version["product"]).group(1)
    user_agent = (
        f"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
        f"Chrome/{major}.0.0.0 Safari/537.36"
    )
    return {
        "url": PAGE_URL,
        "user_agent": user_agent,
        "platform": PLATFORM,
        "languages": LANGUAGES,
        "cookie": "; ".join(f"{name}={value}" for name, value in COOKIES),
        "referrer": REFERRER,
        "title": PAGE_TITLE,
        "html": PAGE_HTML,
        "timezone": TIMEZONE,
        "chrome_major": int(major),
    }


def client_hints(settings: dict[str, Any]) -> dict[str, Any]:
    major = str(settings["chrome_major"])
    brands = [
        {"brand": "Google Chrome", "version": major},
        {"brand": "Chromium", "version": major},
        {"brand": "Not_A Brand", "version": "24"},
    ]
    return {
        "brands": brands,
        "fullVersionList": [{"brand": b["brand"], "version": b["version"] + ".0.0.0"} for b in brands],
        "platform": "Windows",
        "platformVersion": "15.0.0",
        "architecture": "x86",
        "model": "",
        "mobile": False,
        "bitness": "64",
        "wow64": False,
    }


class Page:
    """A tab in a browser context of its own (fresh cookies and storage), showing PAGE_URL."""

    def __init__(self, chrome: Chrome, settings: dict[str, Any]) -> None:
        self.chrome = chrome
        self.context_id = chrome.call("Target.createBrowserContext", {"disposeOnDetach": True})["browserContextId"]
        self.target_id = chrome.call("Target.createTarget", {"url": "", "browserContextId": self.context_id})[
            "targetId"
        ]
        self.session = chrome.call("Target.attachToTarget", {"targetId": self.target_id, "flatten": True})["sessionId"]
        # Answers for intercepted requests by URL without fragment; anything else is a 404.
        self._bodies = {PAGE_URL.split("#")[0]: ("text/html; charset=utf-8", settings["html"])}
        chrome.on("Fetch.requestPaused", self._fulfil)
        s = self.session
        chrome.call("Fetch.enable", {"patterns": [{"urlPattern": "*", "requestStage": "Request"}]}, s)
        chrome.call(
            "Emulation.setUserAgentOverride",
            {
                "userAgent": settings["user_agent"],
                "acceptLanguage": ",".join(settings["languages"]),
                "platform": settings["platform"],
                "userAgentMetadata": client_hints(settings),
            },
            s,
        )
        chrome.call("Emulation.setTimezoneOverride", {"timezoneId": settings["timezone"]}, s)
        chrome.call("Emulation.setLocaleOverride", {"locale": settings["languages"][0]}, s)
        origin = "https://" + PAGE_URL.split("/")[2] + "/"
        for pair in settings["cookie"].split("; "):
            name, _, value = pair.partition("=")
            chrome.call("Network.setCookie", {"name": name, "value": value, "url": origin, "path": "/"}, s)
        chrome.call("Page.enable", {}, s)
        chrome.call("Runtime.enable", {}, s)
        navigation = chrome.call("Page.navigate", {"url": settings["url"], "referrer": settings["referrer"]}, s)
        if navigation.get("errorText"):
            raise ChromeError(f"navigation failed: {navigation['errorText']}")
        chrome.wait_event("Page.loadEventFired", s)
        # The tab's first entry (the blank page it opened with) is dropped, so history.length is 1 as in a
        # page opened directly.
        chrome.call("Page.resetNavigationHistory", {}, s)

    def _fulfil(self, event: dict[str, Any]) -> None:
        if event.get("sessionId") != self.session:
            return
        params = event["params"]
        url = params["request"]["url"]
        content_type, body = self._bodies.get(url, ("text/plain", ""))
        self.chrome.send(
            "Fetch.fulfillRequest",
            {
                "requestId": params["requestId"],
                "responseCode": 200 if url in self._bodies else 404,
                "responseHeaders": [{"name": "Content-Type", "value": content_type}],
                "body": base64.b64encode(body.encode()).decode(),
            },
            self.session,
        )

    def evaluate(self, expression: str, timeout: float = PROTOCOL_TIMEOUT) -> Any:
        """The value of `expression`, run as a classic script in the page; a Promise is awaited.
        Raises ChromeError with the page's exception if it threw."""
        result = self.chrome.call(
            "Runtime.evaluate",
            {"expression": expression, "awaitPromise": True, "returnByValue": True},
            self.session,
            timeout=timeout,
        )
        if "exceptionDetails" in result:
            details = result["exceptionDetails"]
            text = details.get("exception", {}).get("description") or details.get("text")
            raise ChromeError(f"page script threw: {text}")
        return result["result"].get("value")

    def close(self) -> None:
        self.chrome.call("Target.closeTarget", {"targetId": self.target_id})
        self.chrome.call("Target.disposeBrowserContext", {"browserContextId": self.context_id})


@contextmanager
def running_chrome(binary: str) -> Iterator[Chrome]:
    chrome = Chrome(binary)
    try:
        yield chrome
    finally:
        chrome.close()


@contextmanager
def open_page(chrome: Chrome, settings: dict[str, Any]) -> Iterator[Page]:
    page = Page(chrome, settings)
    try:
        yield page
    finally:
        page.close()


def header(chrome: Chrome, settings: dict[str, Any], what: str) -> dict[str, Any]:
    version = chrome.call("Browser.getVersion")
    return {
        "what": what,
        "chrome": version["product"],
        "revision": version["revision"],
        "v8": version.get("jsVersion"),
        "native_user_agent": version["userAgent"],
        "command_line": chrome.command[:1]
        + [arg for arg in chrome.command[1:] if "user-data-dir" not in arg]
        + ["--user-data-dir=<fresh temporary directory>"],
        "setup": (
            "Each run is a new tab in a new browser context. Every request is answered through the DevTools "
            "Fetch domain, so the page is served as " + PAGE_URL + " with the html below; cookies are set with "
            "Network.setCookie, the user agent, platform, Accept-Language and client hints with "
            "Emulation.setUserAgentOverride, the time zone and locale with Emulation.setTimezoneOverride and "
            "setLocaleOverride, and the referrer is passed to Page.navigate. Scripts run after the load event "
            "through Runtime.evaluate (a classic script in the page's main world)."
        ),
        "recorded_on": datetime.date.today().isoformat(),
        "browser": {k: v for k, v in settings.items() if k != "chrome_major"},
    }


def record_probes(chrome: Chrome, settings: dict[str, Any]) -> dict[str, Any]:
    source = PROBES_JS.read_text(encoding="utf-8")
    with open_page(chrome, settings) as page:
        answers = page.evaluate(source, timeout=300)
    if not isinstance(answers, dict) or not answers:
        raise ChromeError(f"the probe file produced {answers!r}")
    machine = sorted(
        name for name, answer in answers.items() if isinstance(answer, dict) and answer.get("machine_dependent")
    )
    data = header(chrome, settings, "Answers of tests/fixtures/browser_probes.js in Chrome")
    data["count"] = len(answers)
    data["machine_dependent"] = machine
    data["probes"] = answers
    return data


# Run around each call of a page script's sign(): its answer, or what it threw, as JSON-safe data.
CALL_WRAPPER = """
(function (input) {
  function describe(e) {
    return { threw: (e && e.name !== undefined ? e.name + ': ' + e.message : 'non-error: ' + String(e)) };
  }
  try {
    return Promise.resolve(sign(input)).then(function (v) {
      return { value: v === undefined ? { $: 'undefined' } : v };
    }, describe);
  } catch (e) {
    return describe(e);
  }
})(%s)
"""


def record_pages(chrome: Chrome, settings: dict[str, Any]) -> dict[str, Any]:
    cases = json.loads(PAGES_CASES.read_text(encoding="utf-8"))
    pages: dict[str, Any] = {}
    for script_name, inputs in cases.items():
        source = (PAGES_DIR / script_name).read_text(encoding="utf-8")
        with open_page(chrome, settings) as page:
            # The script runs as the page's own classic script, after load, as in the probe run.
            page.evaluate(source + "\n;undefined")
            calls = []
            for value in inputs:
                answer = page.evaluate(CALL_WRAPPER % json.dumps(value))
                calls.append({"input": value, **answer})
        pages[script_name] = {"calls": calls}
    data = header(chrome, settings, "Results of sign(input) for each script in tests/fixtures/pages, in Chrome")
    data["pages"] = pages
    return data


def record_encodings(chrome: Chrome, settings: dict[str, Any]) -> dict[str, Any]:
    fixture = json.loads(ENCODINGS_JS.read_text(encoding="utf-8"))
    # Each probe's value, or "threw <name>": the form tests/test_web_oracle.py compares.
    program = (
        fixture["helpers"]
        + "\n("
        + json.dumps(fixture["probes"])
        + ").map((p) => { try { return (0, eval)(p); }"
        + " catch (e) { return 'threw ' + e.name; } })"
    )
    with open_page(chrome, settings) as page:
        answers = page.evaluate(program, timeout=300)
    data = header(chrome, settings, "Answers of tests/fixtures/encoding_probes.json in Chrome")
    data["answers"] = dict(zip(fixture["probes"], answers))
    return data


def write_json(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False, sort_keys=False) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("mode", nargs="?", default="all", choices=["all", "probes", "pages", "encodings"])
    parser.add_argument("--chrome", help="path to a Chrome or Chromium binary")
    parser.add_argument("--print", action="store_true", help="print the recording instead of writing it")
    args = parser.parse_args(argv)
    with running_chrome(find_chrome(args.chrome)) as chrome:
        settings = browser_settings(chrome)
        jobs = []
        if args.mode in ("all", "probes"):
            jobs.append((PROBES_OUT, record_probes))
        if args.mode in ("all", "pages"):
            jobs.append((PAGES_OUT, record_pages))
        if args.mode in ("all", "encodings"):
            jobs.append((ENCODINGS_OUT, record_encodings))
        for path, record in jobs:
            data = record(chrome, settings)
            if args.print:
                json.dump(data, sys.stdout, indent=1, ensure_ascii=False)
                print()
            else:
                write_json(path, data)
                print(f"wrote {path.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
