"""Vectorised conversions of batch arguments (no Python work per row).

Month serials are ``year*12 + month - 1``; day serials are days since 1970-01-01. ``datetime64``
arrays and pandas Series/Period arrays are converted with numpy operations; integer arrays pass
through unchanged to the native checks (which refuse floats).
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

import numpy as np

from ._convert import day_serial
from .errors import BadValue, WrongType
from .types import Category, Month

#: Month serial of 1970-01 (numpy's datetime64[M] epoch).
EPOCH_MONTH_SERIAL = 1970 * 12

_CATEGORY_NAMES = np.array(["M60", "F55", "F50"])


def _unwrap(values: Any) -> Any:
    """A pandas Series / Index / extension array as what numpy can take, without copying rows
    through Python."""
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover
        return values
    if isinstance(values, (pd.Series, pd.Index)):
        values = values.array
    if isinstance(values, pd.arrays.PeriodArray):
        if values.freqstr not in ("M",):
            raise BadValue(f"a Period array must have monthly frequency, not {values.freqstr}")
        if values.isna().any():
            raise BadValue("a Period array holds missing values")
        return values.asi8 + EPOCH_MONTH_SERIAL
    if isinstance(values, pd.arrays.DatetimeArray):
        if values.isna().any():
            raise BadValue("a datetime array holds missing values (NaT)")
        return values.to_numpy()
    if isinstance(values, pd.arrays.IntegerArray):  # nullable Int64
        if values.isna().any():
            raise BadValue("an integer array holds missing values")
        return values.to_numpy(dtype=np.int64)
    if isinstance(values, pd.api.extensions.ExtensionArray):
        return np.asarray(values)
    return values


def month_serials(values: Any, field: str) -> Any:
    """Month serials from int arrays (unchanged), datetime64 arrays or pandas Period[M] data."""
    values = _unwrap(values)
    if isinstance(values, (Month, _dt.date)):
        raise WrongType(f"{field}: expected an array of month serials, got one {type(values).__name__}", field=field)
    if isinstance(values, np.ndarray) and values.dtype.kind == "M":
        if np.isnat(values).any():
            raise BadValue(f"{field}: holds missing values (NaT)", field=field)
        return values.astype("datetime64[M]").astype(np.int64) + EPOCH_MONTH_SERIAL
    return values


def day_serials(values: Any, field: str) -> Any:
    """Day serials from int arrays (unchanged), datetime64 arrays, or one date for every row."""
    if isinstance(values, _dt.datetime):
        raise WrongType(f"{field}: expected a date or day serials, got a datetime", field=field)
    if isinstance(values, _dt.date):
        return day_serial(values)
    values = _unwrap(values)
    if isinstance(values, np.ndarray) and values.dtype.kind == "M":
        if np.isnat(values).any():
            raise BadValue(f"{field}: holds missing values (NaT)", field=field)
        return values.astype("datetime64[D]").astype(np.int64)
    return values


def category_codes(values: Any) -> Any:
    """Category codes (1 M60, 2 F55, 3 F50, as in the C ABI) from one Category/str, int codes, or strings."""
    if isinstance(values, Category):
        return values.code
    if isinstance(values, str):
        try:
            return Category(values).code
        except ValueError:
            raise BadValue(f"category: {values!r} is not M60, F55 or F50", field="category") from None
    try:
        import pandas as pd
        if isinstance(values, (pd.Series, pd.Index)) or isinstance(values, pd.api.extensions.ExtensionArray):
            if values.dtype.kind in ("i", "u"):
                return np.asarray(values)  # already codes
            cat = pd.Categorical(values, categories=list(_CATEGORY_NAMES))
            codes = np.asarray(cat.codes, dtype=np.int64) + 1
            _check_codes(codes, values)
            return codes
    except ImportError:  # pragma: no cover
        pass
    arr = np.asarray(values)
    if arr.dtype.kind in ("U", "S", "O"):
        if arr.dtype.kind != "U":
            arr = arr.astype(str)
        codes = np.zeros(arr.shape, dtype=np.int64)
        for code, name in enumerate(_CATEGORY_NAMES, 1):
            codes[arr == name] = code
        _check_codes(codes, arr)
        return codes
    return values


def _check_codes(codes: np.ndarray, original: Any) -> None:
    bad = np.flatnonzero(codes < 1)
    if bad.size:
        row = int(bad[0])
        from .errors import BatchError
        raise BatchError(f"row {row}: category {np.asarray(original)[row]!r} is not M60, F55 or F50",
                         row=row, field="category")
