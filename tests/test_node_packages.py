"""Real npm packages loaded with ``require`` inside the sandbox, each script compared with node running it.

The packages are installed with npm at test time into a cache outside the clone (``JSCELL_TEST_CACHE``, by
default ``~/.cache/jscell-tests``), at pinned versions, never committed. Each script in
``tests/fixtures/node_packages/`` is a function body returning a JSON-able value; node runs it with that cache
as its working directory, jscell with the cache as the granted root, and the two answers must be equal.
Scripts only return what is deterministic (round trips instead of randomly padded ciphertexts).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

import jscell

PACKAGES = [
    "crypto-js@4.2.0",
    "sm-crypto@0.3.13",
    "jsencrypt@3.3.2",
    "node-rsa@1.1.1",
    "jsrsasign@11.1.0",
    "md5@2.3.0",
    "js-base64@3.7.7",
    "pako@2.1.0",
    "lodash@4.17.21",
    "qs@6.13.0",
    "uuid@9.0.1",
    "bignumber.js@9.1.2",
    "iconv-lite@0.6.3",
    "protobufjs@7.4.0",
    "nanoid@3.3.7",
]

SCRIPTS = sorted((Path(__file__).parent / "fixtures" / "node_packages").glob("*.js"))

NODE_RUNNER = """
const fs = require("fs");
const source = fs.readFileSync(process.argv[1], "utf8");
process.stdout.write(JSON.stringify(new Function("require", source)(require)));
"""


@pytest.fixture(scope="module")
def packages() -> Path:
    """The cache directory with every package installed (npm runs once per cache)."""
    if shutil.which("npm") is None or shutil.which("node") is None:
        pytest.fail("node and npm are needed to fetch the packages and to check the answers")
    root = os.environ.get("JSCELL_TEST_CACHE") or os.path.join(os.path.expanduser("~"), ".cache", "jscell-tests")
    cache = Path(root) / "npm"
    cache.mkdir(parents=True, exist_ok=True)
    stamp = cache / "installed.json"
    if not stamp.exists() or json.loads(stamp.read_text()) != PACKAGES:
        (cache / "package.json").write_text('{"name": "jscell-test-packages", "private": true}')
        command = ["npm", "install", "--no-audit", "--no-fund", "--ignore-scripts", "--no-save", *PACKAGES]
        subprocess.run(command, cwd=cache, check=True, capture_output=True, timeout=600)
        stamp.write_text(json.dumps(PACKAGES))
    return cache


def node_answer(script: Path, cwd: Path) -> object:
    done = subprocess.run(
        ["node", "-e", NODE_RUNNER, str(script)], cwd=cwd, capture_output=True, text=True, timeout=120, check=True
    )
    return json.loads(done.stdout)


@pytest.mark.parametrize("script", SCRIPTS, ids=[s.stem for s in SCRIPTS])
def test_a_package_gives_nodes_answer_inside_the_sandbox(script: Path, packages: Path) -> None:
    expected = node_answer(script, packages)
    with jscell.Context(node={"root": str(packages)}, timeout=60) as ctx:
        got = json.loads(ctx.evaluate(f"JSON.stringify((function () {{\n{script.read_text()}\n}})())"))
    assert got == expected


def test_the_packages_cannot_reach_past_the_root(packages: Path) -> None:
    with jscell.Context(node={"root": str(packages / "node_modules" / "crypto-js")}) as ctx:
        assert ctx.evaluate("require('./md5')('x').toString()") == "9dd4e461268c8034f5c8564e155c67a6"
        assert ctx.evaluate("try { require('../lodash') } catch (e) { e.code }") == "ERR_JSCELL_SANDBOX"
