"""The batch forms of the calculators (issue 19 (4)), mixed into :class:`provident.Engine`: numpy
arrays / pandas Series in, dicts of int64 arrays out (``pandas.DataFrame(result)`` makes a frame),
computed in C++ by the kernels the C ABI's ``pvd_*_batch`` calls use, with the GIL released.

Every call takes ``progress=callable(done, total)``: the rows then run in blocks of 65,536 and
``progress`` is called (with the GIL held) after each. A bad row raises
:class:`provident.BatchError` whose ``row`` is its index in the whole batch; nothing is returned.
Money is int64 fen, months ``year*12 + month - 1``, days since 1970-01-01.
"""

from __future__ import annotations

from typing import Any, Callable, Dict, Iterable, Optional, Union

from ._columns import progress_callback, string_values
from ._convert import as_of_date, day_serial
from ._typed import DateLike
from .errors import BadValue, WrongType

__all__ = ["CalculatorBatchCalls", "SI_TYPES", "INTEREST_METHODS", "ID_KINDS", "CLAIM_CODES", "claim_codes"]

#: The SI types in the order of the by-type columns (bit k of ``types`` in the C ABI).
SI_TYPES = ("pension", "medical", "unemployment", "injury", "maternity")
#: ``method`` of :meth:`hpf_interest_batch` → the C ABI's code.
INTEREST_METHODS = {None: 0, "monthly": 1, "daily": 2, "two_rate": 3}
#: ``kind`` codes of :meth:`parse_id_batch` (0: invalid).
ID_KINDS = (None, "citizen_id", "hk_macao_residence_permit", "taiwan_residence_permit", "foreign_permanent_residence")
#: The violation codes of :meth:`check_claim_batch`, bit k for CLAIM_CODES[k]; bit 62: any other code.
CLAIM_CODES = ("PENSION_WORK_YEARS_SHORT", "PENSION_WORK_YEARS_EXCEED_SPAN", "PENSION_CONTRIBUTION_EXCEEDS_SPAN",
               "PENSION_CONTRIBUTION_SHORT", "PENSION_HAS_ARREARS", "PENSION_BEFORE_RETIREMENT_AGE")
CLAIM_OTHER = 1 << 62

Progress = Optional[Callable[[int, int], Any]]


def claim_codes(bits: int) -> list:
    """The violation codes of one row's ``violations`` bits (``"OTHER"`` for bit 62)."""
    bits = int(bits)
    codes = [c for k, c in enumerate(CLAIM_CODES) if bits & (1 << k)]
    return codes + (["OTHER"] if bits & CLAIM_OTHER else [])


def _types_mask(types: Optional[Iterable[str]]) -> int:
    if types is None:
        return 0
    if isinstance(types, str):
        types = [types]
    mask = 0
    for t in types:
        if t not in SI_TYPES:
            raise BadValue(f"types: {t!r} is not one of {', '.join(SI_TYPES)}", field="types")
        mask |= 1 << SI_TYPES.index(t)
    if mask == 0:
        raise BadValue("types: give at least one type (or None for all five)", field="types")
    return mask


def _day(as_of: DateLike) -> int:
    return day_serial(as_of_date(as_of))


