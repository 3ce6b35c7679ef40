#!/usr/bin/python3
"""A corpus of hostile inputs: each must be refused cleanly, on every rank.

Needs only the Python standard library; run with /usr/bin/python3 (Debian's python3).

    hostile_inputs.py --bendsim PATH --ranks N --work FOLDER [--jobs J] [--list] [CASE...]

Each case of CORPUS below is verification/fatigue_film.prm (or its material library)
with a few entries changed, or a broken file of its own. For each, bendsim runs under
$MPIEXEC $MPIEXEC_OPTIONS -np N (default: mpirun --allow-run-as-root --oversubscribe) in
an empty working directory, with a limit of 60 s, and must

  - exit with status 1 (bad input), not by the time limit and not by a crash;
  - print bendsim's input-error line, the name of the file at fault, and every expected
    text (the entry, the value or the reason);
  - leave the working directory as it was but for the case files put there: no output
    folder, no partial file.

FOLDER is emptied first; each case's files and logs go to FOLDER/<case>. Prints one line
per case and exits with status 1 if any failed. --jobs J runs J cases at a time (default
1). --list prints the cases.

A case is (name, file at fault, edits, expected texts). edits change the case file
('case') or the material library ('library'): {"Subsection/Entry": value} entries are set
by appending `subsection ... set ... end` blocks (deal.II's ParameterHandler keeps the
last value), ("append", text) adds broken lines at the end, and a string is the whole
file's text.
"""

import argparse
import concurrent.futures
import os
import shutil
import signal
import subprocess
import sys

SOURCE_FOLDER = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BASE_CASE = os.path.join(SOURCE_FOLDER, "parameters", "verification", "fatigue_film.prm")
BASE_LIBRARY = os.path.join(SOURCE_FOLDER, "parameters", "verification",
                            "fatigue_film_materials.prm")
INPUT_ERROR = "bendsim: error in the input:"
TIME_LIMIT = 60

CASE, LIBRARY, JSON_CASE = "case.prm", "materials.prm", "case.json"

# The base case as JSON (deal.II reads .json case files too), with one value to replace.
JSON_BASE = """{"Dimension": 2, "Output folder": "output/json_case",
 "Materials": {"Library file": "materials.prm"},
 "Stack": {"Layers": "PET, Film", "Uncrackable interfaces": "PET/Film",
           "Layer PET": {"Material": "PET", "Thickness": 10, "Cells through thickness": 4},
           "Layer Film": {"Material": "FatigueFilm", "Thickness": THICKNESS,
                          "Crackable": true}},
 "Loading": {"Type": "bending"},
 "Bending": {"Bending radius": 0.45, "Load steps": 2},
 "Mesh": {"Segment length": 10, "Cells along segment": 20}}
"""

