"""TextEncoder/TextDecoder, URL/URLSearchParams and WebCrypto, compared with node on generated inputs.

Each probe is a JS expression (it may give a promise) that node and jscell both evaluate; their answers, as
JSON, must be equal. The inputs are generated from a fixed seed, so a failure names a case that can be rerun.
"""

from __future__ import annotations

import json
import random
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

import jscell

NODE = shutil.which("node")
DATA = Path(__file__).parent / "data"

# Runs in both engines before the probes: a hex dump, and "threw <name>" for a probe that throws.
HELPERS = r"""
const hex = (b) => Array.from(b instanceof ArrayBuffer ? new Uint8Array(b) : b, (x) => x.toString(16).padStart(2, "0")).join("");
const bytes = (h) => new Uint8Array(h.match(/../g)?.map((x) => parseInt(x, 16)) ?? []);
const outcome = async (f) => { try { return await f(); } catch (e) { return "threw " + e.name; } };
"""


def run_both(probes: list[str]) -> tuple[list[Any], list[Any]]:
    """Node's and jscell's answers to `probes` (JS expressions), in order."""
    program = HELPERS + f"Promise.all([{','.join(f'outcome(async () => ({p}))' for p in probes)}])"
    assert NODE is not None, "these tests compare with node, which setup installs"
    node = subprocess.run(
        [NODE, "-e", f"{program}.then((r) => process.stdout.write(JSON.stringify(r)))"],
        capture_output=True,
        text=True,
        check=True,
    )
    with jscell.Context() as ctx:
        ours = ctx.evaluate(f"{program}.then((r) => JSON.stringify(r))")
    return json.loads(node.stdout), json.loads(ours)


def assert_same(probes: list[str]) -> None:
    theirs, ours = run_both(probes)
    differing = [(p, t, o) for p, t, o in zip(probes, theirs, ours) if t != o]
    assert not differing, "\n".join(f"{p}\n  node:   {t!r}\n  jscell: {o!r}" for p, t, o in differing[:10])


def js(value: Any) -> str:
    return json.dumps(value)


def test_text_decoder_answers_as_chrome_answers() -> None:
    # Chrome, not node, is the oracle here: node's legacy decoders come from ICU, not the Encoding standard
    # (GBK's 0xFF is U+F8F5 there, its "gbk" does not read gb18030's four-byte sequences, and it has no
    # x-user-defined).
    fixture = json.loads((DATA.parent / "fixtures" / "encoding_probes.json").read_text(encoding="utf-8"))
    chrome = json.loads((DATA / "chrome_encodings.json").read_text(encoding="utf-8"))["answers"]
    program = (
        fixture["helpers"]
        + "\nJSON.stringify(("
        + json.dumps(fixture["probes"])
        + ").map((p) => { try { return eval(p); } catch (e) { return 'threw ' + e.name; } }))"
    )
    with jscell.Context() as ctx:
        ours = dict(zip(fixture["probes"], json.loads(ctx.evaluate(program))))
    assert len(chrome) == len(ours) > 1000
    differing = [(p, chrome[p], ours[p]) for p in fixture["probes"] if chrome[p] != ours[p]]
    assert not differing, "\n".join(f"{p}\n  chrome: {c!r}\n  jscell: {o!r}" for p, c, o in differing[:10])


def test_utf8_and_utf16_decode_as_node_decodes() -> None:
    probes = [
        "new TextDecoder('utf-8', {ignoreBOM: true}).decode(bytes('efbbbf61'))",
        "new TextDecoder('utf-16be').decode(bytes('feff0061'))",
        "new TextDecoder().decode(new DataView(bytes('68692121').buffer, 1, 2))",
        "new TextDecoder().decode(bytes('f0908080eda080c0afe282'))",
        "new TextDecoder('utf-8', {fatal: true}).decode(bytes('eda080'))",
        "new TextDecoder('utf-16le').decode(bytes('3dd800de3dd861'))",
        "[new TextDecoder('UTF-16').encoding, new TextDecoder().fatal, new TextDecoder('l1', {fatal: 1}).fatal]",
    ]
    assert_same(probes)


