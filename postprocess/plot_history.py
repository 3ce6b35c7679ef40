#!/usr/bin/python3
"""Plot the history of one bendsim run: PCE retention, crack densities and delamination.

Needs numpy and matplotlib (Debian: python3-numpy, python3-matplotlib); run with
/usr/bin/python3. Draws with matplotlib's Agg backend, so no display is needed.

    plot_history.py <output folder> [-o history.png] [--size 7x8] [--dpi 150] [--linear]

Reads <output folder>/history.csv (and summary.json if the run has finished) and writes one
PNG, by default <output folder>/history.png, of exactly (width x dpi) x (height x dpi) pixels.

  - Cyclic bending (history.csv has a 'cycle' column), against the cycle on a log axis
    (--linear: a linear one), one marker per solved cycle:
      1. PCE retention in % (column PCE_retention);
      2. crack density of each layer, cracks/mm (columns crack_density_<layer>_per_mm);
      3. delaminated fraction of each interface, % (columns delaminated_fraction_<a>/<b>).
  - Monotonic bending (rows are load steps): panels 2 and 3 against the bending radius,
    which falls from left to right. PCE is evaluated in cyclic runs only.

Only layers and interfaces that are cracked or delaminated at some row get a line. The others
are named in the panel ("no cracks: QD"), crackable ones only when summary.json says which
are crackable. history.csv grows during a run, so the script can be run on a running case.

plot_runs.py and plot_sweep_map.py import helpers from here.
"""

import argparse
import json
import math
import os
import re
import sys

try:
    import numpy as np
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib import ticker
except ImportError as error:
    sys.exit(f"plot_history.py needs numpy and matplotlib ({error}); "
             "on Debian: apt-get install python3-numpy python3-matplotlib, "
             "and run with /usr/bin/python3")

CRACK_DENSITY = re.compile(r"^crack_density_(.+)_per_mm$")
DELAMINATED_FRACTION = re.compile(r"^delaminated_fraction_(.+)$")


class History:
    """The columns of a bendsim history.csv as float arrays, in the file's column order."""

    def __init__(self, filename, header, rows):
        self.filename = filename
        self.header = header
        self.columns = {}
        for i, name in enumerate(header):
            self.columns[name] = np.array([as_float(row[i]) for row in rows])

    def __contains__(self, name):
        return name in self.columns

    def __getitem__(self, name):
        return self.columns[name]

    @property
    def rows(self):
        return len(next(iter(self.columns.values())))

    @property
    def is_cyclic(self):
        return "cycle" in self.columns

    def matching(self, pattern):
        """[(name captured by the pattern's group, column values)] in the file's order."""
        return [(match.group(1), self.columns[column]) for column in self.header
                for match in [pattern.match(column)] if match]


def as_float(text):
    try:
        return float(text)
    except ValueError:
        return math.nan


def read_history(folder):
    """The History of a bendsim output folder; exits with a clear message if it has none."""
    filename = os.path.join(folder, "history.csv")
    if not os.path.isfile(filename):
        sys.exit(f"{filename}: no such file (is {folder} a bendsim output folder?)")
    with open(filename, encoding="utf-8") as f:
        lines = [line.rstrip("\n").split(",") for line in f if line.strip()]
    if len(lines) < 2:
        sys.exit(f"{filename}: no rows yet (the run has not finished its first step)")
    header, rows = lines[0], lines[1:]
    for number, row in enumerate(rows, start=2):
        if len(row) != len(header):
            sys.exit(f"{filename}, line {number}: {len(row)} values, "
                     f"the header names {len(header)} columns")
    return History(filename, header, rows)


def read_summary(folder):
    """summary.json of a finished run as a dict, or {} while the run is still going."""
    filename = os.path.join(folder, "summary.json")
    if not os.path.isfile(filename):
        return {}
    with open(filename, encoding="utf-8") as f:
        return json.load(f)


def case_name(folder, summary):
    """The case file's name without .prm, or the folder's name if there is no summary."""
    case_file = summary.get("case_file")
    if case_file:
        return os.path.splitext(os.path.basename(case_file))[0]
    return os.path.basename(os.path.normpath(folder))