class CalculatorBatchCalls:
    """The calculators' batches (mixed into :class:`provident.Engine`)."""

    _native: Any

    def si_contribution_batch(self, amount_fen: Any, month: Any, *, wage: bool = False,
                              types: Optional[Iterable[str]] = None, by_type: bool = False,
                              progress: Progress = None) -> Dict[str, Any]:
        """``si.contribution`` per row.

        Args:
            amount_fen: int64 bases in fen (or wages with ``wage=True``: clamped to the base limits in
                force in the row's month), 0 … 10¹⁴.
            month: month serials (int64), ``datetime64`` or ``Period[M]`` data, or one serial.
            types: the SI types priced (names of :data:`SI_TYPES`; None: all five).
            by_type: also return each type's parts as (n, T) arrays, columns in :data:`SI_TYPES` order.

        Returns:
            ``{"base_fen", "employer_fen", "employee_fen"}`` (totals over the types), with
            ``by_type`` also ``"employer_by_type_fen"``, ``"employee_by_type_fen"``.
        """
        from ._arrays import month_serials
        return self._native.si_contribution_batch(amount_fen, month_serials(month, "month"), bool(wage),
                                                  _types_mask(types), bool(by_type), progress_callback(progress))

    def hpf_interest_batch(self, year: Any, opening_fen: Any, movements: Optional[tuple] = None, *,
                           method: Optional[str] = None, progress: Progress = None) -> Dict[str, Any]:
        """``hpf.interest`` per row: the interest year ending 30 June of ``year``.

        Args:
            year, opening_fen: int64 arrays (or one value for every row); balances ≥ 0 in fen.
            movements: optionally ``(offsets, date, amount_fen)``: row i's movements are elements
                ``offsets[i] … offsets[i+1]-1`` (n+1 offsets) of ``date`` (day serials or
                ``datetime64``, inside the row's interest year) and ``amount_fen`` (deposits positive).
            method: ``"monthly"``, ``"daily"``, ``"two_rate"`` or None (the policy's).

        Returns:
            ``{"interest_fen", "closing_fen"}``.
        """
        from ._arrays import day_serials
        if method not in INTEREST_METHODS:
            raise BadValue(f"method: {method!r} is not monthly, daily, two_rate or None", field="method")
        offsets = date = amount = None
        if movements is not None:
            offsets, date, amount = movements
            date = day_serials(date, "movement_date")
        return self._native.hpf_interest_batch(year, opening_fen, offsets, date, amount, INTEREST_METHODS[method],
                                               progress_callback(progress))

    def parse_id_batch(self, numbers: Any, as_of: DateLike, *, accept_15_digits: bool = True,
                       progress: Progress = None) -> Dict[str, Any]:
        """``id.parse`` per row (numbers of the GB 11643 form; strings: a list, an object or
        ``string`` Series).

        Returns:
            ``{"problems", "kind", "birth_date", "gender", "region"}``: ``problems`` 0 for a valid
            number, else bits 1 ID_FORMAT, 2 ID_CHECKSUM, 4 ID_BIRTH_DATE, 8 ID_UNKNOWN_REGION;
            ``kind`` an index of :data:`ID_KINDS`; ``birth_date`` day serials; ``gender`` 1 male,
            2 female; ``region`` the 6-digit code as a number (all 0 when invalid).
        """
        return self._native.parse_id_batch(string_values(numbers, "numbers"), _day(as_of), bool(accept_15_digits),
                                           progress_callback(progress))

    def check_claim_batch(self, birth_date: Any, category: Any, work_start_date: Any, retirement_date: Any,
                          work_months: Any, contribution_months: Any, has_arrears: Any = None, *,
                          as_of: DateLike, progress: Progress = None) -> Dict[str, Any]:
        """``pension.check_claim`` per row on a claim's numeric facts (no ID number, periods,
        adjustments, special jobs or promotions: use the JSON operation for those).

        Args:
            birth_date, work_start_date, retirement_date: day serials or ``datetime64``.
            category: codes 1 M60, 2 F55, 3 F50, names, or one for everyone.
            work_months: work years as ``years*12 + months``; contribution_months: the count.
            has_arrears: 0/1 or booleans (None: none).
            as_of: the request's date.

        Returns:
            ``{"violations", "counted_months", "min_months", "earliest_month"}``: ``violations`` 0
            when the claim passes, else bits of :data:`CLAIM_CODES` (:func:`claim_codes` names them).
        """
        import numpy as np

        from ._arrays import category_codes, day_serials, native_column
        arrears = None if has_arrears is None else np.asarray(native_column(has_arrears, "has_arrears")).astype(np.int64, casting="safe")
        return self._native.check_claim_batch(day_serials(birth_date, "birth_date"), category_codes(category),
                                              day_serials(work_start_date, "work_start_date"),
                                              day_serials(retirement_date, "retirement_date"), work_months,
                                              contribution_months, arrears, _day(as_of), progress_callback(progress))

    def count_months_batch(self, offsets: Any, from_month: Any, to_month: Any, *,
                           progress: Progress = None) -> Dict[str, Any]:
        """``pension.count_months`` per row: row i's paid periods are ``from_month[j] … to_month[j]``
        (month serials or ``datetime64``, inclusive) for j in ``offsets[i] … offsets[i+1]-1``.

        Returns:
            ``{"months", "paid_twice"}``: the months covered and those in two periods or more.
        """
        from ._arrays import month_serials
        return self._native.count_months_batch(offsets, month_serials(from_month, "from_month"),
                                               month_serials(to_month, "to_month"), progress_callback(progress))

    def unit_login_name_batch(self, unit_codes: Any, *, fixed_width: Union[bool, str] = False,
                              progress: Progress = None) -> Any:
        """``si.unit_login_name`` per row: an object array of login names (None for an invalid code),
        or with ``fixed_width=True`` (or ``"U"``) a numpy ``'<U12'`` array, with ``fixed_width="S"`` an
        ``'S12'`` bytes array ('' / b'' for an invalid code), made without a Python object per row (the
        faster forms; ``'S'`` fastest)."""
        kinds = {False: "", True: "U", "U": "U", "S": "S"}
        kind = kinds.get(fixed_width) if isinstance(fixed_width, (bool, str)) else None
        if kind is None:
            raise WrongType("fixed_width: expected False, True, 'U' or 'S'", field="fixed_width")
        return self._native.unit_login_name_batch(string_values(unit_codes, "unit_codes"), kind,
                                                  progress_callback(progress))

    def validate_card_batch(self, numbers: Any, as_of: DateLike, *, progress: Progress = None) -> Any:
        """``card.validate`` per row (Luhn when ``card.luhn_required`` on ``as_of``): a bool array."""
        return self._native.validate_card_batch(string_values(numbers, "numbers"), _day(as_of),
                                                progress_callback(progress)).astype(bool)

    def validate_credit_code_batch(self, codes: Any, *, progress: Progress = None) -> Any:
        """``uscc.validate`` per row (GB 32100-2015): a bool array."""
        return self._native.validate_credit_code_batch(string_values(codes, "codes"),
                                                       progress_callback(progress)).astype(bool)
