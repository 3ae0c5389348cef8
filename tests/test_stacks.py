"""Stack traces show the user's code only: no frame of jscell's own helpers, and top-level code read as V8
prints it. `compile(filename=...)` names the file."""

from __future__ import annotations

import pytest

import jscell


def stack_of(run: object) -> str:
    with pytest.raises(jscell.JSError) as info:
        run()  # type: ignore[operator]
    return info.value.stack


def test_no_jscell_frame_in_any_stack(ctx: jscell.Context) -> None:
    ctx.compile("function f() { null.x }")
    stacks = [
        stack_of(lambda: ctx.evaluate("function g() { f() }\ng()")),
        stack_of(lambda: ctx.call("f")),
        ctx.evaluate("new Error('x').stack"),
        ctx.evaluate("(() => new Error('y').stack)()"),
        ctx.evaluate("try { null.y } catch (e) { e.stack }"),
    ]
    for stack in stacks:
        assert "<jscell>" not in stack and "<eval>" not in stack, stack
    assert stacks[0] == "    at f (<input>:1:15)\n    at g (<input>:1:15)\n    at <input>:2:1\n"
    assert stacks[2] == "    at <input>:1:5\n"


def test_compile_names_the_file(ctx: jscell.Context) -> None:
    stack = stack_of(lambda: ctx.compile("function sign() { null.x }\nsign()", filename="sign.js"))
    assert stack == "    at sign (sign.js:1:18)\n    at sign.js:2:1\n"
    assert stack_of(lambda: ctx.call("sign")) == "    at sign (sign.js:1:18)\n"
    with pytest.raises(ValueError, match="NUL"):
        ctx.compile("1", filename="a\0b")
