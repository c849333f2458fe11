"""The calculators' batch forms (issue 19 (4)): each row equals the JSON operation's answer on a
sample, a bad row is named by its index in the whole batch (blocks included), progress is called."""

import datetime as dt

import numpy as np
import pandas as pd
import pytest

import provident
from provident._calc_batches import CLAIM_CODES, claim_codes

RNG = np.random.default_rng(20261206)
EPOCH = dt.date(1970, 1, 1)


def fen(text: str) -> int:
    sign = -1 if text.startswith("-") else 1
    yuan, _, cents = text.lstrip("-").partition(".")
    return sign * (int(yuan) * 100 + int((cents + "00")[:2]))


def yuan(f: int) -> str:
    return f"{int(f) // 100}.{int(f) % 100:02d}"


def month_text(serial: int) -> str:
    return f"{int(serial) // 12:04d}-{int(serial) % 12 + 1:02d}"


def day_text(serial: int) -> str:
    return (EPOCH + dt.timedelta(days=int(serial))).isoformat()


def run(eng, op, args, as_of="2026-01-01T00:00:00"):
    return eng.execute({"op": op, "as_of": as_of, "args": args})


@pytest.fixture(scope="module")
def beijing():
    return provident.Engine("beijing")


# ------------------------------------------------------------------------------- si.contribution

@pytest.mark.parametrize("wage", [False, True])
def test_si_contribution_equals_json(beijing, wage):
    n = 40
    amount = RNG.integers(0, 6_000_000, n, dtype=np.int64)
    month = RNG.integers(2025 * 12, 2025 * 12 + 12, n, dtype=np.int64)
    out = beijing.si_contribution_batch(amount, month, wage=wage, types=["pension", "medical"], by_type=True)
    for i in range(n):
        r = run(beijing, "si.contribution", {"wage" if wage else "base": yuan(amount[i]), "month": month_text(month[i]),
                                             "types": ["pension", "medical"]})
        assert r["ok"], r
        res = r["result"]
        assert out["base_fen"][i] == fen(res["base"])
        assert out["employer_fen"][i] == fen(res["employer_total"])
        assert out["employee_fen"][i] == fen(res["employee_total"])
        assert list(out["employer_by_type_fen"][i]) == [fen(x["employer"]) for x in res["items"]]


def test_si_contribution_dataframe_and_period_months(beijing):
    months = pd.period_range("2025-01", periods=3, freq="M")
    out = beijing.si_contribution_batch(pd.Series([500000, 1000000, 2000000]), pd.Series(months))
    frame = pd.DataFrame(out)
    assert list(frame.columns) == ["base_fen", "employer_fen", "employee_fen"]
    assert len(frame) == 3


def test_si_contribution_bad_row_named_across_blocks(beijing):
    n = 70_000  # two blocks with a progress callback
    amount = np.full(n, 500000, dtype=np.int64)
    amount[66_000] = -1
    calls = []
    with pytest.raises(provident.BatchError) as e:
        beijing.si_contribution_batch(amount, 2025 * 12 + 5, progress=lambda d, t: calls.append((d, t)))
    assert e.value.row == 66_000
    assert "row 66000" in str(e.value)
    assert calls == [(65_536, n)]
    with pytest.raises(provident.BadValue):
        beijing.si_contribution_batch(amount[:3], 2025 * 12 + 5, types=["pensions"])


def test_progress_called_per_block(beijing):
    n = 140_000
    calls = []
    out = beijing.si_contribution_batch(np.full(n, 700000, dtype=np.int64), 2025 * 12 + 5,
                                        progress=lambda d, t: calls.append((d, t)))
    assert calls == [(65_536, n), (131_072, n), (n, n)]
    assert len(set(out["employer_fen"].tolist())) == 1


# ------------------------------------------------------------------------------- hpf.interest

def test_hpf_interest_equals_json(engine):
    years = np.array([2026, 2026, 2025, 2024], dtype=np.int64)
    opening = np.array([1_000_000, 0, 2_500_000, 77_777], dtype=np.int64)
    offsets = np.array([0, 2, 2, 3, 3], dtype=np.int64)
    dates = np.array(["2025-07-15", "2026-06-10", "2025-01-03"], dtype="datetime64[D]")
    amounts = np.array([120_000, 120_000, -50_000], dtype=np.int64)
    out = engine.hpf_interest_batch(years, opening, (offsets, dates, amounts))
    assert out["interest_fen"][0] == 16650
    for i in range(len(years)):
        mv = [{"date": str(dates[j]), "amount": f"{'-' if amounts[j] < 0 else ''}{yuan(abs(amounts[j]))}"}
              for j in range(offsets[i], offsets[i + 1])]
        r = run(engine, "hpf.interest", {"year": int(years[i]), "opening_balance": yuan(opening[i]), "movements": mv})
        assert r["ok"], r
        assert out["interest_fen"][i] == fen(r["result"]["interest"])
        assert out["closing_fen"][i] == fen(r["result"]["closing_balance"])
    daily = engine.hpf_interest_batch(years[:1], opening[:1], method="daily")
    assert daily["interest_fen"][0] == 15208


