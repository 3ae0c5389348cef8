"""The ``jscell`` command line: run a file or an expression, call a function, make a snapshot, or start a REPL.

    jscell FILE.js                       run a script (then its timers, until none is left, as node does)
    jscell -e CODE                       evaluate CODE and print its value
    jscell FILE.js --call NAME ARG...    load FILE.js, call NAME with JSON arguments, print the result as JSON
    jscell snapshot FILE.js -o lib.jss   load FILE.js and save the context as a snapshot
    jscell --snapshot lib.jss ...        start from a snapshot instead of an empty context
    jscell                               the REPL (docs/cli.md)

Exit status: 0 on success, 1 when the JS threw (its stack goes to stderr) or hit a limit, 2 for a usage error,
130 when interrupted. ``--json`` prints one JSON object on stdout instead (and the console goes to stderr).
The options that shape a context live in ``add_context_options`` and ``context_options``: a new one (such as a
browser environment) is an argument there and a keyword in what they return.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import sys

import jscell

TYPE_CHECKING = False
if TYPE_CHECKING:
    import logging
    from collections.abc import Sequence
    from typing import Any, TextIO

__all__ = ["EXIT_INTERRUPTED", "EXIT_JS_ERROR", "EXIT_OK", "EXIT_USAGE", "Repl", "is_incomplete", "main"]

EXIT_OK = 0
EXIT_JS_ERROR = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130

PROG = "jscell"


class UsageError(Exception):
    """A command line that cannot run: reported with the usage text, exit status 2."""


# -- option parsing -------------------------------------------------------------------------------------------------

_SIZE = re.compile(r"^\s*(\d+)\s*([kmgt]?)(?:i?b)?\s*$", re.IGNORECASE)


def _size(text: str) -> int:
    """Bytes, optionally with a binary suffix: ``67108864``, ``64M``, ``64MiB``, ``1g``."""
    match = _SIZE.match(text)
    if not match:
        raise argparse.ArgumentTypeError(f"not a size in bytes: {text!r} (write 67108864, 64M or 1G)")
    return int(match.group(1)) << (10 * "kmgt".find(match.group(2).lower()) + 10 if match.group(2) else 0)


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {text!r}") from None
    if not (value > 0 and math.isfinite(value)):
        raise argparse.ArgumentTypeError(f"the time limit must be a positive number of seconds, not {text!r}")
    return value


def add_context_options(parser: argparse.ArgumentParser) -> None:
    """The options every command takes: how the context is made and how results are printed."""
    group = parser.add_argument_group("context options")
    group.add_argument("--timeout", type=_seconds, metavar="SECONDS", help="time limit of each run of JS")
    group.add_argument("--memory-limit", type=_size, metavar="BYTES", help="JS heap limit, e.g. 64M (default 512M)")
    group.add_argument("--seed", type=int, metavar="N", help="seed Math.random, for reproducible runs")
    group.add_argument("--snapshot", metavar="FILE.jss", help="start from a snapshot made by `jscell snapshot`")
    group.add_argument("--json", action="store_true", help="print one JSON object on stdout (console to stderr)")


def context_options(args: argparse.Namespace) -> dict[str, Any]:
    """The ``jscell.Context`` keywords the options ask for."""
    return {"timeout": args.timeout, "memory_limit": args.memory_limit, "random_seed": args.seed}


def run_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Run JavaScript in a jscell sandbox (QuickJS-ng in WebAssembly). Without FILE, -e or "
        "--call, start a REPL (or, when stdin is not a terminal, run the script read from it).",
        epilog="`jscell snapshot FILE.js -o OUT.jss` saves a loaded context; see `jscell snapshot --help`.",
    )
    parser.add_argument("file", nargs="?", metavar="FILE.js", help="script to run ('-' reads stdin)")
    parser.add_argument("-e", "--eval", metavar="CODE", help="evaluate CODE (after FILE.js) and print its value")
    parser.add_argument(
        "--call",
        nargs="+",
        metavar=("NAME", "ARG"),
        help="after FILE.js, call the function NAME (a dotted path) with each ARG parsed as JSON; print the result",
    )
    add_context_options(parser)
    return parser


def snapshot_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=f"{PROG} snapshot",
        description="Run FILE.js (several run in order) and save the context as a snapshot, for --snapshot or "
        "jscell.Snapshot.from_bytes.",
    )
    parser.add_argument("files", nargs="+", metavar="FILE.js", help="scripts to load")
    parser.add_argument("-o", "--output", required=True, metavar="OUT.jss", help="where to write the snapshot")
    add_context_options(parser)
    return parser


# -- output ---------------------------------------------------------------------------------------------------------


def to_json(value: Any) -> Any:
    """A converted JS value as JSON data: what JSON.stringify would give, with bytes as a list of numbers."""
    import datetime

    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {key: to_json(item) for key, item in value.items()}  # pyright: ignore[reportUnknownVariableType]
    if isinstance(value, (list, tuple)):
        return [to_json(item) for item in value]  # pyright: ignore[reportUnknownVariableType]
    if isinstance(value, (bytes, bytearray)):
        return list(value)
    if isinstance(value, datetime.datetime):
        utc = value.astimezone(datetime.timezone.utc)
        return utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}Z"
    return value


def _dump(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, allow_nan=False)


def clean_stack(stack: str) -> str:
    """The JS stack without the frames of jscell's own helper code."""
    return "\n".join(line for line in stack.splitlines() if "(<jscell>:" not in line)


