#!/usr/bin/env python3
"""Writes the seed corpora and dictionaries of the fuzz targets (tests/fuzz/).

  tests/fuzz/make_seeds.py --cli build/default/provident

The seeds are checked in (corpus/<target>/); run this again when the case
corpus or the shipped policies change much. It never touches regressions/
(crash inputs, kept forever).

- execute: every request of the shared case corpus (tests/cases) in store mode
  (the fuzz target's world holds the corpus's entities), some with
  "explain": true; the first request of each stateless story with the facts a
  real run gave it (self-contained inputs); a few multi-line sequences;
  envelope edge cases.
- policy: the shipped profiles (first byte 0: a profile) and overlays taken
  from the tests (first byte odd: an overlay on a shipped profile).
- ids: valid and broken citizen ID numbers (15 and 18 digits), credit codes,
  cards, phones, login names and names (first byte: the as_of offset).
- values: money, rates, months, dates and date-times at and beyond every edge
  of their grammar, and pairs of amounts for the arithmetic checks.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
CASES = os.path.join(ROOT, "tests", "cases")
sys.path.insert(0, CASES)
import run_corpus  # noqa: E402  (the corpus format's helpers)


def write(target, name, data):
    d = os.path.join(HERE, "corpus", target)
    os.makedirs(d, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(os.path.join(d, name), "wb") as fh:
        fh.write(data)


def dumps(obj):
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def execute_seeds(cli):
    n = 0
    for path in run_corpus.story_files(CASES):
        story = os.path.splitext(os.path.relpath(path, CASES))[0].replace(os.sep, "-")
        opts, steps = run_corpus.parse_story(path)
        store_lines = []
        for i, (_, step) in enumerate(steps):
            req = run_corpus.to_store_mode(step["request"])
            if "facts" in req or step.get("stateless_only"):
                continue
            if "policy" not in req and opts.get("policy"):
                req = dict(req, policy=opts["policy"])
            store_lines.append(dumps(req))
            write("execute", "%s-%02d.json" % (story, i), dumps(req))
            n += 1
            if i % 5 == 0:
                write("execute", "%s-%02d-explain.json" % (story, i), dumps(dict(req, explain=True)))
                n += 1
        if store_lines:
            write("execute", "%s-sequence.jsonl" % story, "\n".join(store_lines[:8]))
            n += 1
        # Stateless: the first steps with the facts a real run produced.
        if any(s.get("request", {}).get("facts") == "$state" for _, s in steps):
            cmd = run_corpus.surface_command(cli + " exec", opts, "/tmp")
            state = None
            p = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1)
            for i, (_, step) in enumerate(steps[:6]):
                req = run_corpus.substitute(step["request"], state)
                if "policy" not in req and opts.get("policy"):
                    req = dict(req, policy=opts["policy"])
                p.stdin.write(dumps(req) + "\n")
                p.stdin.flush()
                resp = json.loads(p.stdout.readline())
                if "facts" in req and i in (2, 5):
                    write("execute", "%s-%02d-stateless.json" % (story, i), dumps(req))
                    n += 1
                if resp.get("state") is not None:
                    state = resp["state"]
            p.stdin.close()
            p.wait()
    edge = [
        '{"op":"hpf.flex.remit"}', '{"op":"x"}', "{}", "[]", "null", '{"op":"hpf.deposit","args":[]}',
        '{"op":"hpf.deposit","as_of":"2026-07-01T10:00:00+08:00","args":{"base":"5000","employer_rate":"12%","employee_rate":"0.12"}}',
        '{"op":"journal.list","args":{"limit":3}}', '{"op":"store.verify"}', '{"op":"case.list","args":{}}',
        '{"op":"hpf.flex.open","request_id":"a","request_id":"b"}', '{"op":"id.parse","as_of":"2026-07-01T10:00:00","args":{"number":"11010519491231002X"}}',
    ]
    for i, e in enumerate(edge):
        write("execute", "edge-%02d.json" % i, e)
        n += 1
    return n


def policy_seeds():
    n = 0
    for f in sorted(os.listdir(os.path.join(ROOT, "policies"))):
        if f.endswith(".toml"):
            with open(os.path.join(ROOT, "policies", f), "rb") as fh:
                write("policy", "profile-" + f, b"\x00" + fh.read())
                n += 1
    overlays = []
    for path in run_corpus.story_files(CASES):
        opts, _ = run_corpus.parse_story(path)
        if opts.get("overlay"):
            overlays.append(opts["overlay"])
    overlays += [
        '[[hpf.flex.monthly_min]]\nfrom = 2020-01-01\nvalue = "300.00"\nsource = "reform"\nverified = false\n',
        '[coverage]\nhpf = { from = 2020-01-01, to = 2030-12-31 }\n',
        '[[review.ops]]\nfrom = 2020-01-01\nvalue = ["hpf.flex.open"]\nsource = "x"\nverified = true\n',
        '[[hpf.payment_window]]\nfrom = 2020-01-01\nvalue = { days = [1, 31], from = "00:00", to = "23:59", to_exclusive = false }\n'
        'source = "x"\nverified = true\n',
        '[[retirement.M60]]\nfrom = 2025-01-01\nvalue = { original_years = 60, step_months = 1, max_delay_months = 120 }\n'
        'source = "x"\nverified = true\n',
        # issue 15: a provisional version carried forward, and declared gaps
        '[coverage]\nsi_wage = { from = 2024-01-01, to = 2026-12-31 }\n[gaps]\nsi_wage = [{ from = 2015-01-01, to = 2023-12-31, '
        'note = "x" }]\n[[si.avg_wage]]\nfrom = 2024-01-01\nto = 2025-12-31\nvalue = "6000.00"\nsource = "x"\nverified = true\n'
        '[[si.avg_wage]]\nfrom = 2026-01-01\nto = 2026-12-31\nprovisional = true\nsource = "x"\nverified = false\n',
    ]
    for i, o in enumerate(overlays):
        write("policy", "overlay-%02d.toml" % i, bytes([1 + 2 * (i % 10)]) + o.encode("utf-8"))
        n += 1
    return n


def ids_seeds():
    values = [
        "11010519491231002X", "11010519491231002x", "110105491231002", "140105199003071234", "140105199003071235",
        "140105199002301234", "140105209912311234", "000000000000000000", "91110000600037341L", "91140100MA0K12345Y",
        "6222020000123456782", "6217000000123456786", "6222020000123456783", "1234567890123456", "13812345678",
        "12812345678", "3601000001", "360100000101", "张三", "阿依古丽·买买提", "阿依古丽•买买提", "ＡＢＣ", "\u00e9", "e\u0301",
        "", "X", "x" * 18,
    ]
    n = 0
    for i, v in enumerate(values):
        for first in (0, 0x40, 0xC0):
            write("ids", "id-%02d-%02x" % (i, first), bytes([first]) + v.encode("utf-8"))
            n += 1
    write("ids", "invalid-utf8", b"\x00\xff\xfe\xc0\xaf")
    return n + 1


def values_seeds():
    values = [
        "0", "-0", "0.00", "376", "376.5", "376.50", "-0.01", "12.345", "1e3", "+5", "007", ".5", " 12", "NaN",
        "92233720368547758.07", "92233720368547758.08", "-92233720368547758.08", "-92233720368547758.09",
        "1000000000000000000000000000000", "12%", "0.12", "12.345678901%", "0.000000001", "999999999", "2/37",
        "2026-07", "2026-00", "2026-13", "1400-01", "1399-12", "0001-01", "9999-12", "202607", "000101",
        "2026-07-03", "2024-02-29", "2025-02-29", "1900-02-29", "2000-02-29", "1400-01-01", "9999-12-31",
        "20260703", "2026-07-03T10:00:00", "2026-07-03T10:00:00+08:00", "2026-07-03T24:00:00",
        "2026-07-03T10:00:60", "2026-07-03T10:00:00Z", "2026-07-03T10:00:00.5", "9999-12-31T23:59:59",
        "376.00\n-376.00", "92233720368547758.07\n0.01", "-92233720368547758.08\n-0.01", "100000\n99999.99",
    ]
    for i, v in enumerate(values):
        write("values", "v-%02d" % i, v)
    return len(values)


def dictionaries(cli):
    ops = subprocess.run([cli, "ops"], capture_output=True, text=True, check=True).stdout.split("\n")
    names = sorted({line.split("\t")[0] for line in ops if line.strip()})
    members = ["op", "request_id", "as_of", "args", "facts", "policy", "explain", "account_no", "unit_code", "id_number",
               "name", "monthly_deposit", "end_month", "rows", "base", "month", "from", "to", "amount", "bill_id",
               "case_id", "verification_id", "employer_rate", "employee_rate", "effective_month", "reason", "kind",
               "units", "accounts", "persons", "bills", "cases", "paid_months", "deposits", "ledger", "status",
               "commitment", "agreed", "card_no", "card_class", "bank", "phone", "year", "wage", "types", "period"]
    codes = subprocess.run([cli, "codes"], capture_output=True, text=True, check=True).stdout.split("\n")
    with open(os.path.join(HERE, "execute.dict"), "w", encoding="utf-8") as fh:
        fh.write("# libFuzzer dictionary of fuzz_execute (generated by make_seeds.py)\n")
        for x in names + members:
            fh.write(dumps(dumps(x)) + "\n")
        for v in ["2026-07-03T10:00:00", "2026-07", "2026-07-03", "600.00", "12%", "true", "false", "null",
                  "taiyuan", "kaifeng", "handan", "jiangxi", "xian", "A000001"]:
            fh.write(dumps(v) + "\n")
        for line in codes:
            if line.strip():
                fh.write(dumps(line.split("\t")[0]) + "\n")
    schema = open(os.path.join(ROOT, "include", "provident", "policy", "keys.inc"), encoding="utf-8").read()
    keys = sorted(set(re.findall(r'^PVD_POLICY_KEY\(\w+, "([a-z0-9_.]+)"', schema, re.M)))
    with open(os.path.join(HERE, "policy.dict"), "w", encoding="utf-8") as fh:
        fh.write("# libFuzzer dictionary of fuzz_policy (generated by make_seeds.py)\n")
        for k in keys + ["profile", "name", "extends", "coverage", "from", "to", "value", "source", "verified", "note",
                         "provisional", "gaps", "title_zh", "title_en", "mode", "unit", "half_up", "fen_then_up", "yuan", "fen", "jiao"]:
            fh.write(dumps(k) + "\n")
            fh.write(dumps("[[" + k + "]]") + "\n")
    return len(names)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cli", required=True, help="the provident executable")
    args = ap.parse_args()
    for t in ("execute", "policy", "ids", "values"):
        shutil.rmtree(os.path.join(HERE, "corpus", t), ignore_errors=True)
        os.makedirs(os.path.join(HERE, "regressions", t), exist_ok=True)
    counts = {"execute": execute_seeds(args.cli), "policy": policy_seeds(), "ids": ids_seeds(), "values": values_seeds()}
    ops = dictionaries(args.cli)
    size = sum(os.path.getsize(os.path.join(dp, f)) for dp, _, fs in os.walk(os.path.join(HERE, "corpus")) for f in fs)
    print("seeds:", ", ".join("%s %d" % kv for kv in counts.items()), "(%d KiB);" % (size // 1024), ops, "ops in the dictionary")


if __name__ == "__main__":
    main()
