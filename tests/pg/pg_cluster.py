#!/usr/bin/env python3
"""A throw-away PostgreSQL server for the tests (issue 20).

    from pg_cluster import Cluster
    with Cluster() as pg:                 # initdb + start, in a new temp folder
        pg.createdb("s1")
        uri = pg.uri("s1")                # postgresql:///s1?host=/tmp/pvd-pg-…&user=postgres
        pg.psql("SELECT 1", "s1")
        pg.stop("immediate"); pg.start()  # an abrupt stop (like a crash), then a restart
    # stopped and removed here, also after an exception

    pg_cluster.py run -- CMD ARGS…        # CMD runs with PVD_PG_HOST and PVD_PG_URI_BASE set
    pg_cluster.py time                    # how long initdb and the start take

The server listens on a Unix socket in its own folder only (listen_addresses
is empty: no TCP port, so several clusters can run side by side), trusts every
local connection as the superuser `postgres`, and runs with fsync off: the
tests stop the server abruptly (`pg_ctl stop -m immediate`) and kill engine
processes, but never the machine, and a committed transaction's WAL has been
written to the kernel before the commit returns, which is what survives a
server crash; fsync only matters when the machine itself goes down
(`--fsync` or Cluster(fsync=True) turns it back on). With fsync on, the start
after a crash also syncs the whole data folder: about 6 s instead of 0.3 s.

The binaries: PVD_PG_BINDIR, else the highest version under
/usr/lib/postgresql/*/bin. When run as root, the folder is given to the
`postgres` user and the server runs as that user (PostgreSQL refuses root);
otherwise as the current user. A server that cannot start is an error with
the tail of its log, never a skipped test.

A watchdog process (started with the server, in its own session) stops the
server and removes the folder when the process that started it dies without
cleaning up (SIGKILL, a ctest time-out), so no server outlives its test.
"""
import atexit
import glob
import os
import pwd
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse

__all__ = ["Cluster", "ClusterError", "find_bindir"]


class ClusterError(RuntimeError):
    pass


def find_bindir():
    """PVD_PG_BINDIR, else the highest /usr/lib/postgresql/<version>/bin that has initdb."""
    env = os.environ.get("PVD_PG_BINDIR")
    if env:
        if not os.path.isfile(os.path.join(env, "initdb")):
            raise ClusterError(f"PVD_PG_BINDIR={env} has no initdb")
        return env
    found = []
    for d in glob.glob("/usr/lib/postgresql/*/bin"):
        m = re.search(r"/postgresql/(\d+)(?:\.(\d+))?/bin$", d)
        if m and os.path.isfile(os.path.join(d, "initdb")):
            found.append(((int(m.group(1)), int(m.group(2) or 0)), d))
    if not found:
        raise ClusterError("no PostgreSQL server binaries: no /usr/lib/postgresql/*/bin/initdb and no PVD_PG_BINDIR "
                           "(Debian: apt-get install postgresql; scripts/setup installs it)")
    return max(found)[1]


def _tail(path, lines=30):
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            return "".join(fh.readlines()[-lines:])
    except OSError as e:
        return f"(no log: {e})"


