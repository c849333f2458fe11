"""Population batches: results equal the element-wise results of the JSON operations, and every
argument is validated before anything is computed."""

import datetime as dt
from decimal import Decimal

import numpy as np
import pytest

import provident
from provident import Category, Month

RNG = np.random.default_rng(20250701)
AS_OF = dt.date(2025, 7, 1)


def rounding_overlay(mode: str, unit: str) -> str:
    return f"""
[[hpf.deposit.rounding]]
from = 2002-03-24
value = {{ mode = "{mode}", unit = "{unit}" }}
source = "test: every rounding mode through the batch"
verified = false
"""


MODES = [("half_up", "yuan"), ("half_up", "fen"), ("half_even", "jiao"), ("half_even", "yuan"), ("up", "jiao"),
         ("down", "yuan"), ("fen_then_up", "yuan"), ("fen_then_up", "jiao")]


def yuan(fen: int) -> str:
    sign = "-" if fen < 0 else ""
    fen = abs(int(fen))
    return f"{sign}{fen // 100}.{fen % 100:02d}"


def rate(micros: int) -> str:
    return f"{int(micros) // 1_000_000}.{int(micros) % 1_000_000:06d}"


# ---------------------------------------------------------------------------------------- deposits

@pytest.mark.parametrize("mode,unit", MODES)
def test_deposit_batch_equals_elementwise(mode, unit):
    eng = provident.Engine("national", overlay_text=rounding_overlay(mode, unit))
    n = 300
    base = RNG.integers(0, 10_000_000, n, dtype=np.int64)
    base[:8] = [0, 1, 50, 99, 100, 150, 250, 1_000_000_000_000]  # boundaries and a large base
    er = RNG.integers(0, 1_000_001, n, dtype=np.int64)
    ee = RNG.integers(0, 150_001, n, dtype=np.int64)
    er[:3] = [0, 500_000, 1_000_000]
    out_er, out_ee = eng.hpf_deposit_batch(base, er, ee, AS_OF)
    month = Month.of(AS_OF)
    for i in range(n):
        d = eng.hpf_deposit(yuan(base[i]), rate(er[i]), rate(ee[i]), month=month)
        assert (out_er[i], out_ee[i]) == (int(d.employer_part * 100), int(d.employee_part * 100)), (i, mode, unit)


def test_deposit_batch_slow_path_equals_elementwise(engine):
    # Bases beyond INT64_MAX / 10^6 take the exact 128-bit path; up to the protocol's money limit.
    base = np.array([9_223_372_036_855, 50_000_000_000_000, 99_999_999_999_999, 123], dtype=np.int64)
    er = np.array([123_457, 1_000_000, 999_999, 70_000], dtype=np.int64)
    out_er, out_ee = engine.hpf_deposit_batch(base, er, er, AS_OF)
    for i in range(len(base)):
        d = engine.hpf_deposit(yuan(base[i]), rate(er[i]), rate(er[i]), month=Month.of(AS_OF))
        assert out_er[i] == int(d.employer_part * 100) == out_ee[i]


def test_deposit_batch_shapes_and_scalars(engine):
    base = np.arange(0, 2_000_000, 1000, dtype=np.int64)
    full = engine.hpf_deposit_batch(base, np.full(base.size, 70000), np.full(base.size, 120000), AS_OF)
    assert all((a == b).all() for a, b in zip(full, engine.hpf_deposit_batch(base, 70000, "12%", AS_OF)))
    assert all((a == b).all() for a, b in zip(full, engine.hpf_deposit_batch(base, Decimal("0.07"), Decimal("0.12"), AS_OF)))
    # Non-contiguous, other integer dtypes, lists: converted without changing the answer.
    strided = np.repeat(base, 2)[::2]
    assert not strided.flags["C_CONTIGUOUS"]
    assert (engine.hpf_deposit_batch(strided, 70000, 120000, AS_OF)[0] == full[0]).all()
    assert (engine.hpf_deposit_batch(base.astype(np.int32), np.int16(7000) * 10, 120000, AS_OF)[0] == full[0]).all()
    assert engine.hpf_deposit_batch([269000], [70000], [70000], AS_OF)[0].tolist() == [18800]
    # Empty arrays.
    e0, e1 = engine.hpf_deposit_batch(np.array([], dtype=np.int64), 70000, 70000, AS_OF)
    assert e0.size == 0 and e1.size == 0 and e0.dtype == np.int64
    # as_of: a date, a datetime or a Month; only its month matters.
    assert (engine.hpf_deposit_batch(base, 70000, 70000, dt.datetime(2025, 7, 31, 23, 0))[0]
            == engine.hpf_deposit_batch(base, 70000, 70000, Month(2025, 7))[0]).all()
    # Inputs are not modified; outputs are new arrays.
    before = base.copy()
    out = engine.hpf_deposit_batch(base, 70000, 70000, AS_OF)
    assert (base == before).all() and not np.shares_memory(out[0], base)


