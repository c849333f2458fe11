"""Dask for populations: the batch calculators of :class:`provident.Engine` over dask DataFrames and
dask arrays, one partition (or chunk) at a time, on any Dask scheduler (threads, processes, a
``distributed`` cluster). docs/dask.md is the guide.

Every function takes ``data`` — a ``dask.dataframe.DataFrame``, or a mapping of names to 1-D dask
arrays — and the engine, with the input columns named by keyword arguments (defaults below), and
returns the same kind of thing: a dask DataFrame with the output columns (indexed like ``data``, so
``data.join(out)`` lines up), or a dict of dask arrays chunked like the inputs. Nothing runs until
``.compute()`` (or ``.persist()``, ``dask.compute``, ``da.store``). Money is int64 fen, months
``year*12 + month - 1``, days since 1970-01-01, as in the Engine's batches::

    import dask.dataframe as dd, provident, provident.dask
    out = provident.dask.hpf_deposit(frame, provident.Engine("national"), as_of=date(2025, 7, 1))
    out.compute()          # columns employer_fen, employee_fen (int64)

The engine travels to the workers pickled (its profile, overlay text and options: an Engine with a
store file refuses), once per graph, not once per partition. The function checks the columns, their
types and the arguments when it is called, on the empty ``meta`` (a float money column, a missing
column or a bad ``types=`` raises there); a bad value raises the engine's error when the partition
holding it is computed, with ``row`` its GLOBAL position: ``partition start + row in the partition``.

Partition starts (``positions=``):

* ``"auto"`` (default): ``"index"`` when the frame's divisions are known, integer and start at 0
  (``dd.from_pandas`` of a frame with the default RangeIndex, ``dd.from_dask_array``), else
  ``"count"``. Arrays always know their chunk offsets.
* ``"index"``: the divisions are the partition starts; each partition checks that its index is exactly
  the positions the divisions promise, and raises naming the partition if not.
* ``"count"``: the partition lengths are counted first, when the function is called: one pass over
  the input (every partition is loaded once, and dropped), before the calculation's own pass.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any, Callable, Dict, Iterable, Mapping, Optional, Sequence, Tuple, Union

import numpy as np

from ._calc_batches import SI_TYPES
from ._convert import as_of_date
from .engine import Engine
from .errors import BadValue, Error, MissingField, WrongType
from .types import Month

__all__ = ["hpf_deposit", "retirement", "min_months", "late_fee", "si_contribution", "hpf_interest", "parse_id",
           "check_claim", "unit_login_name", "validate_card", "validate_credit_code"]

Data = Any  # a dask DataFrame or a Mapping[str, dask.array.Array]
Columns = Dict[str, Any]  # role → a pandas Series or a numpy array (one partition's / chunk's)
Compute = Callable[..., Dict[str, np.ndarray]]


class _Optional(str):
    """The default name of an optional input column: used when present, skipped when absent."""


POSITIONS = ("auto", "index", "count")


# ---------------------------------------------------------------------------------- the calculators

def hpf_deposit(data: Data, engine: Engine, *, as_of: Union[_dt.date, Month], base: str = "base",
                employer_rate: str = "employer_rate", employee_rate: str = "employee_rate",
                positions: str = "auto") -> Data:
    """:meth:`Engine.hpf_deposit_batch` per partition: ``employer_fen``, ``employee_fen`` (int64 fen).

    ``base`` holds int64 fen; the rates int64 millionths (12% = 120000) or exact strings (``"12%"``).
    The rounding is the one in force on day 1 of ``as_of``'s month."""
    month = as_of if isinstance(as_of, Month) else Month.of(as_of_date(as_of))
    return _map(data, engine, {"base": base, "employer_rate": employer_rate, "employee_rate": employee_rate},
                _hpf_deposit, {"month": month}, positions)


def retirement(data: Data, engine: Engine, *, as_of: _dt.date, birth_month: str = "birth_month",
               category: str = "category", detail: bool = False, positions: str = "auto") -> Data:
    """:meth:`Engine.retirement_batch`: ``retirement_month`` (month serials); with ``detail=True`` also
    ``delay_months``, ``earliest_month``, ``latest_month``."""
    return _map(data, engine, {"birth_month": birth_month, "category": category}, _retirement,
                {"as_of": as_of_date(as_of), "detail": bool(detail)}, positions)


