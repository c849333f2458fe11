"""pandas and numpy values on every surface of the package (issue 19 (4)): nullable columns, numpy
scalars, Timestamps/datetime64/Periods, rate strings, overlay paths, column names that must exist.
Every conversion is exact; a missing value is refused naming its position in the caller's data."""

import datetime as dt
import os
import pathlib
import warnings
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest

import provident
import provident.pandas as ppd
from provident import Month
from provident._arrays import native_column

AS_OF = dt.date(2025, 7, 3)
BASES = [269000, 800000, 1200000, 500000]


def deposit(engine, base, er, ee):
    return [a.tolist() for a in engine.hpf_deposit_batch(base, er, ee, AS_OF)]


def shuffled_frame(n=6):
    """A frame whose index is not 0..n-1 (filtered and shuffled), to check that rows are positions."""
    df = pd.DataFrame({"base": pd.array([100000 * (i + 1) for i in range(n)], dtype="Int64")},
                      index=[f"p{i}" for i in range(n)])
    return df.iloc[::-1].iloc[1:]  # index p4, p3, p2, p1, p0


# ---------------------------------------------------------------------------------------- 1. nullable columns

@pytest.mark.parametrize("dtype", ["Int64", "Int32", "UInt32"])
def test_nullable_integer_columns_are_int64_columns(engine, dtype):
    expected = deposit(engine, np.array(BASES), 70000, 120000)
    series = pd.Series(BASES, dtype="Int64")
    rates = pd.Series([70000] * 4, dtype=dtype)
    assert deposit(engine, series, rates, pd.Series([120000] * 4, dtype=dtype)) == expected
    assert deposit(engine, pd.array(BASES, dtype="Int64"), 70000, 120000) == expected
    births = pd.Series([1971 * 12 + 4, 1980 * 12 + 1], dtype="Int64")
    assert (engine.retirement_batch(births, pd.Series([1, 2], dtype="Int8"), AS_OF)
            == engine.retirement_batch(np.array([1971 * 12 + 4, 1980 * 12 + 1]), np.array([1, 2]), AS_OF)).all()


def test_na_row_is_the_global_position(engine):
    df = shuffled_frame()
    df.loc["p2", "base"] = pd.NA  # position 2 of the filtered frame
    with pytest.raises(provident.BatchError) as e:
        engine.hpf_deposit_batch(df["base"], 70000, 70000, AS_OF)
    assert (e.value.row, e.value.field) == (2, "base_fen")
    assert "row 2" in str(e.value) and "missing" in str(e.value) and e.value.message.startswith("第2行")
    big = pd.Series(pd.array(np.arange(5000) + 1000, dtype="Int64"), index=np.arange(5000) * 7)
    big.iloc[1234] = pd.NA
    with pytest.raises(provident.BatchError, match="row 1234"):
        engine.late_fee_batch(big, dt.date(2026, 3, 15), dt.date(2026, 4, 14))


def test_boolean_columns(engine):
    flags = native_column(pd.Series([True, False, True], dtype="boolean"), "has_arrears")
    assert flags.dtype == np.bool_ and flags.tolist() == [True, False, True]
    with pytest.raises(provident.BatchError) as e:
        native_column(pd.Series([True, pd.NA], dtype="boolean", index=[9, 3]), "has_arrears")
    assert (e.value.row, e.value.field) == (1, "has_arrears")


def test_float_columns_still_refused(engine):
    for bad in (pd.Series([1.0, 2.0]), pd.Series([1.5, None], dtype="Float64"), pd.array([1.0], dtype="Float64")):
        with pytest.raises(provident.FloatNotAllowed):
            engine.hpf_deposit_batch(bad, 70000, 70000, AS_OF)
        with pytest.raises(provident.FloatNotAllowed):
            engine.hpf_deposit_batch(np.array([100, 200][:len(bad)]), bad, 70000, AS_OF)


def test_evaluate_people_nullable_columns(engine):
    people = pd.DataFrame({"birth_date": pd.to_datetime(["1965-03-10", "1971-05-20", "1980-02-01"]),
                           "category": pd.array(["M60", "F55", "F50"], dtype="string"),
                           "contribution_months": pd.array([200, 150, 90], dtype="Int64")}, index=[30, 10, 20])
    out = ppd.evaluate_people(people, engine, as_of=AS_OF)
    plain = ppd.evaluate_people(people.astype({"contribution_months": "int64", "category": object}), engine,
                                as_of=AS_OF)
    assert out["months_short"].tolist() == plain["months_short"].tolist()
    assert out["meets_minimum"].tolist() == plain["meets_minimum"].tolist()
    with_na = people.copy()
    with_na.loc[20, "contribution_months"] = pd.NA
    with pytest.raises(provident.BatchError) as e:
        ppd.evaluate_people(with_na, engine, as_of=AS_OF)
    assert (e.value.row, e.value.field) == (2, "contribution_months")
    no_category = people.copy()
    no_category.loc[10, "category"] = pd.NA
    with pytest.raises(provident.BatchError) as e:
        ppd.evaluate_people(no_category, engine, as_of=AS_OF)
    assert (e.value.row, e.value.field) == (1, "category") and "missing" in str(e.value)


