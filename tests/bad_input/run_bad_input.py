#!/usr/bin/env python3
"""Bad input through every surface (quality.md §2 "Bad input"; issue 9).

  run_bad_input.py --cli build/x/provident --capi build/x/tests/capi/capi_exec \
                   (--python-path build/x/bindings/python | --no-python REASON) [--only OP] [--verbose]

For every operation of the registry (`provident ops`) the generator takes one
valid request — the first step of the shared case corpus (tests/cases) that
uses the operation and succeeds, or an entry of bases.jsonl here for the
operations the corpus does not reach — and mutates it into every class of
quality.md §2: missing and extra members, wrong JSON types, money with three
decimals, NaN and infinities (not JSON), 10^30, negative amounts, empty
strings, 1 MB strings, invalid UTF-8, control characters, SQL injection text,
impossible dates, months 00 and 13, unknown operations and unknown subjects;
in stateless mode also bad facts.

Each operation runs on a fresh store file per surface (`--db`): the story's
steps before the base request are replayed first, so that the mutations meet
the same entities as the valid request (replayed once: a fresh start after a
mutation that was accepted copies the files they left). Every mutated request then goes to the
CLI (`provident exec`), the C ABI (`capi_exec`) and Python (`python3 -m
provident exec --dict`, i.e. `provident.Engine.execute(dict)`). Every surface is
required: a package that does not import is a failure; only `--no-python REASON`
(a build without the Python module) leaves Python out, and `--no-cli REASON`
(the sanitizer build, where the C ABI carries the engine's code) the CLI, and
each says so. For each one:

  - the response is well formed (the ten envelope members, ok == no error and
    no violation) and its error is never INTERNAL or STORE_ERROR; no surface
    crashes or stops answering;
  - the class's expectation holds: an `error` with a REQ_* code whose `field`
    names the mutated member, or a violation naming it (a batch row's
    violation may name it by `row`); raw-text classes (NaN, invalid UTF-8, NUL)
    are REQ_MALFORMED; a few mutations may be accepted — optional members,
    negative amounts where the protocol allows them, SQL text in a name, which
    is stored literally — and EXCEPTIONS below says why for each;
  - the three surfaces answer identically (CLI and C ABI byte for byte; Python
    as the same JSON value);
  - a request that ended in an error wrote nothing: every table of each
    surface's store file is compared before and after; at the end
    store.verify holds on every store.

The generated cases are summarised per class and per operation; failures are
listed with the request and the responses. Exit status 1 on any failure.
"""
import argparse
import collections
import copy
import fnmatch
import json
import os
import re
import shlex
import shutil
import sqlite3
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
CASES = os.path.join(ROOT, "tests", "cases")
sys.path.insert(0, CASES)
import run_corpus  # noqa: E402  (the corpus format's helpers)

MB = 1024 * 1024
MARK = "@@PVD-BAD@@"  # replaced by raw bytes after serialisation

# ---------------------------------------------------------------- what members mean
# Subjects whose unknown value is REQ_NOT_FOUND (protocol.md §1.2), and
# secondary references whose unknown value is a violation naming them.
SUBJECTS = {"account_no", "unit_code", "bill_id", "case_id", "verification_id", "to_unit", "id_number"}
MONEY_NAMES = {"base", "monthly_deposit", "amount", "wage", "opening_balance"}
MONEY_RE = re.compile(r"^-?\d+(\.\d{1,2})?$")
MONTH_RE = re.compile(r"^\d{4}-\d{2}$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
COMPACT_DATE_RE = re.compile(r"^\d{8}$")
DATETIME_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}")