def test_deposit_batch_into_preallocated_outputs(engine):
    base = np.arange(0, 1_000_000, 997, dtype=np.int64)
    expected = engine.hpf_deposit_batch(base, 70000, 120000, AS_OF)
    out = (np.full(base.size, -1, dtype=np.int64), np.full(base.size, -1, dtype=np.int64))
    got = engine.hpf_deposit_batch(base, 70000, 120000, AS_OF, out=out)
    assert got[0] is out[0] and got[1] is out[1]
    assert (out[0] == expected[0]).all() and (out[1] == expected[1]).all()
    # A bad row fails the call naming the row; the outputs are then unspecified (the rows are
    # checked and computed a block at a time): nothing is asserted of them.
    bad = base.copy()
    bad[-1] = -5
    with pytest.raises(provident.BatchError) as e:
        engine.hpf_deposit_batch(bad, 70000, 120000, AS_OF, out=out)
    assert e.value.row == base.size - 1
    for wrong in [(out[0],), (out[0], out[0]), (out[0][:-1], out[1]), (out[0].astype(np.int32), out[1]),
                  (out[0][::-1], out[1]), (base, out[1]), [list(out[0]), out[1]]]:
        with pytest.raises(provident.Error):
            engine.hpf_deposit_batch(base, 70000, 120000, AS_OF, out=wrong)
    readonly = out[0].copy()
    readonly.flags.writeable = False
    with pytest.raises(provident.WrongType):
        engine.hpf_deposit_batch(base, 70000, 120000, AS_OF, out=(readonly, out[1]))


@pytest.mark.parametrize("args,row,field", [
    (([100, -1, 5], 70000, 70000), 1, "base_fen"),
    (([100, 200, 300], [70000, 70000, 1_000_001], 70000), 2, "employer_rate_micros"),
    (([100, 200, 300], 70000, [0, -1, 0]), 1, "employee_rate_micros"),
])
def test_deposit_batch_bad_rows(engine, args, row, field):
    with pytest.raises(provident.BatchError) as e:
        engine.hpf_deposit_batch(*(np.asarray(a, dtype=np.int64) for a in args), AS_OF)
    assert (e.value.row, e.value.field) == (row, field)
    assert isinstance(e.value, provident.BadValue) and isinstance(e.value, ValueError)
    assert f"row {row}" in str(e.value)


