#!/usr/bin/env python3
"""A flexible-employment (灵活就业) HPF story driven through provident.Engine.execute.

Person A in Taiyuan (seeds 000 and 002): the flexible unit is registered, A opens an account,
signs a payment card (a wrong card first: every problem is reported at once), remits inside the
payment window, is refused a March adjustment and adjusts in July, back-pays the months she
missed, seals with the commitment text copied exactly, and exits with her interest.

The host keeps its own records, so the story runs in **stateless mode**: each request carries the
entities it needs as ``facts``, and the next request's facts are the previous response's
``state``. When the reference SQLite store is available in this build, the same story is then run
in **store mode** on a fresh database file, and the two runs must agree step by step.

    python3 examples/python/flexible_story.py [--db story.sqlite --replace] [--lang en|zh]

Exit status: 0 when every step gave the expected decision (or when this build does not have the
operations yet: they are reported as not available), 1 when a decision differed.
"""

import argparse
import json
import os
import sys
import tempfile

import provident

POLICY = "taiyuan"
PERSON = {"name": "张三", "id_number": "140105199003071234", "phone": "13812345678"}
COMMITMENT = "本人自愿申请封存住房公积金个人账户，已知悉封存期间不能缴存，承诺所提供信息真实有效。"


def story():
    """(narration, request, expected violation codes) for each step; [] means allowed."""
    acct = "$account_no"  # filled in from the hpf.flex.open response
    return [
        ("The centre registers its flexible-employment unit (collection bank ICBC).",
         {"op": "hpf.unit.register", "request_id": "story-01", "as_of": "2026-03-02T09:00:00",
          "args": {"unit_code": "TY-F01", "name": "个人自愿缴存（市本级工行）", "credit_code": "91140100MA0K12345Y",
                   "bank": "ICBC", "kind": "flexible"}}, []),
        ("A opens a flexible account with a monthly deposit of 600.00.",
         {"op": "hpf.flex.open", "request_id": "story-02", "as_of": "2026-03-02T09:10:00",
          "args": {"unit_code": "TY-F01", "monthly_deposit": "600.00", **PERSON}}, []),
        ("A tries to sign someone else's CCB Type II card: three problems, reported together.",
         {"op": "hpf.flex.sign", "request_id": "story-03", "as_of": "2026-03-02T09:30:00",
          "args": {"account_no": acct, "account_name": "王五", "card_no": "6217000000123456786", "bank": "CCB",
                   "card_class": 2}},
         ["HPF_SIGN_NAME_MISMATCH", "HPF_SIGN_BANK_MISMATCH", "HPF_SIGN_CARD_CLASS"]),
        ("A signs her own Type I ICBC card.",
         {"op": "hpf.flex.sign", "request_id": "story-04", "as_of": "2026-03-02T09:40:00",
          "args": {"account_no": acct, "account_name": "张三", "card_no": "6222020000123456782", "bank": "ICBC",
                   "card_class": 1}}, []),
        ("At 17:00:00 the payment window is closed.",
         {"op": "hpf.flex.remit", "request_id": "story-05", "as_of": "2026-03-05T17:00:00",
          "args": {"account_no": acct}}, ["HPF_OUTSIDE_PAYMENT_WINDOW"]),
        ("At 16:59:59 March is paid.",
         {"op": "hpf.flex.remit", "request_id": "story-06", "as_of": "2026-03-05T16:59:59",
          "args": {"account_no": acct}}, []),
        ("A asks to raise her deposit in March: only in July.",
         {"op": "hpf.flex.adjust", "request_id": "story-07", "as_of": "2026-03-10T10:00:00",
          "args": {"account_no": acct, "monthly_deposit": "800.00"}}, ["HPF_ADJUST_OUTSIDE_WINDOW"]),
        ("In July the deposit becomes 800.00.",
         {"op": "hpf.flex.adjust", "request_id": "story-08", "as_of": "2026-07-02T09:00:00",
          "args": {"account_no": acct, "monthly_deposit": "800.00"}}, []),
        ("In August A back-pays April to July, each month at the deposit in force then.",
         {"op": "hpf.flex.back_pay", "request_id": "story-09", "as_of": "2026-08-03T10:05:00",
          "args": {"account_no": acct, "end_month": "2026-07"}}, []),
        ("August is remitted at 800.00.",
         {"op": "hpf.flex.remit", "request_id": "story-10", "as_of": "2026-08-05T10:00:00",
          "args": {"account_no": acct}}, []),
        ("A seals the account, copying the commitment text exactly.",
         {"op": "hpf.seal", "request_id": "story-11", "as_of": "2026-08-10T10:05:00",
          "args": {"account_no": acct, "commitment": COMMITMENT, "agreed": True}}, []),
        ("A leaves flexible employment: balance and interest are paid out.",
         {"op": "hpf.exit", "request_id": "story-12", "as_of": "2026-09-15T10:05:00",
          "args": {"account_no": acct, "has_outstanding_loan": False}}, []),
    ]


