"""provident — China's housing provident fund (HPF) and social insurance (SI) rules, exactly.

Three ways in:

* **The JSON protocol**, as every surface speaks it::

      eng = provident.Engine("national")
      eng.execute({"op": "pension.min_months", "args": {"retirement_month": "2033-04"}})
      # -> {"ok": True, "result": {"months": 204}, ...}   (identical to `provident exec`)

* **The typed API** — dates are ``datetime.date``, money and rates ``decimal.Decimal``
  (a float raises :class:`FloatNotAllowed`), months :class:`Month`::

      provident.retirement(date(1971, 5, 1), Category.M60, as_of=date(2025, 1, 1))
      provident.hpf_deposit(Decimal("2690"), Decimal("0.07"), Decimal("0.07"), month=Month(2025, 7))
      provident.late_fee(Decimal("10000"), date(2026, 3, 15), date(2026, 4, 14))

  The module-level functions use a shared engine on the ``national`` profile; pass ``policy=`` to
  evaluate a request under another shipped profile, or use an :class:`Engine`'s methods.

* **Populations** — numpy int64 arrays in, int64 arrays out, in C++ with the GIL released:
  :meth:`Engine.hpf_deposit_batch`, :meth:`Engine.retirement_batch`,
  :meth:`Engine.min_months_batch`, :meth:`Engine.late_fee_batch`, and
  :func:`provident.pandas.evaluate_people` for a DataFrame; :mod:`provident.dask` runs every batch
  calculator over dask DataFrames and arrays, on threads or a cluster (docs/dask.md). Reforms are overlays:
  ``Engine("national", overlay="reform.toml")`` (a path) or ``overlay_text=toml_text``.

Money in arrays is int64 fen, rates int64 millionths (12% = 120000), months serials
``year*12 + month - 1``, days serials since 1970-01-01.
"""

from __future__ import annotations

import datetime as _dt
import threading as _threading
from typing import Any, Iterable, Optional, Tuple, Union

from . import _provident
from ._convert import MoneyLike, RateLike
from ._typed import DateLike, MonthLike
from .engine import Engine
from .errors import (BadValue, BatchError, Error, FloatNotAllowed, IdConflict, InputError, InternalError,
                     MalformedRequest, MissingField, NotFound, PolicyError, PolicyNotInForce, Rejected,
                     StoreError, TooLarge, UnknownOperation, WrongType)
from .types import (AccountStatus, Adjustment, AdjustmentKind, Age, BaseLimits, BillStatus, CaseStatus,
                    Category, CitizenId, ClaimCheck, Contribution, ContributionItem, DatePeriod, Deposit, Gender,
                    InsuranceType, Interest, InterestMethod, LateFee, Month, MonthCount, MonthPeriod, Movement,
                    PolicyValue, Promotion, Retirement, Rounding, RoundingMode, RoundingUnit, UnitStatus, Violation)

__version__: str = _provident.__version__

__all__ = [
    # engine and protocol
    "Engine", "default_engine", "shipped_profiles",
    # typed API
    "parse_id", "retirement", "min_contribution_months", "hpf_deposit", "late_fee", "check_claim",
    "base_limits", "si_contribution", "hpf_interest", "count_months", "validate_credit_code",
    "validate_card", "unit_login_name",
    # values and results
    "Month", "Age", "Rounding", "Violation", "CitizenId", "Retirement", "Deposit", "LateFee", "BaseLimits",
    "Contribution", "ContributionItem", "Interest", "Movement", "MonthPeriod", "DatePeriod", "Adjustment",
    "Promotion", "MonthCount", "ClaimCheck", "PolicyValue",
    # enums
    "Category", "Gender", "AccountStatus", "UnitStatus", "CaseStatus", "BillStatus", "RoundingMode",
    "RoundingUnit", "InterestMethod", "InsuranceType", "AdjustmentKind",
    # exceptions
    "Error", "InputError", "MalformedRequest", "UnknownOperation", "MissingField", "BadValue", "BatchError",
    "TooLarge", "NotFound", "Rejected", "PolicyError", "PolicyNotInForce", "IdConflict", "StoreError",
    "InternalError", "WrongType", "FloatNotAllowed",
]

_default: Optional[Engine] = None
_default_lock = _threading.Lock()



def default_engine() -> Engine:
    """The shared engine of the module-level functions: the ``national`` profile, in-memory store."""
    global _default
    if _default is None:
        with _default_lock:
            if _default is None:
                _default = Engine("national")
    return _default


def shipped_profiles() -> list:
    """The names of the profiles compiled into the library (``["national", ...]``)."""
    return Engine.shipped_profiles()


def parse_id(number: str, *, as_of: DateLike, policy: Optional[str] = None) -> CitizenId:
    """Parses and validates a citizen ID number. See :meth:`Engine.parse_id`.

    >>> provident.parse_id("11010519491231002X", as_of=date(2026, 1, 1))
    CitizenId(number='11010519491231002X', birth_date=datetime.date(1949, 12, 31), gender=<Gender.FEMALE: 'F'>, region='110105')
    """
    return default_engine().parse_id(number, as_of=as_of, policy=policy)


