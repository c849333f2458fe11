"""The typed API: values, results, reprs, and every error path."""

import datetime as dt
import pickle
from decimal import Decimal

import pytest

import provident
from provident import (Age, Category, Gender, Month, MonthPeriod, Movement, Rounding, RoundingMode, RoundingUnit,
                       Violation)

D = Decimal
AS_OF = dt.date(2026, 1, 1)


# ---------------------------------------------------------------------------------------- exceptions

def test_exception_hierarchy():
    P = provident
    for cls in (P.InputError, P.MalformedRequest, P.UnknownOperation, P.MissingField, P.BadValue, P.BatchError,
                P.TooLarge, P.NotFound, P.Rejected, P.PolicyError):
        assert issubclass(cls, P.Error) and issubclass(cls, ValueError), cls
    assert issubclass(P.NotFound, LookupError)
    for cls in (P.PolicyNotInForce, P.IdConflict, P.StoreError, P.InternalError):
        assert issubclass(cls, P.Error) and not issubclass(cls, ValueError), cls
    assert issubclass(P.FloatNotAllowed, P.Error) and issubclass(P.FloatNotAllowed, TypeError)
    assert issubclass(P.WrongType, TypeError)
    assert not issubclass(P.PolicyNotInForce, P.InputError)


def test_error_from_every_protocol_code():
    from provident.errors import error_from_response
    expected = {"REQ_MALFORMED": provident.MalformedRequest, "REQ_UNKNOWN_OP": provident.UnknownOperation,
                "REQ_MISSING_FIELD": provident.MissingField, "REQ_BAD_VALUE": provident.BadValue,
                "REQ_NOT_FOUND": provident.NotFound, "REQ_ID_CONFLICT": provident.IdConflict,
                "REQ_TOO_LARGE": provident.TooLarge, "POLICY_NOT_IN_FORCE": provident.PolicyNotInForce,
                "STORE_ERROR": provident.StoreError, "INTERNAL": provident.InternalError,
                "SOMETHING_NEW": provident.Error}
    for code, cls in expected.items():
        resp = {"error": {"code": code, "message": "消息", "message_en": "message", "field": "args.x"}}
        e = error_from_response(resp)
        assert type(e) is cls
        assert (e.code, e.field, e.message, e.message_en, e.response) == (code, "args.x", "消息", "message", resp)
        assert str(e) == f"{code} [args.x]: message"


# ---------------------------------------------------------------------------------------- Month

def test_month():
    m = Month(2026, 7)
    assert m == Month("2026-07") == Month.of(dt.date(2026, 7, 31)) == Month.from_serial(2026 * 12 + 6)
    assert (m.year, m.month, m.serial, str(m), repr(m)) == (2026, 7, 24318, "2026-07", "Month('2026-07')")
    assert m + 6 == Month(2027, 1) and 6 + m == Month(2027, 1) and m - 7 == Month(2025, 12)
    assert Month(2027, 1) - m == 6
    assert m.first_day() == dt.date(2026, 7, 1) and Month(2024, 2).last_day() == dt.date(2024, 2, 29)
    assert sorted([Month(2026, 1), Month(2025, 12)]) == [Month(2025, 12), Month(2026, 1)]
    assert len({Month(2026, 1), Month("2026-01")}) == 1
    assert pickle.loads(pickle.dumps(m)) == m
    for bad in ("2026-13", "2026-7", "202607", "2026-00", " 2026-07"):
        with pytest.raises(provident.BadValue):
            Month(bad)
    with pytest.raises(provident.BadValue):
        Month(2026, 13)
    with pytest.raises(provident.WrongType):
        Month(2026.0, 7)
    with pytest.raises(provident.WrongType):
        Month.of(24318)


def test_category_codes():
    assert [c.code for c in Category] == [1, 2, 3]
    assert Category.from_code(3) is Category.F50 and Category("F55") is Category.F55
    assert str(Category.M60) == "M60" and Category.F50.female and not Category.M60.female


# ---------------------------------------------------------------------------------------- parse_id

def test_parse_id():
    r = provident.parse_id("11010519491231002X", as_of=AS_OF)
    assert r == provident.CitizenId("11010519491231002X", dt.date(1949, 12, 31), Gender.FEMALE, "110105")
    assert repr(r) == ("CitizenId(number='11010519491231002X', birth_date=datetime.date(1949, 12, 31), "
                       "gender=<Gender.FEMALE: 'F'>, region='110105')")
    assert provident.parse_id("11010519491231002x", as_of=AS_OF).number == "11010519491231002X"
    fifteen = provident.parse_id("110105491231002", as_of=AS_OF)
    assert fifteen.number == "11010519491231002X" and fifteen.gender is Gender.FEMALE


