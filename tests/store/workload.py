"""A random but valid-looking workload for the store tests.

Every request is a real protocol request. The flexible part runs under the
Taiyuan profile: a flexible unit, accounts opened, signed, remitted inside and
outside the payment window, adjusted, back-paid, sealed, unsealed, their phone
changed, and exited (退出缴存提取: interest credited, the balance paid out, the
account closed; a new account is opened and signed in its place). With
`employer=True` (the kill test) an employer unit runs under the Kaifeng
profile (requests naming `"policy": "kaifeng"`), whose unit operations go to
review: accounts opened, sealed and unsealed by the unit become cases, which
are approved (most) or rejected; and the workload behaves like a client that
knows what it did: it learns from the responses it is shown (`observe`: case
numbers, the accounts an approval opened, which accounts are sealed or
closed, the months remitted) and four times in five sends what it believes
the rules allow (a remittance for a month not yet paid while the payment
window is open, an adjustment in July, a seal of a normal account, an unseal
or an exit of a sealed one, a decision on a pending case), else a request at
random. A response lost to a kill teaches it nothing, so
some of its later requests are denied, as a real client's would be. Denials
are part of the mix (they are journaled too). The clock only moves forward.
"""
import datetime
import random

UNIT = "F1"
COMMITMENT = "本人自愿申请封存住房公积金个人账户，已知悉封存期间不能缴存，承诺所提供信息真实有效。"
WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
CHECKS = "10X98765432"


def id_number(n):
    """A valid 18-digit citizen ID number (GB 11643) for person n."""
    body = "140105" + "1985%02d%02d" % (1 + n % 12, 1 + n % 28) + "%03d" % (n % 1000)
    return body + CHECKS[sum(int(c) * w for c, w in zip(body, WEIGHTS)) % 11]


def luhn_card(n):
    """A 19-digit card number with a valid Luhn check digit."""
    body = "622202" + "%012d" % n
    total = 0
    for i, c in enumerate(reversed(body)):
        d = int(c)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return body + str((10 - total % 10) % 10)


