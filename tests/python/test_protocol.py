"""Engine.execute speaks the JSON protocol exactly: the same text as `provident exec`, errors as
responses, strict JSON (protocol.md §1)."""

import datetime
import json
import subprocess
import sys
from decimal import Decimal

import pytest

import provident
from conftest import cli_exec, dump, strict_json

GOOD = [
    '{"op":"pension.min_months","args":{"retirement_month":"2033-04"}}',
    '{"op":"hpf.deposit","as_of":"2024-09-02T10:00:00","args":{"base":"2690","employer_rate":"7%","employee_rate":"7%"}}',
    '{"op":"hpf.deposit","as_of":"2024-09-02T10:00:00","explain":true,"args":{"base":"2690","employer_rate":"7%","employee_rate":"7%"}}',
    '{"op":"si.late_fee","args":{"amount":"10000","due_date":"2026-03-15","paid_date":"2026-04-14"}}',
    '{"op":"pension.retirement","as_of":"2025-01-01T00:00:00","args":{"birth_date":"1971-05-20","category":"M60"}}',
    '{"op":"id.parse","as_of":"2026-01-01T00:00:00","args":{"number":"11010519491231002X"}}',
    '{"op":"id.parse","as_of":"2026-01-01T00:00:00","args":{"number":"11010519491231002Y"}}',
    '{"op":"pension.count_months","args":{"periods":[{"from":"2019-01","to":"2020-06"},{"from":"2020-01","to":"2020-12"}]}}',
    '{"op":"hpf.interest","args":{"year":2025,"opening_balance":"10000","movements":[{"date":"2024-08-10","amount":"500"}]}}',
    '{"op":"card.validate","as_of":"2026-01-01T00:00:00","request_id":"r-1","args":{"number":"6222020000000000000"}}',
    '{"op":"si.unit_login_name","args":{"unit_code":"3601000001"}}',
    '{"op":"uscc.validate","args":{"code":"91110000600037341L"}}',
    '{"op":"si.contribution","args":{"base":"10000","month":"2025-07"}}',
    '{"op":"hpf.deposit","as_of":"2025-09-01T10:00:00","policy":"national","args":{"base":"20000","employer_rate":"12%","employee_rate":"0.12"}}',
]

BAD = [
    '{"op":"si.late_fee","args":{"amount":10.5,"due_date":"2026-03-15","paid_date":"2026-04-01"}}',
    '{"op":"hpf.deposit","args":{"base":"12.345","employer_rate":"7%","employee_rate":"7%","month":"2026-07"}}',
    '{"op":"hpf.deposit","args":{"base":"1e3","employer_rate":"7%","employee_rate":"7%","month":"2026-13"}}',
    '{"op":"no.such.op","args":{}}',
    '{"op":"pension.min_months","args":{}}',
    '{"op":"pension.min_months","args":{"retirement_month":"2033-04","extra":1}}',
    '{"op":"pension.min_months","args":{"retirement_month":"2101-01"}}',
    '{"op":"hpf.flex.remit","request_id":"x","as_of":"2026-07-03T10:00:00","args":{"account_no":"A1"}}',
    '{"op":"pension.min_months","op":"pension.min_months","args":{"retirement_month":"2033-04"}}',
    '{"op":"pension.min_months","args":{"retirement_month":"2033-04"}',
    '[1,2,3]',
    '"just a string"',
    'not json at all',
    '{"op":"id.parse","as_of":"2026-01-01T00:00:00","args":{"number":"\\u0000"}}',
    '{"op":"id.parse","as_of":"2026-01-01","args":{"number":"11010519491231002X"}}',
    '{"op":"id.parse","as_of":"2026-01-01T00:00:00.5","args":{"number":"11010519491231002X"}}',
    '{"op":"id.parse","request_id":"","args":{"number":"11010519491231002X"}}',
    '{"op":"hpf.deposit","args":{"base":NaN,"employer_rate":"7%","employee_rate":"7%"}}',
    '{"op":"si.late_fee","args":{"amount":"-5","due_date":"2026-02-30","paid_date":"2026-04-01"}}',
    '{"op":"pension.retirement","as_of":"2010-01-01T00:00:00","args":{"birth_date":"1971-05-20","category":"M60"}}',
]


