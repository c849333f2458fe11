"""provident.pandas.evaluate_people: whole columns through the batches, equal to the typed answers."""

import datetime as dt

import numpy as np
import pandas as pd
import pytest

import provident
import provident.pandas as ppd
from provident import Month

AS_OF = dt.date(2025, 1, 1)


@pytest.fixture()
def people():
    return pd.DataFrame({
        "birth_date": pd.to_datetime(["1965-03-10", "1971-05-20", "1980-02-01", "1990-11-30", "1975-07-07"]),
        "category": ["M60", "F55", "F50", "M60", "F50"],
        "contribution_months": [200, 150, 90, 400, 185],
        "base_fen": np.array([800000, 1200000, 269000, 2500000, 500000], dtype=np.int64),
        "er_micros": np.array([120000, 70000, 50000, 120000, 100000], dtype=np.int64),
        "ee_micros": np.array([120000, 70000, 50000, 80000, 100000], dtype=np.int64),
    })


def test_evaluate_people_matches_typed_api(engine, people):
    out = ppd.evaluate_people(people, engine, as_of=AS_OF)
    assert list(out.columns[:6]) == list(people.columns)
    assert str(out["retirement_month"].dtype) == "period[M]"
    for i, row in people.iterrows():
        r = engine.retirement(row["birth_date"].date(), row["category"], as_of=AS_OF)
        assert out.loc[i, "retirement_month"] == pd.Period(str(r.statutory_month), freq="M")
        assert out.loc[i, "earliest_month"] == pd.Period(str(r.earliest_month), freq="M")
        assert out.loc[i, "latest_month"] == pd.Period(str(r.latest_month), freq="M")
        assert out.loc[i, "delay_months"] == r.delay_months
        mm = engine.min_contribution_months(r.statutory_month)
        assert out.loc[i, "min_months"] == mm
        assert out.loc[i, "meets_minimum"] == (row["contribution_months"] >= mm)
        assert out.loc[i, "months_short"] == max(mm - row["contribution_months"], 0)
    assert "base_fen" in people and "hpf_monthly_fen" not in out  # HPF columns only when named
    assert "retirement_month" not in people  # the input is not modified


def test_evaluate_people_hpf_columns(engine, people):
    out = ppd.evaluate_people(people, engine, as_of=dt.date(2025, 7, 3), hpf_base="base_fen",
                              hpf_employer_rate="er_micros", hpf_employee_rate="ee_micros")
    for i, row in people.iterrows():
        d = engine.hpf_deposit(f"{row['base_fen'] // 100}.{row['base_fen'] % 100:02d}",
                               f"0.{row['er_micros']:06d}", f"0.{row['ee_micros']:06d}", month=Month(2025, 7))
        assert out.loc[i, "hpf_employer_fen"] == int(d.employer_part * 100)
        assert out.loc[i, "hpf_monthly_fen"] == int(d.monthly_deposit * 100)
    assert out["hpf_monthly_fen"].dtype == np.int64


def test_evaluate_people_other_column_forms(engine, people):
    base = ppd.evaluate_people(people, engine, as_of=AS_OF)
    as_periods = people.assign(birth_date=people["birth_date"].dt.to_period("M"),
                               category=pd.Categorical(people["category"]))
    assert (ppd.evaluate_people(as_periods, engine, as_of=AS_OF)["retirement_month"] == base["retirement_month"]).all()
    as_serials = people.assign(birth_date=ppd.periods_to_months(people["birth_date"]),
                               category=[provident.Category(c).code for c in people["category"]])
    assert (ppd.evaluate_people(as_serials, engine, as_of=AS_OF)["min_months"] == base["min_months"]).all()
    with_prefix = ppd.evaluate_people(people, engine, as_of=AS_OF, prefix="reform_", contribution_months=None)
    assert "reform_retirement_month" in with_prefix and "reform_meets_minimum" not in with_prefix
    default = ppd.evaluate_people(people, as_of=AS_OF)  # the default engine: national
    assert (default["min_months"] == base["min_months"]).all()


def test_months_periods_round_trip():
    serials = np.array([1970 * 12, 2033 * 12 + 3, 1900 * 12])
    periods = ppd.months_to_periods(serials)
    assert [str(p) for p in periods] == ["1970-01", "2033-04", "1900-01"]
    assert (ppd.periods_to_months(periods) == serials).all()


def test_evaluate_people_errors(engine, people):
    with pytest.raises(provident.MissingField):
        ppd.evaluate_people(people.drop(columns=["category"]), engine, as_of=AS_OF)
    with pytest.raises(provident.MissingField):
        ppd.evaluate_people(people, engine, as_of=AS_OF, hpf_base="base_fen")
    bad = people.assign(category=["M60", "F55", "W70", "M60", "F50"])
    with pytest.raises(provident.BatchError) as e:
        ppd.evaluate_people(bad, engine, as_of=AS_OF)
    assert e.value.row == 2
    with pytest.raises(provident.FloatNotAllowed):
        ppd.evaluate_people(people.assign(contribution_months=[200.0, 150, 90, 400, 185]), engine, as_of=AS_OF)
    with pytest.raises(provident.FloatNotAllowed):
        ppd.evaluate_people(people.assign(base_fen=people["base_fen"] / 1), engine, as_of=AS_OF,
                            hpf_base="base_fen", hpf_employer_rate="er_micros", hpf_employee_rate="ee_micros")
    with pytest.raises(provident.BadValue):
        ppd.evaluate_people(people.assign(birth_date=[pd.NaT] * 5), engine, as_of=AS_OF)
    with pytest.raises(provident.WrongType):
        ppd.evaluate_people(people.to_dict(), engine, as_of=AS_OF)
