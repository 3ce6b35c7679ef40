#!/usr/bin/python3
"""Parametric sweeps of a bendsim case: run them here or as a SLURM job array, collect results.

Needs only the Python standard library; run with /usr/bin/python3 (Debian's python3).

    sweep.py run SWEEP.json [--jobs J] [--ranks R] [--bendsim PATH]
    sweep.py slurm SWEEP.json [--submit] [--bendsim PATH]
    sweep.py collect SWEEP.json [-o FILE.csv]

The sweep description (JSON)
----------------------------

    {
      "base": "../parameters/qd_device.prm",
      "folder": "output/radius_thickness",
      "ranks": 1,
      "parameters": {
        "Bending/Bending radius": [5, 7.5, 10],
        "Stack/Layer QD/Thickness": {"from": 0.1, "to": 0.5, "steps": 5, "scale": "linear"}
      },
      "fixed": {"Cycling/Number of cycles": 100, "Output/Write VTU": false},
      "slurm": {"time": "02:00:00", "partition": "compute", "max_parallel": 8}
    }

base        the case file every point starts from; relative to the JSON file's folder.
folder      where the sweep writes its points; relative to the JSON file's folder.
ranks       MPI ranks per run (default 1); `run --ranks` overrides it.
parameters  the swept entries. A key is the entry's path through the case file's
            subsections, separated by '/': "Bending/Bending radius" is `set Bending radius`
            in `subsection Bending`, "Stack/Layer QD/Thickness" is `set Thickness` in
            `subsection Layer QD` of `subsection Stack`. A value is a list of values (numbers,
            strings or booleans), or a range {"from": a, "to": b, "steps": n, "scale":
            "linear" | "log"} of n >= 2 values from a to b inclusive, equally spaced or
            (log, a and b > 0) in equal ratios. The points are the cartesian product of
            all lists, in the order of the keys, the last key varying fastest.
fixed       (optional) entries set to one value in every point.
slurm       (optional) settings of the SLURM job array, all optional:
              time          wall-time limit of one point, [days-]hours:minutes:seconds
                            (default "01:00:00");
              partition     the partition to run in;
              max_parallel  most points running at once (the array's %limit);
              job_name      (default: bendsim_<folder name>);
              launcher      "srun" (default) or "mpirun";
              mpi           srun's --mpi plugin (default "pmix": Debian's Open MPI,
                            like most Open MPI builds, starts under srun only through
                            PMIx); "" leaves it to the cluster's MpiDefault;
              setup         list of shell lines run before bendsim, e.g.
                            ["module load openmpi"];
              options       list of further sbatch options, e.g. ["--mem-per-cpu=2G"].

Values are written as given; numbers of a range with 10 significant digits. Paths given
for "Materials/Library file" or "Mesh/Mesh file" are relative to the JSON file's folder.
"Output folder" is set by the sweep and may not be swept.

What the sweep writes
---------------------

<folder>/point_000, point_001, ... one folder per point, numbered in the order above. Each
holds case.prm (the base case, then a block of `set` lines for that point: deal.II's
ParameterHandler keeps the last `set` of an entry; the material library and mesh file
become absolute paths, the output folder is the point's folder), the run's output
(summary.json, history.csv, parameters.prm, ...), bendsim.log (the run's terminal output)
and exit_status (bendsim's exit status, once the run has ended).
<folder>/points.csv  the point folders and their parameter values.
<folder>/points.txt  the point folders, one a line (line i + 1 is SLURM array task i).

A point is finished when its summary.json exists (bendsim writes it last, atomically) and
its case.prm is the one the sweep writes now. Running a sweep again skips finished points
and runs the others (never run, interrupted, failed); an interrupted cyclic run that left
a checkpoint.bin continues from it (bendsim --resume), here and in the SLURM tasks. Changing the sweep description or
the base case changes the case files of the points concerned: their old results are
removed when the sweep is run again. Adding a value to a list renumbers the points after
it. Delete a point's summary.json to run it again.

Subcommands
-----------

run      writes every point's case file and runs the unfinished points here, J at a time
         (--jobs, default 1), each as `$MPIEXEC $MPIEXEC_OPTIONS -np R bendsim case.prm` in
         its folder (default: mpirun --allow-run-as-root --oversubscribe
         --mca odls_base_sigkill_timeout 20, so that a run stopped with SIGTERM has
         time to write its checkpoint before mpirun kills it), with
         OPENBLAS_NUM_THREADS=1 unless set. Prints one line per point when it is skipped
         or has finished. Exit status 1 if any point failed, naming it and its log.
slurm    writes every point's case file and a SLURM job-array script <folder>/sweep.sbatch
         (one task per point; a task skips its point if it is finished), prints its path,
         and with --submit submits it with sbatch.
collect  writes one CSV row per point (default <folder>/sweep.csv): the point, its
         parameter values (columns named by the parameter paths), its status (finished;
         interrupted: a cyclic run that left a checkpoint (stopped, or still running);
         the next `run` resumes it;
         failed: the run ended without summary.json; missing: never run, killed before
         its first checkpoint, or still running; outdated: finished, but for another case file than the sweep's
         now) and, when finished, headline results from summary.json: PCE retention at 100
         and 1000 cycles and at the end, the last cycle, for every crackable layer its
         cracks, crack density (1/mm) and first-crack cycle, and the wall time (s).

The bendsim executable is --bendsim, else $BENDSIM, else build/bendsim of this repository.
Exit status 2 on a bad sweep description (with a message naming the file and the key), or
when the bendsim executable or the MPI launcher is missing.
"""

