"""The conventional CLI (issue 19 (2); protocol.md §4): exit statuses, `exec [FILE…]` with one answer line
per input line, --readonly, --pretty, --lang, `policy check/show --overlay` reporting every error, a wrong
profile name listing the shipped ones, and `batch` over CSV files checked against the JSON calculators.

Run through ctest (cli.conventions), which sets PROVIDENT_CLI to the provident executable."""
import csv
import io
import json
import os
import subprocess

import pytest

CLI = os.environ.get("PROVIDENT_CLI", "")
OK = '{"op":"pension.min_months","as_of":"2026-01-01T00:00:00","args":{"retirement_month":"2033-04"}}'
ERROR = '{"op":"hpf.deposit","as_of":"2024-09-02T10:00:00","args":{"base":"-5","employer_rate":"7%","employee_rate":"7%"}}'
DENIAL = '{"op":"id.parse","as_of":"2026-01-01T00:00:00","args":{"number":"201511221897205960"}}'


def run(*args, stdin="", cwd=None):
    if not CLI:
        pytest.fail("PROVIDENT_CLI is not set (run through ctest)")
    return subprocess.run([CLI, *args], input=stdin.encode("utf-8"), capture_output=True, timeout=120, cwd=cwd)


def out_lines(p):
    return p.stdout.decode("utf-8").splitlines()


# ------------------------------------------------------------------ exit statuses

def test_exit_0_when_every_response_is_ok():
    p = run("exec", stdin=OK + "\n" + OK + "\n")
    assert p.returncode == 0, p.stderr
    assert all(json.loads(l)["ok"] for l in out_lines(p))


@pytest.mark.parametrize("bad", [ERROR, "not json"])
def test_exit_1_when_a_response_is_not_ok(bad):
    p = run("exec", stdin=OK + "\n" + bad + "\n" + OK + "\n")
    assert p.returncode == 1
    assert [json.loads(l)["ok"] for l in out_lines(p)] == [True, False, True]


def test_exit_1_for_a_denial():
    p = run("exec", stdin=DENIAL + "\n")
    r = json.loads(out_lines(p)[0])
    assert not r["ok"]
    assert p.returncode == 1


@pytest.mark.parametrize("args", [["foo"], ["policy", "foo"], ["batch", "nosuch", "a", "b"], ["exec", "--nope"],
                                  [], ["policy"], ["exec", "--lang", "fr"], ["exec", "--lang", "en", "--pretty"]])
def test_usage_errors_exit_2(args):
    p = run(*args)
    assert p.returncode == 2, (args, p.returncode, p.stderr)
    assert p.stdout == b""
    assert p.stderr


def test_unknown_subcommand_names_it():
    p = run("foo")
    assert p.stderr.decode() == "provident: unknown subcommand foo; run provident --help\n"
    p = run("policy", "shwo")
    assert "unknown subcommand shwo; run provident policy --help" in p.stderr.decode()


@pytest.mark.parametrize("args", [["--help"], ["--version"], ["exec", "--help"], ["batch", "--help"]])
def test_help_and_version_exit_0(args):
    p = run(*args)
    assert p.returncode == 0, p.stderr
    assert p.stdout


def test_help_documents_the_exit_status():
    assert "Exit status" in run("--help").stdout.decode()


# ------------------------------------------------------------------ exec [FILE…]

def test_files_in_order_with_stdin_between(tmp_path):
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    a.write_text("# file a\n" + OK + "\n", encoding="utf-8")
    b.write_text(ERROR + "\n", encoding="utf-8")
    p = run("exec", str(a), "-", str(b), stdin="\n")
    lines = out_lines(p)
    assert lines[0] == "# file a"
    assert json.loads(lines[1])["ok"]
    assert lines[2] == ""  # stdin's blank line
    assert json.loads(lines[3])["error"]["code"] == "REQ_BAD_VALUE"
    assert p.returncode == 1


def test_an_unreadable_file_fails_before_any_request(tmp_path):
    a = tmp_path / "a.jsonl"
    a.write_text(OK + "\n", encoding="utf-8")
    db = tmp_path / "s.sqlite"
    p = run("exec", "--db", str(db), str(a), str(tmp_path / "missing.jsonl"))
    assert p.returncode == 2
    assert p.stdout == b""
    assert p.stderr.decode() == f"provident: exec: cannot read {tmp_path / 'missing.jsonl'}: No such file or directory\n"
    p = run("exec", str(tmp_path))
    assert p.returncode == 2
    assert "Is a directory" in p.stderr.decode()


