"""provident.dask (issue 20 (4)): the batch calculators over dask DataFrames and arrays equal the
single-process Engine batches exactly, on a two-worker LocalCluster started here; a bad row is named
by its global position; the Engine pickles by its profile, overlay and options."""

import datetime as dt
import pickle

import numpy as np
import pandas as pd
import pytest

import provident

dask = pytest.importorskip("dask")
import dask.array as da  # noqa: E402
import dask.dataframe as dd  # noqa: E402
import provident.dask as pdask  # noqa: E402

N = 100_000
PARTS = 5  # 20,000 rows each
AS_OF = dt.date(2025, 7, 1)
EPOCH = dt.date(1970, 1, 1)
IDS = ["11010519491231002X", "110105194912310021", "11010519491231002", "440524188001010014"]


def day(d: dt.date) -> int:
    return (d - EPOCH).days


@pytest.fixture(scope="module")
def engine():
    return provident.Engine("national")


@pytest.fixture(scope="module")
def client():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=40) as cluster, distributed.Client(cluster) as c:
        yield c


@pytest.fixture(scope="module")
def people() -> pd.DataFrame:
    rng = np.random.default_rng(20261206)
    birth = rng.integers(day(dt.date(1960, 1, 1)), day(dt.date(1985, 1, 1)), N)
    return pd.DataFrame({
        # HPF deposits; hand-checked: row 0 5,000.00 yuan at 12% and 7%, row 1 2,690.50 at 7% (188.335 → 188)
        "base": np.r_[500_000, 269_050, rng.integers(0, 5_000_000, N - 2)],
        "employer_rate": np.r_[120_000, 70_000, rng.choice([50_000, 70_000, 120_000], N - 2)],
        "employee_rate": np.r_[70_000, 70_000, rng.choice([50_000, 70_000, 120_000], N - 2)],
        # retirement, minimum months
        "birth_month": rng.integers(1960 * 12, 1985 * 12, N),
        "category": rng.integers(1, 4, N),
        "retirement_month": np.r_[2033 * 12 + 3, rng.integers(2025 * 12, 2040 * 12, N - 1)],
        # late fees; row 0: 10,000.00 yuan 30 days late at 0.05% a day = 150.00 yuan
        "principal_fen": np.r_[1_000_000, rng.integers(0, 10_000_000, N - 1)],
        "due_date": np.r_[day(dt.date(2026, 3, 15)), rng.integers(day(dt.date(2024, 1, 1)), day(dt.date(2025, 1, 1)), N - 1)],
        "paid_date": np.r_[day(dt.date(2026, 4, 14)), rng.integers(day(dt.date(2024, 1, 1)), day(dt.date(2026, 1, 1)), N - 1)],
        # SI contributions
        "amount_fen": rng.integers(0, 6_000_000, N),
        "month": rng.integers(2025 * 12, 2026 * 12, N),
        # pension claims
        "birth_date": birth,
        "work_start_date": birth + 20 * 365,
        "retirement_date": rng.integers(day(dt.date(2024, 1, 1)), day(dt.date(2030, 1, 1)), N),
        "work_months": rng.integers(0, 600, N),
        "contribution_months": rng.integers(0, 500, N),
        "has_arrears": rng.integers(0, 2, N).astype(bool),
        # strings
        "id_number": np.array(IDS * (N // len(IDS)), dtype=object),
    })


@pytest.fixture(scope="module")
def frame(people) -> dd.DataFrame:
    return dd.from_pandas(people, npartitions=PARTS)


def single(engine, people):
    """Every calculator's single-process answer: the Engine's own batches on the whole frame."""
    p = people
    er, ee = engine.hpf_deposit_batch(p["base"], p["employer_rate"], p["employee_rate"], AS_OF)
    stat, delay, early, late = engine.retirement_batch(p["birth_month"], p["category"], AS_OF, detail=True)
    return {
        "hpf_deposit": {"employer_fen": er, "employee_fen": ee},
        "retirement": {"retirement_month": stat, "delay_months": delay, "earliest_month": early, "latest_month": late},
        "min_months": {"min_months": engine.min_months_batch(p["retirement_month"])},
        "late_fee": {"late_fee_fen": engine.late_fee_batch(p["principal_fen"], p["due_date"], p["paid_date"])},
        "si_contribution": engine.si_contribution_batch(p["amount_fen"], p["month"]),
        "check_claim": engine.check_claim_batch(p["birth_date"], p["category"], p["work_start_date"],
                                                p["retirement_date"], p["work_months"], p["contribution_months"],
                                                p["has_arrears"], as_of=AS_OF),
        "parse_id": engine.parse_id_batch(p["id_number"], AS_OF),
    }


def distributed_answers(frame, engine):
    return {
        "hpf_deposit": pdask.hpf_deposit(frame, engine, as_of=AS_OF),
        "retirement": pdask.retirement(frame, engine, as_of=AS_OF, detail=True),
        "min_months": pdask.min_months(frame, engine),
        "late_fee": pdask.late_fee(frame, engine),
        "si_contribution": pdask.si_contribution(frame, engine),
        "check_claim": pdask.check_claim(frame, engine, as_of=AS_OF),
        "parse_id": pdask.parse_id(frame, engine, as_of=AS_OF),
    }


# ---------------------------------------------------------------------------------- the cluster

def test_cluster_answers_equal_single_process(client, engine, people, frame):
    assert frame.npartitions == PARTS
    assert len(client.scheduler_info()["workers"]) == 2
    lazy = distributed_answers(frame, engine)
    computed = dict(zip(lazy, client.compute(list(lazy.values()), sync=True)))
    expected = single(engine, people)
    for name, cols in expected.items():
        got = computed[name]
        assert list(got.columns) == list(cols), name
        assert (got.index == people.index).all(), name
        for col, want in cols.items():
            assert got[col].dtype == np.int64, (name, col)
            np.testing.assert_array_equal(got[col].to_numpy(), want, err_msg=f"{name}.{col}")
    # hand-checked rows
    assert computed["hpf_deposit"].loc[0:1].values.tolist() == [[60_000, 35_000], [18_800, 18_800]]
    assert computed["min_months"].loc[0, "min_months"] == 204  # retirement in April 2033
    assert computed["late_fee"].loc[0, "late_fee_fen"] == 15_000  # 1,000,000 fen × 0.05% × 30 days
    first_id = computed["parse_id"].loc[0]  # 11010519491231002X: valid, female, born 1949-12-31
    assert first_id[["problems", "gender", "birth_date", "region"]].tolist() == [0, 2, day(dt.date(1949, 12, 31)),
                                                                                 110105]


ROUND_TO_FEN = """
[[hpf.deposit.rounding]]
from = 2025-07-01
value = { mode = "half_up", unit = "fen" }
source = "reform scenario: round each part to fen from July 2025"
verified = false
"""


def test_overlay_engine_travels_to_the_workers(client, engine, tmp_path):
    """An overlay read from a file reaches the workers as its text: 2,690.50 yuan at 7% is 188.34 (fen)
    under the overlay, 188.00 (yuan) under the national rule."""
    path = tmp_path / "fen.toml"
    path.write_text(ROUND_TO_FEN, encoding="utf-8")
    reform = provident.Engine("national", overlay=path)
    path.unlink()  # the workers read no file
    f = dd.from_pandas(pd.DataFrame({"base": [269_050, 500_000, 0], "employer_rate": [70_000, 120_000, 120_000],
                                     "employee_rate": [70_000, 70_000, 120_000]}), npartitions=2)
    fen, yuan = client.compute([pdask.hpf_deposit(f, reform, as_of=AS_OF), pdask.hpf_deposit(f, engine, as_of=AS_OF)],
                               sync=True)
    assert fen["employer_fen"].tolist() == [18_834, 60_000, 0]
    assert fen["employee_fen"].tolist() == [18_834, 35_000, 0]
    assert yuan["employer_fen"].tolist() == [18_800, 60_000, 0]


def test_bad_row_in_third_partition_named_by_global_position(client, engine, people):
    bad = people.copy()
    bad.loc[47_123, "base"] = -1  # partition 2 (rows 40,000 … 59,999), its row 7,123
    out = pdask.hpf_deposit(dd.from_pandas(bad, npartitions=PARTS), engine, as_of=AS_OF)
    with pytest.raises(provident.BatchError) as e:
        client.compute(out, sync=True)
    assert e.value.row == 47_123
    assert e.value.field == "base_fen"
    assert str(e.value).startswith("REQ_BAD_VALUE [base_fen]: row 47123 (row 7123 of partition 2): ")
    assert e.value.message.startswith("第47123行（分区2第7123行）")
    # the single-process batch names the same row
    with pytest.raises(provident.BatchError) as single_e:
        engine.hpf_deposit_batch(bad["base"], bad["employer_rate"], bad["employee_rate"], AS_OF)
    assert single_e.value.row == e.value.row


def test_bad_row_without_positional_index_counts_partitions(client, engine, people):
    """A frame whose index is not the row position (divisions unknown): lengths counted first."""
    bad = people.copy()
    bad.loc[61_000, "category"] = 7
    bad.index = np.arange(N) * 3 + 1000  # not positions
    frame = dd.from_pandas(bad, npartitions=PARTS, sort=False)
    assert not frame.known_divisions
    with pytest.raises(provident.BatchError) as e:
        client.compute(pdask.retirement(frame, engine, as_of=AS_OF), sync=True)
    assert e.value.row == 61_000
    assert e.value.partition == 3 and e.value.partition_row == 1_000


def test_index_not_matching_divisions_is_refused(engine, people):
    frame = dd.from_pandas(people.iloc[:100], npartitions=2)
    frame = frame[frame["base"] >= 0]  # same index, and …
    shifted = frame.map_partitions(lambda p: p.set_axis(p.index + 1), meta=frame._meta)  # … an index now off by one
    with pytest.raises(provident.BadValue) as e:
        pdask.min_months(shifted, engine, positions="index").compute(scheduler="sync")
    assert e.value.field == "positions"
    assert "partition 0: its index is not the row positions 0…49" in str(e.value)
    assert pdask.min_months(shifted, engine, positions="count").compute(scheduler="sync")["min_months"].tolist() == \
        engine.min_months_batch(people["retirement_month"].iloc[:100]).tolist()


def test_dask_arrays_on_the_cluster(client, engine, people):
    chunks = 30_000  # 4 chunks, the last 10,000 rows
    arrays = {k: da.from_array(people[k].to_numpy(), chunks=chunks)
              for k in ("base", "employer_rate", "employee_rate", "amount_fen", "month")}
    dep = pdask.hpf_deposit(arrays, engine, as_of=AS_OF)
    si = pdask.si_contribution(arrays, engine)
    assert set(dep) == {"employer_fen", "employee_fen"} and set(si) == {"base_fen", "employer_fen", "employee_fen"}
    assert dep["employer_fen"].chunks == ((30_000, 30_000, 30_000, 10_000),)
    er, ee, si_er = client.compute([dep["employer_fen"], dep["employee_fen"], si["employer_fen"]], sync=True)
    want_er, want_ee = engine.hpf_deposit_batch(people["base"], people["employer_rate"], people["employee_rate"], AS_OF)
    np.testing.assert_array_equal(er, want_er)
    np.testing.assert_array_equal(ee, want_ee)
    np.testing.assert_array_equal(si_er, engine.si_contribution_batch(people["amount_fen"], people["month"])["employer_fen"])
    assert er.dtype == np.int64

    bad = people["amount_fen"].to_numpy().copy()
    bad[75_432] = -5  # chunk 2 (60,000 … 89,999)
    arrays["amount_fen"] = da.from_array(bad, chunks=chunks)
    with pytest.raises(provident.BatchError) as e:
        client.compute(pdask.si_contribution(arrays, engine)["base_fen"], sync=True)
    assert e.value.row == 75_432
    assert "row 75432 (row 15432 of chunk 2)" in str(e.value)


def test_engine_pickled_once_per_graph(engine, frame):
    graph = dict(pdask.check_claim(frame, engine, as_of=AS_OF).__dask_graph__())
    engines = [k for k, v in graph.items() if isinstance(v, provident.Engine)]
    assert len(engines) == 1
    calls = [v for v in graph.values() if isinstance(v, tuple) and v and callable(v[0])]
    assert len(calls) >= PARTS
    assert not any(isinstance(a, provident.Engine) for v in calls for a in _flatten(v))


def _flatten(task):
    for a in task:
        if isinstance(a, (tuple, list)):
            yield from _flatten(a)
        else:
            yield a


# ---------------------------------------------------------------------------------- threads, errors at call

def test_string_calculators_on_threads(engine):
    f = dd.from_pandas(pd.DataFrame({
        "unit_code": ["1234567890", "123456789012", "12345", "12345678901"],
        "card_number": ["4111111111111111", "4111111111111112", "411111111111", "6222020200112233441"],
        "credit_code": ["91110000600037341L", "91110000600037341M", "", "91110000600037341"],
        "year": [2025, 2025, 2026, 2026], "opening_fen": [1_000_000, 0, 500_000, 7]}), npartitions=2)
    names = pdask.unit_login_name(f, engine).compute(scheduler="threads")["login_name"].tolist()
    assert names == engine.unit_login_name_batch(list(f["unit_code"].compute())).tolist()
    cards = pdask.validate_card(f, engine, as_of=AS_OF).compute(scheduler="threads")["valid"]
    assert cards.dtype == bool
    assert cards.tolist() == engine.validate_card_batch(list(f["card_number"].compute()), AS_OF).tolist()
    codes = pdask.validate_credit_code(f, engine).compute(scheduler="threads")["valid"].tolist()
    assert codes == [True, False, False, False]
    interest = pdask.hpf_interest(f, engine).compute(scheduler="threads")
    want = engine.hpf_interest_batch(np.array([2025, 2025, 2026, 2026]), np.array([1_000_000, 0, 500_000, 7]))
    assert interest["interest_fen"].tolist() == want["interest_fen"].tolist()
    assert interest["closing_fen"].tolist() == want["closing_fen"].tolist()


def test_errors_at_call_time(engine, frame, people):
    with pytest.raises(provident.MissingField) as e:
        pdask.hpf_deposit(frame, engine, as_of=AS_OF, base="bases")
    assert e.value.field == "bases" and "did you mean 'base'?" in str(e.value)
    floats = dd.from_pandas(people[["base", "employer_rate", "employee_rate"]].astype({"base": float}), npartitions=2)
    with pytest.raises(provident.FloatNotAllowed):
        pdask.hpf_deposit(floats, engine, as_of=AS_OF)
    with pytest.raises(provident.BadValue) as e:
        pdask.si_contribution(frame, engine, types=["pension", "dental"])
    assert e.value.field == "types"
    with pytest.raises(provident.BadValue) as e:
        pdask.min_months(frame, engine, positions="rows")
    assert e.value.field == "positions"
    with pytest.raises(provident.WrongType):
        pdask.min_months(people, engine)  # a pandas frame: use the Engine's batch
    with pytest.raises(provident.MissingField) as e:
        pdask.min_months({"retirement": da.zeros(3, dtype=np.int64)}, engine)
    assert e.value.field == "retirement_month"
    with pytest.raises(provident.BadValue) as e:
        pdask.late_fee({"principal_fen": da.zeros(3, dtype=np.int64), "due_date": da.zeros(3, dtype=np.int64),
                        "paid_date": da.zeros(4, dtype=np.int64)}, engine)
    assert "differ in length" in str(e.value)


def test_optional_arrears_column(engine, people):
    without = dd.from_pandas(people.drop(columns="has_arrears").iloc[:1000], npartitions=2)
    got = pdask.check_claim(without, engine, as_of=AS_OF).compute(scheduler="sync")
    p = people.iloc[:1000]
    want = engine.check_claim_batch(p["birth_date"], p["category"], p["work_start_date"], p["retirement_date"],
                                    p["work_months"], p["contribution_months"], as_of=AS_OF)
    np.testing.assert_array_equal(got["violations"].to_numpy(), want["violations"])
    with pytest.raises(provident.MissingField):
        pdask.check_claim(without, engine, as_of=AS_OF, has_arrears="arrears")


# ---------------------------------------------------------------------------------- pickling

def test_engine_pickle_round_trip(engine):
    copy = pickle.loads(pickle.dumps(engine))
    assert copy is not engine and copy.profile == "national"
    base, rate = np.array([500_000, 123_456, 987_654_321]), 120_000
    for a, b in zip(copy.hpf_deposit_batch(base, rate, rate, AS_OF), engine.hpf_deposit_batch(base, rate, rate, AS_OF)):
        np.testing.assert_array_equal(a, b)
    assert copy.min_contribution_months(provident.Month(2033, 4)) == 204


def test_engine_pickle_keeps_overlay_text(tmp_path):
    path = tmp_path / "fen.toml"
    path.write_text(ROUND_TO_FEN, encoding="utf-8")
    blob = pickle.dumps(provident.Engine("national", overlay=path))
    path.unlink()  # the copy needs no file
    copy = pickle.loads(blob)
    assert copy.profile == "national+overlay"
    base = np.array([269_050])
    assert copy.hpf_deposit_batch(base, 70_000, 70_000, AS_OF)[0].tolist() == [18_834]
    assert pickle.loads(pickle.dumps(provident.Engine())).hpf_deposit_batch(base, 70_000, 70_000, AS_OF)[0].tolist() \
        == [18_800]


def test_engine_pickle_keeps_lenient_and_strict():
    far = np.array([2200 * 12])
    with pytest.raises(provident.PolicyNotInForce):
        provident.Engine("national").min_months_batch(far)
    lenient = pickle.loads(pickle.dumps(provident.Engine("national", lenient=True)))
    assert lenient.min_months_batch(far).tolist() == provident.Engine("national", lenient=True).min_months_batch(far).tolist()
    strict = pickle.loads(pickle.dumps(provident.Engine("national", strict=True)))
    assert strict._options == (False, True) and lenient._options == (True, False)


def test_engine_with_store_refuses_to_pickle(tmp_path):
    with provident.Engine("national", db=tmp_path / "s.sqlite") as store:
        with pytest.raises(TypeError) as e:
            pickle.dumps(store)
        assert isinstance(e.value, provident.WrongType)
        assert e.value.field == "db"
        assert "cannot be pickled: a store connection cannot travel to another process" in str(e.value)
    closed = provident.Engine("national")
    closed.close()
    with pytest.raises(provident.WrongType, match="a closed Engine cannot be pickled"):
        pickle.dumps(closed)


def test_engine_pickle_profile_file_by_absolute_path(tmp_path, monkeypatch, source_dir):
    """A profile file travels by its absolute path (the native layer loads profiles only from a name or a
    file): a relative path opened in one folder unpickles in another; a file gone is a PolicyError."""
    (tmp_path / "beijing-copy.toml").write_text((source_dir / "policies" / "beijing.toml").read_text(encoding="utf-8"),
                                                encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    blob = pickle.dumps(provident.Engine("beijing-copy.toml"))
    monkeypatch.chdir(source_dir)
    copy = pickle.loads(blob)
    assert copy.profile == "beijing"
    (tmp_path / "beijing-copy.toml").unlink()
    with pytest.raises(provident.PolicyError) as e:
        pickle.loads(blob)
    assert str(tmp_path / "beijing-copy.toml") in str(e.value)
