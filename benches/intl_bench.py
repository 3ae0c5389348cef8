"""What ``Intl`` and time zones cost.

    .venv/bin/python benches/intl_bench.py [--contexts 300] [--repeat 7]

Prints a markdown table of medians. The first-use rows are timed inside the sandbox with ``performance.now()``
(microsecond steps), each in a fresh context after a warm-up allocation, over ``--contexts`` contexts: the first
``new Intl.DateTimeFormat()``, its first ``format``, a second constructor and format, and the first and second
``(1234.5).toLocaleString()``. The rest are timeit medians of ``--repeat`` runs from Python: a fresh context, one
with ``timezone=``, and a kept ``DateTimeFormat``'s and ``NumberFormat``'s ``format``.
"""

from __future__ import annotations

import argparse
import statistics

from _timing import fresh, median_seconds, print_table

import jscell

FIRST_USE = """
  const warm = []; for (let i = 0; i < 100; i++) warm.push({ i });
  const times = [];
  const time = (f) => { const t = performance.now(); f(); times.push((performance.now() - t) / 1000); };
  let dtf;
  time(() => { dtf = new Intl.DateTimeFormat(); });
  time(() => dtf.format(0));
  time(() => new Intl.DateTimeFormat().format(0));
  time(() => (1234.5).toLocaleString());
  time(() => (1234.5).toLocaleString());
  times"""

FIRST_USE_ROWS = [
    "first `new Intl.DateTimeFormat()` in a fresh context",
    "its first `format(0)`",
    "a second `new Intl.DateTimeFormat().format(0)`",
    "first `(1234.5).toLocaleString()`",
    "second `(1234.5).toLocaleString()`",
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--contexts", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    samples = []
    for _ in range(args.contexts):
        with jscell.Context() as ctx:
            samples.append(ctx.evaluate(FIRST_USE))
    rows = [(name, statistics.median(column)) for name, column in zip(FIRST_USE_ROWS, zip(*samples))]
    kept = jscell.Context(timezone="Asia/Shanghai", locale="zh-CN")
    kept.compile("var dtf = new Intl.DateTimeFormat(); var nf = new Intl.NumberFormat('de-DE');")
    rows += [
        ("fresh `Context()` + `evaluate('1+1')`", median_seconds(fresh, args.repeat, 2000)),
        (
            "fresh `Context(timezone='Asia/Shanghai')`",
            median_seconds(lambda: fresh(timezone="Asia/Shanghai"), args.repeat, 500),
        ),
        (
            "kept `dtf.format(0)` (one call from Python)",
            median_seconds(lambda: kept.evaluate("dtf.format(0)"), args.repeat, 2000),
        ),
        (
            "kept `nf.format(1234.5)` (one call from Python)",
            median_seconds(lambda: kept.evaluate("nf.format(1234.5)"), args.repeat, 2000),
        ),
    ]
    kept.close()
    print_table(rows)


if __name__ == "__main__":
    main()
