"""An independent reference model of the HPF rules the simulation drives.

Written from the specification (rules.md §1–3, §6; arithmetic.md §3.1, §3.4;
protocol.md §1.2, §5; policies/taiyuan.toml and kaifeng.toml for the figures),
not from the engine's code: it shares no code with the engine and computes
every decision, amount and interest itself, in integers (fen) and exact
fractions.

Scope: the flexible-employment lifecycle under the Taiyuan profile (open,
sign, remit, back-pay, adjust, seal, unseal, transfer-in, change phone, exit
with interest) and the Kaifeng employer operations that are reviewed (open
accounts, seal, unseal) with case approval, rejection and withdrawal, plus the
store's rules on time going forward.

Each operation returns the expected outcome:
  ("error", code, field)  a request error;
  ("deny", [codes])       violations (compared as a multiset);
  ("ok", result)          allowed; `result` is the whole result the engine must answer (compared for
                          equality: every member, the numbers the store hands out included);
and applies its effects to the model only when allowed.

Numbers the store hands out are predicted, never read back from the engine (the engine's rule:
src/state/world.cpp `World::new_id` and the store's `sequences` table): per kind — accounts `A`, cases
`C` — the next number is one more than the last one handed out by a command that committed (a denied or
refused command hands out nothing), six digits after the prefix. Ledger entries are numbered in the order
they are written, one sequence for the whole store (the `entry_id` of `hpf.account.statement`); an
interest entry or a withdrawal of zero is not written.
"""
import datetime as dt
from fractions import Fraction

# ---------------------------------------------------------------- policy figures
# national.toml `banks` (what required_bank names): code → (zh, en).
BANKS = {
    "ICBC": ("工商银行", "Industrial and Commercial Bank of China"),
    "ABC": ("农业银行", "Agricultural Bank of China"),
    "BOC": ("中国银行", "Bank of China"),
    "CCB": ("建设银行", "China Construction Bank"),
    "BOCOM": ("交通银行", "Bank of Communications"),
    "PSBC": ("邮储银行", "Postal Savings Bank of China"),
    "CMB": ("招商银行", "China Merchants Bank"),
    "CITIC": ("中信银行", "China CITIC Bank"),
}
KNOWN_BANKS = set(BANKS)
# kaifeng.toml hpf.seal.reasons / hpf.unseal.reasons: code → (zh, en).
REASONS = {
    "seal": {"left_job": ("离职（解除或终止劳动关系）", "Left the job (employment ended)"),
             "retired": ("退休", "Retired"),
             "transfer_out": ("调出本市", "Moved out of the city"),
             "other": ("其他", "Other")},
    "unseal": {"reemployed": ("重新就业恢复缴存", "Re-employed, deposits resume"),
               "reinstated": ("复职", "Reinstated"),
               "other": ("其他", "Other")},
}
TAIYUAN = {
    "window": (1, 25, 8 * 3600, 17 * 3600),  # days 1–25, 08:00 to before 17:00 (002 三.1 注)
    "adjust_months": [7], "adjust_per_year": 1,  # 000 四; 002 三.6
    "flex_min": 20000, "flex_max": 500000,       # 200.00 – 5,000.00 (illustrative)
    "type1": True,                               # 000 一 注意
    "commitment": "本人自愿申请封存住房公积金个人账户，已知悉封存期间不能缴存，承诺所提供信息真实有效。",
}
KAIFENG = {
    "window": None, "type1": False,
    "base_floor": 200000, "base_cap": 2500000,   # 2024-07 … 2026-06 (illustrative)
    "seal_reasons": set(REASONS["seal"]),
    "unseal_reasons": set(REASONS["unseal"]),
    "reviewed": {"hpf.unit.open_accounts", "hpf.unit.seal", "hpf.unit.unseal"},
}
INTEREST_RATE = Fraction(15, 1000)  # 1.50 % a year (银发〔2016〕43号), monthly method
SPACES = " \t\n\r\v\f\u3000\u00a0"


