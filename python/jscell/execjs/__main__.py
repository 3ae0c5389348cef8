"""``python -m jscell.execjs``: PyExecJS's command line (``python -m execjs``), on the same runtimes."""

from __future__ import annotations

import argparse
import sys

import jscell.execjs as execjs

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import Any


class _PrintRuntimes(argparse.Action):
    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS, **kwargs: Any) -> None:
        super().__init__(option_strings=option_strings, dest=dest, default=argparse.SUPPRESS, nargs=0, **kwargs)

    def __call__(self, parser: argparse.ArgumentParser, *args: Any) -> None:
        parser.exit(message="".join(f"{name}\n" for name, rt in execjs.runtimes().items() if rt.is_available()))


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m jscell.execjs", description=__doc__)
    parser.add_argument("--print-available-runtimes", action=_PrintRuntimes, help="list the available runtimes")
    parser.add_argument("-r", "--runtime", dest="runtime", help="the runtime to use (default: the first available)")
    parser.add_argument("-e", "--eval", dest="expr", help="the expression to evaluate (default: read stdin)")
    parser.add_argument("--encoding", dest="files_encoding", default="utf8", help="encoding of FILES")
    parser.add_argument("files", nargs="*", metavar="FILES", help="sources to compile first")
    opts = parser.parse_args(argv)

    try:
        runtime = execjs.get(opts.runtime)
    except execjs.RuntimeUnavailableError as err:
        parser.exit(2, f"{parser.prog}: {err}\n")
    codes: list[str] = []
    for name in opts.files:
        with open(name, encoding=opts.files_encoding) as file:
            codes.append(file.read())
    context = runtime.compile("\n".join(codes))
    expression = opts.expr if opts.expr is not None else sys.stdin.read()
    sys.stdout.write(repr(context.eval(expression)) + "\n")


if __name__ == "__main__":
    main()
