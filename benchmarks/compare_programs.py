"""Part 2 of benchmarks/compare.py: the Google Benchmark programs of benchmarks/ (rule decisions,
JSON commands, the store against raw SQLite, memory), run now, each median judged against its
target. Each program checks its own answers and exits 1 on a wrong one."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from compare_verdicts import GUARDS, Verdict, fmt_ns, time_verdict

# ---------------------------------------------------------------------------------------- part 2

class ProgramFailed(Exception):
    """A benchmark program exited non-zero: one of its checks failed (a wrong answer, a refused
    request, an allocation) or it did not run."""


def run_program(prog: str, args: list[str]) -> list[dict]:
    """The benchmarks a program reports in JSON; ProgramFailed when it exits non-zero."""
    p = subprocess.run(args, capture_output=True, text=True)
    if p.returncode != 0:
        print(p.stderr, file=sys.stderr)
        failed = [l for l in p.stderr.splitlines() if "FAILED" in l or "check failed" in l]
        raise ProgramFailed(f"{prog} exit status {p.returncode}" + (f": {failed[0][:200]}" if failed else ""))
    return json.loads(p.stdout)["benchmarks"]


def run_gbench(build: Path, prog: str, filt: str, reps: int, min_time: float, smoke: bool) -> dict:
    """Runs one program; its own checks make it exit 1 on a wrong answer (ProgramFailed)."""
    exe = build / "benchmarks" / prog
    args = [str(exe), f"--benchmark_filter={filt}", "--benchmark_format=json"]
    if smoke:
        args += [f"--benchmark_min_time={min(min_time, 0.05)}"]
    else:
        args += [f"--benchmark_repetitions={reps}", "--benchmark_report_aggregates_only=true",
                 f"--benchmark_min_time={min_time}"]
    out = {}
    for b in run_program(prog, args):
        if b.get("error_occurred"):
            raise ProgramFailed(f"{prog}: {b['name']}: {b.get('error_message')}")
        agg = b.get("aggregate_name")
        if agg not in (None, "median"):
            continue
        name = b.get("run_name", b["name"])
        out[name] = b
    return out


def ns(b: dict, clock: str = "cpu") -> float:
    """A median in ns: CPU time by default (robust on a shared machine), or wall time."""
    unit = {"ns": 1.0, "us": 1e3, "ms": 1e6, "s": 1e9}[b["time_unit"]]
    return b["cpu_time" if clock == "cpu" else "real_time"] * unit


def find(res: dict, prefix: str) -> dict:
    for k, v in res.items():
        if k == prefix or k.startswith(prefix + "/"):
            return v
    raise SystemExit(f"compare.py: no result for {prefix}")


def batch_native_part(build: Path, reps: int, smoke: bool) -> list[Verdict]:
    """bench_batch (Google Benchmark, no Python in the way): the kernel, the C ABI and the hand
    loops at 10³ … 10⁷ rows, CPU time; and BM_DepositBatch_Agree, the kernel against both hand
    loops and the exact rounding under every mode and unit."""
    r = run_gbench(build, "bench_batch", "Cpp|CAPI|HandLoop|Agree", reps, 0.2, smoke)
    by = "bench_batch"
    sizes = sorted({int(k.split("/")[1]) for k in r if k.count("/") >= 1 and k.split("/")[1].isdigit()})
    path = find(r, "BM_DepositBatch_Agree").get("label", "?")
    print(f"\n## Batch HPF deposit in bench_batch (Google Benchmark; M rows/s = rows / median CPU time; "
          f"hand loop on the '{path}' path)\n")
    print("| rows | C++ kernel | C ABI | hand loop | hand loop (baseline) | C++ / hand loop |")
    print("|---:|---:|---:|---:|---:|---:|")
    v = []
    for n in sizes:
        rate = {k: n / (ns(find(r, f"BM_DepositBatch_{k}/{n}")) * 1e-9) for k in ("Cpp", "CAPI", "HandLoop", "HandLoopBaseline")}
        print(f"| {n:,} | {rate['Cpp'] / 1e6:.0f} | {rate['CAPI'] / 1e6:.0f} | {rate['HandLoop'] / 1e6:.0f} | "
              f"{rate['HandLoopBaseline'] / 1e6:.0f} | {rate['Cpp'] / rate['HandLoop']:.2f} |")
        low = min(rate["Cpp"], rate["CAPI"])
        v.append(Verdict(f"bench_batch C++ / C ABI, n={n:,}", ">= 200 M rows/s",
                         f"C++ {rate['Cpp'] / 1e6:.0f} / C ABI {rate['CAPI'] / 1e6:.0f} M rows/s", low >= 200e6, by,
                         f">= {GUARDS['rows_per_s'] / 1e6:.0f} M rows/s", low >= GUARDS["rows_per_s"]))
    a = find(r, "BM_DepositBatch_Agree")
    v.append(Verdict("bench_batch agreement (kernel, C ABI, hand loops, every rounding)", "0 mismatches",
                     f"{int(a['mismatches'])} mismatches in {int(a['rows_checked']):,} rows", a["mismatches"] == 0, by))
    return v


def rules_part(build: Path, reps: int, smoke: bool) -> list[Verdict]:
    v = []
    r = run_gbench(build, "bench_rules", "Window|Retirement|ClaimCheck_Cpp/(10|100|1000)$|BackPay_Cpp/(12|360)$",
                   reps, 0.5, smoke)
    for name, lim in (("BM_AdjustmentWindow_Cpp", 100), ("BM_PaymentWindow_Cpp", 100), ("BM_AdjustmentWindow_CAPI", 150),
                      ("BM_PaymentWindow_CAPI", 150), ("BM_Retirement_Cpp", 50), ("BM_Retirement_CAPI", 50)):
        v.append(time_verdict(name.replace("BM_", ""), lim, ns(find(r, name)), "bench_rules"))
    c10, c100, c1000 = (ns(find(r, f"BM_ClaimCheck_Cpp/{n}")) for n in (10, 100, 1000))
    bp_rule = ns(find(r, "BM_BackPay_Cpp/360"))
    j = run_gbench(build, "bench_json", "Calculator|Remit|BackPay_CAPI/360$|ClaimCheck_CAPI/(10|100|1000)$", reps, 0.5, smoke)
    for name in ("BM_Json_Calculator_Deposit_CAPI", "BM_Json_Calculator_Retirement_CAPI", "BM_Json_Stateless_Remit_CAPI"):
        v.append(time_verdict(name.replace("BM_", "") + " (pvd_engine_execute)", 10_000, ns(find(j, name)), "bench_json"))
    # Issue 21 (1): a command carrying its facts (hpf.flex.remit, 1.2 kB in, 1.6 kB out) against a bare
    # calculator (hpf.deposit), both through pvd_engine_execute in the same run.
    remit, calc = ns(find(j, "BM_Json_Stateless_Remit_CAPI")), ns(find(j, "BM_Json_Calculator_Deposit_CAPI"))
    v.append(Verdict("Json_Stateless_Remit_CAPI ÷ Json_Calculator_Deposit_CAPI", "<= 2.5x",
                     f"{fmt_ns(remit)} / {fmt_ns(calc)} = {remit / calc:.2f}x", remit / calc <= 2.5, "bench_json",
                     f"<= {GUARDS['facts_vs_calc']:.0f}x", remit / calc <= GUARDS["facts_vs_calc"]))
    # The claim check and the back-pay are judged on the JSON command, the one operation a user can
    # call (check_claim and plan_flex_back_pay are internal); the rule alone is printed beside.
    j10, j100, j1000 = (ns(find(j, f"BM_Json_ClaimCheck_CAPI/{n}")) for n in (10, 100, 1000))
    v.append(time_verdict("pension.check_claim, 100 periods (pvd_engine_execute)", 10_000, j100, "bench_json; bench_rules",
                          guard_ns=1e6,
                          extra=f" (10: {fmt_ns(j10)}, 1000: {fmt_ns(j1000)}); the rule alone (ClaimCheck_Cpp/100) "
                                f"{fmt_ns(c100)} (10: {fmt_ns(c10)}, 1000: {fmt_ns(c1000)})"))
    growth = j1000 / j100
    v.append(Verdict("pension.check_claim growth, 100 → 1000 periods", "O(n log n): t(1000)/t(100) <= 30 (n log n: 15)",
                     f"JSON {fmt_ns(j1000)} / {fmt_ns(j100)} = {growth:.1f}x; the rule alone {c1000 / c100:.1f}x",
                     growth <= GUARDS["nlogn_growth"] and c1000 / c100 <= GUARDS["nlogn_growth"], "bench_json; bench_rules"))
    bp = ns(find(j, "BM_Json_Stateless_BackPay_CAPI/360"))
    v.append(time_verdict("hpf.flex.back_pay, 360 months, stateless (pvd_engine_execute)", 20_000, bp, "bench_json; bench_rules",
                          guard_ns=4e6, extra=f"; the plan and its sum alone (BackPay_Cpp/360) {fmt_ns(bp_rule)}"))
    return v


def store_part(build: Path, reps: int, smoke: bool) -> list[Verdict]:
    v = []
    sizes = (1000,) if smoke else (1000, 10_000, 100_000)
    filt = "ChangePhone|FlexOpen|VerifyRemittance/(" + "|".join(map(str, sizes)) + ")/" + \
        "|Query_[A-Za-z]+/(" + "|".join(str(n) for n in (1000, 100_000) if n in sizes) + ")/"
    s = run_gbench(build, "bench_store", filt, reps, 0.1 if smoke else 2.0, smoke)
    for name in ("BM_Store_ChangePhone_vs_RawSqlite", "BM_Store_FlexOpen_vs_RawSqlite"):
        b = find(s, name)
        # the median over the repetitions of each rate, then their quotient
        store, raw = b["store_cmd_per_s"], b["raw_txn_per_s"]
        ratio = store / raw
        v.append(Verdict(name.replace("BM_", ""), ">= 0.50 of raw SQLite",
                         f"store {store:.0f} cmd/s / raw {raw:.0f} txn/s = {ratio:.2f}; CPU per command "
                         f"{b.get('store_cpu_us', float('nan')):.0f} µs, per raw transaction "
                         f"{b.get('raw_cpu_us', float('nan')):.0f} µs", ratio >= 0.5, "bench_store",
                         f">= {GUARDS['store_vs_raw']}", ratio >= GUARDS["store_vs_raw"]))
    print("\n## verify_remittance by the size of the unit (bench_store; wall time per verification, median)\n")
    print("| accounts | wall | CPU | µs per account (wall) |")
    print("|---:|---:|---:|---:|")
    for n in sizes:
        b = find(s, f"BM_Store_VerifyRemittance/{n}")
        print(f"| {n:,} | {fmt_ns(ns(b, 'wall'))} | {fmt_ns(ns(b))} | {ns(b, 'wall') / n / 1e3:.1f} |")
    n = sizes[-1]
    b = find(s, f"BM_Store_VerifyRemittance/{n}")
    t = ns(b, "wall")  # wall: the fsync of the commit belongs to it
    v.append(Verdict(f"Store_VerifyRemittance, {n:,} accounts", "< 2 s (100,000 accounts)",
                     f"{fmt_ns(t)} wall ({fmt_ns(ns(b))} CPU)", n == 100_000 and t < 2e9, "bench_store",
                     f"< {fmt_ns(GUARDS['remit_1000_cpu_ns'])} CPU at 1,000", ns(b) < GUARDS["remit_1000_cpu_ns"]))
    v += queries_part(s, [n for n in (1000, 100_000) if n in sizes])
    return v


QUERIES = (("RosterFirstPage", "hpf.unit.roster, first page of 100"),
           ("RosterMiddlePage", "hpf.unit.roster, a page of 100 in the middle"),
           ("FindByName", "hpf.account.find by name in the unit"),
           ("FindByIdNumber", "hpf.account.find by ID number"),
           ("UnitBills", "bill.list of the unit"))


def queries_part(s: dict, sizes: list) -> list:
    """The read side on one unit (docs/queries.md): each query's wall time per call beside the raw SQLite read
    of the same rows by the same index, in the same run."""
    print("\n## Queries on one unit (bench_store; wall time per query, mean of 200 calls, median of the repetitions)\n")
    print("| query | accounts | query | raw SQLite read of the rows | query / raw |")
    print("|---|---:|---:|---:|---:|")
    v = []
    for key, what in QUERIES:
        for n in sizes:
            b = find(s, f"BM_Query_{key}/{n}")
            q, raw = b["query_us"], b["raw_us"]
            print(f"| {what} | {n:,} | {q:.0f} µs | {raw:.0f} µs | {q / raw:.1f} |")
        n = sizes[-1]
        q = find(s, f"BM_Query_{key}/{n}")["query_us"]
        v.append(Verdict(f"Query_{key}, {n:,} accounts", "< 5 ms (100,000 accounts)", f"{q:.0f} µs",
                         n == 100_000 and q < 5000, "bench_store", f"< {GUARDS['query_us']:.0f} µs",
                         q < GUARDS["query_us"]))
    return v


def memory_part(build: Path) -> list[Verdict]:
    exe = build / "benchmarks" / "bench_memory"
    res = {b["name"]: b for b in run_program("bench_memory", [str(exe), "--benchmark_format=json"])}
    v = []
    for name in ("BM_Memory_EngineAllProfiles_Cpp/iterations:1", "BM_Memory_EngineAllProfiles_CAPI/iterations:1"):
        b = res[name]
        v.append(Verdict(name.split("/")[0].replace("BM_", ""), "< 10 MB resident",
                         f"engine {b['engine_rss_KiB'] / 1024:.1f} MiB; whole process {b['process_rss_KiB'] / 1024:.1f} MiB "
                         f"({int(b['profiles'])} profiles)", b["engine_rss_KiB"] < 10 * 1024, "bench_memory"))
    for name in ("BM_Alloc_DepositBatch_Cpp/1000000/iterations:3/real_time",
                 "BM_Alloc_DepositBatch_CAPI/1000000/iterations:3/real_time"):
        b = res[name]
        v.append(Verdict(name.split("/")[0].replace("BM_", "") + " (10⁶ rows)", "0 allocations in the call",
                         f"{int(b['allocs_in_call'])} allocations", b["allocs_in_call"] == 0, "bench_memory"))
    return v
