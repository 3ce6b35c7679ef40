#!/usr/bin/python3
"""Plot the PCE retention of several cyclic bendsim runs against the cycle, on one figure.

Needs numpy and matplotlib (Debian: python3-numpy, python3-matplotlib); run with
/usr/bin/python3. Draws with matplotlib's Agg backend, so no display is needed.

    plot_runs.py <folder> [<folder> ...] -o runs.png [--labels QD,thin film]
                 [--measured CYCLE:RETENTION_PERCENT:LABEL ...] [--logx]
                 [--size 6x4.5] [--dpi 150] [--title TEXT]

One line per output folder (100 x column PCE_retention of its history.csv against column
cycle, a marker per solved cycle), labelled with --labels (comma-separated, one per folder)
or else with the case's name. --measured adds measured points as large markers, e.g. the
normalised PCE of Hu et al. 2021, Fig. 5b:

    plot_runs.py output/qd_device output/thin_film_device --labels "QD,thin film" \\
        --measured "100:90:QD" --measured "100:75:thin film" -o fig5b.png

Points that share a LABEL form one legend entry; a LABEL that is also a run's label takes
that run's colour and is listed as "<label> (measured)". The figure is exactly
(width x dpi) x (height x dpi) pixels. The x axis is linear from 0, as in Hu et al.'s
figure (--logx: logarithmic). Runs that are still going are plotted up to their last
solved cycle.
"""

import argparse
import os
import sys

try:
    import numpy as np
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
except ImportError as error:
    sys.exit(f"plot_runs.py needs numpy and matplotlib ({error}); "
             "on Debian: apt-get install python3-numpy python3-matplotlib, "
             "and run with /usr/bin/python3")

from plot_history import (case_name, figure_size, read_history, read_summary,
                          set_log_scale)

MEASURED_MARKERS = ["s", "D", "^", "v", "P", "X", "*"]


def measured_point(text):
    """'100:90:QD device' -> (100.0, 90.0, 'QD device'); for argparse."""
    parts = text.split(":", 2)
    try:
        cycle, retention = float(parts[0]), float(parts[1])
        label = parts[2].strip()
    except (ValueError, IndexError):
        raise argparse.ArgumentTypeError(
            f"'{text}' is not CYCLE:RETENTION_PERCENT:LABEL, e.g. 100:90:QD device")
    if not label:
        raise argparse.ArgumentTypeError(f"'{text}': the LABEL is empty")
    return cycle, retention, label


def retention_history(folder):
    """(cycles, PCE retention in %) of a cyclic run; exits if the run is not cyclic."""
    history = read_history(folder)
    if not history.is_cyclic:
        sys.exit(f"{history.filename}: no 'cycle' column: a monotonic run has no PCE "
                 "history (plot it with plot_history.py)")
    if "PCE_retention" not in history:
        sys.exit(f"{history.filename}: no 'PCE_retention' column")
    return history["cycle"], 100 * history["PCE_retention"]


def run_labels(folders, labels_text):
    if labels_text is not None:
        labels = [label.strip() for label in labels_text.split(",")]
        if len(labels) != len(folders):
            sys.exit(f"--labels gives {len(labels)} label(s) for {len(folders)} folder(s)")
        return labels
    labels = [case_name(folder, read_summary(folder)) for folder in folders]
    if len(set(labels)) < len(labels):  # the same case run twice: tell them by folder
        labels = [os.path.normpath(folder) for folder in folders]
    return labels


def plot_runs(folders, labels, measured, output, size, dpi, logx, title):
    figure, axes = plt.subplots(figsize=size, layout="constrained")
    colours = {}
    largest_cycle = 1.0
    for folder, label in zip(folders, labels):
        cycles, retention = retention_history(folder)
        line, = axes.plot(cycles, retention, marker="o", markersize=3, label=label)
        colours[label] = line.get_color()
        largest_cycle = max(largest_cycle, np.nanmax(cycles))

    measured_labels = list(dict.fromkeys(label for _, _, label in measured))
    for i, label in enumerate(measured_labels):
        points = np.array([(cycle, retention) for cycle, retention, point_label in measured
                           if point_label == label])
        in_a_run = label in colours
        axes.plot(points[:, 0], points[:, 1], linestyle="none",
                  marker=MEASURED_MARKERS[i % len(MEASURED_MARKERS)], markersize=9,
                  markeredgecolor="black", color=colours.get(label, "0.5"),
                  label=f"{label} (measured)" if in_a_run else label)
        largest_cycle = max(largest_cycle, points[:, 0].max())

    axes.axhline(100, color="0.6", linestyle=":", linewidth=1)
    axes.set_xlabel("bending cycles")
    axes.set_ylabel("PCE retention (%)")
    axes.set_ylim(0, 105)
    if logx:
        cycles = np.array([largest_cycle] + [c for c, _, _ in measured] + [1.0])
        set_log_scale(axes, cycles)
    else:
        axes.set_xlim(0, 1.05 * largest_cycle)
    axes.grid(True, color="0.9")
    axes.legend(fontsize="small", loc="best")
    if title:
        axes.set_title(title, fontsize="medium")
    figure.savefig(output, dpi=dpi)
    plt.close(figure)
    width, height = (round(v * dpi) for v in size)
    print(f"{output}: {width} x {height} pixels, {len(folders)} run(s), "
          f"{len(measured)} measured point(s)")


def main():
    parser = argparse.ArgumentParser(
        description="Plot the PCE retention of several cyclic bendsim runs against the "
                    "cycle, with optional measured points.")
    parser.add_argument("folders", nargs="+", metavar="folder",
                        help="a bendsim output folder of a cyclic run (with history.csv)")
    parser.add_argument("-o", "--output", required=True, help="PNG to write")
    parser.add_argument("--labels", help="comma-separated legend labels, one per folder "
                        "(default: the case names)")
    parser.add_argument("--measured", type=measured_point, action="append", default=[],
                        metavar="CYCLE:RETENTION_PERCENT:LABEL",
                        help="a measured point (may be repeated)")
    parser.add_argument("--logx", action="store_true", help="logarithmic cycle axis")
    parser.add_argument("--size", type=figure_size, default=(6.0, 4.5), metavar="WxH",
                        help="figure size in inches (default: 6x4.5)")
    parser.add_argument("--dpi", type=float, default=150,
                        help="pixels per inch (default: 150)")
    parser.add_argument("--title", help="title above the plot (default: none)")
    args = parser.parse_args()
    for folder in args.folders:
        if not os.path.isdir(folder):
            sys.exit(f"{folder}: no such folder")
    labels = run_labels(args.folders, args.labels)
    plot_runs(args.folders, labels, args.measured, args.output, args.size, args.dpi,
              args.logx, args.title)
    return 0


if __name__ == "__main__":
    sys.exit(main())
