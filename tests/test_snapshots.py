"""Snapshots: contexts started in a captured state, independent of each other, and per-call sandboxes."""

from __future__ import annotations

import subprocess
import sys
import threading

import pytest

import jscell

LIBRARY = """
var calls = 0;
var table = [];
for (let i = 0; i < 1000; i++) table.push((i * 2654435761) % 4294967296);
function sign(x) { calls++; globalThis.leaked = x; return (table[x.length % 1000] ^ x.length).toString(16) + ':' + calls; }
"""


def test_context_from_snapshot_has_the_state_and_is_independent() -> None:
    with jscell.Context() as original:
        original.compile(LIBRARY)
        original.call("sign", ["a"])
        snap = original.snapshot()
        with snap.context() as fork:
            assert isinstance(fork, jscell.Context)
            assert fork.evaluate("calls") == 1
            fork.call("sign", ["b"])
            assert fork.evaluate("calls") == 2
        assert original.evaluate("calls") == 1
        original.compile("calls = 100")
        with snap.context() as again:
            assert again.evaluate("calls") == 1


def test_per_call_sandboxes_never_share_state() -> None:
    snap = jscell.Snapshot.from_code(LIBRARY)
    results = [snap.call("sign", ["same"]) for _ in range(5)]
    assert len(set(results)) == 1 and results[0].endswith(":1")
    assert snap.evaluate("typeof leaked") == "undefined"
    assert snap.evaluate("globalThis.x = 1; x") == 1
    assert snap.evaluate("typeof x") == "undefined"
    before = jscell.live_contexts()
    snap.call("sign", ["freed"])
    assert jscell.live_contexts() == before


@pytest.mark.parametrize(
    "attack",
    [
        "Object.prototype.toString = () => 'owned'; Array.prototype.join = null",
        "globalThis.big = new Array(2e6).fill('x'); table.length = 0",
        "for (let i = 0; i < table.length; i++) table[i] = -1; calls = 1e9",
        "sign = () => 'replaced'; delete globalThis.table",
        "while (true) { calls++ }",
        "throw new Error('leaving ' + (globalThis.leaked = 'state'))",
    ],
)
def test_per_call_sandboxes_survive_code_that_tries_to_leave_state(attack: str) -> None:
    # Closed forks give their memory back to the snapshot for the next ones: what one call wrote, grew or
    # replaced must be gone for the next, across the reuse of that memory, from bytes as well.
    in_process = jscell.Snapshot.from_code(LIBRARY)
    for snap in (in_process, jscell.Snapshot.from_bytes(in_process.to_bytes())):
        expected = snap.call("sign", ["abc"])
        for _ in range(3):
            try:
                snap.evaluate(attack, timeout=0.05)
            except (jscell.JSError, jscell.JSTimeoutError):
                pass
            assert snap.call("sign", ["abc"]) == expected
            assert snap.evaluate("[typeof leaked, typeof big, String({}), [1, 2].join('-'), calls]") == [
                "undefined",
                "undefined",
                "[object Object]",
                "1-2",
                0,
            ]


def test_forks_get_fresh_randomness_unless_seeded() -> None:
    snap = jscell.Snapshot.from_code("var ready = true")
    draws = {tuple(snap.evaluate("[Math.random(), Math.random()]")) for _ in range(5)}
    assert len(draws) == 5
    seeded = [snap.context(random_seed=7).evaluate("Math.random()") for _ in range(2)]
    assert seeded[0] == seeded[1]


def test_fork_options_and_limits() -> None:
    snap = jscell.Snapshot.from_code(LIBRARY, memory_limit=64 << 20)
    with snap.context(timeout=0.05) as fork:
        with pytest.raises(jscell.JSTimeoutError):
            fork.evaluate("while (true) {}")
        assert fork.call("sign", ["x"]).endswith(":1")
    with pytest.raises(jscell.JSTimeoutError):
        snap.evaluate("while (true) {}", timeout=0.05)


def test_snapshot_of_a_closed_or_busy_context() -> None:
    ctx = jscell.Context()
    ctx.close()
    with pytest.raises(jscell.ContextClosedError):
        ctx.snapshot()
    busy = jscell.Context()
    started = threading.Event()

    def spin() -> None:
        started.set()
        try:
            busy.evaluate("while (true) {}", timeout=1)
        except jscell.JSTimeoutError:
            pass

    thread = threading.Thread(target=spin)
    thread.start()
    started.wait()
    refused = None
    while thread.is_alive() and refused is None:
        try:
            busy.snapshot()
        except RuntimeError as err:
            refused = err
    thread.join()
    assert refused is not None and "running JS" in str(refused)
    assert len(busy.snapshot()) > 0

    # From inside the call, through a registered function on the same thread: refused too.
    def grab() -> str:
        try:
            busy.snapshot()
            return "taken"
        except RuntimeError as err:
            return str(err)

    busy.register("grab", grab)
    assert "running JS" in busy.evaluate("grab()")
    busy.close()


