#!/usr/bin/env python3
"""Every shipped profile answers from 2015-01-01 through the end of next year (issue 15).

Runs `provident policy check --shipped --from 2015-01-01 --until <31 December of next year>`:
it fails when a parameter a profile covers stops before that day, or has a gap the profile does
not declare. The test reads today's date (the engine never does): when the year turns, the
profiles must reach one year further, as an agency needs.
"""
import datetime
import subprocess
import sys

cli = sys.argv[1]
until = datetime.date(datetime.date.today().year + 1, 12, 31).isoformat()
r = subprocess.run([cli, "policy", "check", "--shipped", "--from", "2015-01-01", "--until", until],
                   capture_output=True, text=True)
summary = [line for line in r.stdout.splitlines() if not line.startswith("  ")]
print("\n".join(summary))
print(r.stderr, file=sys.stderr, end="")
if r.returncode != 0 or len(summary) < 10 or not all(" answers from " in line for line in summary):
    sys.exit(f"policy.horizon: not every shipped profile answers until {until} (exit {r.returncode})")
