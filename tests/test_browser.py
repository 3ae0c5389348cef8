"""The opt-in browser environment: `jscell.Context(browser=True)` or `browser={...overrides}`.

The environment is engine-wasm/js/browser/: built with the image, installed on the global object by
`native.installBrowser(config)` only when a Context asks for it. These tests check what page code sees (the
global's identity and prototype chain, navigator, location, history, document and its cookie jar) and what the
host reads back (`ctx.browser_navigations`, `ctx.cookies`).
"""

from __future__ import annotations

from typing import Any

import pytest

import jscell

CHROME_UA = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36"
)


@pytest.fixture
def page() -> Any:
    with jscell.Context(browser=True) as ctx:
        yield ctx


def browser(**overrides: Any) -> jscell.Context:
    return jscell.Context(browser=overrides)


def test_context_without_browser_has_no_window() -> None:
    with jscell.Context() as ctx:
        assert ctx.evaluate("[typeof window, typeof document, typeof navigator, typeof location]") == ["undefined"] * 4
        assert ctx.evaluate("Object.prototype.toString.call(globalThis)") != "[object Window]"


def test_global_is_the_window(page: jscell.Context) -> None:
    assert (
        page.evaluate(
            "[window === globalThis, self === window, top === window, parent === window, frames === window, "
            "window.window === window]"
        )
        == [True] * 6
    )
    assert page.evaluate("Object.prototype.toString.call(window)") == "[object Window]"
    chain = page.evaluate("""
        const names = [];
        for (let p = Object.getPrototypeOf(window); p !== null; p = Object.getPrototypeOf(p)) {
          names.push(Object.hasOwn(p, 'constructor') ? p.constructor.name : Object.prototype.toString.call(p));
        }
        names
    """)
    assert chain == ["Window", "[object WindowProperties]", "EventTarget", "Object"]
    assert page.evaluate("window instanceof Window && window instanceof EventTarget") is True


def test_window_accessors_look_like_chromes(page: jscell.Context) -> None:
    window_desc = page.evaluate(
        "const d = Object.getOwnPropertyDescriptor(window, 'window'); [typeof d.get, d.set, d.configurable]"
    )
    assert window_desc == ["function", None, False]
    assert page.evaluate("delete window.document") is False
    assert page.evaluate("window.navigator = 1; typeof navigator") == "object"
    # [Replaceable]: assigning replaces the accessor with the value.
    assert page.evaluate("innerWidth = 5; innerWidth") == 5
    assert page.evaluate("window.name = 42; [typeof name, name]") == ["string", "42"]


def test_window_events_and_handlers(page: jscell.Context) -> None:
    assert page.evaluate("""
        const seen = [];
        window.addEventListener('ping', (e) => seen.push(e.type));
        window.onping = null;
        window.onload = () => seen.push('load');
        window.dispatchEvent(new Event('ping'));
        window.dispatchEvent(new Event('load'));
        [seen, typeof window.onload]
    """) == [["ping", "load"], "function"]


def test_navigator_defaults(page: jscell.Context) -> None:
    values = page.evaluate("""({
        userAgent: navigator.userAgent, appVersion: navigator.appVersion, platform: navigator.platform,
        language: navigator.language, languages: navigator.languages, vendor: navigator.vendor,
        product: navigator.product, productSub: navigator.productSub, webdriver: navigator.webdriver,
        hardwareConcurrency: navigator.hardwareConcurrency, deviceMemory: navigator.deviceMemory,
        plugins: navigator.plugins.length, mimeTypes: navigator.mimeTypes.length, doNotTrack: navigator.doNotTrack,
        frozen: Object.isFrozen(navigator.languages), own: Object.getOwnPropertyNames(navigator),
        brands: navigator.userAgentData.brands.map((b) => b.brand + ' ' + b.version),
    })""")
    assert values == {
        "userAgent": CHROME_UA,
        "appVersion": CHROME_UA[len("Mozilla/") :],
        "platform": "Win32",
        "language": "en-US",
        "languages": ["en-US", "en"],
        "vendor": "Google Inc.",
        "product": "Gecko",
        "productSub": "20030107",
        "webdriver": False,
        "hardwareConcurrency": 8,
        "deviceMemory": 8,
        "plugins": 5,
        "mimeTypes": 2,
        "doNotTrack": None,
        "frozen": True,
        "own": [],
        "brands": ["Google Chrome 156", "Chromium 156", "Not_A Brand 24"],
    }


