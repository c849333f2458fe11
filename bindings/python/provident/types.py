"""Value types, enums and result objects of the typed API.

Money is :class:`decimal.Decimal` (two decimals, ``Decimal("376.00")``), rates are ``Decimal``
(``Decimal("0.12")``), days are :class:`datetime.date`, contribution months are :class:`Month`.
Nothing here is ever a float.
"""

from __future__ import annotations

import datetime as _dt
import enum
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Dict, Mapping, Optional, Tuple, Union

from ._month import Month

__all__ = [
    "Category", "Gender", "AccountStatus", "UnitStatus", "CaseStatus", "BillStatus", "RoundingMode",
    "RoundingUnit", "InterestMethod", "InsuranceType", "AdjustmentKind", "Month", "Age", "Rounding",
    "Violation", "CitizenId", "Retirement", "Deposit", "LateFee", "BaseLimits", "ContributionItem",
    "Contribution", "Interest", "Movement", "MonthPeriod", "DatePeriod", "Adjustment", "Promotion",
    "MonthCount", "ClaimCheck",
]

try:  # Python ≥ 3.11
    from enum import StrEnum as _StrEnum
except ImportError:  # pragma: no cover - older interpreters
    class _StrEnum(str, enum.Enum):  # type: ignore[no-redef]
        def __str__(self) -> str:
            return str(self.value)


# ---------------------------------------------------------------------------------------- enums

class Category(_StrEnum):
    """Retirement category (arithmetic.md §3.5).

    ``M60`` men (original age 60, up to 63 under the 2024 reform), ``F55`` women cadres (55 → 58),
    ``F50`` women workers (50 → 55). ``Category.code`` is the integer the batch functions take
    (1, 2, 3: the C ABI's ``PVD_CATEGORY_M60``, ``_F55``, ``_F50``).
    """

    M60 = "M60"
    F55 = "F55"
    F50 = "F50"

    @property
    def code(self) -> int:
        """1 (M60), 2 (F55) or 3 (F50): the category code of the batch functions and the C ABI."""
        return _CATEGORY_CODES[self]

    @property
    def female(self) -> bool:
        return self is not Category.M60

    @classmethod
    def from_code(cls, code: int) -> "Category":
        return _CATEGORIES_BY_CODE[code]


_CATEGORY_CODES = {Category.M60: 1, Category.F55: 2, Category.F50: 3}
_CATEGORIES_BY_CODE = {v: k for k, v in _CATEGORY_CODES.items()}


class Gender(_StrEnum):
    """Gender as a citizen ID number encodes it (odd sequence = male)."""

    MALE = "M"
    FEMALE = "F"


class AccountStatus(_StrEnum):
    """HPF account status (state.md §2)."""

    NORMAL = "normal"
    SEALED = "sealed"
    CLOSED = "closed"


class UnitStatus(_StrEnum):
    ACTIVE = "active"
    SUSPENDED = "suspended"