def test_text_encoder_matches_node() -> None:
    strings = ["", "abc", "é€😀", "\ud800", "a\udc00b", "\ud83d\ude00\ud83d", "中文" * 50]
    probes = [f"hex(new TextEncoder().encode({js(s)}))" for s in strings]
    for s in strings:
        for size in [0, 1, 2, 3, 5, 8]:
            probes.append(
                f"(() => {{ const t = new Uint8Array({size}); const r = new TextEncoder().encodeInto({js(s)}, t);"
                " return [r.read, r.written, hex(t)]; })()"
            )
    assert_same(probes)


URLS = [
    ("https://user:pw@example.com:443/a/../b/./c?q=1 2#h", None),
    ("HTTP://EXAMPLE.COM:80/%7Efoo", None),
    ("http://münchen.de/straße", None),
    ("http://xn--mnchen-3ya.de/", None),
    ("https://例子.测试/路径?查询=值#片段", None),
    ("http://[2001:db8::1]:8080/", None),
    ("http://[::ffff:192.168.0.1]/", None),
    ("http://0x7f.1/", None),
    ("http://2130706433/", None),
    ("http://1.2.3.4.5/", None),
    ("http://[::1/", None),
    ("http://a b/", None),
    ("http://example.com:65536/", None),
    ("http://example.com:/x", None),
    ("  http://example.com/\t\na\nb  ", None),
    ("http:\\\\example.com\\a\\b", None),
    ("file:///C:/Windows/../x", None),
    ("file://host/share/x", None),
    ("data:text/plain,hello world", None),
    ("javascript:alert(1)", None),
    ("blob:https://example.com/uuid", None),
    ("mailto:a@b.c?subject=hi there", None),
    ("ws://example.com/chat", None),
    ("non-special://host/p a t h?q u#f r", None),
    ("sc://ñ/x", None),
    ("https://example.com/?a=\"<>`{}|\\^'", None),
    ('https://example.com/#"<>`{}', None),
    ("https://us er:p@ss@example.com/", None),
    ("../../x/y?z#w", "https://example.com/a/b/c/d"),
    ("//cdn.example.net/lib.js", "https://www.example.com/"),
    ("?q=2", "https://example.com/p?q=1#h"),
    ("#only", "https://example.com/p?q=1"),
    ("/abs", "https://example.com/a/b"),
    ("", "https://example.com/a?b#c"),
    ("x", "mailto:a@b.c"),
    ("x", "not a url"),
    ("http:foo", "http://example.com/a/"),
    ("https:", "https://example.com/a"),
    ("./%2e/%2E%2e/y", "http://example.com/a/b/"),
]


def test_urls_parse_as_node_parses() -> None:
    parts = [
        "href",
        "origin",
        "protocol",
        "username",
        "password",
        "host",
        "hostname",
        "port",
        "pathname",
        "search",
        "hash",
    ]
    probes = []
    for url, base in URLS:
        args = js(url) if base is None else f"{js(url)}, {js(base)}"
        probes.append(f"(() => {{ const u = new URL({args}); return [{', '.join(f'u.{p}' for p in parts)}]; }})()")
        probes.append(f"URL.canParse({args})")
    assert_same(probes)


def test_url_setters_match_node() -> None:
    values = {
        "protocol": ["http", "ftp:", "mailto", "wss"],
        "username": ["us er", "a@b"],
        "password": ["p:w", ""],
        "host": ["example.org:81", "[::1]", "bad host"],
        "hostname": ["sub.example.com", "Ünicode.de"],
        "port": ["8080", "443", "", "99999", "12ab"],
        "pathname": ["/a b/c%", "x/../y"],
        "search": ["?q=a b", "", "x=1&y"],
        "hash": ["#frag ment", "", "f"],
        "href": ["https://other.example/z", "not a url"],
    }
    probes = []
    for part, options in values.items():
        for value in options:
            probes.append(
                f"(() => {{ const u = new URL('https://user:pw@example.com:8443/p?q=1#h'); u.{part} = {js(value)};"
                " return u.href; })()"
            )
    assert_same(probes)


