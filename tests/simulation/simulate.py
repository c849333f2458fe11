#!/usr/bin/env python3
"""Seeded simulation against an independent reference model (quality.md §2; issue 9).

  simulate.py --cli build/default/provident --seed 1 --steps 2000
  simulate.py --cli build/default/provident --seeds 1-50 --steps 5000      # the long run

Random sequences of state-changing commands — the HPF flexible lifecycle under
the Taiyuan profile (open, sign, remit, back-pay, adjust, seal, unseal,
transfer-in, change phone, exit with interest) and the Kaifeng employer
operations that go through review (open accounts, seal, unseal; case
approve, reject, withdraw) — run through `provident exec --db FILE` (a real
SQLite store) and, in lockstep, through model.py, an independent model of the
rules in Python. The clock moves forward by random steps, often out of the
payment window (days 26–31, before 08:00, from 17:00) and across July (the
adjustment month) and 30 June (interest years). Mixed in:

  - retries: the same request again must return the stored response with
    "replayed": true and change nothing;
  - reused request ids with other content: REQ_ID_CONFLICT, nothing changes;
  - late requests (as_of before the account's last applied change):
    REQ_BAD_VALUE naming as_of;
  - unknown accounts, invalid IDs, names, cards, banks, phones, amounts out of
    range, wrong commitment texts, outstanding loans, stale review cases.

After every step the outcome (error code and field, the multiset of violation
codes, or ok) and the amounts of the result are compared with the model's, and
so are the accounts the step touched (status, unit, balance, paid months with
their amounts, payable-from month, deposit in force each month, contract bank,
sealed-on date) and the cases; every `--full-check-every` steps all accounts
are compared; at the end store.verify must hold. On the first difference it
prints the seed, the step, the request, both outcomes and the command that
reproduces the run, and exits 1.
"""
import argparse
import datetime as dt
import json
import os
import random
import shlex
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from model import (Model, Unit, TAIYUAN, fen_text, month_of, month_text)  # noqa: E402
from cli_engine import Engine, Mismatch, expected_outcome, outcome  # noqa: E402

NAMES = ["张三", "李四", "王五", "赵六", "钱七", "孙八", "周九", "吴十", "郑一", "冯二", "陈三", "褚四"]
CHECKS = "10X98765432"
WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def id_number(region, n, valid=True):
    body = region + "19%02d%02d%02d" % (75 + n % 25, 1 + n % 12, 1 + n % 28) + "%03d" % (100 + n)
    check = CHECKS[sum(int(c) * w for c, w in zip(body, WEIGHTS)) % 11]
    if not valid:
        check = CHECKS[(CHECKS.index(check) + 1) % 11]
    return body + check


def luhn_card(prefix, n, valid=True):
    body = prefix + "%012d" % n
    total = 0
    for i, c in enumerate(reversed(body)):
        d = int(c)
        if i % 2 == 0:
            d = d * 2 - 9 if d * 2 > 9 else d * 2
        total += d
    check = (10 - total % 10) % 10
    return body + str(check if valid else (check + 1) % 10)