# ---------------------------------------------------------------- accepted on purpose
# (op or "*", field path with [i] for any index, class) → why the mutation may
# be answered without an error or violation naming the field. Every entry is
# a decision of the protocol; the run prints which of them were used.
EXCEPTIONS = {
    # Optional members (protocol.md §1.4, §1.5): leaving them out is a request.
    ("*", "as_of", "missing"): "only operations whose rules read a date need as_of (protocol.md §1.1)",
    ("*", "request_id", "missing"): "queries and calculators need no request_id",
    ("*", "policy", "missing"): "the envelope's policy is optional",
    ("*", "explain", "missing"): "explain is optional",
    ("*", "args", "missing"): "an operation without arguments may omit args",
    ("hpf.deposit", "args.month", "missing"): "optional month (default: the as_of month)",
    ("hpf.interest", "args.method", "missing"): "optional method",
    ("hpf.interest", "args.movements", "missing"): "no movements in the year",
    ("hpf.flex.open", "args.phone", "missing"): "optional phone",
    ("hpf.flex.open", "args.category", "missing"): "optional category",
    ("hpf.flex.open", "args.account_no", "missing"): "optional account number (generated)",
    ("hpf.flex.open", "args.account_no", "unknown_subject"): "a new account's number: not a lookup",
    ("hpf.flex.open", "args.account_no", "sql_text"): "a new account's number is any text; stored literally",
    ("hpf.unseal", "args.monthly_deposit", "missing"): "optional deposit (default: the last one in force)",
    ("hpf.exit", "args.has_outstanding_loan", "missing"): "optional: the fact on the account is used",
    ("hpf.unit.open_accounts", "args.rows[i].phone", "missing"): "optional phone",
    ("hpf.unit.adjust_rate", "args.effective_month", "missing"): "optional effective month",
    ("hpf.unit.internal_transfer", "args.account_no", "missing"): "account_no or id_number",
    ("hpf.unit.internal_transfer", "args.id_number", "missing"): "account_no or id_number",
    ("hpf.unit.register", "args.employer_rate", "missing"): "rates only for employer units",
    ("hpf.unit.register", "args.employee_rate", "missing"): "rates only for employer units",
    ("hpf.unit.register", "args.unit_code", "unknown_subject"): "a new unit's code: not a lookup",
    ("hpf.unit.register", "args.unit_code", "sql_text"): "a new unit's code is any text; stored literally",
    ("si.unit.register", "args.unit_code", "unknown_subject"): "checked as SI_UNIT_CODE_INVALID or accepted",
    ("si.enroll", "args.back_pay", "missing"): "optional back-pay flag",
    ("si.enroll", "args.category", "missing"): "optional category",
    ("si.stop", "args.types", "missing"): "optional types (default: all)",
    ("si.back_pay", "args.types", "missing"): "optional types (default: all enrolled)",
    ("si.contribution", "args.types", "missing"): "optional types",
    ("si.contribution", "args.wage", "missing"): "wage or base",
    ("si.contribution", "args.base", "missing"): "wage or base",
    ("si.pay", "args.bill_id", "missing"): "bill_id or verification_id",
    ("si.pay", "args.verification_id", "missing"): "bill_id or verification_id",
    ("pension.retirement", "args.birth_date", "missing"): "birth_date or id_number",
    ("pension.retirement", "args.id_number", "missing"): "birth_date or id_number",
    ("pension.count_months", "args.add", "missing"): "optional",
    ("pension.count_months", "args.reduce", "missing"): "optional",
    ("case.save_draft", "args.case_id", "missing"): "optional: a new draft",
    ("case.submit", "args.args", "missing"): "optional replacement arguments",
    ("case.list", "args.status", "missing"): "optional filter",
    ("case.list", "args.unit_code", "missing"): "optional filter",
    ("case.list", "args.op", "missing"): "optional filter",
    ("case.list", "args.unit_code", "unknown_subject"): "a filter, not a lookup: no case matches",
    ("case.list", "args.unit_code", "sql_text"): "a filter, not a lookup: no case matches",
    ("case.list", "args.op", "sql_text"): "a filter: no case matches",
    ("journal.list", "args.after", "missing"): "optional",
    ("journal.list", "args.limit", "missing"): "optional",
    # The document type (issue 15): without it the number is read as one of the 18-character forms.
    ("id.parse", "args.document_type", "missing"): "optional document type (read from the number)",
    ("hpf.flex.open", "args.document_type", "missing"): "optional document type (read from the number)",
    ("hpf.unit.open_accounts", "args.rows[i].document_type", "missing"): "optional document type (read from the number)",
    ("si.enroll", "args.document_type", "missing"): "optional document type (read from the number)",
    # Negative amounts that mean something.
    ("hpf.interest", "args.movements[i].amount", "negative"): "withdrawals are negative movements (protocol.md §1.4)",
    # Text stored as given: SQL only with bound parameters (quality.md §3).
    ("*", "*", "sql_text"): "a name or free text containing SQL is stored literally (bound parameters); the store is checked",
    ("*", "*", "sql_text_subject"): "an unknown key containing SQL is REQ_NOT_FOUND like any other",
}

# Per-operation optional members where the operation takes one of two forms,
# pension claims: id_number or birth_date, a count or periods, optional lists.
for _op in ("pension.check_claim", "pension.claim"):
    for _f in ("id_number", "birth_date", "contribution_months", "contribution_periods", "adjustments",
               "special_jobs", "promotions", "has_arrears"):
        EXCEPTIONS[(_op, "args." + _f, "missing")] = "optional or one of two forms (protocol.md §1.4, rules.md §5)"


# Whole families, matched as shell patterns on (op, path, class).
for _cls in ("*",):
    EXCEPTIONS[("case.save_draft", "args.args*", _cls)] = "a draft is saved without validation (rules.md §6)"
    EXCEPTIONS[("case.submit", "args.args*", _cls)] = (
        "validated as the reviewed operation's own arguments: errors name args.<member> of that operation; "
        "CASE_WRONG_STATE once the case has left draft")
EXCEPTIONS[("case.list", "args.*", "empty_string")] = "a filter, not a lookup: no case matches"
for _cls in ("missing", "null"):
    EXCEPTIONS[("bill.list", "args.*", _cls)] = "every filter is optional: an agency lists every bill (docs/queries.md §2)"
# Issue 18: corrections name what they change (any one of the optional members; none is CHANGE_NOTHING),
# refunds name months by list or by period, at a unit or (no unit) as a flexible worker.
for _cls in ("missing", "null"):
    for _op, _fields in (("si.person.change", ("new_id_number", "name", "work_start_date", "phone", "address")),
                         ("si.unit.change", ("name", "credit_code", "address")),
                         ("hpf.account.change", ("new_id_number", "id_number", "unit_code", "name", "phone")),
                         ("pension.qualify", ("method",)),
                         ("si.refund", ("unit_code", "stop_date", "months", "from", "to", "types"))):
        for _f in _fields:
            EXCEPTIONS[(_op, "args." + _f, _cls)] = "optional, or one of the forms the operation takes (protocol.md §1.5)"
