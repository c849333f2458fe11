#!/usr/bin/env python3
"""The differences between the engine and si_model.py that the SI simulation found, each as a short story.

  si_findings.py --cli build/default/provident            # every finding; exit 1 while one still reproduces
  si_findings.py --cli build/default/provident F2 --show  # one finding, with every request and response

Each story runs on a fresh store under the Handan profile and ends with what the model expects; the simulation
(si_simulate.py) leaves these request patterns out unless --known-findings is given, so that it can look past
them. A finding that no longer reproduces prints "fixed" (the simulation's avoidance can then be removed).
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

UNIT1, UNIT2 = "1304030001", "1304030002"
CREDIT = {UNIT1: "91110000600037341L", UNIT2: "91140100MA0K12345Y"}
P = "130402197501011054"   # 张伟, work start 1995-07-01
OLD = "130402196204104137"  # 孙丽 (a man's ID, M60), statutory retirement 2022-04, work start 1982-07-01


class Story:
    def __init__(self, cli, show):
        self.db = os.path.join(tempfile.mkdtemp(prefix="pvd-si-find-"), "f.sqlite")
        self.p = subprocess.Popen([cli, "exec", "--policy", "handan", "--db", self.db], stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, text=True, encoding="utf-8", bufsize=1)
        self.n, self.show = 0, show
        self.all_ok = True  # every response ok so far

    def ask(self, op, as_of, **args):
        self.n += 1
        req = {"op": op, "request_id": "f%d" % self.n, "args": args}
        if as_of:
            req["as_of"] = as_of
        self.p.stdin.write(json.dumps(req, ensure_ascii=False) + "\n")
        self.p.stdin.flush()
        line = self.p.stdout.readline()
        self.all_ok = self.all_ok and line.startswith('{"ok":true')
        resp = json.loads(line)
        if self.show:
            codes = [v["code"] for v in resp.get("violations") or []]
            print("  %s %s %s → %s" % (as_of or "", op, json.dumps(args, ensure_ascii=False),
                                        "ok" if resp["ok"] else (codes or resp.get("error"))))
        return resp

    def reviewed(self, op, as_of, **args):
        """Submits and approves at once (Handan reviews si.enroll, si.stop, si.back_pay)."""
        r = self.ask(op, as_of, **args)
        if not r["ok"]:
            return r
        return self.ask("case.approve", as_of[:-2] + "30", case_id=r["result"]["case_id"])

    def units(self, *codes):
        for c in codes:
            self.ask("si.unit.register", "2025-01-02T09:00:00", unit_code=c, name="示例单位" + c[-1],
                     credit_code=CREDIT[c], kind="enterprise", settlement_period="2025-01")

    def person(self, idn):
        return self.ask("si.person.get", None, id_number=idn)["result"]

    def close(self):
        """Ends the engine: exit 0 when every response was ok, 1 when one was not (protocol.md §4)."""
        self.p.stdin.close()
        code = self.p.wait(timeout=60)
        assert code == (0 if self.all_ok else 1), "provident exec exited with %d" % code


def f1(s):
    """An enrollment dated before the last change at the same unit is accepted; the last change date moves back to
    it, and a stop dated before the earlier stop is then accepted too."""
    s.units(UNIT1)
    s.reviewed("si.enroll", "2025-01-12T09:00:00", unit_code=UNIT1, id_number=P, name="张伟",
               work_start_date="1995-07-01", enroll_date="2025-01-10", types=["pension"], wage="6000.00")
    s.reviewed("si.stop", "2025-01-16T09:00:00", unit_code=UNIT1, id_number=P, stop_date="2025-01-15",
               reason="stop_contribution")
    back = s.reviewed("si.enroll", "2025-01-17T09:00:00", unit_code=UNIT1, id_number=P, name="张伟",
                      work_start_date="1995-07-01", enroll_date="2025-01-05", types=["pension"], wage="6000.00")
    last = s.person(P)["last_change_date"].get(UNIT1)
    stop = s.reviewed("si.stop", "2025-01-18T09:00:00", unit_code=UNIT1, id_number=P, stop_date="2025-01-08",
                      reason="stop_contribution")
    enr = [(e["from"], e["to"]) for e in s.person(P)["enrollments"]]
    model = ("the model: the last change date is the latest effective date (rules.md §4 si.stop: \"the latest "
             "effective date of an enrollment, stop or transfer there\"), 2025-01-15, so the stop dated 2025-01-08 "
             "is SI_STOP_BEFORE_LAST_CHANGE")
    got = "enrollment dated 2025-01-05 after the stop of 2025-01-15: %s; last change then %s; stop dated " \
          "2025-01-08: %s; enrollments after it %s (the stint 2025-01-10…01-15 is gone)" % (
              "ok" if back["ok"] else "refused", last, "ok" if stop["ok"] else "refused", enr)
    return (back["ok"] and last != "2025-01-15"), got, model


def f2(s):
    """An approved pension claim sets the last change date of a unit back to the day before the retirement month,
    even when a later change (an enrollment) is recorded there; a stop of another type can then end before its
    enrollment began."""
    s.units(UNIT1)
    s.reviewed("si.enroll", "2025-01-03T09:00:00", unit_code=UNIT1, id_number=OLD, name="孙丽",
               work_start_date="1982-07-01", enroll_date="2025-01-02", types=["pension", "medical"],
               wage="6000.00")
    claim = s.ask("pension.claim", "2025-01-04T09:00:00", id_number=OLD, category="M60",
                  work_start_date="1982-07-01", retirement_date="2025-01-01", work_years={"years": 30, "months": 0},
                  adjustments=[{"kind": "add", "from": "1982-07", "to": "2023-12"}])
    last = s.person(OLD)["last_change_date"].get(UNIT1)
    stop = s.reviewed("si.stop", "2025-01-05T09:00:00", unit_code=UNIT1, id_number=OLD, stop_date="2025-01-01",
                      reason="stop_contribution")
    enr = [(e["type"], e["from"], e["to"]) for e in s.person(OLD)["enrollments"]]
    model = ("the model: the last change at the unit stays 2025-01-02 (the enrollment; the retirement stop "
             "2024-12-31 is earlier), so a stop dated 2025-01-01 is SI_STOP_BEFORE_LAST_CHANGE")
    got = "claim %s; last change then %s; medical stop dated 2025-01-01: %s; enrollments after it %s (the " \
          "medical enrollment of 2025-01-02 is gone)" % (
        "ok" if claim["ok"] else [v["code"] for v in claim["violations"]], last, "ok" if stop["ok"] else "refused",
        enr)
    return (claim["ok"] and last != "2025-01-02"), got, model


def f3(cli, show):
    """A store run under a profile given as a file path (provident exec --policy FILE, which --help offers)
    fails store.verify's replay check from its first request: the replay engine does not know the profile."""
    d = tempfile.mkdtemp(prefix="pvd-si-find-")
    profile = os.path.join(d, "handan_old_owner.toml")
    with open(profile, "w", encoding="utf-8") as f:
        f.write('[profile]\nname = "handan_old_owner"\nextends = "handan"\ntitle_zh = "邯郸"\ntitle_en = "Handan"\n\n'
                '[[si.transfer_month_owner]]\nfrom = 2019-05-01\nvalue = "old"\nsource = "test"\nverified = false\n')
    reqs = [{"op": "si.unit.register", "request_id": "f1", "as_of": "2025-01-02T09:00:00",
             "args": {"unit_code": UNIT1, "name": "示例单位1", "credit_code": CREDIT[UNIT1], "kind": "enterprise",
                      "settlement_period": "2025-01"}},
            {"op": "store.verify"}]
    out = subprocess.run([cli, "exec", "--policy", profile, "--db", os.path.join(d, "f.sqlite")], text=True,
                         input="".join(json.dumps(r, ensure_ascii=False) + "\n" for r in reqs), capture_output=True,
                         encoding="utf-8").stdout.splitlines()
    checks = json.loads(out[1])["result"]["checks"]
    if show:
        print("  " + out[0][:300])
        print("  " + out[1][:900])
    bad = [c["name"] + ": " + c["detail"] for c in checks if not c["ok"]]
    return bool(bad), "store.verify after one si.unit.register: %s" % (bad or "ok"), \
        "expected: every check holds (the same story under --policy handan verifies)"


