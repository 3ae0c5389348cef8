"""Values both ways, type by type."""

from __future__ import annotations

import math
import struct
from datetime import datetime, timedelta, timezone

import pytest

import jscell


@pytest.fixture
def echo(ctx: jscell.Context) -> jscell.Context:
    ctx.compile(
        "function id(x) { return x } function type(x) { return Object.prototype.toString.call(x) + ':' + typeof x }"
    )
    return ctx


def test_none_null_undefined(echo: jscell.Context) -> None:
    assert echo.evaluate("null") is None
    assert echo.evaluate("undefined") is None
    assert echo.call("id", [None]) is None
    assert echo.call("type", [None]) == "[object Null]:object"


def test_bool(echo: jscell.Context) -> None:
    assert echo.evaluate("true") is True
    assert echo.evaluate("false") is False
    assert echo.call("type", [True]) == "[object Boolean]:boolean"
    assert echo.call("id", [False]) is False


@pytest.mark.parametrize("n", [0, 1, -1, 2**31 - 1, 2**31, -(2**31) - 1, 2**53 - 1, -(2**53 - 1)])
def test_safe_ints_stay_numbers(echo: jscell.Context, n: int) -> None:
    assert echo.call("type", [n]) == "[object Number]:number"
    result = echo.call("id", [n])
    assert result == n and type(result) is int


@pytest.mark.parametrize("n", [2**53, -(2**53), 2**64 + 7, -(10**40), 10**100])
def test_large_ints_become_bigint(echo: jscell.Context, n: int) -> None:
    assert echo.call("type", [n]) == "[object BigInt]:bigint"
    assert echo.call("id", [n]) == n
    assert echo.call("String", [n]) == str(n)


def test_bigint_to_int(echo: jscell.Context) -> None:
    assert echo.evaluate("123n") == 123
    assert echo.evaluate("-(2n ** 100n)") == -(2**100)
    assert echo.evaluate("2n ** 64n + 1n") == 2**64 + 1


def test_integral_numbers_come_back_as_int(echo: jscell.Context) -> None:
    assert echo.evaluate("4 / 2") == 2 and type(echo.evaluate("4 / 2")) is int
    assert type(echo.evaluate("1e15")) is int
    assert type(echo.evaluate("1e300")) is float
    assert echo.evaluate("0.5") == 0.5


def test_floats_special_values(echo: jscell.Context) -> None:
    assert math.isnan(echo.evaluate("NaN"))
    assert echo.evaluate("Infinity") == math.inf
    assert echo.evaluate("-Infinity") == -math.inf
    negative_zero = echo.evaluate("-0")
    assert negative_zero == 0 and math.copysign(1, negative_zero) == -1
    assert math.isnan(echo.call("id", [math.nan]))
    assert echo.call("id", [math.inf]) == math.inf
    assert math.copysign(1, echo.call("id", [-0.0])) == -1
    echo.compile("function isNegativeZero(x) { return Object.is(x, -0) }")
    assert echo.call("isNegativeZero", [-0.0]) is True
    assert echo.call("isNegativeZero", [0.0]) is False
    assert echo.call("id", [0.1]) == 0.1


@pytest.mark.parametrize(
    "text",
    ["", "plain", "héllo wörld", "中文字符", "emoji 😀🎉", "nul\x00inside", "\x00", "a\u2028b", "\U0010ffff"],
)
def test_strings_round_trip(echo: jscell.Context, text: str) -> None:
    assert echo.call("id", [text]) == text


def test_string_lengths_are_utf16_in_js(echo: jscell.Context) -> None:
    echo.compile("function len(s) { return s.length }")
    assert echo.call("len", ["😀"]) == 2
    assert echo.call("len", ["a\x00b"]) == 3


def test_lone_surrogates_are_kept(echo: jscell.Context) -> None:
    assert echo.evaluate("'\\ud800'") == "\ud800"
    assert echo.evaluate("'a\\udc00b'") == "a\udc00b"
    assert echo.call("id", ["x\udfffy"]) == "x\udfffy"
    echo.compile("function codes(s) { return Array.from({length: s.length}, (_, i) => s.charCodeAt(i)) }")
    assert echo.call("codes", ["\ud800"]) == [0xD800]
    # A surrogate pair written as two code points joins into one character in JS, as in UTF-16.
    assert echo.call("id", ["\ud83d\ude00"]) == "😀"


def test_lists_tuples_arrays(echo: jscell.Context) -> None:
    assert echo.call("id", [[1, "a", None, [2.5, []]]]) == [1, "a", None, [2.5, []]]
    assert echo.call("id", [(1, 2)]) == [1, 2]
    assert echo.call("Array.isArray", [(1, 2)]) is True
    assert echo.evaluate("[1, , 3]") == [1, None, 3]


def test_dicts_objects(echo: jscell.Context) -> None:
    value = {"a": 1, "b": {"c": [True, None]}, "": "empty", "ключ": "значение", "1": "digit"}
    assert echo.call("id", [value]) == value
    assert echo.evaluate("({x: 1, y: 'z'})") == {"x": 1, "y": "z"}
    assert echo.evaluate("Object.create({inherited: 1}, {own: {value: 2, enumerable: true}})") == {"own": 2}


def test_proto_key_is_data_not_prototype(echo: jscell.Context) -> None:
    echo.compile(
        "function proto(o) { return [Object.getPrototypeOf(o) === Object.prototype, o.polluted, o.__proto__] }"
    )
    assert echo.call("proto", [{"__proto__": {"polluted": 1}}]) == [True, None, {"polluted": 1}]
    assert echo.evaluate("({}).polluted") is None