class Cluster:
    """One PostgreSQL cluster in a temp folder: start(), createdb(), uri(), psql(), stop(), restart(), cleanup()."""

    def __init__(self, fsync=False, bindir=None, settings=None):
        self.bindir = bindir or find_bindir()
        self.fsync = fsync
        self.settings = dict(settings or {})
        self.dir = None        # the temp folder: the socket is here, the data under data/
        self.data = None
        self.log = None
        self.user = None       # pwd entry of the user the server runs as when we are root
        self.started_in = None  # seconds: initdb, and the first start
        self.initdb_in = None
        self._watchdog = None
        self._cleaned = False

    # -- life cycle ------------------------------------------------------------------------------------------------

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        self.cleanup()
        return False

    def _as_server_user(self):
        """subprocess arguments that run a command as the server's user."""
        if self.user is None:
            return {}
        return {"user": self.user.pw_uid, "group": self.user.pw_gid, "extra_groups": [],
                "env": dict(os.environ, HOME=self.user.pw_dir, USER=self.user.pw_name, LOGNAME=self.user.pw_name)}

    def _run(self, args, what, timeout=120, log=True):
        r = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=timeout,
                           **self._as_server_user())
        if r.returncode != 0:
            raise ClusterError(f"{what} failed (exit {r.returncode}):\n{r.stdout[-3000:]}"
                               + (f"\nserver log ({self.log}):\n{_tail(self.log)}" if log and self.log else ""))
        return r.stdout

    def start(self):
        """The first call makes the folder and runs initdb; every call starts the server and waits until it
        accepts connections (raises ClusterError with the log's tail when it does not)."""
        if self.dir is None:
            self._init()
        t0 = time.monotonic()
        opts = {"listen_addresses": "''", "unix_socket_directories": f"'{self.dir}'",
                "fsync": "on" if self.fsync else "off", "max_connections": "40", "shared_buffers": "32MB",
                "max_wal_size": "256MB", "log_min_messages": "warning", "log_min_error_statement": "panic"}
        opts.update(self.settings)
        o = " ".join(f"-c {k}={v}" for k, v in opts.items())
        try:
            self._run([os.path.join(self.bindir, "pg_ctl"), "-D", self.data, "-l", self.log, "-w", "-t", "60",
                       "-o", o, "start"], "starting the PostgreSQL server", timeout=90, log=False)
            self.psql("SELECT 1", "postgres")  # it accepts connections, through the socket the tests use
        except (ClusterError, subprocess.TimeoutExpired) as e:
            raise ClusterError(f"the PostgreSQL server in {self.dir} did not start: {e}\n"
                               f"server log ({self.log}):\n{_tail(self.log)}") from None
        took = time.monotonic() - t0
        if self.started_in is None:
            self.started_in = took
        return took

    def _init(self):
        base = tempfile.gettempdir()
        if len(base) > 40:  # a socket path has at most 107 bytes: keep the folder short
            base = "/tmp"
        self.dir = tempfile.mkdtemp(prefix="pvd-pg-", dir=base)
        self.data = os.path.join(self.dir, "data")
        self.log = os.path.join(self.dir, "server.log")
        atexit.register(self.cleanup)
        if os.geteuid() == 0:
            try:
                self.user = pwd.getpwnam("postgres")
            except KeyError:
                raise ClusterError("running as root, and there is no 'postgres' user to run the server as "
                                   "(PostgreSQL refuses to run as root; the Debian package creates that user)") from None
            os.chown(self.dir, self.user.pw_uid, self.user.pw_gid)
        os.chmod(self.dir, 0o755)  # the socket is here; clients of other users must reach it
        open(self.log, "a").close()
        if self.user is not None:
            os.chown(self.log, self.user.pw_uid, self.user.pw_gid)
        t0 = time.monotonic()
        self._run([os.path.join(self.bindir, "initdb"), "-D", self.data, "-A", "trust", "-U", "postgres",
                   "--no-sync", "-E", "UTF8", "--locale=C"], "initdb")
        self.initdb_in = time.monotonic() - t0
        self._start_watchdog()

    def _start_watchdog(self):
        """A process that waits for our end of a pipe to close, then stops the server and removes the folder:
        the cleanup still happens when this process is killed."""
        self._watchdog = subprocess.Popen(
            [sys.executable, os.path.abspath(__file__), "_watchdog", self.bindir, self.dir],
            stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
            close_fds=True)

    def running(self):
        if self.data is None or not os.path.isdir(self.data):
            return False
        r = subprocess.run([os.path.join(self.bindir, "pg_ctl"), "-D", self.data, "status"], stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, **self._as_server_user())
        return r.returncode == 0

    def stop(self, mode="fast"):
        """fast: sessions ended, a clean shut-down; immediate: every server process ends at once without a
        checkpoint, like a crash (the next start recovers from the WAL)."""
        if mode not in ("fast", "immediate", "smart"):
            raise ValueError(mode)
        self._run([os.path.join(self.bindir, "pg_ctl"), "-D", self.data, "-m", mode, "-w", "-t", "60", "stop"],
                  f"stopping the PostgreSQL server ({mode})", timeout=90)

    def crash(self):
        """What `pg_ctl stop -m immediate` does (SIGQUIT to the postmaster: every server process ends at once, no
        checkpoint), sent straight from here so that it lands within a millisecond or so; returns once the
        server is gone. The next start() recovers from the WAL."""
        with open(os.path.join(self.data, "postmaster.pid")) as fh:
            pid = int(fh.readline())
        os.kill(pid, signal.SIGQUIT)
        deadline = time.monotonic() + 60
        while os.path.exists(os.path.join(self.data, "postmaster.pid")):
            if time.monotonic() > deadline:
                raise ClusterError(f"the server (pid {pid}) did not end within 60 s of SIGQUIT")
            time.sleep(0.01)

    def restart(self, mode="fast"):
        self.stop(mode)
        return self.start()

    def cleanup(self):
        """Stops the server (fast, then immediate) and removes the folder; safe to call twice."""
        if self._cleaned or self.dir is None:
            return
        self._cleaned = True
        try:
            if self.running():
                try:
                    self.stop("fast")
                except (ClusterError, subprocess.TimeoutExpired):
                    self.stop("immediate")
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)
            if self._watchdog is not None:
                try:
                    self._watchdog.stdin.close()
                    self._watchdog.wait(timeout=30)
                except Exception:  # noqa: BLE001
                    pass

    # -- use -------------------------------------------------------------------------------------------------------

    def uri(self, dbname):
        """The libpq URI of a database on this cluster, as the engine takes it (`--db URI`)."""
        return f"postgresql:///{dbname}?host={self.dir}&user=postgres"

    def uri_base(self):
        """A URI to which a database name is appended (the socket folder percent-encoded as the host)."""
        return f"postgresql://postgres@{urllib.parse.quote(self.dir, safe='')}/"

    def psql(self, sql, db="postgres", check=True):
        """Runs SQL through psql (unaligned, tuples only); returns its output."""
        r = subprocess.run([os.path.join(self.bindir, "psql"), "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1",
                            "-h", self.dir, "-U", "postgres", "-d", db, "-c", sql],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=120,
                           env=dict(os.environ, PGCONNECT_TIMEOUT="10"))
        if check and r.returncode != 0:
            raise ClusterError(f"psql -d {db} -c {sql!r} failed (exit {r.returncode}): {r.stderr.strip()}")
        return r.stdout

    def createdb(self, name):
        if not re.fullmatch(r"[a-z_][a-z0-9_]*", name):
            raise ValueError(f"database name {name!r}: lower-case letters, digits and _ only")
        self.psql(f"CREATE DATABASE {name}")
        return self.uri(name)

    def tables(self, db):
        """The tables of a database outside PostgreSQL's own schemas: a check that a store really is here."""
        out = self.psql("SELECT schemaname || '.' || tablename FROM pg_tables "
                        "WHERE schemaname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1", db)
        return [t for t in out.splitlines() if t]

    def dropdb(self, name):
        self.psql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def started(what="PostgreSQL cluster"):
    """A started cluster for a test run (stopped and removed at exit by atexit, also after a failure), its
    start-up time printed."""
    c = Cluster()
    c.start()
    print("%s up in %.2f s (initdb %.2f s)" % (what, c.initdb_in + c.started_in, c.initdb_in), flush=True)
    return c


