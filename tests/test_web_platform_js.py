"""The web platform written in JS (engine-wasm/js/web/): events, AbortController, Blob/File, FormData, Headers,
Request/Response, fetch, XMLHttpRequest, structuredClone and Storage.

Expected values are what Chrome answers (tests/data/chrome_probes.json) or, where Chrome was not recorded,
what node's built-ins answer; the shapes page code probes to tell a real browser from a fake (descriptors,
enumerability, @@toStringTag, function lengths, error types and messages) are asserted as well as behaviour.
"""

from __future__ import annotations

from typing import Any

import pytest

import jscell

NO_NETWORK = "fetch: no request leaves the sandbox; pass Context(on_request=...) to answer requests from Python"


def outcome(ctx: jscell.Context, code: str) -> Any:
    """The value of `code` (a Promise's result), or 'Name: message' of what it threw or rejected with."""
    wrapped = f"""(async () => {{
        try {{ return await (async () => {{ {code} }})(); }}
        catch (e) {{ return 'threw ' + e.name + ': ' + e.message; }}
    }})()"""
    return ctx.evaluate(wrapped)


# ---- WebIDL shapes ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("interface", "length"),
    [
        ("Event", 1),
        ("CustomEvent", 1),
        ("EventTarget", 0),
        ("AbortController", 0),
        ("AbortSignal", 0),
        ("Blob", 0),
        ("File", 2),
        ("FormData", 0),
        ("Headers", 0),
        ("Request", 1),
        ("Response", 0),
        ("XMLHttpRequest", 0),
        ("Storage", 0),
    ],
)
def test_interface_objects_are_shaped_like_chrome(ctx: jscell.Context, interface: str, length: int) -> None:
    shape = ctx.evaluate(f"""[
        {interface}.name, {interface}.length,
        Object.getOwnPropertyDescriptor(globalThis, '{interface}').enumerable,
        Object.getOwnPropertyDescriptor(globalThis, '{interface}').writable,
        Object.getOwnPropertyDescriptor({interface}, 'prototype').writable,
        Object.prototype.toString.call({interface}.prototype),
        Object.getOwnPropertyNames({interface}.prototype).at(-1),
    ]""")
    assert shape == [interface, length, False, True, False, f"[object {interface}]", "constructor"]


def test_members_are_enumerable_and_on_the_prototype(ctx: jscell.Context) -> None:
    code = """
    const d = (o, k) => { const x = Object.getOwnPropertyDescriptor(o, k); return [x.enumerable, x.configurable, 'value' in x ? x.writable : typeof x.get]; };
    [d(Event.prototype, 'type'), d(EventTarget.prototype, 'addEventListener'), d(Headers.prototype, 'append'),
     d(Blob.prototype, 'size'), d(AbortSignal, 'timeout'), d(Response, 'json'),
     Object.getOwnPropertyDescriptor(Headers.prototype, Symbol.toStringTag)]
    """
    assert ctx.evaluate(code) == [
        [True, True, "function"],
        [True, True, True],
        [True, True, True],
        [True, True, "function"],
        [True, True, True],
        [True, True, True],
        {"value": "Headers", "writable": False, "enumerable": False, "configurable": True},
    ]


def test_function_lengths_match_chrome(ctx: jscell.Context) -> None:
    code = """[EventTarget.prototype.addEventListener.length, EventTarget.prototype.dispatchEvent.length,
        fetch.length, structuredClone.length, Headers.prototype.append.length, FormData.prototype.append.length,
        Blob.prototype.slice.length, XMLHttpRequest.prototype.open.length, XMLHttpRequest.prototype.send.length,
        AbortSignal.timeout.length, AbortSignal.any.length, Response.json.length, Storage.prototype.setItem.length]"""
    assert ctx.evaluate(code) == [2, 1, 1, 1, 2, 2, 0, 2, 0, 1, 1, 1, 2]