EXCEPTIONS[("policy.horizon", "args.from", "missing")] = "optional: from 2015-01-01 by default (issue 15)"
EXCEPTIONS[("describe", "args.op", "missing")] = "optional: without op, describe lists every operation (schemas/README.md)"
EXCEPTIONS[("si.provisional_difference", "args.types", "missing")] = "optional types (default: every type)"


def exception_for(op, path, cls):
    generic = re.sub(r"\[\d+\]", "[i]", path)
    if cls == "null":
        cls = "missing"  # null is read as absent (protocol.md §1.2)
    for key in ((op, generic, cls), ("*", generic, cls), (op, "*", cls), ("*", "*", cls)):
        if key in EXCEPTIONS:
            return key
    for key in EXCEPTIONS:
        if any(c in "".join(key) for c in "*?[") and fnmatch.fnmatchcase(op, key[0]) and \
                fnmatch.fnmatchcase(generic, key[1].replace("[i]", "[[]i]")) and fnmatch.fnmatchcase(cls, key[2]):
            return key
    return None


# ---------------------------------------------------------------- bases

class Base:
    def __init__(self, op, story, index, opts, prefix, request, stateless_request):
        self.op, self.story, self.index, self.opts = op, story, index, opts
        self.prefix = prefix                        # store-mode requests run before the base
        self.request = request                      # the base, store mode
        self.stateless_request = stateless_request  # the base with its facts, or None


def stories():
    out = []
    for path in run_corpus.story_files(CASES):
        opts, steps = run_corpus.parse_story(path)
        out.append((os.path.relpath(path, CASES), opts, [s for _, s in steps]))
    return out


def load_bases(ops, cli):
    all_stories = stories()
    by_op = {}
    extra = {}
    with open(os.path.join(HERE, "bases.jsonl"), encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if line and not line.startswith("#"):
                e = json.loads(line)
                extra[e["request"]["op"]] = e
    for story, opts, steps in all_stories:
        for i, step in enumerate(steps):
            op = step["request"].get("op")
            if op not in ops or op in extra:
                continue
            good = step.get("expect", {}).get("ok") is True and not step.get("stateless_only")
            if op not in by_op or (good and not by_op[op][3]):
                by_op[op] = (story, opts, i, good)
    bases = []
    story_map = {s: (o, st) for s, o, st in all_stories}
    for op in ops:
        if op in extra:
            e = extra[op]
            opts, steps = story_map[e["story"]]
            prefix_steps = steps[:e["after_step"]]
            bases.append(make_base(op, e["story"], len(prefix_steps), opts, prefix_steps, {"request": e["request"]}, cli))
        elif op in by_op:
            story, opts, i, _ = by_op[op]
            steps = story_map[story][1]
            bases.append(make_base(op, story, i, opts, steps[:i], steps[i], cli))
        else:
            bases.append(None)
    return bases


def make_base(op, story, index, opts, prefix_steps, step, cli):
    prefix = [run_corpus.to_store_mode(s["request"]) for s in prefix_steps if not s.get("stateless_only")]
    prefix = [r for r in prefix if "facts" not in r]
    request = run_corpus.to_store_mode(step["request"])
    stateless = None
    if step["request"].get("facts") == "$state":
        # The facts the story had at this step: run its stateless prefix once.
        state = None
        cmd = run_corpus.surface_command(cli + " exec", opts, tempfile.gettempdir())
        p = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, encoding="utf-8", bufsize=1)
        for s in prefix_steps:
            r = run_corpus.substitute(s["request"], state)
            p.stdin.write(json.dumps(r, ensure_ascii=False) + "\n")
            p.stdin.flush()
            resp = json.loads(p.stdout.readline())
            if resp.get("state") is not None:
                state = resp["state"]
        p.stdin.close()
        p.wait()
        stateless = run_corpus.substitute(step["request"], state)
    return Base(op, story, index, opts, prefix, request, stateless)


# ---------------------------------------------------------------- mutations

class Mutation:
    def __init__(self, cls, path, payload, expect, mode="store"):
        self.cls = cls          # class of quality.md §2
        self.path = path        # the member it names ("args.rows[0].base")
        self.payload = payload  # bytes of one request line
        self.expect = expect    # "refuse" | "malformed" | "missing" | "answer" | ("code", CODE)
        self.mode = mode        # "store" or "stateless"


def path_text(keys):
    out = ""
    for k in keys:
        if isinstance(k, int):
            out += "[%d]" % k
        else:
            out += ("." if out else "") + k
    return out


def get_at(obj, keys):
    for k in keys:
        obj = obj[k]
    return obj


def set_at(obj, keys, value):
    get_at(obj, keys[:-1])[keys[-1]] = value


def del_at(obj, keys):
    del get_at(obj, keys[:-1])[keys[-1]]


def leaves(value, keys):
    """Every member path under value: (keys, value), containers included; arrays through their first element."""
    out = []
    if isinstance(value, dict):
        for k, v in value.items():
            out.append((keys + [k], v))
            out.extend(leaves(v, keys + [k]))
    elif isinstance(value, list) and value:
        out.append((keys + [0], value[0]))
        out.extend(leaves(value[0], keys + [0]))
    return out


