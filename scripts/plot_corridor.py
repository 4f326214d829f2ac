#!/usr/bin/env python3
"""Render a corridor run of `isactwin simulate` (docs/MODEL.md C7).

Usage:  python3 scripts/plot_corridor.py DIR [POLICY]     (writes DIR/corridor.png)

Left: the serving RSU of every served vehicle along the road over time (serving.csv, one point
per vehicle every 0.5 s, coloured by the serving RSU; POLICY defaults to heuristic, else the first
policy in the file). Right: the sum rate per km of road over time for every policy
(timeseries.csv, divided by the road length, taken as the span of the served positions). Only matplotlib is needed (Agg backend). A missing or unreadable CSV is an error (exit 1).
"""
import csv
import os
import sys
from collections import defaultdict

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

COLORS = {
    "distance-mf": "tab:gray",
    "distance-fp": "tab:blue",
    "greedy": "tab:orange",
    "heuristic": "tab:red",
    "lstm": "tab:green",
    "lstm-fp": "tab:purple",
}


def read_rows(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 64
    directory = argv[1]
    try:
        serving = read_rows(os.path.join(directory, "serving.csv"))
        series = read_rows(os.path.join(directory, "timeseries.csv"))
    except (OSError, csv.Error) as e:
        print(f"plot_corridor: {e}", file=sys.stderr)
        return 1
    policies = list(dict.fromkeys(r["policy"] for r in serving))
    if not policies:
        print("plot_corridor: serving.csv has no rows (not a corridor run?)", file=sys.stderr)
        return 1
    policy = argv[2] if len(argv) > 2 else ("heuristic" if "heuristic" in policies else policies[0])
    if policy not in policies:
        print(f"plot_corridor: policy {policy} not in serving.csv ({', '.join(policies)})", file=sys.stderr)
        return 64
    rows = [r for r in serving if r["policy"] == policy and r["antennas"] == serving[0]["antennas"]]
    xs = [float(r["x_m"]) for r in rows]
    length_km = (max(xs) - min(xs)) / 1000 if xs else 1
    length_km = max(length_km, 1e-3)

    fig, (left, right) = plt.subplots(1, 2, figsize=(12, 4.5))
    points = left.scatter(
        [float(r["time_s"]) for r in rows], xs, c=[int(r["rsu"]) for r in rows], cmap="tab20", s=4)
    left.set_xlabel("time (s)")
    left.set_ylabel("vehicle position along the road, x (m)")
    left.set_title(f"serving RSU along the road ({policy})")
    fig.colorbar(points, ax=left, label="serving RSU")

    rates = defaultdict(list)
    for r in series:
        if r["antennas"] == series[0]["antennas"]:
            rates[r["policy"]].append((float(r["time_s"]), float(r["sum_rate_bps_hz"]) / length_km))
    for name, values in rates.items():
        right.plot([t for t, _ in values], [v for _, v in values], color=COLORS.get(name), label=name, lw=1)
    right.set_xlabel("time (s)")
    right.set_ylabel("sum rate per km of road (bit/s/Hz/km)")
    right.set_title("sum rate per km")
    right.legend()
    fig.tight_layout()
    out = os.path.join(directory, "corridor.png")
    fig.savefig(out, dpi=120)
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
