#!/usr/bin/env python3
"""Run the shared case corpus (tests/cases/**/*.jsonl) through one surface.

A surface is any program that reads one JSON request per line on stdin and
writes one JSON response per line on stdout (`provident exec`, `capi_exec`,
`python3 -m provident exec`). Each story file runs on a fresh process.

  run_corpus.py --surface "build/default/provident exec" [--record DIR]
  run_corpus.py --compare DIR_A DIR_B
  run_corpus.py --surface "build/default/provident exec" --mode store --retry --postgres
      every story on its own fresh database of a PostgreSQL cluster that the run
      starts (tests/pg/pg_cluster.py), and again on a fresh SQLite file: every
      response on PostgreSQL must be byte for byte the one on SQLite.
"""
import argparse
import json
import os
import re
import shlex
import tempfile
from pathlib import Path
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def story_files(root):
    out = []
    for dirpath, _, files in os.walk(root):
        for f in files:
            if f.endswith(".jsonl"):
                out.append(os.path.join(dirpath, f))
    return sorted(out)


def parse_story(path, _seen=()):
    """(engine options, steps) of a story; a `# after: <story>` line (a path
    under tests/cases/) runs that story's steps first, with its engine options
    unless this story names its own."""
    engine_opts = None
    steps = []
    with open(path, encoding="utf-8") as fh:
        for no, line in enumerate(fh, 1):
            text = line.strip()
            if not text:
                continue
            if text.startswith("#"):
                if text.startswith("# engine:"):
                    engine_opts = json.loads(text[len("# engine:"):])
                elif text.startswith("# after:"):
                    if steps:
                        raise SystemExit(f"{path}:{no}: '# after:' must come before the steps")
                    first = text[len("# after:"):].strip()
                    first_path = os.path.join(HERE, first)
                    if first_path in _seen or not os.path.isfile(first_path):
                        raise SystemExit(f"{path}:{no}: cannot run {first} first")
                    opts, before = parse_story(first_path, _seen + (first_path,))
                    engine_opts = opts if engine_opts is None else engine_opts
                    steps += [(f"{first}:{n}", step) for n, step in before]
                continue
            try:
                step = json.loads(text)
            except json.JSONDecodeError as e:
                raise SystemExit(f"{path}:{no}: not JSON: {e}")
            if "request" not in step:
                raise SystemExit(f"{path}:{no}: a step needs 'request'")
            steps.append((no, step))
    return engine_opts or {}, steps


# Operations that change no state (calculators and queries): never journaled,
# never replayed. docs/operations.md is generated from the registry and kept
# fresh by a test, so its kind column is the registry's.
def _not_commands():
    table = Path(__file__).resolve().parents[2] / "docs" / "operations.md"
    kinds = re.findall(r"^\| `([a-z_.]+)` \| (\w+) \|", table.read_text(encoding="utf-8"), re.M)
    if not kinds:
        raise SystemExit(f"{table}: no operation table")
    return {op for op, kind in kinds if kind != "command"}


NOT_COMMANDS = _not_commands()


def to_store_mode(request):
    """The same request in store mode: no facts (the store holds them)."""
    r = dict(request)
    if r.get("facts") == "$state":
        del r["facts"]
    return r


def without_state(expect):
    e = dict(expect)
    e.pop("state", None)
    return e


def substitute(value, state):
    if value == "$state":
        return state if state is not None else {}
    if isinstance(value, dict):
        return {k: substitute(v, state) for k, v in value.items()}
    if isinstance(value, list):
        return [substitute(v, state) for v in value]
    return value


def match(expect, actual, path="response"):
    """Returns a list of mismatch descriptions (empty when `actual` satisfies `expect`)."""
    if isinstance(expect, dict):
        if not isinstance(actual, dict):
            return [f"{path}: expected an object, got {json.dumps(actual, ensure_ascii=False)}"]
        out = []
        for k, v in expect.items():
            if k not in actual:
                out.append(f"{path}.{k}: missing")
            else:
                out.extend(match(v, actual[k], f"{path}.{k}"))
        return out
    if isinstance(expect, list) and isinstance(actual, list) and len(expect) == len(actual):
        out = []
        for i, (e, a) in enumerate(zip(expect, actual)):
            out.extend(match(e, a, f"{path}[{i}]"))
        return out
    if expect != actual:
        return [f"{path}: expected {json.dumps(expect, ensure_ascii=False)}, got {json.dumps(actual, ensure_ascii=False)}"]
    return []


