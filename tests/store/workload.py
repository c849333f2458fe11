"""A random but valid-looking flexible-employment workload for the store tests.

Every request is a real protocol request against the Taiyuan profile: a
flexible unit, accounts opened, signed, remitted inside and outside the
payment window, adjusted, back-paid, sealed and unsealed. Denials are part of
the mix (they are journaled too). The clock only moves forward.
"""
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
    """Minutes after 2026-01-01T00:00, only ever moving forward (the store
    refuses a request older than the latest one of the same account, unit or
    person). Several workloads may share one clock."""

    def __init__(self, rng):
        self.rng = rng
        self.minutes = 9 * 60

    def now(self):
        import datetime
        t = datetime.datetime(2026, 1, 1) + datetime.timedelta(minutes=self.minutes)
        return t.strftime("%Y-%m-%dT%H:%M:%S")

    def step(self):
        self.minutes += 1

    def tick(self):
        # Mostly a few minutes or hours; sometimes a jump of days, so that the
        # payment window (days 1–25, 08:00–17:00) is sometimes closed.
        self.minutes += self.rng.choice([1, 7, 45, 180, 60 * 20, 60 * 24 * 2, 60 * 24 * 9])

    def month_before(self):
        import datetime
        t = datetime.datetime(2026, 1, 1) + datetime.timedelta(minutes=self.minutes)
        m = t.year * 12 + t.month - 2
        return "%04d-%02d" % (m // 12, m % 12 + 1)


class Workload:
    def __init__(self, seed, prefix, accounts=6, clock=None, unit=UNIT):
        self.unit = unit
        self.rng = random.Random(seed)
        self.clock = clock or Clock(self.rng)
        self.prefix = prefix
        self.n = 0
        self.accounts = accounts
        self.opened = []

    def _as_of(self):
        self.clock.step()
        return self.clock.now()

    def _tick(self):
        self.clock.tick()

    def _req(self, op, args):
        self.n += 1
        return {"op": op, "request_id": "%s-%d" % (self.prefix, self.n), "as_of": self._as_of(), "args": args}

    def setup(self):
        """The unit and the accounts: run once on a fresh store."""
        out = [self._req("hpf.unit.register", {"unit_code": self.unit, "name": "个人自愿缴存（市本级工行）",
                                                "credit_code": "91110000600037341L", "bank": "ICBC", "kind": "flexible"})]
        for i in range(self.accounts):
            no = "%s%02d" % (self.prefix.upper().replace("-", ""), i)
            out.append(self._req("hpf.flex.open", {"unit_code": self.unit, "name": "职工%d" % i, "id_number": id_number(sum(map(ord, self.prefix)) * 7 % 500 + i),
                                                    "monthly_deposit": "%d.00" % (300 + 50 * i), "account_no": no}))
            out.append(self._req("hpf.flex.sign", {"account_no": no, "account_name": "职工%d" % i, "card_no": luhn_card(i),
                                                    "bank": "ICBC", "card_class": 1}))
            self.opened.append(no)
        return out

    def next(self):
        self._tick()
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
