"""No float on a money path: floats are refused everywhere money, a rate or an exact integer goes in,
and nothing that comes out is a float."""

import ast
import dataclasses
import datetime as dt
from decimal import Decimal
from pathlib import Path

import numpy as np
import pytest

import provident
from provident import Month

D = Decimal
FLOATS = [0.07, 2690.0, float("nan"), float("inf"), np.float64(0.07), np.float32(2690)]


def assert_refused(fn, *args, **kwargs):
    with pytest.raises(provident.FloatNotAllowed) as e:
        fn(*args, **kwargs)
    assert isinstance(e.value, TypeError) and isinstance(e.value, provident.Error)
    assert e.value.code == "FLOAT_NOT_ALLOWED"


@pytest.mark.parametrize("f", FLOATS, ids=repr)
def test_typed_api_refuses_floats(f):
    assert_refused(provident.hpf_deposit, f, "7%", "7%", month="2025-07")
    assert_refused(provident.hpf_deposit, "2690", f, "7%", month="2025-07")
    assert_refused(provident.hpf_deposit, "2690", "7%", f, month="2025-07")
    assert_refused(provident.late_fee, f, dt.date(2026, 3, 15), dt.date(2026, 4, 14))
    assert_refused(provident.si_contribution, "2025-07", base=f)
    assert_refused(provident.si_contribution, "2025-07", wage=f)
    assert_refused(provident.hpf_interest, 2025, f)
    assert_refused(provident.hpf_interest, 2025, "0", [(dt.date(2024, 8, 1), f)])
    assert_refused(provident.base_limits, f)


@pytest.mark.parametrize("f", FLOATS, ids=repr)
def test_batches_refuse_floats(engine, f):
    base = np.array([269000, 300000], dtype=np.int64)
    rate = np.array([70000, 70000], dtype=np.int64)
    assert_refused(engine.hpf_deposit_batch, base, f, rate, dt.date(2025, 7, 1))
    assert_refused(engine.hpf_deposit_batch, base, rate, f, dt.date(2025, 7, 1))


@pytest.mark.parametrize("dtype", [np.float64, np.float32, np.float16, np.complex128])
def test_batches_refuse_float_arrays(engine, dtype):
    good = np.array([269000, 300000], dtype=np.int64)
    bad = np.array([269000, 300000], dtype=dtype)
    rate = np.array([70000, 70000], dtype=np.int64)
    as_of = dt.date(2025, 7, 1)
    assert_refused(engine.hpf_deposit_batch, bad, rate, rate, as_of)
    assert_refused(engine.hpf_deposit_batch, good, bad, rate, as_of)
    assert_refused(engine.hpf_deposit_batch, good, rate, bad, as_of)
    assert_refused(engine.retirement_batch, bad, 1, as_of)
    assert_refused(engine.retirement_batch, np.array([23640, 23641]), bad, as_of)
    assert_refused(engine.min_months_batch, bad)
    assert_refused(engine.late_fee_batch, bad, np.array([20000, 20000]), np.array([20030, 20030]))
    assert_refused(engine.late_fee_batch, good, bad, np.array([20030, 20030]))
    assert_refused(engine.late_fee_batch, good, np.array([20000, 20000]), bad)
    assert_refused(engine.hpf_deposit_batch, [269000.0, 1.5], rate, rate, as_of)  # a list of floats too


def test_float_refused_in_claim_counts():
    assert_refused(provident.check_claim, birth_date=dt.date(1965, 3, 10), category="M60",
                   work_start_date=dt.date(1985, 7, 1), retirement_date=dt.date(2026, 3, 31), work_years=(40, 8),
                   contribution_months=400.0, as_of=dt.date(2026, 4, 1))


def _all_values(obj):
    yield obj
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        for f in dataclasses.fields(obj):
            yield from _all_values(getattr(obj, f.name))
    elif isinstance(obj, (list, tuple)):
        for v in obj:
            yield from _all_values(v)
    elif isinstance(obj, dict):
        for v in obj.values():
            yield from _all_values(v)


def test_results_hold_no_float():
    results = [
        provident.hpf_deposit(D("2690.55"), D("0.0725"), "12%", month="2025-07"),
        provident.late_fee(D("12345.67"), dt.date(2011, 6, 1), dt.date(2012, 1, 1)),
        provident.si_contribution("2025-07", base="12345.67"),
        provident.hpf_interest(2025, "10000", [(dt.date(2024, 9, 1), "500"), (dt.date(2025, 2, 1), "-100")]),
        provident.retirement(dt.date(1975, 3, 3), "F50", as_of=dt.date(2025, 6, 1)),
        provident.count_months([("2019-01", "2020-06")]),
    ]
    for r in results:
        for v in _all_values(r):
            assert not isinstance(v, float), (r, v)
    money = [results[0].employer_part, results[1].fee, results[2].employer_total, results[3].interest]
    assert all(isinstance(m, Decimal) and m.as_tuple().exponent == -2 for m in money)


def test_batch_outputs_are_int64(engine):
    er, ee = engine.hpf_deposit_batch(np.array([269000], dtype=np.int32), 70000, D("0.07"), dt.date(2025, 7, 1))
    assert er.dtype == np.int64 and ee.dtype == np.int64
    assert engine.min_months_batch(np.array([24400])).dtype == np.int64
    assert engine.late_fee_batch(np.array([100]), 20000, 20030).dtype == np.int64
    assert engine.retirement_batch(np.array([23640]), "M60", dt.date(2025, 1, 1)).dtype == np.int64


def test_exact_on_rounding_boundaries(engine):
    # Exactly half a yuan rounds up (half_up to yuan): 10.00 × 5% = 0.50 → 1; 9.90 × 5% = 0.495 → 0.
    base = np.array([1000, 1010, 990, 9_223_372_036_855], dtype=np.int64)  # the last: the 128-bit path
    er, _ = engine.hpf_deposit_batch(base, 50000, 0, dt.date(2025, 7, 1))
    assert er.tolist() == [100, 100, 0, 461_168_601_800]


def test_package_source_never_makes_floats():
    """The pure-Python package has no float() call, no float literal and no true division on values."""
    pkg = Path(provident.__file__).parent
    offenders = []
    for path in sorted(pkg.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "float":
                offenders.append(f"{path.name}:{node.lineno}: float()")
            if isinstance(node, ast.Constant) and isinstance(node.value, float):
                offenders.append(f"{path.name}:{node.lineno}: float literal {node.value!r}")
            if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
                # true division is allowed only on Decimal (the rate of a percent string)
                src = ast.get_source_segment(path.read_text(encoding="utf-8"), node) or ""
                if "Decimal" not in src:
                    offenders.append(f"{path.name}:{node.lineno}: true division {src!r}")
    assert not offenders, offenders


def test_month_serials_are_ints():
    m = Month(2026, 7)
    assert type(m.serial) is int and type(m.year) is int
