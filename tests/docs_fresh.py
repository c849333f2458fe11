#!/usr/bin/env python3
"""docs/operations.md and docs/codes.md hold the tables that `provident ops
--markdown` and `provident codes --markdown` print from the registries. This
fails (naming the command to regenerate them) when either is stale, and when a
query of the registry has no section in docs/queries.md or no line with its
arguments and results in docs/operations.md."""
import re
import subprocess
import sys

cli, docs = sys.argv[1], sys.argv[2]
stale = []
for sub, page in (("ops", "operations.md"), ("codes", "codes.md")):
    table = subprocess.run([cli, sub, "--markdown"], check=True, capture_output=True, text=True).stdout.splitlines()
    lines = [l for l in open(f"{docs}/{page}", encoding="utf-8").read().splitlines() if l.startswith("|")]
    if lines != table:
        stale.append(f"docs/{page} is stale: regenerate its table with `provident {sub} --markdown`")
queries = [line.split("\t")[0] for line in subprocess.run([cli, "ops"], check=True, capture_output=True,
                                                       text=True).stdout.splitlines() if line.split("\t")[1:2] == ["query"]]
described = set(re.findall(r"^### `([a-z_.]+)`", open(f"{docs}/queries.md", encoding="utf-8").read(), re.M))
listed = set(re.findall(r"^- `([a-z_.]+) \{", open(f"{docs}/operations.md", encoding="utf-8").read(), re.M))
for op in queries:
    if op not in described:
        stale.append(f"docs/queries.md has no section `### `{op}`` for the query {op}")
    if op not in listed:
        stale.append(f"docs/operations.md lists no arguments and results for the query {op} (`- `{op} {{…}}` → …`)")
for s in stale:
    print(s)
sys.exit(1 if stale else 0)