import argparse
import csv
import itertools
import json
import math
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import time

SCRIPT_FOLDER = os.path.dirname(os.path.abspath(__file__))
CASE_FILE = "case.prm"
LOG_FILE = "bendsim.log"
EXIT_STATUS_FILE = "exit_status"
SUMMARY_FILE = "summary.json"
CHECKPOINT_FILE = "checkpoint.bin"
TOP_LEVEL_KEYS = ("base", "folder", "ranks", "parameters", "fixed", "slurm")
RANGE_KEYS = ("from", "to", "steps", "scale")
SLURM_KEYS = ("time", "partition", "max_parallel", "job_name", "launcher", "mpi", "setup",
              "options")
# Entries whose paths bendsim resolves relative to the case file's folder.
PATH_ENTRIES = ("Materials/Library file", "Mesh/Mesh file")
# SLURM's time formats: minutes, minutes:seconds, hours:minutes:seconds, days-hours,
# days-hours:minutes, days-hours:minutes:seconds.
SLURM_TIME = re.compile(r"^(\d+-\d+(:\d+){0,2}|\d+(:\d+){0,2})$")


class SweepError(Exception):
    """A mistake in a sweep description or base case, with the file and key concerned."""


# ------------------------------------------------------------------------------------------
# Case files
# ------------------------------------------------------------------------------------------