def f4(s):
    """An applied flexible verification does not move the person's time forward: a later request for the same
    person dated before it is accepted (protocol.md §5: earlier than the latest applied request of the same
    person is REQ_BAD_VALUE on as_of)."""
    s.units(UNIT1)
    s.reviewed("si.enroll", "2025-01-03T09:00:00", unit_code=UNIT1, id_number=P, name="张伟",
               work_start_date="1995-07-01", enroll_date="2025-01-02", types=["medical"], wage="6000.00")
    v1 = s.ask("si.flex.verify", "2025-01-10T09:00:00", id_number=P, **{"from": "2024-11"}, to="2024-11",
               base="5000.00")
    v2 = s.ask("si.flex.verify", "2025-01-09T09:00:00", id_number=P, **{"from": "2024-10"}, to="2024-10",
               base="5000.00")
    stop = s.ask("si.stop", "2025-01-09T10:00:00", unit_code=UNIT1, id_number=P, stop_date="2025-01-08",
                 reason="stop_contribution")
    def codes(r):
        if r["ok"]:
            return "ok"
        if r.get("error"):
            return r["error"]["code"] + " on " + r["error"]["field"]
        return [v["code"] for v in r["violations"]]
    got = "verification dated 2025-01-10: %s; then one dated 2025-01-09: %s; a stop dated 2025-01-09: %s" % (
        codes(v1), codes(v2), codes(stop))
    model = "the model: both requests dated 2025-01-09 are REQ_BAD_VALUE on as_of (the person's latest applied " \
            "request is the verification of 2025-01-10)"
    return (v1["ok"] and (v2["ok"] or not v2.get("error"))), got, model


FINDINGS = {"F1": f1, "F2": f2, "F3": f3, "F4": f4}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cli", required=True)
    ap.add_argument("which", nargs="*", help="F1 F2 F3 F4 (default: all)")
    ap.add_argument("--show", action="store_true", help="print every request and its outcome")
    args = ap.parse_args()
    still = 0
    for name in args.which or sorted(FINDINGS):
        fn = FINDINGS[name]
        print("%s: %s" % (name, " ".join(x.strip() for x in fn.__doc__.split("\n"))))
        if name == "F3":
            reproduces, got, model = fn(args.cli, args.show)
        else:
            s = Story(args.cli, args.show)
            try:
                reproduces, got, model = fn(s)
            finally:
                s.close()
        print("  engine: " + got)
        print("  " + model)
        print("  → " + ("REPRODUCES" if reproduces else "fixed (the engine now agrees with the model)"))
        still += reproduces
    return 1 if still else 0


if __name__ == "__main__":
    sys.exit(main())
