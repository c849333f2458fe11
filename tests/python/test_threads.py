"""Threads: one engine shared by many threads gives the sequential answers, and the long calls
(batches, execute) release the GIL so that other Python threads keep running (ctest label: threads)."""

import datetime as dt
import json
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

import provident

AS_OF = dt.date(2025, 7, 1)
REQUESTS = [
    {"op": "pension.min_months", "args": {"retirement_month": "2033-04"}},
    {"op": "hpf.deposit", "args": {"base": "2690", "employer_rate": "7%", "employee_rate": "7%", "month": "2025-07"}},
    {"op": "si.late_fee", "args": {"amount": "10000", "due_date": "2026-03-15", "paid_date": "2026-04-14"}},
    {"op": "pension.retirement", "as_of": "2025-01-01T00:00:00", "args": {"birth_date": "1971-05-20", "category": "M60"}},
    {"op": "no.such.op"},
]


def population(seed: int, n: int):
    rng = np.random.default_rng(seed)
    return dict(base=rng.integers(0, 5_000_000, n, dtype=np.int64),
                er=rng.integers(50_000, 120_001, n, dtype=np.int64),
                births=rng.integers(1970 * 12, 2000 * 12, n, dtype=np.int64),
                cats=rng.integers(1, 4, n, dtype=np.int64),
                due=rng.integers(15_000, 20_000, n, dtype=np.int64))


def work(engine: provident.Engine, seed: int):
    p = population(seed, 20_000)
    dep = engine.hpf_deposit_batch(p["base"], p["er"], p["er"], AS_OF)
    ret = engine.retirement_batch(p["births"], p["cats"], dt.date(2025, 1, 1))
    mm = engine.min_months_batch(ret)
    fee = engine.late_fee_batch(p["base"], p["due"], p["due"] + 45)
    answers = [json.dumps(engine.execute(r), sort_keys=True) for r in REQUESTS]
    typed = engine.hpf_deposit("2690", "7%", "7%", month="2025-07")
    return [dep[0].tolist(), dep[1].tolist(), ret.tolist(), mm.tolist(), fee.tolist(), answers, typed]


def test_many_threads_one_engine_same_answers():
    engine = provident.Engine()
    seeds = list(range(16))
    expected = {s: work(engine, s) for s in seeds}
    with ThreadPoolExecutor(max_workers=8) as pool:
        for _ in range(2):
            got = dict(zip(seeds, pool.map(lambda s: work(engine, s), seeds)))
            assert got == expected


def test_close_while_other_threads_run():
    engine = provident.Engine()
    p = population(1, 200_000)
    errors = []

    def run():
        try:
            for _ in range(20):
                engine.late_fee_batch(p["base"], p["due"], p["due"] + 45)
        except provident.Error as e:
            errors.append(e)  # "the engine is closed" once close() has run: never a crash

    threads = [threading.Thread(target=run) for _ in range(4)]
    for t in threads:
        t.start()
    time.sleep(0.05)
    engine.close()
    for t in threads:
        t.join()
    assert all("closed" in str(e) for e in errors)


def longest_pause_of_main_thread(call):
    """Runs `call` in a thread; returns (duration of the call, longest pause of this thread meanwhile).

    If the call held the GIL, this thread could not run for its whole duration."""
    done = threading.Event()
    span = {}

    def worker():
        span["start"] = time.perf_counter()
        call()
        span["end"] = time.perf_counter()
        done.set()

    t = threading.Thread(target=worker)
    ticks = []
    t.start()
    while not done.is_set():
        ticks.append(time.perf_counter())
    t.join()
    inside = [x for x in ticks if span["start"] <= x <= span["end"]]
    points = [span["start"], *inside, span["end"]]
    return span["end"] - span["start"], max(b - a for a, b in zip(points, points[1:]))


# The GIL tests below decide only on calls long enough to tell a released GIL from a held one: each
# call's work is scaled until one call takes at least this long on the machine at hand (the ASan
# build is several times slower than the default one, a loaded machine slower still).
MIN_CALL_SECONDS = 0.3


def timed(call, clock=time.perf_counter) -> float:
    t0 = clock()
    call()
    return clock() - t0


def scaled(make, start: int, limit: int, clock=time.perf_counter):
    """make(n) -> a call doing n units of work. Returns (call, n, seconds): n grown (at most to
    `limit`) until one call takes MIN_CALL_SECONDS on `clock` (wall time by default, or the calling
    thread's CPU time); fails the test if even `limit` is too little."""
    n = start
    while True:
        call = make(n)
        call()  # warm up: page the arrays in
        seconds = timed(call, clock)
        if seconds >= MIN_CALL_SECONDS:
            return call, n, seconds
        assert n < limit, f"{n} units take only {seconds:.3f} s here: raise the limit so that the test can decide"
        n = min(limit, max(2 * n, int(n * 1.5 * MIN_CALL_SECONDS / max(seconds, 1e-6))))


def deposit_batch(n: int):
    engine = provident.Engine()
    base = np.full(n, 300_000, dtype=np.int64)
    base[0] = 9_300_000_000_000  # beyond INT64_MAX / 10^6: its block takes the exact 128-bit path, the rest the kernel

    def call():
        er, ee = engine.hpf_deposit_batch(base, 70_000, 70_000, AS_OF)  # scalar rates: one array in, two out
        assert er[1] == ee[1] == 21_000 and er.size == n
    return call