def encode(req):
    return json.dumps(req, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def with_value(req, keys, value):
    r = copy.deepcopy(req)
    set_at(r, keys, value)
    return encode(r)


def raw(req, keys, raw_bytes, quoted=False):
    """The request with the member's value replaced by raw bytes (inside quotes when quoted)."""
    r = copy.deepcopy(req)
    set_at(r, keys, MARK)
    text = encode(r)
    token = ('"' + MARK + '"').encode() if not quoted else MARK.encode()
    return text.replace(token, raw_bytes)


def json_type(v):
    if isinstance(v, bool):
        return "boolean"
    if isinstance(v, int):
        return "integer"
    if isinstance(v, float):
        return "number"
    if isinstance(v, str):
        return "string"
    if isinstance(v, list):
        return "array"
    if isinstance(v, dict):
        return "object"
    return "null"


WRONG_TYPES = [("integer", 123), ("number", 1.5), ("boolean", True), ("array", []), ("object", {}), ("string", "x")]


def member_mutations(req, keys, value, op, out, mode, is_subject_level):
    """Mutations of one member (args or facts)."""
    p = path_text(keys)
    name = keys[-1] if isinstance(keys[-1], str) else None
    add = lambda cls, payload, expect="refuse": out.append(Mutation(cls, p, payload, expect, mode))  # noqa: E731
    if name is not None:
        r = copy.deepcopy(req)
        del_at(r, keys)
        add("missing", encode(r), "missing")
        add("null", with_value(req, keys, None), "missing")
    vt = json_type(value)
    for t, v in WRONG_TYPES:
        if t != vt and not (vt == "number" and t == "integer"):
            add("wrong_type:" + t, with_value(req, keys, v))
    if isinstance(value, str):
        add("empty_string", with_value(req, keys, ""))
        add("1MB_string", with_value(req, keys, "A" * MB))
        add("control_char", with_value(req, keys, value + "\u0001"))
        add("newline", with_value(req, keys, value[:1] + "\n" + value[1:]))
        add("nul", with_value(req, keys, value + "\u0000"), "malformed")
        add("invalid_utf8", raw(req, keys, b'"\xff\xfe' + value.encode("utf-8")[:4] + b'"'), "malformed")
        add("overlong_utf8", raw(req, keys, b'"\xc0\xaf"'), "malformed")
        add("lone_surrogate", raw(req, keys, b'"\\ud800"'), "malformed")
        add("raw_control_char", raw(req, keys, b'"a\x01b"'), "malformed")
        sql = "x'); DROP TABLE accounts;--"
        if name in SUBJECTS and is_subject_level:
            add("sql_text_subject", with_value(req, keys, sql))
            add("unknown_subject", with_value(req, keys, "ZZ-NOPE-404"))
        else:
            add("sql_text", with_value(req, keys, sql), "answer" if exception_for(op, p, "sql_text") else "refuse")
        if name in MONEY_NAMES or (MONEY_RE.match(value) and not (name or "").endswith("rate")):
            decimals = len(value.split(".")[1]) if "." in value else 0
            add("money_3_decimals", with_value(req, keys, value + {0: ".001", 1: "01", 2: "1"}.get(decimals, "1")))
            add("money_3_decimals", with_value(req, keys, "600.001"))
            add("money_10e30", with_value(req, keys, "1" + "0" * 30))
            add("money_exponent", with_value(req, keys, "1e30"))
            add("money_nan_text", with_value(req, keys, "NaN"))
            add("money_infinity_text", with_value(req, keys, "Infinity"))
            add("money_number", with_value(req, keys, 600))
            if not value.startswith("-"):
                add("negative", with_value(req, keys, "-" + value if value != "0" else "-1.00"))
        if DATETIME_RE.match(value):
            for bad in ("2026-02-30T10:00:00", "2026-13-01T10:00:00", "2026-00-10T10:00:00", "2026-07-03T24:00:00",
                        "2026-07-03T10:60:00", "2026-07-03", "2026-07-03T10:00:00Z", "2026-07-03T10:00:00+09:00"):
                add("impossible_datetime", with_value(req, keys, bad))
        elif DATE_RE.match(value):
            for bad in ("2026-02-30", "2025-02-29", "2026-13-01", "2026-00-10", "2026-07-32", "0000-01-01", "2026-7-3"):
                add("impossible_date", with_value(req, keys, bad))
        elif MONTH_RE.match(value):
            for bad in ("2026-00", "2026-13", "2026-7", "0000-01", "2026-07-01"):
                add("impossible_month", with_value(req, keys, bad))
        elif COMPACT_DATE_RE.match(value):
            for bad in ("20260230", "20261301", "20260001", "2026070"):
                add("impossible_date", with_value(req, keys, bad))
        if (name or "").endswith("rate") or value.endswith("%"):
            for bad in ("12.5.5%", "-12%", "NaN%", "12 %", "0.0000000001"):
                add("bad_rate", with_value(req, keys, bad))
    if isinstance(value, int) and not isinstance(value, bool):
        add("negative_integer", with_value(req, keys, -1 if value >= 0 else value))
        add("integer_10e30", raw(req, keys, b"1" + b"0" * 30))
        add("integer_2e63", raw(req, keys, b"9223372036854775808"))
        add("integer_as_float", raw(req, keys, str(value).encode() + b".0"))
        add("integer_as_string", with_value(req, keys, str(value)))
    if vt in ("string", "integer", "number"):
        for lit in (b"NaN", b"Infinity", b"-Infinity", b"1e400"):
            add("not_json:" + lit.decode(), raw(req, keys, lit), "malformed")
    if isinstance(value, dict):
        r = copy.deepcopy(req)
        get_at(r, keys)["unexpected_member"] = 1
        out.append(Mutation("extra_member", p + ".unexpected_member", encode(r), "refuse", mode))
    if isinstance(value, list) and value and isinstance(value[0], dict):
        r = copy.deepcopy(req)
        get_at(r, keys)[0]["unexpected_member"] = 1
        out.append(Mutation("extra_member", p + "[0].unexpected_member", encode(r), "refuse", mode))


def mutations_of(base, request, mode):
    out = []
    op = base.op
    req = dict(request)
    if mode == "store" and "request_id" not in req:
        pass
    add = lambda cls, path, payload, expect="refuse": out.append(Mutation(cls, path, payload, expect, mode))  # noqa: E731

    # Envelope.
    for bad_op in (op + "x", op.upper(), " " + op, "hpf.nonsense", ""):
        add("unknown_op", "op", with_value(req, ["op"], bad_op))
    add("wrong_type:integer", "op", with_value(req, ["op"], 1))
    r = dict(req)
    del r["op"]
    add("missing", "op", encode(r), "missing")
    add("extra_member", "unexpected", encode(dict(req, unexpected=1)))
    add("1MB_string", "op", with_value(req, ["op"], "A" * MB))
    if "as_of" in req:
        member_mutations(req, ["as_of"], req["as_of"], op, out, mode, False)
    else:
        add("impossible_datetime", "as_of", encode(dict(req, as_of="2026-02-30T10:00:00")))
    rid = req.get("request_id", "bad-input-id")
    for cls, v in (("empty_string", ""), ("1MB_string", "R" * MB), ("control_char", rid + "\u0001"),
                   ("non_ascii", rid + "请求"), ("too_long", "r" * 129), ("wrong_type:integer", 7)):
        add(cls, "request_id", encode(dict(req, request_id=v)))
    add("unknown_profile", "policy", encode(dict(req, policy="no-such-profile")))
    add("unknown_profile", "policy", encode(dict(req, policy="/etc/passwd")))
    add("1MB_string", "policy", encode(dict(req, policy="P" * MB)))
    add("wrong_type:string", "explain", encode(dict(req, explain="yes")))
    add("wrong_type:array", "args", encode(dict(req, args=[])))
    add("wrong_type:string", "args", encode(dict(req, args="x")))
    if mode == "store":
        add("wrong_type:array", "facts", encode(dict(req, facts=[])))
    # NaN and infinities as the whole value of a member the envelope knows.
    for lit in (b"NaN", b"Infinity", b"-Infinity"):
        add("not_json:" + lit.decode(), "explain", raw(req, ["explain"], lit), "malformed")
    # Arguments.
    args = req.get("args") or {}
    for keys, value in leaves(args, ["args"]):
        member_mutations(req, keys, value, op, out, mode, len(keys) == 2)
    if isinstance(args, dict):
        add("extra_member", "args.unexpected_member", encode(dict(req, args=dict(args, unexpected_member=1))))
    # Facts (stateless): the first entity of each list.
    if mode == "stateless" and isinstance(req.get("facts"), dict):
        add("extra_member", "facts.unexpected_member", encode(dict(req, facts=dict(req["facts"], unexpected_member=[]))))
        for kind, entities in req["facts"].items():
            if not isinstance(entities, list) or not entities:
                continue
            for k, v in list(entities[0].items()):
                keys = ["facts", kind, 0, k]
                p = path_text(keys)
                vt = json_type(v)
                bad = 123 if vt != "integer" else "x"
                add("facts_wrong_type", p, with_value(req, keys, bad))
                if isinstance(v, str) and MONEY_RE.match(v) and "." in v and not k.endswith("rate"):
                    add("facts_money_3_decimals", p, with_value(req, keys, v + "1"))
                if isinstance(v, str) and DATE_RE.match(v):
                    add("facts_impossible_date", p, with_value(req, keys, "2026-02-30"))
                if isinstance(v, str) and MONTH_RE.match(v):
                    add("facts_impossible_month", p, with_value(req, keys, "2026-13"))
            r = copy.deepcopy(req)
            r["facts"][kind][0]["unexpected_member"] = 1
            add("extra_member", "facts.%s[0].unexpected_member" % kind, encode(r))
    # Unique request ids, so that no mutation is a replay or an id conflict of another.
    for i, m in enumerate(out):
        if m.path != "request_id" and b'"request_id":"' in m.payload:
            m.payload = m.payload.replace(b'"request_id":"', b'"request_id":"m%d-' % i, 1)
    return out


# ---------------------------------------------------------------- surfaces

class Surface:
    def __init__(self, name, cmd, env=None):
        self.name, self.cmd, self.env = name, cmd, env
        self.proc = None

    def start(self, opts, db, tmpdir):
        cmd = run_corpus.surface_command(self.cmd, opts, tmpdir)
        if db:
            cmd += ["--db", db]
        self.proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     env=self.env, bufsize=0)
        self.all_ok = True  # the exit status must be 0 when every response is ok, else 1 (protocol.md §4)

    def send(self, payload):
        """Writes one request line; False when the surface died."""
        try:
            self.proc.stdin.write(payload + b"\n")
            self.proc.stdin.flush()
            return True
        except BrokenPipeError:
            return False

    def receive(self):
        """The response line (bytes) to the request sent last, or None when the surface died."""
        try:
            line = self.proc.stdout.readline()
        except BrokenPipeError:
            return None
        if line and not line.startswith(b'{"ok":true'):
            self.all_ok = False
        return line.rstrip(b"\n") if line else None

    def ask(self, payload):
        """One request line → one response line (bytes), or None when the surface died."""
        return self.receive() if self.send(payload) else None


    def stop(self):
        try:
            self.proc.stdin.close()
        except Exception:
            pass
        try:
            self.proc.wait(timeout=120)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        err = self.proc.stderr.read().decode("utf-8", "replace")
        return self.proc.returncode, err


