"""What the web platform costs and what it buys.

    .venv/bin/python benches/web_platform_bench.py [--repeat 7]

Prints a markdown table of medians (each of ``--repeat`` timeit runs): a fresh context with the web platform in
the image (``Context()``, one ``evaluate``, close) and a bare one (``enable_extensions=False``, which deletes the
platform's globals at creation); ``TextEncoder``/``TextDecoder`` and ``URL`` calls; and SHA-256 of 1 MiB with
``crypto.subtle.digest`` (Rust, in the guest) against the plain-JS SHA-256 of ``benches/sha256.js``.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from _timing import fresh, median_seconds, print_table

import jscell

SHA256_JS = (Path(__file__).parent / "sha256.js").read_text()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=7)
    repeat = parser.parse_args().repeat
    ctx = jscell.Context()
    ctx.compile(SHA256_JS)
    ctx.compile(
        "var text = 'héllo wörld 你好 '.repeat(64); var bytes = new TextEncoder().encode(text);"
        " var mib = new Uint8Array(1 << 20).map((_, i) => i * 31); var mibText = new TextDecoder('windows-1252').decode(mib.map((b) => b & 0x7f));"
        " function encode() { return new TextEncoder().encode(text).length }"
        " function decode() { return new TextDecoder().decode(bytes).length }"
        " function gbk() { return new TextDecoder('gbk').decode(bytes).length }"
        " function url() { return new URL('../a/b?c=d e#f', 'https://user@example.com/x/y').href.length }"
        " function digest() { return crypto.subtle.digest('SHA-256', mib).then((b) => b.byteLength) }"
        " function jsSha() { return sha256(mibText).length }"
    )
    rows = [
        ("fresh `Context()` + `evaluate('1+1')` + close", median_seconds(fresh, repeat, 2000)),
        (
            "fresh `Context(enable_extensions=False)` + evaluate + close",
            median_seconds(lambda: fresh(enable_extensions=False), repeat, 2000),
        ),
        ("`new TextEncoder().encode` of 1.3 KB", median_seconds(lambda: ctx.call("encode"), repeat, 5000)),
        ("`new TextDecoder().decode` of 1.7 KB UTF-8", median_seconds(lambda: ctx.call("decode"), repeat, 5000)),
        ("`new TextDecoder('gbk').decode` of 1.7 KB", median_seconds(lambda: ctx.call("gbk"), repeat, 5000)),
        ("`new URL(relative, base).href`", median_seconds(lambda: ctx.call("url"), repeat, 5000)),
        ("`crypto.subtle.digest('SHA-256')` of 1 MiB", median_seconds(lambda: ctx.call("digest"), repeat, 5)),
        ("plain-JS SHA-256 of 1 MiB (benches/sha256.js)", median_seconds(lambda: ctx.call("jsSha"), 3, 1)),
    ]
    print_table(rows)


if __name__ == "__main__":
    main()
