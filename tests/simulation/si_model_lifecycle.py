"""The SI model's money corrections (issue 18), written from protocol.md §1.5 and "Money corrections (issue 18)",
not from the engine's code:

  si.bill.withdraw   an open settlement bill of the unit withdrawn: every record it billed is declared again (the
                     next settlement bills it as back-pay, late fees from its own due date); the settlement period
                     stays. Refused (BILL_NOT_WITHDRAWABLE): another unit's, paid (a bill with nothing on it is paid
                     at creation), already withdrawn, a refund bill.
  si.settle.reverse  the unit's last settlement (period = settlement period − 1) while its bill is not paid: the
                     bill withdrawn as above (unless it already is), the settlement period back to `period`, and the
                     reversal counts as a change (the month is settled again with changes). Else
                     SI_SETTLE_NOT_REVERSIBLE.
  si.refund          months paid at a place (a unit, or flexible: no unit) and not owed there — paid twice, a
                     pension month from the retirement month on, outside every enrollment of the type there, after
                     the month of `stop_date` (a back-dated stop the refund prepares) — leave the person (the month
                     is unpaid again: D4's arrears, D5's stops and the charge table see it so) and a refund bill
                     (the next `B` number, paid) records them; a month is refunded once (SI_REFUND_ALREADY_REFUNDED),
                     named once (SI_REFUND_MONTH_TWICE); an owed month is SI_REFUND_OWED, one not paid there
                     SI_REFUND_NOT_PAID.

  si.person.change   a person's name, work start date, mobile number, address corrected (Handan reviews it: one
                     case, no unit's), the old values in the result (a mobile number masked): refused while the
                     record is locked (SI_PERSON_LOCKED), for a person not insured today, a work start date not
                     before the earliest enrollment, a blank name or address, a bad mobile number, no reason, nothing
                     changed;
  si.person.lock / si.person.unlock  the lock set or cleared (refused when already so), never reviewed.

  si.unit.change     a unit's name, credit code (GB 32100-2015 check character) and address corrected, the old
                     values in the result; blank values, a bad code, no reason, nothing changed refused.
  pension.bank_account  a retired person's pension account (001 7.1.6): own name, a card number with its Luhn digit,
                     a bank of national.toml's list, another account than the one recorded; the replaced one kept.
  pension.qualify    a retired person's qualification (待遇资格认证), once a calendar year, dated from the retirement
                     month on and not in the future; `qualified` says whether today's year is qualified.

  D14 (model's reading) A refund takes no case (no profile reviews it) and changes no unit: its settlement period and
      change count stay; it names the person, so it moves the person's time forward.
"""
import copy
import datetime as dt

from model import KNOWN_BANKS, luhn, phone_ok  # national.toml's banks, a card's and a mobile number's formats
from si_model import Model, TYPES, blank, month_of, month_text, valid_id, fen_text


def masked(phone):
    return phone[:3] + "****" + phone[7:] if phone else ""