# (name, file at fault, {file: edits}, expected texts)
CORPUS = [
    # The bend.
    ("radius_zero", CASE, {CASE: {"Bending/Bending radius": "0"}}, ["Bending radius"]),
    ("radius_negative", CASE, {CASE: {"Bending/Bending radius": "-1"}}, ["Bending radius"]),
    ("radius_nan", CASE, {CASE: {"Bending/Bending radius": "nan"}}, ["Bending radius"]),
    ("radius_infinite", CASE, {CASE: {"Bending/Bending radius": "inf"}}, ["Bending radius"]),
    ("radius_tiny", CASE, {CASE: {"Bending/Bending radius": "1e-300"}},
     ["Segment length", "too long for the bending radius"]),
    ("film_side", CASE, {CASE: {"Bending/Film side": "sideways"}}, ["Film side", "sideways"]),
    ("load_steps_zero", CASE, {CASE: {"Bending/Load steps": "0"}}, ["Load steps"]),
    ("loading_type", CASE, {CASE: {"Loading/Type": "twisting"}}, ["Type", "twisting"]),
    # Cycling.
    ("cycles_zero", CASE, {CASE: {"Cycling/Number of cycles": "0"}}, ["Number of cycles"]),
    ("cycles_negative", CASE, {CASE: {"Cycling/Number of cycles": "-5"}},
     ["Number of cycles"]),
    ("cycles_huge", CASE, {CASE: {"Cycling/Number of cycles": "1e12"}},
     ["Number of cycles"]),
    ("largest_jump_zero", CASE, {CASE: {"Cycling/Largest cycle jump": "0"}},
     ["Largest cycle jump"]),
    ("damage_increment_nan", CASE, {CASE: {"Cycling/Damage increment per jump": "nan"}},
     ["Damage increment per jump"]),
    ("damage_increment_above_one", CASE,
     {CASE: {"Cycling/Damage increment per jump": "2"}}, ["Damage increment per jump"]),
    ("output_cycles_word", CASE, {CASE: {"Cycling/Output cycles": "1, ten"}},
     ["Output cycles"]),
    ("output_cycles_zero", CASE, {CASE: {"Cycling/Output cycles": "0, 10"}},
     ["Output cycles"]),
    # Fracture.
    ("separation_fraction_above_one", CASE,
     {CASE: {"Fracture/Separation energy fraction": "1.5"}}, ["Separation energy fraction"]),
    ("viscosity_negative", CASE, {CASE: {"Fracture/Viscosity": "-1"}}, ["Viscosity"]),
    ("random_seed_word", CASE, {CASE: {"Fracture/Random seed": "lucky"}}, ["Random seed"]),
    # The mesh.
    ("cells_along_zero", CASE, {CASE: {"Mesh/Cells along segment": "0"}},
     ["Cells along segment"]),
    ("cells_along_huge", CASE, {CASE: {"Mesh/Cells along segment": "100000000"}},
     ["Cells along segment"]),
    ("segment_length_zero", CASE, {CASE: {"Mesh/Segment length": "0"}}, ["Segment length"]),
    ("segment_length_nan", CASE, {CASE: {"Mesh/Segment length": "nan"}}, ["Segment length"]),
    ("grading_centre_zero", CASE, {CASE: {"Mesh/Grading towards the centre": "0"}},
     ["Grading towards the centre"]),
    ("grading_centre_huge", CASE, {CASE: {"Mesh/Grading towards the centre": "1e300"}},
     ["Grading towards the centre"]),
    ("cells_through_zero", CASE,
     {CASE: {"Stack/Layer PET/Cells through thickness": "0"}}, ["Cells through thickness"]),
    ("grading_ratio_huge", CASE, {CASE: {"Stack/Layer PET/Grading ratio": "1e300"}},
     ["Grading ratio"]),
    ("grading_ratio_zero", CASE, {CASE: {"Stack/Layer PET/Grading ratio": "0"}},
     ["Grading ratio"]),
    # The stack.
    ("thickness_nan", CASE, {CASE: {"Stack/Layer Film/Thickness": "nan"}}, ["Thickness"]),
    ("thickness_infinite", CASE, {CASE: {"Stack/Layer Film/Thickness": "inf"}},
     ["Thickness"]),
    ("thickness_zero", CASE, {CASE: {"Stack/Layer Film/Thickness": "0"}}, ["Thickness"]),
    ("thickness_huge", CASE, {CASE: {"Stack/Layer Film/Thickness": "1e300"}},
     ["Bending radius", "h/(2R)"]),
    ("initial_crack_outside", CASE, {CASE: {"Stack/Layer Film/Initial cracks": "20"}},
     ["Initial cracks"]),
    ("initial_crack_negative", CASE, {CASE: {"Stack/Layer Film/Initial cracks": "-1"}},
     ["Initial cracks"]),
    ("initial_crack_word", CASE, {CASE: {"Stack/Layer Film/Initial cracks": "middle"}},
     ["Initial cracks"]),
    ("residual_stress_nan", CASE, {CASE: {"Stack/Layer Film/Residual stress": "nan"}},
     ["Residual stress"]),
    ("temperature_change_huge", CASE,
     {CASE: {"Stack/Layer Film/Processing temperature change": "1e6"}},
     ["Processing temperature change"]),
    ("duplicate_layer", CASE, {CASE: {"Stack/Layers": "PET, Film, Film"}},
     ["Stack/Layers", "Film"]),
    ("layer_without_material", CASE, {CASE: {"Stack/Layers": "PET, Film, Ghost"}},
     ["Ghost"]),
    ("uncrackable_interface_unknown", CASE,
     {CASE: {"Stack/Uncrackable interfaces": "PET/Ghost"}}, ["Uncrackable interfaces"]),
    ("dimension", CASE, {CASE: {"Dimension": "4"}}, ["Dimension"]),
    # The solver.
    ("newton_tolerance_zero", CASE,
     {CASE: {"Solver/Newton tolerance": "0", "Solver/Minimum load step": "0"}},
     ["Newton tolerance"]),
    ("newton_tolerance_above_one", CASE, {CASE: {"Solver/Newton tolerance": "2"}},
     ["Newton tolerance"]),
    ("newton_iterations_zero", CASE, {CASE: {"Solver/Maximum Newton iterations": "0"}},
     ["Maximum Newton iterations"]),
    ("polynomial_degree_zero", CASE, {CASE: {"Solver/Polynomial degree": "0"}},
     ["Polynomial degree"]),
    ("penalty_factor_zero", CASE, {CASE: {"Solver/Penalty factor": "0"}}, ["Penalty factor"]),
    ("penalty_factor_nan", CASE, {CASE: {"Solver/Penalty factor": "nan"}},
     ["Penalty factor"]),
    ("direct_solver", CASE, {CASE: {"Solver/Direct solver": "Amesos_Magic"}},
     ["Direct solver", "Amesos_Magic"]),
    ("linear_solver", CASE, {CASE: {"Solver/Linear solver": "guess"}},
     ["Linear solver", "guess"]),
    # Output.
    ("checkpoint_interval_negative", CASE, {CASE: {"Output/Checkpoint interval": "-1"}},
     ["Checkpoint interval"]),
    ("verbosity", CASE, {CASE: {"Output/Verbosity": "loud"}}, ["Verbosity", "loud"]),
    ("write_vtu_maybe", CASE, {CASE: {"Output/Write VTU": "maybe"}}, ["Write VTU", "maybe"]),
    # The device.
    ("open_circuit_voltage_nan", CASE, {CASE: {"Device/Open-circuit voltage": "nan"}},
     ["Open-circuit voltage"]),
    ("ideality_factor_zero", CASE, {CASE: {"Device/Ideality factor": "0"}},
     ["Ideality factor"]),
    ("path_length_negative", CASE, {CASE: {"Device/Electrode path length": "-1"}},
     ["Electrode path length"]),
    ("contact_resistance_negative", CASE,
     {CASE: {"Device/Crack contact resistance": "-1"}}, ["Crack contact resistance"]),
    ("recombination_length_negative", CASE,
     {CASE: {"Device/Crack face recombination length": "-1"}},
     ["Crack face recombination length"]),
    ("sheet_resistance_zero", CASE, {CASE: {"Device/Electrode sheet resistance": "0"}},
     ["Electrode sheet resistance"]),
    ("shunt_conductance_negative", CASE,
     {CASE: {"Device/Shunt conductance per absorber crack density": "-1"}},
     ["Shunt conductance per absorber crack density"]),
    # The material library.
    ("library_missing", CASE, {CASE: {"Materials/Library file": "no_such_library.prm"}},
     ["Materials/Library file", "no_such_library.prm"]),
    ("library_is_folder", CASE, {CASE: {"Materials/Library file": "."}},
     ["Materials/Library file"]),
    ("tensile_strength_zero", LIBRARY,
     {LIBRARY: {"Material FatigueFilm/Tensile strength": "0"}}, ["Tensile strength"]),
    ("tensile_strength_nan", LIBRARY,
     {LIBRARY: {"Material FatigueFilm/Tensile strength": "nan"}}, ["Tensile strength"]),
    ("fracture_energy_zero", LIBRARY,
     {LIBRARY: {"Material FatigueFilm/Mode I fracture energy": "0"}},
     ["Mode I fracture energy"]),
    ("weibull_negative", LIBRARY, {LIBRARY: {"Material FatigueFilm/Weibull modulus": "-1"}},
     ["Weibull modulus"]),
    ("endurance_ratio_above_one", LIBRARY,
     {LIBRARY: {"Material FatigueFilm/Fatigue endurance ratio": "1.5"}},
     ["Fatigue endurance ratio"]),
    ("paris_exponent_zero", LIBRARY,
     {LIBRARY: {"Material FatigueFilm/Paris exponent": "0"}}, ["Paris exponent"]),
    ("fatigue_rate_nan", LIBRARY,
     {LIBRARY: {"Material FatigueFilm/Fatigue rate coefficient": "nan"}},
     ["Fatigue rate coefficient"]),
    ("thermal_expansion_nan", LIBRARY,
     {LIBRARY: {"Material FatigueFilm/Thermal expansion coefficient": "nan"}},
     ["Thermal expansion coefficient"]),
    ("library_material_unlisted", LIBRARY, {LIBRARY: {"Materials": "PET"}},
     ["FatigueFilm"]),
    # Broken files.
    ("case_empty", CASE, {CASE: ""}, ["Stack/Layers"]),
    ("case_binary", CASE, {CASE: "\x00\x01\x02\xff\xfe garbage \x00\n"}, []),
    ("case_set_outside_subsection", CASE, {CASE: ("append", "set Bending radius = 5\n")},
     ["Bending radius", "No entry"]),
    ("case_unterminated_subsection", CASE,
     {CASE: ("append", "subsection Bending\n  set Bending radius = 5\n")}, ["subsection"]),
    ("case_extra_end", CASE, {CASE: ("append", "end\n")}, ["end"]),
    ("library_empty", LIBRARY, {LIBRARY: ""}, ["Materials", "lists no materials"]),
    # A JSON case: deal.II's own message names the value only.
    ("json_thickness_nan", JSON_CASE, {JSON_CASE: JSON_BASE.replace("THICKNESS", '"nan"')},
     ["entry 'Stack/Layer Film/Thickness'", "nan"]),
    ("json_unknown_entry", JSON_CASE,
     {JSON_CASE: JSON_BASE.replace("THICKNESS", "0.35").replace("Load steps", "Load stpes")},
     ["entry 'Bending/Load stpes'"]),
    ("json_not_json", JSON_CASE, {JSON_CASE: '{"Dimension": 2,'}, ["JSON"]),
]