def describe(err: jscell.JSError) -> str:
    """How an uncaught JS error reads on stderr: its name and message, then its stack."""
    if isinstance(err, (jscell.JSTimeoutError, jscell.JSMemoryError)):
        return f"{PROG}: {err.message}"
    head = str(err).split("\n", 1)[0]
    stack = clean_stack(err.stack).rstrip()
    return f"{head}\n{stack}" if stack else head


def error_json(err: BaseException) -> dict[str, Any]:
    if isinstance(err, jscell.JSError):
        return {
            "type": type(err).__name__,
            "name": err.name,
            "message": err.message,
            "stack": clean_stack(err.stack),
        }
    return {"type": type(err).__name__, "name": None, "message": str(err), "stack": ""}


class _ConsoleHandler:
    """Where ``console`` goes: log/info/debug to stdout and warn/error to stderr, or all to stderr (--json)."""

    def __init__(self, all_to_stderr: bool) -> None:
        self.all_to_stderr = all_to_stderr

    def install(self) -> None:
        import logging

        handler = logging.Handler(logging.DEBUG)
        handler.emit = self.emit  # type: ignore[method-assign]
        logger = logging.getLogger("jscell.console")
        logger.handlers[:] = [handler]
        logger.setLevel(logging.DEBUG)
        logger.propagate = False

    def emit(self, record: logging.LogRecord) -> None:
        stream = sys.stderr if self.all_to_stderr or record.levelno >= 30 else sys.stdout
        stream.write(record.getMessage() + "\n")
        stream.flush()


# -- running --------------------------------------------------------------------------------------------------------


def _read_source(path: str) -> str:
    if path == "-":
        return sys.stdin.read()
    try:
        with open(path, encoding="utf-8-sig") as file:
            return file.read()
    except OSError as err:
        raise UsageError(f"cannot read {path}: {err.strerror or err}") from None
    except UnicodeDecodeError as err:
        raise UsageError(f"cannot read {path}: it is not UTF-8 ({err.reason} at byte {err.start})") from None


def new_context(args: argparse.Namespace, **extra: Any) -> jscell.Context:
    """The context the options ask for: fresh, or started from ``--snapshot``."""
    options = {**context_options(args), **extra}
    try:
        if args.snapshot is None:
            return jscell.Context(**options)
        try:
            with open(args.snapshot, "rb") as file:
                data = file.read()
        except OSError as err:
            raise UsageError(f"cannot read {args.snapshot}: {err.strerror or err}") from None
        try:
            snapshot = jscell.Snapshot.from_bytes(data)
        except ValueError as err:
            raise UsageError(f"{args.snapshot} is not a snapshot this jscell can load: {err}") from None
        return snapshot.context(**options)
    except (ValueError, TypeError) as err:
        raise UsageError(str(err)) from None