class NotAvailable(Exception):
    """This build cannot run the story yet (an operation or the profile is missing)."""


def fill(value, names):
    if isinstance(value, str) and value.startswith("$"):
        return names.get(value[1:], value)
    if isinstance(value, dict):
        return {k: fill(v, names) for k, v in value.items()}
    if isinstance(value, list):
        return [fill(v, names) for v in value]
    return value


def summary(response, lang):
    if response["error"]:
        e = response["error"]
        return f"error {e['code']}: {e['message'] if lang == 'zh' else e['message_en']}"
    if response["violations"]:
        return "refused: " + "; ".join(f"{v['code']} — {v['message'] if lang == 'zh' else v['message_en']}"
                                       for v in response["violations"])
    shown = {k: v for k, v in (response["result"] or {}).items() if not isinstance(v, (list, dict))}
    return "ok " + json.dumps(shown, ensure_ascii=False)


def run(engine, mode, lang, out=print):
    """Runs the story; returns [(step, response)]. mode: "stateless" or "store"."""
    names = {}
    state = {}
    transcript = []
    for i, (narration, template, expected) in enumerate(story(), 1):
        request = fill(template, names)
        if mode == "stateless":
            request["facts"] = state
        response = engine.execute(request)
        err = response["error"]
        if err and err["code"] == "REQ_UNKNOWN_OP":
            raise NotAvailable(f"{request['op']} is not in this build yet")
        out(f"{i:2d}. {narration}\n    {request['op']}: {summary(response, lang)}")
        if response["state"] is not None:
            state = response["state"]
        if request["op"] == "hpf.flex.open" and response["ok"]:
            names["account_no"] = response["result"]["account_no"]
        codes = [v["code"] for v in response["violations"]]
        if err or codes != expected:
            got = err["code"] if err else codes
            raise AssertionError(f"step {i} ({request['op']}, {mode}): expected {expected or 'allowed'}, got {got}")
        transcript.append((i, response))
    return transcript


def store_available(engine) -> bool:
    r = engine.execute({"op": "store.verify", "args": {}})
    return r["error"] is None


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", help="SQLite file for the store-mode run (default: a temporary file)")
    ap.add_argument("--replace", action="store_true", help="replace the --db file if it exists")
    ap.add_argument("--lang", choices=["en", "zh"], default="en")
    args = ap.parse_args()

    if POLICY not in provident.shipped_profiles():
        print(f"The {POLICY} profile is not shipped in this build yet; nothing to run.")
        return 0

    print(f"— Stateless mode (policy {POLICY}): facts in, state out —")
    try:
        with provident.Engine(POLICY) as engine:
            stateless = run(engine, "stateless", args.lang)
    except NotAvailable as e:
        print(f"Not available yet: {e}.")
        return 0
    except AssertionError as e:
        print(f"FAILED: {e}", file=sys.stderr)
        return 1
    final = stateless[-1][1]
    print(f"Payout: {final['result'].get('payout')} (balance {final['result'].get('balance')}, "
          f"interest {final['result'].get('interest')})")

    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or os.path.join(tmp, "story.sqlite")
        if os.path.exists(db):
            if not args.replace:
                print(f"{db} exists; pass --replace to start it afresh", file=sys.stderr)
                return 2
            for suffix in ("", "-wal", "-shm"):
                if os.path.exists(db + suffix):
                    os.remove(db + suffix)
        os.makedirs(os.path.dirname(os.path.abspath(db)), exist_ok=True)
        try:
            engine = provident.Engine(POLICY, db=db)
        except provident.StoreError as e:
            print(f"\nStore mode skipped: the store cannot be opened in this build ({e.message_en}).")
            return 0
        with engine:
            if not store_available(engine):
                print("\nStore mode skipped: the reference store is not available in this build yet.")
                return 0
            print(f"\n— Store mode ({db}): the engine keeps the state —")
            try:
                stored = run(engine, "store", args.lang, out=lambda s: None)
            except (NotAvailable, AssertionError) as e:
                print(f"FAILED in store mode: {e}", file=sys.stderr)
                return 1
            for (i, a), (_, b) in zip(stateless, stored):
                if (a["result"], a["violations"], a["events"]) != (b["result"], b["violations"], b["events"]):
                    print(f"FAILED: step {i} differs between stateless and store mode", file=sys.stderr)
                    return 1
            verify = engine.execute({"op": "store.verify", "args": {}})
            print(f"Same decisions, results and events in both modes; store.verify: "
                  f"{'ok' if verify['ok'] else verify['violations']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
