"""What node compatibility costs.

    .venv/bin/python benches/node_bench.py [--repeat 7] [--packages DIR]

Prints a markdown table of medians (each of ``--repeat`` timeit runs): a fresh context with and without
``node=True`` (one ``evaluate``, close); ``require('crypto-js')`` cold (a fresh context granted the packages'
directory, which reads and compiles the package) and from a snapshot taken after the require (a fork with it
loaded); and SHA-256 of 1 MiB with ``require('crypto').createHash`` (Rust, in the guest) against crypto-js in
jscell and against node's own ``createHash`` (timed inside one node process). ``--packages`` is a directory
holding ``node_modules/crypto-js`` (tests/test_node_packages.py installs one into its cache).
"""

from __future__ import annotations

import argparse
import os
import subprocess
from pathlib import Path

from _timing import fresh, median_seconds, print_table

import jscell

MIB = "const mib = Buffer.alloc(1 << 20, 'jscell');"


def node_sha256_seconds(repeat: int) -> float:
    script = (
        f"{MIB} const c = require('crypto'); const times = [];"
        f" for (let i = 0; i < {repeat * 5}; i++) {{ const t = process.hrtime.bigint();"
        " c.createHash('sha256').update(mib).digest('hex'); times.push(Number(process.hrtime.bigint() - t)); }"
        " times.sort((a, b) => a - b); console.log(times[times.length >> 1] / 1e9);"
    )
    return float(subprocess.run(["node", "-e", script], capture_output=True, text=True, check=True).stdout)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=7)
    default = Path(os.environ.get("JSCELL_TEST_CACHE") or Path.home() / ".cache" / "jscell-tests") / "npm"
    parser.add_argument("--packages", type=Path, default=default)
    args = parser.parse_args()
    repeat, packages = args.repeat, str(args.packages)
    fresh(node=True)  # the per-process snapshot with node installed is made once, outside the timing

    def cold_require() -> None:
        with jscell.Context(node={"root": packages}) as ctx:
            ctx.evaluate("require('crypto-js').MD5('x').toString()")

    with jscell.Context(node={"root": packages}) as ctx:
        ctx.compile("globalThis.CryptoJS = require('crypto-js');")
        loaded = ctx.snapshot()

    def forked_require() -> None:
        with loaded.context() as fork:
            fork.evaluate("require('crypto-js').MD5('x').toString()")

    hashing = jscell.Context(node={"root": packages})
    hashing.compile(
        f"{MIB} const CryptoJS = require('crypto-js'); const words = CryptoJS.lib.WordArray.create(mib);"
        " function native() { return require('crypto').createHash('sha256').update(mib).digest('hex') }"
        " function cryptoJs() { return CryptoJS.SHA256(words).toString() }"
    )
    rows = [
        ("fresh `Context()` + `evaluate('1+1')` + close", median_seconds(fresh, repeat, 2000)),
        ("fresh `Context(node=True)` + evaluate + close", median_seconds(lambda: fresh(node=True), repeat, 2000)),
        ("`require('crypto-js')` cold (fresh context + read + compile)", median_seconds(cold_require, repeat, 5)),
        ("`require('crypto-js')` in a fork of a snapshot taken after it", median_seconds(forked_require, repeat, 500)),
        ("`createHash('sha256')` of 1 MiB in jscell", median_seconds(lambda: hashing.call("native"), repeat, 5)),
        ("crypto-js SHA256 of 1 MiB in jscell", median_seconds(lambda: hashing.call("cryptoJs"), 3, 1)),
        ("`createHash('sha256')` of 1 MiB in node", node_sha256_seconds(repeat)),
    ]
    print_table(rows)


if __name__ == "__main__":
    main()
