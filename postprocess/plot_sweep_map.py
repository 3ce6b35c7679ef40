#!/usr/bin/python3
"""Plot a map of a bendsim parameter sweep: one result coloured over two parameters.

Needs numpy and matplotlib (Debian: python3-numpy, python3-matplotlib); run with
/usr/bin/python3. Draws with matplotlib's Agg backend, so no display is needed.

    plot_sweep_map.py <sweep.csv> --x COLUMN --y COLUMN --color COLUMN -o map.png
                      [--contour LEVEL] [--logx] [--logy] [--where COLUMN=VALUE ...]
                      [--color-range LOW,HIGH] [--size 6x5] [--dpi 150] [--title TEXT]
                      [--xlabel TEXT] [--ylabel TEXT] [--color-label TEXT]

The CSV has a header line and one row per sweep point, as `postprocess/sweep.py collect`
writes it (<sweep folder>/sweep.csv): parameter columns named after the case-file entry
(e.g. "Bending/Bending radius"), a 'status' column and result columns (e.g.
"pce_retention_at_1000_cycles", "first_crack_cycle_QD"). COLUMN is a header name, quoted
when it has spaces. Example: the retention after 1000 cycles over the bending radius and
the absorber thickness, with its 90 % contour:

    plot_sweep_map.py sweep.csv --x "Bending/Bending radius" \\
        --y "Stack/Layer QD/Thickness" --color pce_retention_at_1000_cycles \\
        --contour 0.9 --logx -o map.png

The axes and the colour bar are labelled with units for the usual columns (the bending
radius in mm, a layer's thickness in µm, the PCE retention after N cycles, crack
densities per mm, ...), by the column's name otherwise, or as --xlabel, --ylabel and
--color-label say.

With 3 or more points not on one line, the points are triangulated (Delaunay, in the
plotted coordinates, i.e. of log10 x with --logx, each axis scaled to [0, 1]) and the
colour is filled between them (matplotlib tricontourf); --contour draws that level as a
line where the results span it, and otherwise says in the title that they do not. With
fewer points, or points on one line, the map is a scatter of coloured points. Every point
is marked. Points without a value are drawn as grey crosses and left out of the
colouring: those with an empty, 'null' or 'nan' cell, and, if the CSV has sweep.py's
'status' column, those whose status is not 'finished' (failed, missing, outdated).

A map shows two parameters. If the sweep varies more and two points fall on the same
(x, y), the script stops and names the other columns that vary; choose a slice with
--where COLUMN=VALUE (may be repeated). The figure is exactly (width x dpi) x
(height x dpi) pixels.
"""

import argparse
import csv
import math
import re
import sys

try:
    import numpy as np
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import matplotlib.tri as tri
    from matplotlib import ticker
except ImportError as error:
    sys.exit(f"plot_sweep_map.py needs numpy and matplotlib ({error}); "
             "on Debian: apt-get install python3-numpy python3-matplotlib, "
             "and run with /usr/bin/python3")

from plot_history import figure_size, set_log_scale


CASE_FILE_ENTRY = re.compile(r"^[A-Z][^/]*(/[^/]+)+$")


def as_float(text):
    """The number in a CSV cell, or nan for an empty, 'null' or non-numeric cell."""
    try:
        return float(text)
    except (TypeError, ValueError):
        return math.nan


def same_value(cell, wanted):
    """Whether a CSV cell equals a --where value: as numbers if both are, else as text."""
    a, b = as_float(cell), as_float(wanted)
    if math.isfinite(a) and math.isfinite(b):
        return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)
    return cell.strip() == wanted.strip()


def where_condition(text):
    """'Bending/Bending radius=7.5' -> ('Bending/Bending radius', '7.5'); for argparse."""
    column, equals, value = text.rpartition("=")
    if not equals or not column:
        raise argparse.ArgumentTypeError(f"'{text}' is not COLUMN=VALUE")
    return column, value


