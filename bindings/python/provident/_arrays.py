"""Vectorised conversions of batch arguments (no Python work per row).

Month serials are ``year*12 + month - 1``; day serials are days since 1970-01-01. ``datetime64``
arrays and pandas Series/Period arrays are converted with numpy operations; integer arrays pass
through unchanged to the native checks (which refuse floats).

pandas columns (issue 19 (4)): nullable ``Int64``/``Int32``/… and ``boolean`` columns become numpy
int64/bool arrays; a row holding NA (or NaT) is refused naming its position in the caller's
Series (``row 1234``, counted from 0 whatever the index says). Object/string columns of dates,
months or rates are converted once per distinct value. Every int64 column the native module reads
passes through :func:`native_column` (called from ``bindings/python/src/arrays.cpp``) when it is
not a numpy array already, so every batch takes these columns.
"""

from __future__ import annotations

import datetime as _dt
import re
import sys
from decimal import Decimal
from typing import Any, Callable, Optional

import numpy as np

from ._convert import day_serial, day_value, rate_text
from ._scalars import foreign_day, is_missing, plain_int
from .errors import BadValue, BatchError, Error, FloatNotAllowed, WrongType
from .types import Category, Month

#: Month serial of 1970-01 (numpy's datetime64[M] epoch).
EPOCH_MONTH_SERIAL = 1970 * 12

_CATEGORY_NAMES = np.array(["M60", "F55", "F50"])
_RATE_RE = re.compile(r"^-?[0-9]+(\.[0-9]+)?%?$")


def _pd() -> Any:
    return sys.modules.get("pandas")


# ---------------------------------------------------------------------------------- rows

def _first_row(mask: Any) -> Optional[int]:
    rows = np.flatnonzero(mask)
    return int(rows[0]) if rows.size else None


def _refuse_missing(mask: Any, field: str) -> None:
    """BatchError naming the first row where ``mask`` holds (a missing value)."""
    row = _first_row(mask)
    if row is not None:
        raise BatchError(f"row {row}: {field} is missing (NA/NaT)", row=row, field=field,
                         message=f"第{row}行：{field}缺失（NA/NaT）")


def _at_row(e: Error, row: int, field: str) -> Error:
    """The error of one value, raised again naming its row (a bad value becomes a BatchError; a float
    stays FloatNotAllowed, a wrong type WrongType)."""
    text_en, text_zh = f"row {row}: {e.message_en}", f"第{row}行：{e.message}"
    if isinstance(e, BadValue):
        return BatchError(text_en, row=row, field=field, message=text_zh)
    out = type(e)(text_en, field=field, message=text_zh)
    out.row = row  # type: ignore[attr-defined]
    return out


def _isna(arr: np.ndarray) -> np.ndarray:
    pd = _pd()
    if pd is not None:
        return np.asarray(pd.isna(arr))
    return np.array([v is None or is_missing(v) or (isinstance(v, float) and v != v) for v in arr], dtype=bool)


def _map_objects(arr: np.ndarray, field: str, convert: Callable[[Any], int]) -> np.ndarray:
    """int64 values of an object array, ``convert`` called once per distinct value; a missing value or
    one ``convert`` refuses is reported at its first row."""
    pd = _pd()
    if pd is not None:
        codes, uniques = pd.factorize(arr)  # NA, NaT, None and NaN get code -1
        _refuse_missing(codes < 0, field)
    else:  # pragma: no cover - numpy without pandas
        _refuse_missing(_isna(arr), field)
        index: dict = {}
        codes = np.array([index.setdefault((type(v), v), len(index)) for v in arr], dtype=np.int64)
        uniques = [v for (_, v) in index]
    mapped = np.empty(len(uniques), dtype=np.int64)
    for k, value in enumerate(uniques):
        try:
            mapped[k] = convert(value)
        except Error as e:
            raise _at_row(e, int(np.flatnonzero(codes == k)[0]), field) from None
    return mapped[codes]


# ---------------------------------------------------------------------------------- columns

def _unwrap(values: Any, field: str = "values") -> Any:
    """A pandas Series / Index / extension array as what numpy can take, without copying rows
    through Python: nullable integer and boolean data as numpy arrays (NA refused naming the row),
    period and datetime data as they are (for :func:`month_serials` / :func:`day_serials`)."""
    pd = _pd()
    if pd is None:
        return values
    if isinstance(values, (pd.Series, pd.Index)):
        values = values.array
    if not isinstance(values, pd.api.extensions.ExtensionArray):
        return values
    if isinstance(values, (pd.arrays.PeriodArray, pd.arrays.DatetimeArray)):
        return values
    if values.dtype.kind in ("f", "c"):
        raise FloatNotAllowed(f"{field} must not be a float column (dtype {values.dtype}): use int64 fen, "
                              "millionths or serials", field=field)
    if isinstance(values, (pd.arrays.IntegerArray, pd.arrays.BooleanArray)):
        _refuse_missing(np.asarray(values.isna()), field)
        return values.to_numpy(dtype=values.dtype.numpy_dtype)
    if isinstance(values, pd.arrays.StringArray) or values.dtype.kind in ("O", "U"):
        return np.asarray(values, dtype=object)
    return np.asarray(values)


def native_column(values: Any, field: str) -> Any:
    """What the native module's int64 columns read when given something other than a numpy array:
    pandas data unwrapped (nullable columns, NA rows refused), anything else unchanged."""
    return _unwrap(values, field)


def _period_ordinals(values: Any, field: str) -> np.ndarray:
    _refuse_missing(np.asarray(values.isna()), field)
    return np.asarray(values.asi8, dtype=np.int64)


