"""Part 1 of benchmarks/compare.py: the batch HPF deposit over the same numpy int64 arrays by every
method (the C++ kernel, the C ABI, Python, numpy int64 and float64, decimal, the hand loops), timed
round-robin in one process, with the exactness of each on every row and on ties."""

from __future__ import annotations

import ctypes
import datetime
import decimal
import statistics
import sys
import time
from pathlib import Path

import numpy as np

from compare_verdicts import GUARDS, Verdict

ROOT = Path(__file__).resolve().parent.parent
AS_OF = datetime.date(2025, 7, 1)
AS_OF_MONTH = 2025 * 12 + 7 - 1
HALF_UP, YUAN = 0, 2  # pvd::RoundingMode::half_up, pvd::RoundingUnit::yuan

I64P = ctypes.POINTER(ctypes.c_int64)


def ptr(a: np.ndarray):
    return a.ctypes.data_as(I64P)


# ---------------------------------------------------------------------------------------- inputs

def population(n: int, seed: int = 20260701):
    """Bases 2,000.00–40,000.00 yuan in fen and rates 5%–12% in millionths, per row (the ranges of
    bench::DepositInputs; numpy's generator, not the C++ one)."""
    rng = np.random.default_rng(seed)
    base = rng.integers(200_000, 4_000_001, n, dtype=np.int64)
    er = rng.integers(50_000, 120_001, n, dtype=np.int64)
    ee = rng.integers(50_000, 120_001, n, dtype=np.int64)
    return base, er, ee


def ties(n: int = 100_000, seed: int = 7):
    """Rows whose parts sit exactly on .5 yuan: base_fen × rate_micros ≡ 50,000,000 (mod 10⁸).

    Rates are the common whole and half percents (5%, 5.5%, … 12%); for each, the bases in
    2,000–40,000 yuan that put both parts on a tie are found exactly in integers."""
    rng = np.random.default_rng(seed)
    bases = np.arange(200_000, 4_000_001, dtype=np.int64)
    rows_b, rows_r = [], []
    for r in range(50_000, 120_001, 5_000):
        hit = bases[(bases * r) % 100_000_000 == 50_000_000]
        if hit.size:
            rows_b.append(hit)
            rows_r.append(np.full(hit.size, r, dtype=np.int64))
    b = np.concatenate(rows_b)
    r = np.concatenate(rows_r)
    pick = rng.choice(b.size, size=min(n, b.size), replace=False)
    return b[pick], r[pick].copy(), r[pick].copy()


# ---------------------------------------------------------------------------------------- methods

