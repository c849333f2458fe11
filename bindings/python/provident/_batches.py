"""The population batches of :class:`provident.Engine`: numpy int64 arrays in, int64 arrays out,
in C++ with the GIL released (the kernels the C ABI uses too)."""

from __future__ import annotations

from typing import Any, Optional, Tuple, Union

from ._calc_batches import CalculatorBatchCalls
from ._convert import as_of_date, day_serial, rate_micros
from ._typed import DateLike, MonthLike
from .types import Month, Rounding, RoundingMode, RoundingUnit

__all__ = ["BatchCalls"]


class BatchCalls(CalculatorBatchCalls):
    """The batches (mixed into :class:`provident.Engine`); the calculators' own in _calc_batches."""

    _native: Any

    def deposit_rounding(self, month: MonthLike) -> Rounding:
        """The HPF deposit rounding (``hpf.deposit.rounding``) in force on day 1 of ``month``.

        Raises:
            provident.PolicyNotInForce: the profile has no rounding for that month.
        """
        mode, unit = self._native.deposit_rounding(Month.of(month).serial)
        return Rounding(RoundingMode(mode), RoundingUnit(unit))

    # ------------------------------------------------------------------------------ batches

    def hpf_deposit_batch(self, base_fen: Any, employer_rate_micros: Any, employee_rate_micros: Any,
                          as_of: Union[DateLike, Month], *, out: Optional[Tuple[Any, Any]] = None) -> Tuple[Any, Any]:
        """HPF deposits of a whole population, in C++ with the GIL released.

        Args:
            base_fen: int64 array of bases in fen (≥ 0).
            employer_rate_micros, employee_rate_micros: int64 arrays of rates in millionths
                (12% = 120000, within 0…1000000), or one rate for every row (an int of millionths,
                a Decimal or a string such as ``"12%"``).
            as_of: a date; the rounding is the policy's ``hpf.deposit.rounding`` in force on day 1
                of its month.
            out: optionally two preallocated int64 arrays (C-contiguous, writable, one element per
                row, not overlapping the inputs) to write into instead of allocating: repeated runs
                over the same population then allocate nothing.

        Returns:
            ``(employer_fen, employee_fen)``, int64 arrays (``out`` when given); the monthly deposit
            is their sum.

        Raises:
            provident.BatchError: a negative base or a rate outside 0…1 (``row`` names the first);
                the contents of ``out`` are then unspecified (rows are checked and computed 2,048
                at a time, so that the inputs are read from memory once).
            provident.FloatNotAllowed: a float array or value.
            provident.PolicyNotInForce: no rounding in force in that month.
        """
        month = as_of if isinstance(as_of, Month) else Month.of(as_of_date(as_of))
        return self._native.hpf_deposit_batch(base_fen, rate_micros(employer_rate_micros, "employer_rate_micros"),
                                              rate_micros(employee_rate_micros, "employee_rate_micros"), month.serial,
                                              out)

    def retirement_batch(self, birth_month: Any, category: Any, as_of: DateLike, *, detail: bool = False) -> Any:
        """Statutory retirement months of a whole population under the rules in force on ``as_of``.

        Args:
            birth_month: int64 array of birth month serials (``year*12 + month - 1``), or a
                ``datetime64`` array (its months are used).
            category: one category for everyone (``Category.F55`` or ``"F55"``), or an array of
                category codes (1 = M60, 2 = F55, 3 = F50, as in the C ABI; see ``Category.code``)
                or of strings.
            as_of: the day whose rules apply.
            detail: also return the delay and the flexible-retirement range.

        Returns:
            an int64 array of statutory retirement month serials; with ``detail=True`` a tuple
            ``(statutory_month, delay_months, earliest_month, latest_month)`` of int64 arrays.
        """
        from ._arrays import category_codes, month_serials
        return self._native.retirement_batch(month_serials(birth_month, "birth_month"), category_codes(category),
                                             day_serial(as_of_date(as_of)), bool(detail))

    def min_months_batch(self, retirement_month: Any) -> Any:
        """Minimum contribution months for an int64 array of retirement month serials (or a
        ``datetime64`` array), each read in force on day 1 of its month. Returns an int64 array.

        Raises:
            provident.PolicyNotInForce: a month outside the profile's window (the message names the row).
        """
        from ._arrays import month_serials
        return self._native.min_months_batch(month_serials(retirement_month, "retirement_month"))

    def late_fee_batch(self, principal_fen: Any, due_date: Any, paid_date: Any) -> Any:
        """Late fees on many principals (arithmetic.md §3.3), in fen.

        Args:
            principal_fen: int64 array of principals in fen (≥ 0).
            due_date, paid_date: int64 arrays of day serials (days since 1970-01-01),
                ``datetime64`` arrays, or one ``datetime.date`` for every row.

        Returns:
            an int64 array of fees in fen (the days late are ``max(paid - due, 0)``).
        """
        from ._arrays import day_serials
        return self._native.late_fee_batch(principal_fen, day_serials(due_date, "due_date"),
                                           day_serials(paid_date, "paid_date"))