def walk(value):
    yield value
    if isinstance(value, dict):
        for v in value.values():
            yield from walk(v)
    elif isinstance(value, list):
        for v in value:
            yield from walk(v)


@pytest.mark.parametrize("line", GOOD + BAD)
def test_text_and_dict_identical_to_cli(engine, cli, line):
    expected = cli_exec(cli, [line])[0]
    assert engine.execute_json(line) == expected
    assert engine.execute_json(line.encode("utf-8")) == expected
    try:
        request = strict_json(line)
    except ValueError:
        return  # not strict JSON: only the text path applies
    if isinstance(request, dict):
        response = engine.execute(request)
        assert dump(response) == expected


def test_many_lines_one_process(engine, cli):
    lines = GOOD + BAD
    expected = cli_exec(cli, lines)
    assert [engine.execute_json(line) for line in lines] == expected


def test_policy_option_identical_to_cli(cli):
    line = GOOD[1]
    for name in provident.shipped_profiles():
        out = subprocess.run([cli, "exec", "--policy", name], input=(line + "\n").encode(), stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, timeout=60)
        if out.returncode == 2:  # the CLI cannot open the profile: neither can Python
            with pytest.raises(provident.PolicyError):
                provident.Engine(name)
            continue
        with provident.Engine(name) as eng:
            assert eng.execute_json(line) == out.stdout.decode().rstrip("\n")


