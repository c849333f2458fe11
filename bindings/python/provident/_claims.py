"""The pension claim check and month counting of :class:`provident.Engine` (rules.md §5,
arithmetic.md §3.7): typed arguments to the JSON of ``pension.check_claim`` and
``pension.count_months``, and their answers back."""

from __future__ import annotations

import datetime as _dt
from typing import Any, Callable, Dict, Iterable, List, Mapping, Optional, Tuple, Union

from ._convert import boolean, date_text, integer, month_text
from ._typed import DateLike, MonthLike, age_or_none, category_of, month_or_none
from .errors import BadValue, WrongType
from .types import (Adjustment, AdjustmentKind, Age, Category, ClaimCheck, DatePeriod, Month, MonthCount,
                    MonthPeriod, Promotion, Violation)

__all__ = ["ClaimCalls"]


class ClaimCalls:
    """The claim check and month counting (mixed into :class:`provident.Engine`)."""

    _run: Callable[..., Dict[str, Any]]

    def count_months(self, periods: Iterable[Union[MonthPeriod, Tuple[MonthLike, MonthLike]]], *,
                     add: Iterable[Union[MonthPeriod, Tuple[MonthLike, MonthLike]]] = (),
                     reduce: Iterable[Union[MonthPeriod, Tuple[MonthLike, MonthLike]]] = ()) -> MonthCount:
        """Contribution months counted as a set: ``|(paid ∪ add) \\ reduce|``, and the months paid
        twice (arithmetic.md §3.7).

        Raises:
            provident.Rejected: a period whose start is after its end (PERIOD_INVERTED).
        """
        args: Dict[str, Any] = {"periods": _month_periods(periods, "args.periods")}
        add_l = _month_periods(add, "args.add")
        reduce_l = _month_periods(reduce, "args.reduce")
        if add_l:
            args["add"] = add_l
        if reduce_l:
            args["reduce"] = reduce_l
        r = self._run("pension.count_months", args)["result"]
        return MonthCount(months=int(r["months"]), paid_twice=tuple(Month(m) for m in r["paid_twice"]))

    def check_claim(self, *, category: Union[Category, str], work_start_date: _dt.date,
                    retirement_date: _dt.date, work_years: Union[Age, Tuple[int, int]],
                    birth_date: Optional[_dt.date] = None, id_number: Optional[str] = None,
                    contribution_months: Optional[int] = None,
                    contribution_periods: Optional[Iterable[Union[MonthPeriod, Tuple[MonthLike, MonthLike]]]] = None,
                    adjustments: Iterable[Union[Adjustment, Tuple[str, MonthLike, MonthLike]]] = (),
                    special_jobs: Iterable[Union[DatePeriod, Tuple[_dt.date, _dt.date]]] = (),
                    promotions: Iterable[Union[Promotion, _dt.date, Tuple[_dt.date, Optional[_dt.date]]]] = (),
                    has_arrears: bool = False, as_of: DateLike, policy: Optional[str] = None) -> ClaimCheck:
        """Checks a pension claim (rules.md §5; the JSON op ``pension.check_claim``).

        Give the person by ``birth_date`` or ``id_number``, and the contributions by
        ``contribution_months`` or ``contribution_periods``. The answer lists every violated rule
        at once (``ClaimCheck.violations``); it does not raise for them.
        """
        args: Dict[str, Any] = _person(birth_date, id_number)
        args["category"] = category_of(category).value
        args["work_start_date"] = date_text(work_start_date, "args.work_start_date")
        args["retirement_date"] = date_text(retirement_date, "args.retirement_date")
        wy = work_years if isinstance(work_years, Age) else Age(*work_years)
        args["work_years"] = {"years": integer(wy.years, "args.work_years.years"),
                              "months": integer(wy.months, "args.work_years.months")}
        args.update(_contributions(contribution_months, contribution_periods))
        args["adjustments"] = [_adjustment(a, f"args.adjustments[{i}]") for i, a in enumerate(adjustments)]
        args["special_jobs"] = [_date_period(j, f"args.special_jobs[{i}]") for i, j in enumerate(special_jobs)]
        args["promotions"] = [_promotion(p, f"args.promotions[{i}]") for i, p in enumerate(promotions)]
        args["has_arrears"] = boolean(has_arrears, "args.has_arrears")
        response = self._run("pension.check_claim", args, as_of=as_of, policy=policy, raise_violations=False)
        return _claim_from(response)


