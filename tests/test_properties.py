"""Property tests: random Python values round-trip exactly, and random JS never crashes the host."""

from __future__ import annotations

import math
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import jscell

SAFE = 2**53 - 1

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(),
    # Lone surrogates and NUL, which plain text() leaves out or rarely draws.
    st.text(st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF) | st.sampled_from(["\x00", "a", "😀"])),
    st.binary(max_size=64),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=5),
        st.dictionaries(st.text(max_size=8), inner, max_size=5),
    ),
    max_leaves=30,
)


def expected(value: Any) -> Any:
    """What a value looks like after a round trip: tuples become lists, integral floats become ints."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, float):
        if value.is_integer() and abs(value) <= SAFE and not (value == 0 and math.copysign(1, value) < 0):
            return int(value)
        return value
    if isinstance(value, (bytes, bytearray)):
        return bytes(value)
    if isinstance(value, str):
        # A surrogate pair written as two code points joins into one character in JS.
        return value.encode("utf-16", "surrogatepass").decode("utf-16", "surrogatepass")
    if isinstance(value, (list, tuple)):
        return [expected(v) for v in value]
    if isinstance(value, dict):
        return {expected(key): expected(item) for key, item in value.items()}
    return value


CTX = jscell.Context()
CTX.compile("function id(x) { return x }")


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(values)
def test_values_round_trip(value: Any) -> None:
    assert CTX.call("id", [value]) == expected(value)


js_atoms = st.sampled_from(
    [
        "1",
        "0",
        "-0",
        "NaN",
        "'s'",
        "null",
        "undefined",
        "[]",
        "{}",
        "x",
        "this",
        "Symbol()",
        "1n",
        "/a+/",
        "(()=>1)",
        "new Date(0)",
        "new Uint8Array(3)",
        "Math",
        "JSON",
        "globalThis",
        "arguments",
    ]
)
js_ops = st.sampled_from(["+", "-", "*", "/", "%", "**", "==", "===", "<", "&&", "||", "??", ",", "in", "instanceof"])


@st.composite
def js_expressions(draw: st.DrawFn, depth: int = 0) -> str:
    if depth > 3 or draw(st.booleans()):
        return draw(js_atoms)
    kind = draw(st.integers(0, 5))
    a = draw(js_expressions(depth + 1))
    if kind == 0:
        return f"({a} {draw(js_ops)} {draw(js_expressions(depth + 1))})"
    if kind == 1:
        return f"[{a}, {draw(js_expressions(depth + 1))}]"
    if kind == 2:
        return f"({{k: {a}}})"
    if kind == 3:
        return f"typeof {a}"
    if kind == 4:
        return f"String({a})"
    return f"JSON.stringify({a})"


@settings(max_examples=400, deadline=None)
@given(js_expressions())
def test_random_js_never_crashes(code: str) -> None:
    with jscell.Context(timeout=2) as ctx:
        try:
            ctx.evaluate(code)
        except (jscell.JSError, jscell.ConversionError):
            pass
        assert ctx.evaluate("1 + 1") == 2
