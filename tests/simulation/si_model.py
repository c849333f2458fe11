"""An independent reference model of social insurance (SI) and the pension claim, for si_simulate.py (issue 12).

Written from the specification (rules.md §4–6, arithmetic.md §3.2–3.3, protocol.md §5), the seeds (004: the
Handan declaration hall and its guides; 001 7.1: the pension claim) and issue 12 — not from the engine's code: it
shares no code with the engine and keeps every amount in integer fen (exact fractions where a rate applies).

The core is one table per person: for every insurance type and month, where the month is charged (计征) — a unit
code, or "" for a flexible worker (灵活就业) — and in what state: `declared` (a back-pay month recorded, not yet on a
bill), `billed` (on an open bill or open flexible verification) or `paid`. Issue 12: a person-month-type is charged
at one place only.

Scope: Handan (handan.toml; its si_wage coverage is 2024-01-01 … 2025-12-31, so every date stays in those two
years), or Xi'an (xian.toml: national rules, nothing reviewed, 2025 only; use_profile() switches the figures); units
of kind `enterprise`; enrollments (new registration, new enrollment, continuation, added types, transfers between
units), stops one by one and in batches (back-dated ones included), yearly wage declarations, back-pay (核定基数补缴),
settlements (with and without changes), payments with late fees to the paid date, flexible verifications and their
rollback, and pension claims; either value of si.transfer_month_owner. Handan reviews si.enroll, si.stop,
si.stop_batch, si.declare_wage and si.back_pay (review.ops): they become cases and take effect on case.approve,
where rules about state are evaluated again on the state at approval and rules about time at the submission's as_of
(rules.md §6) — the model simply runs the same check with the submission's as_of on the state it has at approval.

Each operation returns the expected outcome:
  ("error", code, field)  a request error;
  ("deny", [codes])       violations (compared as a multiset);
  ("ok", result)          allowed; `result` is the whole result the engine must answer (lists of objects compared
                          as multisets), except for pension.claim, whose pension arithmetic (statutory age, earliest
                          month, overlaps) is the pension model's and not this one's: there the months counted, the
                          retirement month and what this model knows are compared;
and changes the model only when allowed (reviewed operations: on approval).

Numbers the store hands out are predicted, never read back from the engine (the engine's rule: src/state/world.cpp
`World::new_id` and the store's `sequences` table): per kind — cases `C`, settlement bills `B`, flexible
verifications `V` — one more than the last handed out by a command that committed, six digits after the prefix; a
denied or refused command hands out nothing, a case filed or saved as a draft takes a case number, a settlement a bill
number (even with nothing on it), a verification its own.

Decisions (where the spec, the seeds and the issue leave a choice, the model takes one and says so here; a
difference with the engine on one of them is reported, not silently adopted):

  D1 Enrollment cover: an enrollment [from, to] (to = the stop date, inclusive; open when null) covers month M when
     from ≤ last day of M and (to is null or to ≥ day 1 of M) — rules.md §4 "Billing".
  D2 Owner of a month covered at two units for one type (the month of a move between units, or a stop and a new
     enrollment elsewhere in the same month, or a back-dated enrollment over months another unit covered):
     si.transfer_month_owner = "new" (national.toml): the unit whose cover of that month ends last owes it — the
     unit the person is at when the month ends —, and between covers that both reach the month's end (two stints
     insuring the same month: a back-dated enrollment over another unit's closed stint) the one whose enrollment
     lasts longer (open last): the unit the person stays at; "old": the one whose cover starts first, and between
     covers that both start on day 1 the enrollment that began first (the unit the person was at). Then the
     lower unit code. (A first version broke the "new" tie by the later start date, which names the unit the
     person left when the stint made later was dated earlier; "the unit the person stays at" is what "new" means,
     and the engine agrees.)
  D2b Owed once, not never: a covering unit that can no longer charge the month — its settlement period is past
     it and it has no record of it (e.g. it settled the month before the enrollment that covers it was recorded,
     or skipped it as the other unit's) — is passed over while another covering unit can; the unit asking (its
     settlement, back-pay or enrollment back-pay months) always can. (Taken when the engine's work in progress
     showed the same rule: without it the model let such a month be owed by a unit that could never bill it.)
  D3 Charged once (issue 12): a month already charged somewhere — declared, billed or paid at a unit, or on a
     standing (open or paid) flexible verification — is not charged again anywhere. Settlement skips it, the
     back-pay months of an enrollment skip it, si.back_pay refuses it (SI_MONTH_CHARGED_ELSEWHERE), a transfer
     month owed by the other unit is refused by si.back_pay (SI_TRANSFER_MONTH_OTHER_UNIT) and skipped elsewhere.
     A declared month at a unit that another place bills first is dropped at the unit's settlement (first to bill
     wins).
  D4 Arrears (应缴未缴) of a person at unit U on day D: (a) every unpaid record at U (declared or billed) whose due
     date (day 25 of the month, Handan) is before D — seed story handan_stop_settle_pay: declared back-pay months
     are arrears; (b) every month from U's settlement period on that U owes (D1–D3) and has not recorded, due
     before D. Months before the settlement period without a record (an enrollment with back-pay "no") were never
     billed and are not arrears.
  D5 Stop (si.stop, the stop part of a transfer, and a retirement): refused when a month after the stop's month is
     billed or paid at the unit for a stopped type (SI_STOP_INTO_BILLED_MONTHS, one violation per run of months per
     type: 004 §2.1.2 "停保时间不能早于上次变更时间"; issue 12); declared (unbilled) records after the stop's month
     are dropped. Last change date at a unit = the latest of its enrollment dates and stop dates.
  D6 Classification (rules.md §4), first that applies: new_registration (unknown person); transfer (active at
     another unit for a requested type); add_type (active here for another type); continuation (insured before,
     anywhere, for a requested type); new_enrollment.
  D7 A transfer stops, at each old unit, the requested types active there, on the day before the enrollment; its
     stop checks (D5, last change, arrears, date) are reported as violations of the enrollment.
  D8 Flexible verification covers pension only; a month is refused when the person has a pension enrollment at a
     unit covering it or a pension record at a unit (SI_FLEX_MONTH_EMPLOYED, one violation per unit per run of
     months); months already on a standing verification are SI_FLEX_ALREADY_VERIFIED (one per run); base limits
     are checked for months up to the as_of month, one SI_BASE_OUT_OF_RANGE per run of months with the same
     limits. No late fee on flexible payments. A paid verification's months are pension charges of no unit ("").
  D9 Pension claim (001 7.1; Handan does not review it, so it applies at once): counted months = paid pension
     months (any unit or flexible) ∪ added months; an approved claim retires the person from the retirement month:
     pension enrollments end on the day before it (a stop, D5, so billed or paid pension months from the
     retirement month on refuse the claim with SI_STOP_INTO_BILLED_MONTHS, flexible ones too); no pension is
     enrolled (SI_RETIRED), billed or verified (SI_RETIRED) from that month on; other types are not affected
     ("pension enrollments end"). A second claim: PENSION_ALREADY_RETIRED. A pension enrollment that starts after
     the day before the retirement month is removed (it covers no day before the retirement).
  D10 si.enroll of a known person with another name or work start date: SI_KEY_DATA_MISMATCH (one per field).
  D11 A no_change settlement is refused while changes were applied since the last settlement or a change case of
     the unit awaits review (a pending change is a change).
  D12 si.stop_batch: each row as si.stop (the types active at the unit), one row per person (the later row is
     BATCH_DUPLICATE), dates exactly yyyymmdd (BATCH_BAD_DATE), all or nothing, one change for the batch.
     si.declare_wage: see declare_wage_apply.
  D13 The base of a month that two records of one unit cover for one type (two stints at the unit in the month, or
     a wage declaration's split): the record that starts last; of two that start the same day (a one-day stint
     stopped, and a case approved later that enrolls again from that day), the one that ends last — the record in
     force at the month's end. (The model took the first of the two until the whole-result comparison of
     settlements found the engine taking the open one, issue 14; the rule had been left to the order of a list.)
"""
import datetime as dt
from fractions import Fraction

