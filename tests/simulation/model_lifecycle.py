"""The HPF model's life-cycle operations (issue 18), written from protocol.md §1.5 and the sections "HPF
withdrawals and document types" and "Money corrections", rules.md §3 and HPF Regs Art. 24 — not from the
engine's code:

  hpf.ledger.correct  a correction entry naming an earlier entry by its number: the signed difference, dated
                      the day, in the corrected entry's month; the entry's net amount never passes zero, the
                      balance never goes below zero, a correction is never corrected; balance = Σ entries;
  hpf.withdraw        the whole balance on a ground of HPF Regs Art. 24 (retirement from the statutory month,
                      leaving the city sealed six completed months, settling abroad, incapacity — an employer
                      account sealed —, death to the heir), interest to the day exactly as the flexible exit,
                      the account closed;
  hpf.account.change  the holder's name and mobile number corrected, the old values in the result.

Outcomes and effects as in model.py.
"""
import calendar
import copy
import datetime as dt

from model import Model, SPACES, fen_text, id_birth, month_of, phone_ok, retirement_month, valid_id

WITHDRAW_REASONS = ["retirement", "leave_city", "leave_country", "incapacity", "death"]
LEAVE_CITY_MIN_SEALED_MONTHS = 6  # national.toml hpf.withdraw.leave_city.min_sealed_months (provisional)


def completed_months(frm, to):
    """Whole months from `frm` to `to`: the largest n with frm + n months (the day clamped to the month's
    length) not after `to`."""
    if to < frm:
        return 0
    n = (to.year - frm.year) * 12 + to.month - frm.month
    while n > 0 and to < add_months(frm, n):
        n -= 1
    return n


def add_months(d, n):
    m = d.year * 12 + d.month - 1 + n
    y, mo = m // 12, m % 12 + 1
    return dt.date(y, mo, min(d.day, calendar.monthrange(y, mo)[1]))


def blank(text):
    return not text.strip(SPACES)