def test_hpf_interest_bad_rows(engine):
    with pytest.raises(provident.BatchError) as e:
        engine.hpf_interest_batch(np.array([2026, 1990]), np.array([0, 0]))
    assert e.value.row == 1
    with pytest.raises(provident.BadValue):
        engine.hpf_interest_batch(np.array([2026]), np.array([0]), method="weekly")


# ------------------------------------------------------------------------------- identifiers

IDS = ["11010519491231002X", "11010519491231002x", "110105194912310021", "abc", "110105491231002", "",
       "810000199001010012"]


def test_parse_id_equals_json(engine):
    out = engine.parse_id_batch(pd.Series(IDS, dtype="string"), dt.date(2026, 1, 1))
    bits = {"ID_FORMAT": 1, "ID_CHECKSUM": 2, "ID_BIRTH_DATE": 4, "ID_UNKNOWN_REGION": 8}
    for i, number in enumerate(IDS):
        r = run(engine, "id.parse", {"number": number})
        if r["ok"]:
            res = r["result"]
            assert out["problems"][i] == 0
            assert provident._calc_batches.ID_KINDS[out["kind"][i]] == res["kind"]
            assert day_text(out["birth_date"][i]) == res["birth_date"]
            assert out["gender"][i] == (2 if res["gender"] == "F" else 1)
            assert out["region"][i] == int(res["region"])
        else:
            assert out["problems"][i] == sum(bits[v["code"]] for v in r["violations"]), (number, r)


def test_string_columns_refuse_missing_rows(engine):
    with pytest.raises(provident.BatchError) as e:
        engine.parse_id_batch(["11010519491231002X", None], dt.date(2026, 1, 1))
    assert e.value.row == 1
    with pytest.raises(provident.BatchError) as e:
        engine.validate_credit_code_batch(pd.Series(["91110000600037341L", pd.NA, "x"], dtype="string"))
    assert e.value.row == 1
    with pytest.raises(provident.WrongType):
        engine.validate_credit_code_batch("91110000600037341L")


def test_codes_cards_and_login_names_equal_json(engine):
    codes = ["91110000600037341L", "91110000600037341M", "", "91110000600037341"]
    valid = engine.validate_credit_code_batch(np.array(codes, dtype=object))
    assert valid.tolist() == [run(engine, "uscc.validate", {"code": c})["ok"] for c in codes]
    cards = ["4111111111111111", "4111111111111112", "411111111111", "6222020200112233441"]
    valid = engine.validate_card_batch(cards, dt.date(2026, 1, 1))
    assert valid.tolist() == [run(engine, "card.validate", {"number": c})["ok"] for c in cards]
    units = ["1234567890", "123456789012", "12345", "12345678901"]
    names = engine.unit_login_name_batch(units, progress=lambda d, t: None)
    expected = []
    for u in units:
        r = run(engine, "si.unit_login_name", {"unit_code": u})
        expected.append(r["result"]["login_name"] if r["ok"] else None)
    assert names.tolist() == expected


def test_fixed_width_arrays_read_from_their_buffer(engine):
    """numpy 'U' (any byte order, strided) and 'S' arrays give the same rows as lists of str."""
    as_of = dt.date(2026, 1, 1)
    expected = engine.parse_id_batch(IDS, as_of)
    u = np.array(IDS)
    forms = [u, u.astype("S"), u.astype(">U18"), np.repeat(np.array(IDS), 2)[::2], pd.Series(IDS, dtype=object)]
    for form in forms:
        out = engine.parse_id_batch(form, as_of, progress=lambda d, t: None)
        for key in expected:
            assert out[key].tolist() == expected[key].tolist(), (form.dtype, key)
    assert expected["birth_date"][0] == (dt.date(1949, 12, 31) - dt.date(1970, 1, 1)).days
    assert expected["kind"].tolist()[:3] == [1, 1, 0]


def test_fixed_width_rows_across_chunks_and_non_ascii(engine):
    cards = np.array(["4111111111111111", "4111111111111112", "卡4111111111111111", ""] * 3000)
    valid = engine.validate_card_batch(cards, dt.date(2026, 1, 1))
    assert valid.tolist() == [True, False, False, False] * 3000
    assert engine.validate_card_batch(cards.tolist(), dt.date(2026, 1, 1)).tolist() == valid.tolist()
    codes = np.array(["91110000600037341L", "91110000600037341M"] * 5000, dtype="S")
    assert engine.validate_credit_code_batch(codes).tolist() == [True, False] * 5000


