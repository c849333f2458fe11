#!/usr/bin/python3
"""provident against its peers, in one process run (quality.md §1, issues 8 and 14).

Part 1 — the batch HPF deposit (per-row base and rates, each part rounded half up to the yuan,
Shanghai profile, as of 2025-07) over the same numpy int64 arrays, timed round-robin in this one
process so that every figure is a ratio taken at the same moment on the same machine:

  C++ kernel       pvd::hpf::deposit_batch (libprovident_bench_peer.so, via ctypes)
  C ABI            pvd_hpf_deposit_batch (libprovident_c.so, via ctypes)
  Python           provident.Engine.hpf_deposit_batch, with out= and allocating its outputs
  numpy int64      the same exact arithmetic, as an analyst writes it (and in place with out=)
  numpy float64    the usual analyst's version: yuan and rates as floats, np.round
  decimal          Python's decimal module, element by element (a smaller n; its rate is per row)
  hand loop        the arithmetic alone in C++, built for the instruction set the kernel's path
                   uses on this CPU and chosen by the kernel's own test (the ceiling); its baseline
                   x86-64 build is shown too

It checks that every exact method gives the right fen on every row (against numpy int64, whose
products cannot overflow here), and counts the rows where float64 differs, on the population and
on a set of ties (base × rate exactly on .5 yuan).

Part 2 — the Google Benchmark programs of benchmarks/ (rule decisions, JSON commands, retirement,
the claim check, back-pay, the store against raw SQLite, verify_remittance, memory), run now, each
median printed next to its target. Each program checks its own answers and exits 1 on a wrong one.

Every ratio is one quotient of two median rates taken from the same samples, printed with both
rates. Every size is judged. A target is judged on the operation a user calls (the claim check and
the back-pay on their JSON commands; the rule alone is printed beside).

Exit status: 0 when every judged target is met and every exact method agrees on every row; 1
otherwise (a missed target, a wrong answer, a program that failed).

--smoke (CI: ctest bench.compare, run by scripts/test) runs small sizes once and judges each figure
against a collapse guard instead of its target — exactness exactly, ratios and times with wide
margins (GUARDS below) — so that a wrong answer or a collapse fails CI and timing noise does not.

    scripts/bench                       # both parts (the release preset; exit 1 while a target is missed)
    scripts/bench --part batch          # part 1 and bench_batch only
    benchmarks/compare.py --build-dir build/default --smoke    # a minute: exact, and nothing collapsed
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import sys
from pathlib import Path

import numpy as np

import compare_verdicts
from compare_batch import batch_part, find_build, print_batch
from compare_programs import ProgramFailed, batch_native_part, memory_part, rules_part, store_part
from compare_verdicts import Verdict


def machine() -> str:
    load = os.getloadavg()
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    mem = next((l.split(":", 1)[1].strip() for l in open("/proc/meminfo") if l.startswith("MemTotal")), "?")
    return (f"{cpu}, {os.cpu_count()} CPUs, {mem} RAM; load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; "
            f"Python {platform.python_version()}, numpy {np.__version__}; "
            f"{datetime.datetime.now(datetime.timezone.utc).isoformat(timespec='seconds')}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build-dir", help="a build with the benchmarks (default build/bench, then build/release)")
    ap.add_argument("--part", choices=["all", "batch", "rules", "store", "memory"], default="all")
    ap.add_argument("--sizes", default="1000,10000,100000,1000000,10000000", help="batch sizes (rows), comma-separated")
    ap.add_argument("--reps", type=int, default=15, help="round-robin samples per batch method")
    ap.add_argument("--gbench-reps", type=int, default=5, help="--benchmark_repetitions for part 2")
    ap.add_argument("--decimal-n", type=int, default=50_000, help="rows for the decimal loop")
    ap.add_argument("--json", help="also write every figure to this file")
    ap.add_argument("--smoke", action="store_true",
                    help="small sizes, one repetition, judged against the collapse guards (CI)")
    a = ap.parse_args()
    build = find_build(a.build_dir)
    compare_verdicts.SMOKE = a.smoke
    if a.smoke:
        a.sizes, a.reps, a.decimal_n, a.gbench_reps = "1000,100000", 5, 2_000, 1
    sizes = [int(float(s)) for s in a.sizes.split(",")]
    print(f"# provident benchmarks — {machine()}\n# build: {build}"
          + ("\n# --smoke: judged against the collapse guards, not the targets" if a.smoke else ""))
    verdicts, dump = [], {}

    def part(name, run):
        try:
            verdicts.extend(run())
        except ProgramFailed as e:  # its figures are not reported: the part fails, the others still run
            verdicts.append(Verdict(f"{name}: the programs' own checks", "exit status 0", str(e), False, name))

    if a.part in ("all", "batch"):
        res = batch_part(build, sizes, a.reps, a.decimal_n)
        dump["batch"] = {str(k): v for k, v in res.items()}
        verdicts += print_batch(res)
        part("bench_batch", lambda: batch_native_part(build, a.gbench_reps, a.smoke))
    if a.part in ("all", "rules"):
        part("bench_rules, bench_json", lambda: rules_part(build, a.gbench_reps, a.smoke))
    if a.part in ("all", "store"):
        part("bench_store", lambda: store_part(build, a.gbench_reps, a.smoke))
    if a.part in ("all", "memory"):
        part("bench_memory", lambda: memory_part(build))
    print("\n## Targets (quality.md §1)" + (" — smoke run: each against its collapse guard" if a.smoke else "") + "\n")
    print("| benchmark | judged against | measured | printed by | met |")
    print("|---|---|---|---|---|")
    for v in verdicts:
        print(f"| {v.name} | {v.judged_against} | {v.measured} | {v.by} | {'yes' if v.met else 'NO'} |")
    dump["targets"] = [v.row() for v in verdicts]
    dump["machine"] = machine()
    if a.json:
        Path(a.json).write_text(json.dumps(dump, indent=2, ensure_ascii=False, default=str))
    missed = [v for v in verdicts if not v.met]
    what = "collapse guards held" if a.smoke else "targets met"
    print(f"\n{len(verdicts) - len(missed)} of {len(verdicts)} {what}"
          + ("" if not missed else "; missed: " + "; ".join(v.name for v in missed)))
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
