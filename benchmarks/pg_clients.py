#!/usr/bin/env python3
"""Several clients on one PostgreSQL database (issue 20 (5)): docs/performance.md "PostgreSQL, several clients".

    benchmarks/pg_clients.py --build-dir build/release                 # 10,000 units x 100 accounts, 1/4/16/64 clients
    benchmarks/pg_clients.py --build-dir build/release --units 20 --accounts-per-unit 10 --clients 1,4 --requests 200

1. A throw-away PostgreSQL server (a Unix socket in a temp folder, fsync on, the server's defaults otherwise,
   max_connections raised for 64 clients).
2. LOAD, through the engine only: `hpf.unit.register` (employer units) and `hpf.unit.open_accounts` (batches of
   up to 100 accounts, valid GB 11643 ID numbers) under the `beijing` profile, where opening accounts is not
   reviewed (review.ops is empty there), by --loaders `provident exec` processes in parallel. The loaders'
   connections use synchronous_commit=off (a bulk load); the measured phases use the server's defaults.
3. For each client count, a fixed number of requests (--requests, the same for every client count, shared out
   to whichever client is free): each client is one `provident exec --stats` process fed one request at a time
   on stdin, the next sent once the previous response line is read; latency = send -> response line. The mix:
   a month's remittance of a BUSY unit (`hpf.unit.verify_remittance`, then `hpf.unit.pay` of the bill it made:
   every account of the unit credited) on a hot set of --hot-units units shared by all clients, phone and data
   changes (`hpf.change_phone`, `hpf.account.change`) on random accounts, and duplicates (a request sent again
   by another client with the same request_id: one journal entry, one replay). One clock for every request,
   advancing a fixed step per request sent: a request overtaken by a later one on the same account or unit is
   refused on as_of ("time goes forward") and counted as `refused`.
4. After the load and after each phase: every acknowledged request (a response that is not an error) is in the
   journal exactly once with the same `ok`, answered once and otherwise replayed; no request answered only by
   errors is; nothing else was journaled; `store.verify` with replay false holds. Any failure exits 1 after
   the table; "checks: ok" otherwise.
"""
import argparse
import datetime as dt
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(ROOT, "tests", "pg"))

PROFILE = "beijing"
LOAD_AS_OF = dt.datetime(2025, 9, 1, 8, 0, 0)   # accounts payable from 2025-09
RUN_START = dt.datetime(2025, 10, 1, 0, 0, 0)   # the measured phases' clock starts here
MONTHS_PER_PHASE = 2                            # 4 phases: 2025-10 .. 2026-05, inside the FY2025 base limits

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平"


class Failed(Exception):
    pass


# ------------------------------------------------------------------------------------------------ identifiers