def test_fixed_width_refuses_a_surrogate_naming_its_row(engine):
    cards = np.array(["4111111111111111"] * 70_000, dtype="U20")
    cards[69_000] = "41\ud800"
    for progress in (None, lambda d, t: None):
        with pytest.raises(provident.BatchError) as e:
            engine.validate_card_batch(cards, dt.date(2026, 1, 1), progress=progress)
        assert e.value.row == 69_000


def test_unit_login_names_fixed_width(engine):
    units = np.array(["1234567890", "123456789012", "12345", "", "12345678901"] * 2000)
    names = engine.unit_login_name_batch(units, fixed_width=True)
    assert names.dtype == np.dtype("<U12")
    assert names[:5].tolist() == ["123456789000", "123456789012", "", "", ""]
    objects = engine.unit_login_name_batch(units, progress=lambda d, t: None)
    assert objects.dtype == object
    assert objects[:5].tolist() == ["123456789000", "123456789012", None, None, None]
    assert np.where(objects == None, "", objects).tolist() == names.tolist()  # noqa: E711
    as_bytes = engine.unit_login_name_batch(units.astype("S"), fixed_width="S", progress=lambda d, t: None)
    assert as_bytes.dtype == np.dtype("S12")
    assert as_bytes[:5].tolist() == [b"123456789000", b"123456789012", b"", b"", b""]
    assert engine.unit_login_name_batch(units, fixed_width="U").tolist() == names.tolist()
    with pytest.raises(provident.WrongType):
        engine.unit_login_name_batch(units, fixed_width="X")


# ------------------------------------------------------------------------------- pension

def test_count_months_equals_json(engine):
    offsets = np.array([0, 2, 2, 3])
    frm = np.array([2000 * 12, 2000 * 12 + 6, 2010 * 12 + 4])
    to = np.array([2000 * 12 + 11, 2001 * 12 + 5, 2010 * 12 + 4])
    out = engine.count_months_batch(offsets, frm, to)
    assert out["months"].tolist() == [18, 0, 1]
    for i in range(3):
        periods = [{"from": month_text(frm[j]), "to": month_text(to[j])} for j in range(offsets[i], offsets[i + 1])]
        if not periods:
            continue
        r = run(engine, "pension.count_months", {"periods": periods})
        assert out["months"][i] == r["result"]["months"]
    assert out["paid_twice"][0] == 6
    with pytest.raises(provident.BatchError) as e:
        engine.count_months_batch(offsets, frm, np.array([2000 * 12 + 11, 2001 * 12 + 5, 2010 * 12 + 3]))
    assert e.value.row == 2


def test_check_claim_equals_json(engine):
    n = 30
    birth = RNG.integers(dt.date(1955, 1, 1).toordinal(), dt.date(1980, 1, 1).toordinal(), n) - EPOCH.toordinal()
    category = RNG.integers(1, 4, n)
    start = birth + 20 * 365
    retire = RNG.integers(dt.date(2024, 1, 1).toordinal(), dt.date(2030, 1, 1).toordinal(), n) - EPOCH.toordinal()
    work = RNG.integers(0, 600, n)
    contribution = RNG.integers(0, 500, n)
    arrears = RNG.integers(0, 2, n).astype(bool)
    out = engine.check_claim_batch(birth, category, start, retire, work, contribution, arrears,
                                   as_of=dt.date(2025, 6, 1))
    for i in range(n):
        r = run(engine, "pension.check_claim",
                {"birth_date": day_text(birth[i]), "category": ["M60", "F55", "F50"][category[i] - 1],
                 "work_start_date": day_text(start[i]), "retirement_date": day_text(retire[i]),
                 "work_years": {"years": int(work[i]) // 12, "months": int(work[i]) % 12},
                 "contribution_months": int(contribution[i]), "has_arrears": bool(arrears[i])},
                as_of="2025-06-01T09:00:00")
        codes = sorted({v["code"] for v in r.get("violations", [])})
        assert sorted(claim_codes(out["violations"][i])) == codes, (i, r)
        assert out["counted_months"][i] == r["result"]["counted_months"]
        assert out["min_months"][i] == r["result"]["min_months"]
    assert set(CLAIM_CODES) >= {c for v in out["violations"] for c in claim_codes(v)}


def test_check_claim_batch_names_a_missing_arrears_flag_by_row(engine):
    """has_arrears goes through the shared column conversion: an NA in a boolean column is a BatchError naming its row."""
    day = lambda d: d.toordinal() - EPOCH.toordinal()  # noqa: E731
    two = lambda v: np.array([v, v], dtype=np.int64)  # noqa: E731
    arrears = pd.array([False, None], dtype="boolean")
    with pytest.raises(provident.BatchError) as e:
        engine.check_claim_batch(two(day(dt.date(1965, 1, 15))), two(1), two(day(dt.date(1985, 7, 1))),
                                 two(day(dt.date(2025, 2, 1))), two(475), two(444), arrears, as_of=dt.date(2025, 3, 1))
    assert e.value.row == 1