def min_months(data: Data, engine: Engine, *, retirement_month: str = "retirement_month",
               positions: str = "auto") -> Data:
    """:meth:`Engine.min_months_batch`: ``min_months``."""
    return _map(data, engine, {"retirement_month": retirement_month}, _min_months, {}, positions)


def late_fee(data: Data, engine: Engine, *, principal: str = "principal_fen", due_date: str = "due_date",
             paid_date: str = "paid_date", positions: str = "auto") -> Data:
    """:meth:`Engine.late_fee_batch`: ``late_fee_fen``."""
    return _map(data, engine, {"principal": principal, "due_date": due_date, "paid_date": paid_date}, _late_fee,
                {}, positions)


def si_contribution(data: Data, engine: Engine, *, amount: str = "amount_fen", month: str = "month",
                    wage: bool = False, types: Optional[Iterable[str]] = None, by_type: bool = False,
                    positions: str = "auto") -> Data:
    """:meth:`Engine.si_contribution_batch`: ``base_fen``, ``employer_fen``, ``employee_fen`` (totals over
    ``types``); with ``by_type=True`` also ``<type>_employer_fen`` and ``<type>_employee_fen`` for each of
    :data:`provident.SI_TYPES` (``pension_employer_fen``, …; 0 for a type not priced)."""
    types = None if types is None else ([types] if isinstance(types, str) else list(types))
    return _map(data, engine, {"amount": amount, "month": month}, _si_contribution,
                {"wage": bool(wage), "types": types, "by_type": bool(by_type)}, positions)


def hpf_interest(data: Data, engine: Engine, *, year: str = "year", opening: str = "opening_fen",
                 method: Optional[str] = None, positions: str = "auto") -> Data:
    """:meth:`Engine.hpf_interest_batch` without movements: ``interest_fen``, ``closing_fen``.
    (Rows with movements need the movements of a row in its partition: use the Engine's batch.)"""
    return _map(data, engine, {"year": year, "opening": opening}, _hpf_interest, {"method": method}, positions)


def parse_id(data: Data, engine: Engine, *, as_of: _dt.date, numbers: str = "id_number",
             accept_15_digits: bool = True, positions: str = "auto") -> Data:
    """:meth:`Engine.parse_id_batch`: ``problems``, ``kind``, ``birth_date``, ``gender``, ``region``."""
    return _map(data, engine, {"numbers": numbers}, _parse_id,
                {"as_of": as_of_date(as_of), "accept_15_digits": bool(accept_15_digits)}, positions)


def check_claim(data: Data, engine: Engine, *, as_of: _dt.date, birth_date: str = "birth_date",
                category: str = "category", work_start_date: str = "work_start_date",
                retirement_date: str = "retirement_date", work_months: str = "work_months",
                contribution_months: str = "contribution_months",
                has_arrears: Optional[str] = _Optional("has_arrears"), positions: str = "auto") -> Data:
    """:meth:`Engine.check_claim_batch`: ``violations`` (bits of :data:`provident.CLAIM_CODES`),
    ``counted_months``, ``min_months``, ``earliest_month``. ``has_arrears`` is used when the data has
    it (a name you give must exist; None: no arrears)."""
    return _map(data, engine, {"birth_date": birth_date, "category": category, "work_start_date": work_start_date,
                               "retirement_date": retirement_date, "work_months": work_months,
                               "contribution_months": contribution_months, "has_arrears": has_arrears},
                _check_claim, {"as_of": as_of_date(as_of)}, positions)


def unit_login_name(data: Data, engine: Engine, *, unit_codes: str = "unit_code",
                    fixed_width: Union[bool, str] = False, positions: str = "auto") -> Data:
    """:meth:`Engine.unit_login_name_batch`: ``login_name`` (objects, None for an invalid code; with
    ``fixed_width`` ``'<U12'`` or ``'S12'``, '' for an invalid code)."""
    return _map(data, engine, {"unit_codes": unit_codes}, _unit_login_name, {"fixed_width": fixed_width}, positions)


