"""Shared fixtures of the Python tests (run by ctest: python.*; see bindings/python/CMakeLists.txt).

ctest sets PYTHONPATH to <build>/bindings/python (the assembled package), PROVIDENT_CLI to the
`provident` executable and PROVIDENT_SOURCE_DIR to the source tree.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

SOURCE_DIR = Path(os.environ.get("PROVIDENT_SOURCE_DIR", Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(SOURCE_DIR / "tests" / "cases"))  # run_corpus.py: the corpus format's helpers

import provident  # noqa: E402


@pytest.fixture(scope="session")
def source_dir() -> Path:
    return SOURCE_DIR


@pytest.fixture(scope="session")
def cli() -> str:
    path = os.environ.get("PROVIDENT_CLI")
    if not path or not os.path.exists(path):
        pytest.fail("PROVIDENT_CLI is not set to the provident executable (run the tests through ctest)")
    return path


@pytest.fixture(scope="session")
def engine() -> provident.Engine:
    return provident.Engine("national")


def exit_status_for(response_lines) -> int:
    """`provident exec`'s exit status for these answer lines: 0 when every response is ok, else 1."""
    responses = [line for line in response_lines if line.startswith("{")]
    return 0 if all(line.startswith('{"ok":true') for line in responses) else 1


def cli_exec(cli: str, lines, *args: str) -> list:
    """Runs `provident exec` on request lines; returns its response lines (one per input line) after
    checking its exit status (0 when every response is ok, 1 when one is not)."""
    text = "".join(line + "\n" for line in lines)
    out = subprocess.run([cli, "exec", *args], input=text.encode("utf-8"), stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, timeout=120)
    answers = out.stdout.decode("utf-8").splitlines()
    assert out.returncode == exit_status_for(answers), (out.returncode, out.stderr.decode("utf-8", "replace"))
    assert len(answers) == len(lines), (len(answers), len(lines))
    return answers


def dump(response: dict) -> str:
    """A response dict as the engine writes it (compact, UTF-8)."""
    import json
    return json.dumps(response, ensure_ascii=False, separators=(",", ":"))


def strict_json(text: str):
    """json.loads that refuses what the engine refuses and Python would accept (duplicate keys, NaN)."""
    import json

    def pairs(items):
        keys = [k for k, _ in items]
        if len(keys) != len(set(keys)):
            raise ValueError("duplicate key")
        return dict(items)

    def constant(name):
        raise ValueError(name)

    return json.loads(text, object_pairs_hook=pairs, parse_constant=constant)
