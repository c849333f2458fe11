#!/usr/bin/env python3
"""Installs the package into a fresh virtual environment from the source tree, without PyPI and
without special flags, and uses it from outside the source tree (ctest: python.install).

    python3 -m venv --system-site-packages WORK/venv
    WORK/venv/bin/pip install SOURCE          # PIP_NO_INDEX=1: any download attempt fails

pip builds in an isolated environment with the in-tree backend (pyproject.toml, standard library
only: nothing to download), which drives CMake; PROVIDENT_CMAKE_BUILD_DIR points it at an existing
build directory so that the library is not compiled a second time. numpy comes from Debian through
--system-site-packages. The console command `provident` is the bundled CLI.
"""

import argparse
import os
import shutil
import subprocess
import sys
import textwrap

CHECK = textwrap.dedent("""
    import datetime, decimal, os, sys
    import numpy as np
    import provident, provident.pandas
    here = os.path.dirname(provident.__file__)
    assert here.startswith(sys.prefix), (here, sys.prefix)
    for f in ("py.typed", "_provident.pyi", "__init__.py", "engine.py", "pandas.py"):
        assert os.path.exists(os.path.join(here, f)), f
    d = provident.hpf_deposit(decimal.Decimal("2690"), "7%", "7%", month="2025-07")
    assert d.monthly_deposit == decimal.Decimal("376.00"), d
    er, ee = provident.Engine().hpf_deposit_batch(np.array([269000]), 70000, 70000, datetime.date(2025, 7, 1))
    assert er.tolist() == [18800], er
    try:
        provident.hpf_deposit(2690.0, "7%", "7%", month="2025-07")
    except provident.FloatNotAllowed:
        pass
    else:
        raise AssertionError("a float was accepted")
    print("installed provident", provident.__version__, "at", here)
""")


def run(cmd, **kw):
    print("+", " ".join(cmd), flush=True)
    subprocess.run(cmd, check=True, **kw)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--source", required=True)
    ap.add_argument("--build-dir", help="an existing CMake build directory to reuse")
    ap.add_argument("--work", required=True, help="scratch folder (replaced)")
    args = ap.parse_args()

    shutil.rmtree(args.work, ignore_errors=True)
    os.makedirs(args.work)
    venv = os.path.join(args.work, "venv")
    run([sys.executable, "-m", "venv", "--system-site-packages", venv])
    py = os.path.join(venv, "bin", "python")

    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    env.update(PIP_NO_INDEX="1", PIP_DISABLE_PIP_VERSION_CHECK="1", PIP_NO_CACHE_DIR="1")
    if args.build_dir:
        env["PROVIDENT_CMAKE_BUILD_DIR"] = os.path.abspath(args.build_dir)
    run([py, "-m", "pip", "install", args.source], env=env, cwd=args.work)

    # Outside the source tree, with nothing on PYTHONPATH: the venv's copy is what imports.
    run([py, "-c", CHECK], env=env, cwd=args.work)
    run([py, "-m", "provident", "version"], env=env, cwd=args.work)
    run([os.path.join(venv, "bin", "provident"), "policy", "list"], env=env, cwd=args.work)
    return 0


if __name__ == "__main__":
    sys.exit(main())