def surface_command(surface, engine_opts, tmpdir):
    cmd = shlex.split(surface)
    if engine_opts.get("policy"):
        cmd += ["--policy", engine_opts["policy"]]
    if engine_opts.get("lenient"):
        cmd += ["--lenient"]
    if engine_opts.get("overlay"):
        # A new file for every command: several surfaces start one after the other, and a
        # process still reading the file must not see the next one truncate and rewrite it
        # (bad_input found it: a CLI opened with an empty overlay).
        fd, path = tempfile.mkstemp(prefix="overlay-", suffix=".toml", dir=tmpdir)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(engine_opts["overlay"])
        cmd += ["--overlay", path]
    return cmd


def run_story(surface, path, record_dir, mode="stateless", retry=False, restart=False, db=None):
    """db: the store (`--db`) to run on; by default an in-memory one, or a new file with `restart`."""
    engine_opts, steps = parse_story(path)
    tmpdir = tempfile.mkdtemp(prefix="provident-corpus-")
    command = surface_command(surface, engine_opts, tmpdir)
    if db is None and restart:
        # A database file, and a new process for every step: the story must
        # survive restarts.
        db = os.path.join(tmpdir, "store.sqlite")
    if db is not None:
        command += ["--db", db]

    def start():
        return subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, encoding="utf-8",
                                bufsize=1)

    proc = start()
    failures = []
    raw_lines = []
    state = None
    all_ok = True  # every response of this process ok (protocol.md §4: exit 0, else 1)

    def finish():
        """Ends the process; its exit status must say whether every response was ok."""
        proc.stdin.close()
        code = proc.wait(timeout=60)
        if code != (0 if all_ok else 1):
            failures.append(f"{path}: exit status {code}, where {'every' if all_ok else 'not every'} response "
                            f"was ok (0 when all are ok, 1 when one is not)")

    def send(request):
        nonlocal proc, all_ok
        if restart:
            finish()
            proc = start()
            all_ok = True
        proc.stdin.write(json.dumps(request, ensure_ascii=False) + "\n")
        proc.stdin.flush()
        line = proc.stdout.readline()
        if line and not line.startswith('{"ok":true'):
            all_ok = False
        return line

    try:
        for no, step in steps:
            if mode == "store" and step.get("stateless_only"):
                continue
            request = step["request"]
            expect = step.get("expect", {})
            if mode == "store":
                request = to_store_mode(request)
                expect = without_state(expect)
            request = substitute(request, state)
            line = send(request)
            if not line:
                failures.append(f"{path}:{no}: the surface died (no response)")
                break
            raw_lines.append(line.rstrip("\n"))
            response = json.loads(line)
            if response.get("state") is not None:
                state = response["state"]
            for m in match(expect, response):
                failures.append(f"{path}:{no}: {m}")
            if retry and mode == "store" and request.get("request_id") and request.get("op") not in NOT_COMMANDS \
                    and response.get("error") is None:
                again = json.loads(send(request))
                expected_again = dict(response, replayed=True)
                if again != expected_again:
                    failures.append(f"{path}:{no}: a retry with the same request_id did not replay the stored response: "
                                    f"{json.dumps(again, ensure_ascii=False)[:300]}")
                altered = dict(request, explain=not request.get("explain", False))
                conflict = json.loads(send(altered))
                if (conflict.get("error") or {}).get("code") != "REQ_ID_CONFLICT":
                    failures.append(f"{path}:{no}: reusing request_id {request['request_id']} with other content gave "
                                    f"{json.dumps(conflict, ensure_ascii=False)[:300]}")
        if mode == "store" and proc.poll() is None:
            line = send({"op": "store.verify"})
            verify = json.loads(line) if line else {}
            if not (verify.get("result") or {}).get("ok"):
                failures.append(f"{path}: store.verify after the story: {json.dumps(verify, ensure_ascii=False)[:600]}")
    finally:
        if not proc.stdin.closed:
            finish()
        import shutil
        shutil.rmtree(tmpdir, ignore_errors=True)
    if record_dir is not None:
        rel = os.path.relpath(path, HERE)
        out = os.path.join(record_dir, rel + ".out")
        os.makedirs(os.path.dirname(out), exist_ok=True)
        with open(out, "w", encoding="utf-8") as fh:
            fh.write("\n".join(raw_lines) + "\n")
    return len(steps), failures


def compare(dir_a, dir_b):
    problems = []
    for dirpath, _, files in os.walk(dir_a):
        for f in files:
            a = os.path.join(dirpath, f)
            b = os.path.join(dir_b, os.path.relpath(a, dir_a))
            if not os.path.exists(b):
                problems.append(f"{b}: missing")
                continue
            la = open(a, encoding="utf-8").read().splitlines()
            lb = open(b, encoding="utf-8").read().splitlines()
            for i, (x, y) in enumerate(zip(la, lb), 1):
                if x != y:
                    problems.append(f"{os.path.relpath(a, dir_a)} line {i} differs:\n  {x}\n  {y}")
            if len(la) != len(lb):
                problems.append(f"{os.path.relpath(a, dir_a)}: {len(la)} vs {len(lb)} lines")
    return problems