class Simulation:
    def __init__(self, seed, cli, db, verbose=False):
        self.seed = seed
        self.rng = random.Random(seed)
        self.model = Model()
        self.engine = Engine(cli, db, "taiyuan")
        self.t = dt.datetime(2025, 9, 1, 8, 30)
        self.n = 0
        self.step_no = 0
        self.verbose = verbose
        self.stats = {"commands": 0, "ok": 0, "denied": 0, "errors": 0, "retries": 0, "conflicts": 0, "late": 0,
                      "account_checks": 0, "case_checks": 0, "exits": 0, "approvals": 0}
        self.next_account = 0
        self.taiyuan_people = [(id_number("140105", i), NAMES[i % len(NAMES)]) for i in range(10)]
        self.kaifeng_people = [(id_number("410202", 50 + i), NAMES[(i + 5) % len(NAMES)]) for i in range(8)]
        self.generated_accounts = []  # engine-numbered accounts (A000001…) learnt from approvals

    # ------------------------------------------------------------ plumbing
    def now(self):
        return self.t.strftime("%Y-%m-%dT%H:%M:%S")

    def tick(self):
        """Mostly minutes within a day; sometimes the next days at any hour (the window is days 1–25,
        08:00 to before 17:00, so many requests fall outside it); now and then weeks."""
        r = self.rng.random()
        if r < 0.75:
            self.t += dt.timedelta(minutes=self.rng.randint(1, 120))
        elif r < 0.97:
            day = self.t.date() + dt.timedelta(days=self.rng.randint(1, 3))
            self.t = dt.datetime(day.year, day.month, day.day, self.rng.randint(6, 18), self.rng.randint(0, 59),
                                 self.rng.choice([0, 0, 59]))
        else:
            self.t += dt.timedelta(days=self.rng.randint(5, 20), minutes=self.rng.randint(0, 600))

    def request(self, op, args, as_of=None, policy=None):
        self.n += 1
        r = {"op": op, "request_id": "s%d-%d" % (self.seed, self.n), "as_of": as_of or self.now(), "args": args}
        if policy:
            r["policy"] = policy
        return r

    def fail(self, what, req=None, resp=None, exp=None):
        lines = ["seed %d, step %d: %s" % (self.seed, self.step_no, what)]
        if req is not None:
            lines.append("  request:  " + json.dumps(req, ensure_ascii=False))
        if resp is not None:
            lines.append("  engine:   " + json.dumps(resp, ensure_ascii=False)[:1500])
        if exp is not None:
            lines.append("  model:    " + repr(exp)[:1500])
        raise Mismatch("\n".join(lines))

    def run(self, req, exp, applied_at=None):
        """Sends req; compares the outcome and the result's amounts with the model's expectation."""
        resp = self.engine.ask(req)
        self.stats["commands"] += 1
        got, want = outcome(resp), expected_outcome(exp)
        if got != want:
            self.fail("outcome differs", req, resp, exp)
        self.stats[{"ok": "ok", "deny": "denied", "error": "errors"}[got[0]]] += 1
        if exp[0] == "ok":
            for k, v in exp[1].items():
                if k in ("status", "monthly_deposit") and req["op"] == "case.approve":
                    continue
                if resp["result"].get(k) != v:
                    self.fail("result.%s differs" % k, req, resp, exp)
        if self.verbose:
            print("  %4d %s %-26s %s" % (self.step_no, req["as_of"], req["op"], got))
        self.retry(req, resp)
        return resp

    def retry(self, req, resp):
        """protocol.md §5: the same id and content replays; the same id with other content conflicts."""
        if resp.get("error") is not None:
            return
        roll = self.rng.random()
        if roll < 0.12:
            again = self.engine.ask(req)
            self.stats["retries"] += 1
            if again != dict(resp, replayed=True):
                self.fail("a retry did not replay the stored response", req, again, dict(resp, replayed=True))
        elif roll < 0.18:
            other = dict(req, args=dict(req["args"], account_no="S-OTHER") if "account_no" in req["args"]
                         else dict(req["args"], unexpected=1))
            conflict = self.engine.ask(other)
            self.stats["conflicts"] += 1
            if (conflict.get("error") or {}).get("code") != "REQ_ID_CONFLICT":
                self.fail("reusing a request id with other content was not REQ_ID_CONFLICT", other, conflict)

    # ------------------------------------------------------------ state comparison
    def check_account(self, no):
        acc = self.model.accounts[no]
        resp = self.engine.ask({"op": "hpf.account.get", "args": {"account_no": no}})
        self.stats["account_checks"] += 1
        if resp.get("error"):
            self.fail("hpf.account.get %s failed" % no, None, resp)
        e = resp["result"]
        now = month_of(self.t)
        mine = {
            "status": acc.status, "unit_code": acc.unit, "balance": fen_text(acc.balance),
            "paid_months": sorted(month_text(m) for m in acc.paid),
            "payable_from": month_text(acc.payable_from),
            "contract_bank": acc.contract,
            "sealed_on": acc.sealed_on.isoformat() if acc.sealed_on else None,
        }
        theirs = {
            "status": e["status"], "unit_code": e["unit_code"], "balance": e["balance"],
            "paid_months": e["paid_months"], "payable_from": e["payable_from"],
            "contract_bank": (e["contract"] or {}).get("bank"), "sealed_on": e["sealed_on"],
        }
        for k in mine:
            if mine[k] != theirs[k]:
                self.fail("account %s: %s is %r in the engine, %r in the model" % (no, k, theirs[k], mine[k]),
                          None, None, None)
        # The deposit in force in every month from the first deposit to now.
        deps = [(int(d["from"][:4]) * 12 + int(d["from"][5:]) - 1, d["monthly_deposit"]) for d in e["deposits"]]
        for m in range(acc.deposits[0][0], now + 1):
            theirs_m = None
            for frm, a in deps:
                if frm <= m:
                    theirs_m = a
            mine_m = acc.deposit_for(m)
            if theirs_m != (fen_text(mine_m) if mine_m is not None else None):
                self.fail("account %s: deposit in force in %s is %s in the engine, %s in the model" % (
                    no, month_text(m), theirs_m, fen_text(mine_m) if mine_m is not None else None))
        # Paid amounts per month: the statement of the ledger.
        if acc.paid and self.rng.random() < 0.3:
            first, last = min(acc.paid), max(acc.paid)
            st = self.engine.ask({"op": "hpf.account.statement",
                                  "args": {"account_no": no, "from": month_text(first), "to": month_text(last)}})
            if st.get("error") is None:
                amounts = {}
                for entry in st["result"].get("entries", []):
                    if entry.get("kind") in ("regular", "back_pay") and entry.get("month"):
                        amounts[entry["month"]] = entry["amount"]
                want = {month_text(m): fen_text(a) for m, a in acc.paid.items()}
                if amounts and amounts != want:
                    self.fail("account %s: paid amounts per month differ: engine %s, model %s" % (no, amounts, want))

    def check_case(self, case_id):
        c = self.model.cases[case_id]
        resp = self.engine.ask({"op": "case.get", "args": {"case_id": case_id}})
        self.stats["case_checks"] += 1
        if resp.get("error") or resp["result"]["status"] != c.status:
            self.fail("case %s: status %s in the engine, %s in the model" % (
                case_id, (resp.get("result") or {}).get("status"), c.status), None, resp)

    def check_all(self):
        for no in self.model.accounts:
            self.check_account(no)
        for cid in self.model.cases:
            self.check_case(cid)

    # ------------------------------------------------------------ set-up
    def setup(self):
        units = [("TY-F1", "flexible", "taiyuan", "ICBC", "个人自愿缴存（市本级工行）", "91140100MA0K12345Y"),
                 ("TY-F2", "flexible", "taiyuan", "CCB", "个人自愿缴存（市本级建行）", "91110000600037341L"),
                 ("KF-E1", "employer", "kaifeng", "ICBC", "开封某机械厂", "91410200MA4F234563")]
        for code, kind, profile, bank, name, credit in units:
            args = {"unit_code": code, "name": name, "credit_code": credit, "bank": bank, "kind": kind}
            if kind == "employer":
                args.update(employer_rate="10%", employee_rate="10%")
            self.model.units[code] = Unit(code, kind, profile, bank)
            resp = self.engine.ask(self.request("hpf.unit.register", args, policy=profile))
            if not resp.get("ok"):
                self.fail("set-up: hpf.unit.register %s" % code, None, resp)

    # ------------------------------------------------------------ generators
    def pick_account(self, kinds=None):
        r = self.rng.random()
        if r < 0.03 or not self.model.accounts:
            return "NO-SUCH-ACCOUNT"
        pool = [a for a in self.model.accounts.values()
                if kinds is None or self.model.units[a.unit].kind in kinds]
        if not pool:
            return "NO-SUCH-ACCOUNT"
        # Mostly live accounts; closed ones now and then.
        live = [a for a in pool if a.status != "closed"]
        if live and self.rng.random() < 0.9:
            pool = live
        return self.rng.choice(pool).no

    def money(self, choices):
        return self.rng.choice(choices)

    def step(self):
        self.step_no += 1
        self.tick()
        m = self.model
        roll = self.rng.random()
        late = None
        t = self.t
        # A late request now and then: as_of before the account's last applied change.
        if self.rng.random() < 0.04:
            cands = [a for a in m.accounts.values() if a.last_applied and a.last_applied > dt.datetime(2025, 9, 2)]
            if cands:
                acc = self.rng.choice(cands)
                late = (acc.no, acc.last_applied - dt.timedelta(minutes=self.rng.choice([1, 60, 60 * 24 * 3])))
        touched_accounts, touched_cases = [], []

        def acct_where(pred, kinds=("flexible",), strict=False):
            """Mostly an account for which pred holds (so that most requests can succeed)."""
            if not late and self.rng.random() < 0.7:
                pool = [a.no for a in m.accounts.values() if pred(a) and m.units[a.unit].kind in kinds]
                if pool:
                    return self.rng.choice(sorted(pool))
            return acct(kinds, strict)

        def acct(kinds=("flexible",), strict=False):
            # strict: operations that read the flexible-employment parameters
            # (deposit range, commitment text), which an employer unit's
            # profile (Kaifeng) does not define: flexible accounts only.
            if late:
                if strict and m.units[m.accounts[late[0]].unit].kind != "flexible":
                    return self.pick_account(kinds)
                return late[0]
            return self.pick_account(kinds if strict or self.rng.random() < 0.9 else None)

        as_of = late[1] if late else t
        ts = as_of.strftime("%Y-%m-%dT%H:%M:%S")
        if late:
            self.stats["late"] += 1

        live = [a for a in m.accounts.values() if a.status != "closed" and m.units[a.unit].kind == "flexible"]
        if len(live) < 3 and not late:
            roll = 0.0
        if roll < 0.09 and not late:
            # hpf.flex.open
            person = self.rng.choice(self.taiyuan_people + self.kaifeng_people[:1])
            valid = self.rng.random() > 0.05
            idn = person[0] if valid else person[0][:17] + CHECKS[(CHECKS.index(person[0][17]) + 1) % 11]
            name = person[1] if self.rng.random() > 0.03 else ""
            unit = self.rng.choice(["TY-F1", "TY-F1", "TY-F2"]) if self.rng.random() > 0.02 else "TY-NOPE"
            deposit = self.money([60000, 60000, 30000, 123456, 20000, 500000, 19999, 500001, 80000, 45050, 100000])
            self.next_account += 1
            no = "S%04d" % self.next_account
            phone = self.rng.choice([None, None, None, "13812345678", "13812345678", "1381234567", "12812345678"])
            args = {"unit_code": unit, "name": name, "id_number": idn, "monthly_deposit": fen_text(deposit), "account_no": no}
            if phone is not None:
                args["phone"] = phone
            exp = m.flex_open(t, unit, name, idn, deposit, no, phone)
            self.run(self.request("hpf.flex.open", args), exp)
            if exp[0] == "ok":
                touched_accounts.append(no)
        elif roll < 0.17:
            no = acct_where(lambda a: a.status == "normal" and a.contract is None, ("flexible", "employer"))
            acc = m.accounts.get(no)
            name = acc.name if acc and self.rng.random() > 0.06 else "无名氏"
            unit = m.units[acc.unit] if acc else None
            bank = unit.bank if unit and self.rng.random() > 0.08 else self.rng.choice(["CCB", "ICBC", "XXB"])
            card = luhn_card("622202", self.rng.randrange(10 ** 6), self.rng.random() > 0.05)
            cls = 1 if self.rng.random() > 0.06 else 2
            exp = m.flex_sign(as_of, no, name, card, bank, cls)
            self.run(self.request("hpf.flex.sign", {"account_no": no, "account_name": name, "card_no": card,
                                                    "bank": bank, "card_class": cls}, ts), exp)
            touched_accounts.append(no)
        elif roll < 0.45:
            no = acct_where(lambda a: a.status == "normal" and a.contract, ("flexible", "employer"))
            exp = m.flex_remit(as_of, no)
            self.run(self.request("hpf.flex.remit", {"account_no": no}, ts), exp)
            touched_accounts.append(no)
        elif roll < 0.53:
            no = acct_where(lambda a: a.status == "normal" and a.contract)
            end = month_of(as_of) - self.rng.choice([-1, 0, 1, 1, 2, 3, 5, 12, 40])
            exp = m.flex_back_pay(as_of, no, end)
            self.run(self.request("hpf.flex.back_pay", {"account_no": no, "end_month": month_text(end)}, ts), exp)
            touched_accounts.append(no)
        elif roll < 0.60:
            no = acct(strict=True)
            amount = self.money([70000, 90000, 100000, 20000, 500000, 10000, 600000, 65432])
            exp = m.flex_adjust(as_of, no, amount)
            self.run(self.request("hpf.flex.adjust", {"account_no": no, "monthly_deposit": fen_text(amount)}, ts), exp)
            touched_accounts.append(no)
        elif roll < 0.645:
            no = acct(strict=True)
            text = TAIYUAN["commitment"] if self.rng.random() > 0.1 else "我同意"
            if self.rng.random() < 0.2:
                text = "  " + text + "\u3000"
            agreed = self.rng.random() > 0.08
            exp = m.seal(as_of, no, text, agreed)
            self.run(self.request("hpf.seal", {"account_no": no, "commitment": text, "agreed": agreed}, ts), exp)
            touched_accounts.append(no)
        elif roll < 0.74:
            no = acct_where(lambda a: a.status == "sealed", strict=True)
            amount = self.rng.choice([None, None, None, 70000, 60000, 10000])
            args = {"account_no": no}
            if amount is not None:
                args["monthly_deposit"] = fen_text(amount)
            exp = m.unseal(as_of, no, amount)
            self.run(self.request("hpf.unseal", args, ts), exp)
            touched_accounts.append(no)
        elif roll < 0.77:
            no = acct(("flexible", "employer"))
            to = self.rng.choice(["TY-F1", "TY-F2", "TY-F2", "KF-E1", "TY-NOPE"])
            exp = m.transfer_in(as_of, no, to)
            self.run(self.request("hpf.flex.transfer_in", {"account_no": no, "to_unit": to}, ts, policy="taiyuan"), exp)
            touched_accounts.append(no)
        elif roll < 0.80:
            no = acct(("flexible", "employer"))
            phone = self.rng.choice(["13912345678", "15800001111", "18600002222", "1391234567", "10012345678"])
            exp = m.change_phone(as_of, no, phone)
            self.run(self.request("hpf.change_phone", {"account_no": no, "phone": phone}, ts), exp)
            touched_accounts.append(no)
        elif roll < 0.84:
            no = acct_where(lambda a: a.status == "sealed")
            loan = self.rng.choice([None, False, False, True])
            args = {"account_no": no}
            if loan is not None:
                args["has_outstanding_loan"] = loan
            exp = m.exit(as_of, no, bool(loan))
            resp = self.run(self.request("hpf.exit", args, ts), exp)
            if exp[0] == "ok":
                self.stats["exits"] += 1
            touched_accounts.append(no)
            del resp
        elif late:
            self.stats["late"] -= 1
        elif roll < 0.89 and t < dt.datetime(2026, 6, 1):
            # Kaifeng: open an account through review.
            person = self.rng.choice(self.kaifeng_people)
            name = person[1] if self.rng.random() > 0.05 else ""
            base = self.money([600000, 800000, 250000, 1200000, 654321, 190000, 2600000])
            cid = "C%06d" % (len(m.cases) + 1)
            exp = m.unit_open_accounts(t, "KF-E1", name, person[0], base, cid)
            self.run(self.request("hpf.unit.open_accounts", {"unit_code": "KF-E1", "rows": [
                {"name": name, "id_number": person[0], "base": fen_text(base)}]}, policy="kaifeng"), exp)
            if exp[0] == "ok":
                touched_cases.append(cid)
        elif roll < 0.93:
            sealing = self.rng.random() < 0.55
            no = self.pick_account(("employer",) if self.rng.random() < 0.9 else None)
            reasons = ["left_job", "retired", "other", "fired"] if sealing else ["reemployed", "other", "bored"]
            reason = self.rng.choice(reasons)
            cid = "C%06d" % (len(m.cases) + 1)
            exp = m.unit_seal(t, "KF-E1", no, reason, sealing, cid)
            op = "hpf.unit.seal" if sealing else "hpf.unit.unseal"
            self.run(self.request(op, {"unit_code": "KF-E1", "account_no": no, "reason": reason}, policy="kaifeng"), exp)
            if exp[0] == "ok":
                touched_cases.append(cid)
        else:
            if not m.cases:
                return
            cid = self.rng.choice(sorted(m.cases)) if self.rng.random() > 0.03 else "C999999"
            what = self.rng.choices(["approve", "reject", "withdraw"], [6, 2, 1])[0]
            if what == "approve":
                exp = m.case_approve(t, cid, None)
                resp = self.run(self.request("case.approve", {"case_id": cid}), exp if exp[0] != "ok" else ("ok", {}))
                if exp[0] == "ok":
                    self.stats["approvals"] += 1
                    c = m.cases[cid]
                    if c.op == "hpf.unit.open_accounts":
                        rows = ((resp["result"].get("result") or {}).get("rows") or [])
                        if len(rows) != 1:
                            self.fail("approval of an account opening did not return one row", None, resp)
                        no = rows[0]["account_no"]
                        # The model opened the account under a placeholder number: rename it.
                        placeholder = m.accounts.pop(None)
                        placeholder.no = no
                        m.accounts[no] = placeholder
                        if rows[0]["monthly_deposit"] != exp[1]["monthly_deposit"]:
                            self.fail("the approved account's monthly deposit differs", None, resp, exp)
                        touched_accounts.append(no)
                    else:
                        touched_accounts.append(c.args["account_no"])
            elif what == "reject":
                exp = m.case_reject(t, cid)
                self.run(self.request("case.reject", {"case_id": cid, "reason": "资料不全"}), exp)
            else:
                exp = m.case_withdraw(t, cid)
                self.run(self.request("case.withdraw", {"case_id": cid}), exp)
            if cid in m.cases:
                touched_cases.append(cid)
        for no in touched_accounts:
            if no in m.accounts:
                self.check_account(no)
        for cid in touched_cases:
            self.check_case(cid)


