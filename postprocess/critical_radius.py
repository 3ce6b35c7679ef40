#!/usr/bin/python3
"""Smallest bending radius at which a device keeps a given PCE retention after N cycles.

Needs only the Python standard library; run with /usr/bin/python3 (Debian's python3).

    critical_radius.py BASE.prm --cycles N [--target 0.9] [--lower R_lo] [--upper R_hi]
                       [--tolerance 0.02] [--ranks R] [--folder F] [--bendsim PATH]
                       [--set "Entry/Path=value" ...]

Runs BASE.prm in cyclic bending for N cycles at different bending radii (mm) and finds,
by bisection, the smallest radius whose PCE retention after N cycles is at least --target:
the critical radius R_c. The retention after N cycles is PCE_retention in the row of
history.csv at cycle N (each run is set to `Cycling/Number of cycles = N`).

Assumption: the retention falls (or stays) as the radius shrinks, so that the radii that
meet the target are those above R_c. The script warns when the evaluated radii contradict
this (a radius that meets the target below one that does not); the result is then one
of possibly several crossings.

Bounds: with --upper and --lower, the upper radius must meet the target and the lower
must not; otherwise the script stops, naming the wrong bound and its retention. A bound
not given is searched for: from the other bound, or from the base case's bending radius,
the radius is doubled until the target is met (upper) or halved until it is missed
(lower), at most 6 times.

Bisection: the bracket (lower, upper] is halved at its midpoint (rounded to 6 significant
digits) until its width is at most --tolerance times the upper radius (default 0.02: 2 %).
R_c is reported as the bracket's upper end, the smallest evaluated radius that meets the
target, so R_c lies in (lower, upper].

Runs: each radius runs in its own folder F/R_<radius>mm (default F:
output/critical_radius/<case name>_<N>_cycles, relative to the working directory), with
the case file written as sweep.py writes a sweep point's: BASE.prm followed by
`Loading/Type = cyclic bending`, `Cycling/Number of cycles = N`, `Bending/Bending radius`,
`Output/Write VTU = false`, the --set entries (paths as in sweep.py: "Mesh/Cells along
segment=20"; a library or mesh file given there is relative to the working directory)
and absolute paths for the output folder, material library and mesh file.
A radius whose folder holds a summary.json for the same case file is not run again,
so an interrupted search resumes where it stopped, and a search with other bounds or a
finer tolerance re-uses every radius already run. bendsim is run as
`$MPIEXEC $MPIEXEC_OPTIONS -np R bendsim case.prm` (see sweep.py), on --ranks R ranks
(default 1); the executable is --bendsim, else $BENDSIM, else this repository's
build/bendsim.

Writes F/critical_radius.csv (every evaluated radius, its retention, whether it meets the
target, its folder), prints each evaluation, then the bracket and R_c. Exit status 0 when
R_c was found, 1 when a bound is wrong, a bound was not found or a run failed, 2 on bad
arguments.
"""

import argparse
import csv
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sweep  # noqa: E402  (the case writing and running of postprocess/sweep.py)

MAX_EXPANSIONS = 6


class SearchError(Exception):
    """The search cannot go on: a wrong bound, no bound found, or a failed run."""


def radius_text(radius):
    """A radius in mm, rounded to 6 significant digits, as written in case files."""
    return f"{radius:.6g}"