def numpy_int64(base, er, ee):
    """Exact: each part rounded half up to the yuan, in fen, integer operations only."""
    return ((base * er + 50_000_000) // 100_000_000) * 100, ((base * ee + 50_000_000) // 100_000_000) * 100


def numpy_int64_inplace(base, er, ee, oer, oee, tmp):
    """The same, with no temporaries allocated (ufuncs with out=)."""
    for rate, out in ((er, oer), (ee, oee)):
        np.multiply(base, rate, out=tmp)
        np.add(tmp, 50_000_000, out=tmp)
        np.floor_divide(tmp, 100_000_000, out=tmp)
        np.multiply(tmp, 100, out=out)
    return oer, oee


def numpy_float64(base_yuan, er_rate, ee_rate):
    """The usual analyst's version: yuan and rates as float64, np.round to the yuan."""
    return np.round(base_yuan * er_rate), np.round(base_yuan * ee_rate)


def float_to_fen(parts):
    return tuple(np.rint(p * 100).astype(np.int64) for p in parts)


D = decimal.Decimal
ONE = D(1)


def decimal_loop(base, er, ee):
    """Python's decimal module, element by element: base (yuan) × rate, quantized half up."""
    ctx = decimal.Context(prec=28, rounding=decimal.ROUND_HALF_UP)
    oer, oee = [], []
    hundred, million = D(100), D(1_000_000)
    for b, r1, r2 in zip(base.tolist(), er.tolist(), ee.tolist()):
        y = D(b) / hundred
        oer.append(int((y * D(r1) / million).quantize(ONE, context=ctx)) * 100)
        oee.append(int((y * D(r2) / million).quantize(ONE, context=ctx)) * 100)
    return np.array(oer, dtype=np.int64), np.array(oee, dtype=np.int64)


# ---------------------------------------------------------------------------------------- set-up

def find_build(arg: str | None) -> Path:
    candidates = [Path(arg)] if arg else [ROOT / "build" / "bench", ROOT / "build" / "release"]
    for c in candidates:
        if (c / "benchmarks").is_dir():
            return c.resolve()
    sys.exit(f"compare.py: no build with benchmarks in {', '.join(map(str, candidates))} "
             "(cmake --build <dir> --target benchmarks _provident)")


def load_libraries(build: Path):
    peer = ctypes.CDLL(str(build / "benchmarks" / "libprovident_bench_peer.so"))
    peer.peer_kernel.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_size_t] + [I64P] * 5
    peer.peer_kernel.restype = ctypes.c_int
    peer.peer_hand_loop.argtypes = [ctypes.c_size_t] + [I64P] * 5
    peer.peer_hand_loop.restype = None
    peer.peer_hand_loop_baseline.argtypes = [ctypes.c_size_t] + [I64P] * 5
    peer.peer_hand_loop_baseline.restype = None
    peer.peer_hand_loop_path.argtypes = []
    peer.peer_hand_loop_path.restype = ctypes.c_char_p
    capi_path = next((build / "capi").glob("libprovident_c.so*"), None)
    if capi_path is None:
        sys.exit("compare.py: libprovident_c.so not built")
    capi = ctypes.CDLL(str(capi_path))

    class Options(ctypes.Structure):
        _fields_ = [("struct_size", ctypes.c_uint32), ("policy", ctypes.c_char_p), ("db_path", ctypes.c_char_p),
                    ("flags", ctypes.c_uint32), ("overlay", ctypes.c_char_p)]

    capi.pvd_engine_open.argtypes = [ctypes.POINTER(Options), ctypes.POINTER(ctypes.c_void_p)]
    capi.pvd_engine_open.restype = ctypes.c_int32
    capi.pvd_hpf_deposit_batch.argtypes = [ctypes.c_void_p, ctypes.c_int32, ctypes.c_size_t] + [I64P] * 5
    capi.pvd_hpf_deposit_batch.restype = ctypes.c_int32
    capi.pvd_engine_errmsg.argtypes = [ctypes.c_void_p]
    capi.pvd_engine_errmsg.restype = ctypes.c_char_p
    opts = Options(ctypes.sizeof(Options), b"shanghai", None, 0, None)
    engine = ctypes.c_void_p()
    if capi.pvd_engine_open(ctypes.byref(opts), ctypes.byref(engine)) != 0:
        sys.exit("compare.py: pvd_engine_open failed")
    sys.path.insert(0, str(build / "bindings" / "python"))
    import provident  # noqa: E402  (the package built next to the C ABI)
    return peer, capi, engine, provident


# ---------------------------------------------------------------------------------------- part 1

