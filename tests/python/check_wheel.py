#!/usr/bin/env python3
"""The wheel, as a user gets it (ctest: python.wheel): scripts/wheel packs the build directory's
module and CLI, pip installs the wheel into a fresh venv of Debian's Python offline, and the venv
imports provident, answers a request and runs the console command `provident`.

    scripts/wheel --build-dir BUILD --no-build --out WORK/dist
    /usr/bin/python3 -m venv --system-site-packages WORK/venv
    WORK/venv/bin/pip install --no-index --no-build-isolation WORK/dist/provident-*.whl
"""

import argparse
import email.parser
import glob
import json
import os
import shutil
import subprocess
import sys
import textwrap
import zipfile

REQUEST = ('{"op":"pension.min_months","as_of":"2026-01-01T00:00:00",'
           '"args":{"retirement_month":"2033-04"}}\n')

CHECK = textwrap.dedent("""
    import json, os, sys
    import provident
    here = os.path.dirname(provident.__file__)
    assert here.startswith(sys.prefix), (here, sys.prefix)
    r = provident.Engine("national").execute(json.loads(sys.argv[1]))
    assert r["ok"] and r["result"]["months"] == 204, r
    print("wheel: provident", provident.__version__, "at", here)
""")


def run(cmd, **kw) -> str:
    print("+", " ".join(cmd), flush=True)
    return subprocess.run(cmd, check=True, stdout=subprocess.PIPE, text=True, **kw).stdout


def check_metadata(wheel: str) -> None:
    """The licence, the classifiers and the console command are in the wheel's metadata."""
    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
        info = next(n.rsplit("/", 1)[0] for n in names if n.endswith(".dist-info/METADATA"))
        meta = email.parser.Parser().parsestr(zf.read(f"{info}/METADATA").decode())
        entry_points = zf.read(f"{info}/entry_points.txt").decode()
        record = zf.read(f"{info}/RECORD").decode()
    assert meta["Name"] == "provident" and meta["License"] == "Apache-2.0", dict(meta)
    assert "License :: OSI Approved :: Apache Software License" in meta.get_all("Classifier"), meta.get_all("Classifier")
    assert "numpy" in meta.get_all("Requires-Dist"), meta.get_all("Requires-Dist")
    assert "provident = provident._cli:main" in entry_points, entry_points
    for required in (f"{info}/LICENSE", "provident/_bin/provident", "provident/py.typed", "provident/_provident.pyi",
                     "provident/_cli.py"):
        assert required in names, (required, names)
    assert any(n.startswith("provident/_provident.") and n.endswith(".so") for n in names), names
    assert all(n in record for n in names if not n.endswith("RECORD")), "RECORD lists every file"


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--source", required=True)
    ap.add_argument("--build-dir", required=True, help="the CMake build directory to pack")
    ap.add_argument("--work", required=True, help="scratch folder (replaced)")
    args = ap.parse_args()
    args.build_dir = os.path.abspath(args.build_dir)

    shutil.rmtree(args.work, ignore_errors=True)
    os.makedirs(args.work)
    dist = os.path.join(args.work, "dist")
    run([sys.executable, os.path.join(args.source, "scripts", "wheel"), "--build-dir", args.build_dir, "--no-build",
         "--out", dist])
    wheels = glob.glob(os.path.join(dist, "provident-*.whl"))
    assert len(wheels) == 1, wheels
    check_metadata(wheels[0])

    venv = os.path.join(args.work, "venv")
    run(["/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable, "-m", "venv",
         "--system-site-packages", venv])
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    env.update(PIP_NO_INDEX="1", PIP_DISABLE_PIP_VERSION_CHECK="1", PIP_NO_CACHE_DIR="1")
    run([os.path.join(venv, "bin", "pip"), "install", "--no-index", "--no-build-isolation", wheels[0]], env=env,
        cwd=args.work)

    # Outside the source tree, with nothing on PYTHONPATH: the venv's copy is what imports.
    print(run([os.path.join(venv, "bin", "python"), "-c", CHECK, REQUEST], env=env, cwd=args.work), end="")

    # The console command is the bundled CLI: the same answer, byte for byte, as the build's CLI.
    command = os.path.join(venv, "bin", "provident")
    got = run([command, "exec"], input=REQUEST, env=env, cwd=args.work)
    expected = run([os.path.join(args.build_dir, "provident"), "exec"], input=REQUEST, env=env, cwd=args.work)
    assert got == expected and json.loads(got)["result"]["months"] == 204, (got, expected)
    listed = run([command, "policy", "list"], env=env, cwd=args.work)
    assert "national" in listed and "taiyuan" in listed, listed
    print("wheel: the console command answers as the CLI")
    return 0


if __name__ == "__main__":
    sys.exit(main())