def validate_card(data: Data, engine: Engine, *, as_of: _dt.date, numbers: str = "card_number",
                  positions: str = "auto") -> Data:
    """:meth:`Engine.validate_card_batch`: ``valid`` (bool)."""
    return _map(data, engine, {"numbers": numbers}, _validate_card, {"as_of": as_of_date(as_of)}, positions)


def validate_credit_code(data: Data, engine: Engine, *, codes: str = "credit_code",
                         positions: str = "auto") -> Data:
    """:meth:`Engine.validate_credit_code_batch`: ``valid`` (bool)."""
    return _map(data, engine, {"codes": codes}, _validate_credit_code, {}, positions)


# ---------------------------------------------------------------------------------- one partition each
# Module-level functions (pickled by reference): engine, the partition's columns by role, options.

def _hpf_deposit(e: Engine, c: Columns, month: Month) -> Dict[str, np.ndarray]:
    er, ee = e.hpf_deposit_batch(c["base"], c["employer_rate"], c["employee_rate"], month)
    return {"employer_fen": er, "employee_fen": ee}


def _retirement(e: Engine, c: Columns, as_of: _dt.date, detail: bool) -> Dict[str, np.ndarray]:
    if not detail:
        return {"retirement_month": e.retirement_batch(c["birth_month"], c["category"], as_of)}
    stat, delay, early, late = e.retirement_batch(c["birth_month"], c["category"], as_of, detail=True)
    return {"retirement_month": stat, "delay_months": delay, "earliest_month": early, "latest_month": late}


def _min_months(e: Engine, c: Columns) -> Dict[str, np.ndarray]:
    return {"min_months": e.min_months_batch(c["retirement_month"])}


def _late_fee(e: Engine, c: Columns) -> Dict[str, np.ndarray]:
    return {"late_fee_fen": e.late_fee_batch(c["principal"], c["due_date"], c["paid_date"])}


def _si_contribution(e: Engine, c: Columns, wage: bool, types: Optional[Sequence[str]],
                     by_type: bool) -> Dict[str, np.ndarray]:
    r = e.si_contribution_batch(c["amount"], c["month"], wage=wage, types=types, by_type=by_type)
    out = {k: r[k] for k in ("base_fen", "employer_fen", "employee_fen")}
    if by_type:
        for j, t in enumerate(SI_TYPES):
            out[f"{t}_employer_fen"] = np.ascontiguousarray(r["employer_by_type_fen"][:, j])
            out[f"{t}_employee_fen"] = np.ascontiguousarray(r["employee_by_type_fen"][:, j])
    return out


def _hpf_interest(e: Engine, c: Columns, method: Optional[str]) -> Dict[str, np.ndarray]:
    r = e.hpf_interest_batch(c["year"], c["opening"], method=method)
    return {"interest_fen": r["interest_fen"], "closing_fen": r["closing_fen"]}


def _parse_id(e: Engine, c: Columns, as_of: _dt.date, accept_15_digits: bool) -> Dict[str, np.ndarray]:
    return dict(e.parse_id_batch(c["numbers"], as_of, accept_15_digits=accept_15_digits))


def _check_claim(e: Engine, c: Columns, as_of: _dt.date) -> Dict[str, np.ndarray]:
    return dict(e.check_claim_batch(c["birth_date"], c["category"], c["work_start_date"], c["retirement_date"],
                                    c["work_months"], c["contribution_months"], c.get("has_arrears"), as_of=as_of))


def _unit_login_name(e: Engine, c: Columns, fixed_width: Union[bool, str]) -> Dict[str, np.ndarray]:
    return {"login_name": e.unit_login_name_batch(c["unit_codes"], fixed_width=fixed_width)}


def _validate_card(e: Engine, c: Columns, as_of: _dt.date) -> Dict[str, np.ndarray]:
    return {"valid": e.validate_card_batch(c["numbers"], as_of)}


def _validate_credit_code(e: Engine, c: Columns) -> Dict[str, np.ndarray]:
    return {"valid": e.validate_credit_code_batch(c["codes"])}


# ---------------------------------------------------------------------------------- the mapping