def id_number(i):
    """The i-th citizen ID number: Dongcheng, Beijing, born 1980-01-01 + i // 1000 days, sequence i % 1000, with
    its GB 11643 check character (i < 7,300,000)."""
    birth = dt.date(1980, 1, 1) + dt.timedelta(days=i // 1000)
    body = "110101" + birth.strftime("%Y%m%d") + f"{i % 1000:03d}"
    s = sum(int(c) * (2 ** (17 - k) % 11) for k, c in enumerate(body))
    return body + "10X98765432"[s % 11]


CREDIT = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def credit_code(i):
    """A valid unified social credit code (GB 32100) for unit i."""
    body = "91110101" + f"{i:09d}"
    s = sum(CREDIT.index(c) * (3 ** k % 31) for k, c in enumerate(body))
    return body + CREDIT[(31 - s % 31) % 31]


def person_name(i):
    return SURNAMES[i % 20] + GIVEN[(i // 20) % 20] + GIVEN[(i // 400) % 20]


def unit_code(u):
    return f"BJ{u:05d}"


def fmt(t):
    return t.strftime("%Y-%m-%dT%H:%M:%S")


def month_str(y, m):
    return f"{y:04d}-{m:02d}"


def next_month(s):
    y, m = int(s[:4]), int(s[5:])
    return month_str(y + (m == 12), m % 12 + 1)


def add_months(t, n):
    m = t.month - 1 + n
    return t.replace(year=t.year + m // 12, month=m % 12 + 1)


# ------------------------------------------------------------------------------------------------ the server

def start_server():
    """The tests' throw-away server (tests/pg/pg_cluster.py) with fsync on, room for 64 clients and a checker."""
    from pg_cluster import Cluster
    pg = Cluster(fsync=True, settings={"max_connections": "100", "shared_buffers": "128MB", "max_wal_size": "1GB"})
    pg.start()
    return pg


# ------------------------------------------------------------------------------------------------ one engine

class Engine:
    """One `provident exec --stats` process: request -> response, one line each."""

    def __init__(self, exe, uri):
        self.p = subprocess.Popen([exe, "exec", "--stats", "--policy", PROFILE, "--db", uri], stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8",
                                  bufsize=1)

    def send(self, req):
        self.p.stdin.write(json.dumps(req, ensure_ascii=False, separators=(",", ":")) + "\n")
        self.p.stdin.flush()
        line = self.p.stdout.readline()
        if not line:
            raise Failed(f"the engine ended: {self.p.stderr.read()[-2000:]}")
        return json.loads(line)

    def close(self):
        """Ends the process; returns its retries by cause (the --stats line on stderr)."""
        self.p.stdin.close()
        self.p.stdout.read()
        err = self.p.stderr.read()
        self.p.wait(timeout=60)
        for line in err.splitlines():
            if line.startswith('{"store_retries"'):
                return json.loads(line)["store_retries"]
        raise Failed(f"no --stats line from the engine; stderr: {err[-2000:]}")


def query(exe, uri, op, args):
    e = Engine(exe, uri)
    try:
        r = e.send({"op": op, "args": args})
    finally:
        e.close()
    if not r["ok"]:
        raise Failed(f"{op} failed: {json.dumps(r, ensure_ascii=False)[:2000]}")
    return r["result"]


def read_journal(exe, uri, after):
    """{request_id: [entry, …]} of every entry after `after`, and the last seq, paging by `after`."""
    e = Engine(exe, uri)
    got, last = {}, after
    try:
        while True:
            r = e.send({"op": "journal.list", "args": {"after": last, "limit": 1000}})
            if not r["ok"]:
                raise Failed(f"journal.list failed: {json.dumps(r, ensure_ascii=False)[:2000]}")
            for ent in r["result"]["entries"]:
                got.setdefault(ent["request_id"], []).append({"seq": ent["seq"], "ok": ent["ok"], "op": ent["op"]})
            if not r["result"]["entries"]:
                break
            last = r["result"]["last_seq"]
    finally:
        e.close()
    return got, last


def verify_store(exe, uri):
    t0 = time.monotonic()
    res = query(exe, uri, "store.verify", {"replay": False})
    bad = [c for c in res["checks"] if not c["ok"]]
    if not res["ok"] or bad:
        raise Failed(f"store.verify: {json.dumps(bad, ensure_ascii=False)[:3000]}")
    return res, time.monotonic() - t0


def check_journal(exe, uri, after, sent, phase):
    """sent: {request_id: [response, …]} of every request sent since `after`. Returns the new last seq."""
    journal, last = read_journal(exe, uri, after)
    problems = []
    for rid, entries in journal.items():
        if rid not in sent:
            problems.append(f"journaled but never sent: {rid} {entries}")
    for rid, responses in sent.items():
        acked = [r for r in responses if r.get("error") is None]
        entries = journal.get(rid, [])
        if acked:
            if len(entries) != 1:
                problems.append(f"{rid}: acknowledged {len(acked)} times, journaled {len(entries)} times")
                continue
            if any(r["ok"] != entries[0]["ok"] for r in acked):
                problems.append(f"{rid}: answered ok={[r['ok'] for r in acked]}, journaled ok={entries[0]['ok']}")
            fresh = [r for r in acked if not r.get("replayed")]
            if len(fresh) != 1:
                problems.append(f"{rid}: {len(fresh)} answers not marked replayed (one expected)")
        elif entries:
            problems.append(f"{rid}: answered only by errors "
                            f"({[r['error']['code'] for r in responses]}) but journaled {len(entries)} times")
    if problems:
        raise Failed(f"{phase}: the journal does not match the answers ({len(problems)} problems):\n  "
                     + "\n  ".join(problems[:20]))
    return last


def slim(resp):
    """What the journal check reads of an answer."""
    return {"ok": resp["ok"], "error": resp.get("error"), "replayed": resp.get("replayed")}


def store_error(resp):
    return resp.get("error") is not None and resp["error"]["code"] == "STORE_ERROR"


# ------------------------------------------------------------------------------------------------ the load

def load(exe, uri, units, per_unit, loaders, tmp):
    """Registers the units and opens their accounts through the engine; returns every account number by unit."""
    bulk = uri + "&options=-csynchronous_commit%3Doff"
    rng = random.Random(7)
    files = []
    for k in range(loaders):
        path = os.path.join(tmp, f"load{k}.jsonl")
        files.append(path)
        with open(path, "w", encoding="utf-8") as fh:
            for u in range(k, units, loaders):
                rate = f"{rng.randint(5, 12)}%"
                fh.write(json.dumps({"op": "hpf.unit.register", "request_id": f"load-reg-{u}", "as_of": fmt(LOAD_AS_OF),
                                     "args": {"unit_code": unit_code(u), "name": f"北京某企业{u}有限公司",
                                              "credit_code": credit_code(u), "bank": "ICBC", "kind": "employer",
                                              "employer_rate": rate, "employee_rate": rate}},
                                    ensure_ascii=False) + "\n")
                rows = []
                for a in range(per_unit):
                    i = u * per_unit + a
                    rows.append({"name": person_name(i), "id_number": id_number(i),
                                 "base": f"{rng.randint(3000, 30000)}.{rng.randint(0, 99):02d}"})
                for b in range(0, per_unit, 100):
                    fh.write(json.dumps({"op": "hpf.unit.open_accounts", "request_id": f"load-open-{u}-{b // 100}",
                                         "as_of": fmt(LOAD_AS_OF + dt.timedelta(seconds=1 + b // 100)),
                                         "args": {"unit_code": unit_code(u), "rows": rows[b:b + 100]}},
                                        ensure_ascii=False) + "\n")
    t0 = time.monotonic()
    procs = []
    for path in files:
        out = open(path + ".out", "w", encoding="utf-8")
        procs.append((subprocess.Popen([exe, "exec", "--stats", "--policy", PROFILE, "--db", bulk, path], stdout=out,
                                       stderr=subprocess.PIPE, text=True), out, path))
    retries = {}
    for p, out, path in procs:
        err = p.communicate()[1]
        out.close()
        if p.returncode not in (0, 1):  # 1: some answer was not ok, reported below with the request
            raise Failed(f"a loader failed (exit {p.returncode}): {err[-2000:]}")
        for line in err.splitlines():
            if line.startswith('{"store_retries"'):
                for k, v in json.loads(line)["store_retries"].items():
                    retries[k] = retries.get(k, 0) + v
    accounts = {}
    sent = {}
    opened = {}  # request_id -> the account numbers it opened
    again = []
    for path in files:
        with open(path, encoding="utf-8") as fin, open(path + ".out", encoding="utf-8") as fout:
            for req_line, resp_line in zip(fin, fout):
                req, resp = json.loads(req_line), json.loads(resp_line)
                sent[req["request_id"]] = [slim(resp)]
                if resp["ok"] and req["op"] == "hpf.unit.open_accounts":
                    opened[req["request_id"]] = [r["account_no"] for r in resp["result"]["rows"]]
                if store_error(resp):  # sent again below with its request_id, as a client would
                    again.append(req)
                    continue
                if not resp["ok"] or resp["request_id"] != req["request_id"]:
                    raise Failed(f"load: {req_line[:1000]} answered {resp_line[:2000]}")
    store_errors = [(again[0], sent[again[0]["request_id"]][0])] if again else []
    if again:
        e = Engine(exe, bulk)
        try:
            for req in again:
                for _ in range(5):
                    resp = e.send(req)
                    sent[req["request_id"]].append(slim(resp))
                    if resp["ok"] and req["op"] == "hpf.unit.open_accounts":
                        opened[req["request_id"]] = [r["account_no"] for r in resp["result"]["rows"]]
                    if not store_error(resp):
                        break
                if not resp["ok"]:
                    raise Failed(f"load: {json.dumps(req, ensure_ascii=False)[:1000]} answered "
                                 f"{json.dumps(resp, ensure_ascii=False)[:2000]} when sent again")
        finally:
            for k, v in e.close().items():
                retries[k] = retries.get(k, 0) + v
    took = time.monotonic() - t0
    for path in files:
        with open(path, encoding="utf-8") as fin:
            for req_line in fin:
                req = json.loads(req_line)
                if req["op"] == "hpf.unit.open_accounts":
                    accounts.setdefault(req["args"]["unit_code"], []).extend(opened[req["request_id"]])
    n = sum(len(v) for v in accounts.values())
    if len(accounts) != units or n != units * per_unit:
        raise Failed(f"load: {len(accounts)} units and {n} accounts opened, {units} and {units * per_unit} expected")
    return accounts, sent, took, retries, len(again), store_errors


# ------------------------------------------------------------------------------------------------ a phase

class Phase:
    """The shared state of one measured phase: the clock, the remaining requests, the hot units' due months,
    the duplicates waiting for a second client, and every response."""

    def __init__(self, n_clients, requests, start, span, hot, accounts, due, seed):
        self.lock = threading.Lock()
        self.n_clients = n_clients
        self.left = requests
        self.step = span / requests
        self.start = start
        self.ticks = 0
        self.hot = hot
        self.due = due                  # hot unit -> the next month to verify (shared across phases)
        self.accounts = accounts        # every account number
        self.dups = []                  # (request, client that sent it first)
        self.sent = {}                  # request_id -> [response]
        self.latencies = []
        self.errors = []                # errors other than the as_of refusal and STORE_ERROR
        self.store_errors = []          # STORE_ERROR answers (each sent again)
        self.given_up = 0               # requests answered STORE_ERROR four times in a row
        self.seed = seed
        self.serial = 0

    def take(self):
        with self.lock:
            if self.left <= 0:
                return False
            self.left -= 1
            return True

    def tick(self):
        with self.lock:
            self.ticks += 1
            return self.start + dt.timedelta(seconds=int(self.ticks * self.step.total_seconds()))

    def rid(self, c, what):
        with self.lock:
            self.serial += 1
            return f"{self.seed}-{what}-{self.serial}-c{c}"


def client(phase, c, engine, rng, tag):
    pay = None  # (unit, bill_id, amount, attempts): the follow-up of a verified month
    while phase.take():
        dup = None
        if pay is None and phase.n_clients > 1 and rng.random() < 0.10:
            with phase.lock:
                for k, (req, first) in enumerate(phase.dups):
                    if first != c:
                        dup = phase.dups.pop(k)[0]
                        break
        if dup is not None:
            req = dup
        elif pay is not None:
            u, bill, amount, attempts = pay
            req = {"op": "hpf.unit.pay", "request_id": phase.rid(c, f"{tag}pay"), "as_of": fmt(phase.tick()),
                   "args": {"unit_code": u, "bill_id": bill, "amount": amount}}
        else:
            req = None
            x = rng.random()
            as_of = phase.tick()
            if x < 0.25:
                u = rng.choice(phase.hot)
                with phase.lock:
                    m = phase.due[u]
                if m <= as_of.strftime("%Y-%m"):
                    req = {"op": "hpf.unit.verify_remittance", "request_id": phase.rid(c, f"{tag}vr"),
                           "as_of": fmt(as_of), "args": {"unit_code": u, "month": m}}
            if req is None:
                acct = rng.choice(phase.accounts)
                phone = f"13{rng.randint(0, 999999999):09d}"
                if x < 0.6:
                    req = {"op": "hpf.change_phone", "request_id": phase.rid(c, f"{tag}ph"), "as_of": fmt(as_of),
                           "args": {"account_no": acct, "phone": phone}}
                else:
                    args = {"account_no": acct, "reason": "单位申报信息变更"}
                    if rng.random() < 0.5:
                        args["phone"] = phone
                    else:
                        args["name"] = person_name(rng.randint(0, 7_999_999))
                    req = {"op": "hpf.account.change", "request_id": phase.rid(c, f"{tag}ch"),
                           "as_of": fmt(as_of), "args": args}
            if phase.n_clients > 1 and rng.random() < 0.05:
                with phase.lock:
                    phase.dups.append((req, c))
        for attempt in range(4):  # a STORE_ERROR is sent again with its request_id (postgresql.md), counted
            t0 = time.perf_counter()
            resp = engine.send(req)
            took = time.perf_counter() - t0
            if resp.get("request_id") != req["request_id"]:
                raise Failed(f"answer to {req['request_id']} names {resp.get('request_id')}")
            with phase.lock:
                phase.latencies.append(took)
                phase.sent.setdefault(req["request_id"], []).append(resp)
                err = resp.get("error")
                if store_error(resp):
                    phase.store_errors.append((req, resp))
                elif err is not None and not (err["code"] == "REQ_BAD_VALUE" and err.get("field") == "as_of"):
                    phase.errors.append((req, resp))
            if not store_error(resp):
                break
        if store_error(resp):
            with phase.lock:
                phase.given_up += 1
        if dup is not None:
            continue
        if req["op"] == "hpf.unit.verify_remittance":
            u, m = req["args"]["unit_code"], req["args"]["month"]
            codes = {v["code"] for v in resp.get("violations") or []}
            with phase.lock:
                if (resp["ok"] or "HPF_REMIT_ALREADY_VERIFIED" in codes) and phase.due[u] == m:
                    phase.due[u] = next_month(m)
            if resp["ok"]:
                pay = (u, resp["result"]["bill_id"], resp["result"]["amount_due"], 0)
        elif req["op"] == "hpf.unit.pay":
            u, bill, amount, attempts = pay
            refused = resp.get("error") is not None
            pay = (u, bill, amount, attempts + 1) if refused and attempts < 3 else None


def run_phase(exe, uri, n, requests, start, hot, accounts, due, seed, tag):
    phase = Phase(n, requests, start, add_months(start, MONTHS_PER_PHASE) - start, hot, accounts, due, seed)
    engines = [Engine(exe, uri) for _ in range(n)]
    for e in engines:  # every connection open (and the schema checked) before the clock starts
        e.send({"op": "journal.list", "args": {"after": 0, "limit": 1}})
    failures = []

    def body(c):
        try:
            client(phase, c, engines[c], random.Random(seed * 1000 + c), tag)
        except Exception as e:  # noqa: BLE001 - reported below
            failures.append(f"client {c}: {e!r}")

    threads = [threading.Thread(target=body, args=(c,)) for c in range(n)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0
    retries = {"serialization": 0, "deadlock": 0, "unique": 0, "other": 0}
    for e in engines:
        for k, v in e.close().items():
            retries[k] = retries.get(k, 0) + v
    if failures:
        raise Failed("; ".join(failures))
    return phase, wall, retries


# ------------------------------------------------------------------------------------------------ main

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--build-dir", default=os.path.join(ROOT, "build", "release"))
    ap.add_argument("--units", type=int, default=10000)
    ap.add_argument("--accounts-per-unit", type=int, default=100)
    ap.add_argument("--clients", default="1,4,16,64")
    ap.add_argument("--requests", type=int, default=1000, help="requests per client count (fixed count)")
    ap.add_argument("--hot-units", type=int, default=8)
    ap.add_argument("--loaders", type=int, default=3)
    ap.add_argument("--seed", type=int, default=20)
    a = ap.parse_args()
    exe = os.path.join(a.build_dir, "provident")
    if not os.access(exe, os.X_OK):
        sys.exit(f"pg_clients.py: no provident in {a.build_dir} (cmake --build --preset release --target provident_cli)")
    clients = [int(x) for x in a.clients.split(",")]
    if a.units < a.hot_units or a.units * a.accounts_per_unit > 7_000_000:
        sys.exit("pg_clients.py: --units must be at least --hot-units, and at most 7,000,000 accounts")
    cpu = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")), "?")
    print(f"machine: {cpu}, {os.cpu_count()} cores; profile {PROFILE}; "
          f"{a.units} units x {a.accounts_per_unit} accounts = {a.units * a.accounts_per_unit} accounts")

    pg = start_server()
    failed = []
    try:
        pg.createdb("bench")
        uri = pg.uri("bench")
        version = pg.psql("SHOW server_version", "bench").strip()
        print(f"PostgreSQL {version}; fsync on, synchronous_commit on (the load: synchronous_commit off)")
        with tempfile.TemporaryDirectory(prefix="pvd-pgbench-") as tmp:
            accounts, sent, took, lretries, lagain, lerrors = load(exe, uri, a.units, a.accounts_per_unit, a.loaders,
                                                                  tmp)
        n_acc = a.units * a.accounts_per_unit
        print(f"load: {a.units} units, {n_acc} accounts by {a.loaders} processes in {took:.1f} s "
              f"({n_acc / took:.0f} accounts/s); store retries {json.dumps(lretries)}; "
              f"{lagain} requests answered STORE_ERROR and sent again with their request_id")
        for req, resp in lerrors:
            print(f"  first STORE_ERROR: {req['op']} {req['request_id']} ({len(req['args'].get('rows', []))} rows) -> "
                  f"{json.dumps(resp['error'], ensure_ascii=False)}")
        last = check_journal(exe, uri, 0, sent, "load")
        _, vt = verify_store(exe, uri)
        print(f"load checked: {len(sent)} requests journaled once each; store.verify ok ({vt:.1f} s)")

        rng = random.Random(a.seed)
        hot = sorted(rng.sample(sorted(accounts), a.hot_units))
        due = {u: "2025-09" for u in hot}
        every = [x for u in sorted(accounts) for x in accounts[u]]
        print(f"\n{a.requests} requests per client count; {a.hot_units} busy units; clock {MONTHS_PER_PHASE} months "
              f"per phase from {fmt(RUN_START)}")
        head = (f"{'clients':>7} {'cmd/s':>8} {'p50 ms':>7} {'p99 ms':>7} {'ok':>6} {'denied':>6} {'refused':>7} "
                f"{'replayed':>8} {'remit':>5} {'st.err':>6} {'gave up':>7} {'serializ':>8} {'deadlock':>8} {'unique':>6} {'other':>5}")
        print(head)
        for k, n in enumerate(clients):
            start = add_months(RUN_START, MONTHS_PER_PHASE * k)
            phase, wall, retries = run_phase(exe, uri, n, a.requests, start, hot, every, due, a.seed + k, f"p{n}-")
            resps = [r for rs in phase.sent.values() for r in rs]
            ok = sum(1 for r in resps if r["ok"])
            denied = sum(1 for r in resps if not r["ok"] and r.get("error") is None)
            refused = sum(1 for r in resps if r.get("error") is not None and r["error"]["code"] == "REQ_BAD_VALUE"
                          and r["error"].get("field") == "as_of")
            replayed = sum(1 for r in resps if r.get("replayed"))
            remits = sum(1 for r in resps if r["ok"] and r["op"] == "hpf.unit.pay" and not r.get("replayed"))
            lat = sorted(phase.latencies)
            p50 = statistics.median(lat) * 1000
            p99 = lat[min(len(lat) - 1, int(round(0.99 * (len(lat) - 1))))] * 1000
            row = (f"{n:>7} {len(lat) / wall:>8.1f} {p50:>7.1f} {p99:>7.1f} {ok:>6} {denied:>6} {refused:>7} "
                   f"{replayed:>8} {remits:>5} {len(phase.store_errors):>6} {phase.given_up:>7} {retries['serialization']:>8} {retries['deadlock']:>8} "
                   f"{retries['unique']:>6} {retries['other']:>5}")
            print(row, flush=True)
            for req, resp in phase.store_errors[:1]:
                print(f"  first STORE_ERROR: {json.dumps(req, ensure_ascii=False)} -> "
                      f"{json.dumps(resp['error'], ensure_ascii=False)}")
            if phase.errors:
                failed.append(f"{n} clients: {len(phase.errors)} errors other than the as_of refusal, e.g. "
                              f"{json.dumps(phase.errors[0][0], ensure_ascii=False)} -> "
                              f"{json.dumps(phase.errors[0][1], ensure_ascii=False)[:1500]}")
            if len(lat) != a.requests + len(phase.store_errors) - phase.given_up:
                failed.append(f"{n} clients: {len(lat)} answers for {a.requests} requests")
            try:
                last = check_journal(exe, uri, last, phase.sent, f"{n} clients")
                verify_store(exe, uri)
            except Failed as e:
                failed.append(str(e))
        print("\ncmd/s: answers per second of wall time; p50/p99: send -> response line; ok/denied: answered "
              "(journaled); refused: as_of older than the latest applied request of the account or unit "
              "(not journaled); replayed: a duplicate answered from the journal; remit: bills paid (one unit's "
              "month, every account credited); st.err: STORE_ERROR answers (each request sent again with its "
              "request_id, not in the other counts; its latency is in the percentiles); gave up: requests answered "
              "STORE_ERROR four times in a row (not journaled, checked); retries: the store's, summed over the clients' --stats lines")
    except Failed as e:
        failed.append(str(e))
    finally:
        pg.stop()
        pg.cleanup()
    if failed:
        print("checks: FAILED\n" + "\n".join(failed), file=sys.stderr)
        return 1
    print("checks: ok (after the load and after each client count: every acknowledged request journaled once and "
          "answered once, the others replays; no request answered only by errors journaled; nothing else journaled; "
          "store.verify without replay: balances equal ledgers, no month paid twice, …)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
