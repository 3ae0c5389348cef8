"""docs/architecture.md draws each Rust crate's module graph; these tests hold it to the code's own imports.

Every ``crate::module`` a module refers to is an edge. The drawn graph must be exactly the code's, and it must
have no cycle: a change that adds an import has to redraw the graph, and cannot close a loop.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).parent.parent
CRATES = ["engine-wasm/src", "host/src", "python/src"]


def code_graph(source: Path) -> dict[str, set[str]]:
    """Module -> the modules of the same crate it refers to (``lib.rs``, the crate root, is left out)."""
    graph: dict[str, set[str]] = {}
    for file in sorted(source.glob("*.rs")):
        if file.stem == "lib":
            continue
        text = file.read_text()
        deps = set(re.findall(r"\bcrate::([a-z_]+)", text))
        for group in re.findall(r"use crate::\{([^}]*)\}", text):
            deps.update(part.strip().split("::")[0] for part in group.split(",") if part.strip())
        deps.discard(file.stem)
        graph[file.stem] = deps
    return graph


def drawn_graph(crate: str) -> dict[str, set[str]]:
    """The graph drawn for ``crate`` in docs/architecture.md: a mermaid block opened by ``%% modules of <crate>``."""
    text = (ROOT / "docs" / "architecture.md").read_text()
    block = re.search(rf"```mermaid\n[^`]*?%% modules of {re.escape(crate)}\n(.*?)```", text, flags=re.S)
    assert block, f"docs/architecture.md draws no module graph for {crate}"
    graph: dict[str, set[str]] = {}
    for line in block.group(1).splitlines():
        edge = re.fullmatch(r"\s*([a-z_]+)\s*-->\s*([a-z_]+)\s*", line)
        alone = re.fullmatch(r"\s*([a-z_]+)\s*", line)
        if edge:
            graph.setdefault(edge.group(1), set()).add(edge.group(2))
            graph.setdefault(edge.group(2), set())
        elif alone:
            graph.setdefault(alone.group(1), set())
    return graph


def cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """A cycle of ``graph`` as a path, or None."""
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for dep in sorted(graph.get(node, ())):
            if state.get(dep) == 1:
                return [*path[path.index(dep) :], dep]
            if dep not in state and (found := visit(dep)):
                return found
        state[node] = 2
        path.pop()
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


@pytest.mark.parametrize("crate", CRATES)
def test_the_drawn_module_graph_is_the_codes(crate: str) -> None:
    assert drawn_graph(crate) == code_graph(ROOT / crate)


@pytest.mark.parametrize("crate", CRATES)
def test_modules_have_no_cycles(crate: str) -> None:
    assert cycle(code_graph(ROOT / crate)) is None


def test_the_cycle_finder_finds_cycles() -> None:
    assert cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert cycle({"a": {"b"}, "b": set()}) is None
