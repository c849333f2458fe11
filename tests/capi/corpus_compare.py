#!/usr/bin/python3
"""The shared case corpus through the CLI and through the C ABI, byte for byte.

Every story tests/cases/**/*.jsonl (format: tests/cases/README.md) runs on a
fresh `provident exec` and a fresh `capi_exec` (pvd_engine_execute) at the same
time, step by step, with the same engine options; every response line must be
identical, byte for byte. Each story runs in the corpus's two modes:
stateless (`"$state"` members replaced by the previous response's `state`) and
store (the chained facts dropped, `stateless_only` steps skipped, each on its
own SQLite file; every request with a request_id is sent twice, so the
replayed answers are compared too, and `store.verify` ends the story). Then a fixed list of raw
lines that no story can hold (invalid UTF-8, NUL, CR, blank lines, duplicate
keys, not JSON) goes through both.

This checks identity only; whether the answers are the expected ones is the
corpus runner's job (tests/cases/run_corpus.py).

  corpus_compare.py --cli "build/x/provident exec" --capi build/x/tests/capi/capi_exec [--root tests/cases]
"""
import argparse
import json
import os
import shlex
import subprocess
import sys
import tempfile


def story_files(root):
    out = []
    for dirpath, _, files in os.walk(root):
        for f in files:
            if f.endswith(".jsonl"):
                out.append(os.path.join(dirpath, f))
    return sorted(out)


def parse_story(path):
    engine_opts, steps = {}, []
    with open(path, encoding="utf-8") as fh:
        for no, line in enumerate(fh, 1):
            text = line.strip()
            if not text:
                continue
            if text.startswith("#"):
                if text.startswith("# engine:"):
                    engine_opts = json.loads(text[len("# engine:"):])
                continue
            step = json.loads(text)
            if "request" not in step:
                raise SystemExit(f"{path}:{no}: a step needs 'request'")
            steps.append((no, step))
    return engine_opts, steps


def to_store_mode(request):
    """The same request in store mode: no chained facts (the store holds them)."""
    r = dict(request)
    if r.get("facts") == "$state":
        del r["facts"]
    return r


def substitute(value, state):
    if value == "$state":
        return state if state is not None else {}
    if isinstance(value, dict):
        return {k: substitute(v, state) for k, v in value.items()}
    if isinstance(value, list):
        return [substitute(v, state) for v in value]
    return value


class Surface:
    """A JSON-lines program, driven one line at a time (bytes in, bytes out)."""

    def __init__(self, name, argv):
        self.name = name
        self.proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)

    def send_only(self, line: bytes):
        try:
            self.proc.stdin.write(line + b"\n")
            self.proc.stdin.flush()
        except BrokenPipeError:
            pass  # the surface died; ask() reports it

    def ask(self, line: bytes):
        self.send_only(line)
        return self.proc.stdout.readline()  # b"" when the surface died

    def close(self):
        try:
            self.proc.stdin.close()
        except BrokenPipeError:
            pass
        rest = self.proc.stdout.read()
        err = self.proc.stderr.read()
        code = self.proc.wait(timeout=120)
        return rest, err, code


def engine_args(opts, tmpdir, db=None):
    args = ["--db", db] if db else []
    if opts.get("policy"):
        args += ["--policy", opts["policy"]]
    if opts.get("lenient"):
        args += ["--lenient"]
    if opts.get("overlay"):
        path = os.path.join(tmpdir, "overlay.toml")
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(opts["overlay"])
        args += ["--overlay", path]
    return args


def describe(b: bytes):
    return b.decode("utf-8", errors="replace").rstrip("\n")


def run_pair(cli, capi, extra, lines_fn, extra_b=None):
    """Starts both surfaces, feeds them with lines_fn(ask) and compares."""
    a = Surface("cli", shlex.split(cli) + extra)
    b = Surface("capi", shlex.split(capi) + (extra if extra_b is None else extra_b))
    problems = []
    count = 0
    all_ok = True  # every response ok: both must exit 0, else 1 (protocol.md §4)

    def ask(line: bytes, label: str):
        nonlocal count, all_ok
        ra, rb = a.ask(line), b.ask(line)
        count += 1
        if ra.startswith(b"{") and not ra.startswith(b'{"ok":true'):
            all_ok = False
        if not ra or not rb:
            dead = " and ".join(n for n, r in (("cli", ra), ("capi", rb)) if not r)
            problems.append(f"{label}: no response from {dead} (the process died on this line)")
            return None
        if ra != rb:
            problems.append(f"{label}: responses differ\n  cli : {describe(ra)}\n  capi: {describe(rb)}")
        return ra

    def send_only(line: bytes):
        a.send_only(line)
        b.send_only(line)

    try:
        lines_fn(ask, send_only)
    finally:
        ra, ea, ca = a.close()
        rb, eb, cb = b.close()
    if ra != rb:
        problems.append(f"trailing output differs\n  cli : {describe(ra)}\n  capi: {describe(rb)}")
    want = 0 if all_ok else 1
    if ca != want or cb != want:
        problems.append(f"exit status cli {ca}, capi {cb} (both must be {want}: "
                        f"{'every' if all_ok else 'not every'} response ok)\n  cli stderr: {describe(ea)[:400]}\n"
                        f"  capi stderr: {describe(eb)[:400]}")
    return count, problems