def _map(data: Data, engine: Engine, roles: Dict[str, Optional[str]], compute: Compute, options: Dict[str, Any],
         positions: str) -> Data:
    if not isinstance(engine, Engine):
        raise WrongType(f"engine: expected a provident.Engine, got {type(engine).__name__}", field="engine")
    if positions not in POSITIONS:
        raise BadValue(f"positions: {positions!r} is not one of {', '.join(POSITIONS)}", field="positions")
    import dask
    import dask.dataframe as dd
    if isinstance(data, dd.DataFrame):
        return _map_frame(dask, data, engine, roles, compute, options, positions)
    if isinstance(data, Mapping):
        return _map_arrays(dask, data, engine, roles, compute, options)
    raise WrongType(f"data: expected a dask DataFrame or a mapping of names to dask arrays, got "
                    f"{type(data).__name__}", field="data")


def _present(names: Iterable[Any], roles: Dict[str, Optional[str]]) -> Dict[str, str]:
    """The roles whose column is used: an optional default absent from ``names`` is skipped."""
    names = set(names)
    return {role: name for role, name in roles.items()
            if name is not None and not (isinstance(name, _Optional) and name not in names)}


def _map_frame(dask: Any, frame: Any, engine: Engine, roles: Dict[str, Optional[str]], compute: Compute,
               options: Dict[str, Any], positions: str) -> Any:
    from .pandas import _require_columns
    used = _present(frame.columns, roles)
    _require_columns(frame, used.values())
    # Checks the columns' types and the options now, on the empty meta; its output is the meta.
    meta = _frame_part(frame._meta, engine, used, compute, options, (0,), False)
    starts, check = _frame_starts(frame, positions)
    engine_key = dask.delayed(engine, pure=True)  # one graph node: pickled once, not per partition
    starts_key = dask.delayed(starts, pure=True)
    return frame.map_partitions(_frame_part, engine_key, used, compute, options, starts_key, check, meta=meta,
                                align_dataframes=False, enforce_metadata=False, transform_divisions=False)


def _frame_starts(frame: Any, positions: str) -> Tuple[Tuple[int, ...], bool]:
    """(the partitions' first global positions, whether each partition checks its index against them)."""
    import pandas as pd
    divisions = frame.divisions
    if positions == "auto":
        ints = frame.known_divisions and all(isinstance(d, (int, np.integer)) for d in divisions)
        positions = "index" if ints and divisions[0] == 0 and pd.api.types.is_integer_dtype(frame._meta.index) \
            else "count"
    if positions == "index":
        if not frame.known_divisions:
            raise BadValue("positions='index' needs known divisions (the index being the row positions); "
                           "use positions='count'", field="positions")
        return tuple(int(d) for d in divisions), True
    lengths = frame.map_partitions(len, enforce_metadata=False).compute()
    return tuple(int(s) for s in np.concatenate([[0], np.cumsum(np.asarray(lengths, dtype=np.int64))])), False


def _frame_part(part: Any, engine: Engine, used: Dict[str, str], compute: Compute, options: Dict[str, Any],
                starts: Tuple[int, ...], check: bool, partition_info: Optional[Dict[str, Any]] = None) -> Any:
    import pandas as pd
    number = partition_info["number"] if partition_info else 0
    start = starts[number]
    if check and len(part):
        _check_positions(part.index, number, starts)
    try:
        result = compute(engine, {role: part[name] for role, name in used.items()}, **options)
    except Error as e:
        raise _at_global(e, start, number) from None
    return pd.DataFrame(result, index=part.index)


def _check_positions(index: Any, number: int, divisions: Tuple[int, ...]) -> None:
    """The partition's index is exactly its rows' global positions, as the divisions promise."""
    import pandas as pd
    start = divisions[number]
    stop = divisions[number + 1] + (1 if number + 2 == len(divisions) else 0)
    if isinstance(index, pd.RangeIndex):
        ok = index.step == 1 and index.start == start and index.stop == stop
    else:
        ok = len(index) == stop - start and bool(np.array_equal(np.asarray(index), np.arange(start, stop)))
    if not ok:
        raise BadValue(f"partition {number}: its index is not the row positions {start}…{stop - 1} its divisions "
                       "promise (positions='index', or 'auto' on integer divisions from 0), so a bad row could "
                       "not be named by its position; pass positions='count'", field="positions")