def read_case_entries(case_path):
    """The entries of a deal.II parameter file, {"Subsection/.../Entry": value}.

    Like ParameterHandler, the last `set` of an entry wins. Comments (from '#') and
    trailing backslash continuations are handled; `include` lines are not followed."""
    try:
        with open(case_path, encoding="utf-8") as f:
            text = f.read()
    except OSError as e:
        raise SweepError(f"{case_path}: cannot read the case file: {e.strerror}") from e
    text = re.sub(r"\\\n", " ", text)
    entries = {}
    sections = []
    for number, line in enumerate(text.splitlines(), start=1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        words = line.split(None, 1)
        keyword = words[0].lower()
        if keyword == "subsection" and len(words) == 2:
            sections.append(words[1].strip())
        elif keyword == "end":
            if not sections:
                raise SweepError(f"{case_path}, line {number}: 'end' without a subsection")
            sections.pop()
        elif keyword == "set" and len(words) == 2 and "=" in words[1]:
            name, value = words[1].split("=", 1)
            entries["/".join(sections + [" ".join(name.split())])] = value.strip()
    return entries


def format_value(value):
    """A JSON value as written after `set Entry =` (numbers with 10 significant digits)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return f"{value:.10g}"
    return value


def override_block(overrides, indent=""):
    """`subsection`/`set` lines setting overrides {"A/B/Entry": text}, grouped by subsection."""
    tree = {}
    for path, value in overrides.items():
        node = tree
        *sections, entry = path.split("/")
        for section in sections:
            node = node.setdefault(("subsection", section), {})
        node[("set", entry)] = value
    lines = []

    def emit(node, indent):
        # Entries before subsections, as in the shipped cases.
        for (kind, name), item in sorted(node.items(), key=lambda k: k[0][0] != "set"):
            if kind == "set":
                lines.append(f"{indent}set {name} = {item}")
            else:
                lines.append(f"{indent}subsection {name}")
                emit(item, indent + "  ")
                lines.append(f"{indent}end")

    emit(tree, indent)
    return "\n".join(lines) + "\n"


def absolute_path(path, folder):
    """path as an absolute path, taken relative to folder if it is relative."""
    return os.path.normpath(os.path.join(folder, os.path.expanduser(path)))


def case_file_text(base_path, output_folder, overrides, title):
    """The text of a case file: the base case, then a block that sets overrides.

    The block also sets the output folder and makes the base case's material library and
    mesh file absolute paths (bendsim resolves them relative to the case file's folder,
    and the new case file lives elsewhere), unless overrides set them."""
    with open(base_path, encoding="utf-8") as f:
        base_text = f.read()
    base_entries = read_case_entries(base_path)
    base_folder = os.path.dirname(os.path.abspath(base_path))
    block = {"Output folder": os.path.abspath(output_folder)}
    library = base_entries.get("Materials/Library file") or "materials.prm"
    block["Materials/Library file"] = absolute_path(library, base_folder)
    if base_entries.get("Mesh/Mesh file"):
        block["Mesh/Mesh file"] = absolute_path(base_entries["Mesh/Mesh file"], base_folder)
    block.update(overrides)
    separator = "" if base_text.endswith("\n") else "\n"
    return (f"{base_text}{separator}\n"
            f"# ---- {title} ----\n"
            f"# The base case {os.path.abspath(base_path)} above, with these entries\n"
            f"# changed (deal.II's ParameterHandler keeps the last 'set' of an entry).\n"
            + override_block(block))


def write_file_atomically(path, text):
    temporary = path + ".tmp"
    with open(temporary, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(temporary, path)


def read_text(path):
    try:
        with open(path, encoding="utf-8") as f:
            return f.read()
    except OSError:
        return None


# ------------------------------------------------------------------------------------------
# Points: case files, status, runs
# ------------------------------------------------------------------------------------------

def is_finished(folder, case_text):
    """Whether the run in folder is finished for this case file: summary.json is there and
    the folder's case.prm is case_text."""
    return (os.path.isfile(os.path.join(folder, SUMMARY_FILE))
            and read_text(os.path.join(folder, CASE_FILE)) == case_text)


def prepare_point(folder, case_text):
    """Create folder and write case_text to its case.prm, unless the point is finished.

    Returns whether it is finished. A case file that changed invalidates the results of
    the old one: its summary.json and exit status are removed, so that they are neither
    taken for this case's results nor skipped by a SLURM task."""
    if is_finished(folder, case_text):
        return True
    os.makedirs(folder, exist_ok=True)
    case_path = os.path.join(folder, CASE_FILE)
    if read_text(case_path) != case_text:
        for name in (SUMMARY_FILE, EXIT_STATUS_FILE, CHECKPOINT_FILE):
            if os.path.exists(os.path.join(folder, name)):
                os.remove(os.path.join(folder, name))
        write_file_atomically(case_path, case_text)
    return False


def point_status(folder, case_text):
    """finished, outdated, failed or missing (see the module's documentation)."""
    if os.path.isfile(os.path.join(folder, SUMMARY_FILE)):
        if read_text(os.path.join(folder, CASE_FILE)) == case_text:
            return "finished"
        return "outdated"
    if read_text(os.path.join(folder, CASE_FILE)) != case_text:
        return "missing"
    if os.path.isfile(os.path.join(folder, CHECKPOINT_FILE)):
        return "interrupted"
    if os.path.isfile(os.path.join(folder, EXIT_STATUS_FILE)):
        return "failed"
    return "missing"


def default_bendsim():
    """$BENDSIM, else build/bendsim of the repository this script belongs to."""
    return os.environ.get("BENDSIM") or os.path.join(SCRIPT_FOLDER, "..", "build", "bendsim")


def check_bendsim(bendsim):
    """The absolute path of the bendsim executable, or a SweepError."""
    path = os.path.abspath(bendsim)
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        raise SweepError(f"no bendsim executable at {path} "
                         "(build it, or give --bendsim PATH or $BENDSIM)")
    return path


def mpi_command(ranks, bendsim):
    """$MPIEXEC $MPIEXEC_OPTIONS -np ranks bendsim case.prm, as a list (see resumable)."""
    mpiexec = os.environ.get("MPIEXEC", "mpirun")
    options = shlex.split(os.environ.get("MPIEXEC_OPTIONS",
                                         "--allow-run-as-root --oversubscribe "
                                         "--mca odls_base_sigkill_timeout 20"))
    if shutil.which(mpiexec) is None:
        raise SweepError(f"no MPI launcher '{mpiexec}' (set $MPIEXEC)")
    return [mpiexec, *options, "-np", str(ranks), bendsim, CASE_FILE]


def resumable(command, folder):
    """command, or, when an interrupted cyclic run left a checkpoint in folder (the point's
    output folder), the same launcher continuing it with `bendsim --resume folder`."""
    if os.path.isfile(os.path.join(folder, CHECKPOINT_FILE)):
        return [*command[:-1], "--resume", os.path.abspath(folder)]
    return command


def run_environment():
    environment = dict(os.environ)
    # One thread per rank: the runs share the cores.
    environment.setdefault("OPENBLAS_NUM_THREADS", "1")
    environment.setdefault("OMP_NUM_THREADS", "1")
    return environment


def bendsim_error(log_path):
    """The error message bendsim printed in its log, or its last line, or ''."""
    lines = [line.strip() for line in (read_text(log_path) or "").splitlines()]
    for i, line in enumerate(lines):
        if line.startswith("bendsim: error"):
            return line
        if line.startswith("bendsim stopped with an error"):
            return " ".join(lines[i:i + 2])
    lines = [line for line in lines if line]
    return lines[-1] if lines else ""


class Run:
    """One bendsim run of a point: name (for messages), folder (holding case.prm)."""

    def __init__(self, name, folder):
        self.name = name
        self.folder = folder
        self.log_path = os.path.join(folder, LOG_FILE)
        self.exit_status = None
        self.wall_time = None

    @property
    def succeeded(self):
        return self.exit_status == 0 and os.path.isfile(os.path.join(self.folder, SUMMARY_FILE))

    def failure(self):
        """What went wrong, for a run that did not succeed."""
        if self.exit_status != 0:
            what = f"exit status {self.exit_status}"
        else:
            what = f"no {SUMMARY_FILE} written"
        error = bendsim_error(self.log_path)
        return f"{what}{': ' + error if error else ''}; log {self.log_path}"


def run_all(runs, jobs, ranks, bendsim, on_finished):
    """Run bendsim in each run's folder, jobs at a time, each on ranks MPI ranks.

    Calls on_finished(run) as each run ends. On an interruption (Ctrl-C), stops the runs
    still going and raises KeyboardInterrupt."""
    command = mpi_command(ranks, bendsim)
    environment = run_environment()
    waiting = list(runs)
    running = []
    # `kill` (SIGTERM) stops the runs as Ctrl-C does, instead of leaving them running.
    previous_handler = signal.signal(signal.SIGTERM, interrupt)
    try:
        while waiting or running:
            while waiting and len(running) < jobs:
                run = waiting.pop(0)
                exit_status_path = os.path.join(run.folder, EXIT_STATUS_FILE)
                if os.path.exists(exit_status_path):
                    os.remove(exit_status_path)
                run_command = resumable(command, run.folder)
                log = open(run.log_path, "w", encoding="utf-8")
                log.write(" ".join(shlex.quote(word) for word in run_command) + "\n")
                log.flush()
                process = subprocess.Popen(run_command, cwd=run.folder, env=environment,
                                           stdout=log, stderr=subprocess.STDOUT,
                                           stdin=subprocess.DEVNULL)
                running.append((run, process, log, time.monotonic()))
            time.sleep(0.1)
            for entry in list(running):
                run, process, log, start = entry
                if process.poll() is None:
                    continue
                running.remove(entry)
                log.close()
                run.exit_status = process.returncode
                run.wall_time = time.monotonic() - start
                write_file_atomically(os.path.join(run.folder, EXIT_STATUS_FILE),
                                      f"{process.returncode}\n")
                on_finished(run)
    except KeyboardInterrupt:
        for run, process, log, start in running:
            process.terminate()
        for run, process, log, start in running:
            try:
                # mpirun passes SIGTERM on after its odls_base_sigkill_timeout (20 s);
                # the ranks then write their checkpoints.
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            log.close()
        raise
    finally:
        signal.signal(signal.SIGTERM, previous_handler)


def interrupt(signal_number, frame):
    raise KeyboardInterrupt


def read_summary(folder):
    path = os.path.join(folder, SUMMARY_FILE)
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError) as e:
        raise SweepError(f"{path}: cannot read it: {e}") from e


