"""Ship one loaded sandbox to many processes: a Snapshot travels with pickle, so a local ProcessPoolExecutor and
a Dask cluster both run the same JS in fresh sandboxes, with results identical to a local run.

Run with: .venv/bin/python examples/scale_out.py   (after bash scripts/demo.sh or scripts/test.sh)
"""

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


def sign_batch(snapshot: jscell.Snapshot, values: list[str]) -> list[str]:
    # Every call runs in a fresh sandbox forked from the snapshot: no input can leave state for the next.
    return [snapshot.call("sign", [value]) for value in values]


def main() -> None:
    snap = jscell.Snapshot.from_code(SIGN_JS)
    inputs = [f"item-{i}" for i in range(10_000)]
    batches = [inputs[i : i + 500] for i in range(0, len(inputs), 500)]
    local = sign_batch(snap, inputs)

    with ProcessPoolExecutor(2) as pool:
        pooled = [v for batch in pool.map(functools.partial(sign_batch, snap), batches) for v in batch]
    print("ProcessPoolExecutor matches the local run:", pooled == local)

    from dask.distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster, Client(cluster) as client:
        shipped = client.scatter(snap, broadcast=True)
        futures = client.map(sign_batch, [shipped] * len(batches), batches)
        dasked = [v for batch in client.gather(futures) for v in batch]
    print("Dask LocalCluster matches the local run:", dasked == local)


if __name__ == "__main__":
    main()
