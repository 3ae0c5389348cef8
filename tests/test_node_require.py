"""``Context(node=...)``: ``require`` with node's CommonJS resolution inside the sandbox, the granted root as
the only files it can read, modules served from Python, and node's globals."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

import jscell


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    write(
        root,
        {
            "sign.js": "const { md5 } = require('./lib/util'); exports.sign = (s) => 'signed:' + md5(s);",
            "lib/util.js": "exports.md5 = (s) => s.split('').reverse().join(''); exports.file = __filename;",
            "data.json": '{"answer": 42}',
            "entry.cjs": "module.exports = 'cjs entry';",
            "dir/index.js": "module.exports = 'dir index';",
            "a.js": "exports.before = true; const b = require('./b'); exports.sawB = b.done; exports.done = true;",
            "b.js": "const a = require('./a'); exports.sawA = {...a}; exports.done = true;",
            "counter.js": "globalThis.loads = (globalThis.loads || 0) + 1; module.exports = globalThis.loads;",
            "throws.js": "throw new Error('boom at load');",
            "node_modules/plain/package.json": '{"name": "plain", "main": "lib/main.js"}',
            "node_modules/plain/lib/main.js": "module.exports = { name: 'plain', dir: __dirname };",
            "node_modules/mapped/package.json": json.dumps(
                {
                    "name": "mapped",
                    "exports": {
                        ".": {"import": "./esm.mjs", "require": "./index.cjs"},
                        "./feature": {"default": "./lib/feature.js"},
                        "./sub/*": "./lib/sub/*.js",
                    },
                }
            ),
            "node_modules/mapped/index.cjs": "module.exports = 'mapped via require condition';",
            "node_modules/mapped/lib/feature.js": "module.exports = 'feature';",
            "node_modules/mapped/lib/sub/x.js": "module.exports = 'sub x';",
            "node_modules/mapped/lib/hidden.js": "module.exports = 'not exported';",
            "node_modules/@scope/pkg/index.js": "module.exports = 'scoped';",
            "node_modules/nomain/index.json": '{"indexed": true}',
            "deep/nested/user.js": "module.exports = require('plain').name;",
        },
    )
    return root


@pytest.fixture
def node(project: Path):
    with jscell.Context(node={"root": str(project)}) as context:
        yield context


def test_node_globals_exist_and_look_like_node_20() -> None:
    with jscell.Context(node=True) as ctx:
        assert ctx.evaluate("[typeof require, typeof module, typeof exports, typeof Buffer, typeof process]") == [
            "function",
            "object",
            "object",
            "function",
            "object",
        ]
        assert ctx.evaluate("global === globalThis && typeof setImmediate === 'function'")
        assert ctx.evaluate("process.version").startswith("v20.")
        assert ctx.evaluate("[process.platform, process.arch, process.cwd(), __dirname]") == ["linux", "x64", "/", "/"]
        assert ctx.evaluate("Object.keys(process.env).length") == 0


def test_enable_node_compat_means_node_true() -> None:
    with jscell.Context(enable_node_compat=True) as ctx:
        assert ctx.evaluate("require('path').join('/a', 'b', '../c')") == "/a/c"


def test_without_node_there_is_no_require() -> None:
    with jscell.Context() as ctx:
        assert ctx.evaluate("[typeof require, typeof Buffer, typeof process, typeof module]") == ["undefined"] * 4


def test_node_needs_the_web_platform() -> None:
    with pytest.raises(ValueError, match="node="):
        jscell.Context(enable_extensions=False, node=True)


def test_bad_node_settings_are_refused(tmp_path: Path) -> None:
    with pytest.raises(TypeError, match="unknown node setting"):
        jscell.Context(node={"rooot": "."})
    with pytest.raises(ValueError, match="must be a directory"):
        jscell.Context(node={"root": str(tmp_path / "missing")})
    with pytest.raises(TypeError, match="node must be"):
        jscell.Context(node="yes")  # type: ignore[arg-type]


def test_relative_requires_json_cjs_and_directories(node: jscell.Context, project: Path) -> None:
    assert node.evaluate("require('./sign').sign('abc')") == "signed:cba"
    assert node.evaluate("require('./lib/util').file") == str(project / "lib" / "util.js")
    assert node.evaluate("require('./data.json').answer") == 42
    assert node.evaluate("require('./entry.cjs')") == "cjs entry"
    assert node.evaluate("require('./dir')") == "dir index"
    assert node.evaluate(f"require({json.dumps(str(project / 'dir' / 'index.js'))})") == "dir index"


def test_node_modules_lookup_main_exports_and_scopes(node: jscell.Context, project: Path) -> None:
    assert node.evaluate("require('plain')") == {"name": "plain", "dir": str(project / "node_modules/plain/lib")}
    assert node.evaluate("require('./deep/nested/user')") == "plain"
    assert node.evaluate("require('mapped')") == "mapped via require condition"
    assert node.evaluate("require('mapped/feature')") == "feature"
    assert node.evaluate("require('mapped/sub/x')") == "sub x"
    assert node.evaluate("require('@scope/pkg')") == "scoped"
    assert node.evaluate("require('nomain')") == {"indexed": True}
    code = node.evaluate("try { require('mapped/lib/hidden.js') } catch (e) { e.code }")
    assert code == "ERR_PACKAGE_PATH_NOT_EXPORTED"


def test_the_cache_cycles_and_resolve_behave_as_node(node: jscell.Context, project: Path) -> None:
    assert node.evaluate("[require('./counter'), require('./counter.js'), require('./counter')]") == [1, 1, 1]
    assert node.evaluate("const a = require('./a'); [a.sawB, require('./b').sawA]") == [True, {"before": True}]
    assert node.evaluate("require.resolve('plain')") == str(project / "node_modules/plain/lib/main.js")
    assert node.evaluate("require.resolve('fs')") == "fs"
    assert node.evaluate(f"Object.keys(require.cache).includes({json.dumps(str(project / 'counter.js'))})")
    # A module that throws while loading is not cached: requiring it again runs it again.
    assert node.evaluate(
        "const errors = []; for (let i = 0; i < 2; i++) try { require('./throws') } catch (e) { errors.push(e.message) }; errors"
    ) == ["boom at load", "boom at load"]


def test_a_missing_module_is_module_not_found(node: jscell.Context) -> None:
    assert node.evaluate("try { require('./nope') } catch (e) { [e.code, e.message.split('\\n')[0]] }") == [
        "MODULE_NOT_FOUND",
        "Cannot find module './nope'",
    ]
    assert node.evaluate("try { require('left-pad') } catch (e) { e.code }") == "MODULE_NOT_FOUND"
    assert node.evaluate("try { require('node:nope') } catch (e) { e.code }") == "ERR_UNKNOWN_BUILTIN_MODULE"
    assert node.evaluate("try { require('internal/errors') } catch (e) { e.code }") == "MODULE_NOT_FOUND"


def test_core_modules_resolve_with_and_without_the_node_prefix() -> None:
    with jscell.Context(node=True) as ctx:
        assert ctx.evaluate("require('node:path') === require('path') && require('node:buffer') === require('buffer')")
        assert ctx.evaluate("require('module').builtinModules.includes('crypto')")
        assert ctx.evaluate("require('buffer').Buffer === Buffer")


def test_the_jail_refuses_dotdot_absolute_paths_and_symlinks(project: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.js"
    secret.write_text("module.exports = 'leaked';")
    os.symlink(secret, project / "link.js")
    os.symlink(tmp_path, project / "node_modules" / "escape")
    with jscell.Context(node={"root": str(project)}) as ctx:
        for request in [
            "../secret.js",
            str(secret),
            "./link.js",
            "escape/secret.js",
            "/etc/passwd",
            "./lib/../../secret",
        ]:
            got = ctx.evaluate(f"try {{ require({json.dumps(request)}); 'loaded' }} catch (e) {{ e.code }}")
            assert got == "ERR_JSCELL_SANDBOX", request


def test_without_a_root_no_file_can_be_read(tmp_path: Path) -> None:
    (tmp_path / "x.js").write_text("module.exports = 1;")
    with jscell.Context(node=True) as ctx:
        assert ctx.evaluate(f"try {{ require({json.dumps(str(tmp_path / 'x.js'))}) }} catch (e) {{ e.code }}") == (
            "MODULE_NOT_FOUND"
        )


def test_modules_served_from_a_mapping() -> None:
    modules = {
        "sign": "const h = require('helper'); module.exports = (s) => h(s) + '!';",
        "helper": "module.exports = (s) => s.toUpperCase();",
        "./local.js": "module.exports = require('sign')('local');",
    }
    with jscell.Context(node={"modules": modules}) as ctx:
        assert ctx.evaluate("require('sign')('abc')") == "ABC!"
        assert ctx.evaluate("require('./local')") == "LOCAL!"
        assert ctx.evaluate("try { require('other') } catch (e) { e.code }") == "MODULE_NOT_FOUND"


def test_modules_served_by_a_callable(project: Path) -> None:
    asked: list[str] = []

    def serve(name: str) -> str | None:
        asked.append(name)
        return "module.exports = 'served ' + require('plain').name;" if name == "virtual" else None

    with jscell.Context(node={"root": str(project), "modules": serve}) as ctx:
        assert ctx.evaluate("require('virtual')") == "served plain"
        assert ctx.evaluate("require('virtual') === require('virtual')")
        assert ctx.evaluate("require('plain').name") == "plain"
    assert asked.count("virtual") == 1
    assert "plain" in asked  # asked first, then found in node_modules


def test_process_env_argv_and_exit() -> None:
    with jscell.Context(node={"env": {"TOKEN": "t", "N": 1}, "argv": ["script.js", "--fast"]}) as ctx:
        assert ctx.evaluate("process.env") == {"TOKEN": "t", "N": "1"}
        assert ctx.evaluate("process.argv.slice(1)") == ["script.js", "--fast"]
        with pytest.raises(jscell.JSTerminated):
            ctx.evaluate("try { process.exit(3) } finally { globalThis.cleaned = true }")
        assert ctx.hook_data == {"exitCode": 3}
        assert ctx.evaluate("typeof cleaned") == "undefined"
        assert ctx.evaluate("1 + 1") == 2


def test_process_refuses_what_would_reach_the_real_process() -> None:
    with jscell.Context(node=True) as ctx:
        for call in ["process.kill(1)", "process.chdir('/')", "process.binding('fs')", "process.dlopen({}, 'x')"]:
            assert ctx.evaluate(f"try {{ {call} }} catch (e) {{ e.code }}") == "ERR_JSCELL_SANDBOX", call


def test_node_contexts_fork_a_snapshot_with_the_core_modules_loaded() -> None:
    with jscell.Context(node=True) as first:
        first.evaluate("require('buffer').Buffer.poisoned = true; globalThis.mark = 1")
    with jscell.Context(node=True) as second:
        assert second.evaluate("[typeof mark, Buffer.poisoned]") == ["undefined", None]


def test_a_snapshot_of_a_node_context_keeps_its_requires(project: Path) -> None:
    with jscell.Context(node={"root": str(project)}) as ctx:
        ctx.compile("globalThis.sign = require('./sign').sign;")
        snapshot = ctx.snapshot()
    with snapshot.context() as fork:
        assert fork.evaluate("sign('xy')") == "signed:yx"
        # The fork has no door to the files, but what was required before the snapshot is found without one.
        assert fork.evaluate("require('./sign').sign('ab')") == "signed:ba"
