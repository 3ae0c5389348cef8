"""JS exceptions as Python exceptions."""

from __future__ import annotations

import pickle

import pytest

import jscell


def test_error_fields_and_str(ctx: jscell.Context) -> None:
    ctx.compile("function inner() { null.x }\nfunction outer() { inner() }")
    with pytest.raises(jscell.JSError) as info:
        ctx.call("outer")
    err = info.value
    assert err.name == "TypeError"
    assert "null" in err.message
    assert "inner" in err.stack and "outer" in err.stack
    text = str(err)
    assert text.startswith(f"TypeError: {err.message}\n")
    assert "at inner" in text
    assert err.value is None


def test_not_a_function_message(ctx: jscell.Context) -> None:
    with pytest.raises(jscell.JSError) as info:
        ctx.evaluate("var x = 1; x()")
    assert str(info.value).startswith("TypeError: not a function")


@pytest.mark.parametrize(
    ("code", "value", "message"),
    [
        ("throw 1", 1, "1"),
        ("throw 'text'", "text", "text"),
        ("throw {a: 1}", {"a": 1}, "[object Object]"),
        ("throw null", None, "null"),
        ("throw [1, 2]", [1, 2], "1,2"),
    ],
)
def test_throwing_non_errors_keeps_the_value(ctx: jscell.Context, code: str, value: object, message: str) -> None:
    with pytest.raises(jscell.JSError) as info:
        ctx.compile(code)
    assert info.value.value == value
    assert info.value.name is None
    assert info.value.message == message
    assert str(info.value) == f"Uncaught {message}"


def test_throwing_an_unconvertible_value(ctx: jscell.Context) -> None:
    with pytest.raises(jscell.JSError) as info:
        ctx.compile("throw Symbol('odd')")
    assert info.value.value is None
    assert info.value.message == "<a value that cannot be printed>"


def test_error_whose_properties_throw(ctx: jscell.Context) -> None:
    code = """
    const e = new Error('x');
    Object.defineProperty(e, 'message', { get() { throw new Error('again') } });
    Object.defineProperty(e, 'name', { get() { throw 1 } });
    throw e
    """
    with pytest.raises(jscell.JSError) as info:
        ctx.compile(code)
    assert info.value.name == "Error"
    assert info.value.message == ""
    assert ctx.evaluate("1") == 1


def test_error_subclasses_keep_their_name(ctx: jscell.Context) -> None:
    ctx.compile("class SignError extends Error { constructor(m) { super(m); this.name = 'SignError' } }")
    with pytest.raises(jscell.JSError) as info:
        ctx.evaluate("throw new SignError('bad key')")
    assert (info.value.name, info.value.message) == ("SignError", "bad key")


def test_syntax_errors(ctx: jscell.Context) -> None:
    for run in (ctx.compile, ctx.evaluate, lambda code: ctx.eval(code, return_value=True)):
        with pytest.raises(jscell.JSSyntaxError) as info:
            run("function (")
        assert isinstance(info.value, jscell.JSError)
        assert info.value.name == "SyntaxError"
    assert ctx.evaluate("'after'") == "after"


def test_context_survives_many_errors(ctx: jscell.Context) -> None:
    for i in range(200):
        with pytest.raises(jscell.JSError):
            ctx.evaluate(f"throw new Error('e{i}')")
    assert ctx.evaluate("40 + 2") == 42


def test_exceptions_pickle(ctx: jscell.Context) -> None:
    with pytest.raises(jscell.JSError) as info:
        ctx.compile("throw new RangeError('far')")
    copy = pickle.loads(pickle.dumps(info.value))
    assert (copy.name, copy.message, copy.stack) == (info.value.name, "far", info.value.stack)


def test_error_classes() -> None:
    assert issubclass(jscell.JSSyntaxError, jscell.JSError)
    assert issubclass(jscell.ConversionError, TypeError)
    assert issubclass(jscell.ContextClosedError, RuntimeError)
    assert issubclass(jscell.EngineError, RuntimeError)


def test_js_cannot_pass_its_own_errors_off_as_jscell_outcomes(ctx: jscell.Context) -> None:
    # What happened is told by identity, not by name and message: these are ordinary JS errors.
    for code, name in [
        ('throw new InternalError("out of memory")', "InternalError"),
        ('throw new InternalError("interrupted")', "InternalError"),
        ('throw Object.assign(new Error("fake"), { name: "PythonError" })', "PythonError"),
        ('throw new SyntaxError("not from the parser")', "SyntaxError"),
    ]:
        with pytest.raises(jscell.JSError) as info:
            ctx.evaluate(code)
        assert type(info.value) is jscell.JSError, code
        assert info.value.name == name


def test_a_python_error_caught_and_rethrown_by_js_is_still_the_python_exception(ctx: jscell.Context) -> None:
    class Refused(Exception):
        pass

    @ctx.function
    def refuse() -> None:
        raise Refused("no")

    with pytest.raises(Refused):
        ctx.evaluate("try { refuse() } catch (e) { throw e }")
    # A PythonError-named error made by JS after a real one was caught is JS's own.
    with pytest.raises(jscell.JSError) as info:
        ctx.evaluate("try { refuse() } catch (e) {} throw Object.assign(new Error('mine'), { name: 'PythonError' })")
    assert info.value.message == "mine"


def test_parse_errors_from_eval_and_json_are_syntax_errors(ctx: jscell.Context) -> None:
    for code in ["eval('(')", "new Function('{')", "JSON.parse('{')"]:
        with pytest.raises(jscell.JSSyntaxError):
            ctx.evaluate(code)


def test_source_the_compiler_refuses_is_a_syntax_error(ctx: jscell.Context) -> None:
    # These come from QuickJS's compiler rather than its parser: still source that does not parse.
    for code in ["var r = /(/", "class A { m() { return this.#missing } }"]:
        with pytest.raises(jscell.JSSyntaxError):
            ctx.compile(code)
