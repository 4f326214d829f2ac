#!/usr/bin/env python3
"""Render the figures of Section VII from the CSVs that `isactwin reproduce` writes.

Usage:  python3 scripts/plot_figures.py DIR        (writes DIR/fig5.png ... DIR/fig11.png, DIR/corridor.png)

Each figure is one small function below reading one tidy CSV; edit them freely to restyle the
plots for your own papers. Only matplotlib is needed (Agg backend, no display). A CSV that is
missing is skipped with a note; a CSV that is present but unreadable is an error (exit 1).
"""
import csv
import math
import os
import sys
from collections import defaultdict

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

SCHEME_STYLE = {
    "distance-mf": dict(color="tab:gray", marker="o", label="distance-based (MF)"),
    "distance-fp": dict(color="tab:blue", marker="s", label="distance-based (FP)"),
    "greedy": dict(color="tab:orange", marker="^", label="greedy (Alg. 2)"),
    "heuristic": dict(color="tab:red", marker="D", label="heuristic (Alg. 3)"),
    "exhaustive": dict(color="black", marker="x", label="exhaustive"),
    "lstm": dict(color="tab:green", marker="v", label="Bi-LSTM"),
    "lstm-fp": dict(color="tab:purple", marker="P", label="Bi-LSTM + FP"),
}


