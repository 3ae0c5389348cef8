"""``Context(node=...)``: the settings of node compatibility, and the host's door to the files ``require`` may
read. The door is the only way the sandbox reaches a file: it answers for paths below the granted root and
refuses every other path, whether it leaves through ``..``, a symlink or an absolute path."""

from __future__ import annotations

import os
import posixpath

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable, Mapping
    from typing import Any

__all__ = ["NodeFiles", "grant", "node_settings"]

_KEYS = {"root", "modules", "env", "argv", "fs"}


def node_settings(node: Any) -> tuple[dict[str, Any], NodeFiles | None]:
    """``node=`` (True or a mapping) as the JSON-able settings ``installNode`` takes, and the door for the
    context's files (None when nothing is granted)."""
    from collections.abc import Mapping

    if node is True:
        options: dict[str, Any] = {}
    elif isinstance(node, Mapping):
        options = dict(node)  # pyright: ignore[reportUnknownArgumentType]
        unknown = set(options) - _KEYS
        if unknown:
            raise TypeError(f"unknown node setting(s): {', '.join(sorted(map(str, unknown)))}")
    else:
        raise TypeError(f"node must be True, False or a mapping of settings, not {type(node).__name__}")
    root: Any = options.get("root")
    modules: Any = options.get("modules")
    if not _can_serve(modules):
        raise TypeError("node's modules must be a mapping of names to sources, or a callable")
    given_env: Mapping[Any, Any] = options.get("env") or {}
    given_argv: list[Any] = list(options.get("argv") or [])
    env = {str(k): str(v) for k, v in given_env.items()}
    argv = [str(a) for a in given_argv]
    real_root: str | None = None
    if root is not None:
        real_root = os.path.realpath(os.fsdecode(root))
        if not os.path.isdir(real_root):
            raise ValueError(f"node's root must be a directory: {root!r}")
    files = None
    if real_root is not None or modules is not None:
        files = NodeFiles(real_root, modules)
    settings: dict[str, Any] = {
        "root": real_root or "/",
        "served": modules is not None,
        "env": env,
        "argv": argv,
        "fs": bool(options.get("fs", False)),
    }
    return settings, files


def _can_serve(modules: object) -> bool:
    """Whether ``modules`` is what ``node={"modules": ...}`` takes: None, a mapping or a callable."""
    from collections.abc import Mapping

    return modules is None or callable(modules) or isinstance(modules, Mapping)


def grant(context: Any, files: NodeFiles) -> None:
    """Gives ``context`` (a new context, or a fork of a snapshot, which does not inherit it) the door to
    ``files``: a function on the internal object, out of page code's reach (a NUL-led name,
    jscell_wire::INTERNAL)."""
    from jscell._jscell import Context as NativeContext

    NativeContext.register(context, "\x00nodeFs", files)


class NodeFiles:
    """What ``require`` (and, when granted, ``fs``) may read: the files below ``root``, plus modules served
    from memory. A mapping's keys are module names (``require("name")`` finds them before any
    ``node_modules``) or, starting with ``./``, files below the root; a callable is asked for a module name and
    answers its source or None."""

    def __init__(self, root: str | None, modules: Mapping[str, str] | Callable[[str], Any] | None) -> None:
        self._root = root
        self._base = root or "/"
        self._virtual: dict[str, bytes] = {}
        self._dirs: set[str] = set()
        self._serve = modules if callable(modules) else None
        self._named: dict[str, str] = {}
        if modules is not None and not callable(modules):
            for name, source in modules.items():
                name = str(name)
                if not name.startswith("./"):
                    self._named[name] = str(source)
                    continue
                path = posixpath.normpath(posixpath.join(self._base, name[2:]))
                if not self._below(path, self._base):
                    raise ValueError(f"node module {name!r} would lie outside the root")
                self._virtual[path] = str(source).encode()
                parent = posixpath.dirname(path)
                while self._below(parent, self._base) and parent not in self._dirs:
                    self._dirs.add(parent)
                    parent = posixpath.dirname(parent)

    @staticmethod
    def _below(path: str, root: str) -> bool:
        return root == "/" or path == root or path.startswith(root.rstrip("/") + "/")

    def _refusal(self, path: str) -> dict[str, str]:
        return {"refused": f"{path!r} is outside the directory granted to the sandbox ({self._base})"}

    def _real(self, path: str) -> str | dict[str, str] | None:
        """The real path for ``path`` if it lies below the root, or the refusal; None when the root is only
        virtual."""
        if not isinstance(path, str) or not path.startswith("/") or "\0" in path:
            return self._refusal(str(path))
        normal = posixpath.normpath(path)
        if not self._below(normal, self._base):
            return self._refusal(path)
        if self._root is None:
            return None
        real = os.path.realpath(normal)
        if not self._below(real, self._root):
            return self._refusal(path)
        return real

    def __call__(self, op: str, path: str) -> Any:
        if op == "module":
            if self._serve is None:
                return self._named.get(path)
            source = self._serve(path)
            return None if source is None else str(source)
        if op not in ("stat", "read", "list"):
            return {"refused": f"unknown file operation {op!r}"}
        real = self._real(path)
        if isinstance(real, dict):
            return real
        normal = posixpath.normpath(path)
        if normal in self._virtual:
            data = self._virtual[normal]
            return {"stat": {"type": "file", "size": len(data), "mtimeMs": 0}, "read": data, "list": None}[op]
        if normal in self._dirs and op == "stat":
            return {"type": "dir", "size": 0, "mtimeMs": 0}
        if real is None:
            return self._list_virtual(normal) if op == "list" and normal in self._dirs else None
        return self._on_disk(op, real)

    def _list_virtual(self, directory: str) -> list[str]:
        prefix = directory.rstrip("/") + "/"
        names = {
            p[len(prefix) :].split("/", 1)[0]
            for p in [*self._virtual, *self._dirs]
            if p.startswith(prefix) and p != directory
        }
        return sorted(names)

    @staticmethod
    def _on_disk(op: str, real: str) -> Any:
        try:
            if op == "stat":
                info = os.stat(real)
                kind = "dir" if os.path.isdir(real) else "file" if os.path.isfile(real) else "other"
                return {"type": kind, "size": info.st_size, "mtimeMs": info.st_mtime * 1000}
            if op == "read":
                if not os.path.isfile(real):
                    return None
                with open(real, "rb") as file:
                    return file.read()
            return sorted(os.listdir(real)) if os.path.isdir(real) else None
        except OSError:
            return None