def test_many_live_snapshots_outgrow_a_low_open_files_limit() -> None:
    # Each live snapshot keeps its memory in an in-memory file; a low soft limit on descriptors is raised to the
    # hard limit rather than failing the snapshot after a few hundred.
    code = """
import resource, jscell
soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
resource.setrlimit(resource.RLIMIT_NOFILE, (64, hard))
snaps = [jscell.Snapshot.from_code(f"var n = {i}") for i in range(150)]
assert [s.evaluate("n") for s in snaps[::30]] == [0, 30, 60, 90, 120]
print(resource.getrlimit(resource.RLIMIT_NOFILE)[0] > 64)
"""
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "True"


def test_snapshot_repr_and_len() -> None:
    snap = jscell.Snapshot.from_code("var a = 1")
    assert len(snap) >= 1 << 20
    assert repr(snap).startswith("<jscell.Snapshot of ")


def test_bytes_and_pickle_round_trip() -> None:
    import pickle

    snap = jscell.Snapshot.from_code(LIBRARY)
    data = snap.to_bytes()
    assert data[:8] == b"JSCELLSN"
    again = jscell.Snapshot.from_bytes(data)
    assert again.call("sign", ["abc"]) == snap.call("sign", ["abc"])
    unpickled = pickle.loads(pickle.dumps(snap))
    assert unpickled.call("sign", ["abc"]) == snap.call("sign", ["abc"])


@pytest.mark.parametrize(
    ("mangle", "message"),
    [
        (lambda b: b[:5], "not a jscell snapshot"),
        (lambda b: b"NOTASNAP" + b[8:], "not a jscell snapshot"),
        (lambda b: b[:8] + (99).to_bytes(4, "little") + b[12:], "format version"),
        (lambda b: b[:12] + bytes(8) + b[20:], "different jscell build"),
        (lambda b: b[:-1], "memory length"),
        (lambda b: b[:20], "cut short"),
    ],
)
def test_bad_snapshot_bytes_are_refused(mangle: object, message: str) -> None:
    data = jscell.Snapshot.from_code("var a = 1").to_bytes()
    with pytest.raises(ValueError, match=message):
        jscell.Snapshot.from_bytes(mangle(data))  # type: ignore[operator]


def test_corrupted_memory_only_fails_its_own_contexts() -> None:
    import random

    data = bytearray(jscell.Snapshot.from_code(LIBRARY).to_bytes())
    intact = jscell.Snapshot.from_bytes(bytes(data))
    expected = intact.call("sign", ["abc"])
    rng = random.Random(1234)
    outcomes = []
    for _ in range(20):
        corrupted = bytearray(data)
        # Most of the memory is never read by one call (the image holds the whole web platform), so it takes
        # about one byte in 300 for some contexts to fail.
        for _ in range(len(corrupted) // 300):
            position = rng.randrange(28, len(corrupted))
            corrupted[position] = rng.randrange(256)
        snap = jscell.Snapshot.from_bytes(bytes(corrupted))
        try:
            snap.call("sign", ["abc"], timeout=1)
            outcomes.append("ran")
        except (jscell.JSError, jscell.EngineError, jscell.ConversionError) as err:
            outcomes.append(type(err).__name__)
        # Whatever the corrupted memory did, the intact snapshot's forks in this same process are unharmed.
        assert intact.call("sign", ["abc"]) == expected
    assert set(outcomes) - {"ran"}, "no corruption made its context fail: the test exercised nothing"
    with jscell.Context() as healthy:
        assert healthy.evaluate("1 + 1") == 2


def test_many_snapshots_stored_while_others_are_read_never_fail() -> None:
    # Sealing a snapshot's memory file must never wait for, or fail on, pages the kernel still holds: store
    # large snapshots back to back while other threads fork and read earlier ones.
    import threading

    source = "var blob = '" + "x" * (1 << 20) + "'; function size() { return blob.length }"
    first = jscell.Snapshot.from_code(source)
    stop = threading.Event()
    errors: list[BaseException] = []

    def read() -> None:
        try:
            while not stop.is_set():
                assert first.call("size") == 1 << 20
                first.to_bytes()
        except BaseException as err:  # noqa: BLE001 - reported by the main thread
            errors.append(err)

    readers = [threading.Thread(target=read) for _ in range(2)]
    for reader in readers:
        reader.start()
    try:
        for _ in range(120):
            assert len(jscell.Snapshot.from_code(source)) > 1 << 20
    finally:
        stop.set()
        for reader in readers:
            reader.join()
    assert errors == []
