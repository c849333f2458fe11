#!/usr/bin/env python3
"""Baseline versus reform over a synthetic population of 1,000,000 people.

The question an analyst asks: *if the minimum contribution period for a pension reached 240
months in 2034 instead of 2039, and HPF deposits were rounded to the fen instead of the yuan, who
is affected?*

* The **baseline** is the shipped ``national`` profile.
* The **reform** is the same profile with an overlay (``REFORM`` below: TOML in the profile
  format, holding only the keys it changes).

For every person the script computes, with the C++ batches (numpy int64 in and out, the GIL
released, no Python per row): the statutory retirement month under the 2024 reform, the minimum
contribution months in force for it under both policies, whether the person's contribution months
meet each, and the monthly HPF deposit under both roundings. It writes into OUT_DIR:

* ``by_retirement_year.csv`` — people, minimum months and how many meet them, per retirement year;
* ``hpf_by_base_band.csv`` — monthly HPF deposits under both roundings, per base band, exact yuan;
* ``reform_comparison.png`` — both, as a plot.

    python3 examples/python/reform_comparison.py OUT_DIR [--people 1000000] [--seed 20250101]

Money is int64 fen throughout and the totals are exact; nothing here converts money to float.
"""

import argparse
import datetime as dt
import os
import sys
import time
from decimal import Decimal

import numpy as np
import pandas as pd

import provident
import provident.pandas as ppd

AS_OF = dt.date(2026, 7, 1)  # the day whose rules apply, and the HPF contribution month

REFORM = """
# Reform scenario (illustrative): the minimum contribution months rise by 12 a year from 2030
# (baseline: 6 a year), reaching 240 in 2034 instead of 2039. The overlay replaces the whole
# timeline of each key it names.
[[pension.min_contribution_months]]
from = 2011-07-01
to = 2029-12-31
value = 180
source = "reform scenario: unchanged up to 2029"
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
source = "reform scenario: 240 months from 2034"
verified = false

# Each HPF part rounded half up to the fen instead of the yuan.
[[hpf.deposit.rounding]]
from = 2002-03-24
value = { mode = "half_up", unit = "fen" }
source = "reform scenario: round to the fen"
verified = false
"""


def synthetic_population(n: int, seed: int) -> pd.DataFrame:
    """People born 1965–2000, integers only (months, fen, millionths)."""
    rng = np.random.default_rng(seed)
    birth = rng.integers(1965 * 12, 2001 * 12, n, dtype=np.int64)           # month serials
    male = rng.integers(0, 2, n, dtype=np.int64) == 1
    cadre = rng.integers(0, 100, n, dtype=np.int64) < 45                   # women: 45% F55, 55% F50
    category = np.where(male, 1, np.where(cadre, 2, 3)).astype(np.int64)   # Category codes (M60, F55, F50)
    start = birth + rng.integers(18 * 12, 27 * 12, n, dtype=np.int64)      # first contribution month
    # Share of months with contributions, in permille: most people contribute most months.
    density = np.maximum(rng.integers(250, 1001, n, dtype=np.int64), rng.integers(250, 1001, n, dtype=np.int64))
    # HPF base in fen, skewed towards the floor (the smaller of two uniform draws), and a whole
    # percent rate from 5% to 12%, the same for both parties.
    base = np.minimum(rng.integers(2_690_00, 36_921_01, n, dtype=np.int64),
                      rng.integers(2_690_00, 36_921_01, n, dtype=np.int64))
    rate = rng.integers(5, 13, n, dtype=np.int64) * 10_000
    return pd.DataFrame({"birth_month": birth, "category": category, "first_month": start,
                         "density_permille": density, "hpf_base_fen": base, "hpf_rate_micros": rate})


def yuan(fen: int) -> str:
    """Exact yuan text of an integer number of fen."""
    return str(Decimal(int(fen)).scaleb(-2).quantize(Decimal("0.01")))