class Clock:
    """Minutes after `start` (2026-01-01T00:00 by default), only ever moving
    forward (the store refuses a request older than the latest one of the same
    account, unit or person). Several workloads may share one clock. With
    `mean_minutes` the clock moves by 1 … 2 × mean − 1 working minutes
    (08:00–17:00, every day) a request, so that a run of a known length stays
    inside a policy period; where that crosses the end of a day, one time in
    ten it stops that evening instead. Without it, by a few minutes,
    hours or days at any hour."""

    def __init__(self, rng, start=datetime.datetime(2026, 1, 1), mean_minutes=None):
        self.rng = rng
        self.start = start
        self.minutes = 9 * 60
        self.mean = mean_minutes

    def time(self):
        return self.start + datetime.timedelta(minutes=self.minutes)

    def now(self):
        return self.time().strftime("%Y-%m-%dT%H:%M:%S")

    def step(self):
        self.minutes += 1

    def tick(self):
        if self.mean:
            minutes = self.rng.randint(1, max(1, 2 * self.mean - 1))
            t = self.time()
            if t.hour >= 17:
                t = datetime.datetime(t.year, t.month, t.day, 8, 0) + datetime.timedelta(days=1)
            elif t.hour < 8:
                t = datetime.datetime(t.year, t.month, t.day, 8, 0)
            while True:
                left = 17 * 60 - (t.hour * 60 + t.minute)
                if minutes < left:
                    t += datetime.timedelta(minutes=minutes)
                    break
                minutes -= left
                if self.rng.random() < 0.1:
                    t = datetime.datetime(t.year, t.month, t.day, self.rng.randint(17, 21), self.rng.randint(0, 59))
                    break
                t = datetime.datetime(t.year, t.month, t.day, 8, 0) + datetime.timedelta(days=1)
            self.minutes = int((t - self.start).total_seconds() // 60)
            return
        # Mostly a few minutes or hours; sometimes a jump of days, so that the
        # payment window (days 1–25, 08:00–17:00) is sometimes closed.
        self.minutes += self.rng.choice([1, 7, 45, 180, 60 * 20, 60 * 24 * 2, 60 * 24 * 9])

    def month_before(self):
        t = self.time()
        m = t.year * 12 + t.month - 2
        return "%04d-%02d" % (m // 12, m % 12 + 1)


# kaifeng.toml: the base limits (hpf_base) run from 2024-07-01 to 2026-06-30; the employer part opens accounts only
# before the end.
KAIFENG_BASE_UNTIL = datetime.datetime(2026, 6, 30)
SEAL_REASONS = ["left_job", "retired", "transfer_out", "other"]
UNSEAL_REASONS = ["reemployed", "reinstated", "other"]


class Workload:
    def __init__(self, seed, prefix, accounts=6, clock=None, unit=UNIT, employer=False):
        self.unit = unit
        self.rng = random.Random(seed)
        self.clock = clock or Clock(self.rng)
        self.prefix = prefix
        self.n = 0
        self.accounts = accounts
        self.opened = []          # flexible accounts believed not closed
        self.status = {}          # account → "normal" / "sealed" / "closed", as last observed
        self.people = 0           # flexible holders so far (each new account gets a new person)
        self.queue = []           # requests to send next (the signing of an account just opened)
        self.employer = employer
        self.employer_unit = "KF" + prefix.upper().replace("-", "")
        self.staff = 0            # employees proposed so far
        self.employees = {}       # employer account → status, learnt from approvals
        self.cases = {}           # case → (op, account or None), learnt from submissions, until decided
        self.paid = {}            # flexible account → months believed paid
        self.adjusted = {}        # flexible account → the year of its last adjustment
        self.since = {}           # flexible account → the month it is payable from (opened, unsealed)
        self.signing = {}         # flexible account → its signing (sent again when found unsigned)

    def _as_of(self):
        self.clock.step()
        return self.clock.now()

    def _tick(self):
        self.clock.tick()

    def _req(self, op, args, policy=None):
        self.n += 1
        r = {"op": op, "request_id": "%s-%d" % (self.prefix, self.n), "as_of": self._as_of(), "args": args}
        if policy:
            r["policy"] = policy
        return r

    def _base_id(self):
        return sum(map(ord, self.prefix)) * 7 % 500

    def _open(self):
        """A flexible account for a new person, then its signing."""
        i = self.people
        self.people += 1
        no = "%s%02d" % (self.prefix.upper().replace("-", ""), i)
        name = "职工%d" % i
        self.opened.append(no)
        self.status[no] = "normal"
        sign = {"account_no": no, "account_name": name, "card_no": luhn_card(i), "bank": "ICBC", "card_class": 1}
        self.signing[no] = sign
        return [self._req("hpf.flex.open", {"unit_code": self.unit, "name": name,
                                            "id_number": id_number(self._base_id() + i),
                                            "monthly_deposit": "%d.00" % (300 + 50 * (i % 6)), "account_no": no}),
                ("hpf.flex.sign", sign)]

    def setup(self):
        """The units and the accounts: run once on a fresh store."""
        out = [self._req("hpf.unit.register", {"unit_code": self.unit, "name": "个人自愿缴存（市本级工行）",
                                                "credit_code": "91110000600037341L", "bank": "ICBC", "kind": "flexible"})]
        if self.employer:
            out.append(self._req("hpf.unit.register", {"unit_code": self.employer_unit, "name": "开封某机械厂",
                                                        "credit_code": "91410200MA4F234563", "bank": "ICBC",
                                                        "kind": "employer", "employer_rate": "10%",
                                                        "employee_rate": "10%"}, policy="kaifeng"))
        for _ in range(self.accounts):
            opening, (op, args) = self._open()
            out += [opening, self._req(op, args)]
        return out

    def label(self, req):
        """The operation, and for a case decision the operation of the case."""
        if req["op"] in ("case.approve", "case.reject") and req["args"]["case_id"] in self.cases:
            return "%s(%s)" % (req["op"], self.cases[req["args"]["case_id"]][0])
        return req["op"]

    def _closed(self, acc):
        self.status[acc] = "closed"
        if acc in self.opened:
            self.opened.remove(acc)

    def observe(self, req, resp):
        """Learns from a response: the cases filed, what an approval did, which accounts are sealed or closed, the
        months paid — from a denial too (an account found closed, a month found paid, a case found decided)."""
        op, a, res = req["op"], req["args"], resp.get("result") or {}
        err = resp.get("error") or {}
        if err.get("code") == "REQ_NOT_FOUND" and err.get("field") == "args.account_no":
            # Its opening was lost to a kill: forget it (a new one is opened in its place).
            self._closed(a["account_no"])
            self.employees.pop(a["account_no"], None)
        codes = {v["code"] for v in resp.get("violations") or []}
        if "HPF_ACCOUNT_CLOSED" in codes:
            self._closed(a["account_no"])
        if "HPF_NOT_NORMAL" in codes and op in ("hpf.flex.remit", "hpf.seal"):
            self.status[a["account_no"]] = "sealed"
        if ("HPF_NOT_SEALED" in codes or "HPF_EXIT_NOT_SEALED" in codes) and a.get("account_no") in self.status:
            self.status[a["account_no"]] = "normal"
        if "HPF_NOT_SIGNED" in codes and a["account_no"] in self.signing and self.employer:
            self.queue.append(("hpf.flex.sign", self.signing[a["account_no"]]))  # the signing was lost to a kill
        if "HPF_ADJUST_ALREADY_DONE" in codes:
            self.adjusted[a["account_no"]] = req["as_of"][:4]
        if "HPF_MONTH_ALREADY_PAID" in codes:
            self.paid.setdefault(a["account_no"], set()).add(req["as_of"][:7])
        if "CASE_WRONG_STATE" in codes or "CASE_STALE" in codes:
            self.cases.pop(a["case_id"], None)
        if not resp.get("ok"):
            return
        if op in ("hpf.unit.open_accounts", "hpf.unit.seal", "hpf.unit.unseal") and res.get("status") == "submitted":
            self.cases[res["case_id"]] = (op, a.get("account_no"))
        elif op == "case.approve":
            kind, acc = self.cases.pop(a["case_id"], (None, None))
            if kind == "hpf.unit.open_accounts":
                for row in (res.get("result") or {}).get("rows", []):
                    self.employees[row["account_no"]] = "normal"
            elif kind == "hpf.unit.seal":
                self.employees[acc] = "sealed"
            elif kind == "hpf.unit.unseal":
                self.employees[acc] = "normal"
        elif op == "case.reject":
            self.cases.pop(a["case_id"], None)
        elif op == "hpf.seal":
            self.status[a["account_no"]] = "sealed"
        elif op == "hpf.unseal":
            self.status[a["account_no"]] = "normal"
            self.since[a["account_no"]] = res.get("payable_from", req["as_of"][:7])
        elif op == "hpf.flex.open":
            self.since[a["account_no"]] = res.get("payable_from", req["as_of"][:7])
        elif op == "hpf.exit":
            self._closed(a["account_no"])
        elif op == "hpf.flex.adjust":
            self.adjusted[a["account_no"]] = req["as_of"][:4]
        elif op == "hpf.flex.remit":
            self.paid.setdefault(a["account_no"], set()).add(res["month"])
        elif op == "hpf.flex.back_pay":
            self.paid.setdefault(a["account_no"], set()).update(x["month"] for x in res.get("months", []))

    def _employer_next(self, kind):
        """A reviewed employer operation or a decision on one of its cases; None when there is nothing to do."""
        pol = "kaifeng"
        if kind < 0.3:
            if self.clock.time() >= KAIFENG_BASE_UNTIL:
                return None
            i = self.staff
            self.staff += 1
            base = self.rng.choice(["6000.00", "8000.00", "12543.21", "1900.00"])  # 1,900.00: below the floor
            return self._req("hpf.unit.open_accounts", {"unit_code": self.employer_unit, "rows": [
                {"name": "员工%d" % i, "id_number": id_number(self._base_id() + 500 + i), "base": base}]}, policy=pol)
        if kind < 0.55:
            pending = {x for _, x in self.cases.values()}
            pool = sorted(a for a in self.employees if a not in pending)
            if not pool or self.rng.random() < 0.2:
                pool = sorted(self.employees)
            if not pool:
                return None
            acc = self.rng.choice(pool)
            if self.employees[acc] == "normal":
                return self._req("hpf.unit.seal", {"unit_code": self.employer_unit, "account_no": acc,
                                                   "reason": self.rng.choice(SEAL_REASONS)}, policy=pol)
            return self._req("hpf.unit.unseal", {"unit_code": self.employer_unit, "account_no": acc,
                                                 "reason": self.rng.choice(UNSEAL_REASONS)}, policy=pol)
        if not self.cases:
            return None
        case = self.rng.choice(sorted(self.cases))
        if kind < 0.92:
            return self._req("case.approve", {"case_id": case})
        return self._req("case.reject", {"case_id": case, "reason": "资料不全"})

    def next(self):
        self._tick()
        if self.queue:
            op, args = self.queue.pop(0)
            return self._req(op, args)
        if len(self.opened) < self.accounts:
            opening, later = self._open()
            self.queue.append(later)
            return opening
        if self.employer:
            if self.rng.random() < 0.25:
                req = self._employer_next(self.rng.random())
                if req is not None:
                    return req
            return self._client_next()
        acc = self.rng.choice(self.opened)
        kind = self.rng.random()
        if kind < 0.55:
            return self._req("hpf.flex.remit", {"account_no": acc})
        if kind < 0.65:
            return self._req("hpf.flex.back_pay", {"account_no": acc, "end_month": self.clock.month_before()})
        if kind < 0.75:
            return self._req("hpf.flex.adjust", {"account_no": acc, "monthly_deposit": "%d.00" % self.rng.choice([400, 500, 600])})
        if kind < 0.85:
            return self._req("hpf.seal", {"account_no": acc, "commitment": COMMITMENT, "agreed": True})
        if kind < 0.95:
            return self._req("hpf.unseal", {"account_no": acc})
        return self._req("hpf.change_phone", {"account_no": acc, "phone": "138%08d" % self.rng.randrange(10 ** 8)})

    CLIENT_OPS = [("hpf.flex.remit", 50), ("hpf.flex.back_pay", 8), ("hpf.flex.adjust", 8), ("hpf.seal", 10),
                  ("hpf.unseal", 10), ("hpf.exit", 6), ("hpf.change_phone", 8)]

    def _client_next(self):
        """A flexible request as a client that knows what it did: four times in five an operation and an account
        it believes the rules allow, else both at random."""
        t = self.clock.time()
        month = "%04d-%02d" % (t.year, t.month)
        window = t.day <= 25 and 8 <= t.hour < 17

        def unpaid_before(a):
            first = self.since.get(a, month)
            y, m = int(first[:4]), int(first[5:])
            while "%04d-%02d" % (y, m) < month:
                if "%04d-%02d" % (y, m) not in self.paid.get(a, ()):
                    return True
                y, m = (y + 1, 1) if m == 12 else (y, m + 1)
            return False
        normal = [a for a in self.opened if self.status.get(a) == "normal"]
        sealed = [a for a in self.opened if self.status.get(a) == "sealed"]
        pools = {
            "hpf.flex.remit": [a for a in normal if month not in self.paid.get(a, ())] if window else [],
            "hpf.flex.back_pay": [a for a in normal if unpaid_before(a)] if window else [],
            "hpf.flex.adjust": [a for a in normal if self.adjusted.get(a) != month[:4]] if t.month == 7 else [],
            "hpf.seal": normal, "hpf.unseal": sealed, "hpf.exit": sealed, "hpf.change_phone": self.opened,
        }
        ops = [(op, w) for op, w in self.CLIENT_OPS if pools[op]]
        if ops and self.rng.random() < 0.8:
            op = self.rng.choices([o for o, _ in ops], [w for _, w in ops])[0]
            acc = self.rng.choice(pools[op])
        else:
            op = self.rng.choices([o for o, _ in self.CLIENT_OPS], [w for _, w in self.CLIENT_OPS])[0]
            acc = self.rng.choice(self.opened)
        args = {"account_no": acc}
        if op == "hpf.flex.back_pay":
            args["end_month"] = self.clock.month_before()
        elif op == "hpf.flex.adjust":
            args["monthly_deposit"] = "%d.00" % self.rng.choice([400, 500, 600])
        elif op == "hpf.seal":
            args.update(commitment=COMMITMENT, agreed=True)
        elif op == "hpf.exit":
            args["has_outstanding_loan"] = False
        elif op == "hpf.change_phone":
            args["phone"] = "138%08d" % self.rng.randrange(10 ** 8)
        return self._req(op, args)
