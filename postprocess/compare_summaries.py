#!/usr/bin/python3
"""Check that two bendsim runs of the same case gave the same results.

Needs only the Python standard library; run with /usr/bin/python3 (Debian's python3).

    compare_summaries.py [--rtol 1e-8] [--atol 0] [--ignore KEY ...] <folder A> <folder B>

Compares summary.json and history.csv of the two output folders, typically the same case
run on 1 and on 2 MPI ranks, whose results must not depend on the partition.

summary.json: both files must have the same structure (keys, list lengths, strings and
booleans); every number must agree to the relative tolerance --rtol (default 1e-8). Keys
that describe the run rather than its results are skipped wherever they occur: timing_s, linear_algebra,
peak_memory_mb, mpi_ranks, case_file and provenance, plus any given with --ignore.

history.csv: same header, same number of rows, and every entry equal to the same
tolerance, but for the columns given with --ignore.

bendsim writes a limited number of significant digits (10 in summary.json, 8 in
history.csv), so two results that differ far below --rtol can still round to neighbouring
last digits. Two numbers written with the file's full number of significant digits
therefore also count as equal when they differ by no more than one unit in the last digit.
Numbers written with fewer digits (integers such as dofs, round values such as 125) are
exact and must agree to --rtol.

Prints every difference found and exits with status 1 if there is any, 0 otherwise.
"""

import argparse
import csv
import decimal
import json
import os
import sys

SKIPPED_KEYS = {"timing_s", "linear_algebra", "peak_memory_mb", "mpi_ranks", "case_file",
                "provenance"}


def significant_digits(number):
    """Number of significant digits of a Decimal as written (0.00794 has 3)."""
    return len(number.as_tuple().digits)


def last_digit_unit(number, precision):
    """One unit in the last written digit, if number may have been rounded, else 0.

    precision is the number of significant digits the writer uses; a number written with
    fewer digits was not rounded."""
    if significant_digits(number) < precision:
        return decimal.Decimal(0)
    return decimal.Decimal(1).scaleb(number.as_tuple().exponent)


ABSOLUTE_TOLERANCE = decimal.Decimal(0)


def numbers_agree(a, b, rtol, precision):
    """Whether two Decimals read from text agree to rtol, to the absolute tolerance --atol,
    or to their written precision."""
    difference = abs(a - b)
    tolerance = max(decimal.Decimal(rtol) * max(abs(a), abs(b)), ABSOLUTE_TOLERANCE,
                    last_digit_unit(a, precision), last_digit_unit(b, precision))
    return difference <= tolerance


