"""numpy and pandas scalars as the plain Python values the typed API takes (issue 19 (4)).

* integers: ``np.int64``, ``np.int32``, … are ints (a ``bool``/``np.bool_`` never is);
  ``np.bool_`` is a bool;
* days: ``pd.Timestamp`` and ``np.datetime64`` at midnight, ``pd.Period`` of daily frequency;
* months: ``pd.Timestamp``/``np.datetime64`` of any time in the month, ``pd.Period`` of monthly or
  daily frequency;
* missing values (``pd.NaT``, ``np.datetime64("NaT")``, ``pd.NA``) are refused, never guessed;
* a time-zone-aware Timestamp is refused as a day or a month: the engine never guesses a zone
  (convert it first: ``ts.tz_convert("Asia/Shanghai").tz_localize(None)``). A moment (``as_of``) is
  different: an aware one is converted to China Standard Time, as an aware ``datetime`` is.

numpy and pandas are looked up in ``sys.modules`` only: a value cannot be one of their scalars
unless the caller imported them, so the package never imports pandas for a plain value.
"""

from __future__ import annotations

import datetime as _dt
import numbers
import sys
from typing import Any, Optional, Tuple

from .errors import BadValue, WrongType

__all__ = ["plain_int", "plain_bool", "is_missing", "foreign_day", "foreign_month", "foreign_moment"]

_EPOCH = _dt.date(1970, 1, 1)


def _np() -> Any:
    return sys.modules.get("numpy")


def _pd() -> Any:
    return sys.modules.get("pandas")


def plain_int(value: Any) -> Optional[int]:
    """An exact integer as a Python int (``int``, ``np.int64``, …), else None; never a bool."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    np = _np()
    if np is not None and isinstance(value, np.bool_):
        return None
    if isinstance(value, numbers.Integral):
        return int(value)
    return None


def plain_bool(value: Any) -> Optional[bool]:
    """A bool or ``np.bool_`` as a bool, else None."""
    if isinstance(value, bool):
        return value
    np = _np()
    if np is not None and isinstance(value, np.bool_):
        return bool(value)
    return None


def is_missing(value: Any) -> bool:
    """``pd.NA``, ``pd.NaT`` or ``np.datetime64("NaT")`` (None is a wrong type, not a missing value)."""
    pd = _pd()
    if pd is not None and (value is pd.NA or value is pd.NaT):
        return True
    np = _np()
    return np is not None and isinstance(value, (np.datetime64, np.timedelta64)) and bool(np.isnat(value))


def _missing(field: str) -> BadValue:
    return BadValue(f"{field}: the value is missing (NA/NaT)", field=field,
                    message=f"{field}：值缺失（NA/NaT）")


def _refuse_aware(value: Any, field: str, what: str) -> None:
    if getattr(value, "tzinfo", None) is not None:
        raise WrongType(f"{field}: a time-zone-aware {type(value).__name__} ({value}) is not a {what}: the engine "
                        "never guesses a zone; convert it first, e.g. ts.tz_convert('Asia/Shanghai')"
                        ".tz_localize(None)", field=field)


def _datetime64_parts(value: Any) -> Tuple[str, int]:
    """(unit, day serial) of a numpy datetime64 scalar; the unit is numpy's ('D', 'M', 'ns', …)."""
    np = _np()
    unit = np.datetime_data(value.dtype)[0]
    return unit, int(value.astype("datetime64[D]").astype(np.int64))


def _date_of_serial(days: int, field: str) -> _dt.date:
    try:
        return _EPOCH + _dt.timedelta(days=days)
    except OverflowError:
        raise BadValue(f"{field}: {days} days from 1970-01-01 is outside the calendar", field=field) from None


def foreign_day(value: Any, field: str) -> Optional[_dt.date]:
    """The day of a pandas/numpy date scalar; None when ``value`` is none of them."""
    if is_missing(value):
        raise _missing(field)
    pd, np = _pd(), _np()
    if pd is not None and isinstance(value, pd.Timestamp):
        _refuse_aware(value, field, "day")
        if value != value.normalize():
            raise BadValue(f"{field}: {value} has a time of day; a day is wanted (ts.normalize() or ts.date())",
                           field=field)
        return value.date()
    if pd is not None and isinstance(value, pd.Period):
        if value.freqstr != "D":
            raise WrongType(f"{field}: a Period of frequency {value.freqstr} ({value}) is not a day: use freq 'D'",
                            field=field)
        return _dt.date(value.year, value.month, value.day)
    if np is not None and isinstance(value, np.datetime64):
        unit, days = _datetime64_parts(value)
        if unit in ("Y", "M"):
            raise WrongType(f"{field}: {value} (datetime64[{unit}]) is not a day", field=field)
        if value != value.astype("datetime64[D]"):
            raise BadValue(f"{field}: {value} has a time of day; a day is wanted", field=field)
        return _date_of_serial(days, field)
    return None


def foreign_month(value: Any, field: str) -> Optional[Tuple[int, int]]:
    """(year, month) of a pandas/numpy date or period scalar; None when ``value`` is none of them."""
    if is_missing(value):
        raise _missing(field)
    pd, np = _pd(), _np()
    if pd is not None and isinstance(value, pd.Timestamp):
        _refuse_aware(value, field, "month")
        return value.year, value.month
    if pd is not None and isinstance(value, pd.Period):
        if value.freqstr not in ("M", "D"):
            raise WrongType(f"{field}: a Period of frequency {value.freqstr} ({value}) is not a month: use freq 'M'",
                            field=field)
        return value.year, value.month
    if np is not None and isinstance(value, np.datetime64):
        unit, days = _datetime64_parts(value)
        if unit == "Y":
            raise WrongType(f"{field}: {value} (datetime64[Y]) is not a month", field=field)
        d = _date_of_serial(days, field)
        return d.year, d.month
    return None


def foreign_moment(value: Any, field: str) -> Optional[_dt.datetime]:
    """A moment from ``np.datetime64`` (naive: China Standard Time, as a naive datetime is) or a daily
    ``pd.Period`` (its midnight); None for anything else (a ``pd.Timestamp`` is a datetime already)."""
    if is_missing(value):
        raise _missing(field)
    pd, np = _pd(), _np()
    if pd is not None and isinstance(value, pd.Period):
        d = foreign_day(value, field)
        return _dt.datetime(d.year, d.month, d.day)  # type: ignore[union-attr]
    if np is not None and isinstance(value, np.datetime64):
        unit, days = _datetime64_parts(value)
        if unit in ("Y", "M"):
            raise WrongType(f"{field}: {value} (datetime64[{unit}]) is not a moment", field=field)
        seconds = int(value.astype("datetime64[s]").astype(np.int64))
        if value != value.astype("datetime64[s]"):
            raise BadValue("fractions of a second are not allowed", field=field)
        return _dt.datetime(1970, 1, 1) + _dt.timedelta(seconds=seconds)
    return None
