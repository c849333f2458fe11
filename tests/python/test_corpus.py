"""The shared case corpus (tests/cases/**/*.jsonl) through the Python surface.

Each story runs step by step on a fresh `provident exec` process and on fresh Python engines opened
with the same options, chaining "$state" as tests/cases/README.md describes. Every Python response
must be byte-identical to the CLI's:

* ``Engine.execute_json(text)`` with the exact text the CLI received;
* ``Engine.execute(dict)``, its response written back as compact JSON.

test_story_expectations then checks each step's ``expect`` on the Python responses (ctest runs it
as python.corpus_expect, so that an engine behaviour that does not meet the corpus yet is not
mistaken for a binding fault).
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import provident
import run_corpus  # tests/cases/run_corpus.py (conftest puts it on sys.path)

from conftest import SOURCE_DIR, dump

CASES = SOURCE_DIR / "tests" / "cases"
STORIES = sorted(CASES.rglob("*.jsonl"))
# The corpus has 24 stories; fewer means it was not found or lost stories by mistake. Checked at
# collection, so that both ctest runs of this file (python.corpus, python.corpus_expect) fail rather
# than pass on an empty parameter list.
MIN_STORIES = 20
if len(STORIES) < MIN_STORIES:
    raise RuntimeError(f"{len(STORIES)} stories under {CASES}, fewer than {MIN_STORIES}")


class Cli:
    """An interactive `provident exec` process: one line in, one line out."""

    def __init__(self, cli, opts, tmp_path):
        args = [cli, "exec"]
        if opts.get("policy"):
            args += ["--policy", opts["policy"]]
        if opts.get("lenient"):
            args += ["--lenient"]
        if opts.get("overlay") is not None:
            f = tmp_path / "overlay.toml"
            f.write_text(opts["overlay"], encoding="utf-8")
            args += ["--overlay", str(f)]
        self.proc = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.all_ok = True

    def send(self, text: str) -> str:
        self.proc.stdin.write(text.encode("utf-8") + b"\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        assert line, "provident exec died"
        self.all_ok = self.all_ok and line.startswith(b'{"ok":true')
        return line.decode("utf-8").rstrip("\n")

    def close(self):
        """Ends the process: exit 0 when every response was ok, 1 when one was not."""
        self.proc.stdin.close()
        assert self.proc.wait(timeout=60) == (0 if self.all_ok else 1)


def next_state(response: dict, previous):
    return response["state"] if response.get("state") is not None else previous


def open_engine(opts) -> provident.Engine:
    return provident.Engine(opts.get("policy") or "national", overlay_text=opts.get("overlay"),
                            lenient=bool(opts.get("lenient")))


@pytest.mark.parametrize("story", STORIES, ids=[str(p.relative_to(CASES)) for p in STORIES])
def test_story(story: Path, cli, tmp_path):
    opts, steps = run_corpus.parse_story(str(story))
    shell = Cli(cli, opts, tmp_path)
    by_text = open_engine(opts)
    by_dict = open_engine(opts)
    state_cli = state_text = state_dict = None
    differences = []
    try:
        for no, step in steps:
            request = run_corpus.substitute(step["request"], state_cli)
            text = json.dumps(request, ensure_ascii=False)
            expected = shell.send(text)
            state_cli = next_state(json.loads(expected), state_cli)

            got_text = by_text.execute_json(json.dumps(run_corpus.substitute(step["request"], state_text),
                                                       ensure_ascii=False))
            state_text = next_state(json.loads(got_text), state_text)
            if got_text != expected:
                differences.append(f"{story.name}:{no}: execute_json differs from the CLI\n"
                                   f"  cli:    {expected}\n  python: {got_text}")

            response = by_dict.execute(run_corpus.substitute(step["request"], state_dict))
            state_dict = next_state(response, state_dict)
            if dump(response) != expected:
                differences.append(f"{story.name}:{no}: execute(dict) differs from the CLI\n"
                                   f"  cli:    {expected}\n  python: {dump(response)}")
    finally:
        shell.close()
        by_text.close()
        by_dict.close()
    assert not differences, "\n".join(differences)


@pytest.mark.parametrize("story", STORIES, ids=[str(p.relative_to(CASES)) for p in STORIES])
def test_story_expectations(story: Path):
    """The story's `expect` members hold for the Python surface (ctest: python.corpus_expect).

    Identity with the CLI is test_story's business; a failure here is the engine's behaviour (the
    C++ and CLI corpus runners see the same responses)."""
    opts, steps = run_corpus.parse_story(str(story))
    unmet = []
    state = None
    with open_engine(opts) as eng:
        for no, step in steps:
            response = eng.execute(run_corpus.substitute(step["request"], state))
            state = next_state(response, state)
            unmet.extend(f"{story.name}:{no}: {m}" for m in run_corpus.match(step.get("expect", {}),
                                                                              json.loads(dump(response))))
    assert not unmet, "\n".join(unmet)


def test_corpus_runner_drives_python_module(cli, tmp_path):
    """`python3 -m provident exec` is a surface for tests/cases/run_corpus.py, byte-identical to the CLI."""
    assert len(STORIES) >= MIN_STORIES
    runner = str(CASES / "run_corpus.py")
    env = dict(os.environ)
    for name, surface in (("cli", f"{cli} exec"), ("python", f"{sys.executable} -m provident exec")):
        run = subprocess.run([sys.executable, runner, "--surface", surface, "--record", str(tmp_path / name)],
                             env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=600)
        assert run.returncode == 0, f"{name}: " + run.stdout.decode("utf-8", "replace")[-3000:]
        assert f"{len(STORIES)} stories" in run.stdout.decode(), run.stdout.decode()[-500:]
    out = subprocess.run([sys.executable, runner, "--compare", str(tmp_path / "cli"), str(tmp_path / "python")],
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=120)
    assert out.returncode == 0, out.stdout.decode()
    assert len(list((tmp_path / "python").rglob("*.out"))) == len(STORIES)