TYPES = ["pension", "medical", "unemployment", "injury", "maternity"]
# Handan inherits the national rates (national.toml, from 2019-05-01): employer / employee.
RATES = {
    "pension": (Fraction(16, 100), Fraction(8, 100)),
    "medical": (Fraction(6, 100), Fraction(2, 100)),
    "unemployment": (Fraction(5, 1000), Fraction(5, 1000)),
    "injury": (Fraction(2, 1000), Fraction(0)),
    "maternity": (Fraction(8, 1000), Fraction(0)),
}
AVG_WAGE = {2024: 600000, 2025: 630000}  # fen; handan.toml si.avg_wage (illustrative figures)
DUE_DAY = 25                              # handan.toml si.due_day, offset 0
DUE_OFFSET = 0
LATE_RATE = Fraction(5, 10000)            # 0.05 % a day (SI Law Art. 86)
FLEX_RATE, FLEX_PERSONAL = Fraction(20, 100), Fraction(8, 100)
STOP_REASONS = {"stop_contribution", "resignation", "death"}
REVIEWED = {"si.enroll", "si.stop", "si.stop_batch", "si.back_pay", "si.declare_wage",
            "si.person.change"}  # handan.toml review.ops
FIRST_MONTH = 2024 * 12                   # the first month with an average wage

# The profiles the simulation runs under: Handan as above; Xi'an (xian.toml) extends the national profile with the
# 2025 average wage only: no review, month M due on the 15th of M + 1, one stop reason (national.toml).
PROFILES = {
    "handan": dict(AVG_WAGE={2024: 600000, 2025: 630000}, DUE_DAY=25, DUE_OFFSET=0,
                   STOP_REASONS={"stop_contribution", "resignation", "death"},
                   REVIEWED={"si.enroll", "si.stop", "si.stop_batch", "si.back_pay", "si.declare_wage",
                             "si.person.change"},
                   FIRST_MONTH=2024 * 12),
    "xian": dict(AVG_WAGE={2025: 831592}, DUE_DAY=15, DUE_OFFSET=1, STOP_REASONS={"stop_contribution"},
                 REVIEWED=set(), FIRST_MONTH=2025 * 12),
}


def use_profile(name):
    """Sets the module's figures to those of a profile (one simulation at a time)."""
    globals().update(PROFILES[name])
OWNER = "new"                             # si.transfer_month_owner (national.toml)
MIN_WORK_MONTHS = 180
MIN_CONTRIBUTION_MONTHS = 180             # retirement before 2030


def month_of(d):
    return d.year * 12 + d.month - 1


