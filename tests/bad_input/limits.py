#!/usr/bin/env python3
"""The documented limits of protocol.md §1.3, each at the limit and one past it.

  limits.py --cli build/x/provident --capi build/x/tests/capi/capi_exec (--python-path DIR | --no-python REASON)

request ≤ 16 MiB (REQ_TOO_LARGE); strings ≤ 256 characters (counted in
characters, not bytes), names ≤ 64; batches ≤ 100,000 rows; a period ≤ 1,200
months; one back-pay ≤ 600 months; lists in a claim ≤ 1,000 entries. At the
limit the request is not refused for its size (it is answered, or refused for
something else); one past the limit it is REQ_BAD_VALUE (REQ_TOO_LARGE for the
request) naming the field, and the message states the limit.

A batch at the limit is checked cheaply: 100,000 rows whose last row carries a
bad member must be refused naming args.rows[99999].<member> — so the count
passed and every row was read.

Every case runs through every surface (the CLI, the C ABI through capi_exec,
Python through `python3 -m provident exec --dict`, required as in
run_bad_input.py) and the answers must be the same. Exit status 1 on any failure.
"""
import argparse
import json
import os
import shlex
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from run_bad_input import add_surface_arguments, python_surface  # noqa: E402

MIB16 = 16 * 1024 * 1024
AS_OF = "2026-07-03T10:00:00"
UNIT = {"unit_code": "TY-F01", "name": "个人自愿缴存（市本级工行）", "credit_code": "91140100MA0K12345Y", "bank": "ICBC",
        "kind": "flexible"}
KF_UNIT = {"unit_code": "KF-E01", "name": "开封某机械厂", "credit_code": "91410200MA4F234563", "bank": "ICBC",
           "kind": "employer", "employer_rate": "10%", "employee_rate": "10%"}
HD_UNIT = {"unit_code": "1304020001", "name": "邯郸某公司", "credit_code": "91110000600037341L", "kind": "enterprise",
           "settlement_period": "2025-03"}


def dumps(o):
    return json.dumps(o, ensure_ascii=False, separators=(",", ":"))


