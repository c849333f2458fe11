"""The HPF simulation's life-cycle steps (issue 18): ledger corrections, withdrawals on every ground of HPF
Regs Art. 24, corrections of the holder's name and phone. A mixin of simulate.py's Simulation; the model's
side is model_lifecycle.py."""
from model import fen_text
from model_lifecycle import WITHDRAW_REASONS, completed_months, fen, LEAVE_CITY_MIN_SEALED_MONTHS

CHECKS = "10X98765432"
WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]


def older_id(region, birth, seq):
    """An 18-digit citizen ID of someone born on `birth` (yyyymmdd); the sequence's parity is the sex."""
    body = region + birth + "%03d" % seq
    return body + CHECKS[sum(int(c) * w for c, w in zip(body, WEIGHTS)) % 11]


# Depositors who reach their statutory retirement month while the clock runs (2025-09 … 2027-09):
# a man born 1965-09 retires 2025-12, a man born 1966-02 in 2026-06, a woman (F55) born 1971-01 in 2026-05.
OLDER_TAIYUAN = [(older_id("140105", "19650903", 311), "白一"), (older_id("140105", "19660210", 313), "白二"),
                 (older_id("140105", "19710120", 322), "白三")]
HEIRS = [("白小一", older_id("140105", "19900101", 411)), ("白小二", older_id("140105", "19920202", 422))]
# A blank heir's name, an heir's ID with a wrong check character.
BAD_HEIRS = [("\u3000", HEIRS[0][1]), (HEIRS[1][0], HEIRS[1][1][:17] + CHECKS[(CHECKS.index(HEIRS[1][1][17]) + 1) % 11])]


class HpfLifecycleActs:
    def live_with_entries(self, a):
        return a.status != "closed" and any(e["kind"] != "correction" for e in a.entries)

    def act_ledger_correct(self, valid):
        m = self.model
        reason = "多记" if valid or self.rng.random() < 0.8 else self.rng.choice(["", "\u3000"])
        if valid:
            no = self.where(self.live_with_entries, ("flexible", "employer"))
            if no is None:
                return None
            acc = m.accounts[no]
            target = self.rng.choice([e for e in acc.entries if e["kind"] != "correction"])
            corrects = str(target["entry_id"])
            net = fen(target["amount"]) + sum(fen(e["amount"]) for e in acc.entries if e.get("corrects") == corrects)
            if net <= 0:
                return None
            amount = self.rng.choice([-net, -min(net, 10000), -1, -min(net, 3333), 5000, 1])
        else:
            no = self.pick_account(("flexible", "employer"))
            acc = m.accounts.get(no)
            ids = [str(e["entry_id"]) for e in acc.entries] if acc else []
            corrects = self.rng.choice(ids + ["999999", "0", "x1"]) if ids else self.rng.choice(["1", "999999"])
            amount = self.rng.choice([0, -1, -100000000, 100, -60000, 20000])
        exp = m.ledger_correct(self.t, no, corrects, amount, reason)
        self.run(self.request("hpf.ledger.correct", {"account_no": no, "corrects": corrects,
                                                     "amount": fen_text(amount), "reason": reason}), exp)
        return [no]

    def withdraw_allowed(self, a, reason):
        if a.status == "closed":
            return False
        if reason == "retirement":
            return not self.model.withdraw_grounds(self.t, a, "retirement")
        if reason == "leave_city":
            return a.status == "sealed" and completed_months(a.sealed_on, self.t.date()) >= \
                LEAVE_CITY_MIN_SEALED_MONTHS
        if reason == "incapacity" and self.model.units[a.unit].kind == "employer":
            return a.status == "sealed"
        return True

    def act_withdraw(self, valid):
        m = self.model
        amount, loan, heir = None, None, None
        if valid:
            # The grounds some account meets now, the rarer ones (retirement, six months sealed) first.
            grounds = [(r, w) for r, w in zip(WITHDRAW_REASONS, [6, 12, 1, 1, 1])
                       if any(self.withdraw_allowed(a, r) for a in m.accounts.values())]
            if not grounds:
                return None
            reason = self.rng.choices([r for r, _ in grounds], [w for _, w in grounds])[0]
            no = self.where(lambda a: self.withdraw_allowed(a, reason), ("flexible", "employer"))
            if reason == "death":
                heir = self.rng.choice(HEIRS)
            if self.rng.random() < 0.3:
                amount = m.payout_on(m.accounts[no], self.t.date())
            loan = self.rng.choice([None, None, False])
        else:
            no = self.pick_account(("flexible", "employer"))
            reason = self.rng.choice(WITHDRAW_REASONS + ["marriage"])
            roll = self.rng.random()
            if roll < 0.3:
                heir = self.rng.choice(HEIRS + BAD_HEIRS)
            elif roll < 0.45:
                loan = True
            elif roll < 0.6 and no in m.accounts:
                amount = m.accounts[no].balance + self.rng.choice([0, 1, -1])
        args = {"account_no": no, "reason": reason}
        if amount is not None:
            args["amount"] = fen_text(amount)
        if loan is not None:
            args["has_outstanding_loan"] = loan
        if heir is not None:
            args["heir"] = {"name": heir[0], "id_number": heir[1]}
        exp = m.withdraw(self.t, no, reason, amount, loan, heir)
        self.run(self.request("hpf.withdraw", args), exp)
        return [no]

    def act_account_change(self, valid):
        m = self.model
        names = ["张三丰", "李四光", "王五"]
        phones = ["13700001111", "18912345678"]
        if valid:
            no = self.where(lambda a: a.status != "closed", ("flexible", "employer"))
            if no is None:
                return None
            acc = m.accounts[no]
            name = self.rng.choice([None] + [x for x in names if x != acc.name])
            phone = self.rng.choice([x for x in phones if x != acc.phone] + ([None] if name else []))
            reason = "更正"
        else:
            no = self.pick_account(("flexible", "employer"))
            name = self.rng.choice([None, None, "\u3000", "王五"])
            phone = self.rng.choice([None, "1370000111", "13700001111"])
            reason = self.rng.choice(["更正", "更正", " "])
        args = {"account_no": no, "reason": reason}
        if name is not None:
            args["name"] = name
        if phone is not None:
            args["phone"] = phone
        exp = m.account_change(self.t, no, name, phone, reason)
        self.run(self.request("hpf.account.change", args), exp)
        return [no]

