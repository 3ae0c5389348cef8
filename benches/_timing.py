"""What the small benches share: a median of timeit runs, a fresh context's round trip, and the markdown table
they print."""

from __future__ import annotations

import statistics
import timeit

import jscell


def median_seconds(statement: object, repeat: int, number: int) -> float:
    """The median, over ``repeat`` timeit runs of ``number`` calls, of one call's time."""
    timer = timeit.Timer(statement)  # type: ignore[arg-type]
    return statistics.median(t / number for t in timer.repeat(repeat=repeat, number=number))


def fresh(**options: object) -> None:
    """A fresh context with ``options``, one ``evaluate``, closed."""
    with jscell.Context(**options) as ctx:  # type: ignore[arg-type]
        ctx.evaluate("1+1")


def print_table(rows: list[tuple[str, float]]) -> None:
    """``(operation, seconds)`` rows as a markdown table of medians."""
    print("| operation | median |\n|---|---|")
    for name, seconds in rows:
        shown = f"{seconds * 1e6:.1f} µs" if seconds < 1e-3 else f"{seconds * 1e3:.1f} ms"
        print(f"| {name} | {shown} |")
