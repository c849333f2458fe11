"""pandas helpers: evaluate a DataFrame of people with the population batches.

Every column is computed by the C++ batches over whole columns (no Python per row). Money
columns are int64 fen (nullable ``Int64`` too) and rates int64 millionths or exact strings
(``"7%"``, ``"0.07"``), never floats; a missing value is refused naming its row position::

    import pandas as pd, provident, provident.pandas
    people = pd.DataFrame({
        "birth_date": pd.to_datetime(["1971-05-20", "1980-02-01", "1990-11-30"]),
        "category": ["M60", "F55", "F50"],
        "contribution_months": [200, 150, 90],
    })
    out = provident.pandas.evaluate_people(people, provident.Engine("national"), as_of=date(2025, 1, 1))
    out[["retirement_month", "min_months", "meets_minimum"]]
"""

from __future__ import annotations

import datetime as _dt
import difflib
from typing import Any, Iterable, Optional, Union

import numpy as np
import pandas as pd

from ._arrays import EPOCH_MONTH_SERIAL, category_codes, month_serials, native_column
from ._convert import as_of_date
from .engine import Engine
from .errors import FloatNotAllowed, MissingField, WrongType
from .types import Month

__all__ = ["evaluate_people", "months_to_periods", "periods_to_months"]


def months_to_periods(serials: Any) -> pd.arrays.PeriodArray:
    """Month serials (``year*12 + month - 1``) as a pandas ``period[M]`` array."""
    ordinals = np.asarray(serials, dtype=np.int64) - EPOCH_MONTH_SERIAL
    return pd.arrays.PeriodArray(ordinals, dtype=pd.PeriodDtype(freq="M"))


def periods_to_months(values: Any) -> np.ndarray:
    """Month serials of a ``period[M]`` or ``datetime64`` column (or int serials, unchanged)."""
    return np.asarray(month_serials(values, "months"), dtype=np.int64)


class _DefaultColumn(str):
    """The default name of an optional column: used when the frame has it, skipped when not. A name
    the caller gives must exist."""


_CONTRIBUTION_MONTHS = _DefaultColumn("contribution_months")


def evaluate_people(df: pd.DataFrame, engine: Optional[Engine] = None, *, as_of: Union[_dt.date, _dt.datetime],
                    birth: str = "birth_date", category: str = "category",
                    contribution_months: Optional[str] = _CONTRIBUTION_MONTHS,
                    hpf_base: Optional[str] = None, hpf_employer_rate: Optional[str] = None,
                    hpf_employee_rate: Optional[str] = None, hpf_month: Optional[Union[Month, _dt.date]] = None,
                    prefix: str = "") -> pd.DataFrame:
    """Adds retirement, minimum-contribution and (optionally) HPF deposit columns to a copy of ``df``.

    Args:
        df: one row per person.
        engine: the engine whose policy applies (a reform: ``Engine(overlay=...)``); default
            :func:`provident.default_engine` (national).
        as_of: the day whose retirement rules apply.
        birth: column of birth dates (``datetime64``, dates or Timestamps), months (``period[M]``,
            ``period[D]``) or month serials (int64 or nullable ``Int64``).
        category: column of categories (``"M60"``/``"F55"``/``"F50"``, :class:`provident.Category`
            or codes 1/2/3).
        contribution_months: column of contribution months at retirement (int64 or ``Int64``).
            By default ``"contribution_months"`` is used when the frame has it; a name you give
            must exist; None skips it.
        hpf_base, hpf_employer_rate, hpf_employee_rate: columns of int64 fen and of rates (int64
            millionths, or strings/Decimals such as ``"7%"``, ``"0.07"``); when given, the deposit
            parts are added, with the rounding in force in ``hpf_month`` (default: the month of
            ``as_of``).
        prefix: prepended to every added column name (to compare a baseline and a reform side by side).

    Adds:
        ``retirement_month``, ``earliest_month``, ``latest_month`` (``period[M]``),
        ``delay_months``, ``min_months`` (int64); with ``contribution_months``:
        ``meets_minimum`` (bool) and ``months_short`` (int64, 0 when met); with the HPF columns:
        ``hpf_employer_fen``, ``hpf_employee_fen``, ``hpf_monthly_fen`` (int64 fen).

    Raises:
        provident.MissingField: a named column is absent (the message lists the frame's columns
            and a close match).
        provident.BatchError: a bad or missing (NA/NaT) value; ``row`` is its position in ``df``
            (0 for the first row, whatever the index).
        provident.FloatNotAllowed: a float column for money, rates or months.
    """
    if not isinstance(df, pd.DataFrame):
        raise WrongType(f"evaluate_people() takes a DataFrame, got {type(df).__name__}")
    if engine is None:
        from . import default_engine
        engine = default_engine()
    hpf_cols = (hpf_base, hpf_employer_rate, hpf_employee_rate)
    if any(c is not None for c in hpf_cols) and not all(c is not None for c in hpf_cols):
        raise MissingField("give hpf_base, hpf_employer_rate and hpf_employee_rate together")
    if isinstance(contribution_months, _DefaultColumn) and contribution_months not in df.columns:
        contribution_months = None
    _require_columns(df, (birth, category, contribution_months) + hpf_cols)

    out = df.copy()
    births = month_serials(df[birth], birth)
    codes = category_codes(df[category])
    stat, delay, early, late = engine.retirement_batch(births, codes, as_of, detail=True)
    min_months = engine.min_months_batch(stat)

    out[prefix + "retirement_month"] = months_to_periods(stat)
    out[prefix + "earliest_month"] = months_to_periods(early)
    out[prefix + "latest_month"] = months_to_periods(late)
    out[prefix + "delay_months"] = delay
    out[prefix + "min_months"] = min_months

    if contribution_months is not None:
        contributed = _int_column(df[contribution_months], contribution_months)
        out[prefix + "meets_minimum"] = contributed >= min_months
        out[prefix + "months_short"] = np.maximum(min_months - contributed, 0)

    if hpf_base is not None:
        month = hpf_month if hpf_month is not None else Month.of(as_of_date(as_of))
        er, ee = engine.hpf_deposit_batch(df[hpf_base], df[hpf_employer_rate], df[hpf_employee_rate],
                                          month if isinstance(month, Month) else Month.of(month))
        out[prefix + "hpf_employer_fen"] = er
        out[prefix + "hpf_employee_fen"] = ee
        out[prefix + "hpf_monthly_fen"] = er + ee
    return out


def _require_columns(df: pd.DataFrame, names: Iterable[Optional[str]]) -> None:
    """MissingField naming the first absent column, the frame's columns and a close match."""
    columns = [str(c) for c in df.columns]
    for name in names:
        if name is None or name in df.columns:
            continue
        close = difflib.get_close_matches(str(name), columns, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        raise MissingField(f"column {name!r} is not in the DataFrame (its columns: {', '.join(columns)}){hint}",
                           field=str(name), message=f"数据表中没有列 {name!r}（现有列：{'、'.join(columns)}）"
                           + (f"；是否为 {close[0]!r}？" if close else ""))


def _int_column(values: pd.Series, name: str) -> np.ndarray:
    """An integer column (int64 or nullable Int64: NA rows refused by position) as int64."""
    arr = native_column(values, name)
    if arr.dtype.kind == "f":
        raise FloatNotAllowed(f"column {name!r} must hold integers, not floats", field=name)
    if arr.dtype.kind not in ("i", "u"):
        raise WrongType(f"column {name!r} must hold integers, not {arr.dtype}", field=name)
    return arr.astype(np.int64, copy=False)
