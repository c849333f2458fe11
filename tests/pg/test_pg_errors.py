#!/usr/bin/env python3
"""`provident exec --db postgresql://…` when the database cannot be had (ctest postgres.cli_errors):
a server that is down and a database that does not exist each end the engine at once with exit status 2,
no response on stdout and a message on stderr that names the database and the cause, with the password
of the URI masked (`***`) in both of its forms (user:password@ and ?password=), never printed.

  test_pg_errors.py PROVIDENT_CLI
"""
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pg_cluster import Cluster  # noqa: E402

cli = sys.argv[1]
failures = []
SECRET = "s3cret%40pw"  # percent-encoded '@': neither form may appear
SHOWN = ("s3cret", "%40pw", "@pw")


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what, flush=True)
    if not cond:
        failures.append(what)


def engine(uri):
    t0 = time.monotonic()
    r = subprocess.run([cli, "exec", "--policy", "taiyuan", "--db", uri], input='{"op":"store.verify"}\n',
                       capture_output=True, text=True, timeout=120)
    return r, time.monotonic() - t0


with Cluster() as pg:
    pg.createdb("present")
    forms = {
        "user:password@": lambda db: f"postgresql://postgres:{SECRET}@/{db}?host={pg.dir}",
        "?password=": lambda db: f"postgresql:///{db}?host={pg.dir}&user=postgres&password={SECRET}",
    }
    for form, uri in forms.items():
        r, took = engine(uri("present"))
        check(r.returncode == 0 and r.stdout.startswith('{"ok":true,"op":"store.verify"'),
              f"{form}: the URI with a password opens the store (trust ignores the password)")

        r, took = engine(uri("absent"))
        check(r.returncode == 2, f"{form}, no such database: exit status 2 (got {r.returncode})")
        check(r.stdout == "", f"{form}, no such database: no response on stdout")
        check('database "absent" does not exist' in r.stderr, f"{form}, no such database: stderr says so")
        check("***" in r.stderr and not any(s in r.stderr for s in SHOWN),
              f"{form}, no such database: the password is masked: {r.stderr.strip()[:160]!r}")

    pg.stop("fast")
    for form, uri in forms.items():
        r, took = engine(uri("present"))
        check(r.returncode == 2 and took < 30, f"{form}, server down: exit status 2 at once "
                                               f"(got {r.returncode} in {took:.1f} s)")
        check(r.stdout == "", f"{form}, server down: no response on stdout")
        check("present" in r.stderr and pg.dir in r.stderr, f"{form}, server down: stderr names the database")
        check("***" in r.stderr and not any(s in r.stderr for s in SHOWN),
              f"{form}, server down: the password is masked: {r.stderr.strip()[:160]!r}")
    pg.start()

print(f"{len(failures)} failures")
sys.exit(1 if failures else 0)
