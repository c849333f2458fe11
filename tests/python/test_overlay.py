"""Reforms from Python: Engine(policy, overlay=path or overlay_text=toml_text) changes only what the overlay names."""

import datetime as dt

import numpy as np
import pytest

import provident
from provident import Month
from conftest import cli_exec

FASTER_MINIMUM = """
# Reform: the minimum contribution months reach 240 five years sooner (+12 a year from 2030).
[[pension.min_contribution_months]]
from = 2011-07-01
to = 2029-12-31
value = 180
source = "reform scenario"
verified = false

[[pension.min_contribution_months]]
from = 2030-01-01
to = 2030-12-31
value = 192
source = "reform scenario"
verified = false

[[pension.min_contribution_months]]
from = 2031-01-01
to = 2031-12-31
value = 204
source = "reform scenario"
verified = false

[[pension.min_contribution_months]]
from = 2032-01-01
to = 2032-12-31
value = 216
source = "reform scenario"
verified = false

[[pension.min_contribution_months]]
from = 2033-01-01
to = 2033-12-31
value = 228
source = "reform scenario"
verified = false

[[pension.min_contribution_months]]
from = 2034-01-01
value = 240
source = "reform scenario"
verified = false
"""


def test_overlay_changes_only_its_keys(engine):
    reform = provident.Engine("national", overlay_text=FASTER_MINIMUM)
    assert reform.profile != engine.profile and "overlay" in reform.profile
    assert reform.min_contribution_months("2033-04") == 228
    assert engine.min_contribution_months("2033-04") == 204  # the baseline is untouched
    assert provident.Engine().min_contribution_months("2033-04") == 204
    # Everything else is the baseline's.
    assert reform.retirement(dt.date(1971, 5, 20), "M60", as_of=dt.date(2025, 1, 1)) == \
        engine.retirement(dt.date(1971, 5, 20), "M60", as_of=dt.date(2025, 1, 1))
    months = np.arange(2025 * 12, 2045 * 12)
    diff = reform.min_months_batch(months) - engine.min_months_batch(months)
    assert diff.min() == 0 and diff.max() == 30


def test_overlay_identical_to_cli(cli, tmp_path):
    f = tmp_path / "reform.toml"
    f.write_text(FASTER_MINIMUM, encoding="utf-8")
    lines = ['{"op":"pension.min_months","args":{"retirement_month":"2033-04"}}',
             '{"op":"pension.min_months","policy":"national","args":{"retirement_month":"2033-04"}}']
    expected = cli_exec(cli, lines, "--overlay", str(f))
    for kw in ({"overlay_text": FASTER_MINIMUM}, {"overlay": f}, {"overlay": str(f)}):  # TOML text or a path
        with provident.Engine(**kw) as reform:
            assert [reform.execute_json(line) for line in lines] == expected


def test_overlay_rounding_reaches_the_batch(engine):
    fen = provident.Engine(overlay_text="""
[[hpf.deposit.rounding]]
from = 2025-07-01
value = { mode = "half_up", unit = "fen" }
source = "reform scenario: round each part to fen from July 2025"
verified = false
""")
    base = np.array([269050], dtype=np.int64)
    assert fen.hpf_deposit_batch(base, 70000, 70000, dt.date(2025, 7, 1))[0].tolist() == [18834]
    assert engine.hpf_deposit_batch(base, 70000, 70000, dt.date(2025, 7, 1))[0].tolist() == [18800]
    # Before its `from`, the overlay's timeline (which replaces the whole key) has no value.
    with pytest.raises(provident.PolicyNotInForce):
        fen.hpf_deposit_batch(base, 70000, 70000, dt.date(2025, 6, 1))
    assert fen.deposit_rounding(Month(2025, 7)).unit is provident.RoundingUnit.FEN


@pytest.mark.parametrize("text,needle", [
    ("[[no.such.key]]\nfrom = 2025-01-01\nvalue = 1\nsource = \"x\"\n", "<overlay>:1:"),
    ("[[pension.min_contribution_months]]\nfrom = 2025-13-01\nvalue = 1\n", "<overlay>:2:"),
    ("this is not toml = = =", "<overlay>"),
])
def test_bad_overlay(text, needle):
    with pytest.raises(provident.PolicyError) as e:
        provident.Engine(overlay_text=text)
    assert isinstance(e.value, ValueError) and needle in str(e.value)
    assert e.value.field == "overlay"


def test_overlay_wrong_type():
    with pytest.raises(provident.WrongType):
        provident.Engine(overlay=b"[x]")