def test_navigator_members_are_prototype_accessors(page: jscell.Context) -> None:
    desc = page.evaluate("""
        const d = Object.getOwnPropertyDescriptor(Navigator.prototype, 'userAgent');
        [d.get.name, d.set, d.enumerable, d.configurable, Object.hasOwn(d.get, 'prototype')]
    """)
    assert desc == ["get userAgent", None, True, True, False]
    with pytest.raises(jscell.JSError, match="Illegal invocation"):
        page.evaluate("Object.getOwnPropertyDescriptor(Navigator.prototype, 'userAgent').get.call({})")
    with pytest.raises(jscell.JSError, match="Failed to construct 'Navigator': Illegal constructor"):
        page.evaluate("new Navigator()")


def test_overrides_change_navigator_and_screen() -> None:
    ua = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36"
    with browser(
        user_agent=ua,
        platform="MacIntel",
        languages=["de-DE", "de"],
        hardware_concurrency=4,
        screen={"width": 1440, "height": 900},
        device_pixel_ratio=2,
    ) as ctx:
        assert ctx.evaluate(
            "[navigator.userAgent, navigator.platform, navigator.language, navigator.hardwareConcurrency, "
            "screen.width, screen.height, screen.availHeight, devicePixelRatio, navigator.userAgentData.platform, "
            "navigator.userAgentData.brands[0].version]"
        ) == [ua, "MacIntel", "de-DE", 4, 1440, 900, 1040, 2, "macOS", "120"]


def test_unknown_setting_is_refused() -> None:
    with pytest.raises((TypeError, jscell.JSError), match="bogus"):
        jscell.Context(browser={"bogus": 1})


def test_location_from_url() -> None:
    with browser(url="https://shop.example.org:8443/a/b?q=1#top") as ctx:
        assert ctx.evaluate(
            "[location.href, location.origin, location.protocol, location.host, location.hostname, location.port, "
            "location.pathname, location.search, location.hash, String(location), document.URL, document.domain, "
            "origin]"
        ) == [
            "https://shop.example.org:8443/a/b?q=1#top",
            "https://shop.example.org:8443",
            "https:",
            "shop.example.org:8443",
            "shop.example.org",
            "8443",
            "/a/b",
            "?q=1",
            "#top",
            "https://shop.example.org:8443/a/b?q=1#top",
            "https://shop.example.org:8443/a/b?q=1#top",
            "shop.example.org",
            "https://shop.example.org:8443",
        ]
        # Location's members are own, unforgeable properties, as in Chrome.
        assert ctx.evaluate("Object.getOwnPropertyDescriptor(location, 'href').configurable") is False


def test_navigations_are_recorded_not_followed(page: jscell.Context) -> None:
    page.evaluate("location.href = '/next?a=1'; location.assign('https://other.example/'); location.replace('x')")
    assert page.browser_navigations == [
        "https://www.example.com/next?a=1",
        "https://other.example/",
        "https://www.example.com/x",
    ]
    assert page.evaluate("location.href") == "https://www.example.com/"
    # A fragment-only change moves the page, as in a browser, and is not a navigation.
    assert page.evaluate("location.hash = 'part'; [location.href, history.length]") == [
        "https://www.example.com/#part",
        2,
    ]
    assert len(page.browser_navigations) == 3


def test_history_push_and_replace_state(page: jscell.Context) -> None:
    assert page.evaluate("""
        history.pushState({ s: 1 }, '', '/p?x=2');
        const pushed = [location.href, history.state, history.length];
        history.replaceState(null, '', '/q');
        [pushed, location.pathname, history.state, history.length]
    """) == [["https://www.example.com/p?x=2", {"s": 1}, 2], "/q", None, 2]
    with pytest.raises(jscell.JSError, match="SecurityError"):
        page.evaluate("history.pushState(null, '', 'https://elsewhere.example.org/')")


def test_document_tree(page: jscell.Context) -> None:
    with browser(title="Hello") as ctx:
        assert ctx.evaluate("document.documentElement.outerHTML") == (
            "<html><head><title>Hello</title></head><body></body></html>"
        )
        assert ctx.evaluate(
            "[document.title, document.doctype.name, document.readyState, document.characterSet, "
            "document.compatMode, document.contentType, document.visibilityState, document.hidden, "
            "Object.prototype.toString.call(document), document.defaultView === window]"
        ) == [
            "Hello",
            "html",
            "complete",
            "UTF-8",
            "CSS1Compat",
            "text/html",
            "visible",
            False,
            "[object HTMLDocument]",
            True,
        ]
        assert ctx.evaluate(
            "document.title = '  A   b '; [document.title, document.querySelector('title').textContent]"
        ) == [
            "A b",
            "  A   b ",
        ]