def subsection_blocks(edits):
    """The text that sets {"A/B/Entry": value} entries: nested subsection blocks."""
    text = "\n# hostile_inputs.py\n"
    for path, value in edits.items():
        *subsections, entry = path.split("/")
        indent = ""
        for name in subsections:
            text += f"{indent}subsection {name}\n"
            indent += "  "
        text += f"{indent}set {entry} = {value}\n"
        for _ in subsections:
            indent = indent[:-2]
            text += f"{indent}end\n"
    return text


def write_case(folder, edits):
    """Write case.prm and materials.prm of a case into folder."""
    with open(BASE_CASE, encoding="utf-8") as f:
        case = f.read()
    with open(BASE_LIBRARY, encoding="utf-8") as f:
        library = f.read()
    case += subsection_blocks({"Materials/Library file": LIBRARY})
    texts = {CASE: case, LIBRARY: library}
    for name, change in edits.items():
        if isinstance(change, str):
            texts[name] = change  # a broken file, as it is
        elif isinstance(change, tuple):
            texts[name] += change[1]  # ("append", text): broken lines at the end
        else:
            texts[name] += subsection_blocks(change)
    for name, text in texts.items():
        with open(os.path.join(folder, name), "w", encoding="utf-8", errors="surrogateescape") as f:
            f.write(text)


