#!/usr/bin/python3
"""Reduce the runs of a sweep folder (e.g. the seeds of a case) to a table at chosen cycles.

Needs only the Python standard library; run with /usr/bin/python3 (Debian's python3).

    ensemble_table.py <sweep folder> [--cycles 1,10,100,1000] [--columns COL,COL,...]
                      [--format markdown|csv]

For every point_NNN/history.csv of the folder and every requested cycle, takes the row of
the last solved cycle at or before it (the state a jump carried on to that cycle), and
prints per column the mean, the lowest and the highest value over the points, and the
number of points that reached the cycle. Default columns: PCE_retention, then every
cracks_<layer>, delaminated_fraction_<interface> and electrode_sheet_resistance column
of the first history that is not 0 in every run at every cycle. A cycle that no point
reached is left out.
"""

import argparse
import csv
import os
import sys


def histories(folder):
    points = sorted(entry.path for entry in os.scandir(folder)
                    if entry.is_dir() and entry.name.startswith("point_"))
    result = []
    for point in points:
        filename = os.path.join(point, "history.csv")
        if not os.path.isfile(filename):
            continue
        with open(filename, encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
        if rows and "cycle" in rows[0]:
            result.append((point, rows))
    if not result:
        sys.exit(f"{folder}: no point_*/history.csv of a cyclic run")
    return result


def default_columns(header):
    wanted = ["PCE_retention"]
    wanted += [c for c in header if c.startswith("cracks_")]
    wanted += [c for c in header if c.startswith("delaminated_fraction_")]
    wanted += [c for c in header if c == "electrode_sheet_resistance_ohm_per_sq"]
    return wanted


def state_at(rows, cycle):
    """The last row at or before @p cycle, or None if the run has not reached it."""
    if int(rows[-1]["cycle"]) < cycle:
        return None
    chosen = None
    for row in rows:
        if int(row["cycle"]) <= cycle:
            chosen = row
    return chosen


def main():
    parser = argparse.ArgumentParser(
        description="Mean and range over the runs of a sweep folder at chosen cycles.")
    parser.add_argument("folder", help="a sweep folder with point_NNN/history.csv")
    parser.add_argument("--cycles", default="1,10,100,1000",
                        help="comma-separated cycles (default: 1,10,100,1000)")
    parser.add_argument("--columns", help="comma-separated history.csv columns "
                        "(default: retention, cracks, delaminated fractions)")
    parser.add_argument("--format", choices=["markdown", "csv"], default="markdown")
    args = parser.parse_args()
    if not os.path.isdir(args.folder):
        sys.exit(f"{args.folder}: no such folder")
    try:
        cycles = [int(c) for c in args.cycles.split(",")]
    except ValueError:
        sys.exit(f"--cycles '{args.cycles}': not a comma-separated list of integers")

    runs = histories(args.folder)
    header = list(runs[0][1][0].keys())
    columns = (args.columns.split(",") if args.columns else default_columns(header))
    for column in columns:
        if column not in header:
            sys.exit(f"{runs[0][0]}/history.csv: no column '{column}'")
    if not args.columns:
        columns = [c for c in columns if c == "PCE_retention" or
                   any(float(row[c]) != 0 for _, rows in runs for row in rows)]

    table = []
    for cycle in cycles:
        states = [state_at(rows, cycle) for _, rows in runs]
        states = [s for s in states if s is not None]
        if not states:
            continue
        entry = [cycle, len(states)]
        for column in columns:
            values = [float(s[column]) for s in states]
            entry.append((sum(values) / len(values), min(values), max(values)))
        table.append(entry)

    if args.format == "csv":
        out = csv.writer(sys.stdout)
        out.writerow(["cycle", "runs"] + [f"{c}_{s}" for c in columns
                                           for s in ("mean", "min", "max")])
        for cycle, n, *stats in table:
            out.writerow([cycle, n] + [f"{v:.6g}" for s in stats for v in s])
        return 0
    print("| cycle | runs | " + " | ".join(columns) + " |")
    print("|---" * (len(columns) + 2) + "|")
    for cycle, n, *stats in table:
        cells = [f"{mean:.4g} ({low:.4g}-{high:.4g})" for mean, low, high in stats]
        print(f"| {cycle} | {n} | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