def batch_part(build: Path, sizes: list[int], reps: int, decimal_n: int) -> dict:
    peer, capi, cengine, provident = load_libraries(build)
    py_engine = provident.Engine("shanghai")
    results = {"path": peer.peer_hand_loop_path().decode()}
    for n in sizes:
        base, er, ee = population(n)
        base_y, er_f, ee_f = base / 100.0, er / 1e6, ee / 1e6  # what the float analyst holds
        outs = {k: (np.full(n, -1, np.int64), np.full(n, -1, np.int64)) for k in ("cpp", "capi", "py", "np", "hand", "base")}
        tmp = np.empty(n, np.int64)
        got = {}

        # ctypes pointers made once: the calls below then cost what a C caller's call costs, plus
        # ctypes' own crossing (about a microsecond, visible only at 10³ rows).
        p_in = (ptr(base), ptr(er), ptr(ee))
        p_cpp, p_capi, p_hand, p_base = (tuple(ptr(a) for a in outs[k]) for k in ("cpp", "capi", "hand", "base"))

        def cpp():
            if peer.peer_kernel(HALF_UP, YUAN, n, *p_in, *p_cpp):
                raise RuntimeError("kernel refused the batch")

        def capi_call():
            if capi.pvd_hpf_deposit_batch(cengine, AS_OF_MONTH, n, *p_in, *p_capi):
                raise RuntimeError(capi.pvd_engine_errmsg(cengine).decode())

        def py_out():
            py_engine.hpf_deposit_batch(base, er, ee, AS_OF, out=outs["py"])

        def py_alloc():
            got["py_alloc"] = py_engine.hpf_deposit_batch(base, er, ee, AS_OF)

        def np_int():
            got["np_int64"] = numpy_int64(base, er, ee)

        def np_inplace():
            numpy_int64_inplace(base, er, ee, outs["np"][0], outs["np"][1], tmp)

        def np_float():
            got["np_float64"] = numpy_float64(base_y, er_f, ee_f)

        def hand():
            peer.peer_hand_loop(n, *p_in, *p_hand)

        def hand_base():
            peer.peer_hand_loop_baseline(n, *p_in, *p_base)

        methods = {
            "C++ kernel": cpp, "C ABI": capi_call, "Python (out=)": py_out, "Python (allocating)": py_alloc,
            "numpy int64": np_int, "numpy int64 (out=)": np_inplace, "numpy float64": np_float, "hand loop": hand,
            "hand loop (baseline)": hand_base,
        }
        # Warm up once (page faults, caches), then round-robin: every method sees the same moments.
        for f in methods.values():
            f()
        # Each sample is timed twice: this thread's CPU time (user + system: page faults count, time
        # spent descheduled by other processes does not) and wall time. Rates and verdicts use CPU
        # time; the wall figures are printed beside them.
        times = {k: [] for k in methods}
        walls = {k: [] for k in methods}
        inner = max(1, int(2_000_000 // n))  # repeat small sizes so each sample lasts ≥ ~1 ms
        for _ in range(reps):
            for name, f in methods.items():
                w0, c0 = time.perf_counter(), time.thread_time()
                for _ in range(inner):
                    f()
                times[name].append((time.thread_time() - c0) / inner)
                walls[name].append((time.perf_counter() - w0) / inner)
        dn = min(n, decimal_n)
        c0 = time.thread_time()
        got["decimal"] = decimal_loop(base[:dn], er[:dn], ee[:dn])
        t_dec = time.thread_time() - c0

        # Exactness: every exact method equals numpy int64 (base × rate < 2⁶³ here: no overflow) on
        # every row, the hand loops included.
        ref = got["np_int64"]
        exact = {
            "C++ kernel": outs["cpp"], "C ABI": outs["capi"], "Python (out=)": outs["py"],
            "Python (allocating)": got["py_alloc"], "numpy int64 (out=)": outs["np"], "hand loop": outs["hand"],
            "hand loop (baseline)": outs["base"],
        }
        mismatches = {k: int((v[0] != ref[0]).sum() + (v[1] != ref[1]).sum()) for k, v in exact.items()}
        mismatches["numpy int64"] = 0
        mismatches["decimal"] = int((got["decimal"][0] != ref[0][:dn]).sum() + (got["decimal"][1] != ref[1][:dn]).sum())
        f_er, f_ee = float_to_fen(got["np_float64"])
        mismatches["numpy float64"] = int((f_er != ref[0]).sum() + (f_ee != ref[1]).sum())

        # One definition: a method's rate is n / (its median CPU time per call); a ratio is the
        # quotient of two such rates.
        med = {k: statistics.median(v) for k, v in times.items()}
        rate = {k: n / max(t, 1e-9) for k, t in med.items()}
        rate["decimal"] = dn / t_dec
        wall = {k: n / statistics.median(v) for k, v in walls.items()}
        wall["decimal"] = float("nan")
        results[n] = {"rows_per_s": rate, "wall_rows_per_s": wall, "median_cpu_s": med, "mismatches": mismatches,
                      "decimal_n": dn, "reps": reps}
    # Ties: float64 against the exact answer.
    tb, ter, tee = ties()
    exact_er, exact_ee = numpy_int64(tb, ter, tee)
    f_er, f_ee = float_to_fen(numpy_float64(tb / 100.0, ter / 1e6, tee / 1e6))
    f2_er = np.rint(np.floor(tb / 100.0 * (ter / 1e6) + 0.5) * 100).astype(np.int64)
    k_er, k_ee = np.empty_like(tb), np.empty_like(tb)
    peer.peer_kernel(HALF_UP, YUAN, tb.size, ptr(tb), ptr(ter), ptr(tee), ptr(k_er), ptr(k_ee))
    h_er, h_ee = np.empty_like(tb), np.empty_like(tb)
    peer.peer_hand_loop(tb.size, ptr(tb), ptr(ter), ptr(tee), ptr(h_er), ptr(h_ee))
    dec_er, dec_ee = decimal_loop(tb[:20_000], ter[:20_000], tee[:20_000])
    results["ties"] = {
        "rows": int(tb.size),
        "parts": int(2 * tb.size),
        "float64_np_round_wrong_parts": int((f_er != exact_er).sum() + (f_ee != exact_ee).sum()),
        "float64_floor_plus_half_wrong_parts": int(2 * (f2_er != exact_er).sum()),
        "kernel_wrong_parts": int((k_er != exact_er).sum() + (k_ee != exact_ee).sum()),
        "hand_loop_wrong_parts": int((h_er != exact_er).sum() + (h_ee != exact_ee).sum()),
        "decimal_wrong_parts_of_first_20000_rows": int((dec_er != exact_er[:20_000]).sum() + (dec_ee != exact_ee[:20_000]).sum()),
    }
    return results


def print_batch(results: dict) -> list[Verdict]:
    by = "compare.py part 1 (in process)"
    verdicts = []
    order = ["hand loop", "hand loop (baseline)", "C++ kernel", "C ABI", "Python (out=)", "Python (allocating)",
             "numpy int64 (out=)", "numpy int64", "numpy float64", "decimal"]
    print(f"\nThe kernel and the hand loop take the '{results['path']}' path on this CPU (the same test: "
          "AVX-512 F, DQ, VL with AVX2 and FMA); 'hand loop (baseline)' is the x86-64 baseline build.")
    for n, r in results.items():
        if not isinstance(n, int):
            continue
        rate = r["rows_per_s"]
        np_name = max(("numpy int64", "numpy int64 (out=)"), key=lambda k: rate[k])
        wall = r["wall_rows_per_s"]
        print(f"\n## Batch HPF deposit, n = {n:,} rows (rate = n / median CPU time of {r['reps']} round-robin "
              f"samples; decimal on {r['decimal_n']:,} rows)\n")
        print(f"| {'method':<22} | {'M rows/s':>9} | {'× numpy int64':>13} | {'× C ABI':>8} | {'× hand loop':>11} | "
              f"wrong parts | wall M rows/s |")
        print(f"|{'-' * 24}|{'-' * 10}:|{'-' * 14}:|{'-' * 9}:|{'-' * 12}:|{'-' * 12}:|{'-' * 14}:|")
        for k in order:
            print(f"| {k:<22} | {rate[k] / 1e6:9.2f} | {rate[k] / rate[np_name]:13.2f} | {rate[k] / rate['C ABI']:8.2f} | "
                  f"{rate[k] / rate['hand loop']:11.2f} | {r['mismatches'].get(k, 0):>11,} | {wall[k] / 1e6:13.2f} |")
        slow = min(("C++ kernel", "C ABI"), key=lambda k: rate[k])
        t_py, t_capi = r["median_cpu_s"]["Python (out=)"], r["median_cpu_s"]["C ABI"]
        x_np = rate[slow] / rate[np_name]
        x_py = rate["C ABI"] / rate["Python (out=)"]
        x_hand = rate[slow] / rate["hand loop"]
        verdicts += [
            Verdict(f"batch vs the hand loop, n={n:,}", ">= 0.95x",
                    f"{slow} {rate[slow] / 1e6:.0f} / hand loop {rate['hand loop'] / 1e6:.0f} M rows/s = {x_hand:.2f}x "
                    f"('{results['path']}' path)", x_hand >= 0.95, by, f">= {GUARDS['x_hand']}x",
                    x_hand >= GUARDS["x_hand"]),
            Verdict(f"batch C++ / C ABI, n={n:,}", ">= 200 M rows/s",
                    f"C++ {rate['C++ kernel'] / 1e6:.0f} / C ABI {rate['C ABI'] / 1e6:.0f} M rows/s",
                    rate[slow] >= 200e6, by, f">= {GUARDS['rows_per_s'] / 1e6:.0f} M rows/s", rate[slow] >= GUARDS["rows_per_s"]),
            Verdict(f"batch vs numpy int64, n={n:,}", ">= 1.2x",
                    f"{slow} {rate[slow] / 1e6:.0f} / {np_name} {rate[np_name] / 1e6:.0f} M rows/s = {x_np:.2f}x",
                    x_np >= 1.2, by, f">= {GUARDS['x_numpy']}x", x_np >= GUARDS["x_numpy"]),
            Verdict(f"Python (out=) vs C ABI, n={n:,}", "within 1.3x",
                    f"C ABI {rate['C ABI'] / 1e6:.0f} / Python {rate['Python (out=)'] / 1e6:.0f} M rows/s = {x_py:.2f}x; "
                    f"per call: C ABI {t_capi * 1e6:.2f} µs, Python {t_py * 1e6:.2f} µs; allocating: "
                    f"{rate['C ABI'] / rate['Python (allocating)']:.2f}x", x_py <= 1.3, by,
                    f"within {GUARDS['x_python']}x, or the Python call's own cost within {GUARDS['python_call_s'] * 1e6:.0f} µs",
                    x_py <= GUARDS["x_python"] or t_py - t_capi <= GUARDS["python_call_s"]),
        ]
    t = results["ties"]
    print(f"\n## Ties: {t['rows']:,} rows whose parts are exactly x.5 yuan ({t['parts']:,} parts)\n")
    print(f"- numpy float64 with np.round (half to even, binary rates): {t['float64_np_round_wrong_parts']:,} parts wrong")
    print(f"- numpy float64 with floor(x + 0.5): {t['float64_floor_plus_half_wrong_parts'] // 2:,} employer parts wrong")
    print(f"- provident kernel: {t['kernel_wrong_parts']:,} parts wrong; hand loop: {t['hand_loop_wrong_parts']:,}; "
          f"decimal: {t['decimal_wrong_parts_of_first_20000_rows']:,} (first 20,000 rows)")
    wrong = {f"{k} (n={n:,})": m for n, r in results.items() if isinstance(n, int)
             for k, m in r["mismatches"].items() if k != "numpy float64" and m}
    wrong.update({k: t[k] for k in ("kernel_wrong_parts", "hand_loop_wrong_parts", "decimal_wrong_parts_of_first_20000_rows")
                  if t[k]})
    float_wrong = t["float64_np_round_wrong_parts"] > 0
    verdicts.append(Verdict("batch exact where float64 is not", "0 wrong; float64 > 0 on ties",
                            ("exact methods 0 wrong" if not wrong else "WRONG: " + ", ".join(f"{k} {v:,}" for k, v in wrong.items()))
                            + f"; float64 {t['float64_np_round_wrong_parts']:,} of {t['parts']:,} tie parts wrong",
                            not wrong and float_wrong, by))
    return verdicts