def retention_after(folder, cycles):
    """PCE_retention in the last row of folder/history.csv with cycle <= cycles."""
    path = os.path.join(folder, "history.csv")
    try:
        with open(path, newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
    except OSError as e:
        raise SearchError(f"{path}: cannot read it: {e.strerror}") from e
    if not rows or "cycle" not in rows[0] or "PCE_retention" not in rows[0]:
        raise SearchError(f"{path}: no 'cycle' and 'PCE_retention' columns: is the case a "
                          "cyclic bending case with a device?")
    rows = [row for row in rows if int(row["cycle"]) <= cycles]
    if not rows or int(rows[-1]["cycle"]) != cycles:
        reached = rows[-1]["cycle"] if rows else "none"
        raise SearchError(f"{path}: no row at cycle {cycles} (last row at or below it: "
                          f"{reached})")
    return float(rows[-1]["PCE_retention"])


class Search:
    """Runs of the base case at different radii, and their PCE retentions."""

    def __init__(self, args, overrides):
        self.base = os.path.abspath(args.base)
        self.cycles = args.cycles
        self.target = args.target
        self.ranks = args.ranks
        self.bendsim = args.bendsim
        self.folder = os.path.abspath(args.folder)
        self.overrides = overrides
        self.retentions = {}   # radius text -> retention
        self.how = {}          # radius text -> "run" or "reused"
        self.csv_path = os.path.join(self.folder, "critical_radius.csv")

    def run_folder(self, text):
        return os.path.join(self.folder, f"R_{text}mm")

    def retention(self, radius):
        """The PCE retention after the search's cycles at radius (mm), run if needed."""
        text = radius_text(radius)
        if text in self.retentions:
            return self.retentions[text]
        folder = self.run_folder(text)
        overrides = {"Loading/Type": "cyclic bending",
                     "Cycling/Number of cycles": str(self.cycles),
                     "Bending/Bending radius": text,
                     "Output/Write VTU": "false"}
        overrides.update(self.overrides)
        case_text = sweep.case_file_text(
            self.base, folder, overrides,
            f"critical_radius.py: R = {text} mm, {self.cycles} cycles")
        if sweep.prepare_point(folder, case_text):
            how = "reused"
        else:
            run = sweep.Run(f"R = {text} mm", folder)
            sweep.run_all([run], 1, self.ranks, self.bendsim, lambda run: None)
            if not run.succeeded:
                raise SearchError(f"the run at R = {text} mm failed: {run.failure()}")
            how = f"run in {run.wall_time:.1f} s"
        retention = retention_after(folder, self.cycles)
        self.retentions[text] = retention
        self.how[text] = "reused" if how == "reused" else "run"
        relation = ">=" if retention >= self.target else "<"
        print(f"R = {text:>8} mm: PCE retention after {self.cycles} cycles {retention:.4f} "
              f"{relation} {self.target:g}  ({how})", flush=True)
        self.write_csv()
        return retention

    def meets(self, radius):
        return self.retention(radius) >= self.target

    def write_csv(self):
        os.makedirs(self.folder, exist_ok=True)
        with open(self.csv_path + ".tmp", "w", newline="", encoding="utf-8") as f:
            writer = csv.writer(f)
            writer.writerow(["radius_mm", f"pce_retention_after_{self.cycles}_cycles",
                             "meets_target", "run", "folder"])
            for text in sorted(self.retentions, key=float):
                retention = self.retentions[text]
                writer.writerow([text, f"{retention:.10g}",
                                 "yes" if retention >= self.target else "no",
                                 self.how[text], self.run_folder(text)])
        os.replace(self.csv_path + ".tmp", self.csv_path)

    def non_monotonic(self):
        """Pairs (smaller radius meeting the target, larger radius missing it)."""
        radii = sorted(self.retentions, key=float)
        return [(a, b) for i, a in enumerate(radii) for b in radii[i + 1:]
                if self.retentions[a] >= self.target > self.retentions[b]]

    def describe(self, radius):
        text = radius_text(radius)
        return f"{text} mm (retention {self.retentions[text]:.4f})"


def find_bracket(search, lower, upper, start):
    """(lower, upper): lower misses the target, upper meets it; given bounds are checked,
    missing ones searched for from start (see the module's documentation)."""
    if upper is not None and not search.meets(upper):
        raise SearchError(
            f"the upper bound is wrong: at R = {search.describe(upper)} the retention is "
            f"below the target {search.target:g}; give a larger --upper")
    if lower is not None and search.meets(lower):
        raise SearchError(
            f"the lower bound is wrong: at R = {search.describe(lower)} the retention "
            f"already meets the target {search.target:g}, so the critical radius is "
            "smaller; give a smaller --lower")
    if upper is None:
        upper = 2 * lower if lower is not None else start
        for _ in range(MAX_EXPANSIONS):
            if search.meets(upper):
                break
            lower = upper
            upper *= 2
        else:
            if not search.meets(upper):
                raise SearchError(f"no upper bound found: even at R = "
                                  f"{search.describe(upper)} the retention is below the "
                                  f"target {search.target:g}")
    if lower is None:
        lower = upper / 2
        for _ in range(MAX_EXPANSIONS):
            if not search.meets(lower):
                break
            upper = lower
            lower /= 2
        else:
            if search.meets(lower):
                raise SearchError(f"no lower bound found: even at R = "
                                  f"{search.describe(lower)} the retention meets the "
                                  f"target {search.target:g}")
    return lower, upper


def bisect(search, lower, upper, tolerance):
    """Halve the bracket (lower, upper] until its width is at most tolerance * upper."""
    while upper - lower > tolerance * upper:
        middle = float(radius_text((lower + upper) / 2))
        if middle <= lower or middle >= upper:
            break  # the bracket is as narrow as 6 significant digits allow
        if search.meets(middle):
            upper = middle
        else:
            lower = middle
    return lower, upper


def parse_overrides(settings, parser):
    """{"Entry/Path": value} from --set "Entry/Path=value" options."""
    reserved = {"Loading/Type", "Cycling/Number of cycles", "Bending/Bending radius",
                "Output folder"}
    overrides = {}
    for setting in settings:
        path, separator, value = setting.partition("=")
        path, value = path.strip(), value.strip()
        if not separator or not path or not value or "#" in setting:
            parser.error(f"--set {setting!r}: expected \"Subsection/Entry=value\" (no '#')")
        if path in reserved:
            parser.error(f"--set {setting!r}: the search sets '{path}' itself")
        if path in sweep.PATH_ENTRIES:
            value = os.path.abspath(value)
        overrides[path] = value
    return overrides


def main():
    parser = argparse.ArgumentParser(
        description="Find the smallest bending radius whose PCE retention after N cycles "
                    "is at least a target, by bisection over bendsim runs.")
    parser.add_argument("base", metavar="BASE.prm", help="the case to bend (a device case)")
    parser.add_argument("--cycles", type=int, required=True, metavar="N",
                        help="bending cycles after which the retention is taken")
    parser.add_argument("--target", type=float, default=0.9,
                        help="PCE retention to keep, in (0, 1] (default: 0.9)")
    parser.add_argument("--lower", type=float, metavar="R_lo",
                        help="a radius (mm) below the critical one (default: searched for)")
    parser.add_argument("--upper", type=float, metavar="R_hi",
                        help="a radius (mm) above the critical one (default: searched for)")
    parser.add_argument("--tolerance", type=float, default=0.02,
                        help="final bracket width relative to its upper radius "
                             "(default: 0.02)")
    parser.add_argument("--ranks", type=int, default=1, metavar="R",
                        help="MPI ranks per run (default: 1)")
    parser.add_argument("--folder", metavar="F",
                        help="folder of the runs (default: output/critical_radius/"
                             "<case name>_<N>_cycles)")
    parser.add_argument("--set", action="append", default=[], metavar="PATH=VALUE",
                        dest="settings",
                        help="also set this entry in every run, e.g. \"Mesh/Cells along "
                             "segment=20\" (may be repeated)")
    parser.add_argument("--bendsim", default=sweep.default_bendsim(),
                        help="bendsim executable (default: $BENDSIM, else build/bendsim of "
                             "this repository)")
    args = parser.parse_args()

    if args.cycles < 1:
        parser.error("--cycles must be >= 1")
    if not 0 < args.target <= 1:
        parser.error("--target must be in (0, 1]")
    if not 0 < args.tolerance < 1:
        parser.error("--tolerance must be in (0, 1)")
    if args.ranks < 1:
        parser.error("--ranks must be >= 1")
    for name in ("lower", "upper"):
        value = getattr(args, name)
        if value is not None and value <= 0:
            parser.error(f"--{name} must be > 0 (a radius in mm)")
    if args.lower is not None and args.upper is not None and args.lower >= args.upper:
        parser.error("--lower must be smaller than --upper")
    if not os.path.isfile(args.base):
        parser.error(f"no case file {args.base}")
    overrides = parse_overrides(args.settings, parser)
    case_name = os.path.splitext(os.path.basename(args.base))[0]
    if args.folder is None:
        args.folder = os.path.join("output", "critical_radius",
                                   f"{case_name}_{args.cycles}_cycles")

    start_time = time.monotonic()
    try:
        args.bendsim = sweep.check_bendsim(args.bendsim)
        entries = sweep.read_case_entries(args.base)
        base_radius = float(entries.get("Bending/Bending radius", "7.5"))
        search = Search(args, overrides)
        print(f"critical radius of {args.base}: PCE retention >= {args.target:g} after "
              f"{args.cycles} cycles; runs in {search.folder}", flush=True)
        lower, upper = find_bracket(search, args.lower, args.upper, base_radius)
        print(f"bracket: {radius_text(lower)} < R_c <= {radius_text(upper)} mm; bisecting "
              f"to a width of {args.tolerance:g} x R", flush=True)
        lower, upper = bisect(search, lower, upper, args.tolerance)
    except (sweep.SweepError, SearchError) as e:
        print(f"critical_radius.py: {e}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("critical_radius.py: interrupted; the radii already run are re-used next "
              "time", file=sys.stderr)
        return 130

    runs = sum(1 for how in search.how.values() if how == "run")
    print(f"\nsmallest radius with PCE retention >= {args.target:g} after {args.cycles} "
          f"cycles:")
    print(f"  bracket: {search.describe(lower)} < R_c <= {search.describe(upper)}")
    print(f"  critical radius R_c = {radius_text(upper)} mm (to {args.tolerance:g} x R)")
    print(f"  {len(search.retentions)} radii evaluated ({runs} run, "
          f"{len(search.retentions) - runs} re-used) in {time.monotonic() - start_time:.0f} s;"
          f" table: {search.csv_path}")
    print("  assumes the retention falls as the radius shrinks")
    for smaller, larger in search.non_monotonic():
        print(f"critical_radius.py: warning: the retention is not monotonic in the radius: "
              f"R = {smaller} mm meets the target, R = {larger} mm does not; R_c is one "
              "crossing of several", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