def final_retention(summary):
    """final_pce_retention of a cyclic run's summary, or None."""
    return (summary.get("device") or {}).get("final_pce_retention")


# ------------------------------------------------------------------------------------------
# Sweep descriptions
# ------------------------------------------------------------------------------------------

class Point:
    """One point of a sweep: its index, folder name, and swept values {path: text}."""

    def __init__(self, index, name, values):
        self.index = index
        self.name = name
        self.values = values


class Sweep:
    """A sweep description read from JSON and checked (see the module's documentation)."""

    def __init__(self, json_path):
        self.json_path = os.path.abspath(json_path)
        self.json_folder = os.path.dirname(self.json_path)
        try:
            with open(self.json_path, encoding="utf-8") as f:
                description = json.load(f)
        except OSError as e:
            raise SweepError(f"{json_path}: cannot read the sweep description: "
                             f"{e.strerror}") from e
        except ValueError as e:
            raise SweepError(f"{json_path}: not valid JSON: {e}") from e
        if not isinstance(description, dict):
            raise SweepError(f"{json_path}: the sweep description must be a JSON object "
                             f"with the keys {', '.join(TOP_LEVEL_KEYS)}")
        self.check_keys(description, TOP_LEVEL_KEYS, "")
        for key in ("base", "folder", "parameters"):
            if key not in description:
                raise SweepError(f"{json_path}: key '{key}' is missing")

        self.base = absolute_path(self.string(description, "base", "base"), self.json_folder)
        if not os.path.isfile(self.base):
            raise SweepError(f"{json_path}: key 'base': no case file {self.base}")
        self.folder = absolute_path(self.string(description, "folder", "folder"),
                                    self.json_folder)
        self.ranks = description.get("ranks", 1)
        if isinstance(self.ranks, bool) or not isinstance(self.ranks, int) or self.ranks < 1:
            raise SweepError(f"{json_path}: key 'ranks': {self.ranks!r} is not an integer "
                             ">= 1")

        parameters = description["parameters"]
        if not isinstance(parameters, dict) or not parameters:
            raise SweepError(f"{json_path}: key 'parameters': must be an object with at "
                             "least one entry path, e.g. {\"Bending/Bending radius\": [5, 10]}")
        self.parameters = {}
        for path, values in parameters.items():
            where = f"parameters/{path}"
            self.check_path(path, where)
            self.parameters[path] = self.parameter_values(values, where, path)

        fixed = description.get("fixed", {})
        if not isinstance(fixed, dict):
            raise SweepError(f"{json_path}: key 'fixed': must be an object "
                             "{\"entry path\": value}")
        self.fixed = {}
        for path, value in fixed.items():
            where = f"fixed/{path}"
            self.check_path(path, where)
            if path in self.parameters:
                raise SweepError(f"{json_path}: key '{where}': the entry is also swept "
                                 "in 'parameters'")
            self.fixed[path] = self.value_text(value, where, path)
        self.check_layers()

        self.slurm = self.slurm_settings(description.get("slurm", {}))
        combinations = list(itertools.product(*self.parameters.values()))
        width = max(3, len(str(len(combinations) - 1)))
        self.points = [Point(i, f"point_{i:0{width}d}", dict(zip(self.parameters, values)))
                       for i, values in enumerate(combinations)]

    # -- checks ------------------------------------------------------------------------

    def error(self, where, what):
        return SweepError(f"{self.json_path}: key '{where}': {what}")

    def check_keys(self, mapping, allowed, where):
        for key in mapping:
            if key not in allowed:
                location = f"'{where}/{key}'" if where else f"'{key}'"
                raise SweepError(f"{self.json_path}: unknown key {location}; allowed: "
                                 f"{', '.join(allowed)}")

    def string(self, mapping, key, where):
        value = mapping[key]
        if not isinstance(value, str) or not value.strip():
            raise self.error(where, f"{value!r} is not a non-empty string")
        return value

    def check_path(self, path, where):
        parts = path.split("/")
        if any(not part.strip() for part in parts) or "#" in path or "\n" in path:
            raise self.error(where, "not an entry path: subsections and entry separated "
                             "by '/', e.g. \"Stack/Layer QD/Thickness\"")
        if path.strip() == "Output folder":
            raise self.error(where, "the sweep sets the output folder of each point itself")

    def value_text(self, value, where, path):
        """The text of one value of an entry, checked."""
        if isinstance(value, bool) or isinstance(value, (int, float)):
            if isinstance(value, float) and not math.isfinite(value):
                raise self.error(where, f"{value!r} is not a finite number")
            text = format_value(value)
        elif isinstance(value, str):
            if "#" in value or "\n" in value or not value.strip():
                raise self.error(where, f"{value!r}: a value may not be empty or contain "
                                 "'#' or a line break")
            text = value.strip()
        else:
            raise self.error(where, f"{json.dumps(value)}: a value must be a number, a "
                             "string or a boolean")
        if path in PATH_ENTRIES:
            text = absolute_path(text, self.json_folder)
        return text

    def parameter_values(self, values, where, path):
        """The list of value texts of a swept entry: a list, or a range object."""
        if isinstance(values, dict):
            self.check_keys(values, RANGE_KEYS, where)
            for key in ("from", "to", "steps"):
                if key not in values:
                    raise self.error(where, f"a range needs 'from', 'to' and 'steps'; "
                                     f"'{key}' is missing")
            start, stop, steps = values["from"], values["to"], values["steps"]
            scale = values.get("scale", "linear")
            for key, number in (("from", start), ("to", stop)):
                if isinstance(number, bool) or not isinstance(number, (int, float)) \
                        or not math.isfinite(number):
                    raise self.error(f"{where}/{key}", f"{number!r} is not a number")
            if isinstance(steps, bool) or not isinstance(steps, int) or steps < 2:
                raise self.error(f"{where}/steps", f"{steps!r} is not an integer >= 2")
            if scale == "linear":
                numbers = [start + (stop - start) * i / (steps - 1) for i in range(steps)]
            elif scale == "log":
                if start <= 0 or stop <= 0:
                    raise self.error(where, "a log range needs 'from' and 'to' > 0")
                numbers = [start * (stop / start) ** (i / (steps - 1)) for i in range(steps)]
            else:
                raise self.error(f"{where}/scale", f"{scale!r}; allowed: linear, log")
            numbers[-1] = stop
            texts = [format_value(float(x)) for x in numbers]
        elif isinstance(values, list):
            if not values:
                raise self.error(where, "the list of values is empty")
            texts = [self.value_text(value, where, path) for value in values]
        else:
            raise self.error(where, f"{json.dumps(values)}: expected a list of values or a "
                             "range {\"from\": a, \"to\": b, \"steps\": n, \"scale\": "
                             "\"linear\" | \"log\"}")
        duplicates = sorted({text for text in texts if texts.count(text) > 1})
        if duplicates:
            raise self.error(where, f"the value(s) {', '.join(duplicates)} appear more than "
                             "once")
        return texts

    def check_layers(self):
        """Entries of 'Stack/Layer <name>' must name layers of the stack."""
        if "Stack/Layers" in self.parameters:
            return
        layers_text = self.fixed.get("Stack/Layers")
        if layers_text is None:
            layers_text = read_case_entries(self.base).get("Stack/Layers", "")
        layers = [name.strip() for name in layers_text.split(",") if name.strip()]
        for kind, mapping in (("parameters", self.parameters), ("fixed", self.fixed)):
            for path in mapping:
                parts = [part.strip() for part in path.split("/")]
                if len(parts) > 2 and parts[0] == "Stack" and parts[1].startswith("Layer "):
                    name = parts[1][len("Layer "):].strip()
                    if name not in layers:
                        raise self.error(f"{kind}/{path}", f"the stack has no layer "
                                         f"'{name}' (Stack/Layers = {', '.join(layers)})")

    def slurm_settings(self, slurm):
        if not isinstance(slurm, dict):
            raise self.error("slurm", "must be an object with the keys "
                             + ", ".join(SLURM_KEYS))
        self.check_keys(slurm, SLURM_KEYS, "slurm")
        settings = {"time": "01:00:00", "partition": None, "max_parallel": None,
                    "job_name": "bendsim_" + re.sub(r"[^\w.-]", "_",
                                                    os.path.basename(self.folder)),
                    "launcher": "srun", "mpi": "pmix", "setup": [], "options": []}
        settings.update(slurm)
        if not isinstance(settings["time"], str) or not SLURM_TIME.match(settings["time"]):
            raise self.error("slurm/time", f"{settings['time']!r}; allowed: "
                             "[days-]hours:minutes:seconds, e.g. \"02:00:00\" or \"1-12:00:00\"")
        if not isinstance(settings["mpi"], str) or not re.fullmatch(r"[\w.-]*", settings["mpi"]):
            raise self.error("slurm/mpi", f"{settings['mpi']!r} is not an srun --mpi plugin "
                             "name (e.g. \"pmix\", \"pmi2\"; \"\": the cluster's default)")
        for key in ("partition", "job_name"):
            value = settings[key]
            if value is not None and (not isinstance(value, str)
                                      or not re.fullmatch(r"[\w.,+-]+", value)):
                raise self.error(f"slurm/{key}", f"{value!r} is not a name (letters, digits "
                                 "and . , + - _)")
        limit = settings["max_parallel"]
        if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int)
                                  or limit < 1):
            raise self.error("slurm/max_parallel", f"{limit!r} is not an integer >= 1")
        if settings["launcher"] not in ("srun", "mpirun"):
            raise self.error("slurm/launcher", f"{settings['launcher']!r}; allowed: srun, "
                             "mpirun")
        for key in ("setup", "options"):
            lines = settings[key]
            if not isinstance(lines, list) or not all(
                    isinstance(line, str) and "\n" not in line for line in lines):
                raise self.error(f"slurm/{key}", "must be a list of strings, one line each")
        return settings

    # -- points ------------------------------------------------------------------------

    def point_folder(self, point):
        return os.path.join(self.folder, point.name)

    def case_text(self, point):
        """The case file of a point: the base case with the fixed and swept entries."""
        overrides = dict(self.fixed)
        overrides.update(point.values)
        return case_file_text(
            self.base, self.point_folder(point), overrides,
            f"sweep {os.path.basename(self.json_path)}: {point.name} of {len(self.points)}")

    def describe(self, point):
        return ", ".join(f"{path} = {value}" for path, value in point.values.items())

    def prepare(self):
        """Write the points list files and every point's case file.

        Returns the list of unfinished points."""
        os.makedirs(self.folder, exist_ok=True)
        with open(os.path.join(self.folder, "points.csv.tmp"), "w", newline="",
                  encoding="utf-8") as f:
            writer = csv.writer(f)
            writer.writerow(["point", *self.parameters])
            for point in self.points:
                writer.writerow([point.name, *point.values.values()])
        os.replace(os.path.join(self.folder, "points.csv.tmp"),
                   os.path.join(self.folder, "points.csv"))
        write_file_atomically(os.path.join(self.folder, "points.txt"),
                              "".join(point.name + "\n" for point in self.points))
        return [point for point in self.points
                if not prepare_point(self.point_folder(point), self.case_text(point))]


