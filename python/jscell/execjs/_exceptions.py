"""The exceptions of ``jscell.execjs``: PyExecJS's hierarchy, plus the limits jscell adds.

PyExecJS's classes keep their names, bases and constructor arguments, so ``except execjs.ProgramError`` and
``except execjs._exceptions.ProcessExitedWithNonZeroStatus`` in existing code catch what they caught before.
"""

from __future__ import annotations

import jscell

__all__ = [
    "Error",
    "JSMemoryError",
    "JSTimeoutError",
    "ProcessExitedWithNonZeroStatus",
    "ProgramError",
    "RuntimeError",
    "RuntimeUnavailableError",
]


class Error(Exception):
    """The base of every error ``jscell.execjs`` raises for JavaScript it runs."""


class RuntimeError(Error):  # noqa: A001 - PyExecJS's name, which existing code catches
    """The JavaScript runtime failed, rather than the program: unavailable, or it stopped abnormally.

    Not the builtin ``RuntimeError``: the name is PyExecJS's.
    """


class RuntimeUnavailableError(RuntimeError):
    """The runtime asked for is not known, or its program is not installed."""


class ProcessExitedWithNonZeroStatus(RuntimeError):
    """What PyExecJS raises when node exits with an error status; jscell raises it where node would.

    That is when the compiled source or an ``exec_`` body does not parse (node cannot even start the program),
    or when reporting a thrown value itself throws. ``stderr`` holds the error and its stack; ``stdout`` is
    empty, since console output is dropped.
    """

    def __init__(self, status: int, stdout: str, stderr: str) -> None:
        RuntimeError.__init__(self, status, stdout, stderr)
        self.status = status
        self.stdout = stdout
        self.stderr = stderr


class ProgramError(Error):
    """The JavaScript threw: ``args[0]`` is the thrown value as a string (``'' + thrown``), as with PyExecJS."""


class JSTimeoutError(RuntimeError, jscell.JSTimeoutError):
    """A call ran past the ``timeout`` given to ``compile`` (not in PyExecJS, which has no time limit).

    Also a ``jscell.JSTimeoutError`` and so a builtin ``TimeoutError``.
    """


class JSMemoryError(RuntimeError, jscell.JSMemoryError):
    """A call ran out of the ``memory_limit`` given to ``compile`` (node would have died of it).

    Also a ``jscell.JSMemoryError`` and so a builtin ``MemoryError``.
    """