def test_constants_on_interface_and_prototype(ctx: jscell.Context) -> None:
    code = """[Object.getOwnPropertyDescriptor(XMLHttpRequest, 'DONE'),
        Object.getOwnPropertyDescriptor(XMLHttpRequest.prototype, 'DONE'), Event.AT_TARGET, new Event('x').NONE]"""
    constant = {"value": 4, "writable": False, "enumerable": True, "configurable": False}
    assert ctx.evaluate(code) == [constant, constant, 2, 0]


def test_prototype_own_names_are_in_chromes_order(ctx: jscell.Context) -> None:
    assert ctx.evaluate("Object.getOwnPropertyNames(Event.prototype)") == [
        "type", "target", "currentTarget", "eventPhase", "bubbles", "cancelable", "defaultPrevented", "composed",
        "timeStamp", "srcElement", "returnValue", "cancelBubble", "NONE", "CAPTURING_PHASE", "AT_TARGET",
        "BUBBLING_PHASE", "composedPath", "initEvent", "preventDefault", "stopImmediatePropagation",
        "stopPropagation", "constructor",
    ]  # fmt: skip
    assert ctx.evaluate("Object.getOwnPropertyNames(AbortSignal)") == [
        "length", "name", "prototype", "abort", "any", "timeout",
    ]  # fmt: skip
    assert ctx.evaluate("Object.getOwnPropertyNames(Storage.prototype)") == [
        "length", "clear", "getItem", "key", "removeItem", "setItem", "constructor",
    ]  # fmt: skip


def test_prototype_chains(ctx: jscell.Context) -> None:
    code = """const chain = (o) => { const r = []; for (let p = Object.getPrototypeOf(o); p; p = Object.getPrototypeOf(p)) r.push(p.constructor.name); return r; };
        [chain(new XMLHttpRequest()), chain(new AbortController().signal), chain(new File([], 'f')),
         Object.prototype.toString.call(new XMLHttpRequest().upload), Object.getPrototypeOf(File) === Blob]"""
    assert ctx.evaluate(code) == [
        ["XMLHttpRequest", "XMLHttpRequestEventTarget", "EventTarget", "Object"],
        ["AbortSignal", "EventTarget", "Object"],
        ["File", "Blob", "Object"],
        "[object XMLHttpRequestUpload]",
        True,
    ]


def test_no_internal_state_is_visible(ctx: jscell.Context) -> None:
    code = """[Object.keys(new Event('x')), Object.getOwnPropertyNames(new Headers({a: '1'})),
        Object.getOwnPropertyNames(new Blob(['x'])), Object.getOwnPropertyNames(new XMLHttpRequest()),
        Object.getOwnPropertyNames(new AbortController())]"""
    assert ctx.evaluate(code) == [["isTrusted"], [], [], [], []]


def test_is_trusted_is_an_own_unforgeable_accessor(ctx: jscell.Context) -> None:
    code = """const d = Object.getOwnPropertyDescriptor(new Event('x'), 'isTrusted');
        [typeof d.get, d.set, d.enumerable, d.configurable, new Event('x').isTrusted]"""
    assert ctx.evaluate(code) == ["function", None, True, False, False]


