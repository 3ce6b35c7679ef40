#!/usr/bin/python3
"""Plot the PCE retention of several cyclic bendsim runs against the cycle, on one figure.

Needs numpy and matplotlib (Debian: python3-numpy, python3-matplotlib); run with
/usr/bin/python3. Draws with matplotlib's Agg backend, so no display is needed.

    plot_runs.py <folder> [<folder> ...] -o runs.png [--labels QD,thin film]
                 [--measured CYCLE:RETENTION_PERCENT:LABEL ...] [--logx]
                 [--quantity retention | sheet_resistance] [--hline VALUE:LABEL ...]
                 [--size 6x4.5] [--dpi 150] [--title TEXT]

One line per output folder (100 x column PCE_retention of its history.csv against column
cycle, a marker per solved cycle), labelled with --labels (comma-separated, one per folder)
or else with the case's name. A folder of a sweep (point_000, point_001, ... with a
history.csv each, e.g. the seeds of a case) is an ensemble: its mean over the points, the
band from the lowest to the highest point, and each point as a thin line, the histories
interpolated linearly between their solved cycles. --measured adds measured points as
large markers; a fourth field "calibration" marks a point a coefficient was fitted to
(hollow marker, "calibration target" in the legend), e.g. Hu et al. 2021, Fig. 5b:

    plot_runs.py output/qd_device_seeds output/thin_film_device_seeds \\
        --labels "QD,thin film" --measured "100:90:QD:calibration" \\
        --measured "100:75:thin film" -o fig5b.png

Points that share a LABEL form one legend entry; a LABEL that is also a run's label takes
that run's colour and is listed as "<label> (measured)". The figure is exactly
(width x dpi) x (height x dpi) pixels. The x axis is linear from 0, as in Hu et al.'s
figure (--logx: logarithmic). Runs that are still going are plotted up to their last
solved cycle.

--quantity sheet_resistance plots instead the sheet resistance of the flat electrode
(column electrode_sheet_resistance_ohm_per_sq) divided by that of the intact film
(Device/Electrode sheet resistance in the run's parameters.prm), R/R0, from 0;
--hline VALUE:LABEL draws a labelled horizontal
line, e.g. a literature statement that has no cycle count ("1:no change").
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
# --quantity: (history column, its values and folder -> the plotted values, axis label,
# y limits (None: automatic), the reference line of an intact device).
QUANTITIES = {
    "retention": ("PCE_retention", lambda v, folder: 100 * v, "PCE retention (%)",
                  (0, 105), 100),
    "sheet_resistance": ("electrode_sheet_resistance_ohm_per_sq",
                         lambda v, folder: v / intact_sheet_resistance(folder),
                         "sheet resistance of the flat electrode, R/R₀", (0, None), 1),
}


def intact_sheet_resistance(folder):
    """R0: Device/Electrode sheet resistance of the run, from its parameters.prm."""
    path = os.path.join(folder, "parameters.prm")
    try:
        with open(path, encoding="utf-8") as f:
            for line in f:
                words = line.split("=", 1)
                if len(words) == 2 and words[0].split() == ["set", "Electrode", "sheet",
                                                             "resistance"]:
                    return float(words[1].split("#")[0])
    except (OSError, ValueError):
        pass
    sys.exit(f"{path}: no 'Electrode sheet resistance' entry, the intact film's R0")


def measured_point(text):
    """'100:90:QD device[:calibration]' -> (100.0, 90.0, 'QD device', calibration);
    for argparse."""
    parts = text.split(":", 3)
    try:
        cycle, retention = float(parts[0]), float(parts[1])
        label = parts[2].strip()
    except (ValueError, IndexError):
        raise argparse.ArgumentTypeError(
            f"'{text}' is not CYCLE:RETENTION_PERCENT:LABEL[:calibration], "
            "e.g. 100:90:QD device")
    if not label:
        raise argparse.ArgumentTypeError(f"'{text}': the LABEL is empty")
    calibration = len(parts) == 4
    if calibration and parts[3].strip() != "calibration":
        raise argparse.ArgumentTypeError(
            f"'{text}': the fourth field may only be 'calibration'")
    return cycle, retention, label, calibration


def ensemble_points(folder):
    """The point folders of a sweep folder (those with a history.csv), else []."""
    points = sorted(entry.path for entry in os.scandir(folder)
                    if entry.is_dir() and entry.name.startswith("point_")
                    and os.path.isfile(os.path.join(entry.path, "history.csv")))
    return points


def ensemble_retention(points, quantity="retention"):
    """(cycles, the quantity per point): every point's history interpolated
    linearly onto the union of their solved cycles, up to the last cycle all reached."""
    histories = [retention_history(point, quantity) for point in points]
    last = min(np.nanmax(cycles) for cycles, _ in histories)
    grid = np.unique(np.concatenate([cycles for cycles, _ in histories]))
    grid = grid[grid <= last]
    return grid, np.array([np.interp(grid, cycles, retention)
                           for cycles, retention in histories])


def retention_history(folder, quantity="retention"):
    """(cycles, PCE retention in % or the --quantity) of a cyclic run; exits if the run
    is not cyclic."""
    history = read_history(folder)
    if not history.is_cyclic:
        sys.exit(f"{history.filename}: no 'cycle' column: a monotonic run has no PCE "
                 "history (plot it with plot_history.py)")
    column, transform = QUANTITIES[quantity][:2]
    if column not in history:
        sys.exit(f"{history.filename}: no '{column}' column")
    return history["cycle"], transform(np.asarray(history[column], dtype=float), folder)


def run_labels(folders, labels_text):
    if labels_text is not None:
        labels = [label.strip() for label in labels_text.split(",")]
        if len(labels) != len(folders):
            sys.exit(f"--labels gives {len(labels)} label(s) for {len(folders)} folder(s)")
        return labels
    labels = [case_name(folder, read_summary(folder)) if not ensemble_points(folder)
              else os.path.basename(os.path.normpath(folder)) for folder in folders]
    if len(set(labels)) < len(labels):  # the same case run twice: tell them by folder
        labels = [os.path.normpath(folder) for folder in folders]
    return labels


def reference_line(text):
    """'1:no change' -> (1.0, 'no change'); for argparse."""
    value, _, label = text.partition(":")
    try:
        return float(value), label.strip()
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not VALUE:LABEL")


def plot_runs(folders, labels, measured, output, size, dpi, logx, title,
              quantity="retention", lines=()):
    column, _, axis_label, limits, intact = QUANTITIES[quantity]
    figure, axes = plt.subplots(figsize=size, layout="constrained")
    colours = {}
    largest_cycle = 1.0
    for folder, label in zip(folders, labels):
        points = ensemble_points(folder)
        if points:
            cycles, retention = ensemble_retention(points, quantity)
            line, = axes.plot(cycles, retention.mean(axis=0), linewidth=2,
                              label=f"{label}: mean of {len(points)} runs, band lowest "
                                    "to highest")
            axes.fill_between(cycles, retention.min(axis=0), retention.max(axis=0),
                              color=line.get_color(), alpha=0.2, linewidth=0)
            for one in retention:
                axes.plot(cycles, one, color=line.get_color(), linewidth=0.5, alpha=0.6)
        else:
            cycles, retention = retention_history(folder, quantity)
            line, = axes.plot(cycles, retention, marker="o", markersize=3, label=label)
        colours[label] = line.get_color()
        largest_cycle = max(largest_cycle, np.nanmax(cycles))

    groups = list(dict.fromkeys((label, calibration)
                                for _, _, label, calibration in measured))
    for i, (label, calibration) in enumerate(groups):
        points = np.array([(cycle, retention)
                           for cycle, retention, point_label, point_calibration in measured
                           if (point_label, point_calibration) == (label, calibration)])
        in_a_run = label in colours
        text = f"{label} (measured)" if in_a_run else label
        if calibration:
            text += ", calibration target"
        colour = colours.get(label, "0.5")
        axes.plot(points[:, 0], points[:, 1], linestyle="none",
                  marker=MEASURED_MARKERS[i % len(MEASURED_MARKERS)], markersize=9,
                  markeredgecolor="black" if not calibration else colour,
                  markeredgewidth=1.5,
                  color=colour if not calibration else "none", label=text)
        largest_cycle = max(largest_cycle, points[:, 0].max())

    axes.axhline(intact, color="0.6", linestyle=":", linewidth=1)
    for i, (value, text) in enumerate(lines):
        axes.axhline(value, color=f"C{(i + 5) % 10}", linestyle="--", linewidth=1.5,
                     label=text)
    axes.set_xlabel("bending cycles")
    axes.set_ylabel(axis_label)
    axes.set_ylim(*limits)
    if logx:
        cycles = np.array([largest_cycle] + [c for c, _, _, _ in measured] + [1.0])
        set_log_scale(axes, cycles)
    else:
        axes.set_xlim(0, 1.05 * largest_cycle)
    axes.grid(True, color="0.9")
    axes.legend(fontsize="small", loc="best" if quantity == "retention" else "lower right")
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
                        metavar="CYCLE:RETENTION_PERCENT:LABEL[:calibration]",
                        help="a measured point (may be repeated)")
    parser.add_argument("--logx", action="store_true", help="logarithmic cycle axis")
    parser.add_argument("--size", type=figure_size, default=(6.0, 4.5), metavar="WxH",
                        help="figure size in inches (default: 6x4.5)")
    parser.add_argument("--dpi", type=float, default=150,
                        help="pixels per inch (default: 150)")
    parser.add_argument("--title", help="title above the plot (default: none)")
    parser.add_argument("--quantity", choices=sorted(QUANTITIES), default="retention",
                        help="what is plotted (default: retention)")
    parser.add_argument("--hline", type=reference_line, action="append", default=[],
                        metavar="VALUE:LABEL", help="a labelled horizontal line")
    args = parser.parse_args()
    for folder in args.folders:
        if not os.path.isdir(folder):
            sys.exit(f"{folder}: no such folder")
    labels = run_labels(args.folders, args.labels)
    plot_runs(args.folders, labels, args.measured, args.output, args.size, args.dpi,
              args.logx, args.title, args.quantity, args.hline)
    return 0


if __name__ == "__main__":
    sys.exit(main())
