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

    def ask(self, req):
        self.p.stdin.write(json.dumps(req, ensure_ascii=False) + "\n")
        self.p.stdin.flush()
        line = self.p.stdout.readline()
        if not line:
            raise Mismatch("the engine stopped answering (exit status %s)" % self.p.poll())
        return json.loads(line)

    def close(self):
        self.p.stdin.close()
        return self.p.wait(timeout=120)


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