@pytest.mark.parametrize(
    ("code", "error"),
    [
        ("Object.getOwnPropertyDescriptor(Event.prototype, 'type').get.call({})", "TypeError: Illegal invocation"),
        ("Headers.prototype.get.call({}, 'a')", "TypeError: Illegal invocation"),
        (
            "Object.getOwnPropertyDescriptor(Blob.prototype, 'size').get.call(new Headers())",
            "TypeError: Illegal invocation",
        ),
        ("Storage.prototype.getItem.call({}, 'a')", "TypeError: Illegal invocation"),
        ("new AbortSignal()", "TypeError: Failed to construct 'AbortSignal': Illegal constructor"),
        ("AbortSignal()", "TypeError: Illegal constructor"),
        ("new Storage()", "TypeError: Failed to construct 'Storage': Illegal constructor"),
        (
            "Headers()",
            (
                "TypeError: Failed to construct 'Headers': Please use the 'new' operator, this DOM object constructor "
                "cannot be called as a function."
            ),
        ),
        ("new Event()", "TypeError: Failed to construct 'Event': 1 argument required, but only 0 present."),
        ("new File([])", "TypeError: Failed to construct 'File': 2 arguments required, but only 1 present."),
        ("new Headers({'bad name': 'x'})", "TypeError: Failed to construct 'Headers': Invalid name"),
        (
            "new Request('https://a.example/x', {body: 'b'})",
            "TypeError: Failed to construct 'Request': Request with GET/HEAD method cannot have body.",
        ),
        (
            "new Response('', {status: 99})",
            "RangeError: Failed to construct 'Response': The status provided (99) is outside the range [200, 599].",
        ),
        (
            "new XMLHttpRequest().setRequestHeader('a', 'b')",
            (
                "InvalidStateError: Failed to execute 'setRequestHeader' on 'XMLHttpRequest': The object's state must "
                "be OPENED."
            ),
        ),
        (
            "new XMLHttpRequest().open('GET', 'https://a.example/', false)",
            (
                "InvalidAccessError: Failed to execute 'open' on 'XMLHttpRequest': Synchronous requests are not "
                "supported in the sandbox"
            ),
        ),
    ],
)
def test_errors_match_chrome(ctx: jscell.Context, code: str, error: str) -> None:
    assert outcome(ctx, f"return {code};") == f"threw {error}"


def test_operations_are_not_constructors(ctx: jscell.Context) -> None:
    code = """[fetch, structuredClone].map((f) => { try { new f(); return 'constructed'; } catch (e) { return [e.name, 'prototype' in f]; } })"""
    assert ctx.evaluate(code) == [["TypeError", False], ["TypeError", False]]


def test_page_code_can_subclass_interfaces(ctx: jscell.Context) -> None:
    code = """class Ping extends Event { constructor() { super('ping'); } }
        class Target extends EventTarget {}
        const t = new Target(); let seen = null;
        t.addEventListener('ping', (e) => { seen = [e instanceof Ping, e.type, e.target === t]; });
        t.dispatchEvent(new Ping()); return seen;"""
    assert outcome(ctx, code) == [True, "ping", True]


# ---- Events -----------------------------------------------------------------------------------------------


def test_dispatch_as_chrome_does(ctx: jscell.Context) -> None:
    code = """const t = new EventTarget(); const seen = [];
        function l1(e) { seen.push(['l1', e.type, e.target === t, e.currentTarget === t, this === t, e.eventPhase]); }
        t.addEventListener('ping', l1);
        t.addEventListener('ping', l1);
        t.addEventListener('ping', () => seen.push('once'), {once: true});
        t.addEventListener('ping', {handleEvent() { seen.push('object'); }});
        const ev = new Event('ping', {cancelable: true});
        const r1 = t.dispatchEvent(ev);
        t.removeEventListener('ping', l1);
        t.dispatchEvent(new Event('ping'));
        return {seen, result: r1, after_phase: ev.eventPhase, after_target: ev.target === t, after_current: ev.currentTarget};"""
    assert outcome(ctx, code) == {
        "seen": [["l1", "ping", True, True, True, 2], "once", "object", "object"],
        "result": True,
        "after_phase": 0,
        "after_target": True,
        "after_current": None,
    }


def test_capture_listeners_run_first_and_capture_is_part_of_identity(ctx: jscell.Context) -> None:
    code = """const t = new EventTarget(); const seen = []; const f = (e) => seen.push(e.eventPhase);
        t.addEventListener('x', () => seen.push('bubble'));
        t.addEventListener('x', () => seen.push('capture'), {capture: true});
        t.addEventListener('x', f, true); t.removeEventListener('x', f);
        t.dispatchEvent(new Event('x')); return seen;"""
    assert outcome(ctx, code) == ["capture", 2, "bubble"]


def test_prevent_default_and_passive(ctx: jscell.Context) -> None:
    code = """const t = new EventTarget();
        t.addEventListener('c', (e) => e.preventDefault());
        t.addEventListener('p', (e) => e.preventDefault(), {passive: true});
        const plain = new Event('c'); plain.preventDefault();
        return [t.dispatchEvent(new Event('c', {cancelable: true})), t.dispatchEvent(new Event('p', {cancelable: true})),
                plain.defaultPrevented, t.dispatchEvent(new Event('c'))];"""
    assert outcome(ctx, code) == [False, True, False, True]


