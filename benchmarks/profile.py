#!/usr/bin/python3
"""Where one benchmark spends its time: inclusive shares of named functions (docs/performance.md).

Runs one benchmark program under `perf record --call-graph dwarf` and prints, for each name given,
the largest inclusive share ("Children" in perf report) of any function whose demangled name
contains it as a whole name (not followed by more of an identifier), with the exact commands it ran. Needs perf (Debian: linux-perf) and a build with
symbols; the release preset has them for the program's own code.

    benchmarks/profile.py --build-dir build/release bench_json 'Stateless_Remit_Cpp$' \\
        protocol::parse_request protocol::dump state::decode_facts state::encode hpf::*::flex_remit
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

LINE = re.compile(r"^\s*([0-9.]+)%\s+([0-9.]+)%\s+(?:\S+\s+)*?\[[.k]\]\s+(.*)$")


def ident(c: str) -> bool:
    return c.isalnum() or c == "_"


def names_function(symbol: str, name: str) -> bool:
    """Whether `name` (its '*' standing for any text) is a whole name in `symbol`: not preceded or
    followed by more of an identifier."""
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


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--build-dir", default="build/release")
    ap.add_argument("--min-time", default="2", help="--benchmark_min_time of the profiled run (seconds)")
    ap.add_argument("program", help="a program of benchmarks/, e.g. bench_json")
    ap.add_argument("filter", help="--benchmark_filter: one benchmark")
    ap.add_argument("names", nargs="+",
                    help="parts of demangled function names, e.g. protocol::dump; * stands for any one namespace")
    a = ap.parse_args()
    if not shutil.which("perf"):
        print("profile.py: perf is not installed (Debian: apt-get install linux-perf)", file=sys.stderr)
        return 2
    exe = Path(a.build_dir) / "benchmarks" / a.program
    with tempfile.TemporaryDirectory() as tmp:
        data = str(Path(tmp) / "perf.data")
        record = ["perf", "record", "--call-graph", "dwarf", "-F", "999", "-o", data, "--", str(exe),
                  f"--benchmark_filter={a.filter}", f"--benchmark_min_time={a.min_time}"]
        report = ["perf", "report", "-i", data, "--children", "--stdio", "-g", "none", "--sort", "symbol",
                  "--percent-limit", "0.05"]
        print("$ " + " ".join(record))
        p = subprocess.run(record, capture_output=True, text=True)
        print(p.stdout.rstrip())
        if p.returncode != 0:
            print(p.stderr, file=sys.stderr)
            print(f"profile.py: the benchmark failed (exit status {p.returncode})", file=sys.stderr)
            return 1
        print("$ " + " ".join(report))
        out = subprocess.run(report, capture_output=True, text=True, check=True).stdout
    samples = next((l.strip("# \n") for l in out.splitlines() if l.startswith("# Samples")), "?")
    shares: dict[str, float] = {}
    for line in out.splitlines():
        m = LINE.match(line)
        if not m:
            continue
        children, symbol = float(m.group(1)), m.group(3)
        for name in a.names:
            if names_function(symbol, name):
                shares[name] = max(shares.get(name, 0.0), children)
    print(f"\n{a.program} {a.filter}: {samples}; inclusive shares of the time sampled (set-up included)\n")
    print("| function (name contains) | inclusive share |")
    print("|---|---:|")
    for name in a.names:
        print(f"| `{name}` | {shares.get(name, 0.0):.0f}% |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
