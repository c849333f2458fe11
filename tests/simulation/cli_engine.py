"""The engine as both simulations drive it: `provident exec --db FILE`, one JSON request per line, and
the outcome of a response in the form the models answer (simulate.py, si_simulate.py)."""
import json
import subprocess


class Mismatch(Exception):
    pass


class Engine:
    def __init__(self, cli, db, policy):
        self.p = subprocess.Popen([cli, "exec", "--policy", policy, "--db", db], stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, text=True, encoding="utf-8", bufsize=1)
        self.all_ok = True  # every response ok so far

    def ask(self, req):
        self.p.stdin.write(json.dumps(req, ensure_ascii=False) + "\n")
        self.p.stdin.flush()
        line = self.p.stdout.readline()
        if not line:
            raise Mismatch("the engine stopped answering (exit status %s)" % self.p.poll())
        self.all_ok = self.all_ok and line.startswith('{"ok":true')
        return json.loads(line)

    def close(self):
        """Ends the engine; its exit status less the one expected (0 when every response was ok, 1 when
        one was not, protocol.md §4): 0 when it exited as it should."""
        self.p.stdin.close()
        code = self.p.wait(timeout=120)
        return 0 if code == (0 if self.all_ok else 1) else code


def outcome(resp):
    """("error", code, field), ("deny", sorted codes) or ("ok",)."""
    if resp.get("error"):
        return ("error", resp["error"]["code"], resp["error"]["field"])
    if resp.get("violations"):
        return ("deny", sorted(v["code"] for v in resp["violations"]))
    return ("ok",)


def expected_outcome(exp):
    if exp[0] == "error":
        return exp
    if exp[0] == "deny":
        return ("deny", sorted(exp[1]))
    return ("ok",)


def differences(theirs, mine, path="result"):
    """The paths where two JSON values differ (the first few), for a failure message."""
    if isinstance(theirs, dict) and isinstance(mine, dict):
        out = []
        for k in sorted(set(theirs) | set(mine)):
            if k not in theirs or k not in mine:
                out.append("%s.%s (%s)" % (path, k, "missing in the engine" if k not in theirs else "not in the model"))
            else:
                out += differences(theirs[k], mine[k], "%s.%s" % (path, k))
        return out
    if isinstance(theirs, list) and isinstance(mine, list) and len(theirs) == len(mine):
        out = []
        for i, (a, b) in enumerate(zip(theirs, mine)):
            out += differences(a, b, "%s[%d]" % (path, i))
        return out
    return [] if theirs == mine else [path]