# ------------------------------------------------------------------------------------------
# Subcommands
# ------------------------------------------------------------------------------------------

def command_run(sweep, args):
    ranks = args.ranks or sweep.ranks
    bendsim = check_bendsim(args.bendsim)
    command = mpi_command(ranks, bendsim)
    unfinished = sweep.prepare()
    total = len(sweep.points)
    width = len(str(total))
    done = 0

    def progress(point, what):
        nonlocal done
        done += 1
        print(f"[{done:>{width}}/{total}] {point.name}  {what}", flush=True)

    for point in sweep.points:
        if point not in unfinished:
            progress(point, "skipped: finished earlier")
    if unfinished:
        print(f"running {len(unfinished)} point(s), {args.jobs} at a time, {ranks} MPI "
              f"rank(s) each: {' '.join(command)}", flush=True)

    runs = {}
    for point in unfinished:
        runs[point.name] = Run(point.name, sweep.point_folder(point))
    points_by_name = {point.name: point for point in unfinished}
    failed = []

    def finished(run):
        point = points_by_name[run.name]
        if run.succeeded:
            retention = final_retention(read_summary(run.folder))
            result = "" if retention is None else f"  final PCE retention {retention:.4g}"
            progress(point, f"finished in {run.wall_time:.1f} s  ({sweep.describe(point)})"
                     f"{result}")
        else:
            failed.append(run)
            progress(point, f"FAILED ({sweep.describe(point)}): {run.failure()}")

    try:
        run_all(list(runs.values()), args.jobs, ranks, bendsim, finished)
    except KeyboardInterrupt:
        print("sweep.py: interrupted; the unfinished points run when the sweep is run again",
              file=sys.stderr)
        return 130
    print(f"{total} point(s): {len(unfinished) - len(failed)} run, "
          f"{total - len(unfinished)} skipped, {len(failed)} failed; results in {sweep.folder}")
    if failed:
        print(f"sweep.py: {len(failed)} point(s) failed:", file=sys.stderr)
        for run in failed:
            print(f"  {run.name}: {run.failure()}", file=sys.stderr)
        return 1
    return 0