@pytest.mark.parametrize("number,codes", [
    ("11010519491231002Y", ["ID_FORMAT"]),
    ("110105194912310021", ["ID_CHECKSUM"]),
    ("12345", ["ID_FORMAT"]),
])
def test_parse_id_rejected(number, codes):
    with pytest.raises(provident.Rejected) as e:
        provident.parse_id(number, as_of=AS_OF)
    assert [v.code for v in e.value.violations] == codes
    assert isinstance(e.value, ValueError) and e.value.field == "args.number"
    assert all(isinstance(v, Violation) and v.message and v.message_en and v.source for v in e.value.violations)
    assert e.value.response["ok"] is False


def test_parse_id_birth_after_as_of():
    with pytest.raises(provident.Rejected) as e:
        provident.parse_id("11010519491231002X", as_of=dt.date(1949, 12, 30))
    assert "ID_BIRTH_DATE" in [v.code for v in e.value.violations]


def test_parse_id_argument_errors():
    with pytest.raises(provident.WrongType):
        provident.parse_id(11010519491231002, as_of=AS_OF)
    with pytest.raises(TypeError):
        provident.parse_id("11010519491231002X")  # as_of is required: the engine never reads the clock
    with pytest.raises(provident.WrongType):
        provident.parse_id("11010519491231002X", as_of="2026-01-01")
    with pytest.raises(provident.BadValue):
        provident.parse_id("11010519491231002X", as_of=dt.datetime(2026, 1, 1, 0, 0, 0, 5))


def test_as_of_time_zones():
    # An aware datetime is converted to China Standard Time: 2025-12-31T20:00Z is 2026-01-01T04:00+08.
    utc = dt.datetime(2025, 12, 31, 20, 0, tzinfo=dt.timezone.utc)
    eng = provident.default_engine()
    r = eng.execute({"op": "id.parse", "as_of": "2026-01-01T04:00:00", "args": {"number": "11010520260101002X"}})
    typed = None
    try:
        typed = provident.parse_id("11010520260101002X", as_of=utc)
    except provident.Rejected as e:
        assert r["violations"] and [v.code for v in e.violations] == [v["code"] for v in r["violations"]]
    if typed is not None:
        assert r["ok"]


# ---------------------------------------------------------------------------------------- retirement

def test_retirement():
    r = provident.retirement(dt.date(1971, 5, 20), Category.M60, as_of=dt.date(2025, 1, 1))
    assert r == provident.Retirement(statutory_month=Month(2033, 1), statutory_age=Age(61, 8), delay_months=20,
                                     original_month=Month(2031, 5), earliest_month=Month(2031, 5),
                                     latest_month=Month(2036, 1))
    assert "statutory_month=Month('2033-01')" in repr(r) and "Age(years=61, months=8)" in repr(r)
    assert str(r.statutory_age) == "61 years 8 months" and r.statutory_age.total_months == 740
    # Born 1980 or later: the full delay (3 years for M60 and F55, 5 for F50).
    assert provident.retirement(dt.date(1990, 1, 1), "F50", as_of=dt.date(2025, 1, 1)).statutory_age == Age(55, 0)
    # Before the reform took effect, the original ages.
    assert provident.retirement(dt.date(1971, 5, 20), "M60", as_of=dt.date(2024, 6, 1)).delay_months == 0


def test_retirement_by_id_number():
    r = provident.retirement("11010519491231002X", "F55", as_of=AS_OF)
    assert r.statutory_month == Month(2004, 12)
    with pytest.raises(provident.Rejected) as e:
        provident.retirement("11010519491231002X", "M60", as_of=AS_OF)
    assert [v.code for v in e.value.violations] == ["PENSION_CATEGORY_MISMATCH"]
    with pytest.raises(provident.Rejected):
        provident.retirement("110105194912310021", "F55", as_of=AS_OF)


def test_retirement_errors():
    with pytest.raises(provident.BadValue):
        provident.retirement(dt.date(1971, 5, 20), "M65", as_of=AS_OF)
    with pytest.raises(provident.WrongType):
        provident.retirement(dt.date(1971, 5, 20), 0, as_of=AS_OF)
    with pytest.raises(provident.WrongType):
        provident.retirement(dt.datetime(1971, 5, 20), "M60", as_of=AS_OF)
    with pytest.raises(provident.PolicyNotInForce) as e:
        provident.retirement(dt.date(1971, 5, 20), "M60", as_of=dt.date(1970, 1, 1))
    assert e.value.code == "POLICY_NOT_IN_FORCE" and not isinstance(e.value, ValueError)