def drain(ctx: jscell.Context) -> None:
    """Runs pending timers until none is left, as node's event loop does before it exits.

    The host runs timers while a call waits for a Promise; a Promise that nothing settles makes it run them all,
    then report that no job or timer is left, which here means the work is done.
    """
    try:
        ctx.evaluate("new Promise(function () {})")
    except jscell.JSError as err:
        if err.name == "TypeError" and err.message.startswith("the promise never settled"):
            return
        raise


def _parse_call_arguments(values: Sequence[str]) -> list[Any]:
    arguments: list[Any] = []
    for index, text in enumerate(values, 1):
        try:
            arguments.append(json.loads(text))
        except ValueError:
            raise UsageError(
                f"argument {index} of --call is not JSON: {text!r} (a string needs quotes: '\"text\"')"
            ) from None
    return arguments


def _run(args: argparse.Namespace) -> int:
    if args.call is not None and args.eval is not None:
        raise UsageError("--call and -e exclude each other")
    call_arguments = _parse_call_arguments(args.call[1:]) if args.call else []
    source = None if args.file is None else _read_source(args.file)
    if args.call is not None and source is None and args.snapshot is None:
        raise UsageError("--call needs FILE.js or --snapshot to load the function from")
    interactive = source is None and args.eval is None and args.call is None
    if interactive and not sys.stdin.isatty():
        source, interactive = sys.stdin.read(), False
    _ConsoleHandler(all_to_stderr=args.json).install()
    if interactive:
        with new_context(args) as ctx:
            return Repl(ctx).run()

    value: Any = None
    with new_context(args, keep_timers=True) as ctx:
        try:
            if source is not None:
                ctx.compile(source)
            if args.eval is not None:
                value = ctx.evaluate(args.eval)
                # Printed before the timers run, as `node -p` prints it.
                if value is not None and not args.json:
                    print(repr(value), flush=True)
            if args.call is not None:
                value = ctx.call(args.call[0], call_arguments)
            else:
                drain(ctx)
        except (jscell.JSError, jscell.ConversionError) as err:
            _print_error(args, err)
            return EXIT_JS_ERROR
    if args.json:
        print(json.dumps({"ok": True, "value": to_json(value)}, ensure_ascii=True, allow_nan=False))
    elif args.call is not None:
        print(_dump(to_json(value)))
    return EXIT_OK


def _print_error(args: argparse.Namespace, err: BaseException) -> None:
    if isinstance(err, jscell.JSError):
        print(describe(err), file=sys.stderr)
    else:
        print(f"{PROG}: the result has no Python form: {err}", file=sys.stderr)
    if args.json:
        print(json.dumps({"ok": False, "error": error_json(err)}, ensure_ascii=True))