def kill_processes_in(folder):
    """SIGKILL every process whose working directory is folder (a hung case's ranks)."""
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            if os.readlink(f"/proc/{pid}/cwd") == folder:
                os.kill(int(pid), signal.SIGKILL)
        except OSError:
            pass


def listing(folder):
    return sorted(os.path.relpath(os.path.join(root, name), folder)
                  for root, dirs, files in os.walk(folder) for name in dirs + files)


def run_case(bendsim, ranks, folder, name, at_fault, edits, texts):
    """The failures of one case (empty: it passed)."""
    work = os.path.join(folder, "work")
    os.makedirs(work)
    write_case(work, edits)
    before = listing(work)
    mpiexec = os.environ.get("MPIEXEC", "mpirun")
    options = os.environ.get("MPIEXEC_OPTIONS", "--allow-run-as-root --oversubscribe").split()
    case_file = JSON_CASE if JSON_CASE in edits else CASE
    command = [mpiexec, *options, "-np", str(ranks), bendsim, case_file]
    environment = dict(os.environ, OPENBLAS_NUM_THREADS="1")
    # Its own process group, so that a hang ends mpirun's processes; Open MPI starts the
    # ranks in groups of their own, so they are found by their working directory.
    process = subprocess.Popen(command, cwd=work, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, env=environment,
                               start_new_session=True)
    try:
        stdout, stderr_bytes = process.communicate(timeout=TIME_LIMIT)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        kill_processes_in(work)
        stdout, stderr_bytes = process.communicate()
        hung = True
    else:
        hung = False
    with open(os.path.join(folder, "output.log"), "wb") as f:
        f.write(stdout + b"\n---- stderr ----\n" + stderr_bytes)
    if hung:
        return [f"no exit within {TIME_LIMIT} s (a hang)"]
    stderr = stderr_bytes.decode("utf-8", errors="replace")
    failures = []
    if process.returncode != 1:
        failures.append(f"exit status {process.returncode}, expected 1 (bad input)")
    if INPUT_ERROR not in stderr:
        failures.append(f"no '{INPUT_ERROR}' line")
    elif at_fault not in stderr:
        failures.append(f"the message does not name the file at fault, {at_fault}")
    for text in texts:
        if text not in stderr:
            failures.append(f"the message does not say '{text}'")
    after = listing(work)
    if after != before:
        failures.append("it wrote " + ", ".join(sorted(set(after) - set(before))))
    if failures:
        lines = [line for line in stderr.splitlines() if line.strip()][:3]
        failures.append("its standard error began: " + " | ".join(lines)[:400])
    return failures


