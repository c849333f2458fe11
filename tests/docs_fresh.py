#!/usr/bin/env python3
"""docs/operations.md holds what `provident ops --markdown` prints from the
registry and the operation schemas (between its BEGIN and END markers), and
docs/codes.md the table `provident codes --markdown` prints. This fails (naming
the command to regenerate them) when either is stale, and when a query of the
registry has no section in docs/queries.md."""
import re
import subprocess
import sys

cli, docs = sys.argv[1], sys.argv[2]
stale = []
BEGIN, END = "<!-- BEGIN provident ops --markdown -->\n", "<!-- END provident ops --markdown -->"
ops_md = subprocess.run([cli, "ops", "--markdown"], check=True, capture_output=True, text=True).stdout
page = open(f"{docs}/operations.md", encoding="utf-8").read()
if BEGIN not in page or END not in page or page.split(BEGIN, 1)[1].split(END, 1)[0] != ops_md:
    stale.append("docs/operations.md is stale: replace what lies between its BEGIN and END markers with "
                 "`provident ops --markdown`")
table = subprocess.run([cli, "codes", "--markdown"], check=True, capture_output=True, text=True).stdout.splitlines()
lines = [l for l in open(f"{docs}/codes.md", encoding="utf-8").read().splitlines() if l.startswith("|")]
if lines != table:
    stale.append("docs/codes.md is stale: regenerate its table with `provident codes --markdown`")
queries = [line.split("\t")[0] for line in subprocess.run([cli, "ops"], check=True, capture_output=True,
                                                       text=True).stdout.splitlines() if line.split("\t")[1:2] == ["query"]]
described = set(re.findall(r"^### `([a-z_.]+)`", open(f"{docs}/queries.md", encoding="utf-8").read(), re.M))
for op in queries:
    if op not in described:
        stale.append(f"docs/queries.md has no section `### `{op}`` for the query {op}")
for s in stale:
    print(s)
sys.exit(1 if stale else 0)