def ask_all(surfaces, payload):
    """The same request to every surface at once (each answers in its own process, side by side),
    then each answer: {name: line or None}."""
    sent = {s.name: s.send(payload) for s in surfaces}
    return {s.name: (s.receive() if sent[s.name] else None) for s in surfaces}


def snapshot_of(con):
    tables = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
    out = {}
    for t in tables:
        rows = con.execute('SELECT * FROM "%s"' % t.replace('"', '""')).fetchall()
        out[t] = sorted(repr(r) for r in rows)
    return out


class StoreWatch:
    """Every table of one store file, and whether another connection has committed since.

    SQLite's `PRAGMA data_version` changes on this connection exactly when another connection (any
    process) commits to the file: while it is unchanged nothing was written and the tables are
    those of the last snapshot, so they are read again only after a commit (before, every table of
    every store was read after every request: a fifth of the test's time)."""

    def __init__(self, db):
        self.con = sqlite3.connect("file:%s?mode=ro" % db, uri=True, timeout=30)
        self.version = self._version()
        self.tables = snapshot_of(self.con)

    def _version(self):
        return self.con.execute("PRAGMA data_version").fetchone()[0]

    def changes(self):
        """What changed since the last call (diff_snapshots' lines); [] when nothing did."""
        v = self._version()
        if v == self.version:
            return []
        after = snapshot_of(self.con)
        d = diff_snapshots(self.tables, after)
        self.version, self.tables = v, after
        return d

    def close(self):
        self.con.close()


