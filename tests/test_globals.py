"""ctx.globals: the global object's properties as a Python mapping, with the core's value conversion."""

from __future__ import annotations

import pytest

import jscell


def test_set_get_contains_delete(ctx: jscell.Context) -> None:
    g = ctx.globals
    g["config"] = {"key": "k3y", "rounds": [1, 2, 3], "big": 2**70}
    assert "config" in g
    assert ctx.evaluate("config.key + config.rounds.length + typeof config.big") == "k3y3bigint"
    assert g["config"] == {"key": "k3y", "rounds": [1, 2, 3], "big": 2**70}
    del g["config"]
    assert "config" not in g
    assert ctx.evaluate("typeof config") == "undefined"


def test_missing_names(ctx: jscell.Context) -> None:
    with pytest.raises(KeyError):
        ctx.globals["nope"]
    with pytest.raises(KeyError):
        del ctx.globals["nope"]
    assert ctx.globals.get("nope") is None
    assert ctx.globals.get("nope", 5) == 5
    assert 3 not in ctx.globals  # type: ignore[operator]


def test_sees_compiled_declarations(ctx: jscell.Context) -> None:
    ctx.compile("var counter = 1; function bump() { return ++counter }")
    assert ctx.globals["counter"] == 1
    ctx.globals["counter"] = 10
    assert ctx.call("bump") == 11
    assert "Math" in ctx.globals and "bump" in ctx.globals


def test_undefined_valued_global_exists(ctx: jscell.Context) -> None:
    ctx.compile("var empty = undefined")
    assert "empty" in ctx.globals
    assert ctx.globals["empty"] is None


def test_unconvertible_values_raise(ctx: jscell.Context) -> None:
    with pytest.raises(jscell.ConversionError, match=r"at value\['s'\]"):
        ctx.globals["bad"] = {"s": {1, 2}}
    assert "bad" not in ctx.globals
    ctx.compile("var fn = () => 1")
    with pytest.raises(jscell.ConversionError, match="function"):
        ctx.globals["fn"]


def test_getters_and_setters_run_with_limits() -> None:
    with jscell.Context(timeout=0.1) as ctx:
        ctx.compile("Object.defineProperty(globalThis, 'slow', { get() { for (;;) {} }, configurable: true })")
        with pytest.raises(jscell.JSTimeoutError):
            ctx.globals["slow"]
        ctx.compile("Object.defineProperty(globalThis, 'guarded', { set(v) { throw new TypeError('read-only') } })")
        with pytest.raises(jscell.JSError, match="read-only"):
            ctx.globals["guarded"] = 1


def test_non_configurable_cannot_be_deleted(ctx: jscell.Context) -> None:
    ctx.compile("Object.defineProperty(globalThis, 'fixed', { value: 1 })")
    with pytest.raises(TypeError, match="cannot be deleted"):
        del ctx.globals["fixed"]
    assert ctx.globals["fixed"] == 1


def test_closed_context(ctx: jscell.Context) -> None:
    g = ctx.globals
    ctx.close()
    with pytest.raises(jscell.ContextClosedError):
        g["x"] = 1


def test_globals_is_a_mutable_mapping(ctx: jscell.Context) -> None:
    from collections.abc import MutableMapping

    assert isinstance(ctx.globals, MutableMapping)
    before = set(ctx.globals)
    assert len(ctx.globals) == len(before) == ctx.evaluate("Object.keys(globalThis).length")
    ctx.compile("var a = 1; function f() {}; let hidden = 2")
    ctx.globals.update({"b": [2], "c": "three"})
    assert set(ctx.globals) - before == {"a", "f", "b", "c"}
    assert set(ctx.globals.keys()) == set(ctx.evaluate("Object.keys(globalThis)"))
    assert ctx.globals.pop("c") == "three" and "c" not in ctx.globals
    assert ctx.globals.setdefault("d", 4) == 4 and ctx.evaluate("d") == 4
    # Non-enumerable own properties are reachable by name but not listed, as with Object.keys.
    ctx.compile("Object.defineProperty(globalThis, 'secret', { value: 1, enumerable: false, configurable: true })")
    assert "secret" in ctx.globals and "secret" not in list(ctx.globals)


def test_deleting_a_var_is_refused(ctx: jscell.Context) -> None:
    ctx.compile("var kept = 1")
    with pytest.raises(TypeError, match="cannot be deleted"):
        del ctx.globals["kept"]
    assert ctx.globals["kept"] == 1
