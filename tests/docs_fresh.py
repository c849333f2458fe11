#!/usr/bin/env python3
"""docs/operations.md and docs/codes.md hold the tables that `provident ops
--markdown` and `provident codes --markdown` print from the registries. This
fails (naming the command to regenerate them) when either is stale."""
import subprocess
import sys

cli, docs = sys.argv[1], sys.argv[2]
stale = []
for sub, page in (("ops", "operations.md"), ("codes", "codes.md")):
    table = subprocess.run([cli, sub, "--markdown"], check=True, capture_output=True, text=True).stdout.splitlines()
    lines = [l for l in open(f"{docs}/{page}", encoding="utf-8").read().splitlines() if l.startswith("|")]
    if lines != table:
        stale.append(f"docs/{page} is stale: regenerate its table with `provident {sub} --markdown`")
for s in stale:
    print(s)
sys.exit(1 if stale else 0)