def diff_snapshots(a, b):
    out = []
    for t in sorted(set(a) | set(b)):
        if a.get(t) != b.get(t):
            before, after = set(a.get(t, [])), set(b.get(t, []))
            out.append("%s: %d rows added, %d removed (e.g. %s)" % (
                t, len(after - before), len(before - after), (list(after - before) or list(before - after))[0][:200]))
    return out


# ---------------------------------------------------------------- checks

ENVELOPE = ["ok", "op", "request_id", "result", "violations", "events", "state", "error", "policy", "replayed"]
REQ_CODES = {"REQ_MALFORMED", "REQ_UNKNOWN_OP", "REQ_MISSING_FIELD", "REQ_BAD_VALUE", "REQ_NOT_FOUND",
             "REQ_ID_CONFLICT", "REQ_TOO_LARGE"}


def names_field(v, path):
    """Whether violation v names the member `path` (by field, or by row for batch rows)."""
    f = v.get("field") or ""
    if f == path or f.startswith(path + ".") or f.startswith(path + "["):
        return True
    m = re.match(r"^(args\.\w+)\[(\d+)\](.*)$", path)
    if m and v.get("row") == int(m.group(2)):
        return f in ("", m.group(3).lstrip("."), m.group(1), path) or f.endswith(m.group(3))
    return False


def check(m, op, resp):
    """Problems of one response (empty when it is right)."""
    problems = []
    if list(resp.keys()) != ENVELOPE:
        problems.append("envelope members are %s" % list(resp.keys()))
        return problems
    err = resp["error"]
    viol = resp["violations"]
    if resp["ok"] != (not viol and err is None):
        problems.append("ok is not (no violations and no error)")
    if err is not None:
        if err.get("code") in ("INTERNAL", "STORE_ERROR"):
            problems.append("error %s: %s" % (err.get("code"), err.get("message_en")))
            return problems
        if viol or resp["events"] or resp["state"] is not None:
            problems.append("an error with violations, events or state")
    exc = exception_for(op, m.path, m.cls)
    expect = m.expect
    if expect == "answer" or (exc and expect != "malformed"):
        # Accepted on purpose; an error or violation must still be a clear one.
        if err is not None and not (err["code"] in REQ_CODES or err["code"] == "POLICY_NOT_IN_FORCE"):
            problems.append("unexpected error code %s" % err["code"])
        return problems
    if expect == "malformed":
        if not err or err["code"] != "REQ_MALFORMED":
            problems.append("expected REQ_MALFORMED, got %s" % short(resp))
        return problems
    if expect == "missing":
        if not err or err["code"] != "REQ_MISSING_FIELD" or err["field"] != m.path:
            if not (viol and any(names_field(v, m.path) for v in viol)):
                problems.append("expected REQ_MISSING_FIELD naming %s, got %s" % (m.path, short(resp)))
        return problems
    # refuse: an error naming the member, or a violation naming it.
    if err is not None:
        if not err["code"].startswith("REQ_"):
            problems.append("expected a REQ_* error naming %s, got %s" % (m.path, short(resp)))
        elif err["field"] != m.path and not (err["field"] or "").startswith(m.path + "."):
            problems.append("the error names %r, not %s: %s" % (err["field"], m.path, err["message_en"]))
        return problems
    if viol:
        if not any(names_field(v, m.path) for v in viol):
            problems.append("violations %s do not name %s" % ([(v["code"], v.get("field"), v.get("row")) for v in viol], m.path))
        return problems
    problems.append("accepted: no error and no violation naming %s" % m.path)
    return problems