def slurm_script(sweep, bendsim):
    """The text of the SLURM job-array script of a sweep."""
    settings = sweep.slurm
    n = len(sweep.points)
    array = f"0-{n - 1}" + (f"%{settings['max_parallel']}" if settings["max_parallel"] else "")
    log_folder = os.path.join(sweep.folder, "slurm_logs")
    lines = [
        "#!/bin/bash",
        f"# SLURM job array of the bendsim sweep {sweep.json_path}",
        "# (written by postprocess/sweep.py; submit it with sbatch).",
        "# Task i runs the point on line i + 1 of points.txt in its folder, unless its",
        "# summary.json exists (finished). bendsim's output goes to <point>/bendsim.log.",
        f"#SBATCH --job-name={settings['job_name']}",
        f"#SBATCH --array={array}",
        f"#SBATCH --ntasks={sweep.ranks}",
        "#SBATCH --cpus-per-task=1",
        "# SIGTERM 2 minutes before the time limit: a cyclic run writes its checkpoint.",
        "#SBATCH --signal=TERM@120",
        f"#SBATCH --time={settings['time']}",
    ]
    if settings["partition"]:
        lines.append(f"#SBATCH --partition={settings['partition']}")
    lines.append(f"#SBATCH --output={os.path.join(log_folder, 'slurm-%A_%a.out')}")
    lines += [f"#SBATCH {option}" for option in settings["options"]]
    if settings["launcher"] == "srun":
        mpi = f"--mpi={settings['mpi']} " if settings["mpi"] else ""
        launch = f'''srun {mpi}--ntasks="$SLURM_NTASKS" "$bendsim" "${{input[@]}}"'''
    else:
        launch = ('''mpirun --mca odls_base_sigkill_timeout 20 -np "$SLURM_NTASKS" '''
                  '''"$bendsim" "${input[@]}"''')
    lines += [
        "",
        "set -euo pipefail",
        *settings["setup"],
        f"sweep={shlex.quote(sweep.folder)}",
        f"bendsim={shlex.quote(bendsim)}",
        "export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1",
        "",
        ': "${SLURM_ARRAY_TASK_ID:?not set: submit this script with sbatch (a job array)}"',
        'point=$(sed -n "$((SLURM_ARRAY_TASK_ID + 1))p" "$sweep/points.txt")',
        'if [ -z "$point" ] || [ ! -f "$sweep/$point/case.prm" ]; then',
        '  echo "task $SLURM_ARRAY_TASK_ID: no point in $sweep/points.txt;'
        ' run sweep.py slurm again" >&2',
        "  exit 1",
        "fi",
        'cd "$sweep/$point"',
        "if [ -f summary.json ]; then",
        '  echo "$point: finished earlier (summary.json exists), skipped"',
        "  exit 0",
        "fi",
        "rm -f exit_status",
        "# A run stopped at the time limit (SLURM sends SIGTERM first) left a checkpoint.",
        "input=(case.prm)",
        '[ -f checkpoint.bin ] && input=(--resume "$PWD")',
        'echo "$point: running on $SLURM_NTASKS rank(s) on $(uname -n)"',
        "status=0",
        f"{launch} > bendsim.log 2>&1 || status=$?",
        'echo "$status" > exit_status',
        'if [ "$status" -ne 0 ] || [ ! -f summary.json ]; then',
        '  echo "$point: FAILED (exit status $status); log $sweep/$point/bendsim.log" >&2',
        '  tail -n 20 bendsim.log >&2',
        "  exit 1",
        "fi",
        'echo "$point: finished"',
    ]
    return "\n".join(lines) + "\n"