def run_seed(seed, cli, steps, full_every, verbose, keep_db=None):
    tmp = tempfile.mkdtemp(prefix="pvd-sim-")
    db = keep_db or os.path.join(tmp, "sim.sqlite")
    sim = Simulation(seed, cli, db, verbose)
    started = time.time()
    try:
        sim.setup()
        for i in range(steps):
            sim.step()
            if full_every and (i + 1) % full_every == 0:
                sim.check_all()
        sim.check_all()
        v = sim.engine.ask({"op": "store.verify"})
        if not (v.get("result") or {}).get("ok"):
            sim.fail("store.verify fails at the end", None, v)
    finally:
        code = sim.engine.close()
        if not keep_db:
            import shutil
            shutil.rmtree(tmp, ignore_errors=True)
    if code != 0:
        raise Mismatch("seed %d: the engine exited with status %d" % (seed, code))
    s = sim.stats
    print("seed %d: %d steps, %d commands (%d allowed, %d denied, %d errors), %d retries replayed, %d id conflicts, "
          "%d late requests, %d approvals, %d exits, %d account and %d case comparisons, clock %s, %.1f s" % (
              seed, steps, s["commands"], s["ok"], s["denied"], s["errors"], s["retries"], s["conflicts"], s["late"],
              s["approvals"], s["exits"], s["account_checks"], s["case_checks"], sim.t.date(), time.time() - started),
          flush=True)
    return s