# ---------------------------------------------------------------------------------- arguments

def _person(birth_date: Optional[_dt.date], id_number: Optional[str]) -> Dict[str, Any]:
    if (birth_date is None) == (id_number is None):
        raise BadValue("give exactly one of birth_date and id_number", field="args.birth_date")
    if id_number is None:
        return {"birth_date": date_text(birth_date, "args.birth_date")}
    if not isinstance(id_number, str):
        raise WrongType("id_number: expected a str", field="args.id_number")
    return {"id_number": id_number}


def _contributions(months: Optional[int], periods: Optional[Iterable[Any]]) -> Dict[str, Any]:
    if (months is None) == (periods is None):
        raise BadValue("give exactly one of contribution_months and contribution_periods",
                       field="args.contribution_months")
    if months is not None:
        return {"contribution_months": integer(months, "args.contribution_months")}
    return {"contribution_periods": _month_periods(periods or (), "args.contribution_periods")}


def _month_periods(periods: Iterable[Any], field: str) -> List[Dict[str, str]]:
    out = []
    for i, p in enumerate(periods):
        start, end = (p.start, p.end) if isinstance(p, MonthPeriod) else p
        out.append({"from": month_text(start, f"{field}[{i}].from"), "to": month_text(end, f"{field}[{i}].to")})
    return out


def _adjustment(a: Any, field: str) -> Dict[str, str]:
    kind, start, end = (a.kind, a.start, a.end) if isinstance(a, Adjustment) else a
    return {"kind": AdjustmentKind(kind).value, "from": month_text(start, f"{field}.from"),
            "to": month_text(end, f"{field}.to")}


def _date_period(j: Any, field: str) -> Dict[str, str]:
    start, end = (j.start, j.end) if isinstance(j, DatePeriod) else j
    return {"from": date_text(start, f"{field}.from"), "to": date_text(end, f"{field}.to")}


def _promotion(p: Any, field: str) -> Dict[str, str]:
    if isinstance(p, Promotion):
        start, end = p.start, p.end
    elif isinstance(p, (tuple, list)):
        start, end = p
    else:  # one day (a date, a Timestamp, a datetime64, a daily Period): an open promotion
        start, end = p, None
    item = {"from": date_text(start, f"{field}.from")}
    if end is not None:
        item["to"] = date_text(end, f"{field}.to")
    return item


# ---------------------------------------------------------------------------------- answers

def _months_tuple(v: Any) -> Tuple[Any, ...]:
    if not isinstance(v, list):
        return ()
    return tuple(Month(x) if isinstance(x, str) and len(x) == 7 else x for x in v)


def _claim_from(response: Mapping[str, Any]) -> ClaimCheck:
    r = response.get("result") or {}
    mm = r.get("min_months")
    cm = r.get("counted_months")
    return ClaimCheck(
        ok=bool(response["ok"]),
        violations=tuple(Violation.from_json(v) for v in response.get("violations", [])),
        statutory_month=month_or_none(r.get("statutory_month")),
        statutory_age=age_or_none(r.get("statutory_age")),
        earliest_month=month_or_none(r.get("earliest_month")),
        min_months=int(mm) if isinstance(mm, int) else None,
        counted_months=int(cm) if isinstance(cm, int) else None,
        paid_twice=_months_tuple(r.get("paid_twice")),
        adjustment_overlaps=tuple(r.get("adjustment_overlaps") or ()),
        promotion_overlaps=tuple(r.get("promotion_overlaps") or ()),
        result=r,
    )