# ---------------------------------------------------------------------------------------- 2. numpy scalars

@pytest.mark.parametrize("np_int", [np.int64, np.int32, np.int16, np.uint16])
def test_numpy_integers_are_ints(engine, np_int):
    d = engine.hpf_deposit(np_int(2690), "7%", "7%", month=Month(2025, 7))
    assert d.monthly_deposit == Decimal("376.00")
    assert engine.late_fee(np_int(10000), dt.date(2026, 3, 15), dt.date(2026, 4, 14)).fee == Decimal("150.00")
    assert Month(np_int(2026), np_int(7)) == Month(2026, 7)
    assert engine.base_limits(np_int(2025), policy="xian").floor == Decimal("4990.00")
    assert engine.hpf_interest(np_int(2025), np_int(10000)).interest == engine.hpf_interest(2025, 10000).interest


def test_numpy_bools(engine):
    claim = dict(birth_date=dt.date(1965, 3, 10), category="M60", work_start_date=dt.date(1985, 7, 1),
                 retirement_date=dt.date(2026, 3, 31), work_years=(np.int64(40), np.int64(8)),
                 contribution_months=np.int64(400), as_of=dt.date(2026, 4, 1))
    assert engine.check_claim(has_arrears=np.bool_(True), **claim).codes == engine.check_claim(
        has_arrears=True, **claim).codes
    with pytest.raises(provident.WrongType):
        engine.check_claim(has_arrears=np.int64(1), **claim)
    with pytest.raises(provident.WrongType, match="bool"):
        engine.hpf_deposit(np.bool_(True), "7%", "7%", month=Month(2025, 7))
    with pytest.raises(provident.FloatNotAllowed):
        engine.hpf_deposit(np.float64(2690), "7%", "7%", month=Month(2025, 7))
    with pytest.raises(provident.BadValue, match="missing"):
        engine.hpf_deposit(pd.NA, "7%", "7%", month=Month(2025, 7))


# ---------------------------------------------------------------------------------------- 3. dates and months

def test_date_scalars(engine):
    expected = engine.late_fee(10000, dt.date(2026, 3, 15), dt.date(2026, 4, 14))
    for due, paid in [(pd.Timestamp("2026-03-15"), np.datetime64("2026-04-14")),
                      (pd.Period("2026-03-15", freq="D"), np.datetime64("2026-04-14T00:00:00"))]:
        assert engine.late_fee(10000, due, paid) == expected
    r = engine.retirement(dt.date(1971, 5, 20), "M60", as_of=AS_OF)
    assert engine.retirement(pd.Timestamp("1971-05-20"), "M60", as_of=pd.Timestamp("2025-07-03")) == r
    assert engine.retirement(np.datetime64("1971-05-20"), "M60", as_of=np.datetime64("2025-07-03")) == r
    for month in (pd.Period("2033-04", freq="M"), pd.Period("2033-04-30", freq="D"), np.datetime64("2033-04"),
                  pd.Timestamp("2033-04-30 13:00"), np.datetime64("2033-04-02T10:00")):
        assert engine.min_contribution_months(month) == 204
    assert engine.count_months([(pd.Period("2020-01", "M"), np.datetime64("2020-12"))]).months == 12


@pytest.mark.parametrize("bad,error,needle", [
    (pd.NaT, provident.BadValue, "missing"),
    (np.datetime64("NaT"), provident.BadValue, "missing"),
    (pd.Timestamp("2026-03-15", tz="Asia/Shanghai"), provident.WrongType, "never guesses a zone"),
    (pd.Timestamp("2026-03-15 08:00"), provident.BadValue, "time of day"),
    (np.datetime64("2026-03"), provident.WrongType, "not a day"),
    (pd.Period("2026-03", freq="M"), provident.WrongType, "not a day"),
])
def test_bad_date_scalars(engine, bad, error, needle):
    with pytest.raises(error, match=needle) as e:
        engine.late_fee(10000, bad, dt.date(2026, 4, 14))
    assert e.value.field == "args.due_date"