def test_stop_immediate_propagation_and_redispatch(ctx: jscell.Context) -> None:
    code = """const t = new EventTarget(); const seen = [];
        t.addEventListener('x', (e) => { seen.push(1); e.stopImmediatePropagation(); });
        t.addEventListener('x', () => seen.push(2));
        const e = new Event('x'); t.dispatchEvent(e); t.dispatchEvent(e);
        return [seen, e.cancelBubble];"""
    assert outcome(ctx, code) == [[1, 1], False]


def test_a_throwing_listener_does_not_stop_dispatch(ctx: jscell.Context) -> None:
    code = """const t = new EventTarget(); const seen = [];
        t.addEventListener('x', () => { throw new Error('listener'); });
        t.addEventListener('x', () => seen.push('second'));
        return [t.dispatchEvent(new Event('x')), seen];"""
    assert outcome(ctx, code) == [True, ["second"]]


def test_dispatching_a_dispatching_event_throws(ctx: jscell.Context) -> None:
    code = """const t = new EventTarget(); let error;
        t.addEventListener('x', (e) => { try { t.dispatchEvent(e); } catch (x) { error = x.name; } });
        t.dispatchEvent(new Event('x')); return error;"""
    assert outcome(ctx, code) == "InvalidStateError"


def test_custom_event_and_time_stamp(ctx: jscell.Context) -> None:
    code = """const e = new CustomEvent('c', {detail: {k: 1}, bubbles: true});
        return [e.detail, e.bubbles, new CustomEvent('d').detail, typeof e.timeStamp, e.timeStamp >= 0,
                Object.prototype.toString.call(e)];"""
    assert outcome(ctx, code) == [{"k": 1}, True, None, "number", True, "[object CustomEvent]"]


# ---- AbortController / AbortSignal ------------------------------------------------------------------------


def test_abort_controller(ctx: jscell.Context) -> None:
    code = """const c = new AbortController(); const fired = [];
        c.signal.onabort = (e) => fired.push(['onabort', e.type, e.isTrusted]);
        c.signal.addEventListener('abort', () => fired.push('listener'));
        const before = c.signal.aborted; c.abort(); c.abort();
        const r = c.signal.reason;
        return {before, after: c.signal.aborted, fired, reason: [Object.prototype.toString.call(r), r.name, r.message, r.code]};"""
    assert outcome(ctx, code) == {
        "before": False,
        "after": True,
        "fired": [["onabort", "abort", True], "listener"],
        "reason": ["[object DOMException]", "AbortError", "signal is aborted without reason", 20],
    }


def test_abort_signal_statics(ctx: jscell.Context) -> None:
    code = """const reasons = [];
        try { AbortSignal.abort().throwIfAborted(); } catch (e) { reasons.push(e.name); }
        reasons.push(AbortSignal.abort('why').reason);
        const a = new AbortController(); const any = AbortSignal.any([a.signal, new AbortController().signal]);
        const nested = AbortSignal.any([any]); a.abort('r');
        reasons.push(any.aborted, any.reason, nested.reason);
        const t = AbortSignal.timeout(5);
        await new Promise((r) => setTimeout(r, 40));
        reasons.push(t.aborted, t.reason.name, t.reason.message);
        return reasons;"""
    assert outcome(ctx, code) == ["AbortError", "why", True, "r", "r", True, "TimeoutError", "signal timed out"]


def test_a_signal_removes_its_listener(ctx: jscell.Context) -> None:
    code = """const t = new EventTarget(); const c = new AbortController(); let n = 0;
        t.addEventListener('x', () => n++, {signal: c.signal});
        t.dispatchEvent(new Event('x')); c.abort(); t.dispatchEvent(new Event('x'));
        t.addEventListener('x', () => n++, {signal: c.signal}); t.dispatchEvent(new Event('x'));
        return n;"""
    assert outcome(ctx, code) == 1