def short(resp):
    if resp.get("error"):
        return "error %s field=%r (%s)" % (resp["error"]["code"], resp["error"]["field"], resp["error"]["message_en"][:160])
    if resp.get("violations"):
        return "violations %s" % [(v["code"], v.get("field"), v.get("row")) for v in resp["violations"]]
    return "ok"


def excerpt(b, n=300):
    t = b.decode("utf-8", "backslashreplace")
    return t if len(t) <= n else t[:n] + "…(%d bytes)" % len(b)


# ---------------------------------------------------------------- driver

def run_base(base, surfaces, mode, stats, failures, used_exceptions, verbose):
    request = base.request if mode == "store" else base.stateless_request
    if request is None:
        return
    muts = mutations_of(base, request, mode)
    tmpdir = tempfile.mkdtemp(prefix="pvd-bad-input-")
    where = "%s (%s, %s step %d)" % (base.op, mode, base.story, base.index + 1)
    generation = [0]
    dbs = {}
    templates = {}  # surface → a copy of its store file as the story's steps left it

    def copy_store(source, target):
        """The store file and its write-ahead log (committed, the surface idle): SQLite reads the copy
        as the original, rebuilding the log's index; the shared-memory file is not copied."""
        for suffix in ("", "-wal"):
            if os.path.exists(source + suffix):
                shutil.copyfile(source + suffix, target + suffix)

    def start():
        """Fresh stores with the story's steps before the base request: replayed by the first start,
        copied from the files they left by every later one (each surface its own)."""
        generation[0] += 1
        for s in surfaces:
            dbs[s.name] = os.path.join(tmpdir, "%s-%d.sqlite" % (s.name, generation[0])) if mode == "store" else None
            if s.name in templates:
                copy_store(templates[s.name], dbs[s.name])
            s.start(base.opts, dbs[s.name], tmpdir)
        if mode == "store" and not templates:
            for r in base.prefix:
                ask_all(surfaces, encode(r))
            # A query (not journaled) so that every surface has created its store file before the
            # snapshot, also when the story has no steps before the base request.
            ask_all(surfaces, encode({"op": "case.list", "args": {}}))
            for s in surfaces:
                templates[s.name] = os.path.join(tmpdir, "%s-steps.sqlite" % s.name)
                copy_store(dbs[s.name], templates[s.name])

    def stop():
        for s in surfaces:
            code, err = s.stop()
            if code != (0 if s.all_ok else 1):
                failures.append("%s: the %s surface exited with %s where %s response was ok: %s"
                                % (where, s.name, code, "every" if s.all_ok else "not every", err[-2000:]))

    start()
    alive = True
    watches = {}
    try:
        # The valid request itself must not be an error (else the mutations prove little).
        probe = encode(dict(request, request_id="probe-" + request["request_id"]) if "request_id" in request else request)
        first = {n: (json.loads(line) if line else None) for n, line in ask_all(surfaces, probe).items()}
        r0 = first[surfaces[0].name]
        if r0 is None or r0.get("error"):
            failures.append("%s: the valid request is an error here: %s" % (where, short(r0) if r0 else "no response"))
        if mode == "store" and r0 is not None and r0.get("error") is None and not r0.get("violations"):
            stop()
            start()  # the mutations start from the state before the valid request
        watches = {n: StoreWatch(db) for n, db in dbs.items() if db}
        for m in muts:
            stats[m.cls] += 1
            answers = ask_all(surfaces, m.payload)
            dead = [n for n, line in answers.items() if line is None]
            if dead:
                failures.append("%s: %s %s: the %s surface died\n    request: %s" % (where, m.cls, m.path, dead[0], excerpt(m.payload)))
                alive = False
                break
            texts = list(answers.values())
            resp = None
            try:
                resp = json.loads(texts[0])
            except ValueError:
                failures.append("%s: %s %s: the response is not JSON: %s" % (where, m.cls, m.path, excerpt(texts[0])))
                continue
            # Identical across surfaces: the C surfaces byte for byte, Python as a value.
            if "capi" in answers and "cli" in answers and answers["capi"] != answers["cli"]:
                failures.append("%s: %s %s: C ABI and CLI differ\n    cli:  %s\n    capi: %s" % (
                    where, m.cls, m.path, excerpt(answers["cli"]), excerpt(answers["capi"])))
            if "python" in answers:
                try:
                    py = json.loads(answers["python"])
                except ValueError:
                    py = answers["python"]
                if py != resp:
                    failures.append("%s: %s %s: Python and %s differ\n    request: %s\n    %-6s  %s\n    python: %s" % (
                        where, m.cls, m.path, surfaces[0].name, excerpt(m.payload), surfaces[0].name + ":",
                        excerpt(texts[0]), excerpt(answers["python"])))
            for p in check(m, base.op, resp):
                failures.append("%s: %s %s: %s\n    request: %s" % (where, m.cls, m.path, p, excerpt(m.payload)))
            exc = exception_for(base.op, m.path, m.cls)
            if exc and m.expect != "malformed":
                used_exceptions[exc] += 1
            # Nothing written by a request that ended in an error.
            for n, w in watches.items():
                d = w.changes()
                if d and resp.get("error") is not None:
                    failures.append("%s: %s %s: an error response (%s) but the %s store changed: %s" % (
                        where, m.cls, m.path, resp["error"]["code"], n, "; ".join(d)))
            if verbose:
                print("  %-22s %-40s %s" % (m.cls, m.path[:40], short(resp)))
            if mode == "store" and resp.get("error") is None and not resp.get("violations"):
                # Accepted: the state changed. Start again from the base state, so that every
                # mutation meets the entities the valid request met.
                for w in watches.values():
                    w.close()
                stop()
                start()
                watches = {n: StoreWatch(db) for n, db in dbs.items() if db}
        if alive and mode == "store":
            for n, line in ask_all(surfaces, b'{"op":"store.verify"}').items():
                v = json.loads(line or b"{}")
                if not (v.get("result") or {}).get("ok"):
                    failures.append("%s: store.verify fails on the %s store: %s" % (where, n, json.dumps(v)[:400]))
    finally:
        for w in watches.values():
            w.close()
        stop()
        shutil.rmtree(tmpdir, ignore_errors=True)
    return len(muts)