def test_create_element_and_query(page: jscell.Context) -> None:
    assert page.evaluate("""
        const d = document.createElement('div');
        d.id = 'box';
        d.className = 'a b';
        d.innerHTML = '<span class="c">one</span><p class="c">two</p>';
        d.style.color = 'red';
        document.body.appendChild(d);
        const r = {
          byId: document.getElementById('box') === d,
          query: document.querySelector('#box > .c').textContent,
          all: document.querySelectorAll('div .c').length,
          byClass: document.getElementsByClassName('c').length,
          byTag: document.getElementsByTagName('span').length,
          classList: d.classList.contains('b'),
          style: d.style.color,
          unsetStyle: d.style.fontSize,
          inner: d.innerHTML,
          text: d.textContent,
          tags: ['canvas', 'script', 'a', 'iframe', 'foo-bar', 'foo'].map((t) =>
            Object.prototype.toString.call(document.createElement(t))),
        };
        d.remove();
        r.removed = document.getElementById('box');
        r
    """) == {
        "byId": True,
        "query": "one",
        "all": 2,
        "byClass": 2,
        "byTag": 1,
        "classList": True,
        "style": "red",
        "unsetStyle": "",
        "inner": '<span class="c">one</span><p class="c">two</p>',
        "text": "onetwo",
        "tags": [
            "[object HTMLCanvasElement]",
            "[object HTMLScriptElement]",
            "[object HTMLAnchorElement]",
            "[object HTMLIFrameElement]",
            "[object HTMLElement]",
            "[object HTMLUnknownElement]",
        ],
        "removed": None,
    }
    with pytest.raises(jscell.JSError, match="is not a valid selector"):
        page.evaluate("document.querySelector('!!')")
    with pytest.raises(jscell.JSError, match="InvalidCharacterError"):
        page.evaluate("document.createElement('1bad')")


def test_anchor_parses_its_href(page: jscell.Context) -> None:
    assert page.evaluate("""
        const a = document.createElement('a');
        a.href = '/docs/page?x=1#h';
        [a.href, a.hostname, a.pathname, a.search, a.hash]
    """) == ["https://www.example.com/docs/page?x=1#h", "www.example.com", "/docs/page", "?x=1", "#h"]


def test_canvas_has_no_context(page: jscell.Context) -> None:
    assert page.evaluate(
        "const c = document.createElement('canvas'); [c.width, c.height, c.getContext('2d'), c.getContext('webgl')]"
    ) == [300, 150, None, None]


def test_cookies_from_config_and_script() -> None:
    with browser(url="https://www.example.com/shop/cart", cookie="sid=abc; theme=dark") as ctx:
        assert ctx.evaluate("document.cookie") == "sid=abc; theme=dark"
        ctx.evaluate("document.cookie = 'local=1'")  # default path: /shop
        ctx.evaluate("document.cookie = 'other=1; path=/elsewhere'")
        ctx.evaluate("document.cookie = 'h=1; httponly'")
        ctx.evaluate("document.cookie = 'foreign=1; domain=other.example.org'")
        # Longer paths first, then older first; a cookie for another path is kept but not sent here.
        assert ctx.evaluate("document.cookie") == "local=1; sid=abc; theme=dark"
        jar = {c["name"]: c for c in ctx.cookies}
        assert set(jar) == {"sid", "theme", "local", "other"}
        assert jar["local"]["path"] == "/shop"
        assert jar["sid"] == {"name": "sid", "value": "abc", "path": "/", "domain": "www.example.com", "expires": None}


def test_cookie_expiry_and_deletion(page: jscell.Context) -> None:
    page.evaluate("document.cookie = 'a=1; path=/'; document.cookie = 'b=2; max-age=3600'")
    assert page.evaluate("document.cookie") == "a=1; b=2"
    assert next(c for c in page.cookies if c["name"] == "b")["expires"] is not None
    page.evaluate("document.cookie = 'a=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/'")
    page.evaluate("document.cookie = 'b=; max-age=0'")
    assert page.evaluate("document.cookie") == ""
    assert page.cookies == []
    page.evaluate("document.cookie = 'c=1'; document.cookie = 'c=2'")
    assert page.evaluate("document.cookie") == "c=2"


def test_match_media_and_animation_frames(page: jscell.Context) -> None:
    assert page.evaluate(
        "[matchMedia('(MIN-WIDTH:100px)').media, matchMedia('(min-width: 1000px)').matches, "
        "matchMedia('print').matches, matchMedia('(prefers-color-scheme: dark)').matches]"
    ) == ["(min-width: 100px)", True, False, False]
    assert page.evaluate("new Promise((resolve) => requestAnimationFrame((t) => resolve(typeof t)))") == "number"
    assert page.evaluate("getComputedStyle(document.body).display") == "block"