# ---- Blob / File / FormData -------------------------------------------------------------------------------


def test_blob(ctx: jscell.Context) -> None:
    code = """const b = new Blob(['ab', new Uint8Array([99, 100]), 'é'], {type: 'Text/Plain'});
        return {size: b.size, type: b.type, text: await b.text(), bytes: (await b.arrayBuffer()).byteLength,
                slice: [b.slice(1, 3).size, b.slice(-2).size, b.slice(0, 1, 'x/y').type],
                nested: await new Blob([new Blob(['x']), 'y']).text(), odd_type: new Blob([], {type: 'a\u00e9'}).type,
                u8: Array.from(await new Blob(['hi']).bytes())};"""
    assert outcome(ctx, code) == {
        "size": 6,
        "type": "text/plain",
        "text": "abcdé",
        "bytes": 6,
        "slice": [2, 2, "x/y"],
        "nested": "xy",
        "odd_type": "",
        "u8": [104, 105],
    }


def test_file(ctx: jscell.Context) -> None:
    code = """const f = new File(['abc'], 'a.txt', {type: 'text/plain', lastModified: 1700000000000});
        return [Object.prototype.toString.call(f), f.name, f.size, f.type, f.lastModified, f instanceof Blob,
                typeof new File([], 'n').lastModified];"""
    assert outcome(ctx, code) == ["[object File]", "a.txt", 3, "text/plain", 1700000000000, True, "number"]


def test_form_data(ctx: jscell.Context) -> None:
    code = """const fd = new FormData();
        fd.append('a', '1'); fd.append('a', '2'); fd.set('b', 'x'); fd.append('c', new Blob(['z']));
        const c = fd.get('c');
        const r = {get: fd.get('a'), getAll: fd.getAll('a'), has: fd.has('b'), missing: fd.get('zz'),
                   blob_entry: [Object.prototype.toString.call(c), c.name], keys: Array.from(fd.keys()),
                   iterator: Object.prototype.toString.call(fd.entries())};
        fd.delete('a'); r.after_delete = Array.from(fd.keys()); return r;"""
    assert outcome(ctx, code) == {
        "get": "1",
        "getAll": ["1", "2"],
        "has": True,
        "missing": None,
        "blob_entry": ["[object File]", "blob"],
        "keys": ["a", "a", "b", "c"],
        "iterator": "[object FormData Iterator]",
        "after_delete": ["b", "c"],
    }


def test_form_data_round_trips_through_multipart(ctx: jscell.Context) -> None:
    code = """const fd = new FormData(); fd.append('a', 'x'); fd.append('f', new File(['body'], 'f.txt', {type: 'text/plain'}));
        const r = new Response(fd);
        const type = r.headers.get('content-type');
        const back = await r.formData(); const f = back.get('f');
        return [type.startsWith('multipart/form-data; boundary=----WebKitFormBoundary'), back.get('a'), f.name, f.type, await f.text()];"""
    assert outcome(ctx, code) == [True, "x", "f.txt", "text/plain", "body"]


# ---- Headers / Request / Response -------------------------------------------------------------------------


def test_headers(ctx: jscell.Context) -> None:
    code = """const h = new Headers({'Content-Type': 'text/plain', 'X-B': ' 1 '});
        h.append('x-b', '2'); h.append('Set-Cookie', 'a=1'); h.append('Set-Cookie', 'b=2');
        return {get: h.get('CONTENT-TYPE'), combined: h.get('x-b'), has: h.has('x-b'), missing: h.get('nope'),
                entries: Array.from(h.entries()), set_cookie: h.get('set-cookie'), getSetCookie: h.getSetCookie(),
                iterator_is_entries: Headers.prototype[Symbol.iterator] === Headers.prototype.entries};"""
    assert outcome(ctx, code) == {
        "get": "text/plain",
        "combined": "1, 2",
        "has": True,
        "missing": None,
        "entries": [["content-type", "text/plain"], ["set-cookie", "a=1"], ["set-cookie", "b=2"], ["x-b", "1, 2"]],
        "set_cookie": "a=1, b=2",
        "getSetCookie": ["a=1", "b=2"],
        "iterator_is_entries": True,
    }


