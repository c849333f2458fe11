#!/usr/bin/env python3
"""Throughput of the batch HPF deposit from Python, next to its peers, in one process.

Runs the same batch (per-row base and rates, each part rounded half up to the yuan: the national
rounding) four ways on the same arrays, and prints rows per second and ratios:

* ``provident``   — ``Engine.hpf_deposit_batch`` over numpy int64 arrays (GIL released), new
                    output arrays each call; ``provident out=`` writes into preallocated ones;
* ``C ABI``       — ``pvd_hpf_deposit_batch`` through ctypes, when libprovident_c.so is found
                    (``--capi PATH``, or ``$PROVIDENT_BUILD_DIR/capi/libprovident_c.so``), with
                    new output arrays each call (``C ABI out``: preallocated);
* ``numpy int64`` — the same exact arithmetic written with numpy integer operations;
* ``numpy float64`` — the usual float version, for speed only: it is counted wrong where it is.

    python3 examples/python/batch_throughput.py [--rows 10000000] [--repeat 5] [--sizes]

Figures are ratios on this machine at this moment; they are printed, never stored.
"""

import argparse
import ctypes
import datetime as dt
import os
import sys
import time

import numpy as np

import provident

AS_OF = dt.date(2026, 7, 1)


def population(n: int, seed: int = 7):
    rng = np.random.default_rng(seed)
    base = rng.integers(0, 5_000_000, n, dtype=np.int64)          # fen, up to 50,000 yuan
    er = rng.integers(50_000, 120_001, n, dtype=np.int64)         # millionths, 5%–12%
    ee = rng.integers(50_000, 120_001, n, dtype=np.int64)
    return base, er, ee