def test_one_answer_line_per_input_line():
    lines = [OK, "", "   ", "# a comment", "\t# an indented one", "not json", OK]
    p = run("exec", stdin="\n".join(lines) + "\n")
    got = out_lines(p)
    assert len(got) == len(lines)
    assert got[1:5] == ["", "", "# a comment", "\t# an indented one"]
    assert json.loads(got[5])["error"]["code"] == "REQ_MALFORMED"
    assert p.returncode == 1


def test_comments_and_blank_lines_alone_exit_0():
    p = run("exec", stdin="# nothing to do\n\n")
    assert p.returncode == 0
    assert out_lines(p) == ["# nothing to do", ""]


# ------------------------------------------------------------------ --readonly, --pretty, --lang

REGISTER = ('{"op":"si.unit.register","request_id":"r1","as_of":"2025-01-02T09:00:00","args":{"unit_code":"U0001",'
            '"name":"示例单位","credit_code":"91130402MA0CXXXX1X","kind":"enterprise","settlement_period":"2025-01"}}')


def test_readonly_refuses_commands_and_answers_queries(tmp_path):
    db = tmp_path / "s.sqlite"
    assert run("exec", "--db", str(db), stdin='{"op":"case.list","args":{}}\n').returncode == 0
    before = db.read_bytes()
    p = run("exec", "--readonly", "--db", str(db), stdin=REGISTER + "\n" + '{"op":"case.list","args":{}}\n')
    first, second = (json.loads(l) for l in out_lines(p))
    assert not first["ok"] and first["error"] is not None, first
    assert second["ok"], second
    assert p.returncode == 1
    assert db.read_bytes() == before


def test_pretty_is_indented_json():
    p = run("exec", "--pretty", stdin=OK + "\n")
    text = p.stdout.decode()
    assert text.startswith('{\n  "ok": true,\n')
    assert json.loads(text)["result"] == {"months": 204}
    assert p.returncode == 0


@pytest.mark.parametrize("lang,ok_word,error_word", [("en", "ok", "error"), ("zh", "通过", "错误")])
def test_lang_summaries(lang, ok_word, error_word):
    p = run("exec", "--lang", lang, stdin=OK + "\n\n" + ERROR + "\n")
    got = out_lines(p)
    assert got[0] == f"{ok_word} pension.min_months months=204"
    assert got[1] == ""
    message = "a base cannot be negative" if lang == "en" else "缴存基数不能为负数"
    assert got[2].startswith(f"{error_word} hpf.deposit REQ_BAD_VALUE args.base: ") and message in got[2], got[2]
    assert p.returncode == 1


def test_lang_denial_lists_each_violation():
    p = run("exec", "--lang", "en", stdin=DENIAL + "\n")
    line = out_lines(p)[0]
    r = json.loads(out_lines(run("exec", stdin=DENIAL + "\n"))[0])
    assert line.startswith("denied id.parse ID_UNKNOWN_REGION ")
    assert r["violations"]
    for v in r["violations"]:
        assert v["code"] in line and v["message_en"] in line


# ------------------------------------------------------------------ wrong profile names

def test_a_wrong_profile_name_lists_the_shipped_ones():
    p = run("exec", "--policy", "shangai", stdin=OK + "\n")
    assert p.returncode == 2
    err = p.stderr.decode()
    assert "shangai: neither a shipped profile nor a profile file (No such file or directory); " \
           "the shipped profiles are " in err, err
    assert "shanghai" in err and "national" in err
    request = json.loads(OK)
    request["policy"] = "shangai"
    r = json.loads(out_lines(run("exec", stdin=json.dumps(request) + "\n"))[0])
    assert r["error"]["field"] == "policy" and "shanghai" in r["error"]["message_en"], r


# ------------------------------------------------------------------ policy check / show --overlay