def test_request(ctx: jscell.Context) -> None:
    code = """const r = new Request('https://www.example.com/api?x=1');
        const p = new Request('https://api.example.net/x', {method: 'post', headers: {'X-A': '1', Cookie: 'c'}, body: 'b'});
        return [r.url, r.method, r.mode, r.credentials, r.cache, r.redirect, r.referrer, r.bodyUsed,
                p.method, p.headers.get('x-a'), p.headers.get('content-type'), p.headers.get('cookie'),
                new Request('https://a.example/', {method: 'patch'}).method, await p.clone().text(), await p.text(), p.bodyUsed];"""
    assert outcome(ctx, code) == [
        "https://www.example.com/api?x=1", "GET", "cors", "same-origin", "default", "follow", "about:client", False,
        "POST", "1", "text/plain;charset=UTF-8", None, "patch", "b", "b", True,
    ]  # fmt: skip


def test_response(ctx: jscell.Context) -> None:
    code = """const r = new Response('hi');
        const t = await r.text();
        let twice; try { await r.text(); } catch (e) { twice = e.message; }
        const j = Response.json({a: 1}, {status: 201});
        return [r.status, r.ok, r.statusText, r.type, r.headers.get('content-type'), t, r.bodyUsed, r.url, twice,
                j.status, j.headers.get('content-type'), await j.json(),
                [new Response(null, {status: 404}).ok, Response.error().type, Response.error().status,
                 Response.redirect('https://a.example/', 302).headers.get('location')]];"""
    assert outcome(ctx, code) == [
        200, True, "", "default", "text/plain;charset=UTF-8", "hi", True, "",
        "Failed to execute 'text' on 'Response': body stream already read",
        201, "application/json", {"a": 1}, [False, "error", 0, "https://a.example/"],
    ]  # fmt: skip


# ---- fetch / XMLHttpRequest without a host answer ---------------------------------------------------------


def test_fetch_rejects_by_default_saying_no_request_leaves(ctx: jscell.Context) -> None:
    assert outcome(ctx, "return await fetch('https://www.example.com/');") == f"threw TypeError: {NO_NETWORK}"


def test_fetch_without_arguments(ctx: jscell.Context) -> None:
    assert outcome(ctx, "return await fetch();") == (
        "threw TypeError: Failed to execute 'fetch' on 'Window': 1 argument required, but only 0 present."
    )


def test_fetch_of_a_data_url_needs_no_network(ctx: jscell.Context) -> None:
    code = """const r = await fetch('data:text/plain,hello%20there');
        return [r.status, r.headers.get('content-type'), await r.text(), await (await fetch('data:;base64,aGk=')).text()];"""
    assert outcome(ctx, code) == [200, "text/plain", "hello there", "hi"]


def test_fetch_rejects_with_the_abort_reason(ctx: jscell.Context) -> None:
    code = """const c = new AbortController(); c.abort('stop');
        try { await fetch('https://a.example/', {signal: c.signal}); } catch (e) { return e; }"""
    assert outcome(ctx, code) == "stop"


def test_xhr_fires_error_by_default(ctx: jscell.Context) -> None:
    code = """const x = new XMLHttpRequest(); const seen = [];
        x.addEventListener('readystatechange', () => seen.push('rs' + x.readyState));
        await new Promise((resolve) => {
            x.onerror = (e) => seen.push([e.type, e.isTrusted, Object.prototype.toString.call(e)]);
            x.onloadend = () => resolve();
            x.open('GET', 'https://www.example.com/x');
            x.send();
        });
        return [seen, x.status, x.readyState, x.responseText];"""
    assert outcome(ctx, code) == [["rs1", "rs4", ["error", True, "[object ProgressEvent]"]], 0, 4, ""]


def test_xhr_abort(ctx: jscell.Context) -> None:
    code = """const x = new XMLHttpRequest(); const seen = [];
        x.onreadystatechange = () => seen.push(x.readyState); x.onabort = (e) => seen.push(e.type);
        x.open('GET', 'https://a.example/'); x.send(); x.abort(); return [seen, x.readyState];"""
    assert outcome(ctx, code) == [[1, 4, "abort"], 0]