class LifecycleModel(Model):
    CHECKS = dict(Model.CHECKS, **{"si.person.change": ("person_change_check", "person_change_apply")})

    def request_error(self, op, a):
        if op == "si.person.change":
            return self.person_error(a["id_number"])
        return super().request_error(op, a)

    def person_error(self, idn):
        if not valid_id(idn):
            return ("deny", ["ID_CHECKSUM"])
        if idn not in self.persons:
            return ("error", "REQ_NOT_FOUND", "args.id_number")
        return None

    # ------------------------------------------------------------ si.person.change, lock, unlock
    @staticmethod
    def person_edits(p, a):
        now = {"name": p.name, "work_start_date": p.work_start.isoformat(), "phone": p.phone or "",
               "address": p.address or ""}
        return [{"field": f, "old": masked(now[f]) if f == "phone" else now[f],
                 "new": masked(a[f]) if f == "phone" else a[f]}
                for f in ("name", "work_start_date", "phone", "address") if f in a and a[f] != now[f]]

    def person_change_check(self, a, as_of):
        p = self.persons[a["id_number"]]
        today = as_of.date()
        v = ["SI_PERSON_LOCKED"] if p.locked else []
        if not any(e.frm <= today and (e.to is None or e.to >= today) for e in p.enrollments):
            v.append("SI_PERSON_NOT_INSURED")
        late_start = lambda d: p.enrollments and not dt.date.fromisoformat(d) < min(e.frm for e in p.enrollments)  # noqa
        v += correction_rules(a, self.person_edits(p, a), [
            ("name", blank, "NAME_REQUIRED"), ("work_start_date", late_start, "SI_ENROLL_BEFORE_WORK_START"),
            ("phone", lambda x: not phone_ok(x), "PHONE_INVALID"), ("address", blank, "ADDRESS_INVALID")])
        return v, None

    def person_change_apply(self, a, as_of, plan):
        p = self.persons[a["id_number"]]
        changes = self.person_edits(p, a)
        p.name = a.get("name", p.name)
        if "work_start_date" in a:
            p.work_start = dt.date.fromisoformat(a["work_start_date"])
        p.phone = a.get("phone", p.phone)
        p.address = a.get("address", p.address)
        p.last_applied = as_of
        return {"id_number": p.id, "changes": changes}

    def person_lock(self, idn, lock, reason, as_of):
        err = self.person_error(idn)
        if err:
            return err
        p = self.persons[idn]
        v = []
        if lock and p.locked:
            v.append("SI_PERSON_ALREADY_LOCKED")
        if not lock and not p.locked:
            v.append("SI_PERSON_NOT_LOCKED")
        if blank(reason):
            v.append("CHANGE_REASON_REQUIRED")
        if v:
            return ("deny", v)
        p.locked = lock
        p.last_applied = as_of
        return ("ok", {"id_number": idn, "locked": lock})

    # ------------------------------------------------------------ settlements know their period
    def settle(self, code, period, kind, as_of):
        out = super().settle(code, period, kind, as_of)
        if out[0] == "ok":
            self.bills[out[1]["bill_id"]].period = period
        return out

    # ------------------------------------------------------------ si.bill.withdraw
    def release(self, b):
        """Withdraws an open settlement bill: its unpaid records are declared again."""
        b.status = "withdrawn"
        released = 0
        originals = [c for _, c in b.items]
        b.items = [(p, copy.copy(c)) for p, c in b.items]  # the bill keeps its items as billed
        for c in originals:
            if c.bill == b.id and c.state != "paid":
                c.state, c.bill = "declared", None
                released += 1
        return {"bill_id": b.id, "status": "withdrawn", "records_released": released}

    def bill_withdraw(self, code, bill_id):
        if code not in self.units:
            return ("error", "REQ_NOT_FOUND", "args.unit_code")
        b = self.bills.get(bill_id)
        if b is None:
            return ("error", "REQ_NOT_FOUND", "args.bill_id")
        if b.unit != code or b.kind != "settlement" or b.status != "open":
            return ("deny", ["BILL_NOT_WITHDRAWABLE"])
        return ("ok", self.release(b))

    # ------------------------------------------------------------ si.settle.reverse
    def settlement_bill(self, code, period):
        """The unit's settlement bill of `period`: the one not withdrawn, else the last withdrawn."""
        found = [b for _, b in sorted(self.bills.items())
                 if b.kind == "settlement" and b.unit == code and getattr(b, "period", None) == period]
        live = [b for b in found if b.status != "withdrawn"]
        return live[0] if live else (found[-1] if found else None)

    def settle_reverse(self, code, period):
        unit = self.units.get(code)
        if unit is None:
            return ("error", "REQ_NOT_FOUND", "args.unit_code")
        b = self.settlement_bill(code, period)
        if unit.period != period + 1 or b is None or b.status == "paid":
            return ("deny", ["SI_SETTLE_NOT_REVERSIBLE"])
        result = self.release(b) if b.status == "open" else {"bill_id": b.id}
        unit.period = period
        unit.changes += 1
        return ("ok", dict(result, period=month_text(period), settlement_period=month_text(period)))

    # ------------------------------------------------------------ si.refund
    def refund_owed(self, p, unit, t, m, stop):
        """Whether (t, m) paid at `unit` ("" flexible) is owed there."""
        if any(c.unit != unit and c.type == t and c.month == m and c.state == "paid" for c in p.charges):
            return False
        if t == "pension" and p.retired_from is not None and m >= p.retired_from:
            return False
        if unit == "":
            return True
        if stop is not None and month_of(stop) < m:
            return False
        return any(e.unit == unit and e.type == t and e.covers(m) for e in p.enrollments)

    def refunded(self, idn, unit, t, m):
        return any(b.kind == "refund" and b.idn == idn and (unit, t, m) in b.refunded for b in self.bills.values())

    def refund(self, idn, unit, months, span, reason, stop, as_of):
        """months: [(month, type)] as listed, or None with span = (from, to, types or None)."""
        if stop is not None and unit == "":
            return ("error", "REQ_BAD_VALUE", "args.stop_date")
        if span is not None and span[1] < span[0]:
            return ("error", "REQ_BAD_VALUE", "args.to")
        if unit and unit not in self.units:
            return ("error", "REQ_NOT_FOUND", "args.unit_code")
        if not valid_id(idn):
            return ("deny", ["ID_CHECKSUM"])
        p = self.persons.get(idn)
        if p is None:
            return ("error", "REQ_NOT_FOUND", "args.id_number")
        if months is None:
            frm, to, types = span
            months = [(m, t) for m in range(frm, to + 1) for t in TYPES
                      if (t in types if types is not None else p.record(unit, t, m) is not None
                          and p.record(unit, t, m).state == "paid")]
            if not months:
                return ("error", "REQ_BAD_VALUE", "args.from")
        v = []
        if blank(reason):
            v.append("CHANGE_REASON_REQUIRED")
        if stop is not None and stop > as_of.date():
            v.append("SI_REFUND_STOP_DATE_FUTURE")
        v += ["SI_REFUND_MONTH_TWICE" for i, x in enumerate(months) if x in months[:i]]
        records = []
        for m, t in months:
            c = p.record(unit, t, m)
            if c is not None and c.state == "paid":
                if self.refund_owed(p, unit, t, m, stop):
                    v.append("SI_REFUND_OWED")
                else:
                    records.append(c)
            elif self.refunded(idn, unit, t, m):
                v.append("SI_REFUND_ALREADY_REFUNDED")
            else:
                v.append("SI_REFUND_NOT_PAID")
        if v:
            return ("deny", v)
        bill_id = self.new_id("B")
        b = self.bills[bill_id] = Refund(bill_id, unit or None, idn, as_of.date(),
                                         {(c.unit, c.type, c.month) for c in records})
        for c in records:
            p.charges.remove(c)
        p.last_applied = as_of
        items = [{"month": month_text(c.month), "type": c.type, "base": fen_text(c.base),
                  "employer": fen_text(c.employer), "employee": fen_text(c.employee), "paid_on_bill": c.bill}
                 for c in records]
        return ("ok", {"bill_id": b.id, "items": items,
                       "amount": fen_text(sum(c.employer + c.employee for c in records))})


    # ------------------------------------------------------------ si.unit.change (004 §2.2.4–2.2.5)
    def unit_change(self, code, a, registered):
        """a: the request's args; registered: the unit's name and credit code as registered."""
        unit = self.units.get(code)
        if unit is None:
            return ("error", "REQ_NOT_FOUND", "args.unit_code")
        data = unit.__dict__.setdefault("data", dict(registered, address=""))
        changes = [{"field": f, "old": data[f], "new": a[f]} for f in ("name", "credit_code", "address")
                   if f in a and a[f] != data[f]]
        v = correction_rules(a, changes, [("name", blank, "NAME_REQUIRED"),
                                          ("credit_code", lambda x: not credit_code_ok(x), "USCC_INVALID"),
                                          ("address", blank, "ADDRESS_INVALID")])
        if v:
            return ("deny", v)
        data.update({c["field"]: c["new"] for c in changes})
        return ("ok", {"unit_code": code, "changes": changes})

    # ------------------------------------------------------------ after the retirement (001 7.1)
    def bank_account(self, idn, bank, name, card_no, as_of):
        err = self.person_error(idn)
        if err:
            return err
        p = self.persons[idn]
        v = [] if p.retired_from is not None else ["PENSION_NOT_RETIRED"]
        if name != p.name:
            v.append("PENSION_BANK_NAME_MISMATCH")
        if not luhn(card_no):
            v.append("CARD_INVALID")
        if bank not in KNOWN_BANKS:
            v.append("BANK_UNKNOWN")
        if p.pension_bank == (bank, card_no):
            v.append("PENSION_BANK_UNCHANGED")
        if v:
            return ("deny", v)
        replaced = p.pension_bank is not None
        if replaced:
            p.bank_history += 1
        p.pension_bank = (bank, card_no)
        p.last_applied = as_of
        return ("ok", {"id_number": idn, "bank": bank, "card_masked": card_no[:4] + " **** **** " + card_no[-4:],
                       "since": as_of.date().isoformat(), "replaced": replaced, "history": p.bank_history})

    def qualify(self, idn, day, method, as_of):
        err = self.person_error(idn)
        if err:
            return err
        p = self.persons[idn]
        if p.retired_from is None:
            return ("deny", ["PENSION_NOT_RETIRED"])
        v = []
        if day > as_of.date():
            v.append("PENSION_QUALIFY_DATE_IN_FUTURE")
        if month_of(day) < p.retired_from:
            v.append("PENSION_QUALIFY_BEFORE_RETIREMENT")
        if day.year in p.qualified:
            v.append("PENSION_ALREADY_QUALIFIED")
        if v:
            return ("deny", v)
        p.qualified.add(day.year)
        p.last_applied = as_of
        return ("ok", {"id_number": idn, "year": day.year, "date": day.isoformat(), "method": method,
                       "qualified": as_of.year in p.qualified})


def correction_rules(a, changes, checks):
    """What every correction checks (004 §2.2): each field given against its own rule — checks: [(field,
    is_bad(value), code)] —, a reason, and something changed."""
    v = [code for f, is_bad, code in checks if f in a and is_bad(a[f])]
    if blank(a["reason"]):
        v.append("CHANGE_REASON_REQUIRED")
    if not changes:
        v.append("CHANGE_NOTHING")
    return v


USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def credit_code_ok(code):
    """GB 32100-2015: 18 characters of the code's alphabet, the last a check character over the first 17."""
    if len(code) != 18 or any(c not in USCC_CHARS for c in code):
        return False
    total = sum(USCC_CHARS.index(c) * w for c, w in zip(code, USCC_WEIGHTS))
    return USCC_CHARS[(31 - total % 31) % 31] == code[17]


class Refund:
    """A refund bill: paid at creation, never payable nor withdrawn; what it returned, for a second refund."""

    def __init__(self, bill_id, unit, idn, created, refunded):
        self.id, self.unit, self.idn, self.created, self.refunded = bill_id, unit, idn, created, refunded
        self.kind, self.status, self.items = "refund", "paid", []
