"""``python3 -m provident``: the JSON-lines surface of the Python package.

    python3 -m provident exec [--policy NAME|PATH] [--db PATH] [--lenient] [--overlay FILE] [--dict]
    python3 -m provident version

``exec`` reads one JSON request per line on stdin and writes one JSON response per line on stdout,
like ``provident exec`` (one answer line per input line: a blank line an empty line, a ``#`` comment
line itself; errors are responses; the process never dies on a bad line; the exit status is 0 when
every response is ok, 1 when one is not, 2 when the engine does not open). With ``--dict`` each line that is plain JSON goes through ``Engine.execute(dict)``
instead of the text path. It is a surface for tests/cases/run_corpus.py.
"""

from __future__ import annotations

import argparse
import json
import sys
from decimal import Decimal

from . import Engine, Error, __version__


def _strict_object_pairs(pairs):
    keys = [k for k, _ in pairs]
    if len(keys) != len(set(keys)):
        raise ValueError("duplicate key")
    return dict(pairs)


def _no_constants(name: str):
    raise ValueError(f"{name} is not JSON")


def _dumps(value) -> str:
    """One JSON line, compact, with the Decimals of Engine.execute's response written exactly."""
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return "{" + ",".join(json.dumps(k, ensure_ascii=False) + ":" + _dumps(v) for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ",".join(_dumps(v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False)


def _exec(args: argparse.Namespace) -> int:
    try:
        engine = Engine(args.policy or "national", db=args.db, overlay=args.overlay or None, lenient=args.lenient,
                        strict=args.strict)
    except Error as e:
        print(f"provident: cannot open the engine: {e}", file=sys.stderr)
        return 2
    stdin = sys.stdin.buffer
    out = sys.stdout
    all_ok = True
    for raw in stdin:
        line = raw.rstrip(b"\n")
        if line.endswith(b"\r"):
            line = line[:-1]
        if not line.strip(b" \t") or line.lstrip(b" \t").startswith(b"#"):
            out.write((line.decode("utf-8", "replace") if line.strip(b" \t") else "") + "\n")
            out.flush()
            continue
        response = None
        if args.dict:
            try:
                request = json.loads(line.decode("utf-8"), object_pairs_hook=_strict_object_pairs,
                                     parse_constant=_no_constants)
                # Lone surrogates, and numbers no double holds (1e400 reads as inf), take the text path,
                # where the engine's own parser answers them exactly as the CLI does.
                json.dumps(request, ensure_ascii=False, allow_nan=False).encode("utf-8")
            except ValueError:  # includes UnicodeError
                request = None
            if isinstance(request, dict):
                response = _dumps(engine.execute(request))
        if response is None:
            response = engine.execute_json(line)
        all_ok = all_ok and response.startswith('{"ok":true')
        out.write(response + "\n")
        out.flush()
    return 0 if all_ok else 1


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python3 -m provident", description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="command", required=True)
    ex = sub.add_parser("exec", help="run JSON requests, one per line on stdin")
    ex.add_argument("--policy", help="default profile: a shipped name or a file path (default national)")
    ex.add_argument("--db", help="SQLite database file for the store (default: in memory)")
    ex.add_argument("--lenient", action="store_true", help="carry the last policy value forward")
    ex.add_argument("--strict", action="store_true",
                    help="refuse provisional (carried-forward, unpublished) figures with POLICY_NOT_IN_FORCE")
    ex.add_argument("--overlay", help="a policy overlay file (TOML) applied on top of the default profile")
    ex.add_argument("--dict", action="store_true", help="run plain-JSON lines through Engine.execute(dict)")
    sub.add_parser("version", help="print the version")
    args = ap.parse_args(argv)
    if args.command == "version":
        print(__version__)
        return 0
    return _exec(args)


if __name__ == "__main__":
    sys.exit(main())
