#!/usr/bin/python3
"""The calculators' batch forms (issue 19 (4)): for each, rows per second of

  Python     provident.Engine.<name>_batch (numpy/str columns in, the GIL released)
  C ABI      pvd_<name>_batch of libprovident_c.so over the same arrays (ctypes; one call)
  JSON loop  provident.Engine.execute, one request per row (on a sample, extrapolated)

and the ratio of the Python batch's CPU time to the C ABI's (the target: at most 1.3×). Each method's
best of --reps runs on the same inputs. A string batch is measured twice: with a numpy fixed-width 'U'
array (read from its buffer, no Python object per row; unit_login_name with fixed_width=True: a '<U12'
array out) — the form to use when speed matters —, as "('S' array)" with the same values as bytes
(a quarter of the memory to read; unit_login_name with fixed_width="S": an 'S12' array out), and, as "(str list)", with a list of Python str (one object per
row in, and for unit_login_name one str per row out).

    benchmarks/compare_calculators.py --build-dir build/default            # 100,000 rows
    benchmarks/compare_calculators.py --build-dir build/default --smoke    # ctest bench.calculators

--smoke: 20,000 rows, each figure judged only against collapse guards (the machine is shared):
Python within 8× of the C ABI (strings cost Python their conversion), and the batch at least 5× the JSON loop. Exit status 1 on a miss.
"""

from __future__ import annotations

import argparse
import ctypes
import datetime as dt
import os
import sys
import time
from pathlib import Path

import numpy as np

I64P = ctypes.POINTER(ctypes.c_int64)
AS_OF = dt.date(2026, 1, 1)
AS_OF_DAYS = (AS_OF - dt.date(1970, 1, 1)).days


def p(a):
    return None if a is None else a.ctypes.data_as(I64P)


def best(fn, reps: int) -> float:
    """The least CPU time of `reps` runs (CPU time, not wall time: the machine may be shared)."""
    times = []
    for _ in range(reps):
        t = time.process_time()
        fn()
        times.append(time.process_time() - t)
    return max(min(times), 1e-9)


def packed(strings):
    data = "".join(strings).encode()
    offsets = np.zeros(len(strings) + 1, dtype=np.int64)
    offsets[1:] = np.cumsum([len(s) for s in strings])
    return data, offsets


def fixed_kind(values):
    """unit_login_name's output form for an input form: 'U' / 'S' arrays out for 'U' / 'S' in, objects for a list."""
    return values.dtype.kind if isinstance(values, np.ndarray) else False


def both(name, call, array, strs, c_call, request):
    """A string batch's rows: the numpy 'U' array in, the same as an 'S' array, then the list of str."""
    as_bytes = array.astype("S")
    return [(name, lambda e, c, h: call(e, array), c_call, request),
            (f"{name} ('S' array)", lambda e, c, h: call(e, as_bytes), c_call, request),
            (f"{name} (str list)", lambda e, c, h: call(e, strs), c_call, request)]


def cases(n: int, rng):
    """(name, python call, C ABI call, JSON request of row i, rows) for each batch."""
    amount = rng.integers(300_000, 4_000_000, n, dtype=np.int64)
    month = np.full(n, 2025 * 12 + 5, dtype=np.int64)
    year = np.full(n, 2026, dtype=np.int64)
    ids = [f"11010519491231002X" if i % 2 else "110105194912310021" for i in range(n)]
    cards = ["4111111111111111"] * n
    codes = ["91110000600037341L"] * n
    units = ["1234567890"] * n
    offsets = np.arange(0, 2 * n + 1, 2, dtype=np.int64)
    frm = np.tile(np.array([2000 * 12, 2000 * 12 + 6], dtype=np.int64), n)
    to = frm + 11
    birth = np.full(n, (dt.date(1965, 3, 10) - dt.date(1970, 1, 1)).days, dtype=np.int64)
    start = birth + 7300
    retire = np.full(n, (dt.date(2025, 7, 1) - dt.date(1970, 1, 1)).days, dtype=np.int64)
    work = np.full(n, 480, dtype=np.int64)
    contrib = rng.integers(100, 500, n, dtype=np.int64)
    out = [np.empty(n, dtype=np.int64) for _ in range(5)]
    out_n1 = np.empty(n + 1, dtype=np.int64)
    names_buf = ctypes.create_string_buffer(12 * n + 1)
    id_data, id_off = packed(ids)
    card_data, card_off = packed(cards)
    code_data, code_off = packed(codes)
    unit_data, unit_off = packed(units)
    ids_u, cards_u, codes_u, units_u = (np.array(v) for v in (ids, cards, codes, units))
    y = lambda f: f"{int(f) // 100}.{int(f) % 100:02d}"  # noqa: E731
    return [
        ("si_contribution", lambda e, c, h: e.si_contribution_batch(amount, month),
         lambda e, c, h: c.pvd_si_contribution_batch(h, n, p(amount), p(month), 0, 0, None, p(out[0]), p(out[1]), None, None),
         lambda i: {"op": "si.contribution", "args": {"base": y(amount[i]), "month": "2025-06"}}),
        ("hpf_interest", lambda e, c, h: e.hpf_interest_batch(year, amount),
         lambda e, c, h: c.pvd_hpf_interest_batch(h, n, p(year), p(amount), None, None, None, 0, p(out[0]), None),
         lambda i: {"op": "hpf.interest", "args": {"year": 2026, "opening_balance": y(amount[i])}}),
        *both("parse_id", lambda e, v: e.parse_id_batch(v, AS_OF), ids_u, ids,
              lambda e, c, h: c.pvd_id_parse_batch(n, id_data, p(id_off), AS_OF_DAYS, 1, *[p(o) for o in out]),
              lambda i: {"op": "id.parse", "args": {"number": ids[i]}}),
        ("check_claim", lambda e, c, h: e.check_claim_batch(birth, 1, start, retire, work, contrib, as_of=AS_OF),
         lambda e, c, h: c.pvd_pension_check_claim_batch(h, AS_OF_DAYS, n, p(birth), p(np.ones(n, dtype=np.int64)),
                                                          p(start), p(retire), p(work), p(contrib), None, *[p(o) for o in out[:4]]),
         lambda i: {"op": "pension.check_claim", "args": {
             "birth_date": "1965-03-10", "category": "M60", "work_start_date": "1985-03-05", "retirement_date": "2025-07-01",
             "work_years": {"years": 40, "months": 0}, "contribution_months": int(contrib[i])}}),
        ("count_months", lambda e, c, h: e.count_months_batch(offsets, frm, to),
         lambda e, c, h: c.pvd_pension_count_months_batch(n, p(offsets), p(frm), p(to), p(out[0]), p(out[1])),
         lambda i: {"op": "pension.count_months", "args": {"periods": [{"from": "2000-01", "to": "2000-12"},
                                                                         {"from": "2000-07", "to": "2001-06"}]}}),
        *both("unit_login_name", lambda e, v: e.unit_login_name_batch(v, fixed_width=fixed_kind(v)),
              units_u, units,
              lambda e, c, h: c.pvd_si_unit_login_name_batch(n, unit_data, p(unit_off), p(out[0]), names_buf, p(out_n1)),
              lambda i: {"op": "si.unit_login_name", "args": {"unit_code": units[i]}}),
        *both("validate_card", lambda e, v: e.validate_card_batch(v, AS_OF), cards_u, cards,
              lambda e, c, h: c.pvd_card_validate_batch(h, AS_OF_DAYS, n, card_data, p(card_off), p(out[0])),
              lambda i: {"op": "card.validate", "args": {"number": cards[i]}}),
        *both("validate_credit_code", lambda e, v: e.validate_credit_code_batch(v), codes_u, codes,
              lambda e, c, h: c.pvd_uscc_validate_batch(n, code_data, p(code_off), p(out[0])),
              lambda i: {"op": "uscc.validate", "args": {"code": codes[i]}}),
    ]