def all_numbers(value, skipped):
    """Every Decimal in a parsed JSON value, except under the keys in skipped."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key not in skipped:
                yield from all_numbers(item, skipped)
    elif isinstance(value, list):
        for item in value:
            yield from all_numbers(item, skipped)
    elif is_number(value):
        yield value


def is_number(value):
    return isinstance(value, decimal.Decimal)


def compare_json(a, b, rtol, precision, skipped, path, differences):
    """Append a line to differences for every mismatch between a and b below path."""
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(set(a) | set(b)):
            if key in skipped:
                continue
            where = f"{path}/{key}"
            if key not in a or key not in b:
                differences.append(f"{where}: only in {'B' if key not in a else 'A'}")
            else:
                compare_json(a[key], b[key], rtol, precision, skipped, where, differences)
    elif isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            differences.append(f"{path}: {len(a)} entries in A, {len(b)} in B")
        for i, (x, y) in enumerate(zip(a, b)):
            compare_json(x, y, rtol, precision, skipped, f"{path}[{i}]", differences)
    elif is_number(a) and is_number(b):
        if not numbers_agree(a, b, rtol, precision):
            differences.append(f"{path}: {a} in A, {b} in B "
                               f"(relative difference {relative_difference(a, b):.3g})")
    elif a != b:
        differences.append(f"{path}: {a!r} in A, {b!r} in B")


def relative_difference(a, b):
    scale = max(abs(a), abs(b))
    return float(abs(a - b) / scale) if scale else 0.0


def read_json(filename):
    # Numbers as Decimal, so that their written precision is known.
    with open(filename, encoding="utf-8") as f:
        return json.load(f, parse_float=decimal.Decimal, parse_int=decimal.Decimal)


def as_decimal(text):
    try:
        return decimal.Decimal(text.strip())
    except decimal.InvalidOperation:
        return None


def compare_csv(file_a, file_b, rtol, skipped, differences):
    with open(file_a, newline="", encoding="utf-8") as f:
        rows_a = list(csv.reader(f))
    with open(file_b, newline="", encoding="utf-8") as f:
        rows_b = list(csv.reader(f))
    if not rows_a or not rows_b:
        differences.append("history.csv: empty file")
        return
    header = rows_a[0]
    if rows_a[0] != rows_b[0]:
        differences.append(f"history.csv: the headers differ:\n  A: {rows_a[0]}\n  B: {rows_b[0]}")
        return
    if len(rows_a) != len(rows_b):
        differences.append(f"history.csv: {len(rows_a) - 1} rows in A, {len(rows_b) - 1} in B")
    precision = max((significant_digits(d) for rows in (rows_a, rows_b) for r in rows[1:]
                     for d in map(as_decimal, r) if d is not None), default=0)
    for row, (a, b) in enumerate(zip(rows_a[1:], rows_b[1:]), start=1):
        if len(a) != len(header) or len(b) != len(header):
            differences.append(f"history.csv row {row}: {len(a)} and {len(b)} entries, "
                               f"header has {len(header)}")
            continue
        for column, x, y in zip(header, a, b):
            if column in skipped:
                continue
            dx, dy = as_decimal(x), as_decimal(y)
            if dx is not None and dy is not None:
                if not numbers_agree(dx, dy, rtol, precision):
                    differences.append(
                        f"history.csv row {row}, {column}: {x} in A, {y} in B "
                        f"(relative difference {relative_difference(dx, dy):.3g})")
            elif x != y:
                differences.append(f"history.csv row {row}, {column}: {x!r} in A, {y!r} in B")


def main():
    parser = argparse.ArgumentParser(
        description="Compare summary.json and history.csv of two bendsim output folders.")
    parser.add_argument("folder_a", help="first output folder (A)")
    parser.add_argument("folder_b", help="second output folder (B)")
    parser.add_argument("--atol", type=float, default=0.,
                        help="absolute tolerance for numbers, for quantities that are "
                        "near zero (default: 0)")
    parser.add_argument("--rtol", type=float, default=1e-8,
                        help="relative tolerance for numbers (default: 1e-8)")
    parser.add_argument("--ignore", action="append", default=[], metavar="KEY",
                        help="also skip this summary.json key (may be repeated)")
    args = parser.parse_args()
    global ABSOLUTE_TOLERANCE
    ABSOLUTE_TOLERANCE = decimal.Decimal(args.atol)

    differences = []
    for name in ("summary.json", "history.csv"):
        for folder in (args.folder_a, args.folder_b):
            if not os.path.isfile(os.path.join(folder, name)):
                differences.append(f"{os.path.join(folder, name)}: no such file")
    if differences:
        print("\n".join(differences), file=sys.stderr)
        return 1

    summary_a = read_json(os.path.join(args.folder_a, "summary.json"))
    summary_b = read_json(os.path.join(args.folder_b, "summary.json"))
    skipped = SKIPPED_KEYS | set(args.ignore)
    precision = max((significant_digits(d) for summary in (summary_a, summary_b)
                     for d in all_numbers(summary, skipped)), default=0)
    compare_json(summary_a, summary_b, args.rtol, precision, skipped, "summary.json",
                 differences)
    compare_csv(os.path.join(args.folder_a, "history.csv"),
                os.path.join(args.folder_b, "history.csv"), args.rtol, set(args.ignore),
                differences)

    print(f"A: {args.folder_a}\nB: {args.folder_b}")
    if differences:
        print(f"{len(differences)} difference(s) beyond a relative tolerance of {args.rtol:g}:",
              file=sys.stderr)
        print("\n".join("  " + d for d in differences), file=sys.stderr)
        return 1
    print(f"summary.json and history.csv agree to a relative tolerance of {args.rtol:g}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