def run_postgres(args):
    """Every story on a fresh PostgreSQL database and on a fresh SQLite file, in the same mode (--retry or
    --restart); both must pass, and every response line must be the same."""
    import shutil
    import time
    sys.path.insert(0, os.path.join(HERE, "..", "pg"))
    from pg_cluster import Cluster
    files = story_files(args.root)
    work = tempfile.mkdtemp(prefix="provident-corpus-pg-")
    rec_pg = args.record or os.path.join(work, "postgres")
    rec_sqlite = os.path.join(work, "sqlite")
    total_steps, all_failures = 0, []
    spent = {"postgres": 0.0, "sqlite": 0.0}
    try:
        with Cluster() as pg:
            print(f"PostgreSQL cluster up in {pg.initdb_in + pg.started_in:.2f} s (initdb {pg.initdb_in:.2f} s)",
                  flush=True)
            for i, path in enumerate(files):
                t0 = time.monotonic()
                uri = pg.createdb(f"story_{i}")
                n, failures = run_story(args.surface, path, rec_pg, args.mode, args.retry, args.restart, db=uri)
                spent["postgres"] += time.monotonic() - t0
                all_failures += [f"[postgres] {f}" for f in failures]
                total_steps += n
                if n and not pg.tables(f"story_{i}"):
                    all_failures.append(f"[postgres] {path}: the database story_{i} has no tables after the story: "
                                        "the engine did not store on PostgreSQL")
                pg.dropdb(f"story_{i}")
                if args.no_compare_sqlite:
                    continue
                t0 = time.monotonic()
                sqlite_dir = tempfile.mkdtemp(prefix="sqlite-", dir=work)
                _, failures = run_story(args.surface, path, rec_sqlite, args.mode, args.retry, args.restart,
                                        db=os.path.join(sqlite_dir, "store.sqlite"))
                spent["sqlite"] += time.monotonic() - t0
                all_failures += [f"[sqlite] {f}" for f in failures]
        differences = [] if args.no_compare_sqlite else compare(rec_sqlite, rec_pg)
        for d in differences:
            all_failures.append(f"[postgres differs from sqlite] {d}")
        for f in all_failures:
            print(f)
        if args.no_compare_sqlite:
            print(f"PostgreSQL {spent['postgres']:.1f} s; not compared to SQLite")
        else:
            print(f"PostgreSQL {spent['postgres']:.1f} s, SQLite {spent['sqlite']:.1f} s; responses compared to "
                  f"SQLite: {'identical' if not differences else f'{len(differences)} differences'}")
        print(f"{len(files)} stories, {total_steps} steps, {len(all_failures)} failures")
        return 1 if all_failures else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--surface", help="command of a JSON-lines program")
    ap.add_argument("--root", default=HERE, help="corpus folder (default: this folder)")
    ap.add_argument("--record", help="write full responses under this folder")
    ap.add_argument("--compare", nargs=2, metavar=("DIR_A", "DIR_B"))
    ap.add_argument("--mode", choices=["stateless", "store"], default="stateless",
                    help="store: drop the chained facts, let the store hold the state, verify it at the end")
    ap.add_argument("--restart", action="store_true",
                    help="store mode on a database file, with a new process for every step")
    ap.add_argument("--retry", action="store_true",
                    help="store mode: resend every command (must replay) and reuse its id with other content (must conflict)")
    ap.add_argument("--postgres", action="store_true",
                    help="store mode on PostgreSQL: a cluster started by the run, a fresh database for every story; "
                         "every story also runs on a SQLite file and the responses must be identical byte for byte")
    ap.add_argument("--no-compare-sqlite", action="store_true",
                    help="with --postgres: run on PostgreSQL only (the stories' expectations still hold)")
    args = ap.parse_args()
    if args.compare:
        problems = compare(*args.compare)
        for p in problems:
            print(p)
        print(f"compared: {'identical' if not problems else str(len(problems)) + ' differences'}")
        return 1 if problems else 0
    if not args.surface:
        ap.error("--surface or --compare is required")
    if args.postgres:
        if args.mode != "store":
            ap.error("--postgres needs --mode store")
        return run_postgres(args)
    total_steps = 0
    all_failures = []
    files = story_files(args.root)
    for path in files:
        n, failures = run_story(args.surface, path, args.record, args.mode, args.retry, args.restart)
        total_steps += n
        all_failures.extend(failures)
    for f in all_failures:
        print(f)
    print(f"{len(files)} stories, {total_steps} steps, {len(all_failures)} failures")
    return 1 if all_failures else 0


if __name__ == "__main__":
    sys.exit(main())