def test_invalid_utf8(engine, cli):
    raw = b'{"op":"id.parse","as_of":"2026-01-01T00:00:00","args":{"number":"\xff\xfe"}}'
    out = subprocess.run([cli, "exec"], input=raw + b"\n", stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    # The CLI answers it like any malformed line (it died on it before 7f7e0ff: the parse error's
    # message quoted the invalid bytes and the strict dump refused them): an error, so exit 1.
    assert out.returncode == 1, (out.returncode, out.stderr.decode("utf-8", "replace"))
    expected = out.stdout.decode("utf-8").rstrip("\n")
    assert len(out.stdout.splitlines()) == 1, out.stdout
    assert engine.execute_json(raw) == expected
    assert json.loads(expected)["error"]["code"] == "REQ_MALFORMED"
    # A lone surrogate in a dict cannot be UTF-8: the engine sees invalid UTF-8 and says so.
    r = engine.execute({"op": "id.parse", "as_of": "2026-01-01T00:00:00", "args": {"number": "\ud800"}})
    assert r["error"]["code"] == "REQ_MALFORMED"


def test_errors_are_responses_not_exceptions(engine):
    r = engine.execute({"op": "no.such.op"})
    assert r["ok"] is False and r["error"]["code"] == "REQ_UNKNOWN_OP" and r["result"] is None
    r = engine.execute({"op": "hpf.deposit", "args": {"base": 2690.0, "employer_rate": "7%", "employee_rate": "7%",
                                                       "month": "2026-07"}})
    assert r["error"] == {"code": "REQ_BAD_VALUE", "message": r["error"]["message"],
                          "message_en": r["error"]["message_en"], "field": "args.base"}
    r = engine.execute({"op": "pension.min_months", "args": {"retirement_month": "2101-01"}})
    assert r["error"]["code"] == "POLICY_NOT_IN_FORCE"


def test_response_shape_and_no_float(engine):
    for line in GOOD + BAD:
        try:
            request = strict_json(line)
        except ValueError:
            continue
        if not isinstance(request, dict):
            continue
        r = engine.execute(request)
        assert list(r) == ["ok", "op", "request_id", "result", "violations", "events", "state", "error", "policy",
                           "replayed"]
        assert r["ok"] == (not r["violations"] and r["error"] is None)
        assert not any(isinstance(v, float) for v in walk(r)), line


def test_too_large(engine):
    big = '{"op":"id.parse","args":{"number":"' + "1" * (17 * 1024 * 1024) + '"}}'
    r = json.loads(engine.execute_json(big))
    assert r["error"]["code"] == "REQ_TOO_LARGE"


def test_execute_type_errors(engine):
    with pytest.raises(provident.WrongType) as e:
        engine.execute('{"op":"pension.min_months"}')  # text belongs to execute_json
    assert isinstance(e.value, TypeError) and isinstance(e.value, provident.Error)
    with pytest.raises(provident.WrongType, match="no JSON form"):
        engine.execute({"op": "hpf.deposit", "args": {"base": Decimal("2690")}})
    with pytest.raises(provident.WrongType):
        engine.execute_json(12)


def test_store_mode_answers_like_the_cli(cli):
    # Store-mode requests: STORE_ERROR until the SQLite store lands, a real answer after. Either way the
    # Python engine (in-memory store, like the CLI's default) answers exactly as the CLI does.
    lines = ['{"op":"hpf.account.get","args":{"account_no":"A1"}}',
             '{"op":"store.verify","args":{}}',
             '{"op":"hpf.unit.register","request_id":"u-1","as_of":"2026-07-01T09:00:00","args":{"unit_code":"F1"}}']
    expected = cli_exec(cli, lines)
    with provident.Engine() as eng:
        assert [eng.execute_json(line) for line in lines] == expected


def test_closed_engine():
    eng = provident.Engine()
    eng.close()
    assert eng.closed
    with pytest.raises(provident.Error, match="closed"):
        eng.execute({"op": "pension.min_months", "args": {"retirement_month": "2033-04"}})
    eng.close()  # twice is fine
    assert "closed" in repr(eng)


def test_python_module_surface(cli):
    # One answer line per input line on both: a blank line an empty line, a comment itself.
    lines = GOOD + ["", "   ", "# a comment", "  # indented"] + BAD
    expected = cli_exec(cli, lines)
    assert expected[len(GOOD):len(GOOD) + 4] == ["", "", "# a comment", "  # indented"]
    for extra in ([], ["--dict"]):
        out = subprocess.run([sys.executable, "-m", "provident", "exec", *extra],
                             input="".join(l + "\n" for l in lines).encode(), stdout=subprocess.PIPE)
        assert out.stdout.decode().splitlines() == expected, extra
        assert out.returncode == 1, extra  # BAD's responses are errors
        ok = GOOD[:2]  # every response ok: exit 0
        good = subprocess.run([sys.executable, "-m", "provident", "exec", *extra],
                              input="".join(l + "\n" for l in ok).encode(), stdout=subprocess.PIPE)
        assert [json.loads(l)["ok"] for l in good.stdout.decode().splitlines()] == [True, True]
        assert good.returncode == 0, extra


def test_engine_open_errors(tmp_path):
    with pytest.raises(provident.PolicyError) as e:
        provident.Engine("no-such-profile")
    assert isinstance(e.value, ValueError)
    # A misspelt profile name lists the shipped ones (issue 19 (2)).
    with pytest.raises(provident.PolicyError) as e:
        provident.Engine("shangai")
    assert "the shipped profiles are" in str(e.value) and "shanghai" in str(e.value), str(e.value)
    with pytest.raises(provident.WrongType):
        provident.Engine(policy=3)
    with pytest.raises(provident.WrongType):
        provident.Engine(db=3)


def test_describe_and_every_problem_at_once(engine):
    """describe gives an operation's schema; a bad request raises with every problem (schemas/README.md)."""
    d = engine.describe("hpf.deposit")
    assert d["kind"] == "calculator"
    assert d["args"]["members"]["base"]["type"] == "money"
    assert d["args"]["members"]["base"]["required"] is True
    assert any(o["op"] == "describe" for o in engine.describe()["operations"])
    with pytest.raises(provident.NotFound, match='did you mean "hpf.deposit"'):
        engine.describe("hpf.depost")
    with pytest.raises(provident.BadValue) as e:
        engine._run("hpf.deposit", {"base": "12.345", "employer_rate": "0.12", "employe_rate": "0.12"},
                    as_of=datetime.datetime(2026, 7, 1, 9))
    assert [p["field"] for p in e.value.problems] == ["args.base", "args.employee_rate", "args.employe_rate"]
    assert 'did you mean "employee_rate"' in str(e.value)