def add_surface_arguments(ap):
    """The surfaces, shared with limits.py: the CLI and the C ABI always, Python unless the build has none."""
    ap.add_argument("--cli", required=True, help="the provident executable")
    ap.add_argument("--capi", required=True, help="capi_exec (tests/capi)")
    py = ap.add_mutually_exclusive_group(required=True)
    py.add_argument("--python-path", help="folder holding the built provident package (PYTHONPATH)")
    py.add_argument("--no-python", metavar="REASON",
                    help="leave the Python surface out, for a build without the Python module; REASON is printed")
    ap.add_argument("--python-env", action="append", default=[], metavar="NAME=VALUE",
                    help="set for the Python surface only (the ASan build preloads the sanitizer runtimes)")


def python_surface(args, who):
    """The Python surface, or None when --no-python says why. A package that does not import is an error
    (SystemExit, exit status 1), never a surface quietly left out."""
    if args.no_python:
        print("%s: no Python surface: %s" % (who, args.no_python))
        return None
    env = dict(os.environ, PYTHONPATH=args.python_path, PYTHONDONTWRITEBYTECODE="1", PYTHONNOUSERSITE="1")
    env.update(item.split("=", 1) for item in args.python_env)
    probe = subprocess.run([sys.executable, "-c", "import provident, provident.__main__"], env=env, capture_output=True, text=True)
    if probe.returncode != 0:
        raise SystemExit("%s: FAIL the provident package does not import from %s:\n%s" % (
            who, args.python_path, probe.stderr.strip()))
    return Surface("python", "%s -m provident exec --dict" % shlex.quote(sys.executable), env)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_surface_arguments(ap)
    ap.add_argument("--only", action="append", help="only these operations")
    ap.add_argument("--mode", choices=["store", "stateless", "both"], default="both")
    ap.add_argument("--no-cli", metavar="REASON",
                    help="leave the CLI surface out (it still lists the operations); REASON is printed")
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()

    ops = [l.split("\t")[0] for l in subprocess.run([args.cli, "ops"], capture_output=True, text=True, check=True).stdout.splitlines() if l.strip()]
    if args.only:
        ops = [o for o in ops if o in args.only]
    surfaces = [Surface("cli", shlex.quote(args.cli) + " exec"), Surface("capi", shlex.quote(args.capi))]
    if args.no_cli:
        print("bad_input: no CLI surface: %s" % args.no_cli)
        surfaces = surfaces[1:]
    py = python_surface(args, "bad_input")
    if py:
        surfaces.append(py)

    bases = load_bases(ops, args.cli)
    failures = []
    stats = collections.Counter()
    used_exceptions = collections.Counter()
    per_op = {}
    for op, base in zip(ops, bases):
        if base is None:
            failures.append("%s: no valid request in tests/cases or tests/bad_input/bases.jsonl to mutate" % op)
            continue
        n = 0
        for mode in (["store", "stateless"] if args.mode == "both" else [args.mode]):
            n += run_base(base, surfaces, mode, stats, failures, used_exceptions, args.verbose) or 0
        per_op[op] = n
        print("bad_input: %-28s %5d cases (%s step %d)" % (op, n, base.story, base.index + 1), flush=True)

    print("\nclasses:")
    for cls, n in sorted(stats.items()):
        print("  %-28s %6d" % (cls, n))
    print("accepted on purpose (EXCEPTIONS used):")
    for key, n in sorted(used_exceptions.items(), key=lambda kv: str(kv[0])):
        print("  %-60s %5d  %s" % ("%s %s %s" % key, n, EXCEPTIONS[key]))
    total = sum(stats.values())
    if total == 0:
        failures.append("no case was generated: nothing was tested")
    for f in failures:
        print("FAIL " + f)
    print("\nbad_input: %d operations, %d cases, %d requests through %d surfaces (%s), %d failures" % (
        len(per_op), total, total * len(surfaces), len(surfaces), ", ".join(s.name for s in surfaces), len(failures)))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