def color_range(text):
    try:
        low, high = (float(v) for v in text.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not LOW,HIGH, e.g. 0,1")
    if not low < high:
        raise argparse.ArgumentTypeError(f"'{text}': LOW must be below HIGH")
    return low, high


def read_sweep(filename, columns, conditions):
    """The rows of the sweep CSV that satisfy every --where condition, as dicts."""
    try:
        with open(filename, newline="", encoding="utf-8") as f:
            reader = csv.DictReader(f)
            rows = list(reader)
            header = reader.fieldnames or []
    except OSError as error:
        sys.exit(f"{filename}: {error.strerror}")
    for column in columns + [column for column, _ in conditions]:
        if column not in header:
            sys.exit(f"{filename}: no column '{column}'; the columns are: "
                     + ", ".join(f"'{c}'" for c in header))
    selected = [row for row in rows
                if all(same_value(row[column], value) for column, value in conditions)]
    if not rows:
        sys.exit(f"{filename}: no rows")
    if not selected:
        sys.exit(f"{filename}: no row has "
                 + " and ".join(f"{c} = {v}" for c, v in conditions))
    return header, selected


def check_distinct_points(filename, header, rows, x, y, axis_columns):
    """Stop with a hint if two rows share (x, y): the sweep then varies another column."""
    seen = {}
    for row in rows:
        seen.setdefault((as_float(row[x]), as_float(row[y])), []).append(row)
    shared = [group for group in seen.values() if len(group) > 1]
    if not shared:
        return
    group = shared[0]
    varying = [c for c in header if c not in axis_columns
               and len({r[c] for r in group}) > 1]
    # Parameter columns are case-file entries, 'Subsection/Entry' in title case.
    parameters = [c for c in varying if CASE_FILE_ENTRY.match(c)]
    if parameters:
        reason = f"the sweep also varies {', '.join(repr(c) for c in parameters)}"
    elif varying:
        reason = f"they differ only in {', '.join(repr(c) for c in varying)}"
    else:
        reason = "they are duplicates"
    sys.exit(f"{filename}: {len(group)} rows have {x} = {group[0][x]} and "
             f"{y} = {group[0][y]}: {reason}. Choose a slice with --where COLUMN=VALUE.")


def map_coordinates(values, logarithmic):
    """The plotted coordinate of each value (log10 on a log axis), scaled to [0, 1]."""
    v = np.log10(values) if logarithmic else values.astype(float)
    span = v.max() - v.min()
    return (v - v.min()) / span if span > 0 else np.zeros_like(v)


def triangulation(x, y, logx, logy):
    """A Delaunay triangulation of the points in the plotted coordinates, or None if the
    points are fewer than 3 or on one line."""
    if len(x) < 3:
        return None
    u, v = map_coordinates(x, logx), map_coordinates(y, logy)
    centred = np.column_stack([u - u.mean(), v - v.mean()])
    singular_values = np.linalg.svd(centred, compute_uv=False)
    if singular_values[1] <= 1e-9 * singular_values[0]:
        return None
    try:
        triangles = tri.Triangulation(u, v).triangles
    except (RuntimeError, ValueError):
        return None
    return tri.Triangulation(x, y, triangles)


def plot_sweep_map(args):
    columns = [args.x, args.y, args.color]
    header, rows = read_sweep(args.csv, columns, args.where)
    check_distinct_points(args.csv, header, rows, args.x, args.y, columns)

    x = np.array([as_float(row[args.x]) for row in rows])
    y = np.array([as_float(row[args.y]) for row in rows])
    c = np.array([as_float(row[args.color]) for row in rows])
    placed = np.isfinite(x) & np.isfinite(y)
    if args.logx:
        placed &= x > 0
    if args.logy:
        placed &= y > 0
    if not placed.all():
        print(f"{args.csv}: left out {np.count_nonzero(~placed)} row(s) without a usable "
              f"{args.x} or {args.y}", file=sys.stderr)
    # sweep.py's 'status' column: only a finished point's results are current.
    finished = np.array([(row.get("status") or "finished").strip() == "finished"
                         for row in rows])
    with_value = placed & np.isfinite(c) & finished
    without_value = placed & ~with_value
    if not with_value.any():
        sys.exit(f"{args.csv}: no row has a number in '{args.color}'"
                 + (" and status 'finished'" if "status" in header else ""))
    xr, yr, cr = x[with_value], y[with_value], c[with_value]
    low, high = args.color_range or (cr.min(), cr.max())
    if low == high:  # all equal: give the colour scale some width
        low, high = low - 0.5, high + 0.5

    figure, axes = plt.subplots(figsize=args.size, layout="constrained")
    if args.logx:
        set_log_scale(axes, x[placed], "x")
    if args.logy:
        set_log_scale(axes, y[placed], "y")
    notes = []
    mesh = triangulation(xr, yr, args.logx, args.logy)
    levels = ticker.MaxNLocator(10).tick_values(low, high)
    if mesh is not None:
        filled = axes.tricontourf(mesh, np.clip(cr, low, high), levels=levels,
                                  cmap="viridis", extend="neither")
        figure.colorbar(filled, ax=axes, label=args.color_label or column_label(args.color))
        axes.plot(xr, yr, "o", color="black", markersize=3, label="sweep points",
                  clip_on=False)
    else:
        notes.append(f"{len(xr)} point(s), too few or on one line for a map")
        points = axes.scatter(xr, yr, c=cr, vmin=low, vmax=high, cmap="viridis", s=60,
                              edgecolors="black", label="sweep points")
        figure.colorbar(points, ax=axes, label=args.color_label or column_label(args.color))

    if args.contour is not None:
        level = args.contour
        if mesh is not None and cr.min() < level < cr.max():
            lines = axes.tricontour(mesh, cr, levels=[level], colors="white",
                                    linewidths=2)
            axes.clabel(lines, fmt=f"{level:g}", fontsize="small")
        elif mesh is not None:
            notes.append(f"the results ({cr.min():.3g} to {cr.max():.3g}) "
                         f"do not span the contour {level:g}")
        else:
            notes.append(f"no contour {level:g} without a map")
    if without_value.any():
        axes.plot(x[without_value], y[without_value], "x", color="0.5", markersize=8,
                  markeredgewidth=2,
                  label=f"no value ({np.count_nonzero(without_value)})")

    axes.set_xlabel(args.xlabel or column_label(args.x))
    axes.set_ylabel(args.ylabel or column_label(args.y))
    axes.legend(fontsize="small", loc="best")
    title = args.title or column_label(args.color) + (f" (contour {args.contour:g})"
                                        if args.contour is not None else "")
    if args.where:
        title += "\n" + ", ".join(f"{c} = {v}" for c, v in args.where)
    if notes:
        title += "\n(" + "; ".join(notes) + ")"
    axes.set_title(title, fontsize="medium")
    figure.savefig(args.output, dpi=args.dpi)
    plt.close(figure)
    width, height = (round(v * args.dpi) for v in args.size)
    print(f"{args.output}: {width} x {height} pixels, {len(xr)} point(s) with a value, "
          f"{np.count_nonzero(without_value)} without"
          + (f"; {notes[-1]}" if notes else ""))


# Axis labels with units for the columns that bendsim's sweeps usually have; any other
# column is labelled by its name (or by --xlabel, --ylabel, --color-label).
ENTRY_LABELS = (
    (re.compile(r"^Bending/Bending radius$"), lambda m: "bending radius R (mm)"),
    (re.compile(r"^Stack/Layer (.+)/Thickness$"), lambda m: f"{m.group(1)} thickness (µm)"),
    (re.compile(r"^Stack/Layer (.+)/Material$"), lambda m: f"{m.group(1)} material"),
    (re.compile(r"^Cycling/Number of cycles$"), lambda m: "bending cycles"),
    (re.compile(r"^pce_retention_at_(\d+)_cycles$"),
     lambda m: f"PCE retention after {m.group(1)} cycles"),
    (re.compile(r"^final_pce_retention$"), lambda m: "PCE retention at the last cycle"),
    (re.compile(r"^crack_density_(.+)_per_mm$"), lambda m: f"{m.group(1)} cracks (1/mm)"),
    (re.compile(r"^cracks_(.+)$"), lambda m: f"{m.group(1)} cracks"),
    (re.compile(r"^first_crack_cycle_(.+)$"), lambda m: f"first {m.group(1)} crack (cycle)"),
    (re.compile(r"^wall_time_s$"), lambda m: "wall time (s)"),
)


def column_label(column):
    """A readable label, with its unit, for a sweep CSV column."""
    for pattern, label in ENTRY_LABELS:
        match = pattern.match(column)
        if match:
            return label(match)
    return column


def main():
    parser = argparse.ArgumentParser(
        description="Map one result of a bendsim parameter sweep over two of its "
                    "parameters, with an optional contour.")
    parser.add_argument("csv", help="the sweep's CSV (header line, one row per point)")
    parser.add_argument("--x", required=True, metavar="COLUMN", help="column on the x axis")
    parser.add_argument("--y", required=True, metavar="COLUMN", help="column on the y axis")
    parser.add_argument("--color", required=True, metavar="COLUMN",
                        help="column that colours the map")
    parser.add_argument("-o", "--output", required=True, help="PNG to write")
    parser.add_argument("--contour", type=float, metavar="LEVEL",
                        help="draw the contour of --color at this level, e.g. 0.9")
    parser.add_argument("--logx", action="store_true", help="logarithmic x axis")
    parser.add_argument("--logy", action="store_true", help="logarithmic y axis")
    parser.add_argument("--where", type=where_condition, action="append", default=[],
                        metavar="COLUMN=VALUE",
                        help="only rows with this value in COLUMN (may be repeated)")
    parser.add_argument("--color-range", type=color_range, metavar="LOW,HIGH",
                        help="fixed colour scale, e.g. 0,1 (default: the results' range)")
    parser.add_argument("--size", type=figure_size, default=(6.0, 5.0), metavar="WxH",
                        help="figure size in inches (default: 6x5)")
    parser.add_argument("--dpi", type=float, default=150,
                        help="pixels per inch (default: 150)")
    parser.add_argument("--title", help="title (default: the --color column's label)")
    parser.add_argument("--xlabel", help="x axis label (default: from the column, with unit)")
    parser.add_argument("--ylabel", help="y axis label (default: from the column, with unit)")
    parser.add_argument("--color-label", help="colour bar label (default: from the column)")
    plot_sweep_map(parser.parse_args())
    return 0


if __name__ == "__main__":
    sys.exit(main())