def month_text(m):
    return "%04d-%02d" % (m // 12, m % 12 + 1)


def parse_month(s):
    return int(s[:4]) * 12 + int(s[5:7]) - 1


def first_day(m):
    return dt.date(m // 12, m % 12 + 1, 1)


def last_day(m):
    return first_day(m + 1) - dt.timedelta(days=1)


def fen_text(f):
    sign = "-" if f < 0 else ""
    f = abs(f)
    return "%s%d.%02d" % (sign, f // 100, f % 100)


def round_half_up(x):
    n = abs(x)
    q = int(n)
    if n - q >= Fraction(1, 2):
        q += 1
    return q if x >= 0 else -q


def limits(m):
    """Base floor and cap of month m's year (arithmetic.md §3.2: 60 % and 300 % of the average wage, whole yuan,
    half up)."""
    avg = AVG_WAGE[m // 12]
    return (round_half_up(Fraction(avg * 60, 100 * 100)) * 100, round_half_up(Fraction(avg * 300, 100 * 100)) * 100)


def clamp(wage, m):
    lo, hi = limits(m)
    return min(max(wage, lo), hi)


def price(base, t):
    er, ee = RATES[t]
    return round_half_up(base * er), round_half_up(base * ee)


def due_date(m):
    d = m + DUE_OFFSET
    return min(dt.date(d // 12, d % 12 + 1, 1) + dt.timedelta(days=DUE_DAY - 1), last_day(d))


def late_days(m, day):
    """Days late on `day` of month m's contribution: after its due date (0 when not late)."""
    return max(0, (day - due_date(m)).days)


def late_fee(principal, m, day):
    return round_half_up(principal * LATE_RATE * late_days(m, day))


def runs(months):
    """Sorted months → [(from, to)] of consecutive months."""
    out = []
    for m in sorted(set(months)):
        if out and out[-1][1] + 1 == m:
            out[-1][1] = m
        else:
            out.append([m, m])
    return [tuple(r) for r in out]


def runs_keyed(items):
    """[(month, key)] sorted by month → number of runs of consecutive months with the same key."""
    n, prev = 0, None
    for m, k in sorted(items):
        if prev is None or prev[1] != k or prev[0] + 1 != m:
            n += 1
        prev = (m, k)
    return n


def valid_id(n):
    w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    if len(n) != 18 or not n[:17].isdigit():
        return False
    return "10X98765432"[sum(int(c) * x for c, x in zip(n, w)) % 11] == n[17].upper()


def blank(s):
    # id::name_is_blank: the white space of id::trim_space, the same in every domain (issue 16).
    return not s.strip(" \t\n\r\v\f\u3000\u00a0")


class Enrollment:
    def __init__(self, unit, t, frm, base):
        self.unit, self.type, self.frm, self.to, self.base = unit, t, frm, None, base

    def covers(self, m):
        return self.frm <= last_day(m) and (self.to is None or self.to >= first_day(m))

    def key(self):
        return (self.unit, self.type, self.frm.isoformat(), self.to.isoformat() if self.to else None,
                fen_text(self.base))


class Charge:
    """A contribution record: (unit, type, month); unit "" for a paid flexible month."""

    def __init__(self, unit, t, m, base, employer, employee, state, bill=None):
        self.unit, self.type, self.month, self.base = unit, t, m, base
        self.employer, self.employee, self.state, self.bill = employer, employee, state, bill


class Person:
    def __init__(self, idn, name, work_start):
        self.id, self.name, self.work_start = idn, name, work_start
        self.enrollments = []
        self.charges = []          # Charge records (declared / billed / paid)
        self.last_change = {}      # unit → date
        self.retired_from = None   # month
        self.last_applied = None
        self.locked, self.phone, self.address = False, None, None  # issue 18: corrections and the lock
        self.pension_bank, self.bank_history, self.qualified = None, 0, set()  # issue 18: after the retirement

    def active(self, unit, t):
        return any(e.unit == unit and e.type == t and e.to is None for e in self.enrollments)

    def active_units(self, t):
        return sorted({e.unit for e in self.enrollments if e.type == t and e.to is None})

    def record(self, unit, t, m):
        for c in self.charges:
            if c.unit == unit and c.type == t and c.month == m:
                return c
        return None


class Bill:
    def __init__(self, bill_id, unit, kind, items, created):
        self.id, self.unit, self.kind, self.items, self.created = bill_id, unit, kind, items, created
        self.status = "open"   # open | paid | withdrawn


class Verification:
    def __init__(self, vid, idn, months, base):
        self.id, self.idn, self.months, self.base = vid, idn, months, base
        self.status = "open"
        self.total = sum(round_half_up(base * FLEX_RATE) for _ in months)


class Unit:
    def __init__(self, code, period):
        self.code, self.period = code, period
        self.changes = 0


class Case:
    def __init__(self, case_id, op, args, as_of, unit):
        self.id, self.op, self.args, self.as_of, self.unit = case_id, op, args, as_of, unit
        self.status = "submitted"


class Model:
    def __init__(self, owner_rule=OWNER):
        self.owner_rule = owner_rule  # si.transfer_month_owner
        self.units = {}
        self.persons = {}
        self.bills = {}
        self.verifications = {}
        self.cases = {}
        self.issued = {"B": 0, "C": 0, "V": 0}  # the last number handed out per prefix

    def new_id(self, prefix):
        """The next number the store hands out: prefix and six digits."""
        self.issued[prefix] += 1
        return "%s%06d" % (prefix, self.issued[prefix])

    # ------------------------------------------------------------ the charge table (D1–D3)
    def flex_months(self, idn):
        """Months on a standing (open or paid) flexible verification → verification."""
        out = {}
        for v in self.verifications.values():
            if v.idn == idn and v.status in ("open", "paid"):
                for m in v.months:
                    out[m] = v
        return out

    def can_bill(self, p, unit, t, m):
        """D2b: whether `unit` can still charge (t, m): its next settlement reaches m, or it has recorded it."""
        return m >= self.units[unit].period or p.record(unit, t, m) is not None

    def owner(self, p, t, m, asking=None):
        """D2: the unit that owes (t, m) among those whose enrollments cover m; None when none covers it. D2b:
        units that can no longer charge m are passed over while another can (the asking unit always can: it is
        charging it now)."""
        covers = {}
        far = dt.date(9999, 12, 31)
        for e in p.enrollments:
            if e.type == t and e.covers(m):
                start = max(e.frm, first_day(m))
                end = min(e.to, last_day(m)) if e.to else last_day(m)
                overall = e.to or far
                s0, e0, o0, b0 = covers.get(e.unit, (start, end, overall, e.frm))
                covers[e.unit] = (min(s0, start), max(e0, end), max(o0, overall), min(b0, e.frm))
        if not covers:
            return None
        able = {u: c for u, c in covers.items() if u == asking or self.can_bill(p, u, t, m)}
        if able:
            covers = able
        order = sorted(covers)  # last tie: the lower unit code (max() and min() keep the first)
        if self.owner_rule == "new":  # covers to the month's end; between two that do, the one that lasts longer
            return max(order, key=lambda u: (covers[u][1], covers[u][2], covers[u][0]))
        # old: covers from the month's start first; between two that do, the one that began first.
        return min(order, key=lambda u: (covers[u][0], covers[u][3]))

    def charged_elsewhere(self, p, unit, t, m, settled_only=False):
        """D3: another place where (t, m) is charged: a unit code, "" (flexible), or None."""
        for c in p.charges:
            if c.type == t and c.month == m and c.unit != unit:
                if settled_only and c.state == "declared":
                    continue
                return c.unit
        if t == "pension" and m in self.flex_months(p.id):
            return ""
        return None

    def not_owed(self, p, unit, t, m, settled_only=False):
        """Why (t, m) must not be charged at unit: (code, other) or None."""
        if t == "pension" and p.retired_from is not None and m >= p.retired_from:
            return ("SI_RETIRED", None)
        other = self.charged_elsewhere(p, unit, t, m, settled_only)
        if other is not None:
            return ("SI_MONTH_CHARGED_ELSEWHERE", other)
        o = self.owner(p, t, m, unit)
        if o is not None and o != unit:
            return ("SI_TRANSFER_MONTH_OTHER_UNIT", o)
        return None

    def arrears(self, p, unit, day):
        """D4: (type, month) in arrears at unit (all units when unit is None) on day."""
        out = []
        units = [unit] if unit is not None else sorted(self.units)
        for u in units:
            for c in p.charges:
                if c.unit == u and c.state != "paid" and due_date(c.month) < day:
                    out.append((u, c.type, c.month))
            per = self.units[u].period
            for t in TYPES:
                for e in p.enrollments:
                    if e.unit != u or e.type != t:
                        continue
                    m = max(month_of(e.frm), per)
                    end = month_of(e.to) if e.to else month_of(day)
                    while m <= end and due_date(m) < day:
                        if e.covers(m) and p.record(u, t, m) is None and self.not_owed(p, u, t, m) is None \
                                and (u, t, m) not in out:
                            out.append((u, t, m))
                        m += 1
        return out

    # ------------------------------------------------------------ units
    def register(self, code, period):
        self.units[code] = Unit(code, period)

    def pending(self, unit):
        return [c for c in self.cases.values() if c.status == "submitted" and c.unit == unit]

    # ------------------------------------------------------------ stops (D5)
    def stop_checks(self, p, unit, types, stop, as_of):
        v = []
        if stop > as_of.date():
            v.append("SI_STOP_DATE_IN_FUTURE")
        lc = p.last_change.get(unit)
        if lc is not None and stop < lc:
            v.append("SI_STOP_BEFORE_LAST_CHANGE")
        if self.arrears(p, unit, as_of.date()):
            v.append("SI_STOP_HAS_ARREARS")
        v += self.into_billed(p, unit, types, month_of(stop))
        return v

    def into_billed(self, p, unit, types, last):
        v = []
        for t in types:
            months = [c.month for c in p.charges if c.unit == unit and c.type == t and c.month > last
                      and c.state in ("billed", "paid")]
            v += ["SI_STOP_INTO_BILLED_MONTHS"] * len(runs(months))
        return v

    def apply_stop(self, p, unit, types, stop):
        """Ends the stint on `stop`. A stint may be several records (a declared wage splits an open enrollment on
        1 January): a record starting after the stop is removed, one reaching past it ends on it. (An earlier
        stint never reaches past a stop: the stop is not before the last change at the unit.)"""
        for e in p.enrollments:
            if e.unit == unit and e.type in types and (e.to is None or e.to > stop):
                e.to = stop
        p.enrollments = [e for e in p.enrollments if not (e.unit == unit and e.type in types and e.to < e.frm)]
        last = month_of(stop)
        p.charges = [c for c in p.charges
                     if not (c.unit == unit and c.type in types and c.month > last and c.state == "declared")]
        p.last_change[unit] = max(p.last_change.get(unit, stop), stop)
        self.units[unit].changes += 1

    # ------------------------------------------------------------ si.enroll
    def enroll_check(self, a, as_of):
        """→ (violations, plan) on the current state with the given as_of."""
        unit = self.units[a["unit_code"]]
        idn, types = a["id_number"], a["types"]
        enroll = dt.date.fromisoformat(a["enroll_date"])
        work = dt.date.fromisoformat(a["work_start_date"])
        v = []
        if not valid_id(idn):
            v.append("ID_CHECKSUM")
        if blank(a["name"]):
            v.append("NAME_REQUIRED")
        if not enroll > work:  # 004 §2.1.1 重点项目说明 (2): 本次参保时间必须晚于参加工作日期
            v.append("SI_ENROLL_BEFORE_WORK_START")
        em = month_of(enroll)
        flag = a.get("back_pay", em < unit.period)
        if isinstance(flag, dict):  # {type: boolean} for every requested type (rules.md §4): one value or a violation
            if len(set(flag.values())) > 1:
                v.append("SI_BACK_PAY_FLAG_INCONSISTENT")
            flag = next(iter(flag.values()))
        p = self.persons.get(idn)
        cls = "new_registration"
        old = []
        if p is not None:
            v += ["SI_ALREADY_ENROLLED"] * sum(p.active(unit.code, t) for t in types)  # one per type (it names it)
            if p.name != a["name"]:
                v.append("SI_KEY_DATA_MISMATCH")
            if p.work_start != work:
                v.append("SI_KEY_DATA_MISMATCH")
            if "pension" in types and p.retired_from is not None:
                v.append("SI_RETIRED")
            for t in types:
                for u in p.active_units(t):
                    if u != unit.code:
                        hit = next((x for x in old if x[0] == u), None)
                        if hit is None:
                            old.append((u, [t]))
                        else:
                            hit[1].append(t)
            if old:
                cls = "transfer"
            elif any(p.active(unit.code, t) for t in TYPES):
                cls = "add_type"
            elif any(e.type in types for e in p.enrollments):
                cls = "continuation"
            else:
                cls = "new_enrollment"
            for u, ts in old:
                v += self.stop_checks(p, u, ts, enroll - dt.timedelta(days=1), as_of)
        bp = list(range(em, unit.period)) if flag else []
        return v, {"cls": cls, "old": old, "flag": flag, "bp": bp}

    def enroll_apply(self, a, as_of, plan):
        unit = self.units[a["unit_code"]]
        idn, types = a["id_number"], a["types"]
        enroll = dt.date.fromisoformat(a["enroll_date"])
        p = self.persons.get(idn)
        if p is None:
            p = Person(idn, a["name"], dt.date.fromisoformat(a["work_start_date"]))
            self.persons[idn] = p
        for u, ts in plan["old"]:
            self.apply_stop(p, u, ts, enroll - dt.timedelta(days=1))
        base = clamp(a["wage"], month_of(enroll))
        for t in types:
            p.enrollments.append(Enrollment(unit.code, t, enroll, base))
        p.last_change[unit.code] = max(p.last_change.get(unit.code, enroll), enroll)
        skipped = []
        for m in plan["bp"]:
            mb = clamp(a["wage"], m)
            for t in types:
                if p.record(unit.code, t, m) is not None:
                    continue
                w = self.not_owed(p, unit.code, t, m)
                if w is not None:
                    skipped.append(_skip(p.id, m, t, w))
                    continue
                er, ee = price(mb, t)
                p.charges.append(Charge(unit.code, t, m, mb, er, ee, "declared"))
        unit.changes += 1
        p.last_applied = as_of
        floor, cap = limits(month_of(enroll))
        out = {"classification": plan["cls"], "base": fen_text(base), "floor": fen_text(floor), "cap": fen_text(cap),
               "back_pay": plan["flag"], "back_pay_months": [month_text(m) for m in plan["bp"]], "id_number": idn,
               "enrollments": [{"type": t, "from": enroll.isoformat(), "base": fen_text(base), "back_pay": plan["flag"]}
                               for t in types],
               "back_pay_skipped": skipped}
        if plan["old"]:
            out["transfer_from"] = [{"unit_code": u, "types": ts, "stop_date": (enroll - dt.timedelta(days=1)).isoformat()}
                                    for u, ts in plan["old"]]
        return out

    # ------------------------------------------------------------ si.stop
    def stop_check(self, a, as_of):
        p = self.persons[a["id_number"]]
        unit = a["unit_code"]
        types = [t for t in TYPES if p.active(unit, t)]
        v = []
        if not types:
            v.append("SI_NOT_ENROLLED")
        v += self.stop_checks(p, unit, types, dt.date.fromisoformat(a["stop_date"]), as_of)
        if a["reason"] not in STOP_REASONS:
            v.append("SI_REASON_UNKNOWN")
        return v, {"types": types}

    def stop_apply(self, a, as_of, plan):
        p = self.persons[a["id_number"]]
        self.apply_stop(p, a["unit_code"], plan["types"], dt.date.fromisoformat(a["stop_date"]))
        p.last_applied = as_of
        return {"stopped": plan["types"], "stop_date": a["stop_date"]}

    # ------------------------------------------------------------ si.stop_batch (004 §2.1.3)
    def stop_batch_check(self, a, as_of):
        """Each row as si.stop; dates exactly yyyymmdd and real (BATCH_BAD_DATE); one row per person
        (BATCH_DUPLICATE, the later row); all or nothing."""
        unit = a["unit_code"]
        v, plan, seen = [], [], set()
        for row in a["rows"]:
            day = _compact_date(row["stop_date"])
            if day is None:
                v.append("BATCH_BAD_DATE")
            if row["id_number"] in seen:
                v.append("BATCH_DUPLICATE")
                continue
            seen.add(row["id_number"])
            p = self.persons[row["id_number"]]
            types = [t for t in TYPES if p.active(unit, t)]
            if not types:
                v.append("SI_NOT_ENROLLED")
            if day is not None:
                v += self.stop_checks(p, unit, types, day, as_of)
            elif self.arrears(p, unit, as_of.date()):
                v.append("SI_STOP_HAS_ARREARS")
            if row["reason"] not in STOP_REASONS:
                v.append("SI_REASON_UNKNOWN")
            plan.append((p, types, day))
        return v, plan

    def stop_batch_apply(self, a, as_of, plan):
        rows = []
        for i, (p, types, day) in enumerate(plan):
            self.apply_stop(p, a["unit_code"], types, day)
            self.units[a["unit_code"]].changes -= 1  # one change for the batch (counted below)
            p.last_applied = as_of
            rows.append({"row": i, "id_number": p.id, "stopped": types, "stop_date": day.isoformat()})
        self.units[a["unit_code"]].changes += 1
        return {"rows": rows}

    # ------------------------------------------------------------ si.declare_wage (004 §2.3.1, heading only)
    def declare_wage_check(self, a, as_of):
        """Each row: the person active at the unit (any type), wage > 0, one row per person. Decision (rules.md §4):
        base = wage within the limits of the year, in force from January (si.year_start_month) of `year`."""
        unit = a["unit_code"]
        v, plan, seen = [], [], set()
        for row in a["rows"]:
            if row["wage"] <= 0:
                v.append("AMOUNT_NOT_POSITIVE")
            if row["id_number"] in seen:
                v.append("BATCH_DUPLICATE")
                continue
            seen.add(row["id_number"])
            p = self.persons[row["id_number"]]
            if not any(p.active(unit, t) for t in TYPES):
                v.append("SI_NOT_ENROLLED")
            plan.append((p, clamp(row["wage"], a["year"] * 12)))
        return v, plan

    def declare_wage_apply(self, a, as_of, plan):
        """The declared base applies, at the unit, for each type the person is active for there, to the
        enrollments that start in or after January of the year and are open or reach it; an open enrollment
        that began before is split on 1 January (the months before keep their base). Decision: a closed
        enrollment that began before the year keeps its base (it is history)."""
        unit = a["unit_code"]
        day1 = dt.date(a["year"], 1, 1)
        for p, base in plan:
            for t in [t for t in TYPES if p.active(unit, t)]:
                added = []
                for e in p.enrollments:
                    if e.unit != unit or e.type != t:
                        continue
                    if e.frm >= day1 and (e.to is None or e.to >= day1):
                        e.base = base
                    elif e.to is None and e.frm < day1:
                        n = Enrollment(unit, t, day1, base)
                        added.append(n)
                        e.to = day1 - dt.timedelta(days=1)
                p.enrollments += added
            p.last_applied = as_of
        if plan:
            self.units[unit].changes += 1
        floor, cap = limits(a["year"] * 12)
        return {"year": a["year"], "from_month": month_text(a["year"] * 12), "floor": fen_text(floor),
                "cap": fen_text(cap), "rows": [{"id_number": p.id, "base": fen_text(base)} for p, base in plan]}

    # ------------------------------------------------------------ si.back_pay
    def back_pay_check(self, a, as_of):
        unit = self.units[a["unit_code"]]
        p = self.persons[a["id_number"]]
        frm, to = parse_month(a["from"]), parse_month(a["to"])
        v = []
        if frm > to:
            return ["PERIOD_INVERTED"], None
        if not to < unit.period:
            v.append("SI_BACK_PAY_NOT_PAST")
        types = a.get("types") or [t for t in TYPES if any(e.unit == unit.code and e.type == t for e in p.enrollments)]
        if not types:
            v.append("SI_NOT_ENROLLED_IN_PERIOD")
        for t in types:
            # A retired person's pension from the retirement month on is refused whether or not the months are
            # enrolled here (a denial lists every violated rule): once, naming the retirement month.
            if t == "pension" and p.retired_from is not None and to >= p.retired_from:
                v.append("SI_RETIRED")
            gaps, why, paid, billed = [], [], [], []
            for m in range(frm, to + 1):
                if not any(e.unit == unit.code and e.type == t and e.covers(m) for e in p.enrollments):
                    gaps.append(m)
                    continue
                w = self.not_owed(p, unit.code, t, m)
                if w is not None and w[0] != "SI_RETIRED":
                    why.append((m, w))
                c = p.record(unit.code, t, m)
                if c is not None and c.state == "paid":
                    paid.append(m)
                elif c is not None and c.state == "billed":
                    billed.append(m)  # decision (D3): a month on an open bill is paid through that bill
            v += [w[0] for w in _run_heads(why)]
            v += ["SI_NOT_ENROLLED_IN_PERIOD"] * len(runs(gaps))
            v += ["SI_MONTH_ALREADY_PAID"] * len(runs(paid))
            v += ["SI_MONTH_ALREADY_BILLED"] * len(runs(billed))
        return v, {"types": types, "from": frm, "to": to}

    def back_pay_apply(self, a, as_of, plan):
        unit = a["unit_code"]
        p = self.persons[a["id_number"]]
        principal = fee = 0
        items = []
        for m in range(plan["from"], plan["to"] + 1):
            mb = clamp(a["wage"], m)
            for t in plan["types"]:
                er, ee = price(mb, t)
                principal += er + ee
                f = late_fee(er + ee, m, as_of.date())
                fee += f
                items.append({"month": month_text(m), "type": t, "base": fen_text(mb), "employer": fen_text(er),
                              "employee": fen_text(ee), "late_fee_days": late_days(m, as_of.date()),
                              "late_fee": fen_text(f)})
                c = p.record(unit, t, m)
                if c is not None:  # a declared record, declared again
                    c.base, c.employer, c.employee = mb, er, ee
                else:
                    p.charges.append(Charge(unit, t, m, mb, er, ee, "declared"))
        self.units[unit].changes += 1
        p.last_applied = as_of
        return {"items": items, "principal": fen_text(principal), "late_fee": fen_text(fee),
                "total": fen_text(principal + fee)}

    # ------------------------------------------------------------ reviewed operations
    CHECKS = {"si.enroll": ("enroll_check", "enroll_apply"), "si.stop": ("stop_check", "stop_apply"),
              "si.back_pay": ("back_pay_check", "back_pay_apply"),
              "si.stop_batch": ("stop_batch_check", "stop_batch_apply"),
              "si.declare_wage": ("declare_wage_check", "declare_wage_apply")}

    def direct(self, op, a, as_of):
        """An operation the profile does not review: checked and applied at once."""
        err = self.request_error(op, a)
        if err:
            return err
        check, apply = self.CHECKS[op]
        v, plan = getattr(self, check)(a, as_of)
        if v:
            return ("deny", v)
        return ("ok", getattr(self, apply)(a, as_of, plan))

    def submit(self, op, a, as_of):
        """A reviewed operation called directly: its checks now; ok means a case is filed."""
        err = self.request_error(op, a)
        if err:
            return err
        v, _ = getattr(self, self.CHECKS[op][0])(a, as_of)
        if v:
            return ("deny", v)
        return ("ok", {"status": "submitted"})

    def file(self, op, a, as_of):
        """A reviewed operation called directly: when its checks pass, a case is filed under the next number."""
        exp = self.submit(op, a, as_of)
        if exp[0] != "ok":
            return exp
        case_id = self.new_id("C")
        self.cases[case_id] = Case(case_id, op, a, as_of, a.get("unit_code"))
        return ("ok", {"case_id": case_id, "status": "submitted"})

    def approve(self, case_id, now):
        c = self.cases.get(case_id)
        if c is None:
            return ("error", "REQ_NOT_FOUND", "args.case_id")
        if c.status != "submitted":
            return ("deny", ["CASE_WRONG_STATE"])
        check, apply = self.CHECKS[c.op]
        v, plan = getattr(self, check)(c.args, c.as_of)
        if v:
            return ("deny", ["CASE_STALE"] + v)
        result = getattr(self, apply)(c.args, c.as_of, plan)
        c.status = "approved"
        return ("ok", {"case_id": case_id, "status": "approved", "result": result})

    def save_draft(self, op, a, as_of):
        """case.save_draft: stored without validation (rules.md §6), under the next case number."""
        case_id = self.new_id("C")
        self.cases[case_id] = Case(case_id, op, a, as_of, a.get("unit_code"))
        self.cases[case_id].status = "draft"
        return ("ok", {"case_id": case_id, "status": "draft"})

    def resubmit(self, case_id, a, as_of):
        """case.submit of a draft or a rejected case, with amended args or the stored ones: validated now; when it
        passes the case is submitted again with these args and this as_of, else it stays as it was."""
        c = self.cases.get(case_id)
        if c is None:
            return ("error", "REQ_NOT_FOUND", "args.case_id")
        if c.status not in ("draft", "rejected"):
            return ("deny", ["CASE_WRONG_STATE"])
        a = a if a is not None else c.args
        exp = self.submit(c.op, a, as_of)
        if exp[0] != "ok":
            return exp
        c.args, c.as_of, c.status = a, as_of, "submitted"
        return ("ok", {"case_id": case_id, "status": "submitted"})

    def reject(self, case_id):
        c = self.cases.get(case_id)
        if c is None:
            return ("error", "REQ_NOT_FOUND", "args.case_id")
        if c.status != "submitted":
            return ("deny", ["CASE_WRONG_STATE"])
        c.status = "rejected"
        return ("ok", {"case_id": case_id, "status": "rejected"})

    def withdraw(self, case_id):
        c = self.cases.get(case_id)
        if c is None:
            return ("error", "REQ_NOT_FOUND", "args.case_id")
        if c.status not in ("draft", "submitted", "rejected"):
            return ("deny", ["CASE_WRONG_STATE"])
        c.status = "withdrawn"
        return ("ok", {"case_id": case_id, "status": "withdrawn"})

    def request_error(self, op, a):
        if a.get("unit_code") not in self.units:
            return ("error", "REQ_NOT_FOUND", "args.unit_code")
        if op in ("si.stop_batch", "si.declare_wage"):
            seen = set()
            for i, row in enumerate(a["rows"]):
                if row["id_number"] not in seen and row["id_number"] not in self.persons:
                    return ("error", "REQ_NOT_FOUND", "args.rows[%d].id_number" % i)
                seen.add(row["id_number"])
            return None
        if op in ("si.stop", "si.back_pay") and valid_id(a["id_number"]) and a["id_number"] not in self.persons:
            return ("error", "REQ_NOT_FOUND", "args.id_number")
        if op in ("si.stop", "si.back_pay") and not valid_id(a["id_number"]):
            return ("deny", ["ID_CHECKSUM"])
        return None

    # ------------------------------------------------------------ si.settle
    def settle(self, code, period, kind, as_of):
        unit = self.units.get(code)
        if unit is None:
            return ("error", "REQ_NOT_FOUND", "args.unit_code")
        v = []
        if period != unit.period:
            v.append("SI_SETTLE_WRONG_PERIOD")
        if period > month_of(as_of):
            v.append("SI_SETTLE_FUTURE_PERIOD")
        pend = self.pending(code)
        if kind == "no_change" and (unit.changes or pend):  # D11
            v.append("SI_SETTLE_HAS_CHANGES")
        if kind == "with_change" and pend:
            v.append("SI_SETTLE_PENDING_REVIEW")
        if v:
            return ("deny", v)
        bill_items = []   # (person, charge)
        skipped = []      # the months not charged here, with the reason (issue 12: reported)
        principal = fee = 0
        billed_persons = 0
        for idn in sorted(self.persons):
            p = self.persons[idn]
            if not any(e.unit == code for e in p.enrollments):
                continue
            n0 = len(bill_items)
            for t in TYPES:
                covering = [e for e in p.enrollments if e.unit == code and e.type == t and e.covers(period)]
                if not covering:
                    continue
                c = p.record(code, t, period)
                if c is not None and c.state != "declared":
                    continue
                w = self.not_owed(p, code, t, period)
                if w is not None:
                    skipped.append(_skip(p.id, period, t, w))
                    continue
                # D13: the record that starts last, and of two that start the same day the one that ends last.
                e = max(covering, key=lambda x: (x.frm, x.to or dt.date.max))
                base = clamp(e.base, period)
                er, ee = price(base, t)
                if c is None:
                    c = Charge(code, t, period, base, er, ee, "billed")
                    p.charges.append(c)
                else:
                    c.base, c.employer, c.employee, c.state = base, er, ee, "billed"
                bill_items.append((p, c))
            # The declared months (back-pay), unless another place billed them first (D3).
            declared = sorted((c for c in p.charges if c.unit == code and c.state == "declared"),
                              key=lambda c: (c.month, TYPES.index(c.type)))
            for c in declared:
                w = self.not_owed(p, code, c.type, c.month, settled_only=True)
                if w is not None and w[0] != "SI_TRANSFER_MONTH_OTHER_UNIT":
                    p.charges.remove(c)
                    skipped.append(_skip(p.id, c.month, c.type, w))
                    continue
                c.employer, c.employee = price(c.base, c.type)
                c.state = "billed"
                bill_items.append((p, c))
            if len(bill_items) > n0:
                billed_persons += 1
        items = []
        for p, c in bill_items:
            f = late_fee(c.employer + c.employee, c.month, as_of.date())
            principal += c.employer + c.employee
            fee += f
            items.append({"id_number": p.id, "month": month_text(c.month), "type": c.type,
                          "kind": "regular" if c.month == period else "back_pay", "base": fen_text(c.base),
                          "employer": fen_text(c.employer), "employee": fen_text(c.employee),
                          "late_fee_days": late_days(c.month, as_of.date()), "late_fee": fen_text(f)})
        unit.period += 1
        unit.changes = 0
        bill_id = self.new_id("B")
        for _, c in bill_items:
            c.bill = bill_id
        b = Bill(bill_id, code, "settlement", bill_items, as_of.date())
        if not bill_items:
            b.status = "paid"  # decision (as for HPF bills): a bill with nothing due is paid at creation
        self.bills[bill_id] = b
        return ("ok", {"bill_id": bill_id, "period": month_text(period), "kind": kind, "persons": billed_persons,
                       "items": items, "skipped": skipped, "principal": fen_text(principal),
                       "late_fee": fen_text(fee), "total": fen_text(principal + fee),
                       "due_date": due_date(period).isoformat(), "settlement_period": month_text(unit.period)})

    # ------------------------------------------------------------ si.pay
    def bill_due(self, b, paid):
        principal = sum(c.employer + c.employee for _, c in b.items)
        fee = sum(late_fee(c.employer + c.employee, c.month, paid) for _, c in b.items)
        return principal + fee

    def pay(self, code, bill_id, amount, paid, as_of):
        if code not in self.units:
            return ("error", "REQ_NOT_FOUND", "args.unit_code")
        b = self.bills.get(bill_id)
        if b is None:
            return ("error", "REQ_NOT_FOUND", "args.bill_id")
        v = []
        if b.unit != code or b.status != "open":
            v.append("BILL_NOT_PAYABLE")
        if paid > as_of.date():
            v.append("SI_PAID_DATE_IN_FUTURE")
        due = self.bill_due(b, paid)
        if amount != due:
            v.append("PAYMENT_AMOUNT_MISMATCH")
        if v:
            return ("deny", v)
        b.status = "paid"
        for p, c in b.items:
            c.state = "paid"
            p.last_applied = as_of
        principal = sum(c.employer + c.employee for _, c in b.items)
        return ("ok", {"principal": fen_text(principal), "late_fee": fen_text(due - principal),
                       "total": fen_text(due), "paid_months": sorted({month_text(c.month) for _, c in b.items})})

    def pay_flex(self, vid, amount, paid, as_of):
        ver = self.verifications.get(vid)
        if ver is None:
            return ("error", "REQ_NOT_FOUND", "args.verification_id")
        v = []
        if ver.status != "open":
            v.append("BILL_NOT_PAYABLE")
        if paid > as_of.date():
            v.append("SI_PAID_DATE_IN_FUTURE")
        if amount != ver.total:
            v.append("PAYMENT_AMOUNT_MISMATCH")
        if v:
            return ("deny", v)
        ver.status = "paid"
        p = self.persons[ver.idn]
        for m in ver.months:
            total = round_half_up(ver.base * FLEX_RATE)
            p.charges.append(Charge("", "pension", m, ver.base, 0, total, "paid", vid))
        p.last_applied = as_of
        return ("ok", {"principal": fen_text(ver.total), "late_fee": "0.00", "total": fen_text(ver.total),
                       "paid_months": [month_text(m) for m in ver.months]})

    # ------------------------------------------------------------ flexible verification (D8)
    def flex_verify(self, idn, frm, to, base, as_of):
        p = self.persons.get(idn)
        if p is None:
            return ("error", "REQ_NOT_FOUND", "args.id_number")
        if frm > to:
            return ("deny", ["PERIOD_INVERTED"])
        v = []
        now = month_of(as_of)
        if to > now:
            v.append("SI_FLEX_FUTURE_MONTH")
        last = min(to, now)
        bad = [(m, limits(m)) for m in range(frm, last + 1) if not limits(m)[0] <= base <= limits(m)[1]]
        v += ["SI_BASE_OUT_OF_RANGE"] * runs_keyed(bad)
        employed = set()
        for e in p.enrollments:
            if e.type == "pension" and e.unit:
                for m in range(frm, last + 1):
                    if e.covers(m):
                        employed.add((m, e.unit))
        for c in p.charges:
            if c.type == "pension" and c.unit and frm <= c.month <= last:
                employed.add((c.month, c.unit))
        for u in sorted({u for _, u in employed}):
            v += ["SI_FLEX_MONTH_EMPLOYED"] * len(runs([m for m, x in employed if x == u]))
        if p.retired_from is not None and to >= p.retired_from:
            v.append("SI_RETIRED")
        done = self.flex_months(idn)
        v += ["SI_FLEX_ALREADY_VERIFIED"] * len(runs([m for m in range(frm, to + 1) if m in done]))
        if v:
            return ("deny", v)
        vid = self.new_id("V")
        ver = Verification(vid, idn, list(range(frm, to + 1)), base)
        self.verifications[vid] = ver
        p.last_applied = as_of
        month_total = round_half_up(base * FLEX_RATE)
        personal = round_half_up(base * FLEX_PERSONAL)
        return ("ok", {"verification_id": vid, "total": fen_text(ver.total),
                       "months": [{"month": month_text(m), "base": fen_text(base), "total": fen_text(month_total),
                                   "pool": fen_text(month_total - personal), "personal": fen_text(personal)}
                                  for m in ver.months]})

    def flex_rollback(self, vid, as_of):
        ver = self.verifications.get(vid)
        if ver is None:
            return ("error", "REQ_NOT_FOUND", "args.verification_id")
        if ver.status == "paid":
            return ("deny", ["SI_FLEX_ROLLBACK_PAID"])
        if ver.status == "withdrawn":
            return ("deny", ["SI_FLEX_ROLLED_BACK"])
        ver.status = "withdrawn"
        return ("ok", {"verification_id": vid, "status": "withdrawn"})

    # ------------------------------------------------------------ pension claim (D9)
    def claim(self, a, as_of, statutory_month):
        idn = a["id_number"]
        p = self.persons.get(idn)
        if p is None:
            return ("error", "REQ_NOT_FOUND", "args.id_number")
        ret = dt.date.fromisoformat(a["retirement_date"])
        rm = month_of(ret)
        ws = dt.date.fromisoformat(a["work_start_date"])
        v = []
        declared = a["work_years"]["years"] * 12 + a["work_years"]["months"]
        if declared < MIN_WORK_MONTHS:
            v.append("PENSION_WORK_YEARS_SHORT")
        lo, hi = month_of(ws), rm
        paid = {c.month for c in p.charges if c.type == "pension" and c.state == "paid" and lo <= c.month <= hi}
        added = set()
        for adj in a.get("adjustments", []):
            added |= set(range(max(parse_month(adj["from"]), lo), min(parse_month(adj["to"]), hi) + 1))
        counted = len(paid | added)
        if counted < MIN_CONTRIBUTION_MONTHS:
            v.append("PENSION_CONTRIBUTION_SHORT")
        if self.arrears(p, None, as_of.date()):
            v.append("PENSION_HAS_ARREARS")
        if rm < statutory_month:
            v.append("PENSION_BEFORE_RETIREMENT_AGE")
        if p.retired_from is not None:
            v.append("PENSION_ALREADY_RETIRED")
        units = sorted({c.unit for c in p.charges if c.type == "pension" and c.unit})
        for u in units:
            v += self.into_billed(p, u, ["pension"], rm - 1)
        v += ["SI_STOP_INTO_BILLED_MONTHS"] * len(runs([m for m in self.flex_months(idn) if m >= rm]))
        if v:
            return ("deny", v)
        self.retire(p, rm)
        p.last_applied = as_of
        return ("ok", {"id_number": idn, "counted_months": counted, "retired_from": month_text(rm),
                       "min_months": MIN_CONTRIBUTION_MONTHS, "has_arrears": False})

    def retire(self, p, rm):
        """D9: pension enrollments end on the day before the retirement month (a stop at each unit). Decision: an
        enrollment that began after that day is removed: it never covered a day before the retirement."""
        stop = first_day(rm) - dt.timedelta(days=1)
        for u in sorted({e.unit for e in p.enrollments if e.type == "pension" and (e.to is None or e.to > stop)}):
            for e in p.enrollments:
                if e.unit == u and e.type == "pension" and (e.to is None or e.to > stop):
                    e.to = stop
            p.enrollments = [e for e in p.enrollments if e.to is None or e.to >= e.frm]
            p.charges = [c for c in p.charges if not (c.unit == u and c.type == "pension" and c.month >= rm
                                                        and c.state == "declared")]
            p.last_change[u] = max(p.last_change.get(u, stop), stop)
            self.units[u].changes += 1
        p.retired_from = rm


def _skip(idn, m, t, why):
    """A month not charged, with the reason and the other unit (None when there is none)."""
    return {"id_number": idn, "month": month_text(m), "type": t, "code": why[0], "unit_code": why[1] or None}


def _compact_date(text):
    """yyyymmdd, exactly, and a real date (004 §2.1.3 变更时间的格式为：yyyymmdd); else None."""
    if len(text) != 8 or not text.isdigit():
        return None
    try:
        return dt.date(int(text[:4]), int(text[4:6]), int(text[6:]))
    except ValueError:
        return None


def _run_heads(items):
    """[(month, (code, other))] → one (code, other) per run of consecutive months with the same reason."""
    out, prev = [], None
    for m, k in sorted(items, key=lambda x: x[0]):
        if prev is None or prev[1] != k or prev[0] + 1 != m:
            out.append(k)
        prev = (m, k)
    return out