def month_of(d):
    return d.year * 12 + d.month - 1


def month_text(m):
    return "%04d-%02d" % (m // 12, m % 12 + 1)


def fen_text(f):
    sign = "-" if f < 0 else ""
    f = abs(f)
    return "%s%d.%02d" % (sign, f // 100, f % 100)


def round_half_up(x):
    """Fraction → int, half away from zero."""
    n = abs(x)
    q = int(n)
    if n - q >= Fraction(1, 2):
        q += 1
    return q if x >= 0 else -q


def interest_year(d):
    """The interest year (ending 30 June of it) that day d belongs to."""
    return d.year if d.month <= 6 else d.year + 1


def retirement_month(birth, male):
    """Statutory retirement month (arithmetic.md §3.5): M60 for men; women without a category use
    hpf.flex.female_category, F55 under Taiyuan."""
    orig, step, cap = (60, 4, 36)
    if not male:
        orig = 55
    r0 = month_of(birth) + orig * 12
    k = r0 - (2025 * 12)  # months after 2025-01
    delay = 0 if k < 0 else min(cap, k // step + 1)
    return r0 + delay


def id_birth(n):
    return dt.date(int(n[6:10]), int(n[10:12]), int(n[12:14]))


def past_retirement(id_number, t):
    """The as_of month is at or after the depositor's statutory retirement month (depositing cannot start or
    restart: HPF_PAST_RETIREMENT)."""
    return month_of(t) >= retirement_month(id_birth(id_number), int(id_number[16]) % 2 == 1)


def completed_years(birth, on):
    years = on.year - birth.year
    if (on.month, on.day) < (birth.month, birth.day):
        years -= 1
    return years


def valid_id(n):
    w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    if len(n) != 18 or not n[:17].isdigit():
        return False
    return "10X98765432"[sum(int(c) * x for c, x in zip(n, w)) % 11] == n[17].upper()


def luhn(s):
    if not s.isdigit() or not 16 <= len(s) <= 19:
        return False
    total = 0
    for i, c in enumerate(reversed(s)):
        v = int(c)
        if i % 2 == 1:
            v = v * 2 - 9 if v * 2 > 9 else v * 2
        total += v
    return total % 10 == 0


def phone_ok(p):
    return len(p) == 11 and p.isdigit() and p[0] == "1" and p[1] in "3456789"


class Unit:
    def __init__(self, code, kind, profile, bank):
        self.code, self.kind, self.profile, self.bank = code, kind, profile, bank

    @property
    def pol(self):
        return TAIYUAN if self.profile == "taiyuan" else KAIFENG


class Account:
    def __init__(self, no, unit, id_number, name, opened, deposit, base=None):
        self.no, self.unit, self.id_number, self.name = no, unit, id_number, name
        self.status = "normal"
        self.opened_on = opened
        self.deposits = [(month_of(opened), deposit)]  # (from month, monthly deposit in fen), ascending
        self.payable_from = month_of(opened)
        self.paid = {}            # month → amount
        self.contract = None      # bank code of the signed card
        self.adjust_year, self.adjust_count = None, 0
        self.balance = 0
        self.ledger = []          # (date, amount): every movement, for interest
        self.entries = []         # the statement: {entry_id, kind, month, date, amount}, in the order written
        self.settled_through = None
        self.sealed_on = None
        self.phone = None
        self.base = base
        self.last_applied = None  # as_of of the last request that changed it (protocol.md §5)
        self.owed_through = None  # last month of the last stint that ended (docs/history.md)

    def end_stint(self, m):
        """Sealed in month m: the stint ends with m − 1, or with m when m is already paid."""
        self.owed_through = m if m in self.paid else m - 1

    def begin_stint(self, m):
        """Normal again in month m: payable from m, or from the month after the last stint's end."""
        start = m if self.owed_through is None else max(m, self.owed_through + 1)
        self.payable_from = start
        return start

    def deposit_for(self, m):
        amount = None
        for frm, a in self.deposits:
            if frm <= m:
                amount = a
        return amount

    def set_deposit(self, m, amount):
        self.deposits = [d for d in self.deposits if d[0] < m] + [(m, amount)]


class Case:
    def __init__(self, case_id, op, args, submitted):
        self.case_id, self.op, self.args, self.submitted = case_id, op, args, submitted
        self.status = "submitted"


class Model:
    def __init__(self):
        self.units = {}
        self.accounts = {}
        self.cases = {}
        self.issued = {"A": 0, "C": 0}  # the last number handed out per prefix (accounts, cases)
        self.entries = 0                # ledger entries written so far (the store's entry_id)

    def new_id(self, prefix):
        """The next number the store hands out: prefix and six digits."""
        self.issued[prefix] += 1
        return "%s%06d" % (prefix, self.issued[prefix])

    def post(self, acc, day, amount, kind, month=None):
        """A ledger entry: it moves the balance, pays its month (regular, back_pay) and is the next entry of the
        store's ledger; an interest or withdrawal entry of zero is not written."""
        acc.ledger.append((day, amount))
        acc.balance += amount
        if month is not None:
            acc.paid[month] = amount
        if amount == 0 and kind in ("interest", "withdrawal"):
            return
        self.entries += 1
        acc.entries.append({"entry_id": self.entries, "kind": kind, "month": month_text(month) if month is not None
                            else None, "date": day.isoformat(), "amount": fen_text(amount)})

    # ------------------------------------------------------------ helpers
    def centre_accounts(self, id_number, profile):
        return [a for a in self.accounts.values()
                if a.id_number == id_number and a.status != "closed" and self.units[a.unit].profile == profile]

    def late(self, t, acc):
        return acc is not None and acc.last_applied is not None and t < acc.last_applied

    @staticmethod
    def in_window(pol, t):
        w = pol["window"]
        if w is None:
            return True
        s = t.hour * 3600 + t.minute * 60 + t.second
        return w[0] <= t.day <= w[1] and w[2] <= s < w[3]

    @staticmethod
    def adjust_open(pol, acc, t):
        months_ok = t.month in pol.get("adjust_months", range(1, 13))
        done = acc.adjust_count if acc.adjust_year == t.year else 0
        under = pol.get("adjust_per_year", 0) == 0 or done < pol["adjust_per_year"]
        return months_ok, under

    def account_or_error(self, no):
        acc = self.accounts.get(no)
        if acc is None:
            return None, ("error", "REQ_NOT_FOUND", "args.account_no")
        return acc, None

    # ------------------------------------------------------------ interest (arithmetic.md §3.4, monthly method)
    def year_interest(self, acc, year, stop_month=None):
        """Interest of interest year `year` (ending 30 June): Σ rate/12 × balance at the start of each month,
        months July … June, or July … stop_month − 1; a movement dated in month m counts from m + 1."""
        first = (year - 1) * 12 + 6  # July of year − 1
        last = year * 12 + 5         # June of year
        if stop_month is not None:
            last = min(last, stop_month - 1)
        total = Fraction(0)
        for m in range(first, last + 1):
            bal = sum(a for d, a in acc.ledger if month_of(d) < m)
            total += INTEREST_RATE / 12 * bal
        return round_half_up(total)

    def exit_interest(self, acc, day):
        """Every unsettled interest year since the account opened, in order — the earlier ones whole, each
        credited on its 30 June (so that it counts for the years after it) —, then the current year up to `day`,
        credited on `day`. → [(year, partial, interest)]."""
        current = interest_year(day)
        start = interest_year(min([acc.opened_on] + [d for d, _ in acc.ledger]))
        if acc.settled_through is not None:
            start = max(start, acc.settled_through + 1)
        years = []
        for y in range(start, current):
            i = self.year_interest(acc, y)
            self.post(acc, dt.date(y, 6, 30), i, "interest")
            acc.settled_through = y  # the last whole year settled (the part of the current one is not)
            years.append((y, False, i))
        part = self.year_interest(acc, current, stop_month=month_of(day))
        self.post(acc, day, part, "interest")
        years.append((current, True, part))
        return years

    # ------------------------------------------------------------ flexible (rules.md §2)
    def flex_open(self, t, unit_code, name, id_number, deposit, account_no, phone):
        unit = self.units.get(unit_code)
        if unit is None:
            return ("error", "REQ_NOT_FOUND", "args.unit_code")
        if account_no in self.accounts:
            return ("error", "REQ_BAD_VALUE", "args.account_no")
        v = []
        ok_id = valid_id(id_number)
        if not ok_id:
            v.append("ID_CHECKSUM")
        if not name.strip(SPACES):
            v.append("NAME_REQUIRED")
        if ok_id and self.centre_accounts(id_number, unit.profile):
            v.append("HPF_ACCOUNT_EXISTS")
        if unit.kind != "flexible":
            v.append("HPF_UNIT_NOT_FLEXIBLE")
        if ok_id:
            # Age (rules.md §2): at least 16 completed years, and the as_of month before the statutory
            # retirement month.
            birth = id_birth(id_number)
            male = int(id_number[16]) % 2 == 1
            if completed_years(birth, t.date()) < 16 or month_of(t) >= retirement_month(birth, male):
                v.append("HPF_FLEX_AGE")
        pol = unit.pol
        if not pol["flex_min"] <= deposit <= pol["flex_max"]:
            v.append("HPF_DEPOSIT_OUT_OF_RANGE")
        if phone is not None and not phone_ok(phone):
            v.append("PHONE_INVALID")
        if v:
            return ("deny", v)
        acc = Account(account_no, unit_code, id_number, name.strip(SPACES), t.date(), deposit)
        acc.phone = phone
        acc.last_applied = t
        self.accounts[account_no] = acc
        return ("ok", {"account_no": account_no, "payable_from": month_text(month_of(t)),
                       "monthly_deposit": fen_text(deposit)})

    def common(self, acc, v, need_flexible=True):
        unit = self.units[acc.unit]
        if need_flexible and unit.kind != "flexible":
            v.append("HPF_UNIT_NOT_FLEXIBLE")
        return unit

    def flex_sign(self, t, no, account_name, card_no, bank, card_class):
        acc, err = self.account_or_error(no)
        if err:
            return err
        if self.late(t, acc):
            return ("error", "REQ_BAD_VALUE", "as_of")
        if acc.status == "closed":
            return ("deny", ["HPF_ACCOUNT_CLOSED"])
        v = []
        unit = self.common(acc, v)
        if acc.status != "normal":
            v.append("HPF_NOT_NORMAL")
        if account_name.strip(SPACES) != acc.name:
            v.append("HPF_SIGN_NAME_MISMATCH")
        if not luhn(card_no):
            v.append("CARD_INVALID")
        if bank not in KNOWN_BANKS:
            v.append("BANK_UNKNOWN")
        elif bank != unit.bank:
            v.append("HPF_SIGN_BANK_MISMATCH")
        if unit.pol["type1"] and card_class != 1:
            v.append("HPF_SIGN_CARD_CLASS")
        if v:
            return ("deny", v)
        acc.contract = bank
        acc.last_applied = t
        return ("ok", {"card_masked": card_no[:4] + " **** **** " + card_no[-4:]})  # arithmetic.md §4

    def flex_remit(self, t, no):
        acc, err = self.account_or_error(no)
        if err:
            return err
        if self.late(t, acc):
            return ("error", "REQ_BAD_VALUE", "as_of")
        if acc.status == "closed":
            return ("deny", ["HPF_ACCOUNT_CLOSED"])
        v = []
        unit = self.units[acc.unit]
        if not self.in_window(unit.pol, t):
            v.append("HPF_OUTSIDE_PAYMENT_WINDOW")
        self.common(acc, v)
        if acc.status != "normal":
            v.append("HPF_NOT_NORMAL")
        if acc.contract is None:
            v.append("HPF_NOT_SIGNED")
        m = month_of(t)
        if m in acc.paid:
            v.append("HPF_MONTH_ALREADY_PAID")
        if v:
            return ("deny", v)
        amount = acc.deposit_for(m)
        self.post(acc, t.date(), amount, "regular", m)
        acc.last_applied = t
        return ("ok", {"month": month_text(m), "amount": fen_text(amount), "balance": fen_text(acc.balance)})

    def flex_back_pay(self, t, no, end):
        acc, err = self.account_or_error(no)
        if err:
            return err
        if self.late(t, acc):
            return ("error", "REQ_BAD_VALUE", "as_of")
        if acc.status == "closed":
            return ("deny", ["HPF_ACCOUNT_CLOSED"])
        v = []
        unit = self.units[acc.unit]
        if not self.in_window(unit.pol, t):
            v.append("HPF_OUTSIDE_PAYMENT_WINDOW")
        self.common(acc, v)
        normal = acc.status == "normal"
        if not normal:
            v.append("HPF_NOT_NORMAL")
        if acc.contract is None:
            v.append("HPF_NOT_SIGNED")
        months = []
        if normal:
            now = month_of(t)
            if not end < now:
                v.append("HPF_BACK_PAY_FUTURE_MONTH")
            if end < acc.payable_from:
                v.append("HPF_BACK_PAY_BEFORE_START")
            if end < now and end >= acc.payable_from:
                months = [m for m in range(acc.payable_from, end + 1) if m not in acc.paid]
                if not months:
                    v.append("HPF_NOTHING_TO_BACK_PAY")
        if v:
            return ("deny", v)
        total = 0
        rows = []
        for m in months:
            a = acc.deposit_for(m)
            self.post(acc, t.date(), a, "back_pay", m)
            total += a
            rows.append({"month": month_text(m), "amount": fen_text(a)})
        acc.last_applied = t
        return ("ok", {"months": rows, "total": fen_text(total)})

    def flex_adjust(self, t, no, amount):
        acc, err = self.account_or_error(no)
        if err:
            return err
        if self.late(t, acc):
            return ("error", "REQ_BAD_VALUE", "as_of")
        if acc.status == "closed":
            return ("deny", ["HPF_ACCOUNT_CLOSED"])
        v = []
        unit = self.common(acc, [])
        self.common(acc, v)
        if acc.status != "normal":
            v.append("HPF_NOT_NORMAL")
        months_ok, under = self.adjust_open(unit.pol, acc, t)
        if not months_ok:
            v.append("HPF_ADJUST_OUTSIDE_WINDOW")
        if not under:
            v.append("HPF_ADJUST_ALREADY_DONE")
        if not unit.pol["flex_min"] <= amount <= unit.pol["flex_max"]:
            v.append("HPF_DEPOSIT_OUT_OF_RANGE")
        # 002 三.6: an adjustment to the amount already in force would use up the year's change for nothing.
        if acc.deposit_for(month_of(t)) == amount:
            v.append("HPF_ADJUST_NO_CHANGE")
        if v:
            return ("deny", v)
        acc.set_deposit(month_of(t), amount)
        acc.adjust_count = acc.adjust_count + 1 if acc.adjust_year == t.year else 1
        acc.adjust_year = t.year
        acc.last_applied = t
        return ("ok", {"monthly_deposit": fen_text(amount), "from_month": month_text(month_of(t))})

    def seal(self, t, no, commitment, agreed):
        acc, err = self.account_or_error(no)
        if err:
            return err
        if self.late(t, acc):
            return ("error", "REQ_BAD_VALUE", "as_of")
        if acc.status == "closed":
            return ("deny", ["HPF_ACCOUNT_CLOSED"])
        v = []
        unit = self.common(acc, v)
        if acc.status != "normal":
            v.append("HPF_NOT_NORMAL")
        if commitment.strip(SPACES) != unit.pol["commitment"]:
            v.append("HPF_SEAL_COMMITMENT_MISMATCH")
        if not agreed:
            v.append("HPF_SEAL_NOT_AGREED")
        if v:
            return ("deny", v)
        acc.status, acc.sealed_on = "sealed", t.date()
        acc.end_stint(month_of(t))
        acc.last_applied = t
        return ("ok", {"sealed_on": t.date().isoformat()})

    def unseal(self, t, no, amount):
        acc, err = self.account_or_error(no)
        if err:
            return err
        if self.late(t, acc):
            return ("error", "REQ_BAD_VALUE", "as_of")
        if acc.status == "closed":
            return ("deny", ["HPF_ACCOUNT_CLOSED"])
        v = []
        unit = self.common(acc, v)
        pol = unit.pol
        if acc.status != "sealed":
            v.append("HPF_NOT_SEALED")
        if past_retirement(acc.id_number, t):
            v.append("HPF_PAST_RETIREMENT")
        last = acc.deposits[-1][1] if acc.deposits else None
        default_ok = last is not None and pol["flex_min"] <= last <= pol["flex_max"]
        months_ok, under = self.adjust_open(pol, acc, t)
        # 000 一 注: the amount field is editable when an amount must be given, or while adjustment is open.
        result = {"deposit_editable": not default_ok or (months_ok and under)}
        if default_ok:
            result["default_monthly_deposit"] = fen_text(last)
        chosen, is_adjustment = last, False
        if not default_ok:
            if amount is None:
                v.append("HPF_DEPOSIT_REQUIRED")
            elif not pol["flex_min"] <= amount <= pol["flex_max"]:
                v.append("HPF_DEPOSIT_OUT_OF_RANGE")
            else:
                chosen = amount
        elif amount is not None and amount != last:
            if not (months_ok and under):
                v.append("HPF_DEPOSIT_NOT_ADJUSTABLE")
            elif not pol["flex_min"] <= amount <= pol["flex_max"]:
                v.append("HPF_DEPOSIT_OUT_OF_RANGE")
            else:
                chosen, is_adjustment = amount, True
        if v:
            return ("deny", v)
        acc.status, acc.sealed_on = "normal", None
        start = acc.begin_stint(month_of(t))
        if acc.deposit_for(start) != chosen or acc.deposits[-1][0] > start:
            acc.set_deposit(start, chosen)
        if is_adjustment:
            acc.adjust_count = acc.adjust_count + 1 if acc.adjust_year == t.year else 1
            acc.adjust_year = t.year
        acc.last_applied = t
        return ("ok", dict(result, monthly_deposit=fen_text(chosen), payable_from=month_text(start)))

    def transfer_in(self, t, no, to_unit):
        acc, err = self.account_or_error(no)
        if err:
            return err
        if self.late(t, acc):
            return ("error", "REQ_BAD_VALUE", "as_of")
        if acc.status == "closed":
            return ("deny", ["HPF_ACCOUNT_CLOSED"])
        v = []
        if acc.status != "sealed":
            v.append("HPF_TRANSFER_NOT_SEALED")
        target = self.units.get(to_unit)
        if target is None:
            v.append("HPF_UNIT_UNKNOWN")
        else:
            if target.kind != "flexible":
                v.append("HPF_UNIT_NOT_FLEXIBLE")
            if target.code == acc.unit:
                v.append("HPF_TRANSFER_SAME_UNIT")
        if past_retirement(acc.id_number, t):  # a transfer in is the first step to deposit again
            v.append("HPF_PAST_RETIREMENT")
        if v:
            return ("deny", v)
        acc.unit, acc.contract, acc.base = to_unit, None, None
        acc.last_applied = t
        zh, en = BANKS[target.bank]
        return ("ok", {"status": acc.status, "next_steps": ["hpf.unseal", "hpf.flex.sign"],
                       "required_bank": {"code": target.bank, "zh": zh, "en": en}})

    def change_phone(self, t, no, phone):
        acc, err = self.account_or_error(no)
        if err:
            return err
        if self.late(t, acc):
            return ("error", "REQ_BAD_VALUE", "as_of")
        if acc.status == "closed":
            return ("deny", ["HPF_ACCOUNT_CLOSED"])
        if not phone_ok(phone):
            return ("deny", ["PHONE_INVALID"])
        acc.phone = phone
        acc.last_applied = t
        return ("ok", {"phone_masked": phone[:3] + "****" + phone[7:]})

    def exit(self, t, no, loan):
        acc, err = self.account_or_error(no)
        if err:
            return err
        if self.late(t, acc):
            return ("error", "REQ_BAD_VALUE", "as_of")
        if acc.status == "closed":
            return ("deny", ["HPF_ACCOUNT_CLOSED"])
        v = []
        self.common(acc, v)
        if acc.status != "sealed":
            v.append("HPF_EXIT_NOT_SEALED")
        if loan:
            v.append("HPF_EXIT_HAS_LOAN")
        if v:
            return ("deny", v)
        return ("ok", self.pay_out(acc, t))

    def pay_out(self, acc, t):
        """Interest to the day, the whole balance out as a withdrawal, the account closed (the flexible exit and
        every withdrawal): → interest, payout, balance before and the years credited."""
        day = t.date()
        before = acc.balance
        years = self.exit_interest(acc, day)
        payout = acc.balance
        self.post(acc, day, -payout, "withdrawal")
        acc.status = "closed"
        acc.last_applied = t
        return {"interest": fen_text(sum(i for _, _, i in years)), "payout": fen_text(payout),
                "balance": fen_text(before),
                "years": [{"year": y, "partial": partial, "method": "monthly", "interest": fen_text(i)}
                          for y, partial, i in years]}

    # ------------------------------------------------------------ employer, reviewed (rules.md §3, §6)
    def unit_open_accounts(self, t, unit_code, name, id_number, base):
        unit = self.units.get(unit_code)
        if unit is None:
            return ("error", "REQ_NOT_FOUND", "args.unit_code")
        v = self.open_accounts_rules(t, unit, name, id_number, base)
        if v:
            return ("deny", v)
        case_id = self.new_id("C")
        self.cases[case_id] = Case(case_id, "hpf.unit.open_accounts",
                                   {"unit_code": unit_code, "name": name, "id_number": id_number, "base": base}, t)
        return ("ok", {"case_id": case_id, "status": "submitted"})

    def open_accounts_rules(self, t, unit, name, id_number, base):
        v = []
        if unit.kind != "employer":
            v.append("HPF_UNIT_NOT_EMPLOYER")
        ok_id = valid_id(id_number)
        if not ok_id:
            v.append("ID_CHECKSUM")
        if not name.strip(SPACES):
            v.append("NAME_REQUIRED")
        if ok_id and self.centre_accounts(id_number, unit.profile):
            v.append("HPF_ACCOUNT_EXISTS")
        if ok_id and past_retirement(id_number, t):
            v.append("HPF_PAST_RETIREMENT")
        if not KAIFENG["base_floor"] <= base <= KAIFENG["base_cap"]:
            v.append("HPF_BASE_OUT_OF_RANGE")
        return v

    def seal_rules(self, t, unit, acc, reason, sealing):
        if acc.status == "closed":
            return ["HPF_ACCOUNT_CLOSED"]  # rules.md §1: a closed account yields only this
        v = []
        if acc.unit != unit.code:
            v.append("HPF_ACCOUNT_NOT_IN_UNIT")
        if sealing and acc.status != "normal":
            v.append("HPF_NOT_NORMAL")
        if not sealing and acc.status != "sealed":
            v.append("HPF_NOT_SEALED")
        if not sealing and past_retirement(acc.id_number, t):
            v.append("HPF_PAST_RETIREMENT")
        if reason not in (KAIFENG["seal_reasons"] if sealing else KAIFENG["unseal_reasons"]):
            v.append("HPF_REASON_UNKNOWN")
        return v

    def unit_seal(self, t, unit_code, no, reason, sealing):
        unit = self.units.get(unit_code)
        if unit is None:
            return ("error", "REQ_NOT_FOUND", "args.unit_code")
        acc, err = self.account_or_error(no)
        if err:
            return err
        v = self.seal_rules(t, unit, acc, reason, sealing)
        if v:
            return ("deny", v)
        op = "hpf.unit.seal" if sealing else "hpf.unit.unseal"
        case_id = self.new_id("C")
        self.cases[case_id] = Case(case_id, op, {"unit_code": unit_code, "account_no": no, "reason": reason}, t)
        return ("ok", {"case_id": case_id, "status": "submitted"})

    def case_approve(self, t, case_id):
        """The approved operation's whole result under "result": an account opened gets the next account
        number."""
        c = self.cases.get(case_id)
        if c is None:
            return ("error", "REQ_NOT_FOUND", "args.case_id")
        if c.status != "submitted":
            return ("deny", ["CASE_WRONG_STATE"])
        unit = self.units[c.args["unit_code"]]
        if c.op == "hpf.unit.open_accounts":
            v = self.open_accounts_rules(t, unit, c.args["name"], c.args["id_number"], c.args["base"])
        else:
            v = self.seal_rules(t, unit, self.accounts[c.args["account_no"]], c.args["reason"], c.op == "hpf.unit.seal")
        if v:
            return ("deny", ["CASE_STALE"] + v)
        c.status = "approved"
        done = {"case_id": case_id, "status": "approved"}
        if c.op == "hpf.unit.open_accounts":
            base = c.args["base"]
            part = round_half_up(Fraction(base) * Fraction(10, 100) / 100) * 100  # half_up to yuan, 10 %
            no = self.new_id("A")
            acc = Account(no, unit.code, c.args["id_number"], c.args["name"].strip(SPACES), t.date(),
                          2 * part, base=base)
            acc.last_applied = t
            self.accounts[no] = acc
            return ("ok", dict(done, result={"rows": [{"row": 0, "account_no": no, "employer_part": fen_text(part),
                                                       "employee_part": fen_text(part),
                                                       "monthly_deposit": fen_text(2 * part)}]}))
        acc = self.accounts[c.args["account_no"]]
        reason = c.args["reason"]
        if c.op == "hpf.unit.seal":
            acc.status, acc.sealed_on = "sealed", t.date()
            acc.end_stint(month_of(t))
            zh, en = REASONS["seal"][reason]
            effect = {"status": "sealed"}
        else:
            acc.status, acc.sealed_on = "normal", None
            start = acc.begin_stint(month_of(t))
            zh, en = REASONS["unseal"][reason]
            effect = {"status": "normal", "payable_from": month_text(start)}
        acc.last_applied = t
        effect["reason"] = {"code": reason, "zh": zh, "en": en}
        return ("ok", dict(done, result=effect))

    def case_reject(self, t, case_id):
        c = self.cases.get(case_id)
        if c is None:
            return ("error", "REQ_NOT_FOUND", "args.case_id")
        if c.status != "submitted":
            return ("deny", ["CASE_WRONG_STATE"])
        c.status = "rejected"
        return ("ok", {"case_id": case_id, "status": "rejected"})

    def case_withdraw(self, t, case_id):
        c = self.cases.get(case_id)
        if c is None:
            return ("error", "REQ_NOT_FOUND", "args.case_id")
        if c.status not in ("draft", "submitted", "rejected"):
            return ("deny", ["CASE_WRONG_STATE"])
        c.status = "withdrawn"
        return ("ok", {"case_id": case_id, "status": "withdrawn"})
