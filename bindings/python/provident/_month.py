"""A contribution month (缴存年月): :class:`provident.Month`."""

from __future__ import annotations

import datetime as _dt
import functools
import re
from typing import Any, Optional, Union

__all__ = ["Month"]

_MONTH_RE = re.compile(r"^([0-9]{4})-(0[1-9]|1[0-2])$")


@functools.total_ordering
class Month:
    """A contribution month (缴存年月), ``Month(2026, 7)`` or ``Month("2026-07")``.

    ``serial`` is the integer the batch functions use: ``year*12 + month - 1``. Months add and
    subtract whole months: ``Month(2026, 7) + 6 == Month(2027, 1)``;
    ``Month(2027, 1) - Month(2026, 7) == 6``.
    """

    __slots__ = ("_serial",)

    def __init__(self, year: Union[int, str], month: Optional[int] = None):
        if isinstance(year, str) and month is None:
            m = _MONTH_RE.match(year)
            if not m:
                from .errors import BadValue
                raise BadValue(f"not a month: {year!r} (expected YYYY-MM)")
            year, month = int(m.group(1)), int(m.group(2))
        from ._scalars import plain_int
        year, month = plain_int(year), plain_int(month)  # type: ignore[assignment]  # numpy ints are ints
        if year is None or month is None:
            from .errors import WrongType
            raise WrongType("Month(year, month) takes two ints, or one 'YYYY-MM' string")
        if not (1 <= year <= 9999 and 1 <= month <= 12):
            from .errors import BadValue
            raise BadValue(f"not a month: {year}-{month}")
        self._serial = year * 12 + month - 1

    @classmethod
    def from_serial(cls, serial: int) -> "Month":
        """The month of a serial ``year*12 + month - 1``."""
        return cls(int(serial) // 12, int(serial) % 12 + 1)

    @classmethod
    def of(cls, value: Union["Month", _dt.date, str], field: str = "month") -> "Month":
        """A Month from a Month, a date (its month), a ``"YYYY-MM"`` string, a ``pd.Timestamp`` or
        ``np.datetime64`` (its month; a zone-aware Timestamp is refused) or a ``pd.Period`` of
        monthly or daily frequency."""
        if isinstance(value, Month):
            return value
        from ._scalars import foreign_month
        year_month = foreign_month(value, field)
        if year_month is not None:
            return cls(*year_month)
        if isinstance(value, _dt.date):
            return cls(value.year, value.month)
        if isinstance(value, str):
            return cls(value)
        from .errors import WrongType
        raise WrongType(f"expected a Month, a date or 'YYYY-MM', got {type(value).__name__}")

    @property
    def serial(self) -> int:
        return self._serial

    @property
    def year(self) -> int:
        return self._serial // 12

    @property
    def month(self) -> int:
        return self._serial % 12 + 1

    def first_day(self) -> _dt.date:
        return _dt.date(self.year, self.month, 1)

    def last_day(self) -> _dt.date:
        nxt = self + 1
        return nxt.first_day() - _dt.timedelta(days=1) if nxt.year <= 9999 else _dt.date(9999, 12, 31)

    def __add__(self, months: int) -> "Month":
        if not isinstance(months, int) or isinstance(months, bool):
            return NotImplemented
        return Month.from_serial(self._serial + months)

    __radd__ = __add__

    def __sub__(self, other: Union["Month", int]) -> Any:
        if isinstance(other, Month):
            return self._serial - other._serial
        if isinstance(other, int) and not isinstance(other, bool):
            return Month.from_serial(self._serial - other)
        return NotImplemented

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Month) and other._serial == self._serial

    def __lt__(self, other: "Month") -> bool:
        if not isinstance(other, Month):
            return NotImplemented
        return self._serial < other._serial

    def __hash__(self) -> int:
        return hash(("Month", self._serial))

    def __str__(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    def __repr__(self) -> str:
        return f"Month('{self}')"

    def __reduce__(self) -> Any:
        return (Month, (self.year, self.month))
