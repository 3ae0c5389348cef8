"""PyExecJS's own test suite, run against ``jscell.execjs``.

The suite (``test_execjs.py`` from PyExecJS 1.5.1's sdist on PyPI) is downloaded at test time into a cache
outside the clone, never committed. It runs in a subprocess where ``import execjs`` resolves to
``jscell.execjs`` (an alias package on ``sys.path``) and no node is reachable: ``PATH`` holds only this
directory holding only a ``python`` program, which PyExecJS's suite expects to find. Its Nashorn and PhantomJS tests
need those programs; as on any machine without them, they are reported as skipped.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tarfile
import textwrap
from pathlib import Path

import pytest

SDIST = "PyExecJS-1.5.1.tar.gz"
SDIST_SHA256 = "34cc1d070976918183ff7bdc0ad71f8157a891c92708c00c5fbbff7a769f505c"
# The suite imports `six` (for six.PY3); PyExecJS 1.5.1 depends on it.
SIX = "six-1.17.0-py2.py3-none-any.whl"
SIX_SHA256 = "4721f391ed90541fddacab5acf947aa0d3dc7d27b2e1e8eda2be8970586c3274"

ALIAS = '''\
"""`execjs` is `jscell.execjs`: the package and each of its submodules, under PyExecJS's module names."""
import importlib
import pkgutil
import sys

import jscell.execjs as _target

for _info in pkgutil.iter_modules(_target.__path__):
    if _info.name != "__main__":
        sys.modules["execjs." + _info.name] = importlib.import_module("jscell.execjs." + _info.name)
sys.modules["execjs"] = _target
'''

RUNNER = """\
import json
import sys
import unittest

import execjs
import test_execjs

assert execjs.__name__ == "jscell.execjs", execjs.__name__


def skip_when_unavailable(cls):
    # PyExecJS's suite lets setUp fail when a runtime's program is missing; report those tests as skipped.
    original = cls.setUp

    def setUp(self):
        try:
            original(self)
        except execjs.RuntimeUnavailableError as err:
            raise unittest.SkipTest(str(err))

    cls.setUp = setUp


skip_when_unavailable(test_execjs.NashornRuntimeTest)
skip_when_unavailable(test_execjs.PhantomJSRuntimeTest)

suite = unittest.defaultTestLoader.loadTestsFromModule(test_execjs)
result = unittest.TextTestRunner(stream=sys.stderr, verbosity=2).run(suite)
print(json.dumps({
    "run": result.testsRun,
    "failures": [test.id() for test, _ in result.failures],
    "errors": [test.id() for test, _ in result.errors],
    "skipped": sorted(test.id() for test, _ in result.skipped),
    "default_runtime": execjs.get().name,
    "node_runtime": execjs.get("Node").name,
}))
sys.exit(0 if result.wasSuccessful() else 1)
"""


def cache_dir() -> Path:
    root = os.environ.get("JSCELL_TEST_CACHE") or os.path.join(os.path.expanduser("~"), ".cache", "jscell-tests")
    path = Path(root) / "pyexecjs-1.5.1"
    path.mkdir(parents=True, exist_ok=True)
    return path


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def download(name: str, digest: str, requirement: str, *pip_options: str) -> Path:
    """The file ``name`` from PyPI (through pip), checked against its digest, cached."""
    cache = cache_dir()
    path = cache / name
    if path.exists() and sha256(path) == digest:
        return path
    command = [sys.executable, "-m", "pip", "download", "--no-deps", "-q", *pip_options]
    completed = subprocess.run(
        [*command, "-d", str(cache), requirement], capture_output=True, text=True, timeout=600, check=False
    )
    if completed.returncode != 0 or not path.exists():
        pytest.fail(f"cannot download {requirement} from PyPI:\n{completed.stdout}\n{completed.stderr}")
    assert sha256(path) == digest, f"{name} from PyPI does not match its pinned sha256"
    return path


@pytest.fixture(scope="module")
def peer_suite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A directory holding PyExecJS's test module, the `execjs` alias package and the runner."""
    sdist = download(SDIST, SDIST_SHA256, "PyExecJS==1.5.1", "--no-binary", ":all:")
    six = download(SIX, SIX_SHA256, "six==1.17.0", "--only-binary", ":all:")
    work = tmp_path_factory.mktemp("pyexecjs-suite")
    with tarfile.open(sdist) as archive:
        member = archive.extractfile("PyExecJS-1.5.1/test_execjs.py")
        assert member is not None
        (work / "test_execjs.py").write_bytes(member.read())
    shutil.copy(six, work / SIX)
    (work / "execjs").mkdir()
    (work / "execjs" / "__init__.py").write_text(ALIAS)
    (work / "run_suite.py").write_text(RUNNER)
    return work


def run_suite(work: Path) -> tuple[subprocess.CompletedProcess[str], dict]:
    # PyExecJS's suite checks that a `python` program is on PATH (it never runs it); nothing else is there.
    bin_dir = work / "bin"
    if not bin_dir.exists():
        bin_dir.mkdir()
        (bin_dir / "python").symlink_to(sys.executable)
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("PATH", "PYTHONPATH", "EXECJS_RUNTIME", "NODE_PATH")
    }
    env["PATH"] = str(bin_dir)
    env["PYTHONPATH"] = os.pathsep.join([str(work), str(work / SIX)])
    completed = subprocess.run(
        [sys.executable, str(work / "run_suite.py")],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    lines = completed.stdout.strip().splitlines()
    assert lines, f"the suite printed nothing:\n{completed.stderr}"
    return completed, json.loads(lines[-1])


def test_pyexecjs_suite_passes_against_the_shim(peer_suite: Path) -> None:
    completed, summary = run_suite(peer_suite)
    assert completed.returncode == 0, textwrap.indent(completed.stderr, "    ")
    assert summary["failures"] == [] and summary["errors"] == [], completed.stderr
    assert summary["default_runtime"] == "JSCell" and summary["node_runtime"] == "JSCell"
    # 11 tests in each of the four runtime classes, 3 common ones, and the doctest of the package's docstring.
    assert summary["run"] == 4 * 11 + 3 + 1, completed.stderr
    skipped_classes = {test.rsplit(".", 2)[-2] for test in summary["skipped"]}
    assert skipped_classes == {"NashornRuntimeTest", "PhantomJSRuntimeTest"}
    assert len(summary["skipped"]) == 2 * 11
    # Every test of the default and Node classes ran and passed against jscell.
    assert "test_execjs.DefaultRuntimeTest.test_exec" in completed.stderr
    assert "test_execjs.NodeRuntimeTest.test_compile_large_scripts" in completed.stderr