def main():
    parser = argparse.ArgumentParser(description="Run the hostile-input corpus.")
    parser.add_argument("--bendsim", required=True)
    parser.add_argument("--ranks", type=int, default=1)
    parser.add_argument("--work", required=True)
    parser.add_argument("--jobs", type=int, default=1, help="cases run at the same time")
    parser.add_argument("--list", action="store_true", help="list the cases and exit")
    parser.add_argument("cases", nargs="*", help="run only these cases")
    args = parser.parse_args()
    if args.list:
        for name, at_fault, _, texts in CORPUS:
            print(f"{name}: {at_fault}: {', '.join(texts)}")
        return 0
    bendsim = os.path.abspath(args.bendsim)
    work = os.path.abspath(args.work)
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    chosen = [case for case in CORPUS if not args.cases or case[0] in args.cases]
    failed = 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        results = pool.map(lambda case: (case[0], run_case(bendsim, args.ranks,
                                                           os.path.join(work, case[0]),
                                                           *case)), chosen)
    for name, failures in results:
        if failures:
            failed += 1
            print(f"FAILED {name}:", flush=True)
            for failure in failures:
                print(f"    {failure}", flush=True)
        else:
            print(f"ok     {name}", flush=True)
    print(f"{len(chosen) - failed} of {len(chosen)} hostile inputs refused cleanly on "
          f"{args.ranks} rank(s)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