def late_fee_batch(n: int):
    engine = provident.Engine()
    principal = np.full(n, 1_000_000, dtype=np.int64)
    due = np.full(n, 20_000, dtype=np.int64)
    paid = due + np.arange(n, dtype=np.int64) % 3000

    def call():
        fee = engine.late_fee_batch(principal, due, paid)
        assert fee[0] == 0 and fee.size == n
    return call


_CHECK = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def citizen_id(i: int) -> str:
    """The i-th of 900 valid citizen IDs per birth day from 1990-01-01 (GB 11643 check digit)."""
    body = "110105" + (dt.date(1990, 1, 1) + dt.timedelta(days=i // 900)).strftime("%Y%m%d") + "%03d" % (100 + i % 900)
    return body + "10X98765432"[sum(int(c) * w for c, w in zip(body, _CHECK)) % 11]


def open_accounts_json(n: int):
    """One stateless request opening n accounts at once (its rows are checked one by one)."""
    engine = provident.Engine("taiyuan")
    unit = {"unit_code": "E1", "name": "某公司", "credit_code": "91410200MA4F234563", "scheme": "hpf",
            "kind": "employer", "profile": "taiyuan", "status": "active", "bank": "CCB",
            "employer_rate": "0.12", "employee_rate": "0.12", "suspense_balance": "0.00"}
    rows = [{"name": f"职工{i}", "id_number": citizen_id(i), "base": "5000.00"} for i in range(n)]
    request = json.dumps({"op": "hpf.unit.open_accounts", "as_of": "2026-01-05T10:00:00",
                          "args": {"unit_code": "E1", "rows": rows}, "facts": {"units": [unit]}}, ensure_ascii=False)

    def call():
        response = engine.execute_json(request)
        assert response.startswith('{"ok":true,'), response[:300]
    return call


# name: (make, first n, largest n). 32M int64 rows are 256 MB an array; a JSON batch holds at most
# 100,000 rows (protocol.md §1.3).
WORK = {
    # The kernel's rows are cheap (bench_batch: 300 M rows/s and more): up to 128 M rows (3 GiB of arrays).
    "hpf_deposit_batch": (deposit_batch, 2_000_000, 128_000_000),
    "late_fee_batch": (late_fee_batch, 500_000, 32_000_000),
    "execute_json": (open_accounts_json, 2_000, 100_000),
}


@pytest.mark.parametrize("name", sorted(WORK))
def test_gil_released(name):
    call, n, seconds = scaled(*WORK[name])
    duration, pause = longest_pause_of_main_thread(call)
    # With the GIL held, this thread would pause for the whole call.
    assert pause < duration / 2, f"{name} ({n} units): call {duration:.3f} s, main thread paused {pause:.3f} s"


def test_two_threads_compute_their_batches_at_once():
    """Two threads running a batch each compute side by side: neither the GIL nor a lock inside the
    engine makes one wait for the other.

    Measured on the threads' own CPU clocks, which a loaded machine slows down for both alike. This
    thread reads both clocks every few milliseconds; over windows of at most 0.1 s, the time both
    threads computed together is the smaller of their two advances, summed over the windows. It must
    be at least 30% of a batch's CPU time: side by side it was 46% to 81% in 15 runs on this
    project's machine (2 cores, AMD EPYC) at a load average of 11.8. With the GIL held through a
    batch (or a lock), the other thread's clock stands still while one computes, and this thread
    cannot read the clocks at all: each batch (at least 0.3 s of CPU, so longer on the wall) falls
    into one gap between readings, longer than any window, and the sum is 0. (Wall-clock speed-up
    measures the machine's load as much as the engine: with the GIL held on purpose, two threads took
    from 0.52 to 1.74 times the serial time on that loaded machine.)"""
    call, n, _ = scaled(*WORK["late_fee_batch"], clock=time.thread_time)
    clocks, spent, errors = {}, {}, []
    ready = threading.Barrier(3)
    finished = [threading.Event(), threading.Event()]
    leave = threading.Event()

    def worker(k):
        clocks[k] = time.pthread_getcpuclockid(threading.get_ident())
        ready.wait()
        try:
            t0 = time.thread_time()
            call()
            spent[k] = time.thread_time() - t0
        except BaseException as e:
            errors.append(e)
        finally:
            finished[k].set()
        leave.wait()  # the clock of a thread that has ended cannot be read

    def read():
        return time.perf_counter(), time.clock_gettime(clocks[0]), time.clock_gettime(clocks[1])

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(2)]
    for t in threads:
        t.start()
    ready.wait()
    samples = [read()]
    while not all(f.is_set() for f in finished):
        time.sleep(0.002)
        samples.append(read())
    leave.set()
    for t in threads:
        t.join()
    assert not errors, errors
    together, i = 0.0, 0
    while i < len(samples) - 1:
        j = i
        while j + 1 < len(samples) and samples[j + 1][0] - samples[i][0] <= 0.1:
            j += 1
        if j == i:  # a gap longer than a window: nothing is counted across it
            i += 1
            continue
        together += min(samples[j][1] - samples[i][1], samples[j][2] - samples[i][2])
        i = j
    batch = min(spent.values())
    assert together >= 0.3 * batch, (f"two threads computed together for {together:.3f} s of CPU; "
                                     f"a batch ({n} rows) takes {batch:.3f} s ({len(samples)} readings)")
