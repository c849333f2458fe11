"""provident.Engine: the JSON protocol, the typed API and the population batches."""

from __future__ import annotations

import datetime as _dt
import json
import os
from decimal import Decimal
from typing import Any, Dict, Iterable, List, Mapping, Optional, Tuple, Union

from . import _provident
from ._convert import (MoneyLike, RateLike, as_of_date, as_of_text, date_text, day_serial, integer,
                       money_text, month_text, rate_micros, rate_text)
from .errors import BadValue, Rejected, WrongType, error_from_response
from .types import (Adjustment, AdjustmentKind, Age, BaseLimits, Category, CitizenId, ClaimCheck,
                    Contribution, ContributionItem, DatePeriod, Deposit, Gender, InsuranceType, Interest,
                    InterestMethod, LateFee, Month, MonthCount, MonthPeriod, Movement, Promotion,
                    Retirement, Rounding, RoundingMode, RoundingUnit, Violation)

__all__ = ["Engine"]

DateLike = Union[_dt.date, _dt.datetime]
MonthLike = Union[Month, _dt.date, str]


class Engine:
    """A provident engine: loaded policy profiles and (optionally) a store.

    Args:
        policy: the default profile, a shipped name (``"national"``, ``"taiyuan"``, …) or the path
            of a profile file. Requests may name another one in their ``policy`` member.
        db: None for an in-memory store, or the path of a SQLite file.
        overlay: a reform: a policy overlay as TOML text (the profile format, holding only the keys
            it changes), or a path to such a file. The engine's default policy is the profile with
            the overlay applied; the shipped profile itself is never changed.
        lenient: carry the last value of a parameter forward instead of answering
            POLICY_NOT_IN_FORCE (responses then say so).
        readonly: open the store read-only.
        strict: refuse provisional figures (carried forward from an earlier period until the
            period's own figure is published, 暂按上年度标准执行) with POLICY_NOT_IN_FORCE instead of
            using them; by default they are used and responses name them in
            ``policy["provisional"]``.

    Raises:
        provident.PolicyError: the profile or the overlay does not load (the message names the
            file, key and line).
        provident.StoreError: the database cannot be opened.

    One engine may be shared by threads: calculators, stateless requests and the batches run
    concurrently with the GIL released; store-mode requests are serialised inside the engine.

    Example::

        >>> import provident, datetime
        >>> eng = provident.Engine("national")
        >>> eng.min_contribution_months(provident.Month(2033, 4))
        204
    """

    def __init__(self, policy: Union[str, os.PathLike] = "national", db: Optional[Union[str, os.PathLike]] = None,
                 overlay: Optional[Union[str, os.PathLike]] = None, *, lenient: bool = False,
                 readonly: bool = False, strict: bool = False):
        if isinstance(policy, os.PathLike):
            policy = os.fspath(policy)
        if not isinstance(policy, str):
            raise WrongType(f"policy: expected a profile name or path, got {type(policy).__name__}")
        if isinstance(db, os.PathLike):
            db = os.fspath(db)
        if db is not None and not isinstance(db, str):
            raise WrongType(f"db: expected a path or None, got {type(db).__name__}")
        if isinstance(overlay, os.PathLike):
            with open(overlay, encoding="utf-8") as f:
                overlay = f.read()
        if overlay is not None and not isinstance(overlay, str):
            raise WrongType(f"overlay: expected TOML text, a path or None, got {type(overlay).__name__}")
        self._native = _provident.Engine(policy or "national", db, overlay, bool(lenient), bool(readonly), bool(strict))
        self._policy_arg = policy or "national"
        self._has_overlay = overlay is not None

    # ------------------------------------------------------------------------------ basics

    @property
    def profile(self) -> str:
        """The default profile's name (``"national"``); ``"national+overlay"`` with an overlay."""
        return self._native.profile

    @property
    def closed(self) -> bool:
        return self._native.closed

    def close(self) -> None:
        """Closes the engine (and its store). Calls in flight on other threads finish first."""
        self._native.close()

    def __enter__(self) -> "Engine":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def __repr__(self) -> str:
        state = " closed" if self.closed else ""
        return f"<provident.Engine profile={self.profile!r}{state}>"

    @staticmethod
    def shipped_profiles() -> List[str]:
        """The names of the profiles compiled into the library."""
        return list(_provident.shipped_profiles())

    # ------------------------------------------------------------------------------ protocol

    def execute(self, request: Mapping[str, Any]) -> Dict[str, Any]:
        """Runs one request of the JSON protocol (protocol.md §1) and returns its response.

        The request is a dict of JSON values (money and rates are strings: ``"376.00"``,
        ``"12%"``); it is serialised, run by the engine, and the response parsed back, so the result
        is exactly what ``provident exec`` prints for the same request. Business denials
        (``violations``) and request errors (``error``) are part of the response: this method does
        not raise for them.

        Raises:
            provident.WrongType: the request is not a dict, or holds a value JSON has no form for
                (a Decimal, a date: write them as strings).
        """
        if not isinstance(request, Mapping):
            raise WrongType(f"execute() takes a dict, got {type(request).__name__}; "
                            "use execute_json() for JSON text")
        try:
            text = json.dumps(request, ensure_ascii=False, separators=(",", ":"))
        except TypeError as e:
            raise WrongType(f"the request holds a value with no JSON form ({e}); in the protocol money, rates, "
                            "dates and months are strings (\"376.00\", \"12%\", \"2026-07-03\", \"2026-07\")") from None
        except ValueError as e:  # circular references
            raise WrongType(f"the request cannot be written as JSON: {e}") from None
        return json.loads(self._native.execute_json(text.encode("utf-8", "surrogatepass")),
                          parse_float=Decimal)

    def execute_json(self, request: Union[str, bytes]) -> str:
        """Runs one request given as JSON text and returns the response as JSON text (one line),
        byte for byte what ``provident exec`` prints."""
        if isinstance(request, str):
            request = request.encode("utf-8", "surrogatepass")
        if not isinstance(request, (bytes, bytearray, memoryview)):
            raise WrongType(f"execute_json() takes str or bytes, got {type(request).__name__}")
        return self._native.execute_json(bytes(request))

    def _run(self, op: str, args: Dict[str, Any], *, as_of: Any = None, policy: Optional[str] = None,
             raise_violations: bool = True) -> Dict[str, Any]:
        request: Dict[str, Any] = {"op": op}
        if as_of is not None:
            request["as_of"] = as_of_text(as_of)
        if policy is not None:
            if not isinstance(policy, str):
                raise WrongType(f"policy: expected a profile name, got {type(policy).__name__}")
            request["policy"] = policy
        request["args"] = args
        response = self.execute(request)
        if response.get("error") is not None:
            raise error_from_response(response)
        if raise_violations and response.get("violations"):
            vs = tuple(Violation.from_json(v) for v in response["violations"])
            raise Rejected("; ".join(f"{v.code}: {v.message_en}" for v in vs), violations=vs,
                           field=vs[0].field, message="；".join(v.message for v in vs), response=response)
        return response

    # ------------------------------------------------------------------------------ typed API

    def parse_id(self, number: str, *, as_of: DateLike, policy: Optional[str] = None) -> CitizenId:
        """Parses and validates a citizen ID number (GB 11643-1999).

        A 15-digit number is converted to 18 digits; a lower-case ``x`` becomes ``X``. The birth
        date must be a real date not after ``as_of``.

        Raises:
            provident.Rejected: the number is not valid (``violations`` holds ID_FORMAT,
                ID_CHECKSUM and/or ID_BIRTH_DATE).
        """
        if not isinstance(number, str):
            raise WrongType(f"number: expected a str, got {type(number).__name__}", field="args.number")
        r = self._run("id.parse", {"number": number}, as_of=as_of, policy=policy)["result"]
        return CitizenId(number=r["number"], birth_date=_dt.date.fromisoformat(r["birth_date"]),
                         gender=Gender(r["gender"]), region=r["region"])

    def retirement(self, born: Union[_dt.date, str], category: Union[Category, str], *, as_of: DateLike,
                   policy: Optional[str] = None) -> Retirement:
        """Statutory retirement month and age under the rules in force on ``as_of``
        (arithmetic.md §3.5).

        Args:
            born: the date of birth, or a citizen ID number (its birth date is used, and its
                gender must agree with the category).
            category: ``Category.M60``, ``F55`` or ``F50`` (or the same as a string).

        Raises:
            provident.Rejected: an invalid ID number, or PENSION_CATEGORY_MISMATCH.
        """
        args: Dict[str, Any] = {}
        if isinstance(born, str):
            args["id_number"] = born
        elif isinstance(born, _dt.date) and not isinstance(born, _dt.datetime):
            args["birth_date"] = born.isoformat()
        else:
            raise WrongType(f"born: expected a date of birth or an ID number, got {type(born).__name__}")
        args["category"] = _category(category).value
        r = self._run("pension.retirement", args, as_of=as_of, policy=policy)["result"]
        return _retirement_from(r)

    def min_contribution_months(self, retirement_month: MonthLike, *, policy: Optional[str] = None) -> int:
        """Minimum contribution months for a monthly pension retiring in ``retirement_month``
        (180 up to 2029, +6 a year from 2030, 240 from 2039; arithmetic.md §3.6)."""
        r = self._run("pension.min_months", {"retirement_month": month_text(retirement_month, "retirement_month")},
                      policy=policy)["result"]
        return int(r["months"])

    def hpf_deposit(self, base: MoneyLike, employer_rate: RateLike, employee_rate: RateLike, *,
                    month: MonthLike, policy: Optional[str] = None) -> Deposit:
        """The monthly HPF deposit for a base and two rates: each part rounded by the rounding in
        force in ``month``, then added (arithmetic.md §3.1).

        Example::

            >>> eng.hpf_deposit(Decimal("2690"), Decimal("0.07"), "7%", month=Month(2025, 7))
            Deposit(employer_part=Decimal('188.00'), employee_part=Decimal('188.00'), monthly_deposit=Decimal('376.00'))
        """
        args = {"base": money_text(base, "args.base"),
                "employer_rate": rate_text(employer_rate, "args.employer_rate"),
                "employee_rate": rate_text(employee_rate, "args.employee_rate"),
                "month": month_text(month, "args.month")}
        r = self._run("hpf.deposit", args, policy=policy)["result"]
        return Deposit(Decimal(r["employer_part"]), Decimal(r["employee_part"]), Decimal(r["monthly_deposit"]))

    def late_fee(self, amount: MoneyLike, due_date: _dt.date, paid_date: _dt.date, *,
                 policy: Optional[str] = None) -> LateFee:
        """The late fee on one principal (arithmetic.md §3.3): each day after ``due_date`` through
        ``paid_date`` at the daily rate in force on it, rounded once.

        Example: 10,000.00 paid 30 days late → ``LateFee(days=30, fee=Decimal('150.00'))``.
        """
        args = {"amount": money_text(amount, "args.amount"), "due_date": date_text(due_date, "args.due_date"),
                "paid_date": date_text(paid_date, "args.paid_date")}
        r = self._run("si.late_fee", args, policy=policy)["result"]
        return LateFee(days=int(r["days"]), fee=Decimal(r["fee"]))

    def base_limits(self, year: int, *, policy: Optional[str] = None) -> BaseLimits:
        """SI contribution base limits of a year: floor and cap from the average wage (§3.2).

        Raises:
            provident.PolicyNotInForce: the profile has no average wage for that year (the
                national profile has none: use a city profile such as ``"xian"``).
        """
        r = self._run("si.base_limits", {"year": integer(year, "args.year")}, policy=policy)["result"]
        avg = r["avg_wage"]
        return BaseLimits(None if avg is None else Decimal(avg), Decimal(r["floor"]), Decimal(r["cap"]))

    def si_contribution(self, month: MonthLike, *, wage: Optional[MoneyLike] = None,
                        base: Optional[MoneyLike] = None, types: Optional[Iterable[Union[InsuranceType, str]]] = None,
                        policy: Optional[str] = None) -> Contribution:
        """SI contributions of one month per insurance type, from a declared ``wage`` (clamped to
        the base limits) or a given ``base`` (priced as given)."""
        args: Dict[str, Any] = {}
        if wage is not None:
            args["wage"] = money_text(wage, "args.wage")
        if base is not None:
            args["base"] = money_text(base, "args.base")
        args["month"] = month_text(month, "args.month")
        if types is not None:
            args["types"] = [InsuranceType(t).value for t in types]
        r = self._run("si.contribution", args, policy=policy)["result"]
        items = tuple(ContributionItem(InsuranceType(i["type"]), Decimal(i["employer"]), Decimal(i["employee"]))
                      for i in r["items"])
        return Contribution(base=Decimal(r["base"]), items=items, employer_total=Decimal(r["employer_total"]),
                            employee_total=Decimal(r["employee_total"]),
                            floor=Decimal(r["floor"]) if "floor" in r else None,
                            cap=Decimal(r["cap"]) if "cap" in r else None)

    def hpf_interest(self, year: int, opening_balance: MoneyLike,
                     movements: Iterable[Union[Movement, Tuple[_dt.date, MoneyLike]]] = (), *,
                     method: Optional[Union[InterestMethod, str]] = None, policy: Optional[str] = None) -> Interest:
        """HPF interest of the interest year ending 30 June of ``year`` (arithmetic.md §3.4).

        ``movements`` are deposits (positive) and withdrawals (negative) as :class:`Movement`
        or ``(date, amount)`` pairs.
        """
        mv = []
        for i, m in enumerate(movements):
            d, a = (m.date, m.amount) if isinstance(m, Movement) else m
            mv.append({"date": date_text(d, f"args.movements[{i}].date"),
                       "amount": money_text(a, f"args.movements[{i}].amount")})
        args: Dict[str, Any] = {"year": integer(year, "args.year"),
                                "opening_balance": money_text(opening_balance, "args.opening_balance"),
                                "movements": mv}
        if method is not None:
            args["method"] = InterestMethod(method).value
        r = self._run("hpf.interest", args, policy=policy)["result"]
        return Interest(Decimal(r["interest"]), Decimal(r["closing_balance"]), InterestMethod(r["method"]))

    def count_months(self, periods: Iterable[Union[MonthPeriod, Tuple[MonthLike, MonthLike]]], *,
                     add: Iterable[Union[MonthPeriod, Tuple[MonthLike, MonthLike]]] = (),
                     reduce: Iterable[Union[MonthPeriod, Tuple[MonthLike, MonthLike]]] = ()) -> MonthCount:
        """Contribution months counted as a set: ``|(paid ∪ add) \\ reduce|``, and the months paid
        twice (arithmetic.md §3.7).

        Raises:
            provident.Rejected: a period whose start is after its end (PERIOD_INVERTED).
        """
        args: Dict[str, Any] = {"periods": _month_periods(periods, "args.periods")}
        add_l = _month_periods(add, "args.add")
        reduce_l = _month_periods(reduce, "args.reduce")
        if add_l:
            args["add"] = add_l
        if reduce_l:
            args["reduce"] = reduce_l
        r = self._run("pension.count_months", args)["result"]
        return MonthCount(months=int(r["months"]), paid_twice=tuple(Month(m) for m in r["paid_twice"]))

    def check_claim(self, *, category: Union[Category, str], work_start_date: _dt.date,
                    retirement_date: _dt.date, work_years: Union[Age, Tuple[int, int]],
                    birth_date: Optional[_dt.date] = None, id_number: Optional[str] = None,
                    contribution_months: Optional[int] = None,
                    contribution_periods: Optional[Iterable[Union[MonthPeriod, Tuple[MonthLike, MonthLike]]]] = None,
                    adjustments: Iterable[Union[Adjustment, Tuple[str, MonthLike, MonthLike]]] = (),
                    special_jobs: Iterable[Union[DatePeriod, Tuple[_dt.date, _dt.date]]] = (),
                    promotions: Iterable[Union[Promotion, _dt.date, Tuple[_dt.date, Optional[_dt.date]]]] = (),
                    has_arrears: bool = False, as_of: DateLike, policy: Optional[str] = None) -> ClaimCheck:
        """Checks a pension claim (rules.md §5; the JSON op ``pension.check_claim``).

        Give the person by ``birth_date`` or ``id_number``, and the contributions by
        ``contribution_months`` or ``contribution_periods``. The answer lists every violated rule
        at once (``ClaimCheck.violations``); it does not raise for them.
        """
        args: Dict[str, Any] = {}
        if (birth_date is None) == (id_number is None):
            raise BadValue("give exactly one of birth_date and id_number", field="args.birth_date")
        if id_number is not None:
            if not isinstance(id_number, str):
                raise WrongType("id_number: expected a str", field="args.id_number")
            args["id_number"] = id_number
        else:
            args["birth_date"] = date_text(birth_date, "args.birth_date")
        args["category"] = _category(category).value
        args["work_start_date"] = date_text(work_start_date, "args.work_start_date")
        args["retirement_date"] = date_text(retirement_date, "args.retirement_date")
        wy = work_years if isinstance(work_years, Age) else Age(*work_years)
        args["work_years"] = {"years": integer(wy.years, "args.work_years.years"),
                              "months": integer(wy.months, "args.work_years.months")}
        if (contribution_months is None) == (contribution_periods is None):
            raise BadValue("give exactly one of contribution_months and contribution_periods",
                           field="args.contribution_months")
        if contribution_months is not None:
            args["contribution_months"] = integer(contribution_months, "args.contribution_months")
        else:
            args["contribution_periods"] = _month_periods(contribution_periods or (), "args.contribution_periods")
        adj = []
        for i, a in enumerate(adjustments):
            kind, start, end = (a.kind, a.start, a.end) if isinstance(a, Adjustment) else a
            adj.append({"kind": AdjustmentKind(kind).value, "from": month_text(start, f"args.adjustments[{i}].from"),
                        "to": month_text(end, f"args.adjustments[{i}].to")})
        args["adjustments"] = adj
        jobs = []
        for i, j in enumerate(special_jobs):
            start, end = (j.start, j.end) if isinstance(j, DatePeriod) else j
            jobs.append({"from": date_text(start, f"args.special_jobs[{i}].from"),
                         "to": date_text(end, f"args.special_jobs[{i}].to")})
        args["special_jobs"] = jobs
        promos = []
        for i, p in enumerate(promotions):
            if isinstance(p, Promotion):
                start, end = p.start, p.end
            elif isinstance(p, _dt.date):
                start, end = p, None
            else:
                start, end = p
            item = {"from": date_text(start, f"args.promotions[{i}].from")}
            if end is not None:
                item["to"] = date_text(end, f"args.promotions[{i}].to")
            promos.append(item)
        args["promotions"] = promos
        if not isinstance(has_arrears, bool):
            raise WrongType("has_arrears: expected a bool", field="args.has_arrears")
        args["has_arrears"] = has_arrears
        response = self._run("pension.check_claim", args, as_of=as_of, policy=policy, raise_violations=False)
        return _claim_from(response)

    def validate_credit_code(self, code: str) -> str:
        """Validates a unified social credit code (GB 32100-2015); returns it.

        Raises:
            provident.Rejected: USCC_INVALID.
        """
        return self._run("uscc.validate", {"code": _text(code, "args.code")})["result"]["code"]

    def validate_card(self, number: str, *, as_of: DateLike, policy: Optional[str] = None) -> str:
        """Validates a bank card number (16–19 digits, Luhn when the policy requires it); returns it
        masked (``6222 **** **** 1234``).

        Raises:
            provident.Rejected: CARD_INVALID.
        """
        return self._run("card.validate", {"number": _text(number, "args.number")}, as_of=as_of,
                         policy=policy)["result"]["masked"]

    def unit_login_name(self, unit_code: str) -> str:
        """The SI online-hall login name of a unit code (10 digits + "00", or 12 digits as they are).

        Raises:
            provident.Rejected: SI_UNIT_CODE_INVALID.
        """
        return self._run("si.unit_login_name", {"unit_code": _text(unit_code, "args.unit_code")})["result"]["login_name"]

    def deposit_rounding(self, month: MonthLike) -> Rounding:
        """The HPF deposit rounding (``hpf.deposit.rounding``) in force on day 1 of ``month``.

        Raises:
            provident.PolicyNotInForce: the profile has no rounding for that month.
        """
        mode, unit = self._native.deposit_rounding(Month.of(month).serial)
        return Rounding(RoundingMode(mode), RoundingUnit(unit))

    # ------------------------------------------------------------------------------ batches

    def hpf_deposit_batch(self, base_fen: Any, employer_rate_micros: Any, employee_rate_micros: Any,
                          as_of: Union[DateLike, Month], *, out: Optional[Tuple[Any, Any]] = None) -> Tuple[Any, Any]:
        """HPF deposits of a whole population, in C++ with the GIL released.

        Args:
            base_fen: int64 array of bases in fen (≥ 0).
            employer_rate_micros, employee_rate_micros: int64 arrays of rates in millionths
                (12% = 120000, within 0…1000000), or one rate for every row (an int of millionths,
                a Decimal or a string such as ``"12%"``).
            as_of: a date; the rounding is the policy's ``hpf.deposit.rounding`` in force on day 1
                of its month.
            out: optionally two preallocated int64 arrays (C-contiguous, writable, one element per
                row, not overlapping the inputs) to write into instead of allocating: repeated runs
                over the same population then allocate nothing.

        Returns:
            ``(employer_fen, employee_fen)``, int64 arrays (``out`` when given); the monthly deposit
            is their sum.

        Raises:
            provident.BatchError: a negative base or a rate outside 0…1 (``row`` names the first);
                nothing is computed.
            provident.FloatNotAllowed: a float array or value.
            provident.PolicyNotInForce: no rounding in force in that month.
        """
        month = as_of if isinstance(as_of, Month) else Month.of(as_of_date(as_of))
        return self._native.hpf_deposit_batch(base_fen, rate_micros(employer_rate_micros, "employer_rate_micros"),
                                              rate_micros(employee_rate_micros, "employee_rate_micros"), month.serial,
                                              out)

    def retirement_batch(self, birth_month: Any, category: Any, as_of: DateLike, *, detail: bool = False) -> Any:
        """Statutory retirement months of a whole population under the rules in force on ``as_of``.

        Args:
            birth_month: int64 array of birth month serials (``year*12 + month - 1``), or a
                ``datetime64`` array (its months are used).
            category: one category for everyone (``Category.F55`` or ``"F55"``), or an array of
                category codes (1 = M60, 2 = F55, 3 = F50, as in the C ABI; see ``Category.code``)
                or of strings.
            as_of: the day whose rules apply.
            detail: also return the delay and the flexible-retirement range.

        Returns:
            an int64 array of statutory retirement month serials; with ``detail=True`` a tuple
            ``(statutory_month, delay_months, earliest_month, latest_month)`` of int64 arrays.
        """
        from ._arrays import category_codes, month_serials
        return self._native.retirement_batch(month_serials(birth_month, "birth_month"), category_codes(category),
                                             day_serial(as_of_date(as_of)), bool(detail))

    def min_months_batch(self, retirement_month: Any) -> Any:
        """Minimum contribution months for an int64 array of retirement month serials (or a
        ``datetime64`` array), each read in force on day 1 of its month. Returns an int64 array.

        Raises:
            provident.PolicyNotInForce: a month outside the profile's window (the message names the row).
        """
        from ._arrays import month_serials
        return self._native.min_months_batch(month_serials(retirement_month, "retirement_month"))

    def late_fee_batch(self, principal_fen: Any, due_date: Any, paid_date: Any) -> Any:
        """Late fees on many principals (arithmetic.md §3.3), in fen.

        Args:
            principal_fen: int64 array of principals in fen (≥ 0).
            due_date, paid_date: int64 arrays of day serials (days since 1970-01-01),
                ``datetime64`` arrays, or one ``datetime.date`` for every row.

        Returns:
            an int64 array of fees in fen (the days late are ``max(paid - due, 0)``).
        """
        from ._arrays import day_serials
        return self._native.late_fee_batch(principal_fen, day_serials(due_date, "due_date"),
                                           day_serials(paid_date, "paid_date"))