def declare(c) -> None:
    """The C prototypes (ctypes must not guess: size_t and int32_t differ)."""
    H, S, I32, U32, CH = ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int32, ctypes.c_uint32, ctypes.c_char_p
    protos = {
        "pvd_si_contribution_batch": [H, S, I64P, I64P, U32, U32] + [I64P] * 5,
        "pvd_hpf_interest_batch": [H, S, I64P, I64P, I64P, I64P, I64P, I32, I64P, I64P],
        "pvd_id_parse_batch": [S, CH, I64P, I32, U32] + [I64P] * 5,
        "pvd_pension_check_claim_batch": [H, I32, S] + [I64P] * 11,
        "pvd_pension_count_months_batch": [S] + [I64P] * 5,
        "pvd_si_unit_login_name_batch": [S, CH, I64P, I64P, CH, I64P],
        "pvd_card_validate_batch": [H, I32, S, CH, I64P, I64P],
        "pvd_uscc_validate_batch": [S, CH, I64P, I64P],
        "pvd_engine_open": [H, ctypes.POINTER(H)],
        "pvd_engine_close": [ctypes.POINTER(H)],
    }
    for name, args in protos.items():
        getattr(c, name).argtypes = args
        getattr(c, name).restype = ctypes.c_int32


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build-dir", required=True)
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--loop-rows", type=int, default=300, help="rows of the JSON loop (extrapolated)")
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--smoke", action="store_true")
    a = ap.parse_args()
    if a.smoke:
        a.rows, a.loop_rows, a.reps = 20_000, 100, 3
    build = Path(a.build_dir).resolve()
    sys.path.insert(0, str(build / "bindings" / "python"))
    import provident

    c = ctypes.CDLL(str(build / "capi" / "libprovident_c.so"))
    declare(c)
    handle = ctypes.c_void_p()
    assert c.pvd_engine_open(None, ctypes.byref(handle)) == 0
    eng = provident.Engine()
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    print(f"# calculators' batches, {a.rows:,} rows — {cpu}; load {os.getloadavg()[0]:.2f}")
    print("| batch | Python rows/s | C ABI rows/s | JSON loop rows/s | Python / C ABI | batch / loop |")
    print("|---|---|---|---|---|---|")
    failed = []
    for name, py_call, c_call, request in cases(a.rows, np.random.default_rng(1)):
        status = c_call(eng, c, handle)
        if status != 0:
            failed.append(f"{name}: C ABI status {status}")
            continue
        t_py = best(lambda: py_call(eng, c, handle), a.reps)
        t_c = best(lambda: c_call(eng, c, handle), a.reps)
        reqs = [dict(request(i), as_of="2026-01-01T00:00:00") for i in range(a.loop_rows)]
        t_loop = best(lambda: [eng.execute(r) for r in reqs], 1) * a.rows / a.loop_rows
        ratio, speedup = t_py / t_c, t_loop / t_py
        print(f"| {name} | {a.rows / t_py:,.0f} | {a.rows / t_c:,.0f} | {a.rows / t_loop:,.0f} | {ratio:.2f}× | {speedup:,.0f}× |")
        if a.smoke and (ratio > 8.0 or speedup < 5):
            failed.append(f"{name}: Python/C ABI {ratio:.2f}×, batch/loop {speedup:.1f}×")
    c.pvd_engine_close(ctypes.byref(handle))
    for f in failed:
        print("FAILED:", f)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