def figure_size(text):
    """'7x8' -> (7.0, 8.0) inches; for argparse."""
    try:
        width, height = (float(v) for v in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not WIDTHxHEIGHT in inches, e.g. 7x8")
    if not (width > 0 and height > 0):
        raise argparse.ArgumentTypeError(f"'{text}': width and height must be positive")
    return width, height


def crackable_names(summary, key):
    """Names of the crackable layers (key 'layers') or interfaces ('interfaces'), or None
    if there is no summary.json to tell."""
    if key not in summary:
        return None
    return [entry["name"] for entry in summary[key] if entry.get("crackable")]


def plot_series(axes, x, series, scale, crackable, what_is_zero, nothing_text):
    """Plot the (name, values) series that are nonzero somewhere; name the others.

    crackable: names that can crack (None: unknown, then every zero series is named).
    what_is_zero: e.g. 'no cracks', for the note that lists the zero series.
    nothing_text: the note when no series is nonzero."""
    nonzero = [(name, values) for name, values in series if np.nanmax(np.abs(values)) > 0]
    zero = [name for name, values in series if np.nanmax(np.abs(values)) == 0
            and (crackable is None or name in crackable)]
    for name, values in nonzero:
        axes.plot(x, scale * values, marker="o", markersize=3, label=name)
    if nonzero:
        title = f"{what_is_zero}: {', '.join(zero)}" if zero else None
        legend = axes.legend(title=title, fontsize="small", title_fontsize="small",
                             loc="best")
        legend.get_title().set_color("0.35")
    else:
        note = nothing_text
        if zero and crackable is not None:
            note += f"\n(crackable: {', '.join(zero)})"
        write_note(axes, note)
        axes.set_ylim(-0.05, 1)


def write_note(axes, note):
    """A grey note in the middle of an empty panel."""
    axes.text(0.5, 0.5, note, transform=axes.transAxes, ha="center", va="center",
              color="0.35")


def set_log_scale(axes, values, which="x"):
    """Log scale on the x (or y) axis, with plain numbers (1, 10, 100, 0.3) as tick labels;
    the ticks between decades are labelled too when the values span less than a decade."""
    if which == "x":
        axes.set_xscale("log")
        axis = axes.xaxis
    else:
        axes.set_yscale("log")
        axis = axes.yaxis
    plain = ticker.FuncFormatter(lambda value, position: f"{value:g}")
    axis.set_major_formatter(plain)
    positive = values[np.isfinite(values) & (values > 0)]
    narrow = positive.size > 0 and np.log10(positive.max() / positive.min()) < 1
    axis.set_minor_formatter(plain if narrow else ticker.NullFormatter())


def plot_history(folder, output, size, dpi, linear):
    history = read_history(folder)
    summary = read_summary(folder)
    name = case_name(folder, summary)
    crack_densities = history.matching(CRACK_DENSITY)
    delaminated_fractions = history.matching(DELAMINATED_FRACTION)
    radius = history["bending_radius_mm"][-1] if "bending_radius_mm" in history else math.nan

    if history.is_cyclic:
        x = history["cycle"]
        x_label = "cycle"
        panels = 3
        finished = "" if summary else " (unfinished: no summary.json)"
        title = (f"{name}: cyclic bending to R = {radius:.4g} mm\n"
                 f"{history.rows} solved cycles up to cycle {x[-1]:.0f}{finished}")
    else:
        if "bending_radius_mm" not in history:
            sys.exit(f"{history.filename}: neither a 'cycle' nor a 'bending_radius_mm' column")
        x = history["bending_radius_mm"]
        keep = np.isfinite(x) & (x > 0)
        if not keep.any():
            sys.exit(f"{history.filename}: no finite bending radius in any row")
        x = x[keep]
        crack_densities = [(n, v[keep]) for n, v in crack_densities]
        delaminated_fractions = [(n, v[keep]) for n, v in delaminated_fractions]
        x_label = "bending radius (mm)"
        panels = 2
        title = (f"{name}: monotonic bending to R = {radius:.4g} mm, {len(x)} load steps\n"
                 f"(PCE is evaluated in cyclic runs only)")

    figure, axes = plt.subplots(panels, 1, sharex=True, figsize=size, layout="constrained")
    figure.suptitle(title, fontsize="medium")
    crack_axes, delamination_axes = axes[-2], axes[-1]

    if history.is_cyclic:
        retention_axes = axes[0]
        if "PCE_retention" in history:
            retention = 100 * history["PCE_retention"]
            retention_axes.plot(x, retention, marker="o", markersize=3, color="black")
            retention_axes.axhline(100, color="0.6", linestyle=":", linewidth=1)
            retention_axes.annotate(f"{retention[-1]:.1f} %", (x[-1], retention[-1]),
                                    textcoords="offset points", xytext=(4, 4),
                                    fontsize="small")
            retention_axes.set_ylim(0, 105)
        else:
            write_note(retention_axes, "no PCE_retention column in history.csv")
        retention_axes.set_ylabel("PCE retention (%)")

    if crack_densities:
        plot_series(crack_axes, x, crack_densities, 1.0,
                    crackable_names(summary, "layers"), "no cracks",
                    "no through-thickness cracks in any layer")
    else:
        write_note(crack_axes, "no crack statistics in history.csv (fracture off)")
    crack_axes.set_ylabel("crack density (cracks/mm)")

    if delaminated_fractions:
        plot_series(delamination_axes, x, delaminated_fractions, 100.0,
                    crackable_names(summary, "interfaces"), "not delaminated",
                    "no interface delaminated")
    else:
        write_note(delamination_axes, "no delamination statistics in history.csv")
    delamination_axes.set_ylabel("delaminated fraction (%)")

    last = axes[-1]
    last.set_xlabel(x_label)
    if not linear:
        set_log_scale(last, x)
    if not history.is_cyclic:
        last.invert_xaxis()  # the radius falls as the load grows
    for a in axes:
        a.grid(True, which="major", color="0.9")

    figure.savefig(output, dpi=dpi)
    plt.close(figure)
    width, height = (round(v * dpi) for v in size)
    print(f"{output}: {width} x {height} pixels, {history.rows} rows of {history.filename}")


def main():
    parser = argparse.ArgumentParser(
        description="Plot PCE retention, crack densities and delamination of one bendsim "
                    "run (cyclic: against the cycle; monotonic: against the bending radius).")
    parser.add_argument("folder", help="a bendsim output folder (with history.csv)")
    parser.add_argument("-o", "--output", help="PNG to write (default: <folder>/history.png)")
    parser.add_argument("--size", type=figure_size, default=(7.0, 8.0), metavar="WxH",
                        help="figure size in inches (default: 7x8)")
    parser.add_argument("--dpi", type=float, default=150,
                        help="pixels per inch (default: 150)")
    parser.add_argument("--linear", action="store_true",
                        help="linear instead of logarithmic x axis")
    args = parser.parse_args()
    if not os.path.isdir(args.folder):
        sys.exit(f"{args.folder}: no such folder")
    output = args.output or os.path.join(args.folder, "history.png")
    plot_history(args.folder, output, args.size, args.dpi, args.linear)
    return 0


if __name__ == "__main__":
    sys.exit(main())
