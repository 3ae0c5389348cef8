"""After os.fork() and under multiprocessing's fork start method, children create contexts and limits work."""

from __future__ import annotations

import multiprocessing
import os

import jscell


def child_work(n: int) -> tuple[int, str]:
    with jscell.Context(timeout=0.1) as ctx:
        value = ctx.evaluate(f"{n} * 2")
        try:
            ctx.evaluate("while (true) {}")
            stopped = "not stopped"
        except jscell.JSTimeoutError:
            stopped = "stopped"
    return value, stopped


def test_os_fork_child() -> None:
    parent = jscell.Context()
    parent.compile("var inherited = 'yes'")
    pid = os.fork()
    if pid == 0:
        ok = False
        try:
            ok = child_work(21) == (42, "stopped") and parent.evaluate("inherited") == "yes"
        finally:
            os._exit(0 if ok else 1)
    _, status = os.waitpid(pid, 0)
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0
    assert parent.evaluate("inherited") == "yes"


def test_multiprocessing_fork_pool() -> None:
    jscell.Context().evaluate("1")  # the engine exists before the fork
    with multiprocessing.get_context("fork").Pool(2) as pool:
        assert pool.map(child_work, range(6)) == [(n * 2, "stopped") for n in range(6)]
