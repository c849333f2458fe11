#!/usr/bin/env python3
"""The throw-away PostgreSQL cluster of the tests does what pg_cluster.py says (ctest postgres.cluster):
it starts, a database is made and answers through the URI's socket, a committed row survives an immediate
(crash-like) stop and the restart, its folder is gone after the clean-up, a server that cannot start raises
with its log's tail, and a harness killed with SIGKILL leaves no server behind (the watchdog)."""
import os
import signal
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pg_cluster import Cluster, ClusterError  # noqa: E402

failures = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what, flush=True)
    if not cond:
        failures.append(what)


def server_pids(folder):
    """Processes whose command line names the folder (the postmaster's -D)."""
    out = []
    for pid in os.listdir("/proc"):
        if pid.isdigit():
            try:
                with open(f"/proc/{pid}/cmdline", "rb") as fh:
                    if folder.encode() in fh.read():
                        out.append(int(pid))
            except OSError:
                pass
    return out


t0 = time.monotonic()
with Cluster() as pg:
    up = time.monotonic() - t0
    print(f"initdb {pg.initdb_in:.2f} s, start {pg.started_in:.2f} s: {up:.2f} s in all")
    folder = pg.dir
    check(len(folder) + len("/.s.PGSQL.5432") <= 107, "the socket path fits in sun_path")
    check(os.path.exists(os.path.join(folder, ".s.PGSQL.5432")), "the socket is in the cluster's folder")
    check(pg.psql("SHOW listen_addresses").strip() == "", "no TCP listener (listen_addresses is empty)")
    check(pg.psql("SHOW server_encoding").strip() == "UTF8", "UTF8 encoding")
    check(pg.psql("SHOW lc_collate").strip() == "C", "C collation")
    uri = pg.createdb("t_one")
    check(uri == f"postgresql:///t_one?host={folder}&user=postgres", "uri() is the libpq URI with the socket folder")
    r = subprocess.run([os.path.join(pg.bindir, "psql"), "-X", "-A", "-t", "-c", "SELECT current_database()", uri],
                       stdout=subprocess.PIPE, text=True)
    check(r.stdout.strip() == "t_one", "the URI reaches the new database")
    r = subprocess.run([os.path.join(pg.bindir, "psql"), "-X", "-A", "-t", "-c", "SELECT current_database()",
                        pg.uri_base() + "t_one"], stdout=subprocess.PIPE, text=True)
    check(r.stdout.strip() == "t_one", "uri_base() + a name reaches the database")
    pg.psql("CREATE TABLE t (v text); INSERT INTO t VALUES ('名字')", "t_one")
    pg.stop("immediate")
    check(not pg.running(), "an immediate stop ends the server")
    pg.start()
    check(pg.psql("SELECT v FROM t", "t_one").strip() == "名字", "a committed row survives an immediate stop")
    pg.psql("INSERT INTO t VALUES ('второй')", "t_one")
    pg.crash()
    check(not pg.running(), "crash() ends the server")
    pg.start()
    check(pg.psql("SELECT count(*) FROM t", "t_one").strip() == "2", "a committed row survives crash()")
    took = pg.restart("fast")
    check(pg.running() and took < 30, f"a fast restart ({took:.2f} s)")
    try:
        pg.psql("SELECT * FROM nowhere", "t_one")
        check(False, "psql raises on an SQL error")
    except ClusterError as e:
        check("nowhere" in str(e), "psql raises on an SQL error, naming it")
check(not os.path.exists(folder), "the folder is removed after the with block")
check(not server_pids(folder), "no server process is left")

try:
    with Cluster(settings={"shared_buffers": "nonsense"}) as bad:
        check(False, "a server that cannot start raises")
except ClusterError as e:
    check("invalid value for parameter" in str(e) and "shared_buffers" in str(e),
          "a server that cannot start raises with the log's tail")

# A harness killed outright: the watchdog stops its server and removes the folder.
child = subprocess.Popen([sys.executable, os.path.join(os.path.dirname(os.path.abspath(__file__)), "pg_cluster.py"),
                          "run", "--", sys.executable, "-c",
                          "import os,time; print(os.getpid(), os.environ['PVD_PG_HOST'], flush=True); time.sleep(120)"],
                         stdout=subprocess.PIPE, text=True)
orphan, host = child.stdout.readline().split()
check(os.path.isdir(host) and bool(server_pids(host)), "pg_cluster.py run: PVD_PG_HOST is the running server's folder")
child.send_signal(signal.SIGKILL)
child.wait()
deadline = time.monotonic() + 30
while time.monotonic() < deadline and (os.path.exists(host) or server_pids(host)):
    time.sleep(0.2)
check(not server_pids(host), "SIGKILL of the harness: the watchdog stopped its server")
check(not os.path.exists(host), "SIGKILL of the harness: the watchdog removed the folder")
try:  # the command's own process (sleeping) is an orphan now: end it by its id
    os.kill(int(orphan), signal.SIGKILL)
except OSError:
    pass

print(f"{len(failures)} failures")
sys.exit(1 if failures else 0)