def _map_arrays(dask: Any, arrays: Mapping[str, Any], engine: Engine, roles: Dict[str, Optional[str]],
                compute: Compute, options: Dict[str, Any]) -> Dict[str, Any]:
    import dask.array as da
    used = _present(arrays.keys(), roles)
    inputs = []
    for role, name in used.items():
        if name not in arrays:
            raise MissingField(f"array {name!r} is not given (given: {', '.join(map(str, arrays))})", field=str(name))
        x = arrays[name]
        if not isinstance(x, da.Array) or x.ndim != 1:
            raise WrongType(f"{name}: expected a 1-D dask array, got {type(x).__name__}"
                            + (f" of {x.ndim} dimensions" if isinstance(x, da.Array) else ""), field=str(name))
        if any(np.isnan(c) for c in x.chunks[0]):
            raise BadValue(f"{name}: its chunk sizes are unknown, so rows could not be named by position; call "
                           ".compute_chunk_sizes() first", field=str(name))
        inputs.append(x)
    if len({x.shape[0] for x in inputs}) > 1:
        raise BadValue("the arrays differ in length: " + ", ".join(f"{n} {x.shape[0]}" for n, x in
                                                                    zip(used.values(), inputs)), field="data")
    roles_order = tuple(used)
    meta = _array_block(*[x._meta for x in inputs], engine=engine, roles=roles_order, compute=compute,
                        options=options, outputs=None)
    keys = tuple(meta)
    engine_key = dask.delayed(engine, pure=True)
    if len(keys) == 1:
        out = da.map_blocks(_array_block, *inputs, engine=engine_key, roles=roles_order, compute=compute,
                            options=options, outputs=keys, dtype=meta[keys[0]].dtype, meta=meta[keys[0]])
        return {keys[0]: out}
    if any(meta[k].dtype != np.int64 for k in keys):  # pragma: no cover - every multi-column output is int64
        raise AssertionError("a multi-column output that is not all int64")
    # One task per chunk computes every output, as the rows of a (k, n) block; each output is a row.
    stacked = da.map_blocks(_array_block, *inputs, engine=engine_key, roles=roles_order, compute=compute,
                            options=options, outputs=keys, dtype=np.int64, new_axis=0, meta=np.empty((0, 0), np.int64),
                            chunks=((len(keys),), da.core.unify_chunks(*_pairs(inputs))[0]["i"]))
    return {k: stacked[j] for j, k in enumerate(keys)}


def _pairs(inputs: Sequence[Any]) -> list:
    out: list = []
    for x in inputs:
        out += [x, "i"]
    return out


def _array_block(*blocks: Any, engine: Engine, roles: Tuple[str, ...], compute: Compute, options: Dict[str, Any],
                 outputs: Optional[Tuple[str, ...]], block_info: Optional[Dict[Any, Any]] = None) -> Any:
    located = isinstance(block_info, dict) and 0 in block_info
    start = block_info[0]["array-location"][0][0] if located else 0
    number = block_info[0]["chunk-location"][0] if located else 0
    try:
        result = compute(engine, dict(zip(roles, blocks)), **options)
    except Error as e:
        raise _at_global(e, start, number, "chunk") from None
    if outputs is None:  # the meta
        return result
    if len(outputs) == 1:
        return result[outputs[0]]
    return np.stack([np.asarray(result[k], dtype=np.int64) for k in outputs])


# ---------------------------------------------------------------------------------- errors

def _at_global(e: Error, start: int, number: int, part: str = "partition") -> Error:
    """The engine's error of one partition with ``row`` its global position (the message says both)."""
    row = getattr(e, "row", None)
    if row is None:
        return e
    g = start + int(row)
    local_en, local_zh = f"row {row}: ", f"第{row}行："
    en = e.message_en[len(local_en):] if e.message_en.startswith(local_en) else e.message_en
    zh = e.message[len(local_zh):] if e.message.startswith(local_zh) else e.message
    where_zh = "分区" if part == "partition" else "分块"
    out = type(e)(f"row {g} (row {row} of {part} {number}): {en}", code=e.code, field=e.field,
                  message=f"第{g}行（{where_zh}{number}第{row}行）：{zh}", response=e.response, problems=e.problems)
    out.row = g  # type: ignore[attr-defined]
    out.partition, out.partition_row = number, int(row)  # type: ignore[attr-defined]
    return out