def test_bad_month_scalars(engine):
    with pytest.raises(provident.WrongType, match="never guesses a zone"):
        engine.min_contribution_months(pd.Timestamp("2033-04-01", tz="UTC"))
    with pytest.raises(provident.BadValue, match="missing"):
        engine.min_contribution_months(pd.NaT)
    with pytest.raises(provident.WrongType, match="not a month"):
        engine.min_contribution_months(pd.Period("2033Q2", freq="Q"))


def test_date_and_month_columns(engine):
    days = pd.Series(pd.to_datetime(["2026-03-15", "2026-03-20"]), index=[5, 1])
    paid = np.array(["2026-04-14", "2026-04-14"], dtype="datetime64[D]")
    expected = engine.late_fee_batch(np.array([1_000_000, 1_000_000]), days.to_numpy(), paid).tolist()
    assert expected == [15000, 12500]
    for due in (days.dt.to_period("D"), pd.Series([dt.date(2026, 3, 15), dt.date(2026, 3, 20)]),
                pd.Series([pd.Timestamp("2026-03-15"), pd.Period("2026-03-20", "D")], dtype=object)):
        assert engine.late_fee_batch(np.array([1_000_000, 1_000_000]), due, paid).tolist() == expected
    births = pd.Series(pd.to_datetime(["1971-05-20", "1980-02-01"]))
    stat = engine.retirement_batch(births, "M60", AS_OF)
    for form in (births.dt.to_period("M"), births.dt.to_period("D"), pd.Series(["1971-05", "1980-02"]),
                 pd.Series([Month(1971, 5), dt.date(1980, 2, 1)])):
        assert (engine.retirement_batch(form, "M60", AS_OF) == stat).all()


def test_bad_date_columns_name_the_row(engine):
    due = pd.Series(pd.to_datetime(["2026-03-15", None, "2026-03-15"]), index=[7, 8, 9]).iloc[1:]
    with pytest.raises(provident.BatchError) as e:
        engine.late_fee_batch(np.array([1, 1]), due, dt.date(2026, 4, 1))
    assert (e.value.row, e.value.field) == (0, "due_date")
    with pytest.raises(provident.BatchError) as e:
        engine.late_fee_batch(np.array([1, 1]), pd.to_datetime(pd.Series(["2026-03-15", "2026-03-15 12:00"])),
                              dt.date(2026, 4, 1))
    assert e.value.row == 1 and "time of day" in str(e.value)
    with pytest.raises(provident.WrongType, match="zone"):
        engine.late_fee_batch(np.array([1]), pd.Series(pd.to_datetime(["2026-03-15"]).tz_localize("UTC")),
                              dt.date(2026, 4, 1))
    with pytest.raises(provident.WrongType, match="not days"):
        engine.late_fee_batch(np.array([1]), pd.Series(pd.period_range("2026-03", periods=1, freq="M")),
                              dt.date(2026, 4, 1))
    births = pd.Series([pd.Period("1971-05", "M"), pd.NaT, pd.NaT], dtype="period[M]", index=[4, 2, 0])
    with pytest.raises(provident.BatchError) as e:
        engine.retirement_batch(births, "M60", AS_OF)
    assert (e.value.row, e.value.field) == (1, "birth_month")
    with pytest.raises(provident.BatchError) as e:
        engine.retirement_batch(pd.Series(["1971-05", "1971-13"]), "M60", AS_OF)
    assert (e.value.row, e.value.field) == (1, "birth_month")


# ---------------------------------------------------------------------------------------- 4. rates

def test_rate_string_columns(engine):
    expected = deposit(engine, np.array(BASES), np.array([70000, 120000, 50000, 125000]), 70000)
    for rates in (pd.Series(["7%", "0.12", "5%", "12.5%"]), pd.Series(["7%", "0.12", "5%", "12.5%"], dtype="string"),
                  np.array(["0.07", "12%", "0.05", "0.125"]),
                  pd.Series([Decimal("0.07"), "12%", 50000, Decimal("0.125")])):
        assert deposit(engine, np.array(BASES), rates, "7%") == expected
    people = pd.DataFrame({"birth_date": pd.to_datetime(["1971-05-20"] * 4), "category": ["M60"] * 4,
                           "base": BASES, "er": ["7%", "12%", "5%", "12.5%"], "ee": ["0.07"] * 4})
    out = ppd.evaluate_people(people, engine, as_of=AS_OF, hpf_base="base", hpf_employer_rate="er",
                              hpf_employee_rate="ee")
    assert out["hpf_employer_fen"].tolist() == expected[0] and out["hpf_employee_fen"].tolist() == expected[1]