def _watchdog(bindir, folder):
    """Waits until stdin closes (the parent ended, however), then stops the server if it still runs and removes
    the folder."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    try:
        sys.stdin.buffer.read()
    except Exception:  # noqa: BLE001
        pass
    data = os.path.join(folder, "data")
    if os.path.isfile(os.path.join(data, "postmaster.pid")):
        kw = {}
        if os.geteuid() == 0:
            u = pwd.getpwnam("postgres")
            kw = {"user": u.pw_uid, "group": u.pw_gid, "extra_groups": []}
        subprocess.run([os.path.join(bindir, "pg_ctl"), "-D", data, "-m", "immediate", "-w", "stop"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=60, **kw)
    shutil.rmtree(folder, ignore_errors=True)


def _on_signal(signum, _frame):
    raise SystemExit(128 + signum)  # runs the atexit clean-up


def main(argv):
    import argparse
    ap = argparse.ArgumentParser(description="A throw-away PostgreSQL cluster for the tests.")
    ap.add_argument("--fsync", action="store_true", help="keep fsync on (off by default: see the module's text)")
    sub = ap.add_subparsers(dest="cmd", required=True)
    r = sub.add_parser("run", help="start a cluster, run CMD with PVD_PG_HOST and PVD_PG_URI_BASE set, stop it")
    r.add_argument("--createdb", action="append", default=[], metavar="NAME", help="create this database first")
    r.add_argument("command", nargs=argparse.REMAINDER)
    t = sub.add_parser("time", help="measure initdb, start, restart and createdb")
    t.add_argument("--runs", type=int, default=3)
    w = sub.add_parser("_watchdog")
    w.add_argument("bindir")
    w.add_argument("folder")
    args = ap.parse_args(argv)
    if args.cmd == "_watchdog":
        _watchdog(args.bindir, args.folder)
        return 0
    signal.signal(signal.SIGTERM, _on_signal)
    signal.signal(signal.SIGHUP, _on_signal)
    if args.cmd == "time":
        for i in range(args.runs):
            t0 = time.monotonic()
            with Cluster(fsync=args.fsync) as pg:
                up = time.monotonic() - t0
                t1 = time.monotonic()
                pg.createdb("timing")
                made = time.monotonic() - t1
                t2 = time.monotonic()
                pg.stop("immediate")
                pg.start()
                again = time.monotonic() - t2
                print(f"run {i + 1}: initdb {pg.initdb_in:.2f} s, start {pg.started_in:.2f} s, ready {up:.2f} s "
                      f"after the call; createdb {made:.2f} s; immediate stop + restart (recovery) {again:.2f} s",
                      flush=True)
        return 0
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        ap.error("run: a command after --")
    with Cluster(fsync=args.fsync) as pg:
        for name in args.createdb:
            pg.createdb(name)
        env = dict(os.environ, PVD_PG_HOST=pg.dir, PVD_PG_URI_BASE=pg.uri_base())
        print(f"pg_cluster: PostgreSQL ({pg.bindir}) up in {pg.initdb_in + pg.started_in:.2f} s, socket in {pg.dir}",
              file=sys.stderr, flush=True)
        return subprocess.call(command, env=env)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