# Lines no story can hold: each must get the same answer from both surfaces.
RAW_LINES = [
    b'{"op":"pension.min_months","as_of":"2026-01-01T00:00:00","args":{"retirement_month":"2033-04"}}',
    b'{"op":"pension.min_months","as_of":"2026-01-01T00:00:00","args":{"retirement_month":"2033-04"}}\r',
    b'not json',
    b'{"op":"id.parse","as_of":"2026-01-01T00:00:00","args":{"number":"\xff\xfe"}}',
    b'{"op":"id.parse","as_of":"2026-01-01T00:00:00","args":{"number":"\xc0\xae"}}',
    b'{"op":"id.parse","as_of":"2026-01-01T00:00:00","args":{"number":"\xed\xa0\x80"}}',
    b'{"op":"id.parse","as_of":"2026-01-01T00:00:00","args":{"number":"\x00"}}',
    b'{"op":"id.parse","as_of":"2026-01-01T00:00:00","args":{"number":"1"}}\x00 trailing',
    b'{"op":"id.parse","as_of":"2026-01-01T00:00:00","args":{"number":"\xe5\xa4\xaa\xe5\x8e\x9f"}}',
    b'{"op":"id.parse","op":"id.parse"}',
    b'{"op":"no.such.op","args":{}}',
    b'[]',
    b'"a string"',
    b'{"op":"hpf.deposit","as_of":"2026-07-03T10:00:00","args":{"base":"NaN","employer_rate":"7%","employee_rate":"7%"}}',
    b'{"op":"hpf.deposit","as_of":"2026-07-03T10:00:00","args":{"base":1e400,"employer_rate":"7%","employee_rate":"7%"}}',
    b'{"op":"hpf.deposit","as_of":"2026-07-03T10:00:00","explain":true,"args":{"base":"2690","employer_rate":"7%","employee_rate":"7%"}}',
    b'{"op":"hpf.flex.remit","request_id":"r-1","as_of":"2026-07-03T10:00:00","args":{"account_no":"A0001"}}',
    b'{"op":"hpf.flex.remit","as_of":"2026-07-03T10:00:00","args":{"account_no":"A0001"},"facts":{}}',
    b'{"op":"pension.retirement","as_of":"2026-01-01T00:00:00","args":{"id_number":"11010519491231002X","category":"F55"}}',
]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", required=True, help='command of the CLI surface, e.g. "build/provident exec"')
    ap.add_argument("--capi", required=True, help="command of capi_exec")
    ap.add_argument("--root", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "cases"))
    args = ap.parse_args()

    all_problems = []
    total = 0
    files = story_files(args.root)
    if not files:
        print(f"no stories under {args.root}: nothing compared")
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        for path in files:
            opts, steps = parse_story(path)
            rel = os.path.relpath(path, args.root)

            def feed_stateless(ask, send_only, steps=steps, rel=rel):
                state = None
                for no, step in steps:
                    line = json.dumps(substitute(step["request"], state), ensure_ascii=False).encode("utf-8")
                    got = ask(line, f"{rel}:{no} (stateless)")
                    if got is None:
                        return
                    response = json.loads(got)
                    if response.get("state") is not None:
                        state = response["state"]

            def feed_store(ask, send_only, steps=steps, rel=rel):
                state = None
                for no, step in steps:
                    if step.get("stateless_only"):
                        continue
                    request = substitute(to_store_mode(step["request"]), state)
                    line = json.dumps(request, ensure_ascii=False).encode("utf-8")
                    got = ask(line, f"{rel}:{no} (store)")
                    if got is None:
                        return
                    response = json.loads(got)
                    if response.get("state") is not None:
                        state = response["state"]
                    # The same request again: a command replays its stored
                    # response; anything else answers the same again.
                    if request.get("request_id") and ask(line, f"{rel}:{no} (store, again)") is None:
                        return
                ask(b'{"op":"store.verify"}', f"{rel} (store.verify)")

            n, problems = run_pair(args.cli, args.capi, engine_args(opts, tmp), feed_stateless)
            total += n
            all_problems += problems
            db_a = os.path.join(tmp, "cli.sqlite")
            db_b = os.path.join(tmp, "capi.sqlite")
            for f in (db_a, db_b):
                for suffix in ("", "-wal", "-shm"):
                    if os.path.exists(f + suffix):
                        os.remove(f + suffix)
            n, problems = run_pair(args.cli, args.capi, engine_args(opts, tmp, db_a), feed_store,
                                   extra_b=engine_args(opts, tmp, db_b))
            total += n
            all_problems += problems

        # Each raw line on a fresh pair, so that a surface dying on one line
        # (a bug) is reported for that line and does not hide the others.
        for i, line in enumerate(RAW_LINES):
            n, problems = run_pair(args.cli, args.capi, [], lambda ask, send_only, line=line, i=i: ask(line, f"raw line {i} {line[:60]!r}"))
            total += n
            all_problems += problems

        def feed_blank(ask, send_only):
            # One output line per input line: a blank line an empty line, a
            # comment line itself; then the next request's response.
            for line, want in ((b"", b"\n"), (b" \t ", b"\n"), (b"\r", b"\n"), (b"# a comment", b"# a comment\n"),
                               (b"  # indented", b"  # indented\n")):
                got = ask(line, f"blank or comment line {line!r}")
                if got is not None and got != want:
                    all_problems.append(f"blank or comment line {line!r}: answered {got!r}, not {want!r}")
            ask(RAW_LINES[0], "after blank lines")

        n, problems = run_pair(args.cli, args.capi, [], feed_blank)
        total += n
        all_problems += problems

    for p in all_problems:
        print(p)
    print(f"{len(files)} stories (stateless and store) + {len(RAW_LINES) + 1} raw lines, {total} responses compared: "
          + ("identical" if not all_problems else f"{len(all_problems)} differences"))
    return 1 if all_problems else 0


if __name__ == "__main__":
    sys.exit(main())