@pytest.mark.parametrize("bad,error,needle", [
    ("7 %", provident.BatchError, "not a rate"),
    ("seven", provident.BatchError, "not a rate"),
    ("0.0000001", provident.BatchError, "millionths"),
    (0.07, provident.FloatNotAllowed, "float"),
    (None, provident.BatchError, "missing"),
])
def test_bad_rate_strings_name_the_row(engine, bad, error, needle):
    rates = pd.Series(["7%", "7%", bad, "7%"], index=[40, 30, 20, 10])
    with pytest.raises(error, match=needle) as e:
        engine.hpf_deposit_batch(np.array(BASES), rates, 70000, AS_OF)
    assert e.value.row == 2 and "row 2" in str(e.value) and e.value.field == "employer_rate_micros"


# ---------------------------------------------------------------------------------------- 5. overlays

FASTER = ('[[pension.min_contribution_months]]\nfrom = 2011-07-01\nvalue = 240\n'
          'source = "what if: 240 now"\nverified = false\n')


def test_overlay_paths_and_text(tmp_path, engine):
    f = tmp_path / "reform.toml"
    f.write_text(FASTER, encoding="utf-8")
    for kw in ({"overlay": str(f)}, {"overlay": f}, {"overlay": pathlib.PurePath(f)}, {"overlay_text": FASTER}):
        with provident.Engine("national", **kw) as reform:
            assert reform.min_contribution_months("2026-07") == 240
    assert engine.min_contribution_months("2026-07") == 180
    with pytest.warns(FutureWarning, match="overlay_text"):
        with provident.Engine(overlay=FASTER) as old_style:  # TOML text with a line break: still read, warned
            assert old_style.min_contribution_months("2026-07") == 240


def test_overlay_path_errors(tmp_path):
    with pytest.raises(provident.PolicyError) as e:
        provident.Engine(overlay=str(tmp_path / "missing.toml"))
    assert "missing.toml" in str(e.value) and "overlay_text" in str(e.value) and e.value.field == "overlay"
    with pytest.raises(provident.PolicyError, match="overlay_text"):
        provident.Engine(overlay="[[pension.min_contribution_months]] value = 1")  # one line: a path
    with pytest.raises(provident.PolicyError, match="directory"):
        provident.Engine(overlay=tmp_path)
    bad = tmp_path / "bad.toml"
    bad.write_text("[[no.such.key]]\nfrom = 2025-01-01\nvalue = 1\nsource = \"x\"\n", encoding="utf-8")
    with pytest.raises(provident.PolicyError) as e:
        provident.Engine(overlay=bad)
    assert f"{bad}:1:" in str(e.value) and "<overlay>" not in str(e.value)
    with pytest.raises(provident.WrongType, match="not both"):
        provident.Engine(overlay=bad, overlay_text=FASTER)
    with pytest.raises(provident.WrongType):
        provident.Engine(overlay_text=pathlib.Path(bad))
    good = tmp_path / "good.toml"
    good.write_text(FASTER, encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a path (str) is read without a warning
        provident.Engine(overlay=os.fspath(good)).close()


# ---------------------------------------------------------------------------------------- 6. column names

def test_unknown_columns_raise(engine):
    people = pd.DataFrame({"birth_date": pd.to_datetime(["1971-05-20"]), "category": ["M60"],
                           "contribution_months": [200], "base": [800000]})
    with pytest.raises(provident.MissingField) as e:
        ppd.evaluate_people(people, engine, as_of=AS_OF, birth="birth_dat")
    msg = str(e.value)
    assert "'birth_dat'" in msg and "did you mean 'birth_date'" in msg and "contribution_months" in msg
    assert e.value.field == "birth_dat"
    with pytest.raises(provident.MissingField, match="did you mean 'contribution_months'"):
        ppd.evaluate_people(people, engine, as_of=AS_OF, contribution_months="contribution_month")
    with pytest.raises(provident.MissingField, match="'er'"):
        ppd.evaluate_people(people, engine, as_of=AS_OF, hpf_base="base", hpf_employer_rate="er",
                            hpf_employee_rate="er")
    with pytest.raises(provident.MissingField) as e:
        ppd.evaluate_people(people, engine, as_of=AS_OF, category="xyz")
    assert "did you mean" not in str(e.value)
    # The default contribution column is optional: used when present, skipped when not.
    out = ppd.evaluate_people(people.drop(columns=["contribution_months"]), engine, as_of=AS_OF)
    assert "meets_minimum" not in out