def retirement(born: Union[_dt.date, str], category: Union[Category, str], *, as_of: DateLike,
               policy: Optional[str] = None) -> Retirement:
    """Statutory retirement month and age. See :meth:`Engine.retirement`."""
    return default_engine().retirement(born, category, as_of=as_of, policy=policy)


def min_contribution_months(retirement_month: MonthLike, *, policy: Optional[str] = None) -> int:
    """Minimum contribution months for a retirement month. See :meth:`Engine.min_contribution_months`."""
    return default_engine().min_contribution_months(retirement_month, policy=policy)


def hpf_deposit(base: MoneyLike, employer_rate: RateLike, employee_rate: RateLike, *, month: MonthLike,
                policy: Optional[str] = None) -> Deposit:
    """The monthly HPF deposit, each part rounded. See :meth:`Engine.hpf_deposit`."""
    return default_engine().hpf_deposit(base, employer_rate, employee_rate, month=month, policy=policy)


def late_fee(amount: MoneyLike, due_date: _dt.date, paid_date: _dt.date, *, policy: Optional[str] = None) -> LateFee:
    """The late fee on one principal. See :meth:`Engine.late_fee`."""
    return default_engine().late_fee(amount, due_date, paid_date, policy=policy)


def check_claim(*, category: Union[Category, str], work_start_date: _dt.date, retirement_date: _dt.date,
                work_years: Union[Age, Tuple[int, int]], birth_date: Optional[_dt.date] = None,
                id_number: Optional[str] = None, contribution_months: Optional[int] = None,
                contribution_periods: Optional[Iterable[Any]] = None, adjustments: Iterable[Any] = (),
                special_jobs: Iterable[Any] = (), promotions: Iterable[Any] = (), has_arrears: bool = False,
                as_of: DateLike, policy: Optional[str] = None) -> ClaimCheck:
    """Checks a pension claim and lists every violated rule. See :meth:`Engine.check_claim`."""
    return default_engine().check_claim(
        category=category, work_start_date=work_start_date, retirement_date=retirement_date, work_years=work_years,
        birth_date=birth_date, id_number=id_number, contribution_months=contribution_months,
        contribution_periods=contribution_periods, adjustments=adjustments, special_jobs=special_jobs,
        promotions=promotions, has_arrears=has_arrears, as_of=as_of, policy=policy)


def base_limits(year: int, *, policy: Optional[str] = None) -> BaseLimits:
    """SI base limits of a year. See :meth:`Engine.base_limits`."""
    return default_engine().base_limits(year, policy=policy)


def si_contribution(month: MonthLike, *, wage: Optional[MoneyLike] = None, base: Optional[MoneyLike] = None,
                    types: Optional[Iterable[Union[InsuranceType, str]]] = None,
                    policy: Optional[str] = None) -> Contribution:
    """SI contributions of one month. See :meth:`Engine.si_contribution`."""
    return default_engine().si_contribution(month, wage=wage, base=base, types=types, policy=policy)


def hpf_interest(year: int, opening_balance: MoneyLike, movements: Iterable[Any] = (), *,
                 method: Optional[Union[InterestMethod, str]] = None, policy: Optional[str] = None) -> Interest:
    """HPF interest of one interest year. See :meth:`Engine.hpf_interest`."""
    return default_engine().hpf_interest(year, opening_balance, movements, method=method, policy=policy)


def count_months(periods: Iterable[Any], *, add: Iterable[Any] = (), reduce: Iterable[Any] = ()) -> MonthCount:
    """Contribution months counted as a set. See :meth:`Engine.count_months`."""
    return default_engine().count_months(periods, add=add, reduce=reduce)


def validate_credit_code(code: str) -> str:
    """Validates a unified social credit code. See :meth:`Engine.validate_credit_code`."""
    return default_engine().validate_credit_code(code)


def validate_card(number: str, *, as_of: DateLike, policy: Optional[str] = None) -> str:
    """Validates a bank card number and masks it. See :meth:`Engine.validate_card`."""
    return default_engine().validate_card(number, as_of=as_of, policy=policy)


def unit_login_name(unit_code: str) -> str:
    """The SI online-hall login name of a unit code. See :meth:`Engine.unit_login_name`."""
    return default_engine().unit_login_name(unit_code)


def _share_docs() -> None:
    """The module-level functions carry the full documentation of the Engine methods they call."""
    import inspect
    for name in ("parse_id", "retirement", "min_contribution_months", "hpf_deposit", "late_fee", "check_claim",
                 "base_limits", "si_contribution", "hpf_interest", "count_months", "validate_credit_code",
                 "validate_card", "unit_login_name"):
        method = getattr(Engine, name)
        note = "\n\n        This module-level function uses :func:`default_engine` (the national profile)"
        if "policy" in inspect.signature(method).parameters:
            note += ";\n        ``policy=`` names another shipped profile for this request"
        if method.__doc__:
            globals()[name].__doc__ = method.__doc__.rstrip() + note + "."


_share_docs()