def test_bytes_become_uint8array(echo: jscell.Context) -> None:
    for value in (b"\x00\x01\xff", bytearray(b"abc"), memoryview(b"xyz")):
        assert echo.call("type", [value]) == "[object Uint8Array]:object"
        assert echo.call("id", [value]) == bytes(value)
    assert echo.call("id", [b""]) == b""


def test_typed_arrays_and_buffers_become_bytes(echo: jscell.Context) -> None:
    assert echo.evaluate("new Uint8Array([1, 2, 255])") == b"\x01\x02\xff"
    assert echo.evaluate("new Uint16Array([1, 258])") == b"\x01\x00\x02\x01"
    assert echo.evaluate("new Uint8Array([1, 2, 3, 4]).subarray(1, 3)") == b"\x02\x03"
    assert echo.evaluate("new Float64Array([1.5]).buffer") == struct.pack("<d", 1.5)
    assert echo.evaluate("new Uint8Array([9, 8]).buffer") == b"\x09\x08"


def test_dates(echo: jscell.Context) -> None:
    value = echo.evaluate("new Date(Date.UTC(2024, 1, 29, 12, 30, 15, 250))")
    assert value == datetime(2024, 2, 29, 12, 30, 15, 250000, tzinfo=timezone.utc)
    assert value.tzinfo is not None
    moment = datetime(2001, 9, 9, 1, 46, 40, tzinfo=timezone(timedelta(hours=2)))
    assert echo.call("type", [moment]) == "[object Date]:object"
    assert echo.call("id", [moment]) == moment
    with pytest.raises(jscell.ConversionError, match="invalid JS Date"):
        echo.evaluate("new Date(NaN)")


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ({1, 2}, "a set"),
        (object(), "an object"),
        ((x for x in []), "a generator"),
        ({1: "a"}, "keys must be str"),
        (lambda: 1, "a function"),
        (frozenset(), "a frozenset"),
        (1j, "a complex"),
    ],
)
def test_unconvertible_python_values(echo: jscell.Context, value: object, fragment: str) -> None:
    with pytest.raises(jscell.ConversionError, match=fragment) as info:
        echo.call("id", [value])
    assert isinstance(info.value, TypeError)
    assert "args[0]" in str(info.value)


def test_unconvertible_python_value_names_its_place(echo: jscell.Context) -> None:
    with pytest.raises(jscell.ConversionError, match=r"at args\[1\]\['a'\]\[2\]"):
        echo.call("id", [1, {"a": [0, 1, {3}]}])
    with pytest.raises(jscell.ConversionError, match=r"at args\[0\]"):
        echo.call("id", {1})


def test_python_cycles_are_refused(echo: jscell.Context) -> None:
    looped: list[object] = [1]
    looped.append(looped)
    with pytest.raises(jscell.ConversionError, match="contains itself"):
        echo.call("id", [looped])
    d: dict[str, object] = {}
    d["self"] = d
    with pytest.raises(
        jscell.ConversionError, match=r"a dict that contains itself to a JS value \(at args\[0\]\['self'\]\)"
    ):
        echo.call("id", [d])
    shared = [1]
    assert echo.call("id", [[shared, shared]]) == [[1], [1]]


@pytest.mark.parametrize(
    ("code", "fragment"),
    [
        ("(function f() {})", "a JS function"),
        ("Symbol('s')", "a JS symbol"),
        ("(() => { const o = {}; o.me = o; return o })()", "cyclic"),
        ("({ok: 1, bad: [1, () => 2]})", r'at result\["bad"\]\[1\]'),
    ],
)
def test_unconvertible_js_values(echo: jscell.Context, code: str, fragment: str) -> None:
    with pytest.raises(jscell.ConversionError, match=fragment):
        echo.evaluate(code)
    assert echo.evaluate("'still usable'") == "still usable"


def test_deep_python_nesting_is_a_clean_error(echo: jscell.Context) -> None:
    deep: list[object] = []
    for _ in range(100_000):
        deep = [deep]
    with pytest.raises(jscell.ConversionError, match="nested more than 1000 levels"):
        echo.call("id", [deep])
    ok: list[object] = []
    for _ in range(900):
        ok = [ok]
    assert echo.call("id", [ok]) == ok


def test_deep_js_nesting_is_a_clean_error(echo: jscell.Context) -> None:
    with pytest.raises(jscell.ConversionError, match="nested more than 1000 levels"):
        echo.evaluate("let d = []; for (let i = 0; i < 100000; i++) d = [d]; d")
    assert echo.evaluate("let e = []; for (let i = 0; i < 900; i++) e = [e]; 'fine'") == "fine"


def test_getter_that_throws_during_conversion(echo: jscell.Context) -> None:
    with pytest.raises(jscell.JSError, match="boom"):
        echo.evaluate("({get x() { throw new Error('boom') }})")
    assert echo.evaluate("({get x() { return 5 }})") == {"x": 5}


def test_nested_round_trip_of_a_large_document(echo: jscell.Context) -> None:
    doc = {
        "users": [
            {"id": i, "name": f"user{i}", "tags": ["a", "b"], "score": i / 3, "active": i % 2 == 0, "meta": None}
            for i in range(500)
        ]
    }
    assert echo.call("id", [doc]) == doc