# ---------------------------------------------------------------------------------------- min months

@pytest.mark.parametrize("month,months", [("2029-12", 180), ("2030-01", 186), ("2033-04", 204), ("2039-01", 240),
                                          ("2060-06", 240), ("2015-01", 180)])
def test_min_contribution_months(month, months):
    assert provident.min_contribution_months(month) == months
    assert provident.min_contribution_months(Month(month)) == months
    assert provident.min_contribution_months(Month(month).first_day()) == months


def test_min_contribution_months_errors():
    with pytest.raises(provident.PolicyNotInForce):
        provident.min_contribution_months("2101-01")
    with pytest.raises(provident.BadValue):
        provident.min_contribution_months("2030-13")
    with pytest.raises(provident.WrongType):
        provident.min_contribution_months(2030)


# ---------------------------------------------------------------------------------------- deposit

def test_hpf_deposit():
    d = provident.hpf_deposit(D("2690"), D("0.07"), "7%", month=Month(2025, 7))
    assert d == provident.Deposit(D("188.00"), D("188.00"), D("376.00"))
    assert repr(d) == ("Deposit(employer_part=Decimal('188.00'), employee_part=Decimal('188.00'), "
                       "monthly_deposit=Decimal('376.00'))")
    assert provident.hpf_deposit(20000, "12%", D("0.12"), month="2025-09").monthly_deposit == D("4800.00")
    assert provident.hpf_deposit("2690.50", D("0.070"), D("7E-2"), month=dt.date(2025, 7, 3)).employer_part == D("188.00")


@pytest.mark.parametrize("kwargs,field", [
    (dict(base=D("12.345")), "args.base"),
    (dict(base="1e3"), "args.base"),
    (dict(base=D("NaN")), "args.base"),
    (dict(base=D("Infinity")), "args.base"),
    (dict(base=D("1E+40")), "args.base"),
    (dict(base="1000000000000000000000000000000"), "args.base"),
    (dict(employer_rate="abc"), "args.employer_rate"),
    (dict(employer_rate="-7%"), "args.employer_rate"),
    (dict(employee_rate=D("0.1234567891")), "args.employee_rate"),
    (dict(month="2025-13"), "args.month"),
])
def test_hpf_deposit_bad_values(kwargs, field):
    args = dict(base=D("2690"), employer_rate=D("0.07"), employee_rate=D("0.07"), month="2025-07")
    args.update(kwargs)
    month = args.pop("month")
    with pytest.raises(provident.BadValue) as e:
        provident.hpf_deposit(**args, month=month)
    assert e.value.field == field and isinstance(e.value, ValueError)


def test_hpf_deposit_type_errors():
    for bad in (True, None, [1], object()):
        with pytest.raises(provident.WrongType):
            provident.hpf_deposit(bad, "7%", "7%", month="2025-07")
        with pytest.raises(provident.WrongType):
            provident.hpf_deposit("2690", bad, "7%", month="2025-07")


def test_hpf_deposit_not_in_force():
    with pytest.raises(provident.PolicyNotInForce):
        provident.hpf_deposit("2690", "7%", "7%", month="2001-01")


def test_deposit_rounding():
    r = provident.default_engine().deposit_rounding("2025-07")
    assert r == Rounding(RoundingMode.HALF_UP, RoundingUnit.YUAN) and str(r) == "half_up to yuan"
    with pytest.raises(provident.PolicyNotInForce):
        provident.default_engine().deposit_rounding(Month(2001, 1))


@pytest.mark.parametrize("name", provident.shipped_profiles())
def test_policy_override_per_request(name):
    """policy= names the request's profile: the typed answer is the JSON answer under that profile."""
    request = {"op": "hpf.deposit", "policy": name,
               "args": {"base": "20000", "employer_rate": "12%", "employee_rate": "0.12", "month": "2025-09"}}
    r = provident.default_engine().execute(request)
    if r["error"]:
        with pytest.raises(provident.Error) as e:
            provident.hpf_deposit("20000", "12%", "0.12", month="2025-09", policy=name)
        assert e.value.code == r["error"]["code"] and e.value.field == r["error"]["field"]
    else:
        d = provident.hpf_deposit("20000", "12%", "0.12", month="2025-09", policy=name)
        assert str(d.monthly_deposit) == r["result"]["monthly_deposit"]


