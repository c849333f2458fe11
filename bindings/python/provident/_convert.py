"""Conversions between Python values and the protocol's text forms (arithmetic.md §1).

Money and rates go to the engine as strings and come back as strings; a float is refused at the
door (:class:`provident.FloatNotAllowed`), so no binary floating point ever reaches money.
Validation of the text itself (two decimals at most, no exponent, …) is the engine's: a value it
refuses comes back as :class:`provident.BadValue` naming the field.
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal
from typing import Any, Union

from ._scalars import foreign_day, foreign_moment, is_missing, plain_bool, plain_int
from .errors import BadValue, FloatNotAllowed, WrongType
from .types import Month

MoneyLike = Union[Decimal, int, str]
RateLike = Union[Decimal, int, str]

_CST = _dt.timezone(_dt.timedelta(hours=8))


def _refuse_float(value: Any, field: str, what: str) -> None:
    if isinstance(value, float):
        raise FloatNotAllowed(
            f"{what} must not be a float ({value!r}); use decimal.Decimal, a string or an int",
            field=field)
    try:  # numpy floating scalars, without importing numpy here
        import numpy as np  # noqa: F401
    except ImportError:  # pragma: no cover
        return
    if isinstance(value, np.floating):
        raise FloatNotAllowed(f"{what} must not be a float ({value!r})", field=field)


def _decimal_text(value: Decimal, field: str, what: str) -> str:
    if not value.is_finite():
        raise BadValue(f"{what} must be finite, not {value}", field=field)
    if value.adjusted() > 30 or value.as_tuple().exponent < -30:  # type: ignore[operator]
        raise BadValue(f"{what} {value} is out of range", field=field)
    return format(value, "f")


def _exact_text(value: Any, field: str, what: str, accepted: str) -> str:
    """An exact value in the protocol's text form: a Decimal, an int (numpy's too) or a string as it is."""
    _refuse_float(value, field, what)
    if plain_bool(value) is not None:
        raise WrongType(f"{what} must be {accepted}, not a bool", field=field)
    if isinstance(value, Decimal):
        return _decimal_text(value, field, what)
    if isinstance(value, str):
        return str(value)
    as_int = plain_int(value)
    if as_int is not None:
        return str(as_int)
    if is_missing(value):
        raise BadValue(f"{what} is missing (NA)", field=field)
    raise WrongType(f"{what} must be {accepted}, not {type(value).__name__}", field=field)


def money_text(value: MoneyLike, field: str) -> str:
    """Money in the protocol's text form: a Decimal, an int (whole yuan) or a string such as "376.5"."""
    return _exact_text(value, field, "money", "a Decimal, an int or a string")


def rate_text(value: RateLike, field: str) -> str:
    """A rate in the protocol's text form: Decimal("0.12"), "0.12", "12%" (an int is a whole ratio: 1 = 100%)."""
    return _exact_text(value, field, "a rate", "a Decimal or a string")


def rate_micros(value: Union[RateLike, Any], field: str) -> Any:
    """Rates for a batch, in millionths: one Decimal or string ("0.07", "7%") as an int, or a column
    of them (string/object, nullable integer) as an int64 array; int arrays pass through to the
    native checks (a float is refused here or there)."""
    from ._arrays import rate_column, rate_scalar_micros
    if isinstance(value, (Decimal, str)):
        return rate_scalar_micros(value, field)
    _refuse_float(value, field, "a rate")
    return rate_column(value, field)


def day_value(value: Any, field: str) -> _dt.date:
    """A day: a datetime.date, a ``pd.Timestamp``/``np.datetime64`` at midnight or a daily
    ``pd.Period`` (a datetime.datetime is refused: say which day you mean)."""
    day = foreign_day(value, field)
    if day is not None:
        return day
    if isinstance(value, _dt.datetime) or not isinstance(value, _dt.date):
        raise WrongType(f"expected a datetime.date, got {type(value).__name__}", field=field)
    return value


def date_text(value: Any, field: str) -> str:
    """A day as "YYYY-MM-DD" (see :func:`day_value`)."""
    return day_value(value, field).isoformat()


def month_text(value: Any, field: str) -> str:
    """A month as "YYYY-MM" from a Month, a date (its month) or a "YYYY-MM" string."""
    try:
        return str(Month.of(value, field))
    except (WrongType, BadValue) as e:
        raise type(e)(e.message_en, field=field) from None


def as_of_text(value: Any, field: str = "as_of") -> str:
    """The request's moment, China Standard Time: a date (its midnight) or a datetime.

    A naive datetime is taken as China Standard Time; an aware one is converted to it. Fractions of
    a second are refused, as the protocol refuses them. ``pd.Timestamp`` is a datetime; a naive
    ``np.datetime64`` is taken as a naive datetime, a daily ``pd.Period`` as its midnight.
    """
    moment = foreign_moment(value, field)
    if moment is not None:
        value = moment
    if isinstance(value, _dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(_CST).replace(tzinfo=None)
        if value.microsecond:
            raise BadValue("fractions of a second are not allowed", field=field)
        return value.strftime("%Y-%m-%dT%H:%M:%S")
    if isinstance(value, _dt.date):
        return value.isoformat() + "T00:00:00"
    raise WrongType(f"expected a datetime.date or datetime.datetime, got {type(value).__name__}",
                    field=field)


def as_of_date(value: Any, field: str = "as_of") -> _dt.date:
    """The day of an as_of value (date or datetime, CST)."""
    text = as_of_text(value, field)
    return _dt.date.fromisoformat(text[:10])


_EPOCH = _dt.date(1970, 1, 1)


def day_serial(d: _dt.date) -> int:
    """Days since 1970-01-01 (the batch functions' day serial)."""
    return (d - _EPOCH).days


def date_from_serial(days: int) -> _dt.date:
    return _EPOCH + _dt.timedelta(days=int(days))


def integer(value: Any, field: str) -> int:
    """An exact integer (years, counts): an int or a numpy integer, never a float or a bool."""
    _refuse_float(value, field, "an integer")
    as_int = plain_int(value)
    if as_int is None:
        raise WrongType(f"expected an int, got {type(value).__name__}", field=field)
    return as_int


def boolean(value: Any, field: str) -> bool:
    """A bool or a numpy ``bool_``; nothing else (not 0/1, not a string)."""
    as_bool = plain_bool(value)
    if as_bool is None:
        raise WrongType(f"expected a bool, got {type(value).__name__}", field=field)
    return as_bool


def money_value(text: str) -> Decimal:
    return Decimal(text)
