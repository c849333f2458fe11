"""The typed calls of :class:`provident.Engine`: Python values in, one JSON request through the
engine, typed results out (dates are ``datetime.date``, money ``Decimal``, months :class:`Month`)."""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal
from typing import Any, Callable, Dict, Iterable, Mapping, Optional, Tuple, Union

from ._convert import (MoneyLike, RateLike, date_text, integer, money_text, month_text, rate_text)
from .errors import BadValue, WrongType
from .types import (Age, BaseLimits, Category, CitizenId, Contribution, ContributionItem, Deposit, Gender,
                    InsuranceType, Interest, InterestMethod, LateFee, Month, Movement, PolicyValue, Retirement)

__all__ = ["TypedCalls", "DateLike", "MonthLike", "category_of"]

DateLike = Union[_dt.date, _dt.datetime]
MonthLike = Union[Month, _dt.date, str]


class TypedCalls:
    """The typed API over the JSON protocol (mixed into :class:`provident.Engine`)."""

    _run: Callable[..., Dict[str, Any]]

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
        else:
            try:
                args["birth_date"] = date_text(born, "args.birth_date")
            except WrongType:
                raise WrongType(f"born: expected a date of birth or an ID number, got {type(born).__name__}",
                                field="args.birth_date") from None
        args["category"] = category_of(category).value
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
        """SI contribution base limits of a year: floor and cap from the average wage (arithmetic.md §3.2).

        Raises:
            provident.PolicyNotInForce: the profile has no average wage for that year (the
                national profile has none: use a city profile such as ``"xian"``).
        """
        r = self._run("si.base_limits", {"year": integer(year, "args.year")}, policy=policy)["result"]
        avg = r["avg_wage"]
        return BaseLimits(None if avg is None else Decimal(avg), Decimal(r["floor"]), Decimal(r["cap"]))

    def policy_get(self, key: str, on: _dt.date, *, profile: Optional[str] = None) -> PolicyValue:
        """One policy parameter in force on a day, with its version, dates, source and flags: the
        figure the engine will use (docs/queries.md §7). ``profile`` names a shipped profile; None
        reads the engine's own (its overlay applied).

        Example: ``policy_get("hpf.base.floor", date(2024, 7, 1), profile="shanghai").value`` →
        ``Decimal('2690.00')``.

        Raises:
            provident.BadValue: ``key`` is not a parameter (a group: use :meth:`policy_group`).
            provident.PolicyNotInForce: the parameter has no value on that day.
        """
        r = self._policy_get(key, on, profile)
        if "parameters" in r:
            raise BadValue(f"{key} is a group of parameters: use policy_group()", field="args.key")
        return PolicyValue.from_json(r)

    def policy_group(self, key: str, on: _dt.date, *, profile: Optional[str] = None) -> Dict[str, PolicyValue]:
        """Every parameter under a node of the dotted parameter tree (``"hpf.base"``) on a day, by
        name; a parameter without a value that day has ``in_force`` False."""
        r = self._policy_get(key, on, profile)
        if "parameters" not in r:
            return {r["parameter"]: PolicyValue.from_json(r)}
        return {p["parameter"]: PolicyValue.from_json(p) for p in r["parameters"]}

    def _policy_get(self, key: str, on: _dt.date, profile: Optional[str]) -> Dict[str, Any]:
        if not isinstance(key, str):
            raise WrongType(f"expected a parameter name, got {type(key).__name__}", field="args.key")
        args: Dict[str, Any] = {"key": key, "date": date_text(on, "args.date")}
        if profile is not None:
            if not isinstance(profile, str):
                raise WrongType(f"expected a profile name, got {type(profile).__name__}", field="args.profile")
            args["profile"] = profile
        return self._run("policy.get", args)["result"]

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



# ---------------------------------------------------------------------------------- helpers

def _text(value: Any, field: str) -> str:
    if not isinstance(value, str):
        raise WrongType(f"{field}: expected a str, got {type(value).__name__}", field=field)
    return value


def category_of(value: Union[Category, str]) -> Category:
    """A Category from a Category or its name (``"F55"``)."""
    if isinstance(value, Category):
        return value
    if isinstance(value, str):
        try:
            return Category(value)
        except ValueError:
            raise BadValue(f"category: {value!r} is not M60, F55 or F50", field="args.category") from None
    raise WrongType(f"category: expected a Category or 'M60'/'F55'/'F50', got {type(value).__name__}",
                    field="args.category")


def month_or_none(v: Any) -> Optional[Month]:
    return Month(v) if isinstance(v, str) else None


def age_or_none(v: Any) -> Optional[Age]:
    return Age(int(v["years"]), int(v["months"])) if isinstance(v, Mapping) else None


def _retirement_from(r: Mapping[str, Any]) -> Retirement:
    return Retirement(statutory_month=Month(r["retirement_month"]), statutory_age=age_or_none(r["statutory_age"]),  # type: ignore[arg-type]
                      delay_months=int(r["delay_months"]), original_month=month_or_none(r.get("original_month")),
                      earliest_month=Month(r["earliest_month"]), latest_month=Month(r["latest_month"]))