def _snapshot(args: argparse.Namespace) -> int:
    sources = [_read_source(path) for path in args.files]
    _ConsoleHandler(all_to_stderr=True).install()
    with new_context(args) as ctx:
        try:
            for source in sources:
                ctx.compile(source)
        except jscell.JSError as err:
            _print_error(args, err)
            return EXIT_JS_ERROR
        data = ctx.snapshot().to_bytes()
    try:
        with open(args.output, "wb") as file:
            file.write(data)
    except OSError as err:
        raise UsageError(f"cannot write {args.output}: {err.strerror or err}") from None
    if args.json:
        print(json.dumps({"ok": True, "output": args.output, "bytes": len(data)}, ensure_ascii=True))
    else:
        print(f"{PROG}: wrote {args.output} ({len(data):,} bytes)", file=sys.stderr)
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    """The ``jscell`` console script and ``python -m jscell``; returns the exit status."""
    argv = list(sys.argv[1:] if argv is None else argv)
    # Text the terminal cannot show is escaped rather than fatal (a GBK console, a C locale).
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    snapshot = argv[:1] == ["snapshot"]
    parser = snapshot_parser() if snapshot else run_parser()
    args = parser.parse_args(argv[1:] if snapshot else argv)
    try:
        return _snapshot(args) if snapshot else _run(args)
    except UsageError as err:
        parser.print_usage(sys.stderr)
        print(f"{parser.prog}: error: {err}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED


# -- the REPL -------------------------------------------------------------------------------------------------------

# Messages of QuickJS-ng's parser that mean the input stopped too early (the token it found is the end).
_INCOMPLETE_MESSAGES = ("unexpected token in expression: ''", "Unexpected end of input", "unexpected end of comment")
_POSITION = re.compile(r"<input>:(\d+):(\d+)")


def is_incomplete(code: str) -> bool:
    """Whether ``code`` is a prefix of valid JS that needs more lines, rather than complete or wrong.

    The code is parsed, never run: it is compiled as a script behind a ``throw 0;`` in a scratch context, so a
    script that parses throws before any of it runs. An error counts as "incomplete" when QuickJS found the end
    of the input where it needed more (its message says so, or the error is at the very end), or when a
    template literal, or a string ending with a line-continuing backslash, is still open.
    """
    with jscell.Context(console=None, timeout=5) as scratch:
        try:
            scratch.compile("throw 0;\n" + code)
        except jscell.JSSyntaxError as err:
            return _is_end_of_input(code, err)
        except jscell.JSError:
            return False
    return False


def _is_end_of_input(code: str, err: jscell.JSError) -> bool:
    if err.message in _INCOMPLETE_MESSAGES:
        return True
    position = _POSITION.search(err.stack)
    if position is None:
        return False
    line, column = int(position.group(1)) - 1, int(position.group(2)) - 1  # the input's own line, 0-based
    lines = code.split("\n")
    if err.message == "unexpected end of string":
        if 0 < line <= len(lines) and column < len(lines[line - 1]) and lines[line - 1][column] == "`":
            return True
        return code.rstrip("\n").endswith("\\")
    rest = code.rstrip()
    end_line = rest.count("\n") + 1
    end_column = len(rest) - (rest.rfind("\n") + 1)
    return (line, column) >= (end_line, end_column)


_WORD = re.compile(r"[A-Za-z_$\u0080-\uffff][\w$\u0080-\uffff]*")
_LEADING = re.compile(r"(?:\s+|//[^\n]*|/\*.*?\*/)*", re.DOTALL)
_REGEX_AFTER_WORDS = frozenset(
    (
        "return",
        "typeof",
        "case",
        "do",
        "else",
        "in",
        "instanceof",
        "new",
        "delete",
        "void",
        "throw",
        "yield",
        "await",
        "of",
    )
)
_DECLARATIONS = frozenset(("let", "const", "var", "class", "function"))
# A line starting with one of these continues the previous statement (no semicolon is inserted before it).
_CONTINUATION = tuple("([`+-/*%.,?:=<>&|^")


def _skip_string(code: str, i: int) -> int:
    quote, i = code[i], i + 1
    while i < len(code):
        if code[i] == "\\":
            i += 2
        elif code[i] == quote:
            return i + 1
        elif code[i] == "\n":
            return i
        else:
            i += 1
    return len(code)


def _skip_template(code: str, i: int) -> int:
    while i < len(code):
        if code[i] == "\\":
            i += 2
        elif code[i] == "`":
            return i + 1
        elif code.startswith("${", i):
            i = _scan(code, i + 2, None)
        else:
            i += 1
    return len(code)


def _skip_regex(code: str, i: int) -> int:
    i, in_class = i + 1, False
    while i < len(code):
        char = code[i]
        if char == "\\":
            i += 2
            continue
        if char == "\n":
            return i
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "/":
            i += 1
            break
        i += 1
    while i < len(code) and (code[i].isalnum() or code[i] == "_"):
        i += 1
    return i


def _scan(code: str, i: int, cuts: list[tuple[int, str]] | None) -> int:
    """Scans code from ``i``; with ``cuts``, records where top-level statements may start.

    Without ``cuts`` it scans a template literal's ``${...}`` and returns after its closing brace. Strings,
    comments, template literals and regexp literals are skipped, so nothing inside them counts.
    """
    depth, last = 0, ";"
    while i < len(code):
        char = code[i]
        if char == "\n":
            if cuts is not None and depth == 0:
                cuts.append((i + 1, "newline"))
            i += 1
        elif char.isspace():
            i += 1
        elif code.startswith("//", i):
            end = code.find("\n", i)
            i = len(code) if end < 0 else end
        elif code.startswith("/*", i):
            end = code.find("*/", i + 2)
            i = len(code) if end < 0 else end + 2
        elif char in "'\"":
            i, last = _skip_string(code, i), "a"
        elif char == "`":
            i, last = _skip_template(code, i + 1), "a"
        elif char == "/":
            if last in _REGEX_AFTER_WORDS or not (last[-1].isalnum() or last[-1] in "_$)]"):
                i, last = _skip_regex(code, i), "a"
            else:
                i, last = i + 1, "/"
        elif char in "([{":
            depth, i, last = depth + 1, i + 1, char
        elif char in ")]}":
            if depth == 0 and cuts is None and char == "}":
                return i + 1
            depth, i, last = max(depth - 1, 0), i + 1, char
            if cuts is not None and depth == 0 and char == "}":
                cuts.append((i, "}"))
        elif char == ";":
            if cuts is not None and depth == 0:
                cuts.append((i + 1, ";"))
            i, last = i + 1, ";"
        else:
            word = _WORD.match(code, i)
            if word:
                i, last = word.end(), word.group()
            else:
                i, last = i + 1, char
    return len(code)


def _first_words(piece: str) -> tuple[str, str]:
    i = _LEADING.match(piece).end()  # pyright: ignore[reportOptionalMemberAccess]
    first = _WORD.match(piece, i)
    if not first:
        return "", ""
    second = _WORD.match(piece, _LEADING.match(piece, first.end()).end())  # pyright: ignore[reportOptionalMemberAccess]
    return first.group(), second.group() if second else ""


def _is_declaration(piece: str) -> bool:
    first, second = _first_words(piece)
    return first in _DECLARATIONS or (first == "async" and second == "function")


def _is_blank(piece: str) -> bool:
    return _LEADING.match(piece).end() == len(piece)  # pyright: ignore[reportOptionalMemberAccess]


def plan(code: str) -> tuple[str, str]:
    """How the REPL runs ``code``: ``(declarations, expression)``.

    Code without top-level declarations is all ``expression``, run by ``evaluate`` (which gives its value).
    Declarations (``let``, ``const``, ``var``, ``function``, ``class``) must be compiled at global scope to stay
    for later lines, as node's REPL keeps them; ``compile`` gives no value, so a last statement that is not a
    declaration is split off and evaluated after the rest, when both parts parse on their own.
    """
    cuts: list[tuple[int, str]] = [(0, ";")]
    _scan(code, 0, cuts)
    bounds = [*cuts, (len(code), "")]
    pieces = [(code[start:end], kind) for (start, kind), (end, _) in zip(bounds, bounds[1:]) if start < end]
    if not any(_is_declaration(piece) for piece, _ in pieces):
        return "", code
    for index in range(len(pieces) - 1, 0, -1):
        piece, kind = pieces[index]
        if _is_blank(piece):
            continue
        tail = piece.strip()
        if _is_declaration(tail) or (kind != ";" and tail.startswith(_CONTINUATION)):
            break
        head = "".join(p for p, _ in pieces[:index])
        rest = "".join(p for p, _ in pieces[index:])
        if _parses(head) and _parses(rest):
            return head, rest
        break
    return code, ""


def _parses(code: str) -> bool:
    with jscell.Context(console=None, timeout=5) as scratch:
        try:
            scratch.compile("throw 0;\n" + code)
        except jscell.JSSyntaxError:
            return False
        except jscell.JSError:
            return True
    return True


HELP = """\
.break    discard the lines typed so far
.exit     leave the REPL (or press Ctrl-D)
.help     this text

Each input runs in one context, so what it declares stays for later lines. An expression's value is printed as
a Python repr (how jscell converts it); a Promise is awaited. Ctrl-C stops running JS; the context stays usable."""


class Repl:
    """The read-eval-print loop of ``jscell`` without arguments, in the context ``ctx``."""

    prompt = "> "
    continuation = "... "

    def __init__(self, ctx: jscell.Context, stdout: TextIO | None = None, stderr: TextIO | None = None) -> None:
        self.ctx = ctx
        self.stdout = stdout or sys.stdout
        self.stderr = stderr or sys.stderr

    def run(self) -> int:
        history = _History()
        self.write(f"{_name_and_version()} (QuickJS-ng in a WebAssembly sandbox). Type .help for help.")
        lines: list[str] = []
        try:
            while True:
                try:
                    line = input(self.continuation if lines else self.prompt)
                except EOFError:
                    self.write("")
                    return EXIT_OK
                except KeyboardInterrupt:
                    self.write("")
                    if not lines:
                        self.write("(To exit, press Ctrl-D or type .exit)")
                    lines = []
                    continue
                command = line.strip()
                if re.match(r"^\.[A-Za-z]+$", command):
                    if command == ".exit":
                        return EXIT_OK
                    if command == ".break":
                        lines = []
                    elif command == ".help":
                        self.write(HELP)
                    else:
                        self.write(f"Invalid REPL keyword {command} (.help lists them)", error=True)
                    continue
                lines.append(line)
                code = "\n".join(lines)
                if not code.strip():
                    lines = []
                    continue
                try:
                    if is_incomplete(code):
                        continue
                    lines = []
                    self.execute(code)
                except KeyboardInterrupt:
                    # Ctrl-C between reading a line and running it (while the input is checked): the input is
                    # dropped, and the REPL goes on, as when Ctrl-C stops running JS.
                    lines = []
                    self.write("Interrupted (Ctrl-C)", error=True)
        finally:
            history.save()

    def execute(self, code: str) -> None:
        """Runs one complete input and prints its value or its error."""
        try:
            declarations, expression = plan(code)
            if declarations:
                self.ctx.compile(declarations)
            if expression:
                value = self.ctx.evaluate(expression)
                if value is not None:
                    self.write(repr(value))
        except KeyboardInterrupt:
            self.write("Interrupted (Ctrl-C): the JS was stopped", error=True)
        except (jscell.JSTimeoutError, jscell.JSMemoryError) as err:
            self.write(describe(err), error=True)
        except jscell.JSError as err:
            self.write("Uncaught " + describe(err), error=True)
        except jscell.ConversionError as err:
            self.write(f"the value has no Python form: {err}", error=True)

    def write(self, text: str, error: bool = False) -> None:
        stream = self.stderr if error else self.stdout
        stream.write(text + "\n")
        stream.flush()


class _History:
    """Line editing and a history file (``~/.jscell_history``, or ``$JSCELL_HISTORY``; empty turns it off).

    Without readline (some platforms), or with a history file that cannot be read or written, the REPL works
    the same, only without history.
    """

    def __init__(self) -> None:
        self.path = os.environ.get("JSCELL_HISTORY", os.path.join(os.path.expanduser("~"), ".jscell_history"))
        try:
            import readline
        except ImportError:
            self.readline = None
            return
        self.readline = readline
        readline.set_history_length(1000)
        if self.path:
            try:
                readline.read_history_file(self.path)
            except (OSError, ValueError):
                pass

    def save(self) -> None:
        if self.readline is not None and self.path:
            try:
                self.readline.write_history_file(self.path)
            except (OSError, ValueError):
                pass


def _name_and_version() -> str:
    version = getattr(jscell, "__version__", None)
    if version is None:
        try:
            from importlib.metadata import version as installed_version

            version = installed_version("jscell")
        except Exception:  # noqa: BLE001 - without package metadata (a development tree) the banner has no version
            return "jscell"
    return f"jscell {version}"