def test_deposit_batch_argument_errors(engine):
    base = np.array([100, 200], dtype=np.int64)
    with pytest.raises(provident.BadValue, match="rows"):
        engine.hpf_deposit_batch(base, np.array([1, 2, 3]), 70000, AS_OF)
    with pytest.raises(provident.BadValue, match="one-dimensional"):
        engine.hpf_deposit_batch(base.reshape(1, 2), 70000, 70000, AS_OF)
    with pytest.raises(provident.BadValue, match="one-dimensional"):
        engine.hpf_deposit_batch(np.int64(5), 70000, 70000, AS_OF)
    with pytest.raises(provident.WrongType):
        engine.hpf_deposit_batch(base.astype(object), 70000, 70000, AS_OF)
    with pytest.raises(provident.WrongType):
        engine.hpf_deposit_batch(np.array([True, False]), 70000, 70000, AS_OF)
    with pytest.raises(provident.WrongType):
        engine.hpf_deposit_batch(base.astype(np.uint64), 70000, 70000, AS_OF)
    with pytest.raises(provident.WrongType):
        engine.hpf_deposit_batch(np.array(["100", "200"]), 70000, 70000, AS_OF)
    with pytest.raises(provident.WrongType):
        engine.hpf_deposit_batch(base, True, 70000, AS_OF)
    with pytest.raises(provident.BadValue, match="millionths"):
        engine.hpf_deposit_batch(base, Decimal("0.0000001"), 70000, AS_OF)
    with pytest.raises(provident.WrongType):
        engine.hpf_deposit_batch(base, 70000, 70000, "2025-07-01")
    with pytest.raises(provident.PolicyNotInForce):
        engine.hpf_deposit_batch(base, 70000, 70000, dt.date(2001, 1, 1))
    # Months before 1400-01 are outside the exact types' calendar, as in the C ABI.
    with pytest.raises(provident.BadValue, match="1400-01"):
        engine.hpf_deposit_batch(base, 70000, 70000, Month(1399, 12))


# ---------------------------------------------------------------------------------------- retirement

@pytest.mark.parametrize("as_of", [dt.date(2025, 1, 1), dt.date(2024, 6, 30), dt.date(2030, 3, 3)])
def test_retirement_batch_equals_elementwise(engine, as_of):
    births = np.arange(1950 * 12, 2006 * 12, 7, dtype=np.int64)
    cats = RNG.integers(1, 4, births.size)
    stat, delay, early, late = engine.retirement_batch(births, cats, as_of, detail=True)
    assert (engine.retirement_batch(births, cats, as_of) == stat).all()
    for i in range(births.size):
        m = Month.from_serial(births[i])
        r = engine.retirement(dt.date(m.year, m.month, 15), Category.from_code(int(cats[i])), as_of=as_of)
        assert (stat[i], delay[i], early[i], late[i]) == (r.statutory_month.serial, r.delay_months,
                                                          r.earliest_month.serial, r.latest_month.serial), i


def test_retirement_batch_category_forms(engine):
    births = np.array([1971 * 12 + 4, 1980 * 12, 1990 * 12 + 11], dtype=np.int64)
    by_code = engine.retirement_batch(births, np.array([1, 2, 3]), AS_OF)
    assert (engine.retirement_batch(births, np.array(["M60", "F55", "F50"]), AS_OF) == by_code).all()
    assert (engine.retirement_batch(births, [Category.M60, Category.F55, Category.F50], AS_OF) == by_code).all()
    assert (engine.retirement_batch(births, np.array([1, 2, 3], dtype=np.int8), AS_OF) == by_code).all()
    assert (engine.retirement_batch(births, "F55", AS_OF) == engine.retirement_batch(births, 2, AS_OF)).all()
    assert (engine.retirement_batch(births, Category.F50, AS_OF) == engine.retirement_batch(births, 3, AS_OF)).all()
    dates = np.array(["1971-05-20", "1980-01-01", "1990-12-31"], dtype="datetime64[D]")
    assert (engine.retirement_batch(dates, np.array([1, 2, 3]), AS_OF) == by_code).all()


def test_retirement_batch_errors(engine):
    births = np.array([1971 * 12, 1980 * 12, 1990 * 12], dtype=np.int64)
    for bad in (0, 4, -1):
        with pytest.raises(provident.BatchError) as e:
            engine.retirement_batch(births, np.array([1, bad, 2]), AS_OF)
        assert (e.value.row, e.value.field) == (1, "category")
    with pytest.raises(provident.BatchError) as e:
        engine.retirement_batch(births, np.array(["M60", "M60", "X"]), AS_OF)
    assert e.value.row == 2
    with pytest.raises(provident.BatchError) as e:
        engine.retirement_batch(np.array([23640, 5, 23640]), 1, AS_OF)
    assert (e.value.row, e.value.field) == (1, "birth_month")
    with pytest.raises(provident.BadValue):
        engine.retirement_batch(births, "M65", AS_OF)
    with pytest.raises(provident.BadValue):
        engine.retirement_batch(np.array(["1971-05", "NaT"], dtype="datetime64[M]"), 1, AS_OF)
    with pytest.raises(provident.PolicyNotInForce):
        engine.retirement_batch(births, 1, dt.date(1970, 1, 1))
    with pytest.raises(provident.WrongType):
        engine.retirement_batch(Month(1971, 5), 1, AS_OF)
    assert engine.retirement_batch(np.array([], dtype=np.int64), 1, AS_OF).size == 0