class LifecycleModel(Model):
    def live_account(self, t, no):
        """The account named, or the request error: unknown, or a request dated before its last change."""
        acc, err = self.account_or_error(no)
        if err is None and self.late(t, acc):
            err = ("error", "REQ_BAD_VALUE", "as_of")
        return acc, err

    # ------------------------------------------------------------ hpf.ledger.correct
    def ledger_correct(self, t, no, corrects, amount, reason):
        acc, err = self.live_account(t, no)
        if err:
            return err
        v = ["CHANGE_REASON_REQUIRED"] if blank(reason) else []
        if acc.status == "closed":
            return ("deny", v + ["HPF_ACCOUNT_CLOSED"])
        target = next((e for e in acc.entries if str(e["entry_id"]) == corrects), None)
        if target is None:
            return ("deny", v + ["HPF_CORRECTION_ENTRY_UNKNOWN"])
        if target["kind"] == "correction":
            v.append("HPF_CORRECTION_OF_CORRECTION")
        if amount == 0:
            v.append("HPF_CORRECTION_ZERO")
        original = fen(target["amount"])
        net = original + amount + sum(fen(e["amount"]) for e in acc.entries if e.get("corrects") == corrects)
        if (net < 0) if original > 0 else (net > 0):
            v.append("HPF_CORRECTION_EXCEEDS_ENTRY")
        if acc.balance + amount < 0:
            v.append("HPF_CORRECTION_NEGATIVE_BALANCE")
        if v:
            return ("deny", v)
        acc.ledger.append((t.date(), amount))
        acc.balance += amount
        self.entries += 1
        acc.entries.append({"entry_id": self.entries, "kind": "correction", "month": target["month"],
                            "date": t.date().isoformat(), "amount": fen_text(amount), "corrects": corrects})
        acc.last_applied = t
        return ("ok", {"account_no": no, "corrects": corrects, "amount": fen_text(amount),
                       "balance": fen_text(acc.balance)})

    # ------------------------------------------------------------ hpf.withdraw
    def withdraw(self, t, no, reason, amount=None, loan=None, heir=None):
        """heir: None or (name, id_number)."""
        if reason not in WITHDRAW_REASONS:
            return ("error", "REQ_BAD_VALUE", "args.reason")
        if heir is not None and reason != "death":
            return ("error", "REQ_BAD_VALUE", "args.heir")
        acc, err = self.live_account(t, no)
        if err:
            return err
        if acc.status == "closed":
            return ("deny", ["HPF_ACCOUNT_CLOSED"])
        v = []
        if heir is not None:
            if blank(heir[0]):
                v.append("NAME_REQUIRED")
            if not valid_id(heir[1]):
                v.append("ID_CHECKSUM")
        elif reason == "death":
            v.append("HPF_WITHDRAW_HEIR_REQUIRED")
        v += self.withdraw_grounds(t, acc, reason)
        if loan:
            v.append("HPF_WITHDRAW_HAS_LOAN")
        if not v and amount is not None and amount != self.payout_on(acc, t.date()):
            v.append("HPF_WITHDRAW_PARTIAL")
        if v:
            return ("deny", v)
        payee = {"name": acc.name, "id_number": acc.id_number} if heir is None else \
            {"name": heir[0], "id_number": heir[1], "heir": True}
        return ("ok", dict(self.pay_out(acc, t), account_no=no, reason=reason, payee=payee, status="closed"))

    def withdraw_grounds(self, t, acc, reason):
        """HPF Regs Art. 24 (2)–(4), para. 3; the centres' leaving-the-city rule."""
        employer = self.units[acc.unit].kind == "employer"
        if reason == "retirement":
            birth = id_birth(acc.id_number)
            male = int(acc.id_number[16]) % 2 == 1
            return ["HPF_WITHDRAW_BEFORE_RETIREMENT"] if month_of(t) < retirement_month(birth, male) else []
        if reason == "leave_city" or (reason == "incapacity" and employer):
            if acc.status != "sealed":
                return ["HPF_WITHDRAW_NOT_SEALED"]
            if reason == "leave_city" and completed_months(acc.sealed_on, t.date()) < LEAVE_CITY_MIN_SEALED_MONTHS:
                return ["HPF_WITHDRAW_SEALED_TOO_SHORT"]
        return []

    def payout_on(self, acc, day):
        """The payout a withdrawal on `day` would pay, computed on a copy."""
        shadow = copy.deepcopy(self)
        a = shadow.accounts[acc.no]
        shadow.exit_interest(a, day)
        return a.balance

    # ------------------------------------------------------------ hpf.account.change
    def account_change(self, t, no, name, phone, reason):
        acc, err = self.live_account(t, no)
        if err:
            return err
        if acc.status == "closed":
            return ("deny", ["HPF_ACCOUNT_CLOSED"])
        changes = []
        if name is not None and name != acc.name:
            changes.append({"field": "name", "old": acc.name, "new": name})
        if phone is not None and phone != (acc.phone or ""):
            changes.append({"field": "phone", "old": mask(acc.phone or ""), "new": mask(phone)})
        v = []
        if name is not None and blank(name):
            v.append("NAME_REQUIRED")
        if phone is not None and not phone_ok(phone):
            v.append("PHONE_INVALID")
        if blank(reason):
            v.append("CHANGE_REASON_REQUIRED")
        if not changes:
            v.append("CHANGE_NOTHING")
        if v:
            return ("deny", v)
        if name is not None:
            acc.name = name
        if phone is not None:
            acc.phone = phone
        acc.last_applied = t
        return ("ok", {"account_no": no, "changes": changes})


def fen(text):
    neg = text.startswith("-")
    y, f = text.lstrip("-").split(".")
    n = int(y) * 100 + int(f)
    return -n if neg else n


def mask(phone):
    return phone[:3] + "****" + phone[7:] if phone else ""

