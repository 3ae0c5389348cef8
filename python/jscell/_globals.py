"""``jscell.Globals``: a context's global object as a ``collections.abc.MutableMapping``."""

from __future__ import annotations

from collections.abc import MutableMapping

from jscell._jscell import Globals as _NativeGlobals

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

__all__ = ["Globals"]


class Globals(_NativeGlobals, MutableMapping["str", "Any"]):
    """The properties of ``globalThis``: ``ctx.globals["x"] = 1``, ``ctx.globals["x"]``, ``"x" in ctx.globals``,
    ``del ctx.globals["x"]``, ``len``, iteration, ``keys()``, ``items()``, ``update()``...

    Iteration and ``len`` cover the enumerable own string-keyed properties, as ``Object.keys(globalThis)`` does;
    ``let``/``const`` bindings are not properties, as in JS. The mixin methods come from ``MutableMapping``.
    """

    __slots__ = ()
