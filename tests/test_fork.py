"""After os.fork() and under multiprocessing's fork start method, children create contexts and limits work."""

from __future__ import annotations

import multiprocessing
import os
import time

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


def has_epoch_thread() -> bool:
    # A new thread names itself once it runs, so give it a moment.
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        for task in os.listdir("/proc/self/task"):
            with open(f"/proc/self/task/{task}/comm") as comm:
                if comm.read().strip() == "jscell-epoch":
                    return True
        time.sleep(0.01)
    return False


def test_snapshot_forks_in_a_child_start_clean() -> None:
    # Forks give their memory back to the snapshot, reset from the pages the kernel says were written: in a
    # child process that must be the child's own record, not the parent's.
    snap = jscell.Snapshot.from_code("var table = Array.from({ length: 30000 }, (_, i) => 'entry' + i)")
    for _ in range(3):
        snap.evaluate("table[1]")  # the parent's forks write only the pages this call needs
    loaded = jscell.Snapshot.from_bytes(snap.to_bytes())
    loaded.evaluate("table[1]")
    assert has_epoch_thread()
    pid = os.fork()
    if pid == 0:
        ok = False
        try:
            results = []
            for s in (snap, loaded):
                for i in range(5):
                    s.evaluate(f"table[{29000 - i * 1000}] = 'changed'; table.length = 5")
                    results.append(s.evaluate("[table.length, table[29000], table[25000]]"))
            ok = results == [[30000, "entry29000", "entry25000"]] * 10
            # Threads do not survive fork(): the child starts its own thread for the forced stop of contexts
            # from bytes.
            ok = ok and has_epoch_thread()
        finally:
            os._exit(0 if ok else 1)
    _, status = os.waitpid(pid, 0)
    assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0
    assert snap.evaluate("table[29000]") == "entry29000"
