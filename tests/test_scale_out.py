"""A Snapshot is the unit that travels: the same results from worker processes as from a local run."""

from __future__ import annotations

import functools
from concurrent.futures import ProcessPoolExecutor

import jscell

SIGN_JS = """
function sign(x) {
  var h = 0x811c9dc5, s = 'k3y:' + x;
  for (var i = 0; i < s.length; i++) { h ^= s.charCodeAt(i); h = Math.imul(h, 0x01000193) >>> 0; }
  return ('00000000' + h.toString(16)).slice(-8);
}
"""


def sign_in_sandbox(snapshot: jscell.Snapshot, value: str) -> str:
    return snapshot.call("sign", [value])


def test_process_pool_matches_a_local_run() -> None:
    snap = jscell.Snapshot.from_code(SIGN_JS)
    inputs = [f"item-{i}" for i in range(400)]
    local = [snap.call("sign", [x]) for x in inputs]
    with ProcessPoolExecutor(2) as pool:
        remote = list(pool.map(functools.partial(sign_in_sandbox, snap), inputs, chunksize=100))
    assert remote == local


def test_dask_local_cluster_matches_a_local_run() -> None:
    from dask.distributed import Client, LocalCluster

    snap = jscell.Snapshot.from_code(SIGN_JS)
    inputs = [f"item-{i}" for i in range(10_000)]
    local = [snap.call("sign", [x]) for x in inputs]
    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    with cluster, Client(cluster) as client:
        shipped = client.scatter(snap, broadcast=True)
        batches = [inputs[i : i + 500] for i in range(0, len(inputs), 500)]
        futures = client.map(sign_batch, [shipped] * len(batches), batches)
        remote = [value for batch in client.gather(futures) for value in batch]
    assert remote == local


def sign_batch(snapshot: jscell.Snapshot, values: list[str]) -> list[str]:
    return [snapshot.call("sign", [value]) for value in values]