def numpy_int64(base, er, ee):
    # round half up to the yuan of base × rate / 10⁶ fen: (x + 50,000,000) // 100,000,000 × 100
    return ((base * er + 50_000_000) // 100_000_000 * 100, (base * ee + 50_000_000) // 100_000_000 * 100)


def numpy_float64(base, er, ee):
    b = base.astype(np.float64) / 100.0
    return (np.floor(b * (er / 1e6) + 0.5) * 100).astype(np.int64), (np.floor(b * (ee / 1e6) + 0.5) * 100).astype(np.int64)


class CAbi:
    """The C ABI's batch through ctypes."""

    class Options(ctypes.Structure):
        _fields_ = [("struct_size", ctypes.c_uint32), ("policy", ctypes.c_char_p), ("db_path", ctypes.c_char_p),
                    ("flags", ctypes.c_uint32), ("overlay", ctypes.c_char_p)]

    def __init__(self, path: str):
        self.lib = ctypes.CDLL(path)
        self.lib.pvd_engine_open.argtypes = [ctypes.POINTER(self.Options), ctypes.POINTER(ctypes.c_void_p)]
        self.lib.pvd_engine_open.restype = ctypes.c_int32
        p64 = ctypes.POINTER(ctypes.c_int64)
        self.lib.pvd_hpf_deposit_batch.argtypes = [ctypes.c_void_p, ctypes.c_int32, ctypes.c_size_t, p64, p64, p64, p64, p64]
        self.lib.pvd_hpf_deposit_batch.restype = ctypes.c_int32
        self.lib.pvd_engine_close.argtypes = [ctypes.POINTER(ctypes.c_void_p)]
        opts = self.Options(ctypes.sizeof(self.Options), b"national", None, 0, None)
        self.engine = ctypes.c_void_p()
        status = self.lib.pvd_engine_open(ctypes.byref(opts), ctypes.byref(self.engine))
        if status != 0:
            raise RuntimeError(f"pvd_engine_open: status {status}")
        self.p64 = p64

    def batch(self, base, er, ee, month_serial, out=None):
        out_er, out_ee = out if out is not None else (np.empty_like(base), np.empty_like(base))
        ptr = lambda a: a.ctypes.data_as(self.p64)  # noqa: E731
        status = self.lib.pvd_hpf_deposit_batch(self.engine, month_serial, base.size, ptr(base), ptr(er), ptr(ee),
                                                ptr(out_er), ptr(out_ee))
        if status != 0:
            raise RuntimeError(f"pvd_hpf_deposit_batch: status {status}")
        return out_er, out_ee

    def close(self):
        self.lib.pvd_engine_close(ctypes.byref(self.engine))


def find_capi(given):
    candidates = [given] if given else []
    if os.environ.get("PROVIDENT_BUILD_DIR"):
        candidates.append(os.path.join(os.environ["PROVIDENT_BUILD_DIR"], "capi", "libprovident_c.so"))
    here = os.path.dirname(os.path.abspath(__file__))
    for preset in ("default", "release", "py"):
        candidates.append(os.path.join(here, "..", "..", "build", preset, "capi", "libprovident_c.so"))
    return next((c for c in candidates if c and os.path.exists(c)), None)


def best_of_interleaved(repeat, peers):
    """Best time of each peer, the peers taking turns so that the allocator's state (fresh pages
    for new output arrays) weighs on each the same way."""
    best = {name: float("inf") for name in peers}
    outs = {name: fn() for name, fn in peers.items()}  # warm up; keep each peer's last output alive
    for _ in range(repeat):
        for name, fn in peers.items():
            t0 = time.perf_counter()
            outs[name] = fn()
            best[name] = min(best[name], time.perf_counter() - t0)
    return {name: (best[name], outs[name]) for name in peers}


def measure(n, repeat, capi):
    base, er, ee = population(n)
    engine = provident.Engine("national")
    month = provident.Month.of(AS_OF)
    out = (np.empty_like(base), np.empty_like(base))
    c_out = (np.empty_like(base), np.empty_like(base))
    peers = {"provident": lambda: engine.hpf_deposit_batch(base, er, ee, AS_OF),
             "provident out=": lambda: engine.hpf_deposit_batch(base, er, ee, AS_OF, out=out),
             "numpy int64": lambda: numpy_int64(base, er, ee),
             "numpy float64": lambda: numpy_float64(base, er, ee)}
    if capi is not None:
        peers["C ABI"] = lambda: capi.batch(base, er, ee, month.serial)
        peers["C ABI out"] = lambda: capi.batch(base, er, ee, month.serial, c_out)
    results = best_of_interleaved(repeat, peers)
    exact = results["provident"][1]
    wrong = {name: int(np.count_nonzero((out[0] != exact[0]) | (out[1] != exact[1])))
             for name, (_, out) in results.items()}
    return {name: (n / t, wrong[name]) for name, (t, _) in results.items()}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=10_000_000)
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--sizes", action="store_true", help="also run 10^3 … --rows in powers of ten")
    ap.add_argument("--capi", help="path of libprovident_c.so")
    args = ap.parse_args()

    rounding = provident.Engine("national").deposit_rounding(provident.Month.of(AS_OF))
    if (rounding.mode, rounding.unit) != ("half_up", "yuan"):
        print(f"the national rounding is {rounding}; the numpy peers assume half_up to yuan")
        return 1
    path = find_capi(args.capi)
    capi = CAbi(path) if path else None
    print(f"HPF deposit batch, per-row base and rates, {rounding} per part; best of {args.repeat}; "
          f"C ABI: {path or 'not found'}")
    sizes = [args.rows]
    if args.sizes:
        sizes = [10 ** k for k in range(3, 10) if 10 ** k < args.rows] + [args.rows]
    status = 0
    for n in sizes:
        r = measure(n, args.repeat, capi)
        ref = r["numpy int64"][0]
        print(f"\n{n:>12,} rows          M rows/s   vs numpy int64   vs C ABI   rows wrong")
        for name in ("provident", "C ABI", "provident out=", "C ABI out", "numpy int64", "numpy float64"):
            if name not in r:
                continue
            rate, wrong = r[name]
            # Each provident row against its C ABI twin (same allocation pattern).
            twin = "C ABI out" if name == "provident out=" else "C ABI"
            vs_capi = f"{rate / r[twin][0]:8.2f}x" if twin in r else "       —"
            print(f"  {name:<16} {rate / 1e6:12.1f}   {rate / ref:13.2f}x   {vs_capi}   {wrong:>10,}")
        if any(r[k][1] for k in r if k != "numpy float64"):
            print("  the exact peers disagree", file=sys.stderr)
            status = 1
    if capi is not None:
        capi.close()
    return status


if __name__ == "__main__":
    sys.exit(main())
