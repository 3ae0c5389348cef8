"""node's core modules in jscell against node itself: every probe in ``tests/fixtures/node_probes/*.json`` (a JS
expression using ``require``) is answered by node (``tests/node_oracle.js``) and by a fresh
``Context(node=True)``, both serialized by ``tests/fixtures/node_serialize.js``, and the answers must be equal.
The ``*_expected.json`` and ``*_vectors.json`` files hold what node cannot answer (known vectors, what the sandbox
refuses, files served to ``fs``): ``{"expr", "expect"}`` and, when the case needs them, its ``node`` settings."""

from __future__ import annotations

import json
import shutil
import subprocess
from functools import cache
from pathlib import Path

import pytest

import jscell

HERE = Path(__file__).parent
PROBES = HERE / "fixtures" / "node_probes"
SERIALIZE = (HERE / "fixtures" / "node_serialize.js").read_text()
FILES = sorted(p for p in PROBES.glob("*.json") if not p.stem.endswith(("_expected", "_vectors")))
EXPECTED = sorted(p for p in PROBES.glob("*.json") if p.stem.endswith(("_expected", "_vectors")))

SETTLE = """
(async () => {
    const serialize = %s;
    try { return JSON.stringify(serialize(await (%s))); }
    catch (error) { return JSON.stringify({ threw: error && error.name, code: error && error.code }); }
})()
"""


@cache
def node_answers(file: Path) -> list[object]:
    if shutil.which("node") is None:
        pytest.fail("node is the oracle for these tests")
    done = subprocess.run(
        ["node", str(HERE / "node_oracle.js"), str(file)], capture_output=True, text=True, timeout=300, check=True
    )
    return json.loads(done.stdout)


def jscell_answer(probe: str, node: object = True) -> object:
    with jscell.Context(node=node, timeout=30) as ctx:  # type: ignore[arg-type]
        return json.loads(ctx.evaluate(SETTLE % (SERIALIZE, probe)))


CASES = [(file, i, probe) for file in FILES for i, probe in enumerate(json.loads(file.read_text()))]


@pytest.mark.parametrize(("file", "index", "probe"), CASES, ids=[f"{f.stem}-{i}" for f, i, _ in CASES])
def test_a_core_module_answers_as_node_does(file: Path, index: int, probe: str) -> None:
    assert jscell_answer(probe) == node_answers(file)[index], probe


KNOWN = [(file, i, case) for file in EXPECTED for i, case in enumerate(json.loads(file.read_text()))]


@pytest.mark.parametrize(("file", "index", "case"), KNOWN, ids=[f"{f.stem}-{i}" for f, i, _ in KNOWN])
def test_a_known_answer(file: Path, index: int, case: dict[str, object]) -> None:
    assert jscell_answer(str(case["expr"]), case.get("node", True)) == case["expect"], case["expr"]