def test_xhr_hooks_on_the_prototype_keep_working(ctx: jscell.Context) -> None:
    code = """const open = XMLHttpRequest.prototype.open, send = XMLHttpRequest.prototype.send; const log = [];
        XMLHttpRequest.prototype.open = function (m, u) { this._url = u; return open.apply(this, arguments); };
        XMLHttpRequest.prototype.send = function (b) { log.push(this._url); return send.apply(this, arguments); };
        const x = new XMLHttpRequest();
        await new Promise((r) => { x.onloadend = r; x.open('POST', 'https://a.example/sign'); x.send('d'); });
        return [log, x.readyState];"""
    assert outcome(ctx, code) == [["https://a.example/sign"], 4]


def test_xhr_response_type_rules(ctx: jscell.Context) -> None:
    code = """const x = new XMLHttpRequest(); x.responseType = 'json'; x.responseType = 'bogus';
        let text; try { x.responseText; } catch (e) { text = e.name; }
        return [x.responseType, text, x.response, x.getAllResponseHeaders(), x.getResponseHeader('a')];"""
    assert outcome(ctx, code) == ["json", "InvalidStateError", None, "", None]


# ---- structuredClone --------------------------------------------------------------------------------------


def test_structured_clone_as_chrome(ctx: jscell.Context) -> None:
    code = """const src = {a: [1, {b: 2}], d: new Date(0), m: new Map([[1, 'one']]), s: new Set([1]), r: /x/gi,
                     u: new Uint8Array([1, 2])};
        src.self = src;
        const c = structuredClone(src);
        return {distinct: c !== src, cycle: c.self === c, date: c.d instanceof Date && c.d.getTime(),
                map: c.m.get(1), set: c.s.has(1), regexp: String(c.r), bytes: Array.from(c.u), nested: c.a[1].b};"""
    assert outcome(ctx, code) == {
        "distinct": True,
        "cycle": True,
        "date": 0,
        "map": "one",
        "set": True,
        "regexp": "/x/gi",
        "bytes": [1, 2],
        "nested": 2,
    }


def test_structured_clone_shares_what_was_shared(ctx: jscell.Context) -> None:
    code = """const buffer = new ArrayBuffer(8); const o = {};
        const c = structuredClone({v1: new Uint8Array(buffer, 2, 2), v2: new DataView(buffer), x: o, y: o, m: new Map([[o, o]])});
        return [c.v1.buffer === c.v2.buffer, c.v1.byteOffset, c.v1.length, c.x === c.y, c.m.get(c.x) === c.x];"""
    assert outcome(ctx, code) == [True, 2, 2, True, True]


def test_structured_clone_arrays_objects_and_wrappers(ctx: jscell.Context) -> None:
    code = """const a = [1, , 3]; a.extra = 'e';
        const c = structuredClone(a);
        const r = /x/g; r.lastIndex = 2;
        class Point { constructor() { this.x = 1; } get y() { return 2; } }
        const obj = {get g() { return 'got'; }, [Symbol('s')]: 1};
        Object.defineProperty(obj, 'hidden', {value: 1, enumerable: false});
        return [c.length, 1 in c, c.extra, structuredClone(r).lastIndex,
                Object.getPrototypeOf(structuredClone(new Point())) === Object.prototype, structuredClone(new Point()).y,
                structuredClone(obj), Object.getOwnPropertySymbols(structuredClone(obj)).length,
                structuredClone([new Number(1), new String('s'), new Boolean(false), Object(2n)]).map((x) => typeof x),
                Object.is(structuredClone(-0), -0)];"""
    assert outcome(ctx, code) == [
        3, False, "e", 0, True, None, {"g": "got"}, 0, ["object", "object", "object", "object"], True,
    ]  # fmt: skip