def command_slurm(sweep, args):
    if re.search(r"\s", sweep.folder):
        raise SweepError(f"{sweep.json_path}: key 'folder': {sweep.folder} holds a space, "
                         "which an #SBATCH --output line cannot hold; choose another folder")
    bendsim = os.path.abspath(args.bendsim)
    if not os.path.isfile(bendsim):
        print(f"sweep.py: warning: no bendsim executable at {bendsim} on this machine; the "
              "jobs will look for it there (give --bendsim PATH)", file=sys.stderr)
    unfinished = sweep.prepare()
    os.makedirs(os.path.join(sweep.folder, "slurm_logs"), exist_ok=True)
    script_path = os.path.join(sweep.folder, "sweep.sbatch")
    write_file_atomically(script_path, slurm_script(sweep, bendsim))
    os.chmod(script_path, 0o755)
    print(f"{len(sweep.points)} point(s), {len(unfinished)} unfinished; SLURM job array "
          f"script:", file=sys.stderr)
    print(script_path)
    if args.submit:
        if shutil.which("sbatch") is None:
            raise SweepError("no sbatch on this machine: submit the script on the cluster")
        submitted = subprocess.run(["sbatch", script_path], cwd=sweep.folder,
                                   capture_output=True, text=True)
        sys.stderr.write(submitted.stderr)
        if submitted.returncode != 0:
            raise SweepError(f"sbatch {script_path} failed (exit status "
                             f"{submitted.returncode})")
        print(submitted.stdout.strip(), file=sys.stderr)
    return 0


