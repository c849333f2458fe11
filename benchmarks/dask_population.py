#!/usr/bin/python3
"""provident.dask on one machine (issue 20 (5)): a light calculator (hpf_deposit) and a heavy one
(check_claim), each run three ways on the same rows:

  one process   the Engine's batch over whole numpy arrays (one call, no Dask)
  threads       provident.dask over dask arrays of the same numpy arrays, the threaded scheduler
                (one thread per CPU)
  cluster       provident.dask on a distributed.LocalCluster of 2 worker processes, 1 thread each;
                the inputs are made on the workers chunk by chunk and persisted there first, so the
                time is the calculation's, not the transfer of inputs from the client

Each way's figure is rows / the least WALL time of --reps runs (Dask's gain is wall time; the machine
may be shared: the load average is printed), and its memory the peak resident set (VmHWM, reset before
the run) of the process, or of each worker process (the larger printed). Every way's outputs are
reduced per chunk to a digest (the sum and a weighted sum of every output column, exact int64); the
digests of the three ways must be equal, or the run fails: a fast wrong answer is not a figure.

    /usr/bin/python3 benchmarks/dask_population.py --build-dir build/default           # 20,000,000 light, 4,000,000 heavy rows
    /usr/bin/python3 benchmarks/dask_population.py --build-dir build/default --smoke   # ctest bench.dask: small, checks only
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time

import warnings

import numpy as np

AS_OF = dt.date(2025, 7, 1)
EPOCH_DAYS_1960 = (dt.date(1960, 1, 1) - dt.date(1970, 1, 1)).days


# ---------------------------------------------------------------------------------- the rows

def light_chunk(seed: int, i: int, n: int) -> dict:
    rng = np.random.default_rng([seed, i])
    return {"base": rng.integers(0, 5_000_000, n), "employer_rate": rng.choice([50_000, 70_000, 120_000], n),
            "employee_rate": rng.choice([50_000, 70_000, 120_000], n)}


def heavy_chunk(seed: int, i: int, n: int) -> dict:
    rng = np.random.default_rng([seed, i])
    birth = rng.integers(EPOCH_DAYS_1960, EPOCH_DAYS_1960 + 25 * 365, n)
    return {"birth_date": birth, "category": rng.integers(1, 4, n), "work_start_date": birth + 20 * 365,
            "retirement_date": rng.integers(19_723, 21_915, n),  # 2024-01-01 … 2029-12-31
            "work_months": rng.integers(0, 600, n), "contribution_months": rng.integers(0, 500, n),
            "has_arrears": rng.integers(0, 2, n)}


def light_batch(engine, c: dict) -> dict:
    er, ee = engine.hpf_deposit_batch(c["base"], c["employer_rate"], c["employee_rate"], AS_OF)
    return {"employer_fen": er, "employee_fen": ee}


def heavy_batch(engine, c: dict) -> dict:
    return dict(engine.check_claim_batch(c["birth_date"], c["category"], c["work_start_date"], c["retirement_date"],
                                         c["work_months"], c["contribution_months"], c["has_arrears"], as_of=AS_OF))


CALCULATORS = {
    "hpf_deposit (light)": (light_chunk, light_batch, "hpf_deposit", {"as_of": AS_OF}),
    "check_claim (heavy)": (heavy_chunk, heavy_batch, "check_claim", {"as_of": AS_OF}),
}


def digest(*columns: np.ndarray) -> tuple:
    """Per output column: the sum and a weighted sum (int64, wrapping: exact and deterministic)."""
    out = []
    for c in columns:
        c = np.asarray(c, dtype=np.int64)
        w = np.arange(1, len(c) + 1, dtype=np.int64)
        out += [int(c.sum()), int((c * w).sum())]
    return tuple(out)


# ---------------------------------------------------------------------------------- memory

def reset_peak() -> bool:
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")  # resets VmHWM to the current resident set
        return True
    except OSError:
        return False


def peak_mib() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


# ---------------------------------------------------------------------------------- the three ways

def best(fn, reps: int, before=None):
    times, result = [], None
    for _ in range(reps):
        if before:
            before()
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return min(times), result


def chunked(rows: int, chunk: int) -> tuple:
    return tuple(min(chunk, rows - s) for s in range(0, rows, chunk))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build-dir", help="a build directory: its bindings/python is imported (and the workers')")
    ap.add_argument("--light-rows", type=int, default=20_000_000)
    ap.add_argument("--heavy-rows", type=int, default=4_000_000)
    ap.add_argument("--chunk", type=int, default=1_000_000)
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--seed", type=int, default=20261206)
    ap.add_argument("--smoke", action="store_true", help="200,000 rows each, chunks of 50,000, one rep: checks only")
    a = ap.parse_args()
    if a.smoke:
        a.light_rows = a.heavy_rows = 200_000
        a.chunk, a.reps = 50_000, 1

    if a.build_dir:
        path = os.path.abspath(os.path.join(a.build_dir, "bindings", "python"))
        sys.path.insert(0, path)
        os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [path, os.environ.get("PYTHONPATH")]))
    import dask
    import dask.array as da
    import distributed

    import provident
    import provident.dask
    # The threaded way runs while the cluster's client exists, on purpose.
    warnings.filterwarnings("ignore", message="Running on a single-machine scheduler")

    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    print(f"# provident.dask: one process vs threads vs a 2-worker LocalCluster — {cpu}, {os.cpu_count()} CPUs; "
          f"load {os.getloadavg()[0]:.2f}; dask {dask.__version__}, distributed {distributed.__version__}")
    print(f"# chunks of {a.chunk:,} rows; rows/s = rows / least wall time of {a.reps}; memory = peak RSS (VmHWM)")
    print()
    print("| calculator | rows | way | rows/s | peak RSS per process (MiB) |")
    print("|---|---|---|---|---|")
    engine = provident.Engine("national")
    failed = False
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=40) as cluster, distributed.Client(cluster) as client:
        for name, (make, batch, function, options) in CALCULATORS.items():
            def lazy(data, engine):
                return getattr(provident.dask, function)(data, engine, **options)
            rows = a.light_rows if "light" in name else a.heavy_rows
            sizes = chunked(rows, a.chunk)
            parts = [make(a.seed, i, n) for i, n in enumerate(sizes)]
            whole = {k: np.concatenate([p[k] for p in parts]) for k in parts[0]}
            del parts
            bounds = np.concatenate([[0], np.cumsum(sizes)])

            # one process
            ok = reset_peak()
            t, out = best(lambda: batch(engine, whole), a.reps)
            mem = peak_mib() if ok else float("nan")
            keys = list(out)
            want = [digest(*[out[k][s:e] for k in keys]) for s, e in zip(bounds[:-1], bounds[1:])]
            del out
            print(f"| {name} | {rows:,} | one process | {rows / t:,.0f} | {mem:,.0f} |", flush=True)

            # threads
            arrays = {k: da.from_array(v, chunks=a.chunk) for k, v in whole.items()}

            def threaded():
                outs = lazy(arrays, engine)
                blocks = [outs[k].to_delayed().ravel() for k in keys]
                return dask.compute([dask.delayed(digest)(*bs) for bs in zip(*blocks)], scheduler="threads")[0]
            ok = reset_peak()
            t, got = best(threaded, a.reps)
            mem = peak_mib() if ok else float("nan")
            same = got == want
            failed |= not same
            print(f"| {name} | {rows:,} | threads ({os.cpu_count()}) | {rows / t:,.0f} | {mem:,.0f} |"
                  + ("" if same else " **DIFFERS**"), flush=True)
            arrays = whole = None  # dropped before the cluster runs

            # cluster: inputs made on the workers and persisted
            made = [dask.delayed(make)(a.seed, i, n) for i, n in enumerate(sizes)]
            remote = {k: da.concatenate([da.from_delayed(m[k], shape=(n,), dtype=np.int64)
                                         for m, n in zip(made, sizes)]) for k in keys_of(make)}
            remote = dict(zip(remote, client.persist(list(remote.values()))))
            distributed.wait(list(remote.values()))

            def clustered():
                outs = lazy(remote, engine)
                blocks = [outs[k].to_delayed().ravel() for k in keys]
                return client.compute([dask.delayed(digest)(*bs) for bs in zip(*blocks)], sync=True)
            t, got = best(clustered, a.reps, before=lambda: client.run(reset_peak))
            mems = client.run(peak_mib)
            same = got == want
            failed |= not same
            print(f"| {name} | {rows:,} | cluster (2 × 1) | {rows / t:,.0f} | "
                  f"{max(mems.values()):,.0f} |" + ("" if same else " **DIFFERS**"), flush=True)
            remote = None  # releases the persisted inputs on the workers
    if failed:
        print("dask_population: outputs differ between the ways (check failed)", file=sys.stderr)
        return 1
    print()
    print("# every way's per-chunk digests equal the one-process batch's")
    return 0


def keys_of(make) -> list:
    return list(make(0, 0, 1))


if __name__ == "__main__":
    sys.exit(main())