def months(a, n):
    """The month n months after YYYY-MM a."""
    y, m = int(a[:4]), int(a[5:])
    s = y * 12 + m - 1 + n
    return "%04d-%02d" % (s // 12, s % 12 + 1)


class Case:
    def __init__(self, name, field, limit, at, past, setup=(), policy="taiyuan", at_error_field=None, too_large=False):
        self.name, self.field, self.limit = name, field, limit
        self.at, self.past = at, past            # request text (str) at the limit and one past it
        self.setup = list(setup)                 # requests run first, in store mode
        self.policy = policy
        self.at_error_field = at_error_field     # at the limit: this error is expected (the batch trick)
        self.too_large = too_large


def cases():
    out = []
    # ------------------------------------------------------------ request size
    base = dumps({"op": "hpf.deposit", "as_of": AS_OF, "args": {"base": "5000.00", "employer_rate": "12%", "employee_rate": "12%"}})
    at = base[:-1] + " " * (MIB16 - len(base.encode())) + "}"
    out.append(Case("request of 16 MiB", None, "16 MiB", at, at[:-1] + " }", too_large=True))
    # ------------------------------------------------------------ strings and names (in characters)
    reg = {"op": "hpf.unit.register", "request_id": "lim-reg", "as_of": "2026-03-02T09:00:00", "args": UNIT}
    for n, (field, mk) in enumerate([
        ("args.unit_code", lambda s: {"op": "hpf.unit.roster", "args": {"unit_code": s}}),
        ("args.account_no", lambda s: {"op": "hpf.account.get", "args": {"account_no": s}}),
        ("args.case_id", lambda s: {"op": "case.get", "args": {"case_id": s}}),
    ]):
        out.append(Case("string of 256 characters (%s)" % field, field, "256", dumps(mk("户" * 256)), dumps(mk("户" * 257))))
    def flex_open(name):
        return {"op": "hpf.flex.open", "request_id": "lim-open", "as_of": AS_OF,
                "args": {"unit_code": "TY-F01", "name": name, "id_number": "140105199003071234", "monthly_deposit": "600.00"}}
    out.append(Case("name of 64 characters (hpf.flex.open)", "args.name", "64", dumps(flex_open("张" * 64)),
                    dumps(flex_open("张" * 65)), setup=[reg]))
    def unit_reg(name):
        return {"op": "hpf.unit.register", "request_id": "lim-u", "as_of": AS_OF, "args": dict(UNIT, unit_code="TY-F09", name=name)}
    out.append(Case("name of 64 characters (hpf.unit.register)", "args.name", "64", dumps(unit_reg("厂" * 64)), dumps(unit_reg("厂" * 65))))
    def enroll(name):
        return {"op": "si.enroll", "request_id": "lim-e", "as_of": "2025-03-03T10:00:00", "policy": "handan",
                "args": {"unit_code": "1304020001", "id_number": "130402198503121235", "name": name,
                         "work_start_date": "2010-07-01", "enroll_date": "2025-03-01", "types": ["pension"], "wage": "5000.00"}}
    out.append(Case("name of 64 characters (si.enroll)", "args.name", "64", dumps(enroll("伟" * 64)), dumps(enroll("伟" * 65))))
    # ------------------------------------------------------------ batches
    def movements(n):
        return {"op": "hpf.interest", "as_of": AS_OF,
                "args": {"year": 2026, "opening_balance": "1000.00",
                         "movements": [{"date": "2025-09-05", "amount": "1.00"}] * n}}
    out.append(Case("batch of 100,000 rows (hpf.interest movements)", "args.movements", "100000",
                    dumps(movements(100000)), dumps(movements(100001))))
    batch_ops = [
        ("hpf.unit.open_accounts", {"unit_code": "KF-E01"}, {"name": "周五", "id_number": "410202198808153314", "base": "6000.00"}, "base"),
        ("hpf.unit.verify_back_pay", {"unit_code": "KF-E01"}, {"account_no": "A000001", "month": "2026-01", "amount": "100.00", "reason": "missed"}, "amount"),
        ("hpf.unit.adjust_base", {"unit_code": "KF-E01", "effective_month": "2026-07"}, {"account_no": "A000001", "base": "6000.00"}, "base"),
        ("si.stop_batch", {"unit_code": "1304020001"}, {"id_number": "130402198503121235", "stop_date": "20260701", "reason": "left_job"}, "stop_date"),
        ("si.declare_wage", {"unit_code": "1304020001", "year": 2026}, {"id_number": "130402198503121235", "wage": "5000.00"}, "wage"),
    ]
    for op, args, row, member in batch_ops:
        policy = "handan" if op.startswith("si.") else "kaifeng"
        at_rows = [row] * 99999 + [dict(row, **{member: 123})]
        req_at = {"op": op, "request_id": "lim-b", "as_of": AS_OF, "policy": policy, "args": dict(args, rows=at_rows)}
        req_past = {"op": op, "request_id": "lim-b", "as_of": AS_OF, "policy": policy, "args": dict(args, rows=[row] * 100001)}
        out.append(Case("batch of 100,000 rows (%s)" % op, "args.rows", "100000", dumps(req_at), dumps(req_past),
                        at_error_field="args.rows[99999].%s" % member, policy=policy))
    # ------------------------------------------------------------ periods
    def count(n):
        return {"op": "pension.count_months", "args": {"periods": [{"from": "1925-01", "to": months("1925-01", n - 1)}]}}
    out.append(Case("period of 1,200 months (pension.count_months)", "args.periods[0]", "1200", dumps(count(1200)), dumps(count(1201))))
    def statement(n):
        return {"op": "hpf.account.statement", "args": {"account_no": "A000001", "from": "1925-01", "to": months("1925-01", n - 1)}}
    out.append(Case("period of 1,200 months (hpf.account.statement)", "args.to", "1200", dumps(statement(1200)), dumps(statement(1201))))
    def flex_verify(n):
        return {"op": "si.flex.verify", "request_id": "lim-fv", "as_of": AS_OF, "policy": "xian",
                "args": {"id_number": "610102198001011237", "from": months("2026-06", -(n - 1)), "to": "2026-06", "base": "5000.00"}}
    out.append(Case("period of 1,200 months (si.flex.verify)", "args.to", "1200", dumps(flex_verify(1200)), dumps(flex_verify(1201))))
    def claim_period(n):
        return {"op": "pension.check_claim", "as_of": AS_OF,
                "args": {"id_number": "110105196001011239", "category": "M60", "work_start_date": "1980-01-01",
                         "retirement_date": "2025-01-01", "work_years": {"years": 40, "months": 0},
                         "contribution_periods": [{"from": "1925-01", "to": months("1925-01", n - 1)}]}}
    out.append(Case("period of 1,200 months (pension.check_claim)", "args.contribution_periods[0]", "1200",
                    dumps(claim_period(1200)), dumps(claim_period(1201))))
    # ------------------------------------------------------------ back-pay
    def si_back_pay(n):
        return {"op": "si.back_pay", "request_id": "lim-sb", "as_of": AS_OF, "policy": "handan",
                "args": {"unit_code": "1304020001", "id_number": "130402198503121235", "from": months("2026-05", -(n - 1)),
                         "to": "2026-05", "wage": "5000.00"}}
    out.append(Case("back-pay of 600 months (si.back_pay)", "args.to", "600", dumps(si_back_pay(600)), dumps(si_back_pay(601))))
    out.append(Case("back-pay of 600 months (hpf.flex.back_pay)", "args.end_month", "600",
                    "HPF_BACK_PAY_600", "HPF_BACK_PAY_601"))
    # ------------------------------------------------------------ claim lists
    def claim(kind, n):
        args = {"id_number": "110105196001011239", "category": "M60", "work_start_date": "1940-01-01",
                "retirement_date": "2025-01-01", "work_years": {"years": 40, "months": 0}, "contribution_months": 240}
        if kind == "adjustments":
            args[kind] = [{"kind": "add", "from": months("1940-01", i), "to": months("1940-01", i)} for i in range(n)]
        elif kind == "special_jobs":
            args[kind] = [{"from": "1990-01-01", "to": "1990-01-31"} for _ in range(n)]
        elif kind == "promotions":
            args[kind] = [{"from": months("1940-01", i) + "-01", "to": months("1940-01", i) + "-02"} for i in range(n)]
        else:
            del args["contribution_months"]
            args[kind] = [{"from": months("1940-01", i), "to": months("1940-01", i)} for i in range(n)]
        return {"op": "pension.check_claim", "as_of": AS_OF, "args": args}
    for kind in ("adjustments", "special_jobs", "promotions", "contribution_periods"):
        out.append(Case("claim list of 1,000 entries (%s)" % kind, "args." + kind, "1000",
                        dumps(claim(kind, 1000)), dumps(claim(kind, 1001))))
    return out


def flex_back_pay_requests(surface_ask):
    """hpf.flex.back_pay over 600 / 601 months: an account whose stint starts 600 (601) months before
    the end month, given as facts (stateless), built from a real state."""
    reqs = [
        {"op": "hpf.unit.register", "request_id": "f1", "as_of": "2026-03-02T09:00:00", "args": UNIT, "facts": {}},
    ]
    state = surface_ask(dumps(reqs[0]))["state"]
    r = {"op": "hpf.flex.open", "request_id": "f2", "as_of": "2026-03-02T09:10:00", "facts": state,
         "args": {"unit_code": "TY-F01", "name": "张三", "id_number": "140105199003071234", "monthly_deposit": "600.00"}}
    state = surface_ask(dumps(r))["state"]
    r = {"op": "hpf.flex.sign", "request_id": "f3", "as_of": "2026-03-02T09:20:00", "facts": state,
         "args": {"account_no": "A000001", "account_name": "张三", "card_no": "6222020000123456782", "bank": "ICBC", "card_class": 1}}
    state = surface_ask(dumps(r))["state"]
    out = {}
    for n in (600, 601):
        st = json.loads(json.dumps(state))
        acc = st["accounts"][0]
        start = months("2025-12", -(n - 1))
        acc["payable_from"] = start
        acc["deposits"][0]["from"] = start
        out[n] = dumps({"op": "hpf.flex.back_pay", "request_id": "f4", "as_of": AS_OF, "facts": st,
                        "args": {"account_no": "A000001", "end_month": "2025-12"}})
    return out[600], out[601]


class Exec:
    def __init__(self, cmd, policy, env=None):
        self.p = subprocess.Popen(shlex.split(cmd) + ["--policy", policy], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                  env=env, bufsize=0)
        self.all_ok = True  # the exit status must be 0 when every response is ok, else 1 (protocol.md §4)

    def ask_text(self, text):
        self.p.stdin.write(text.encode("utf-8") + b"\n")
        self.p.stdin.flush()
        line = self.p.stdout.readline()
        if not line:
            raise RuntimeError("the surface stopped answering")
        self.all_ok = self.all_ok and line.startswith(b'{"ok":true')
        return line.rstrip(b"\n")

    def close(self):
        self.p.stdin.close()
        return self.p.wait(timeout=300)


def judge(case, resp, at):
    err = resp.get("error")
    if at:
        if case.at_error_field:
            if not err or err["field"] != case.at_error_field:
                return "at the limit: expected the error naming %s (every row read), got %s" % (
                    case.at_error_field, json.dumps(err or resp.get("violations"), ensure_ascii=False)[:300])
            return None
        if err and err["code"] in ("REQ_TOO_LARGE", "REQ_BAD_VALUE") and (case.field is None or err["field"] == case.field
                                                                        or (err["field"] or "").startswith(case.field)):
            return "at the limit: refused for its size: %s" % err["message_en"][:300]
        if err and err["code"] in ("INTERNAL", "STORE_ERROR", "REQ_MALFORMED"):
            return "at the limit: %s %s" % (err["code"], err["message_en"][:300])
        return None
    want = "REQ_TOO_LARGE" if case.too_large else "REQ_BAD_VALUE"
    if not err or err["code"] != want:
        return "past the limit: expected %s, got %s" % (want, json.dumps(err or resp.get("violations") or resp.get("result"), ensure_ascii=False)[:300])
    if case.field is not None and err["field"] != case.field:
        return "past the limit: the error names %r, not %s" % (err["field"], case.field)
    digits = case.limit.replace(",", "")
    if digits not in err["message_en"].replace(",", "") and digits not in err["message"].replace(",", ""):
        return "past the limit: the message does not state the limit %s: %s" % (case.limit, err["message_en"])
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_surface_arguments(ap)
    args = ap.parse_args()
    surfaces = [("cli", shlex.quote(args.cli) + " exec", None), ("capi", shlex.quote(args.capi), None)]
    py = python_surface(args, "limits")
    if py:
        surfaces.append(("python", py.cmd, py.env))

    failures = []
    setup_reqs = [
        {"op": "hpf.unit.register", "request_id": "lim-kf", "as_of": "2025-09-01T09:00:00", "policy": "kaifeng", "args": KF_UNIT},
        {"op": "si.unit.register", "request_id": "lim-hd", "as_of": "2025-03-01T09:00:00", "policy": "handan", "args": HD_UNIT},
    ]
    all_cases = cases()
    for case in all_cases:
        started = time.time()
        answers = {}
        for name, cmd, env in surfaces:
            if case.too_large and name == "python":
                # Engine.execute(dict) sees a dict, not the bytes of the line: the size of a request is
                # a property of its text, so Python is asked through execute_json here.
                cmd = cmd.replace(" --dict", "")
            ex = Exec(cmd, case.policy, env)
            try:
                for r in setup_reqs + case.setup:
                    ex.ask_text(dumps(r))
                at, past = case.at, case.past
                if at == "HPF_BACK_PAY_600":
                    at, past = flex_back_pay_requests(lambda t: json.loads(ex.ask_text(t)))
                # The request past the limit under another id (an id reused with other content is
                # REQ_ID_CONFLICT before anything else).
                past = past.replace('"request_id":"', '"request_id":"past-', 1)
                answers[name] = (ex.ask_text(at), ex.ask_text(past))
            except RuntimeError as e:
                failures.append("%s: the %s surface died: %s" % (case.name, name, e))
            finally:
                code = ex.close()
                if code != (0 if ex.all_ok else 1):
                    failures.append("%s: the %s surface exited with %s where %s response was ok"
                                    % (case.name, name, code, "every" if ex.all_ok else "not every"))
        if not answers:
            continue
        first = next(iter(answers.values()))
        for name, pair in answers.items():
            for i, text in enumerate(pair):
                if name != "cli" and name != "python" and text != answers["cli"][i]:
                    failures.append("%s: %s differs from the CLI" % (case.name, name))
                if name == "python" and json.loads(text) != json.loads(answers["cli"][i]):
                    failures.append("%s: Python differs from the CLI" % case.name)
        results = []
        for at, text in ((True, first[0]), (False, first[1])):
            resp = json.loads(text)
            problem = judge(case, resp, at)
            if problem:
                failures.append("%s: %s" % (case.name, problem))
            err = resp.get("error")
            results.append(err["code"] + (" " + err["field"] if err["field"] else "") if err else
                           ("violations " + ",".join(sorted({v["code"] for v in resp["violations"]})) if resp["violations"] else "ok"))
        print("limits: %-52s at: %-44s past: %s (%.1f s)" % (case.name, results[0][:44], results[1], time.time() - started), flush=True)
    if not all_cases:
        failures.append("no limit to check: nothing was tested")
    for f in failures:
        print("FAIL " + f)
    print("limits: %d limits checked at and past, through %d surfaces, %d failures" % (len(all_cases), len(surfaces), len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
