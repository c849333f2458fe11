#!/usr/bin/python3
"""Where one benchmark spends its time: inclusive shares of named functions (docs/performance.md).

Runs one benchmark program under `perf record --call-graph dwarf`, reads every sample's call stack
(`perf script`) and prints, for each name given, the share of the samples whose stack holds a
function of that name (its inclusive share, "Children" in perf report), with the exact commands it
ran. --within keeps only the samples under a given function and --without drops those under
another (e.g. the set-up of a fixture), so that the shares are of the operation measured. Needs
perf (Debian: linux-perf); the release preset's symbols suffice.

A name matches a frame's demangled function name as a whole name (not preceded or followed by more
of an identifier); '*' stands for any text, e.g. 'hpf::*::flex_remit' for an anonymous namespace.

    benchmarks/profile.py --build-dir build/release --within Engine::execute bench_json \\
        'Stateless_Remit_Cpp$' protocol::parse_request protocol::dump state::decode_facts state::encode \\
        'hpf::*::flex_remit'
"""

from __future__ import annotations

import argparse
import datetime
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path


def ident(c: str) -> bool:
    return c.isalnum() or c == "_"


def names_function(symbol: str, name: str) -> bool:
    """Whether `name` (its '*' standing for any text) is a whole name in `symbol`."""
    first, *rest = name.split("*")
    start = symbol.find(first)
    while start >= 0:
        if start == 0 or not ident(symbol[start - 1]):
            end = start + len(first)
            for piece in rest:
                found = symbol.find(piece, end)
                if found < 0:
                    break
                end = found + len(piece)
            else:
                if end == len(symbol) or not ident(symbol[end]):
                    return True
        start = symbol.find(first, start + 1)
    return False


def stacks(script: str) -> list[list[str]]:
    """The function names of each sample's stack (perf script -F ip,sym: one frame a line, a blank
    line between samples)."""
    out, cur = [], []
    for line in script.splitlines():
        line = line.strip()
        if not line:
            if cur:
                out.append(cur)
            cur = []
            continue
        parts = line.split(None, 1)
        cur.append(parts[1] if len(parts) > 1 else "")
    if cur:
        out.append(cur)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build-dir", default="build/release")
    ap.add_argument("--min-time", default="2", help="--benchmark_min_time of the profiled run (seconds)")
    ap.add_argument("--within", help="keep only samples whose stack holds this function")
    ap.add_argument("--without", help="drop samples whose stack holds this function")
    ap.add_argument("program", help="a program of benchmarks/, e.g. bench_json")
    ap.add_argument("filter", help="--benchmark_filter: one benchmark")
    ap.add_argument("names", nargs="+", help="function names, e.g. protocol::dump")
    a = ap.parse_args()
    if not shutil.which("perf"):
        print("profile.py: perf is not installed (Debian: apt-get install linux-perf)", file=sys.stderr)
        return 2
    exe = Path(a.build_dir) / "benchmarks" / a.program
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    load = os.getloadavg()
    print(f"# {cpu}, {os.cpu_count()} CPUs; load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; "
          f"{datetime.datetime.now(datetime.timezone.utc).isoformat(timespec='seconds')}")
    with tempfile.TemporaryDirectory() as tmp:
        data = str(Path(tmp) / "perf.data")
        record = ["perf", "record", "--call-graph", "dwarf", "-F", "999", "-o", data, "--", str(exe),
                  f"--benchmark_filter={a.filter}", f"--benchmark_min_time={a.min_time}"]
        script = ["perf", "script", "-i", data, "-F", "ip,sym"]
        print("$ " + " ".join(record))
        p = subprocess.run(record, capture_output=True, text=True)
        print(p.stdout.rstrip())
        if p.returncode != 0:
            print(p.stderr, file=sys.stderr)
            print(f"profile.py: the benchmark failed (exit status {p.returncode})", file=sys.stderr)
            return 1
        print("$ " + " ".join(script))
        all_samples = stacks(subprocess.run(script, capture_output=True, text=True, check=True).stdout)
    kept = [s for s in all_samples
            if (not a.within or any(names_function(f, a.within) for f in s))
            and not (a.without and any(names_function(f, a.without) for f in s))]
    if not kept:
        print("profile.py: no sample left after --within/--without", file=sys.stderr)
        return 1
    scope = (f" under {a.within}" if a.within else "") + (f", not under {a.without}" if a.without else "")
    print(f"\n{a.program} {a.filter}: {len(kept):,} of {len(all_samples):,} samples{scope}; "
          "the share of them whose stack holds each function\n")
    print("| function | inclusive share |")
    print("|---|---:|")
    for name in a.names:
        share = sum(1 for s in kept if any(names_function(f, name) for f in s)) / len(kept)
        print(f"| `{name}` | {100 * share:.0f}% |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