def test_search_params_match_node() -> None:
    probes = [
        "new URLSearchParams('?a=1&b=2&a=3&c=%20x+y&d&=e&f=%zz').toString()",
        "[...new URLSearchParams('a=1&b=2&a=3&c=%20x+y&d&=e')]",
        "new URLSearchParams({q: 'a b', r: '&=?/', s: 'é€', t: '\\ud800'}).toString()",
        "new URLSearchParams([['x', '1'], ['x', '2']]).getAll('x')",
        "(() => { const p = new URLSearchParams('z=1&a=2&m=3&a=1'); p.sort(); return p.toString(); })()",
        "(() => { const p = new URLSearchParams('a=1&b=2&a=3'); p.delete('a', '3'); p.set('b', 'x'); return [p.toString(), p.size, p.has('a', '1')]; })()",
        "new URLSearchParams('k=' + encodeURIComponent(\"!'()*~-._ +%\")).toString()",
        "(() => { const u = new URL('https://e.com/?a=1'); u.searchParams.append('b', 'x y'); u.searchParams.delete('a'); return [u.href, u.search]; })()",
        "(() => { const u = new URL('https://e.com/?a=1#h'); u.searchParams.delete('a'); return u.href; })()",
        "(() => { const u = new URL('https://e.com/'); const p = u.searchParams; u.search = '?x=9'; return p.get('x'); })()",
        "Object.prototype.toString.call(new URLSearchParams().entries())",
    ]
    assert_same(probes)


def test_subtle_crypto_matches_node() -> None:
    rng = random.Random(7)

    def data(n: int) -> str:
        return js(bytes(rng.randrange(256) for _ in range(n)).hex())

    probes = []
    for hash_name in ["SHA-1", "SHA-256", "SHA-384", "SHA-512"]:
        for n in [0, 3, 64, 1000]:
            probes.append(f"hex(await crypto.subtle.digest({js(hash_name)}, bytes({data(n)})))")
        for key_len in [1, 32, 200]:
            probes.append(
                f"hex(await crypto.subtle.sign('HMAC', await crypto.subtle.importKey('raw', bytes({data(key_len)}),"
                f" {{name: 'HMAC', hash: {js(hash_name)}}}, false, ['sign']), bytes({data(50)})))"
            )
        probes.append(
            "hex(await crypto.subtle.deriveBits({name: 'PBKDF2', hash: "
            + js(hash_name)
            + ", salt: bytes("
            + data(16)
            + "), iterations: 1000}, await crypto.subtle.importKey('raw', bytes("
            + data(10)
            + "), 'PBKDF2', false, ['deriveBits']), 256))"
        )
    for key_len in [16, 24, 32]:
        key = data(key_len)
        for n in [0, 15, 16, 33]:
            plain = data(n)
            probes.append(
                f"(async () => {{ const k = await crypto.subtle.importKey('raw', bytes({key}), 'AES-CBC', true,"
                f" ['encrypt', 'decrypt']); const p = {{name: 'AES-CBC', iv: bytes({data(16)})}};"
                f" const c = await crypto.subtle.encrypt(p, k, bytes({plain}));"
                " return [hex(c), hex(await crypto.subtle.decrypt(p, k, c))]; })()"
            )
            probes.append(
                f"(async () => {{ const k = await crypto.subtle.importKey('raw', bytes({key}), 'AES-GCM', false,"
                f" ['encrypt', 'decrypt']); const p = {{name: 'AES-GCM', iv: bytes({data(12)}),"
                f" additionalData: bytes({data(7)})}}; const c = await crypto.subtle.encrypt(p, k, bytes({plain}));"
                " return [hex(c), hex(await crypto.subtle.decrypt(p, k, c))]; })()"
            )
            for length in [64, 128]:
                probes.append(
                    f"hex(await crypto.subtle.encrypt({{name: 'AES-CTR', counter: bytes('ffffffffffffffffffffffffffffffff'),"
                    f" length: {length}}}, await crypto.subtle.importKey('raw', bytes({key}), 'AES-CTR', false,"
                    f" ['encrypt']), bytes({plain})))"
                )
    # Failures: the DOMException's name, as node gives it.
    probes += [
        "crypto.subtle.digest('MD5', bytes('00'))",
        (
            "(async () => { const k = await crypto.subtle.importKey('raw', bytes('00'.repeat(16)), 'AES-CBC', false,"
            " ['decrypt']); return crypto.subtle.decrypt({name: 'AES-CBC', iv: bytes('00'.repeat(16))}, k, bytes('00'.repeat(16))); })()"
        ),
        (
            "(async () => { const k = await crypto.subtle.importKey('raw', bytes('00'.repeat(16)), 'AES-GCM', false,"
            " ['decrypt']); return crypto.subtle.decrypt({name: 'AES-GCM', iv: bytes('00'.repeat(12))}, k, bytes('00'.repeat(20))); })()"
        ),
        "crypto.subtle.importKey('raw', bytes('00'.repeat(15)), 'AES-CBC', false, ['encrypt'])",
        (
            "(async () => { const k = await crypto.subtle.importKey('raw', bytes('01'.repeat(16)), {name: 'HMAC', hash: 'SHA-256'}, true,"
            " ['sign', 'verify']); const s = await crypto.subtle.sign('HMAC', k, bytes('61'));"
            " return [await crypto.subtle.verify('HMAC', k, s, bytes('61')), await crypto.subtle.verify('HMAC', k, s, bytes('62')),"
            " await crypto.subtle.exportKey('jwk', k), k.algorithm, k.usages, k.type, k.extractable]; })()"
        ),
        (
            "(async () => { const k = await crypto.subtle.importKey('jwk', {kty: 'oct', k: 'AAECAwQFBgcICQoLDA0ODw', alg: 'A128GCM'},"
            " 'AES-GCM', true, ['encrypt']); return [hex(await crypto.subtle.exportKey('raw', k)), k.algorithm]; })()"
        ),
        (
            "(async () => { const k = await crypto.subtle.generateKey({name: 'HMAC', hash: 'SHA-512'}, true, ['sign']);"
            " return [k.algorithm, (await crypto.subtle.exportKey('raw', k)).byteLength]; })()"
        ),
        (
            "(async () => { const base = await crypto.subtle.importKey('raw', bytes('70617373'), 'PBKDF2', false, ['deriveKey']);"
            " const k = await crypto.subtle.deriveKey({name: 'PBKDF2', hash: 'SHA-256', salt: bytes('73616c74'), iterations: 10},"
            " base, {name: 'AES-GCM', length: 256}, true, ['encrypt']); return hex(await crypto.subtle.exportKey('raw', k)); })()"
        ),
    ]
    assert_same(probes)