def test_unknown_policy_override():
    with pytest.raises(provident.BadValue) as e:
        provident.hpf_deposit("2690", "7%", "7%", month="2025-07", policy="no-such-city")
    assert e.value.field == "policy"


# ---------------------------------------------------------------------------------------- late fee

def test_late_fee():
    assert provident.late_fee(D("10000"), dt.date(2026, 3, 15), dt.date(2026, 4, 14)) == provident.LateFee(30, D("150.00"))
    assert provident.late_fee(10000, dt.date(2026, 3, 15), dt.date(2026, 3, 15)) == provident.LateFee(0, D("0.00"))
    assert provident.late_fee("10000", dt.date(2026, 3, 15), dt.date(2026, 3, 1)) == provident.LateFee(0, D("0.00"))
    # Straddling 2011-07-01: 5 days at 0.2% then 5 days at 0.05% → 1.25%.
    assert provident.late_fee("10000", dt.date(2011, 6, 25), dt.date(2011, 7, 5)).fee == D("125.00")
    assert repr(provident.late_fee("0.01", dt.date(2026, 3, 15), dt.date(2026, 4, 14))) == "LateFee(days=30, fee=Decimal('0.00'))"


def test_late_fee_errors():
    with pytest.raises(provident.WrongType):
        provident.late_fee("10000", dt.datetime(2026, 3, 15), dt.date(2026, 4, 14))
    with pytest.raises(provident.WrongType):
        provident.late_fee("10000", "2026-03-15", dt.date(2026, 4, 14))
    with pytest.raises(provident.BadValue):
        provident.late_fee("10000.001", dt.date(2026, 3, 15), dt.date(2026, 4, 14))
    with pytest.raises(provident.PolicyNotInForce):
        provident.late_fee("10000", dt.date(1998, 3, 15), dt.date(1998, 4, 14))


# ---------------------------------------------------------------------------------------- SI, interest, months

def test_base_limits():
    with pytest.raises(provident.PolicyNotInForce):
        provident.base_limits(2025)  # the national profile has no average wage
    with pytest.raises(provident.WrongType):
        provident.base_limits("2025")
    with pytest.raises(provident.BadValue):
        provident.base_limits(1800)
    if "xian" in provident.shipped_profiles():
        limits = provident.base_limits(2025, policy="xian")
        assert (limits.floor, limits.cap) == (D("4990.00"), D("24948.00"))


def test_si_contribution():
    c = provident.si_contribution("2025-07", base="10000")
    pension = next(i for i in c.items if i.type is provident.InsuranceType.PENSION)
    assert (pension.employer, pension.employee) == (D("1600.00"), D("800.00"))
    assert c.employer_total == sum(i.employer for i in c.items)
    assert c.floor is None
    only = provident.si_contribution("2025-07", base="10000", types=["pension"])
    assert [i.type for i in only.items] == [provident.InsuranceType.PENSION]
    with pytest.raises(provident.PolicyNotInForce):
        provident.si_contribution("2025-07", wage="10000")  # clamping needs the average wage
    with pytest.raises(provident.MissingField):
        provident.si_contribution("2025-07")
    with pytest.raises(ValueError):
        provident.si_contribution("2025-07", base="10000", types=["dental"])


def test_hpf_interest():
    i = provident.hpf_interest(2025, D("10000"))
    assert i == provident.Interest(D("150.00"), D("10150.00"), provident.InterestMethod.MONTHLY)
    # A deposit in July earns 11 months: 1200 × 1.5% × 11/12 = 16.50.
    i = provident.hpf_interest(2025, 0, [Movement(dt.date(2024, 7, 10), D("1200"))])
    assert i.interest == D("16.50") and i.closing_balance == D("1216.50")
    i2 = provident.hpf_interest(2025, 0, [(dt.date(2024, 7, 10), "1200")], method="monthly")
    assert i2 == i
    with pytest.raises(provident.BadValue):
        provident.hpf_interest(2025, 0, [(dt.date(2023, 7, 10), "1200")])  # outside the interest year
    with pytest.raises(provident.PolicyNotInForce):
        provident.hpf_interest(2016, D("10000"))
    with pytest.raises(ValueError):
        provident.hpf_interest(2025, D("10000"), method="weekly")


def test_count_months():
    r = provident.count_months([("2019-01", "2020-06"), MonthPeriod(Month(2020, 1), Month(2020, 12))],
                               add=[("2018-01", "2018-12")], reduce=[("2019-01", "2019-03")])
    assert r.months == 24 + 12 - 3
    assert r.paid_twice == tuple(Month(2020, m) for m in range(1, 7))
    with pytest.raises(provident.Rejected) as e:
        provident.count_months([("2020-06", "2019-01")])
    assert [v.code for v in e.value.violations] == ["PERIOD_INVERTED"]
    assert e.value.violations[0].field == "args.periods[0]"


