"""test262's ``test/intl402`` against jscell: ``python benches/test262_intl.py TEST262_DIR [--out FILE]``.

``TEST262_DIR`` holds a checkout (or an archive) of the public tc39/test262 repository with its ``harness/`` and
``test/intl402/``. It is not fetched here and never committed. Each test runs in a fresh ``jscell.Context`` with
the harness files its front matter includes, once, in strict mode when its flags ask for it (``onlyStrict``) and
sloppy otherwise; ``async`` tests pass when they print ``Test262:AsyncTestComplete``; a ``negative`` test
passes when it throws an error of the named type. Module tests are counted as failures (jscell runs scripts).
The result is the pass rate per directory, printed and written as JSON to ``--out``.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from pathlib import Path

import jscell

META = re.compile(r"/\*---(.*?)---\*/", re.S)


def front_matter(source: str) -> dict[str, object]:
    """The fields of a test's front matter this runner reads: includes, flags and the negative type."""
    match = META.search(source)
    text = match.group(1) if match else ""
    fields: dict[str, object] = {"includes": [], "flags": [], "negative": None}
    for key in ("includes", "flags"):
        inline = re.search(rf"^{key}:\s*\[(.*?)\]", text, re.M)
        if inline:
            fields[key] = [item.strip() for item in inline.group(1).split(",") if item.strip()]
            continue
        block = re.search(rf"^{key}:\s*\n((?:\s+-\s*.+\n?)+)", text, re.M)
        if block:
            fields[key] = [line.strip()[1:].strip() for line in block.group(1).splitlines() if line.strip()]
    negative = re.search(r"^negative:\s*\n(?:\s+.*\n)*?\s+type:\s*(\w+)", text, re.M)
    if negative:
        fields["negative"] = negative.group(1)
    return fields


HOST = "var $262 = { global: globalThis, evalScript: function (s) { return (0, eval)(s); }, agent: {} };\n"


def run(test: Path, harness: Path) -> bool:
    source = test.read_text(encoding="utf-8")
    meta = front_matter(source)
    flags = meta["flags"]
    assert isinstance(flags, list)
    if "module" in flags:
        return False
    includes = ["assert.js", "sta.js"] + (["doneprintHandle.js"] if "async" in flags else [])
    includes += [name for name in meta["includes"] if name not in includes]  # type: ignore[union-attr]
    prelude = "" if "raw" in flags else HOST + "".join((harness / name).read_text() + "\n" for name in includes)
    code = ('"use strict";\n' if "onlyStrict" in flags else "") + prelude + source
    printed: list[str] = []
    with jscell.Context(timeout=10, console=None) as ctx:
        ctx.register("print", lambda *args: printed.append(" ".join(map(str, args))))
        try:
            ctx.compile(code, filename=test.name)
            ctx.evaluate("new Promise((resolve) => setTimeout(resolve, 0))")
        except jscell.JSError as error:
            return meta["negative"] is not None and error.name == meta["negative"]
        except Exception:  # noqa: BLE001 - any other failure of the test is a failure, whatever it is
            return False
    if meta["negative"] is not None:
        return False
    if "async" in flags:
        return any("Test262:AsyncTestComplete" in line for line in printed)
    return True


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("test262", type=Path)
    parser.add_argument("--out", type=Path)
    args = parser.parse_args()
    root = args.test262 / "test" / "intl402"
    passed: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for test in sorted(root.rglob("*.js")):
        if "_FIXTURE" in test.name:
            continue
        group = test.relative_to(root).parts[0] if len(test.relative_to(root).parts) > 1 else "(top)"
        total[group] += 1
        passed[group] += run(test, args.test262 / "harness")
    rows = {group: [passed[group], total[group]] for group in sorted(total)}
    for group, (ok, count) in rows.items():
        print(f"{group:22} {ok:5} / {count:5}")
    all_ok, all_count = sum(passed.values()), sum(total.values())
    no_temporal = (all_ok - passed["Temporal"], all_count - total["Temporal"])
    print(f"{'all':22} {all_ok:5} / {all_count:5}")
    print(f"{'all but Temporal':22} {no_temporal[0]:5} / {no_temporal[1]:5}")
    if args.out:
        args.out.write_text(json.dumps(rows, indent=1) + "\n")


if __name__ == "__main__":
    main()