GOOD_OVERLAY = '[[hpf.rate.min]]\nfrom = 2020-01-01\nvalue = "3%"\nsource = "a test overlay"\nverified = false\n'
BAD_OVERLAY = ('[[hpf.rate.min]]\nfrom = 2020-01-01\nvalue = "three"\nsource = "t"\nverified = true\n\n'
               '[[hpf.rate.max]]\nfrom = 2020-01-01\nvalue = "12%"\nverified = true\n\n'
               '[[no.such.key]]\nfrom = 2020-01-01\n')


def test_policy_check_with_an_overlay(tmp_path):
    good = tmp_path / "good.toml"
    good.write_text(GOOD_OVERLAY, encoding="utf-8")
    p = run("policy", "check", "--overlay", str(good), "shanghai", "national")
    assert p.returncode == 0, p.stderr
    assert out_lines(p) == [f"shanghai with {good}: ok", f"national with {good}: ok"]


def test_policy_check_reports_every_error_of_an_overlay(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text(BAD_OVERLAY, encoding="utf-8")
    p = run("policy", "check", "--overlay", str(bad), "national")
    assert p.returncode == 1
    err = p.stderr.decode().splitlines()
    assert err[-1] == "national: 3 errors", err
    assert any(l.startswith(f"{bad}:3: hpf.rate.min") for l in err), err
    assert any(l.startswith(f"{bad}:7: hpf.rate.max") for l in err), err
    assert any(l.startswith(f"{bad}:12: no.such.key: unknown key") for l in err), err


def test_policy_check_reports_every_error_of_a_profile(tmp_path):
    bad = tmp_path / "bad_profile.toml"
    bad.write_text('[profile]\nname = "bad"\nextends = "national"\n\n' + BAD_OVERLAY, encoding="utf-8")
    p = run("policy", "check", str(bad), "national")
    assert p.returncode == 1
    assert out_lines(p) == ["national: ok"]
    assert p.stderr.decode().splitlines()[-1] == f"{bad}: 3 errors"


def test_policy_show_with_an_overlay(tmp_path):
    good = tmp_path / "good.toml"
    good.write_text(GOOD_OVERLAY, encoding="utf-8")
    p = run("policy", "show", "--overlay", str(good), "national")
    assert p.returncode == 0, p.stderr
    text = p.stdout.decode()
    assert text.startswith("national+overlay ")
    assert "a test overlay" in text
    bad = tmp_path / "bad.toml"
    bad.write_text(BAD_OVERLAY, encoding="utf-8")
    p = run("policy", "show", "--overlay", str(bad), "national")
    assert p.returncode == 1 and p.stdout == b""
    assert p.stderr.decode().splitlines()[-1] == "national: 3 errors"


def test_policy_with_an_unreadable_overlay_exits_2(tmp_path):
    p = run("policy", "check", "--overlay", str(tmp_path / "none.toml"), "national")
    assert p.returncode == 2
    assert "No such file or directory" in p.stderr.decode()


# ------------------------------------------------------------------ batch over CSV

def write_csv(path, header, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def calculate(requests, policy="national"):
    """The JSON calculators' answers to the same rows (the batch must agree with them)."""
    p = run("exec", "--policy", policy, stdin="".join(json.dumps(r) + "\n" for r in requests))
    return [json.loads(l) for l in out_lines(p)]


def test_batch_deposit_agrees_with_hpf_deposit(tmp_path):
    rows = [["A1", "2690", "7%", "7%"], ["A2", "10000.50", "12%", "5%"], ["A3", "0", "0.07", "0.07"],
            ["A,4", "3333.33", "7.5%", "10%"]]
    write_csv(tmp_path / "in.csv", ["account", "base", "employer_rate", "employee_rate"], rows)
    p = run("batch", "deposit", str(tmp_path / "in.csv"), str(tmp_path / "out.csv"), "--policy", "shanghai",
            "--as-of", "2024-09")
    assert p.returncode == 0, p.stderr
    out = read_csv(tmp_path / "out.csv")
    assert out[0] == ["account", "base", "employer_rate", "employee_rate", "employer_part", "employee_part"]
    answers = calculate([{"op": "hpf.deposit", "as_of": "2024-09-02T10:00:00",
                          "args": {"base": r[1], "employer_rate": r[2], "employee_rate": r[3]}} for r in rows], "shanghai")
    for row, got, answer in zip(rows, out[1:], answers):
        assert got[:4] == row
        assert got[4:] == [answer["result"]["employer_part"], answer["result"]["employee_part"]], (row, answer)
    assert out[1][4:] == ["188.00", "188.00"]


def test_batch_min_months_and_retirement_agree_with_the_json_calculators(tmp_path):
    months = ["2025-01", "2030-12", "2033-04", "2039-01"]
    write_csv(tmp_path / "m.csv", ["retirement_month"], [[m] for m in months])
    assert run("batch", "min-months", str(tmp_path / "m.csv"), str(tmp_path / "m.out")).returncode == 0
    answers = calculate([{"op": "pension.min_months", "as_of": "2026-01-01T00:00:00",
                          "args": {"retirement_month": m}} for m in months])
    assert [r[1] for r in read_csv(tmp_path / "m.out")[1:]] == [str(a["result"]["months"]) for a in answers]

    people = [["1960-01", "M60"], ["1975-06", "F55"], ["1980-11", "F50"], ["1990-03", "M60"]]
    write_csv(tmp_path / "r.csv", ["birth_month", "category"], people)
    p = run("batch", "retirement", str(tmp_path / "r.csv"), str(tmp_path / "r.out"), "--as-of", "2026-06-01")
    assert p.returncode == 0, p.stderr
    out = read_csv(tmp_path / "r.out")
    assert out[0][2:] == ["statutory_month", "delay_months", "earliest_month", "latest_month"]
    answers = calculate([{"op": "pension.retirement", "as_of": "2026-06-01T00:00:00",
                          "args": {"birth_date": b + "-15", "category": c}} for b, c in people])
    for got, a in zip(out[1:], answers):
        r = a["result"]
        assert got[2:] == [r["retirement_month"], str(r["delay_months"]), r["earliest_month"], r["latest_month"]], (got, r)


def test_batch_late_fee_agrees_with_si_late_fee(tmp_path):
    rows = [["100.00", "2026-03-15", "2026-04-01"], ["12345.67", "2025-01-15", "2026-04-01"],
            ["500", "2026-03-15", "2026-03-15"]]
    write_csv(tmp_path / "in.csv", ["principal", "due_date", "paid_date"], rows)
    p = run("batch", "late-fee", str(tmp_path / "in.csv"), str(tmp_path / "out.csv"), "--policy", "handan")
    assert p.returncode == 0, p.stderr
    answers = calculate([{"op": "si.late_fee", "as_of": "2026-04-02T09:00:00",
                          "args": {"amount": r[0], "due_date": r[1], "paid_date": r[2]}} for r in rows], "handan")
    fees = [a["result"]["fee"] for a in answers]
    assert [r[3] for r in read_csv(tmp_path / "out.csv")[1:]] == fees


def test_batch_bad_rows_are_named_by_line_and_column(tmp_path):
    (tmp_path / "in.csv").write_text("base,employer_rate,employee_rate\n2690,7%,7%\n\n-x,7%,7%\n100,7%,seven\n",
                                     encoding="utf-8")
    p = run("batch", "deposit", str(tmp_path / "in.csv"), str(tmp_path / "out.csv"), "--as-of", "2024-09")
    assert p.returncode == 1
    err = p.stderr.decode().splitlines()
    assert err[0].startswith(f"{tmp_path / 'in.csv'}:4: column base: '-x' is not"), err
    assert err[1].startswith(f"{tmp_path / 'in.csv'}:5: column employee_rate: 'seven' is not"), err
    assert not (tmp_path / "out.csv").exists()


def test_batch_a_row_the_kernel_refuses_is_named_by_its_line(tmp_path):
    (tmp_path / "in.csv").write_text("base,employer_rate,employee_rate\n2690,7%,7%\n-1,7%,7%\n", encoding="utf-8")
    p = run("batch", "deposit", str(tmp_path / "in.csv"), str(tmp_path / "out.csv"), "--as-of", "2024-09")
    assert p.returncode == 1
    assert p.stderr.decode().startswith(f"{tmp_path / 'in.csv'}:3: REQ_BAD_VALUE"), p.stderr
    assert not (tmp_path / "out.csv").exists()


@pytest.mark.parametrize("args,why", [
    (["deposit", "{d}/none.csv", "{d}/out.csv", "--as-of", "2024-09"], "cannot read {d}/none.csv: No such file"),
    (["deposit", "{d}/in.csv", "{d}/out.csv"], "give --as-of"),
    (["deposit", "{d}/in.csv", "{d}/out.csv", "--as-of", "2024-13"], "--as-of is not a month"),
    (["late-fee", "{d}/in.csv", "{d}/out.csv"], "has no column principal, due_date, paid_date"),
    (["deposit", "{d}/in.csv", "{d}/no/such/dir/out.csv", "--as-of", "2024-09"], "cannot write"),
])
def test_batch_usage_and_io_errors_exit_2(tmp_path, args, why):
    write_csv(tmp_path / "in.csv", ["base", "employer_rate", "employee_rate"], [["2690", "7%", "7%"]])
    p = run("batch", *[a.format(d=tmp_path) for a in args])
    assert p.returncode == 2, p.stderr
    assert why.format(d=tmp_path) in p.stderr.decode(), p.stderr


def test_batch_no_progress_bar_off_a_terminal(tmp_path):
    write_csv(tmp_path / "in.csv", ["base", "employer_rate", "employee_rate"], [["2690", "7%", "7%"]] * 1000)
    p = run("batch", "deposit", str(tmp_path / "in.csv"), str(tmp_path / "out.csv"), "--as-of", "2024-09")
    assert p.returncode == 0 and p.stderr == b""
    assert len(read_csv(tmp_path / "out.csv")) == 1001


def test_batch_progress_bar_on_a_terminal(tmp_path):
    import pty
    write_csv(tmp_path / "in.csv", ["base", "employer_rate", "employee_rate"], [["2690", "7%", "7%"]] * 1000)
    master, slave = pty.openpty()
    try:
        p = subprocess.run([CLI, "batch", "deposit", str(tmp_path / "in.csv"), str(tmp_path / "out.csv"), "--as-of",
                            "2024-09"], stderr=slave, stdout=subprocess.PIPE, timeout=120)
        os.close(slave)
        slave = None
        seen = b""
        while True:
            try:
                chunk = os.read(master, 4096)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
    finally:
        if slave is not None:
            os.close(slave)
        os.close(master)
    assert p.returncode == 0
    assert b"deposit: 100% (1000 of 1000 rows)" in seen, seen


# ------------------------------------------------------------------ self-description (issue 19 (1))

def test_ops_describes_an_operation_as_text():
    p = run("ops", "hpf.deposit")
    assert p.returncode == 0, p.stderr
    text = p.stdout.decode("utf-8")
    assert text.startswith("hpf.deposit — calculator\n")
    assert "Arguments (args):\n  base           money ≥ 0.00, required\n" in text
    assert "\n  month          month, optional\n" in text
    assert "Result:\n  employer_part    money, always\n" in text


def test_ops_json_is_the_describe_answer():
    p = run("ops", "hpf.deposit", "--json")
    assert p.returncode == 0, p.stderr
    d = json.loads(p.stdout)
    answer = json.loads(run("exec", stdin='{"op":"describe","args":{"op":"hpf.deposit"}}\n').stdout)
    assert answer["ok"] and answer["result"] == d
    assert d["args"]["members"]["employer_rate"]["type"] == "rate"


def test_ops_unknown_operation_exits_2_naming_the_nearest():
    p = run("ops", "si.contributon")
    assert p.returncode == 2
    assert 'did you mean "si.contribution"?' in p.stderr.decode("utf-8")


def test_lang_lists_every_problem_of_a_request():
    bad = '{"op":"hpf.deposit","as_of":"2026-07-01T09:00:00","args":{"base":"12.345","employe_rate":"7%"}}'
    line = out_lines(run("exec", "--lang", "en", stdin=bad + "\n"))[0]
    assert line == ("error hpf.deposit REQ_BAD_VALUE args.base: Invalid value for args.base: money must be a decimal string "
                    "with at most two decimals; REQ_MISSING_FIELD args.employer_rate: Missing required field: "
                    "args.employer_rate; REQ_MISSING_FIELD args.employee_rate: Missing required field: args.employee_rate; "
                    "REQ_BAD_VALUE args.employe_rate: Invalid value for args.employe_rate: not a member of this request's "
                    "schema (did you mean \"employer_rate\"?)")