# ---------------------------------------------------------------------------------------- identifiers

def test_identifiers():
    assert provident.validate_credit_code("91110000600037341L") == "91110000600037341L"
    with pytest.raises(provident.Rejected) as e:
        provident.validate_credit_code("91110000600037341X")
    assert e.value.violations[0].code == "USCC_INVALID"
    assert provident.validate_card("6222020000000000000", as_of=AS_OF).endswith("0000")
    with pytest.raises(provident.Rejected):
        provident.validate_card("6222020000000000001", as_of=AS_OF)
    assert provident.unit_login_name("3601000001") == "360100000100"
    with pytest.raises(provident.Rejected):
        provident.unit_login_name("123")
    with pytest.raises(provident.WrongType):
        provident.unit_login_name(3601000001)


# ---------------------------------------------------------------------------------------- check_claim

CLAIM = dict(birth_date=dt.date(1965, 3, 10), category="M60", work_start_date=dt.date(1985, 7, 1),
             retirement_date=dt.date(2026, 3, 31), work_years=Age(40, 8), contribution_months=400,
             as_of=dt.date(2026, 4, 1))


def test_check_claim_ok():
    c = provident.check_claim(**CLAIM)
    assert c.ok and c.violations == () and c.codes == ()
    assert c.min_months == 180 and c.statutory_month == provident.retirement(
        dt.date(1965, 3, 10), "M60", as_of=dt.date(2026, 4, 1)).statutory_month
    assert "ClaimCheck(ok=True" in repr(c)


def test_check_claim_lists_every_violation():
    c = provident.check_claim(**dict(CLAIM, work_years=(10, 0), contribution_months=100, has_arrears=True))
    assert not c.ok
    assert {"PENSION_WORK_YEARS_SHORT", "PENSION_CONTRIBUTION_SHORT", "PENSION_HAS_ARREARS"} <= set(c.codes)


def test_check_claim_periods_and_adjustments():
    c = provident.check_claim(**dict(CLAIM, contribution_months=None,
                                     contribution_periods=[("1985-07", "2000-12"), ("2000-01", "2026-03")],
                                     adjustments=[("add", "1985-07", "1986-06"), ("add", "1986-01", "1986-12")]))
    assert "PENSION_ADJUSTMENT_OVERLAP" in c.codes
    assert c.paid_twice and c.adjustment_overlaps


def test_check_claim_argument_errors():
    with pytest.raises(provident.BadValue):
        provident.check_claim(**dict(CLAIM, id_number="11010519491231002X"))  # both birth_date and id_number
    with pytest.raises(provident.BadValue):
        provident.check_claim(**dict(CLAIM, contribution_periods=[("1985-07", "2026-03")]))  # both contribution forms
    with pytest.raises(provident.WrongType):
        provident.check_claim(**dict(CLAIM, has_arrears="no"))
    with pytest.raises(provident.FloatNotAllowed):
        provident.check_claim(**dict(CLAIM, contribution_months=400.0))
    with pytest.raises(provident.WrongType):
        provident.check_claim(**dict(CLAIM, work_start_date="1985-07-01"))


def test_check_claim_unknown_op_is_an_error_not_a_result(monkeypatch):
    # An engine that does not know pension.check_claim (an older library behind this package)
    # answers REQ_UNKNOWN_OP: check_claim raises it instead of returning an empty ClaimCheck.
    eng = provident.Engine("national")
    unknown = eng.execute({"op": "no.such.op"})
    assert unknown["error"]["code"] == "REQ_UNKNOWN_OP"
    seen = []

    def execute(request):
        seen.append(request["op"])
        return unknown

    monkeypatch.setattr(eng, "execute", execute)
    with pytest.raises(provident.UnknownOperation):
        eng.check_claim(**CLAIM)
    assert seen == ["pension.check_claim"]


def test_no_exception_echoes_a_personal_number(engine):
    # Issue 13: the typed API's own messages mask what the caller typed with the engine's function.
    with pytest.raises(provident.BadValue) as e:
        engine.retirement(dt.date(1990, 1, 1), "110105194912310021", as_of=AS_OF)
    assert "110105194912310021" not in str(e.value) and "110105194912310021" not in e.value.message
    assert "**************0021" in str(e.value)
    assert provident._provident.mask_echo("card 6222020000123456782") == "card ***************6782"