def _datetimes(values: Any, field: str) -> np.ndarray:
    """A pandas datetime array as numpy datetime64 (a zone-aware one is refused)."""
    if values.tz is not None:
        raise WrongType(f"{field}: a time-zone-aware column (dtype {values.dtype}) is refused: the engine never "
                        "guesses a zone; convert it first (.dt.tz_convert('Asia/Shanghai').dt.tz_localize(None))",
                        field=field)
    return values.to_numpy()


def month_serials(values: Any, field: str) -> Any:
    """Month serials from int arrays (unchanged), ``datetime64`` arrays, pandas ``period[M]`` or
    ``period[D]`` data, or object columns of months (Month, date, Timestamp, Period, "YYYY-MM")."""
    values = _unwrap(values, field)
    if isinstance(values, (Month, _dt.date)):
        raise WrongType(f"{field}: expected an array of month serials, got one {type(values).__name__}", field=field)
    pd = _pd()
    if pd is not None and isinstance(values, pd.arrays.PeriodArray):
        if values.freqstr not in ("M", "D"):
            raise BadValue(f"{field}: a Period column must have monthly or daily frequency, not {values.freqstr}",
                           field=field)
        ordinals = _period_ordinals(values, field)
        if values.freqstr == "M":
            return ordinals + EPOCH_MONTH_SERIAL
        values = ordinals.astype("datetime64[D]")
    if pd is not None and isinstance(values, pd.arrays.DatetimeArray):
        values = _datetimes(values, field)
    if isinstance(values, np.ndarray) and values.dtype.kind == "M":
        _refuse_missing(np.isnat(values), field)
        return values.astype("datetime64[M]").astype(np.int64) + EPOCH_MONTH_SERIAL
    if isinstance(values, np.ndarray) and values.dtype.kind == "O":
        return _map_objects(values, field, lambda v: Month.of(v, field).serial)
    return values


def day_serials(values: Any, field: str) -> Any:
    """Day serials from int arrays (unchanged), ``datetime64`` arrays (midnights), ``period[D]``
    data, object columns of days, or one day (a date, Timestamp, datetime64, daily Period) for every
    row. A time of day is refused, as in the typed API: say which day you mean."""
    if isinstance(values, _dt.date) or foreign_day(values, field) is not None:
        return day_serial(day_value(values, field))
    values = _unwrap(values, field)
    pd = _pd()
    if pd is not None and isinstance(values, pd.arrays.PeriodArray):
        if values.freqstr != "D":
            raise WrongType(f"{field}: a Period column of frequency {values.freqstr} is not days: use freq 'D'",
                            field=field)
        return _period_ordinals(values, field)
    if pd is not None and isinstance(values, pd.arrays.DatetimeArray):
        values = _datetimes(values, field)
    if isinstance(values, np.ndarray) and values.dtype.kind == "M":
        _refuse_missing(np.isnat(values), field)
        days = values.astype("datetime64[D]")
        row = _first_row(days != values)
        if row is not None:
            raise BatchError(f"row {row}: {field} {values[row]} has a time of day; a day is wanted", row=row,
                             field=field, message=f"第{row}行：{field}含有时刻，须为日期")
        return days.astype(np.int64)
    if isinstance(values, np.ndarray) and values.dtype.kind == "O":
        return _map_objects(values, field, lambda v: day_serial(day_value(v, field)))
    return values


# ---------------------------------------------------------------------------------- rates

def rate_scalar_micros(value: Any, field: str) -> int:
    """One rate in millionths: a Decimal or a string ("0.07", "7%") converted exactly; an int is
    millionths already."""
    as_int = plain_int(value)
    if as_int is not None:
        return as_int
    text = rate_text(value, field)  # refuses floats, bools and other types
    if not _RATE_RE.match(text):
        raise BadValue(f"{field}: not a rate: {text!r} (expected \"0.07\" or \"7%\")", field=field)
    d = Decimal(text[:-1]) / 100 if text.endswith("%") else Decimal(text)
    micros = d * 1_000_000
    if micros != micros.to_integral_value():
        raise BadValue(f"{field}: {text} is not a whole number of millionths", field=field)
    return int(micros)


def rate_column(values: Any, field: str) -> Any:
    """Rates in millionths from int arrays (unchanged), nullable integer columns, or string/object
    columns of "0.07"/"7%"/Decimal values (exact, never through float); a bad string names its row."""
    values = _unwrap(values, field)
    if isinstance(values, np.ndarray) and values.dtype.kind in ("U", "S", "O"):
        return _map_objects(values.astype(object, copy=False), field, lambda v: rate_scalar_micros(v, field))
    return values


# ---------------------------------------------------------------------------------- categories

def category_codes(values: Any) -> Any:
    """Category codes (1 M60, 2 F55, 3 F50, as in the C ABI) from one Category/str, int codes, or strings."""
    if isinstance(values, Category):
        return values.code
    if isinstance(values, str):
        try:
            return Category(values).code
        except ValueError:
            raise BadValue(f"category: {values!r} is not M60, F55 or F50", field="category") from None
    arr = np.asarray(_unwrap(values, "category"))
    if arr.dtype.kind not in ("U", "S", "O"):
        return arr  # codes (or a float/bool array the native checks refuse)
    if arr.dtype.kind == "O":
        _refuse_missing(_isna(arr), "category")
    names = arr.astype(str)
    codes = np.zeros(names.shape, dtype=np.int64)
    for code, name in enumerate(_CATEGORY_NAMES, 1):
        codes[names == name] = code
    _check_codes(codes, arr)
    return codes


def _check_codes(codes: np.ndarray, original: Any) -> None:
    row = _first_row(codes < 1)
    if row is not None:
        raise BatchError(f"row {row}: category {np.asarray(original)[row]!r} is not M60, F55 or F50",
                         row=row, field="category")