def headline_results(summary):
    """{column: value} of the headline results of a summary.json."""
    device = summary.get("device") or {}
    row = {
        "pce_retention_at_100_cycles": device.get("pce_retention_at_100_cycles"),
        "pce_retention_at_1000_cycles": device.get("pce_retention_at_1000_cycles"),
        "final_pce_retention": device.get("final_pce_retention"),
        "cycles": (summary.get("cycles") or {}).get("number"),
    }
    for layer in summary.get("layers", []):
        if layer.get("crackable"):
            name = layer["name"]
            row[f"cracks_{name}"] = layer.get("cracks")
            row[f"crack_density_{name}_per_mm"] = layer.get("crack_density_per_mm")
            row[f"first_crack_cycle_{name}"] = (layer.get("first_crack") or {}).get("cycle")
    row["wall_time_s"] = (summary.get("timing_s") or {}).get("wall")
    return row


def command_collect(sweep, args):
    output = os.path.abspath(args.output or os.path.join(sweep.folder, "sweep.csv"))
    rows = []
    columns = []
    counts = {}
    for point in sweep.points:
        folder = sweep.point_folder(point)
        status = point_status(folder, sweep.case_text(point))
        counts[status] = counts.get(status, 0) + 1
        results = headline_results(read_summary(folder)) if status == "finished" else {}
        for column in results:
            if column not in columns:
                columns.append(column)
        rows.append((point, status, results))
    if not columns:
        columns = list(headline_results({}))

    def text(value):
        return "" if value is None else value

    os.makedirs(os.path.dirname(output), exist_ok=True)
    with open(output + ".tmp", "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["point", *sweep.parameters, "status", *columns])
        for point, status, results in rows:
            writer.writerow([point.name, *point.values.values(), status,
                             *(text(results.get(column)) for column in columns)])
    os.replace(output + ".tmp", output)
    print(f"{output}: {len(rows)} point(s): "
          + ", ".join(f"{counts[s]} {s}" for s in ("finished", "interrupted", "failed", "missing", "outdated")
                      if s in counts))
    return 0


def main():
    parser = argparse.ArgumentParser(
        description="Parametric sweeps of a bendsim case: run them here or as a SLURM job "
                    "array, and collect their results (see the script's header for the "
                    "sweep description).")
    subcommands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    run = subcommands.add_parser("run", help="run the unfinished points here")
    slurm = subcommands.add_parser("slurm", help="write a SLURM job-array script")
    collect = subcommands.add_parser("collect", help="one CSV row of results per point")
    for subparser in (run, slurm, collect):
        subparser.add_argument("sweep", metavar="SWEEP.json", help="sweep description")
    for subparser in (run, slurm):
        subparser.add_argument("--bendsim", default=default_bendsim(),
                               help="bendsim executable (default: $BENDSIM, else "
                                    "build/bendsim of this repository)")
    run.add_argument("--jobs", "-j", type=int, default=1, metavar="J",
                     help="points run at the same time (default: 1)")
    run.add_argument("--ranks", type=int, metavar="R",
                     help="MPI ranks per run (default: the sweep's 'ranks', else 1)")
    slurm.add_argument("--submit", action="store_true", help="submit the script with sbatch")
    collect.add_argument("-o", "--output", metavar="FILE.csv",
                         help="the CSV file to write (default: <sweep folder>/sweep.csv)")
    args = parser.parse_args()
    if args.command == "run":
        if args.jobs < 1:
            parser.error("--jobs must be >= 1")
        if args.ranks is not None and args.ranks < 1:
            parser.error("--ranks must be >= 1")

    try:
        sweep = Sweep(args.sweep)
        return {"run": command_run, "slurm": command_slurm,
                "collect": command_collect}[args.command](sweep, args)
    except SweepError as e:
        print(f"sweep.py: error: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