# ---------------------------------------------------------------------------------- helpers

def _text(value: Any, field: str) -> str:
    if not isinstance(value, str):
        raise WrongType(f"{field}: expected a str, got {type(value).__name__}", field=field)
    return value


def _category(value: Union[Category, str]) -> Category:
    if isinstance(value, Category):
        return value
    if isinstance(value, str):
        try:
            return Category(value)
        except ValueError:
            raise BadValue(f"category: {value!r} is not M60, F55 or F50", field="args.category") from None
    raise WrongType(f"category: expected a Category or 'M60'/'F55'/'F50', got {type(value).__name__}",
                    field="args.category")


def _month_periods(periods: Iterable[Any], field: str) -> List[Dict[str, str]]:
    out = []
    for i, p in enumerate(periods):
        start, end = (p.start, p.end) if isinstance(p, MonthPeriod) else p
        out.append({"from": month_text(start, f"{field}[{i}].from"), "to": month_text(end, f"{field}[{i}].to")})
    return out


def _month_or_none(v: Any) -> Optional[Month]:
    return Month(v) if isinstance(v, str) else None


def _age(v: Any) -> Optional[Age]:
    return Age(int(v["years"]), int(v["months"])) if isinstance(v, Mapping) else None


def _retirement_from(r: Mapping[str, Any]) -> Retirement:
    return Retirement(statutory_month=Month(r["retirement_month"]), statutory_age=_age(r["statutory_age"]),  # type: ignore[arg-type]
                      delay_months=int(r["delay_months"]), original_month=_month_or_none(r.get("original_month")),
                      earliest_month=Month(r["earliest_month"]), latest_month=Month(r["latest_month"]))


def _months_tuple(v: Any) -> Tuple[Any, ...]:
    if not isinstance(v, list):
        return ()
    return tuple(Month(x) if isinstance(x, str) and len(x) == 7 else x for x in v)


def _claim_from(response: Mapping[str, Any]) -> ClaimCheck:
    r = response.get("result") or {}
    mm = r.get("min_months")
    cm = r.get("counted_months")
    return ClaimCheck(
        ok=bool(response["ok"]),
        violations=tuple(Violation.from_json(v) for v in response.get("violations", [])),
        statutory_month=_month_or_none(r.get("statutory_month")),
        statutory_age=_age(r.get("statutory_age")),
        earliest_month=_month_or_none(r.get("earliest_month")),
        min_months=int(mm) if isinstance(mm, int) else None,
        counted_months=int(cm) if isinstance(cm, int) else None,
        paid_twice=_months_tuple(r.get("paid_twice")),
        adjustment_overlaps=tuple(r.get("adjustment_overlaps") or ()),
        promotion_overlaps=tuple(r.get("promotion_overlaps") or ()),
        result=r,
    )