def timed(label: str, rows: int, fn):
    t0 = time.perf_counter()
    out = fn()
    dt_s = time.perf_counter() - t0
    print(f"  {label:<44} {dt_s * 1000:8.1f} ms  ({rows / dt_s / 1e6:7.1f} M rows/s)")
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out_dir", help="folder for the CSV files and the PNG plot")
    ap.add_argument("--people", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=20250101)
    args = ap.parse_args()
    os.makedirs(args.out_dir, exist_ok=True)

    baseline = provident.Engine("national")
    reform = provident.Engine("national", overlay_text=REFORM)
    n = args.people
    print(f"provident {provident.__version__}: {n:,} people, rules as of {AS_OF}; "
          f"baseline {baseline.profile!r}, reform {reform.profile!r}")

    people = timed("synthetic population (numpy, seeded)", n, lambda: synthetic_population(n, args.seed))

    # Retirement is the same under both policies (the reform does not touch it); contribution
    # months accrue from the first month to the retirement month at each person's density.
    retire = timed("statutory retirement month (batch)", n,
                   lambda: baseline.retirement_batch(people["birth_month"].to_numpy(), people["category"].to_numpy(),
                                                     AS_OF))
    people["contribution_months"] = np.maximum(retire - people["first_month"].to_numpy(), 0) \
        * people["density_permille"].to_numpy() // 1000

    # The pandas helper adds retirement, minimum-months and HPF columns per policy.
    hpf = dict(hpf_base="hpf_base_fen", hpf_employer_rate="hpf_rate_micros", hpf_employee_rate="hpf_rate_micros")
    people = timed("evaluate_people, baseline", n,
                   lambda: ppd.evaluate_people(people, baseline, as_of=AS_OF, birth="birth_month", prefix="base_", **hpf))
    people = timed("evaluate_people, reform", n,
                   lambda: ppd.evaluate_people(people, reform, as_of=AS_OF, birth="birth_month", prefix="reform_", **hpf))
    assert (people["base_retirement_month"] == people["reform_retirement_month"]).all()

    # ------------------------------------------------------------------ pensions by retirement year
    people["retirement_year"] = people["base_retirement_month"].dt.year
    newly_short = people["base_meets_minimum"] & ~people["reform_meets_minimum"]
    by_year = people.assign(newly_short=newly_short).groupby("retirement_year").agg(
        people=("category", "size"),
        baseline_min_months=("base_min_months", "max"),
        reform_min_months=("reform_min_months", "max"),
        baseline_meeting=("base_meets_minimum", "sum"),
        reform_meeting=("reform_meets_minimum", "sum"),
        newly_short=("newly_short", "sum"),
    ).reset_index()
    by_year["baseline_share_pct"] = (100 * by_year["baseline_meeting"] / by_year["people"]).round(2)
    by_year["reform_share_pct"] = (100 * by_year["reform_meeting"] / by_year["people"]).round(2)
    by_year.to_csv(os.path.join(args.out_dir, "by_retirement_year.csv"), index=False)

    # ------------------------------------------------------------------ HPF deposits by base band
    band = (people["hpf_base_fen"] // 500_000) * 5_000  # 5,000-yuan bands, in yuan
    hpf_bands = people.assign(base_band_yuan=band).groupby("base_band_yuan").agg(
        people=("hpf_base_fen", "size"),
        baseline_fen=("base_hpf_monthly_fen", "sum"),
        reform_fen=("reform_hpf_monthly_fen", "sum"),
    ).reset_index()
    hpf_bands["change_fen"] = hpf_bands["reform_fen"] - hpf_bands["baseline_fen"]
    table = hpf_bands.assign(baseline_total_yuan=hpf_bands["baseline_fen"].map(yuan),
                             reform_total_yuan=hpf_bands["reform_fen"].map(yuan),
                             change_yuan=hpf_bands["change_fen"].map(yuan))
    table[["base_band_yuan", "people", "baseline_total_yuan", "reform_total_yuan", "change_yuan"]].to_csv(
        os.path.join(args.out_dir, "hpf_by_base_band.csv"), index=False)

    total_base = int(people["base_hpf_monthly_fen"].sum())
    total_reform = int(people["reform_hpf_monthly_fen"].sum())
    affected = int(newly_short.sum())
    print(f"\nPensions: {affected:,} people meet the baseline minimum but not the reform's "
          f"({100 * affected / n:.2f}% of the population).")
    worst = by_year.loc[by_year["newly_short"].idxmax()]
    print(f"  most affected retirement year: {int(worst['retirement_year'])} "
          f"({int(worst['newly_short']):,} people; minimum {int(worst['baseline_min_months'])} → "
          f"{int(worst['reform_min_months'])} months)")
    print(f"HPF: monthly deposits {yuan(total_base)} → {yuan(total_reform)} yuan "
          f"(change {yuan(total_reform - total_base)} yuan a month, exact).")

    # ------------------------------------------------------------------ plot
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(13, 5))
    years = by_year["retirement_year"].to_numpy()
    ax1.plot(years, by_year["baseline_share_pct"], label="baseline (national)", color="tab:blue")
    ax1.plot(years, by_year["reform_share_pct"], label="reform (240 months by 2034)", color="tab:red")
    ax1.set_xlabel("statutory retirement year")
    ax1.set_ylabel("people meeting the minimum (%)")
    ax1.set_title("Pension: minimum contribution months met")
    ax1.grid(alpha=0.3)
    twin = ax1.twinx()
    twin.step(years, by_year["baseline_min_months"], where="mid", color="tab:blue", alpha=0.35, linestyle="--")
    twin.step(years, by_year["reform_min_months"], where="mid", color="tab:red", alpha=0.35, linestyle="--")
    twin.set_ylabel("minimum months (dashed)")
    ax1.legend(loc="lower left")

    bands = hpf_bands["base_band_yuan"].to_numpy()
    ax2.bar(bands, hpf_bands["change_fen"].to_numpy() // 100, width=4000, color="tab:green")
    ax2.set_xlabel("HPF base band (yuan)")
    ax2.set_ylabel("change in total monthly deposits (whole yuan)")
    ax2.set_title("HPF: rounding each part to the fen instead of the yuan")
    ax2.grid(alpha=0.3)
    fig.suptitle(f"provident: baseline vs reform, {n:,} synthetic people (seed {args.seed})")
    fig.tight_layout()
    png = os.path.join(args.out_dir, "reform_comparison.png")
    fig.savefig(png, dpi=110)
    plt.close(fig)

    # ------------------------------------------------------------------ sanity checks of the run
    assert int(by_year["people"].sum()) == n
    assert (by_year["reform_min_months"] >= by_year["baseline_min_months"]).all()
    assert (by_year["reform_meeting"] <= by_year["baseline_meeting"]).all()
    assert os.path.getsize(png) > 10_000
    print(f"\nWrote {os.path.join(args.out_dir, 'by_retirement_year.csv')}, "
          f"{os.path.join(args.out_dir, 'hpf_by_base_band.csv')} and {png}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
