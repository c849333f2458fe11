"""The console command ``provident`` that the package installs (pyproject.toml ``[project.scripts]``).

A wheel built by ``scripts/wheel`` or ``pip install .`` carries the project's CLI
(``provident/_bin/provident``, the same program as ``build/<preset>/provident``): the command
replaces itself with it, so every subcommand, option, exit status and byte of output is the CLI's
(docs/protocol.md §4). Where the package has no bundled CLI (``PYTHONPATH`` pointing at a build's
``bindings/python``), the command falls back to ``python3 -m provident``: ``exec`` (JSON lines
through the Python engine, the same responses) and ``version``.
"""

from __future__ import annotations

import os
import sys
from typing import List, Optional

BUNDLED = os.path.join(os.path.dirname(os.path.abspath(__file__)), "_bin", "provident")


def bundled_cli() -> Optional[str]:
    """The bundled CLI's path, or None when this package has none."""
    return BUNDLED if os.access(BUNDLED, os.X_OK) else None


def main(argv: Optional[List[str]] = None) -> int:
    args = sys.argv[1:] if argv is None else list(argv)
    cli = bundled_cli()
    if cli is None:
        from .__main__ import main as python_main
        return python_main(args)
    sys.stdout.flush()
    sys.stderr.flush()
    os.execv(cli, ["provident", *args])
    return 127  # not reached: execv replaces the process or raises OSError