# ---------------------------------------------------------------------------------------- minimum months

def test_min_months_batch_equals_elementwise(engine):
    months = np.arange(2015 * 12, 2065 * 12, dtype=np.int64)
    RNG.shuffle(months)
    out = engine.min_months_batch(months)
    for i in range(0, months.size, 5):
        assert out[i] == engine.min_contribution_months(Month.from_serial(months[i]))
    assert engine.min_months_batch(np.array(["2033-04"], dtype="datetime64[M]")).tolist() == [204]


def test_min_months_batch_errors(engine):
    with pytest.raises(provident.PolicyNotInForce) as e:
        engine.min_months_batch(np.array([2030 * 12, 2101 * 12, 2030 * 12]))
    assert e.value.row == 1 and "row 1" in str(e.value)
    # A gap in the range that no row uses is not an error.
    assert engine.min_months_batch(np.array([2015 * 12, 2099 * 12])).tolist() == [180, 240]
    with pytest.raises(provident.BatchError) as e:
        engine.min_months_batch(np.array([2030 * 12, -4]))
    assert e.value.row == 1
    with pytest.raises(provident.BatchError) as e:
        engine.min_months_batch(np.array([2030 * 12, 1399 * 12 + 11]))
    assert (e.value.row, e.value.field) == (1, "retirement_month")


# ---------------------------------------------------------------------------------------- late fees

def test_late_fee_batch_equals_elementwise(engine):
    n = 400
    principal = RNG.integers(0, 100_000_000, n, dtype=np.int64)
    due = RNG.integers((dt.date(2008, 1, 1) - dt.date(1970, 1, 1)).days,
                       (dt.date(2026, 1, 1) - dt.date(1970, 1, 1)).days, n, dtype=np.int64)
    paid = due + RNG.integers(-30, 2000, n, dtype=np.int64)
    due[:2] = [(dt.date(2011, 6, 25) - dt.date(1970, 1, 1)).days] * 2
    paid[:2] = [(dt.date(2011, 7, 5) - dt.date(1970, 1, 1)).days, due[1]]
    fees = engine.late_fee_batch(principal, due, paid)
    epoch = dt.date(1970, 1, 1)
    for i in range(n):
        f = engine.late_fee(yuan(principal[i]), epoch + dt.timedelta(days=int(due[i])),
                            epoch + dt.timedelta(days=int(paid[i])))
        assert fees[i] == int(f.fee * 100), i
    as_dates = engine.late_fee_batch(principal, due.astype("datetime64[D]"), paid.astype("datetime64[D]"))
    assert (as_dates == fees).all()


def test_late_fee_batch_scalar_dates(engine):
    fees = engine.late_fee_batch(np.array([1_000_000, 2_000_000]), dt.date(2026, 3, 15), dt.date(2026, 4, 14))
    assert fees.tolist() == [15000, 30000]


def test_late_fee_batch_errors(engine):
    due = np.array([20000, 20000, 20000])
    with pytest.raises(provident.BatchError) as e:
        engine.late_fee_batch(np.array([1, -1, 1]), due, due + 10)
    assert (e.value.row, e.value.field) == (1, "principal_fen")
    with pytest.raises(provident.PolicyNotInForce) as e:
        engine.late_fee_batch(np.array([1, 1, 1]), np.array([20000, 10000, 20000]), due + 10)  # 1997: not covered
    assert e.value.row == 1
    with pytest.raises(provident.BatchError) as e:
        engine.late_fee_batch(np.array([1, 1, 1]), due, np.array([20000, 20000, 10**9]))
    assert (e.value.row, e.value.field) == (2, "paid_date")
    with pytest.raises(provident.WrongType):
        engine.late_fee_batch(np.array([1]), dt.datetime(2026, 1, 1), dt.date(2026, 2, 1))