def read_rows(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def style(scheme):
    return SCHEME_STYLE.get(scheme, dict(label=scheme))


# 97.5 % quantiles of Student's t for 1...30 degrees of freedom, 1.96 beyond: the same table as
# the report (ReportStatistic.t975, docs/MODEL.md R3), so plots and report.md show one interval.
T975 = [
    12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160, 2.145,
    2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048,
    2.045, 2.042,
]


def t975(df):
    return T975[df - 1] if 1 <= df <= len(T975) else 1.96


def mean_and_ci(values):
    """Mean and the half-width of the 95 % Student-t confidence interval, t(n-1)*s/sqrt(n) (R3)."""
    n = len(values)
    m = sum(values) / n
    if n < 2:
        return m, 0.0
    var = sum((v - m) ** 2 for v in values) / (n - 1)
    return m, t975(n - 1) * math.sqrt(var / n)


def learning_curves(rows, metric, ylabel, title, out):
    by_k = defaultdict(list)
    for r in rows:
        by_k[int(r["vehicles"])].append((int(r["epoch"]), float(r[metric])))
    fig, ax = plt.subplots(figsize=(5, 3.5))
    for k in sorted(by_k):
        pts = sorted(by_k[k])
        ax.plot([p[0] for p in pts], [p[1] for p in pts], label=f"K = {k}")
    ax.set_xlabel("training epoch")
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    ax.grid(alpha=0.3)
    ax.legend()
    fig.tight_layout()
    fig.savefig(out, dpi=120)
    plt.close(fig)


def fig5(rows, out):
    learning_curves(rows, "val_accuracy", "validation accuracy", "Fig. 5: assignment accuracy", out)


def fig6(rows, out):
    learning_curves(rows, "val_mse", "validation MSE", "Fig. 6: beamforming MSE", out)


def rate_sweep(rows, x_column, xlabel, title, out, log_x=False):
    """Mean rate per vehicle with 95 % Student-t intervals over drops (as in report.md), one line per scheme."""
    data = defaultdict(lambda: defaultdict(list))
    for r in rows:
        data[r["scheme"]][int(r[x_column])].append(float(r["rate_per_vehicle_bps_hz"]))
    fig, ax = plt.subplots(figsize=(5, 3.5))
    for scheme in data:
        xs = sorted(data[scheme])
        stats = [mean_and_ci(data[scheme][x]) for x in xs]
        ax.errorbar(xs, [s[0] for s in stats], yerr=[s[1] for s in stats], capsize=2, **style(scheme))
    if log_x:
        ax.set_xscale("log", base=2)
    ax.set_xlabel(xlabel)
    ax.set_ylabel("rate per vehicle (bit/s/Hz)")
    ax.set_title(title)
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(out, dpi=120)
    plt.close(fig)


def fig7(rows, out):
    rate_sweep(rows, "vehicles", "vehicles K", "Fig. 7: rate vs number of vehicles", out)


def fig8(rows, out):
    rate_sweep(rows, "antennas", "antennas N_t = N_r", "Fig. 8: rate vs antennas", out, log_x=True)


def timeseries(rows, title, out):
    """Upper: total rate per policy; lower: gain over distance-mf (as in the paper's Figs. 9-10)."""
    series = defaultdict(list)
    for r in rows:
        series[r["policy"]].append(
            (float(r["time_s"]), float(r["sum_rate_bps_hz"]), float(r["gain_vs_distance_mf_bps_hz"]))
        )
    fig, (top, bottom) = plt.subplots(2, 1, figsize=(6, 5), sharex=True)
    for policy, pts in series.items():
        pts.sort()
        t = [p[0] for p in pts]
        s = dict(style(policy))
        s.pop("marker", None)
        top.plot(t, [p[1] for p in pts], linewidth=0.8, **s)
        if policy != "distance-mf":
            bottom.plot(t, [p[2] for p in pts], linewidth=0.8, **s)
    bottom.axhline(0, color="black", linewidth=0.5)
    top.set_ylabel("sum rate (bit/s/Hz)")
    bottom.set_ylabel("gain vs distance-mf")
    bottom.set_xlabel("time (s)")
    top.set_title(title)
    top.grid(alpha=0.3)
    bottom.grid(alpha=0.3)
    top.legend(fontsize=7, ncol=2)
    fig.tight_layout()
    fig.savefig(out, dpi=120)
    plt.close(fig)


def fig9(rows, out):
    timeseries(rows, "Fig. 9: λ = 5 vehicles/s per direction", out)


def fig10(rows, out):
    timeseries(rows, "Fig. 10: λ = 12.5 vehicles/s per direction", out)


def fig11(rows, out):
    curves = defaultdict(list)
    for r in rows:
        if r.get("rsu", "1") == "1":  # one curve per N: the vehicle as seen by RSU1
            curves[int(r["antennas"])].append((float(r["time_s"]), float(r["rcrb_d_m"])))
    fig, ax = plt.subplots(figsize=(5, 3.5))
    for n in sorted(curves):
        pts = sorted(curves[n])
        ax.plot([p[0] for p in pts], [p[1] for p in pts], label=f"N = {n}")
    ax.set_yscale("log")
    ax.set_xlabel("time (s)")
    ax.set_ylabel("RCRB of distance (m)")
    ax.set_title("Fig. 11: RCRB vs time")
    ax.grid(alpha=0.3, which="both")
    ax.legend()
    fig.tight_layout()
    fig.savefig(out, dpi=120)
    plt.close(fig)


def corridor(rows, out):
    """The corridor (R12): per arrival rate the policies' gain over distance-mf with its 95 %
    batch-means interval (corridor.csv's own columns) and their hand-overs per vehicle-km."""
    rates = []
    for r in rows:
        if r["arrival_rate"] not in rates:
            rates.append(r["arrival_rate"])
    policies = []
    for r in rows:
        if r["policy"] not in policies:
            policies.append(r["policy"])
    fig, (ax_gain, ax_ho) = plt.subplots(1, 2, figsize=(9, 3.5))
    width = 0.8 / max(1, len(policies))
    for i, p in enumerate(policies):
        xs, gains, cis, hos = [], [], [], []
        for j, rate in enumerate(rates):
            match = [r for r in rows if r["policy"] == p and r["arrival_rate"] == rate]
            if not match:
                continue
            r = match[0]
            xs.append(j + (i - (len(policies) - 1) / 2) * width)
            gains.append(float(r["gain_vs_distance_mf_bps_hz"]))
            cis.append(float(r["gain_ci95_bps_hz"]) if r["gain_ci95_bps_hz"] else 0.0)
            hos.append(float(r["handovers_per_vehicle_km"]) if r["handovers_per_vehicle_km"] else 0.0)
        st = style(p)
        ax_gain.bar(xs, gains, width, yerr=cis, capsize=3, color=st.get("color"), label=st["label"])
        ax_ho.bar(xs, hos, width, color=st.get("color"), label=st["label"])
    length = float(rows[0]["length_m"]) / 1000
    for ax in (ax_gain, ax_ho):
        ax.set_xticks(range(len(rates)))
        ax.set_xticklabels([f"λ = {float(x):g}/s" for x in rates])
        ax.grid(alpha=0.3, axis="y")
    ax_gain.set_ylabel("gain over distance-mf (bit/s/Hz)")
    ax_gain.set_title(f"Corridor {length:g} km: gain")
    ax_ho.set_ylabel("hand-overs per vehicle-km")
    ax_ho.set_title("hand-overs")
    ax_gain.legend(fontsize=7)
    fig.tight_layout()
    fig.savefig(out, dpi=120)
    plt.close(fig)


FIGURES = [
    ("fig5.csv", "fig5.png", fig5),
    ("fig6.csv", "fig6.png", fig6),
    ("fig7.csv", "fig7.png", fig7),
    ("fig7_table1_literal.csv", "fig7_table1_literal.png", fig7),
    ("fig8.csv", "fig8.png", fig8),
    ("fig9.csv", "fig9.png", fig9),
    ("fig10.csv", "fig10.png", fig10),
    ("fig11.csv", "fig11.png", fig11),
    ("corridor.csv", "corridor.png", corridor),
]


def main(argv):
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    directory = argv[1]
    if not os.path.isdir(directory):
        print(f"plot_figures: {directory}: not a directory", file=sys.stderr)
        return 2
    written = 0
    for csv_name, png_name, draw in FIGURES:
        src = os.path.join(directory, csv_name)
        if not os.path.exists(src):
            print(f"plot_figures: {csv_name} not found, skipped", file=sys.stderr)
            continue
        try:
            rows = read_rows(src)
            if not rows:
                raise ValueError("no data rows")
            tmp = os.path.join(directory, f".{png_name}.tmp.png")
            draw(rows, tmp)
            os.replace(tmp, os.path.join(directory, png_name))
            written += 1
        except (KeyError, ValueError) as e:
            print(f"plot_figures: {csv_name}: unreadable ({e!r})", file=sys.stderr)
            return 1
    print(f"plot_figures: wrote {written} figure(s) to {directory}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