def seeds_of(text):
    out = []
    for part in text.split(","):
        if "-" in part:
            a, b = part.split("-")
            out.extend(range(int(a), int(b) + 1))
        else:
            out.append(int(part))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cli", required=True, help="the provident executable")
    ap.add_argument("--seed", type=int, help="one seed")
    ap.add_argument("--seeds", help="several seeds: 1-20 or 1,5,9")
    ap.add_argument("--steps", type=int, default=1000, help="steps per seed")
    ap.add_argument("--full-check-every", type=int, default=25, help="compare every account every N steps")
    ap.add_argument("--db", help="keep the store in this file (one seed)")
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()
    seeds = [args.seed] if args.seed is not None else seeds_of(args.seeds or "1")
    total = {}
    for seed in seeds:
        try:
            s = run_seed(seed, args.cli, args.steps, args.full_check_every, args.verbose, args.db)
        except Mismatch as e:
            print("FAIL " + str(e))
            print("reproduce: %s %s --cli %s --seed %d --steps %d --verbose" % (
                sys.executable, os.path.abspath(__file__), shlex.quote(args.cli), seed, args.steps))
            return 1
        for k, v in s.items():
            total[k] = total.get(k, 0) + v
    if len(seeds) > 1:
        print("simulation: %d seeds × %d steps: %d commands (%d allowed, %d denied, %d errors), %d retries, "
              "%d conflicts, %d late, %d approvals, %d exits, %d account comparisons: no difference" % (
                  len(seeds), args.steps, total["commands"], total["ok"], total["denied"], total["errors"],
                  total["retries"], total["conflicts"], total["late"], total["approvals"], total["exits"],
                  total["account_checks"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
