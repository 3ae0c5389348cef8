"""What the web platform does with the host: requests answered by Python (`Context(on_request=...)`), storage
read and replaced from Python, and jscell's own functions looking like a browser's native ones."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

import jscell


def test_on_request_answers_fetch_with_what_python_returns() -> None:
    seen: list[dict[str, Any]] = []

    def serve(request: dict[str, Any]) -> dict[str, Any]:
        seen.append(request)
        return {"status": 201, "headers": {"Content-Type": "application/json", "X-Token": "t1"}, "body": '{"ok": 1}'}

    with jscell.Context(on_request=serve) as ctx:
        answer = ctx.evaluate(
            "fetch('https://api.example/sign?x=1#frag', {method: 'POST', body: 'a=1', headers: {'X-Sign': 'abc'}})"
            ".then(async (r) => [r.status, r.ok, r.headers.get('x-token'), await r.json(), r.url])"
        )
    assert answer == [201, True, "t1", {"ok": 1}, "https://api.example/sign?x=1"]
    assert seen == [
        {
            "method": "POST",
            "url": "https://api.example/sign?x=1",
            "headers": {"X-Sign": "abc", "Content-Type": "text/plain;charset=UTF-8"},
            "body": b"a=1",
        }
    ]


def test_on_request_answers_xml_http_request_and_keeps_the_send_hook_pattern() -> None:
    def serve(request: dict[str, Any]) -> dict[str, Any]:
        return {"status": 200, "headers": [("content-type", "text/plain")], "body": b"pong:" + (request["body"] or b"")}

    with jscell.Context(on_request=serve) as ctx:
        # never_jscore's reverse-engineering pattern: wrap send, note the request, let it go on.
        ctx.compile(
            "const sent = []; const send = XMLHttpRequest.prototype.send;"
            " XMLHttpRequest.prototype.send = function (body) { sent.push(body); return send.call(this, body) };"
        )
        answer = ctx.evaluate(
            "new Promise((resolve) => { const x = new XMLHttpRequest(); x.open('POST', 'https://e.example/p');"
            " x.onload = () => resolve([x.readyState, x.status, x.responseText, x.getResponseHeader('Content-Type'),"
            " sent]); x.onerror = () => resolve('error'); x.send('ping'); })"
        )
    assert answer == [4, 200, "pong:ping", "text/plain", ["ping"]]


def test_an_async_on_request_runs_on_the_awaiting_loop() -> None:
    async def serve(request: dict[str, Any]) -> dict[str, Any]:
        await asyncio.sleep(0.001)
        return {"body": bytes([1, 2, 255])}

    async def main() -> Any:
        with jscell.Context(on_request=serve) as ctx:
            return await ctx.evaluate_async(
                "fetch('https://a.example/').then((r) => r.arrayBuffer()).then((b) => [...new Uint8Array(b)])"
            )

    assert asyncio.run(main()) == [1, 2, 255]


def test_an_error_in_on_request_rejects_the_fetch_and_reaches_python() -> None:
    def serve(request: dict[str, Any]) -> dict[str, Any]:
        raise LookupError("no recording for " + request["url"])

    with jscell.Context(on_request=serve) as ctx:
        assert ctx.evaluate("fetch('https://x.example/').then(() => 'ok', (e) => e.name)") == "PythonError"
        with pytest.raises(LookupError, match=r"no recording for https://x\.example/"):
            ctx.evaluate("fetch('https://x.example/')")


def test_a_bad_answer_is_a_type_error_in_js() -> None:
    with jscell.Context(on_request=lambda request: "not a dict") as ctx:
        assert ctx.evaluate("fetch('https://x.example/').then(() => 'ok', (e) => e.name + ': ' + e.message)") == (
            "TypeError: on_request must return a dict with the response (status, headers, body)"
        )


def test_on_request_is_out_of_page_codes_reach() -> None:
    with jscell.Context(on_request=lambda request: {"body": "x"}) as ctx:
        names = ctx.evaluate("Reflect.ownKeys(globalThis).map(String)")
        assert not [name for name in names if "hostRequest" in name or "\x00" in name]
        assert list(ctx.globals) == []
        # Replacing what page code can reach does not reach the host's function either.
        ctx.compile("globalThis.hostRequest = () => { throw new Error('page code') }")
        assert ctx.evaluate("fetch('https://x.example/').then((r) => r.text())") == "x"


def test_on_request_must_be_callable() -> None:
    with pytest.raises(TypeError, match="on_request must be a callable"):
        jscell.Context(on_request=42)  # type: ignore[arg-type]


def test_storage_is_read_and_replaced_from_python() -> None:
    with jscell.Context() as ctx:
        ctx.local_storage = {"token": "abc", "n": 1}
        ctx.session_storage = {"s": "1"}
        assert ctx.evaluate(
            "[localStorage.token, localStorage.getItem('n'), localStorage.length, sessionStorage.s]"
        ) == [
            "abc",
            "1",
            2,
            "1",
        ]
        ctx.compile("localStorage.visited = 'yes'; localStorage.removeItem('n')")
        assert ctx.local_storage == {"token": "abc", "visited": "yes"}
        ctx.local_storage = {}
        assert ctx.evaluate("localStorage.length") == 0
        # Page code cannot hide the real items from the host by replacing the global.
        ctx.compile("localStorage.setItem('kept', '1'); globalThis.localStorage = { length: 0, key() {} }")
        assert ctx.local_storage == {"kept": "1"}
    with jscell.Context() as other:
        assert other.local_storage == {}, "each context has storage of its own"


@pytest.mark.parametrize(
    ("expression", "text"),
    [
        ("fetch", "function fetch() { [native code] }"),
        ("TextEncoder", "function TextEncoder() { [native code] }"),
        ("Object.getOwnPropertyDescriptor(URL.prototype, 'href').get", "function get href() { [native code] }"),
        ("Object.getOwnPropertyDescriptor(globalThis, 'crypto').get", "function get crypto() { [native code] }"),
        ("crypto.subtle.digest", "function digest() { [native code] }"),
        ("EventTarget.prototype.addEventListener", "function addEventListener() { [native code] }"),
        ("Math.max", "function max() { [native code] }"),
        ("setTimeout", "function setTimeout() { [native code] }"),
    ],
)
def test_platform_functions_print_as_native_code(expression: str, text: str) -> None:
    with jscell.Context() as ctx:
        assert ctx.evaluate(f"Function.prototype.toString.call({expression})") == text


def test_page_functions_still_print_their_source() -> None:
    # Self-defending obfuscated code compares a function's source with itself.
    with jscell.Context() as ctx:
        ctx.compile("function sign(a) { return a + 1 }")
        assert ctx.evaluate("sign.toString()") == "function sign(a) { return a + 1 }"
        assert ctx.evaluate("(class K { m() {} }).toString()") == "class K { m() {} }"


def test_a_page_style_signature_runs_without_a_prelude() -> None:
    script = """
    async function sign(payload) {
        const params = new URLSearchParams({ q: payload.q, t: String(payload.t) });
        params.sort();
        const url = new URL('/api/search?' + params, 'https://www.example.com/');
        const data = new TextEncoder().encode(url.pathname + url.search);
        const digest = await crypto.subtle.digest('SHA-256', data);
        const key = await crypto.subtle.importKey('raw', new TextEncoder().encode('secret'),
            { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
        const mac = new Uint8Array(await crypto.subtle.sign('HMAC', key, digest));
        return btoa(String.fromCharCode(...mac)).replace(/=+$/, '');
    }
    """
    with jscell.Context() as ctx:
        ctx.compile(script)
        ours = ctx.call("sign", [{"q": "a b", "t": 7}])
    import hashlib
    import hmac
    from base64 import b64encode

    digest = hashlib.sha256(b"/api/search?q=a+b&t=7").digest()
    expected = b64encode(hmac.new(b"secret", digest, "sha256").digest()).decode().rstrip("=")
    assert ours == expected