def test_structured_clone_errors_blobs_and_transfer(ctx: jscell.Context) -> None:
    code = """const e = new RangeError('m', {cause: {k: 1}}); e.extra = 1;
        const c = structuredClone(e);
        const named = structuredClone(Object.assign(new Error('n'), {name: 'Custom'}));
        const f = structuredClone(new File(['abc'], 'f.txt', {type: 'text/plain', lastModified: 5}));
        const buffer = new ArrayBuffer(4); const moved = structuredClone(buffer, {transfer: [buffer]});
        return [Object.prototype.toString.call(c), c instanceof RangeError, c.message, c.cause, c.stack === e.stack,
                'extra' in c, named.name, Object.prototype.toString.call(f), f.name, f.lastModified, await f.text(),
                buffer.byteLength, moved.byteLength];"""
    assert outcome(ctx, code) == [
        "[object Error]", True, "m", {"k": 1}, True, False, "Error", "[object File]", "f.txt", 5, "abc", 0, 4,
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("code", "what"),
    [
        ("function f() {}", "function f() {}"),
        ("Symbol('s')", "Symbol(s)"),
        ("new WeakMap()", "#<WeakMap>"),
        ("Promise.resolve()", "#<Promise>"),
        ("new Event('x')", "Event object"),
        ("new Headers()", "Headers object"),
    ],
)
def test_structured_clone_refuses_what_chrome_refuses(ctx: jscell.Context, code: str, what: str) -> None:
    code = f"try {{ structuredClone({{nested: {code}}}); }} catch (e) {{ return [e.name, e.code, e instanceof DOMException, e.message]; }}"
    assert outcome(ctx, code) == [
        "DataCloneError",
        25,
        True,
        f"Failed to execute 'structuredClone' on 'Window': {what} could not be cloned.",
    ]


# ---- Storage ----------------------------------------------------------------------------------------------


def test_local_storage_items_and_named_properties(ctx: jscell.Context) -> None:
    code = """localStorage.setItem('probe_k', 'v'); localStorage.setItem('probe_n', 42); localStorage.probe_prop = 'p';
        const d = Object.getOwnPropertyDescriptor(localStorage, 'probe_k');
        const r = {get: localStorage.getItem('probe_k'), number: localStorage.getItem('probe_n'),
                   prop_as_item: localStorage.getItem('probe_prop'), item_as_prop: localStorage.probe_k,
                   length: localStorage.length, keys: Object.keys(localStorage).sort(), json: JSON.stringify(localStorage),
                   in: 'probe_k' in localStorage, own_desc: [d.value, d.writable, d.enumerable, d.configurable]};
        delete localStorage.probe_prop; localStorage.removeItem('probe_n');
        r.after_remove = Object.keys(localStorage); localStorage.clear(); r.after_clear = localStorage.length;
        return r;"""
    assert outcome(ctx, code) == {
        "get": "v",
        "number": "42",
        "prop_as_item": "p",
        "item_as_prop": "v",
        "length": 3,
        "keys": ["probe_k", "probe_n", "probe_prop"],
        "json": '{"probe_prop":"p","probe_n":"42","probe_k":"v"}',
        "in": True,
        "own_desc": ["v", True, True, True],
        "after_remove": ["probe_k"],
        "after_clear": 0,
    }


def test_storage_methods_win_over_items_and_areas_are_separate(ctx: jscell.Context) -> None:
    code = """localStorage.setItem('getItem', 'shadow');
        const r = [typeof localStorage.getItem, localStorage.length, localStorage.key(0), localStorage.key(5)];
        localStorage.clear(); sessionStorage.setItem('s', '1');
        r.push(sessionStorage.getItem('s'), localStorage.getItem('s'), Object.prototype.toString.call(sessionStorage),
               localStorage instanceof Storage, localStorage.getItem('missing'));
        sessionStorage.clear(); return r;"""
    assert outcome(ctx, code) == ["function", 1, "getItem", None, "1", None, "[object Storage]", True, None]


def test_each_context_has_its_own_storage() -> None:
    with jscell.Context() as first, jscell.Context() as second:
        first.evaluate("localStorage.shared = 'first'")
        assert second.evaluate("localStorage.getItem('shared')") is None