class CaseStatus(_StrEnum):
    """Status of a reviewed case (rules.md §6)."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    APPROVED = "approved"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"


class BillStatus(_StrEnum):
    OPEN = "open"
    PAID = "paid"
    WITHDRAWN = "withdrawn"


class RoundingMode(_StrEnum):
    """Rounding modes (arithmetic.md §2)."""

    HALF_UP = "half_up"
    HALF_EVEN = "half_even"
    UP = "up"
    DOWN = "down"
    FEN_THEN_UP = "fen_then_up"


class RoundingUnit(_StrEnum):
    FEN = "fen"
    JIAO = "jiao"
    YUAN = "yuan"


class InterestMethod(_StrEnum):
    """HPF interest methods (arithmetic.md §3.4)."""

    MONTHLY = "monthly"
    DAILY = "daily"
    TWO_RATE = "two_rate"


class InsuranceType(_StrEnum):
    PENSION = "pension"
    MEDICAL = "medical"
    UNEMPLOYMENT = "unemployment"
    INJURY = "injury"
    MATERNITY = "maternity"


class AdjustmentKind(_StrEnum):
    """核增 (add) and 核减 (reduce) periods of a pension claim."""

    ADD = "add"
    REDUCE = "reduce"



# ---------------------------------------------------------------------------------------- results

@dataclass(frozen=True)
class Age:
    """An age in whole years and months (the statutory retirement age: 63 years 0 months)."""

    years: int
    months: int

    def __str__(self) -> str:
        return f"{self.years} years {self.months} months"

    @property
    def total_months(self) -> int:
        return self.years * 12 + self.months


@dataclass(frozen=True)
class Rounding:
    """A rounding rule of the policy: a mode applied to a unit (``half_up`` to ``yuan``)."""

    mode: RoundingMode
    unit: RoundingUnit

    def __str__(self) -> str:
        return f"{self.mode} to {self.unit}"


@dataclass(frozen=True)
class Violation:
    """One violated rule: a stable code, messages in Chinese and English, the field, the source."""

    code: str
    message: str
    message_en: str
    field: Optional[str]
    source: str
    row: Optional[int] = None

    @classmethod
    def from_json(cls, v: Mapping[str, Any]) -> "Violation":
        return cls(code=v["code"], message=v.get("message", ""), message_en=v.get("message_en", ""),
                   field=v.get("field"), source=v.get("source", ""), row=v.get("row"))

    def __str__(self) -> str:
        where = f" [{self.field}]" if self.field else ""
        return f"{self.code}{where}: {self.message_en} ({self.source})"


@dataclass(frozen=True)
class CitizenId:
    """A parsed citizen ID number (GB 11643-1999): 18 characters, upper-case X."""

    number: str
    birth_date: _dt.date
    gender: Gender
    region: str


@dataclass(frozen=True)
class Retirement:
    """Statutory retirement under the 2024 reform (arithmetic.md §3.5).

    ``statutory_month`` = original month + ``delay_months``; flexible retirement may choose any
    month from ``earliest_month`` to ``latest_month``.
    """

    statutory_month: Month
    statutory_age: Age
    delay_months: int
    original_month: Optional[Month]
    earliest_month: Month
    latest_month: Month


@dataclass(frozen=True)
class Deposit:
    """A monthly HPF deposit: each part rounded by the policy, then added (arithmetic.md §3.1)."""

    employer_part: Decimal
    employee_part: Decimal
    monthly_deposit: Decimal


@dataclass(frozen=True)
class LateFee:
    """A late fee (滞纳金): ``days`` counted after the due date and the ``fee`` (arithmetic.md §3.3)."""

    days: int
    fee: Decimal


@dataclass(frozen=True)
class BaseLimits:
    """SI contribution base limits of a year (arithmetic.md §3.2). ``avg_wage`` is None where the
    profile states the limits themselves (Beijing: not 60% / 300% of an average wage)."""

    avg_wage: Optional[Decimal]
    floor: Decimal
    cap: Decimal


@dataclass(frozen=True)
class ContributionItem:
    type: InsuranceType
    employer: Decimal
    employee: Decimal


@dataclass(frozen=True)
class Contribution:
    """SI contributions of one month per insurance type."""

    base: Decimal
    items: Tuple[ContributionItem, ...]
    employer_total: Decimal
    employee_total: Decimal
    floor: Optional[Decimal] = None
    cap: Optional[Decimal] = None


@dataclass(frozen=True)
class Interest:
    """HPF interest of one interest year (1 July – 30 June; arithmetic.md §3.4)."""

    interest: Decimal
    closing_balance: Decimal
    method: InterestMethod


@dataclass(frozen=True)
class Movement:
    """A deposit (positive) or a withdrawal (negative) on a day, for :func:`provident.hpf_interest`."""

    date: _dt.date
    amount: Union[Decimal, int, str]


@dataclass(frozen=True)
class MonthPeriod:
    """An inclusive range of contribution months."""

    start: Month
    end: Month

    def __str__(self) -> str:
        return f"{self.start}..{self.end}"


@dataclass(frozen=True)
class DatePeriod:
    """An inclusive range of days; ``end`` may be None where the protocol allows an open end."""

    start: _dt.date
    end: Optional[_dt.date]


@dataclass(frozen=True)
class Adjustment:
    """A deemed (add, 核增) or reduced (reduce, 核减) period of a pension claim."""

    kind: AdjustmentKind
    start: Month
    end: Month


@dataclass(frozen=True)
class Promotion:
    """A promotion record of a pension claim (an open end is None)."""

    start: _dt.date
    end: Optional[_dt.date] = None


@dataclass(frozen=True)
class MonthCount:
    """Contribution months counted as a set (arithmetic.md §3.7)."""

    months: int
    paid_twice: Tuple[Month, ...]


@dataclass(frozen=True)
class ClaimCheck:
    """The check of a pension claim (rules.md §5): ``ok`` with no violations, else every violation.

    Numbers the engine computed are set even on a denial; ``result`` keeps the raw JSON result.
    """

    ok: bool
    violations: Tuple[Violation, ...]
    statutory_month: Optional[Month]
    statutory_age: Optional[Age]
    earliest_month: Optional[Month]
    min_months: Optional[int]
    counted_months: Optional[int]
    paid_twice: Tuple[Month, ...]
    adjustment_overlaps: Tuple[Any, ...]
    promotion_overlaps: Tuple[Any, ...]
    result: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def codes(self) -> Tuple[str, ...]:
        """The violation codes, in order."""
        return tuple(v.code for v in self.violations)


@dataclass(frozen=True)
class PolicyValue:
    """A policy parameter in force on a day (docs/queries.md §7): ``value`` is a ``Decimal`` for
    money and rates, an ``int``, ``bool`` or ``str`` for the plain kinds, and the engine's JSON
    (a dict or list) for structured ones; ``text`` is its description either way. ``valid_from``
    and ``valid_to`` bound the version (``valid_to`` None: open-ended); ``in_force`` is False (and
    the rest None) for a parameter of a group that has no value that day."""

    parameter: str
    kind: str
    in_force: bool
    value: Any = None
    text: Optional[str] = None
    version: Optional[str] = None
    valid_from: Optional[_dt.date] = None
    valid_to: Optional[_dt.date] = None
    source: Optional[str] = None
    note: Optional[str] = None
    verified: Optional[bool] = None
    provisional: Optional[bool] = None

    @classmethod
    def from_json(cls, j: Dict[str, Any]) -> "PolicyValue":
        if not j.get("in_force"):
            return cls(j["parameter"], j["kind"], False)
        value = j["value"]
        if j["kind"] in ("money", "rate"):
            value = Decimal(value)
        day = _dt.date.fromisoformat
        return cls(j["parameter"], j["kind"], True, value, j["text"], j["version"], day(j["from"]),
                   day(j["to"]) if j["to"] else None, j["source"], j["note"], j["verified"], j["provisional"])