def test_random_values_follow_the_seed() -> None:
    code = "[hex(crypto.getRandomValues(new Uint8Array(16))), crypto.randomUUID()]"
    with jscell.Context(random_seed=5) as a, jscell.Context(random_seed=5) as b, jscell.Context() as c:
        for ctx in (a, b, c):
            ctx.compile(HELPERS)
        first = a.evaluate(code)
        assert first == b.evaluate(code)
        assert first != c.evaluate(code)
        assert first[1][14] == "4" and first[1][19] in "89ab"


@pytest.mark.parametrize(
    ("code", "error"),
    [
        ("crypto.getRandomValues(new Float32Array(4))", "TypeMismatchError"),
        ("crypto.getRandomValues(new Uint8Array(65537))", "QuotaExceededError"),
        ("new Crypto()", "TypeError"),
        ("new TextDecoder('bogus')", "RangeError"),
        ("new URL('nope')", "TypeError"),
    ],
)
def test_bad_arguments_throw_what_node_throws(code: str, error: str) -> None:
    assert_same([code])
    with jscell.Context() as ctx:
        assert ctx.evaluate(f"(() => {{ try {{ {code} }} catch (e) {{ return e.name }} }})()") == error


def test_exporting_a_key_that_is_not_extractable_is_an_invalid_access_error() -> None:
    # The standard's and Chrome's name; node says "InvalidAccessException".
    code = (
        "(async () => { const k = await crypto.subtle.importKey('raw', new Uint8Array(16), 'AES-CBC', false,"
        " ['encrypt']); try { await crypto.subtle.exportKey('raw', k) } catch (e) { return [e.name, e instanceof DOMException] } })()"
    )
    with jscell.Context() as ctx:
        assert ctx.evaluate(code) == ["InvalidAccessError", True]
