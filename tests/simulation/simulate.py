#!/usr/bin/env python3
"""Seeded simulation against an independent reference model (quality.md §2; issues 9 and 14).

  simulate.py --cli build/default/provident --seed 1 --steps 2000
  simulate.py --cli build/default/provident --seeds 1-20 --steps 5000      # the long run

Random sequences of state-changing commands — the HPF flexible lifecycle under
the Taiyuan profile (open, sign, remit, back-pay, adjust, seal, unseal,
transfer-in, change phone, exit with interest) and the Kaifeng employer
operations that go through review (open accounts, seal, unseal; case
approve, reject, withdraw) and issue 18's life cycle (ledger corrections,
withdrawals on the five grounds, holder corrections: lifecycle_acts.py,
model_lifecycle.py) — run through `provident exec --db FILE` (a real
SQLite store) and, in lockstep, through model.py, an independent model of the
rules in Python. The clock moves forward through `--months` months (24 by
default) in working minutes of the payment window (days 1–25, 08:00 to before
17:00), spread over the run, with excursions out of it (evenings, early
mornings, days 26–31, jumps of weeks), across July (the adjustment month) and
30 June (interest years). Each step picks an operation and, most of the time
(`--valid`, 0.8), a request that the rules allow — an account in the right
state, values in range —, else one drawn at random (a wrong state, an unknown
account, invalid IDs, names, cards, banks, phones, amounts out of range, wrong
commitment texts, outstanding loans, stale review cases). Mixed in:

  - retries: the same request again must return the stored response with
    "replayed": true and change nothing;
  - reused request ids with other content: REQ_ID_CONFLICT, nothing changes;
  - late requests (as_of before the account's last applied change):
    REQ_BAD_VALUE naming as_of.

After every step the outcome (error code and field, the multiset of violation
codes, or ok) is compared with the model's, and when ok the whole result (every
member, an approval's result of the approved operation included, and the
account and case numbers the store hands out, which the model predicts); then
every account the step touched: status, unit, balance, paid months, payable-from
month, deposit in force each month, contract bank, sealed-on date, phone,
opening date, holder, adjustments of the year, interest settled through, and
its whole statement (every ledger entry with its number, kind, month, date and
amount; an empty statement where the model expects entries is a difference);
and the cases the step touched. Every `--full-check-every` steps all accounts
and cases are compared; at the end store.verify must hold. On the first
difference it prints the seed, the step, the request, both outcomes and the
command that reproduces the run, and exits 1. At the end it prints, per
operation, how many requests were allowed, denied and refused with an error,
and fails when an operation the model covers never succeeded (unless
`--allow-unexercised`).
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
from model import (Unit, TAIYUAN, KAIFENG, fen_text, month_of, month_text, past_retirement)  # noqa: E402
from model_lifecycle import LifecycleModel  # noqa: E402
from lifecycle_acts import HpfLifecycleActs, OLDER_TAIYUAN  # noqa: E402
from cli_engine import Engine, Mismatch, differences, expected_outcome, outcome  # noqa: E402

NAMES = ["张三", "李四", "王五", "赵六", "钱七", "孙八", "周九", "吴十", "郑一", "冯二", "陈三", "褚四"]
CHECKS = "10X98765432"
WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
START = dt.datetime(2025, 9, 1, 8, 30)
KAIFENG_UNTIL = dt.datetime(2026, 6, 1)  # kaifeng.toml's hpf_base values end on 2026-06-30
# The operations the model covers; each must succeed at least once in a run (an approval per kind of case).
COVERED = ["hpf.flex.open", "hpf.flex.sign", "hpf.flex.remit", "hpf.flex.back_pay", "hpf.flex.adjust", "hpf.seal",
           "hpf.unseal", "hpf.flex.transfer_in", "hpf.change_phone", "hpf.exit", "hpf.unit.open_accounts",
           "hpf.unit.seal", "hpf.unit.unseal", "case.approve(hpf.unit.open_accounts)", "case.approve(hpf.unit.seal)",
           "case.approve(hpf.unit.unseal)", "case.reject", "case.withdraw",
           "hpf.ledger.correct", "hpf.withdraw(retirement)", "hpf.withdraw(death)", "hpf.account.change"]


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


def in_window(t):
    return 1 <= t.day <= 25 and 8 <= t.hour < 17


class Simulation(HpfLifecycleActs):
    def __init__(self, seed, cli, db, steps, months=24, valid=0.8, verbose=False):
        self.seed = seed
        self.rng = random.Random(seed)
        self.model = LifecycleModel()
        self.engine = Engine(cli, db, "taiyuan")
        self.t = START
        self.valid = valid
        self.steps = steps
        self.end = START + dt.timedelta(days=months * 365.25 / 12)  # where the clock should be after the last step
        self.n = 0
        self.step_no = 0
        self.verbose = verbose
        self.stats = {"commands": 0, "ok": 0, "denied": 0, "errors": 0, "retries": 0, "conflicts": 0, "late": 0,
                      "account_checks": 0, "statement_entries": 0, "case_checks": 0}
        self.by_op = {}  # label → [ok, denied, errors]
        self.next_account = 0
        self.taiyuan_people = [(id_number("140105", i), NAMES[i % len(NAMES)]) for i in range(24)] + OLDER_TAIYUAN
        self.kaifeng_people = [(id_number("410202", 50 + i), NAMES[(i + 5) % len(NAMES)]) for i in range(12)]

    # ------------------------------------------------------------ plumbing
    def now(self):
        return self.t.strftime("%Y-%m-%dT%H:%M:%S")

    @staticmethod
    def next_window_start(t):
        """The first moment of the payment window at or after t."""
        while True:
            if t.day > 25:
                y, mo = (t.year + 1, 1) if t.month == 12 else (t.year, t.month + 1)
                t = dt.datetime(y, mo, 1, 8, 0)
            elif t.hour < 8:
                t = dt.datetime(t.year, t.month, t.day, 8, 0)
            elif t.hour >= 17:
                d = t.date() + dt.timedelta(days=1)
                t = dt.datetime(d.year, d.month, d.day, 8, 0)
            else:
                return t

    def tick(self):
        """Forward, by working minutes inside the payment window (the months spread over the run); where a step
        crosses the end of a window day, now and then it stops out of the window instead — that evening, early the
        next morning, or (after the 25th) a day from the 26th —; rarely a jump of weeks."""
        t = self.t
        if self.rng.random() < 0.003:
            self.t = t + dt.timedelta(days=self.rng.randint(5, 20), minutes=self.rng.randint(0, 600))
            return
        # The mean step in working minutes: those left until the end (25 days × 9 hours of a month's 30.44 × 24
        # hours) over the steps left.
        mean = max(2, int((self.end - t).total_seconds() / 60 * (25 * 9) / (30.44 * 24) /
                          max(1, self.steps - self.step_no + 1)))
        minutes = self.rng.randint(1, 2 * mean)
        t = self.next_window_start(t)
        while True:
            left = (17 * 60) - (t.hour * 60 + t.minute) - (1 if t.second else 0)
            if minutes < left:
                t += dt.timedelta(minutes=minutes)
                break
            minutes -= left
            if self.rng.random() < 0.3:  # out of the window on the way
                d = t.date()
                kind = "late_month" if d.day == 25 and self.rng.random() < 0.6 else \
                    self.rng.choice(["evening", "morning"])
                if kind == "late_month":
                    last = (dt.date(d.year + (d.month == 12), d.month % 12 + 1, 1) - dt.timedelta(days=1)).day
                    self.t = dt.datetime(d.year, d.month, self.rng.randint(26, last), self.rng.randint(6, 20),
                                         self.rng.randint(0, 59))
                elif kind == "evening":
                    self.t = dt.datetime(d.year, d.month, d.day, self.rng.randint(17, 21), self.rng.randint(0, 59))
                else:
                    d += dt.timedelta(days=1)
                    self.t = dt.datetime(d.year, d.month, d.day, self.rng.randint(5, 7), self.rng.randint(0, 59),
                                         self.rng.choice([0, 59]))
                return
            d = t.date() + dt.timedelta(days=1)
            t = self.next_window_start(dt.datetime(d.year, d.month, d.day, 8, 0))
        self.t = t.replace(second=self.rng.choice([0, 0, 0, 30]))

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
            lines.append("  engine:   " + json.dumps(resp, ensure_ascii=False)[:2000])
        if exp is not None:
            lines.append("  model:    " + json.dumps(exp, ensure_ascii=False)[:2000])
        raise Mismatch("\n".join(lines))

    def label(self, req):
        if req["op"] == "case.approve":
            c = self.model.cases.get(req["args"]["case_id"])
            if c is not None:
                return "case.approve(%s)" % c.op
        if req["op"] == "hpf.withdraw":
            return "hpf.withdraw(%s)" % req["args"]["reason"]
        return req["op"]

    def run(self, req, exp):
        """Sends req; compares the outcome with the model's and, when allowed, the whole result."""
        label = self.label(req)
        resp = self.engine.ask(req)
        self.stats["commands"] += 1
        got, want = outcome(resp), expected_outcome(exp)
        if got != want:
            self.fail("outcome differs", req, resp, exp)
        kind = {"ok": 0, "deny": 1, "error": 2}[got[0]]
        self.stats[("ok", "denied", "errors")[kind]] += 1
        self.by_op.setdefault(label, [0, 0, 0])[kind] += 1
        if exp[0] == "ok" and resp["result"] != exp[1]:
            self.fail("the result differs: %s" % ", ".join(differences(resp["result"], exp[1])[:6]), req, resp, exp)
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
            "phone": acc.phone, "opened_on": acc.opened_on.isoformat(),
            "holder": [acc.name, acc.id_number],
            "adjustments": [acc.adjust_year, acc.adjust_count],
            "interest_settled_through": acc.settled_through,
        }
        theirs = {
            "status": e["status"], "unit_code": e["unit_code"], "balance": e["balance"],
            "paid_months": e["paid_months"], "payable_from": e["payable_from"],
            "contract_bank": (e["contract"] or {}).get("bank"), "sealed_on": e["sealed_on"],
            "phone": e["phone"], "opened_on": e["opened_on"],
            "holder": [e["person"]["name"], e["person"]["id_number"]],
            "adjustments": [e["last_adjust_year"], e["adjust_count"]],
            "interest_settled_through": e["interest_settled_through"],
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
        # The whole statement: every ledger entry since the account opened, with its number.
        frm, to = month_text(month_of(START) - 12), month_text(now + 1)
        st = self.engine.ask({"op": "hpf.account.statement", "args": {"account_no": no, "from": frm, "to": to}})
        want = {"account_no": no, "from": frm, "to": to, "entries": acc.entries,
                "total": fen_text(sum(int(x["amount"].replace(".", "")) for x in acc.entries)),
                "balance": fen_text(acc.balance)}
        if st.get("error") is not None or st.get("violations"):
            self.fail("account %s: hpf.account.statement refused" % no, None, st, want)
        if st["result"] != want:
            theirs_e, mine_e = st["result"]["entries"], acc.entries
            self.fail("account %s: the statement differs (%d entries in the engine, %d in the model)" % (
                no, len(theirs_e), len(mine_e)), None, st["result"], want)
        self.stats["statement_entries"] += len(acc.entries)

    def check_case(self, case_id):
        c = self.model.cases[case_id]
        resp = self.engine.ask({"op": "case.get", "args": {"case_id": case_id}})
        self.stats["case_checks"] += 1
        r = resp.get("result") or {}
        theirs = (r.get("status"), r.get("op"), r.get("unit_code"), r.get("profile"), r.get("submitted_as_of"))
        mine = (c.status, c.op, c.args["unit_code"], "kaifeng", c.submitted.strftime("%Y-%m-%dT%H:%M:%S"))
        if resp.get("error") or theirs != mine:
            self.fail("case %s: (status, op, unit, profile, submitted) %s in the engine, %s in the model" % (
                case_id, theirs, mine), None, resp)

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

    # ------------------------------------------------------------ choosing
    def pick_account(self, kinds=None):
        """Any account (an unknown one now and then, closed ones rarely): for requests drawn at random."""
        m = self.model
        if self.rng.random() < 0.04 or not m.accounts:
            return "NO-SUCH-ACCOUNT"
        pool = [a for a in m.accounts.values() if kinds is None or m.units[a.unit].kind in kinds]
        if not pool:
            return "NO-SUCH-ACCOUNT"
        live = [a for a in pool if a.status != "closed"]
        if live and self.rng.random() < 0.9:
            pool = live
        return self.rng.choice(sorted(pool, key=lambda a: a.no)).no

    def where(self, pred, kinds=("flexible",)):
        """An account for which pred holds, or None."""
        m = self.model
        pool = sorted(a.no for a in m.accounts.values() if m.units[a.unit].kind in kinds and pred(a))
        return self.rng.choice(pool) if pool else None

    def flexible(self, a):
        return self.model.units[a.unit].kind == "flexible"

    # ------------------------------------------------------------ operations: valid → a request the rules allow
    # (None when there is none to make), else one drawn at random.
    def act_open(self, valid):
        m = self.model
        free = [p for p in self.taiyuan_people if not m.centre_accounts(p[0], "taiyuan")
                and not past_retirement(p[0], self.t)]
        if valid:
            if not free:
                return None
            idn, name = self.rng.choice(free)
            unit = self.rng.choice(["TY-F1", "TY-F1", "TY-F2"])
            deposit = self.rng.choice([60000, 60000, 30000, 123456, 20000, 500000, 80000, 45050, 100000])
            phone = self.rng.choice([None, None, "13812345678", "15900001111"])
        else:
            idn, name = self.rng.choice(self.taiyuan_people + self.kaifeng_people[:1])
            if self.rng.random() < 0.2:
                idn = idn[:17] + CHECKS[(CHECKS.index(idn[17]) + 1) % 11]
            name = name if self.rng.random() > 0.15 else self.rng.choice(["", "\u3000"])
            unit = self.rng.choice(["TY-F1", "TY-F2", "TY-NOPE"])
            deposit = self.rng.choice([60000, 19999, 500001, 80000, 45050])
            phone = self.rng.choice([None, "13812345678", "1381234567", "12812345678"])
        self.next_account += 1
        no = "S%04d" % self.next_account
        args = {"unit_code": unit, "name": name, "id_number": idn, "monthly_deposit": fen_text(deposit),
                "account_no": no}
        if phone is not None:
            args["phone"] = phone
        exp = m.flex_open(self.t, unit, name, idn, deposit, no, phone)
        self.run(self.request("hpf.flex.open", args), exp)
        return [no] if exp[0] == "ok" else []

    def act_sign(self, valid):
        m = self.model
        if valid:
            no = self.where(lambda a: a.status == "normal" and a.contract is None)
            if no is None:
                return None
            acc = m.accounts[no]
            name, bank, card, cls = acc.name, m.units[acc.unit].bank, luhn_card("622202", self.rng.randrange(10 ** 6)), 1
        else:
            no = self.pick_account()
            acc = m.accounts.get(no)
            name = acc.name if acc and self.rng.random() > 0.3 else "无名氏"
            bank = self.rng.choice(["CCB", "ICBC", "XXB", "CMB"])
            card = luhn_card("622202", self.rng.randrange(10 ** 6), self.rng.random() > 0.3)
            cls = self.rng.choice([1, 2, 3])
        exp = m.flex_sign(self.t, no, name, card, bank, cls)
        self.run(self.request("hpf.flex.sign", {"account_no": no, "account_name": name, "card_no": card,
                                                "bank": bank, "card_class": cls}), exp)
        return [no]

    def act_remit(self, valid):
        m = self.model
        now = month_of(self.t)
        if valid:
            if not in_window(self.t):
                return None
            no = self.where(lambda a: a.status == "normal" and a.contract and now not in a.paid)
            if no is None:
                return None
        else:
            no = self.pick_account(("flexible", "employer"))
        exp = m.flex_remit(self.t, no)
        self.run(self.request("hpf.flex.remit", {"account_no": no}), exp)
        return [no]

    def act_back_pay(self, valid):
        m = self.model
        now = month_of(self.t)
        if valid:
            if not in_window(self.t):
                return None

            def owed(a):
                return [x for x in range(a.payable_from, now) if x not in a.paid]
            no = self.where(lambda a: a.status == "normal" and a.contract and owed(a))
            if no is None:
                return None
            months = owed(m.accounts[no])
            end = self.rng.choice(months[self.rng.randrange(len(months)):] + [months[-1]])
        else:
            no = self.pick_account()
            end = now - self.rng.choice([-1, 0, 1, 2, 3, 5, 12, 40])
        exp = m.flex_back_pay(self.t, no, end)
        self.run(self.request("hpf.flex.back_pay", {"account_no": no, "end_month": month_text(end)}), exp)
        return [no]

    def act_adjust(self, valid):
        m = self.model
        amounts = [70000, 90000, 100000, 20000, 500000, 65432, 30000]
        if valid:
            if self.t.month not in TAIYUAN["adjust_months"]:
                return None
            now = month_of(self.t)
            no = self.where(lambda a: a.status == "normal" and a.adjust_year != self.t.year)
            if no is None:
                return None
            amount = self.rng.choice([x for x in amounts if x != m.accounts[no].deposit_for(now)])
        else:
            no = self.pick_account(("flexible",))
            amount = self.rng.choice(amounts + [10000, 600000])
        exp = m.flex_adjust(self.t, no, amount)
        self.run(self.request("hpf.flex.adjust", {"account_no": no, "monthly_deposit": fen_text(amount)}), exp)
        return [no]

    def act_seal(self, valid):
        m = self.model
        text, agreed = TAIYUAN["commitment"], True
        if valid:
            no = self.where(lambda a: a.status == "normal")
            if no is None:
                return None
        else:
            no = self.pick_account(("flexible",))  # an employer unit's profile (Kaifeng) has no commitment text
            text = TAIYUAN["commitment"] if self.rng.random() > 0.3 else "我同意"
            agreed = self.rng.random() > 0.3
        if self.rng.random() < 0.2:
            text = "  " + text + "\u3000"
        exp = m.seal(self.t, no, text, agreed)
        self.run(self.request("hpf.seal", {"account_no": no, "commitment": text, "agreed": agreed}), exp)
        return [no]

    def act_unseal(self, valid):
        m = self.model
        if valid:
            no = self.where(lambda a: a.status == "sealed")
            if no is None:
                return None
            acc = m.accounts[no]
            last = acc.deposits[-1][1]
            ok_default = TAIYUAN["flex_min"] <= last <= TAIYUAN["flex_max"]
            months_ok, under = m.adjust_open(TAIYUAN, acc, self.t)
            if not ok_default:
                amount = self.rng.choice([60000, 100000, 500000])
            elif months_ok and under and self.rng.random() < 0.5:
                amount = self.rng.choice([70000, 60000, 120000])
            else:
                amount = self.rng.choice([None, None, last])
        else:
            no = self.pick_account(("flexible",))  # nor a flexible deposit range
            amount = self.rng.choice([None, 70000, 10000, 600000])
        args = {"account_no": no}
        if amount is not None:
            args["monthly_deposit"] = fen_text(amount)
        exp = m.unseal(self.t, no, amount)
        self.run(self.request("hpf.unseal", args), exp)
        return [no]

    def act_transfer_in(self, valid):
        m = self.model
        if valid:
            pending = {c.args.get("account_no") for c in m.cases.values() if c.status == "submitted"}
            no = self.where(lambda a: a.status == "sealed" and a.no not in pending, ("flexible", "employer"))
            if no is None:
                return None
            to = self.rng.choice([u for u in ("TY-F1", "TY-F2") if u != m.accounts[no].unit])
        else:
            no = self.pick_account(("flexible", "employer"))
            to = self.rng.choice(["TY-F1", "TY-F2", "KF-E1", "TY-NOPE"])
        exp = m.transfer_in(self.t, no, to)
        self.run(self.request("hpf.flex.transfer_in", {"account_no": no, "to_unit": to}, policy="taiyuan"), exp)
        return [no]

    def act_change_phone(self, valid):
        m = self.model
        if valid:
            no = self.where(lambda a: a.status != "closed", ("flexible", "employer"))
            if no is None:
                return None
            phone = self.rng.choice(["13912345678", "15800001111", "18600002222"])
        else:
            no = self.pick_account(("flexible", "employer"))
            phone = self.rng.choice(["13912345678", "1391234567", "10012345678"])
        exp = m.change_phone(self.t, no, phone)
        self.run(self.request("hpf.change_phone", {"account_no": no, "phone": phone}), exp)
        return [no]

    def act_exit(self, valid):
        m = self.model
        if valid:
            no = self.where(lambda a: a.status == "sealed")
            if no is None:
                return None
            loan = self.rng.choice([None, False])
        else:
            no = self.pick_account(("flexible", "employer"))
            loan = self.rng.choice([None, False, True, True])
        args = {"account_no": no}
        if loan is not None:
            args["has_outstanding_loan"] = loan
        exp = m.exit(self.t, no, bool(loan))
        self.run(self.request("hpf.exit", args), exp)
        return [no]

    def act_kf_open(self, valid):
        """Kaifeng: open an account through review (the account exists once the case is approved)."""
        m = self.model
        if self.t >= KAIFENG_UNTIL:
            return None
        free = [p for p in self.kaifeng_people if not m.centre_accounts(p[0], "kaifeng")
                and not any(c.status == "submitted" and c.args.get("id_number") == p[0] for c in m.cases.values())]
        if valid:
            if not free:
                return None
            idn, name = self.rng.choice(free)
            base = self.rng.choice([600000, 800000, 250000, 1200000, 654321, 2500000, 200000])
        else:
            idn, name = self.rng.choice(self.kaifeng_people)
            name = name if self.rng.random() > 0.2 else ""
            base = self.rng.choice([600000, 190000, 2600000])
        exp = m.unit_open_accounts(self.t, "KF-E1", name, idn, base)
        self.run(self.request("hpf.unit.open_accounts", {"unit_code": "KF-E1", "rows": [
            {"name": name, "id_number": idn, "base": fen_text(base)}]}, policy="kaifeng"), exp)
        return [("case", exp[1]["case_id"])] if exp[0] == "ok" else []

    def act_kf_seal(self, valid):
        """Kaifeng: seal or unseal an employee's account through review."""
        m = self.model
        if valid:
            pending = {c.args.get("account_no") for c in m.cases.values() if c.status == "submitted"}
            no = self.where(lambda a: a.unit == "KF-E1" and a.status in ("normal", "sealed") and a.no not in pending,
                            ("employer",))
            if no is None:
                return None
            sealing = m.accounts[no].status == "normal"
            reason = self.rng.choice(sorted(KAIFENG["seal_reasons"] if sealing else KAIFENG["unseal_reasons"]))
        else:
            sealing = self.rng.random() < 0.55
            no = self.pick_account(("employer",) if self.rng.random() < 0.8 else None)
            reason = self.rng.choice(["left_job", "retired", "other", "fired"] if sealing else
                                     ["reemployed", "other", "bored"])
        exp = m.unit_seal(self.t, "KF-E1", no, reason, sealing)
        op = "hpf.unit.seal" if sealing else "hpf.unit.unseal"
        self.run(self.request(op, {"unit_code": "KF-E1", "account_no": no, "reason": reason}, policy="kaifeng"), exp)
        return [("case", exp[1]["case_id"])] if exp[0] == "ok" else []

    def act_case(self, valid):
        m = self.model
        if not m.cases:
            return None
        if valid:
            pend = sorted(c for c, x in m.cases.items() if x.status in ("submitted", "rejected"))
            if not pend:
                return None
            cid = self.rng.choice(pend)
            if m.cases[cid].status == "rejected":
                what = "withdraw"
            else:
                what = self.rng.choices(["approve", "reject", "withdraw"], [12, 2, 1])[0]
        else:
            cid = self.rng.choice(sorted(m.cases)) if self.rng.random() > 0.1 else "C999999"
            what = self.rng.choice(["approve", "reject", "withdraw"])
        touched = [("case", cid)] if cid in m.cases else []
        if what == "approve":
            c = m.cases.get(cid)
            exp = m.case_approve(self.t, cid)
            self.run(self.request("case.approve", {"case_id": cid}), exp)
            if exp[0] == "ok":
                if c.op == "hpf.unit.open_accounts":
                    touched.append(exp[1]["result"]["rows"][0]["account_no"])
                else:
                    touched.append(c.args["account_no"])
        elif what == "reject":
            self.run(self.request("case.reject", {"case_id": cid, "reason": "资料不全"}), m.case_reject(self.t, cid))
        else:
            self.run(self.request("case.withdraw", {"case_id": cid}), m.case_withdraw(self.t, cid))
        return touched

    def act_late(self, valid):
        """A request dated before the account's last applied change: REQ_BAD_VALUE on as_of, nothing changes."""
        m = self.model
        cands = sorted(a.no for a in m.accounts.values() if a.last_applied and a.last_applied > START)
        if not cands:
            return None
        acc = m.accounts[self.rng.choice(cands)]
        late = acc.last_applied - dt.timedelta(minutes=self.rng.choice([1, 60, 60 * 24 * 3]))
        ts = late.strftime("%Y-%m-%dT%H:%M:%S")
        self.stats["late"] += 1
        what = self.rng.choice(["remit", "phone", "seal" if self.flexible(acc) else "phone", "withdraw"])
        if what == "withdraw":  # issue 18's withdrawal goes forward in time like every command
            self.run(self.request("hpf.withdraw", {"account_no": acc.no, "reason": "leave_country"}, ts),
                     m.withdraw(late, acc.no, "leave_country"))
        elif what == "remit":
            self.run(self.request("hpf.flex.remit", {"account_no": acc.no}, ts), m.flex_remit(late, acc.no))
        elif what == "phone":
            self.run(self.request("hpf.change_phone", {"account_no": acc.no, "phone": "13900001111"}, ts),
                     m.change_phone(late, acc.no, "13900001111"))
        else:
            self.run(self.request("hpf.seal", {"account_no": acc.no, "commitment": TAIYUAN["commitment"],
                                               "agreed": True}, ts),
                     m.seal(late, acc.no, TAIYUAN["commitment"], True))
        return [acc.no]

    ACTS = [("act_open", 5), ("act_sign", 6), ("act_remit", 22), ("act_back_pay", 5), ("act_adjust", 3),
            ("act_seal", 5), ("act_unseal", 5), ("act_transfer_in", 2), ("act_change_phone", 3), ("act_exit", 3),
            ("act_kf_open", 4), ("act_kf_seal", 4), ("act_case", 7), ("act_late", 2),
            ("act_ledger_correct", 2), ("act_withdraw", 1), ("act_account_change", 1)]

    def step(self):
        self.step_no += 1
        self.tick()
        live = [a for a in self.model.accounts.values() if a.status != "closed" and self.flexible(a)]
        touched = None
        for attempt in range(4):
            if len(live) < 3 and attempt == 0:
                name = "act_open"
            else:
                weights = [w * (5 if a == "act_adjust" and self.t.month in TAIYUAN["adjust_months"] else 1)
                           for a, w in self.ACTS]
                name = self.rng.choices([a for a, _ in self.ACTS], weights)[0]
            touched = getattr(self, name)(self.rng.random() < self.valid)
            if touched is not None:
                break
        for x in touched or []:
            if isinstance(x, tuple):
                self.check_case(x[1])
            elif x in self.model.accounts:
                self.check_account(x)


def run_seed(seed, cli, steps, full_every, verbose, keep_db=None, months=24, valid=0.8, cluster=None):
    """cluster: a PostgreSQL cluster (tests/pg/pg_cluster.py): the store is a fresh database on it."""
    tmp = tempfile.mkdtemp(prefix="pvd-sim-")
    db = keep_db or os.path.join(tmp, "sim.sqlite")
    if cluster is not None:
        db = cluster.createdb("seed_%d" % seed)
    sim = Simulation(seed, cli, db, steps, months, valid, verbose)
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
        import shutil
        shutil.rmtree(tmp, ignore_errors=True)
    if code != 0:
        raise Mismatch("seed %d: the engine exited with status %d" % (seed, code))
    if cluster is not None and not cluster.tables("seed_%d" % seed):
        raise Mismatch("seed %d: the database has no tables after the run: the engine did not store on PostgreSQL"
                       % seed)
    s = sim.stats
    print("seed %d: %d steps, %d commands (%d allowed, %d denied, %d errors), %d retries replayed, %d id conflicts, "
          "%d late requests, %d account comparisons (%d statement entries), %d case comparisons, clock %s, %.1f s" % (
              seed, steps, s["commands"], s["ok"], s["denied"], s["errors"], s["retries"], s["conflicts"], s["late"],
              s["account_checks"], s["statement_entries"], s["case_checks"], sim.t.date(), time.time() - started),
          flush=True)
    return s, sim.by_op


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
    ap.add_argument("--months", type=int, default=24, help="months the clock runs through in a seed")
    ap.add_argument("--valid", type=float, default=0.8, help="share of steps that aim at a request the rules allow")
    ap.add_argument("--full-check-every", type=int, default=25, help="compare every account every N steps")
    ap.add_argument("--db", help="keep the store in this file (one seed)")
    ap.add_argument("--allow-unexercised", action="store_true",
                    help="do not fail when an operation the model covers never succeeded")
    ap.add_argument("--postgres", action="store_true",
                    help="the store on PostgreSQL: a cluster started by the run, a fresh database for every seed")
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()
    if args.postgres and args.db:
        ap.error("--postgres and --db: one store only")
    seeds = [args.seed] if args.seed is not None else seeds_of(args.seeds or "1")
    cluster = None
    if args.postgres:
        sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "pg"))
        import pg_cluster
        cluster = pg_cluster.started()
    total, by_op = {}, {}
    for seed in seeds:
        try:
            s, ops = run_seed(seed, args.cli, args.steps, args.full_check_every, args.verbose, args.db, args.months,
                              args.valid, cluster)
        except Mismatch as e:
            print("FAIL " + str(e))
            print("reproduce: %s %s --cli %s --seed %d --steps %d%s%s%s --verbose" % (
                sys.executable, os.path.abspath(__file__), shlex.quote(args.cli), seed, args.steps,
                " --months %d" % args.months if args.months != 24 else "",
                " --valid %s" % args.valid if args.valid != 0.8 else "", " --postgres" if args.postgres else ""))
            return 1
        for k, v in s.items():
            total[k] = total.get(k, 0) + v
        for k, v in ops.items():
            by_op[k] = [a + b for a, b in zip(by_op.get(k, [0, 0, 0]), v)]
    print("%-40s %8s %8s %8s" % ("operation", "allowed", "denied", "errors"))
    for k in sorted(by_op):
        print("%-40s %8d %8d %8d" % ((k,) + tuple(by_op[k])))
    print("simulation: %d seeds × %d steps: %d commands (%d allowed = %.1f %%, %d denied, %d errors), %d retries, "
          "%d conflicts, %d late, %d account comparisons, %d statement entries compared: no difference" % (
              len(seeds), args.steps, total["commands"], total["ok"], 100.0 * total["ok"] / max(1, total["commands"]),
              total["denied"], total["errors"], total["retries"], total["conflicts"], total["late"],
              total["account_checks"], total["statement_entries"]))
    never = [op for op in COVERED if by_op.get(op, [0])[0] == 0]
    if never and not args.allow_unexercised:
        print("FAIL: operations the model covers that never succeeded in this run: %s" % ", ".join(never))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
