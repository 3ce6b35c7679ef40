#!/usr/bin/python3
"""Tests of postprocess/sweep.py and postprocess/critical_radius.py on small bendsim cases.

Needs only the Python standard library; run with /usr/bin/python3 (Debian's python3).

    test_studies.py sweep           --bendsim PATH --work FOLDER
    test_studies.py critical_radius --bendsim PATH --work FOLDER
    test_studies.py slurm           --bendsim PATH --work FOLDER

FOLDER is emptied first and holds everything the test writes. bendsim runs on one rank
under $MPIEXEC $MPIEXEC_OPTIONS (default: mpirun --allow-run-as-root --oversubscribe).

Both tests use small_sweep.json next to this script: verification/fatigue_film.prm on a
coarse mesh (20 cells along the 10 µm segment, 2160 DoFs), a few seconds per run.

sweep (8 runs of about 2 s, one of them a failure):
  1. `run` of the 4-point sweep (radius x film thickness) runs every point;
  2. `collect` writes 4 rows, all finished, with the swept values and the results;
  3. `run` again runs nothing: every point says skipped, no summary.json changes;
  4. with one point's summary.json deleted, `run` runs that point only;
  5. `slurm` writes a job-array script: checked with `sbatch --test-only` if sbatch and a
     SLURM controller answer, else with `bash -n` and its #SBATCH lines. Then tasks of
     the script are run here, with a stand-in for srun: a finished point is skipped
     without calling srun, an unfinished one runs;
  6. a point that bendsim rejects makes `run` fail, naming the point and its log, and
     `collect` reports it as failed;
  7. bad sweep descriptions stop with exit status 2 and a message naming the file and key.

critical_radius (6 runs of 2 to 10 s):
  1. the smallest radius keeping 90 % PCE retention after 2 cycles of the film, between
     0.26 and 0.32 mm (the film cracks through in the first two bends below about 0.285 mm), to 5 %;
  2. independent runs (with sweep.py) at the reported radius, which must meet the
     target, and 2 % below the bracket's lower end, which must not;
  3. the same search again runs nothing (every radius is re-used);
  4. a wrong lower and a wrong upper bound are reported as such (re-used runs).

slurm (a real SLURM on this machine, about a minute; exit status 77, skipped, without
root or without Debian's slurm-wlm and munge):
  1. a one-node cluster starts (one_node_cluster.py: munged, slurmctld, slurmd, all
     files in FOLDER/cluster);
  2. a 2-point sweep of fatigue_film.prm (10 and 1000 cycles, its own mesh) runs here
     with `sweep.py run`: the reference;
  3. the same sweep, written as a job array by `sweep.py slurm`, is submitted with
     `sbatch --wait`; once the 1000-cycle point has passed cycle 100 its task is stopped
     with `scancel --signal=TERM`: bendsim writes its checkpoint and exits with status 3,
     the task fails, the other task finishes;
  4. the script is submitted again: the finished point is skipped, the stopped one is
     resumed from its checkpoint ("resumed from ... at cycle ...") and finishes;
  5. `sweep.py collect` of the SLURM sweep equals that of the local one but for the
     wall times, and the resumed point's summary.json and history.csv equal the local
     run's (compare_summaries.py --rtol 1e-5 --atol 1e-6, as the restart test).
"""

import argparse
import csv
import json
import os
import re
import shutil
import subprocess
import sys
import time

TEST_FOLDER = os.path.dirname(os.path.abspath(__file__))
SOURCE_FOLDER = os.path.dirname(os.path.dirname(TEST_FOLDER))
SWEEP = os.path.join(SOURCE_FOLDER, "postprocess", "sweep.py")
CRITICAL_RADIUS = os.path.join(SOURCE_FOLDER, "postprocess", "critical_radius.py")
SMALL_SWEEP = os.path.join(TEST_FOLDER, "small_sweep.json")
COMPARE_SUMMARIES = os.path.join(SOURCE_FOLDER, "postprocess", "compare_summaries.py")
SKIPPED = 77  # ctest's SKIP_RETURN_CODE
PYTHON = sys.executable


class TestFailure(Exception):
    pass


def check(condition, message, output=None):
    if not condition:
        if output is not None:
            message += "\n---- output ----\n" + output
        raise TestFailure(message)
    print(f"  ok: {message}", flush=True)


def run(command, **options):
    """Run a command; returns (exit status, stdout, stderr). Echoes the command and its
    output (indented), so that a failing test's log shows what the scripts said."""
    print("$ " + " ".join(command), flush=True)
    result = subprocess.run(command, capture_output=True, text=True, **options)
    for line in (result.stdout + result.stderr).splitlines():
        print("  | " + line)
    return result.returncode, result.stdout, result.stderr


def small_sweep(work, name, **changes):
    """small_sweep.json, with the base case as an absolute path and its folder in work,
    changed by changes (top-level keys), written to work/<name>.json."""
    with open(SMALL_SWEEP, encoding="utf-8") as f:
        description = json.load(f)
    description["base"] = os.path.normpath(os.path.join(TEST_FOLDER, description["base"]))
    description["folder"] = os.path.join(work, name)
    description.update(changes)
    path = os.path.join(work, name + ".json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(description, f, indent=2)
    return path, description


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def summary_times(folder, points):
    return {point: os.stat(os.path.join(folder, point, "summary.json")).st_mtime_ns
            for point in points}


# ------------------------------------------------------------------------------------------

def test_sweep(bendsim, work):
    path, description = small_sweep(work, "small_sweep")
    folder = description["folder"]
    points = [f"point_{i:03d}" for i in range(4)]
    expected_values = [("0.4", "0.3"), ("0.4", "0.35"), ("0.45", "0.3"), ("0.45", "0.35")]
    sweep_run = [PYTHON, SWEEP, "run", path, "--jobs", "1", "--bendsim", bendsim]

    print("1. run the 4-point sweep")
    status, out, err = run(sweep_run)
    check(status == 0, "sweep.py run exits with status 0", out + err)
    check(len(re.findall(r"^\[\d/4\] point_\d{3}  finished in", out, re.M)) == 4,
          "4 points ran", out)
    for point in points:
        check(os.path.isfile(os.path.join(folder, point, "summary.json")),
              f"{point}/summary.json exists")
        check(os.path.getsize(os.path.join(folder, point, "bendsim.log")) > 0,
              f"{point}/bendsim.log holds the run's output")

    print("2. collect")
    status, out, err = run([PYTHON, SWEEP, "collect", path])
    check(status == 0, "sweep.py collect exits with status 0", out + err)
    rows = read_csv(os.path.join(folder, "sweep.csv"))
    check(len(rows) == 4, f"sweep.csv has 4 rows (has {len(rows)})")
    check(all(row["status"] == "finished" for row in rows), "every point is finished")
    check([(row["Bending/Bending radius"], row["Stack/Layer Film/Thickness"]) for row in rows]
          == expected_values, "the parameter columns hold the cartesian product")
    check(all(row["cycles"] == "10" for row in rows), "every point ran 10 cycles")
    check(all(0 <= float(row["final_pce_retention"]) <= 1 for row in rows)
          and all(row["cracks_Film"] != "" for row in rows),
          "the retention and the Film's cracks are collected")

    print("3. run again: nothing runs")
    before = summary_times(folder, points)
    status, out, err = run(sweep_run)
    check(status == 0, "sweep.py run exits with status 0", out + err)
    check(out.count("skipped: finished earlier") == 4 and "finished in" not in out,
          "every point is skipped, none runs", out)
    check(summary_times(folder, points) == before, "no summary.json changed")

    print("4. delete point_002/summary.json: only point_002 runs")
    os.remove(os.path.join(folder, "point_002", "summary.json"))
    status, out, err = run(sweep_run)
    check(status == 0, "sweep.py run exits with status 0", out + err)
    ran = re.findall(r"(point_\d{3})  finished in", out)
    check(ran == ["point_002"], f"only point_002 ran (ran: {ran})", out)
    check(out.count("skipped: finished earlier") == 3, "the other 3 are skipped", out)
    after = summary_times(folder, points)
    check(all(after[p] == before[p] for p in points if p != "point_002")
          and after["point_002"] != before["point_002"],
          "only point_002/summary.json was rewritten")

    print("5. the SLURM job-array script")
    status, out, err = run([PYTHON, SWEEP, "slurm", path, "--bendsim", bendsim])
    check(status == 0, "sweep.py slurm exits with status 0", out + err)
    script = out.strip()
    check(script == os.path.join(folder, "sweep.sbatch") and os.path.isfile(script),
          f"it prints the script's path ({script})", out + err)
    with open(script, encoding="utf-8") as f:
        text = f.read()
    sbatch = dict(re.findall(r"^#SBATCH --([\w-]+)=(.*)$", text, re.M))
    check(sbatch.get("array") == "0-3%2", f"--array=0-3%2 (4 points, max_parallel 2): "
          f"{sbatch.get('array')}")
    check(sbatch.get("ntasks") == "1", "--ntasks=1 (ranks)")
    check(sbatch.get("time") == "00:10:00", "--time=00:10:00")
    check(sbatch.get("partition") == "debug", "--partition=debug")
    check(sbatch.get("job-name") == "bendsim_small_sweep", "--job-name=bendsim_small_sweep")
    check(sbatch.get("output", "").endswith("%A_%a.out")
          and os.path.isdir(os.path.dirname(sbatch["output"])),
          "--output: one log per task, in a folder that exists")
    with open(os.path.join(folder, "points.txt"), encoding="utf-8") as f:
        check(f.read().split() == points, "points.txt lists the 4 points in order")
    status, out, err = run(["bash", "-n", script])
    check(status == 0, "bash -n: the script's syntax is valid", out + err)
    controller = shutil.which("sbatch") and shutil.which("scontrol") and subprocess.run(
        ["scontrol", "ping"], capture_output=True, text=True, timeout=30).returncode == 0
    if controller:
        status, out, err = run(["sbatch", "--test-only", script])
        check(status == 0, "sbatch --test-only accepts the script", out + err)
    else:
        print("  (no sbatch or no SLURM controller here: sbatch --test-only skipped)")

    # The tasks, run here: srun stands in as $MPIEXEC $MPIEXEC_OPTIONS -np $SLURM_NTASKS,
    # and records that it was called.
    fake = os.path.join(work, "fake_slurm")
    os.makedirs(fake, exist_ok=True)
    calls = os.path.join(fake, "srun_calls")
    with open(os.path.join(fake, "srun"), "w", encoding="utf-8") as f:
        f.write("#!/bin/bash\n"
                "# srun for the test: drop srun's options, run the rest under $MPIEXEC.\n"
                f'echo "$*" >> {calls}\n'
                'while [ "${1#--}" != "$1" ]; do shift; done\n'
                'read -r -a options <<< "${MPIEXEC_OPTIONS---allow-run-as-root --oversubscribe}"\n'
                'exec "${MPIEXEC:-mpirun}" "${options[@]}" -np "$SLURM_NTASKS" "$@"\n')
    os.chmod(os.path.join(fake, "srun"), 0o755)
    environment = dict(os.environ, PATH=fake + os.pathsep + os.environ["PATH"],
                       SLURM_NTASKS="1")
    status, out, err = run(["bash", script], env=dict(environment, SLURM_ARRAY_TASK_ID="0"))
    check(status == 0 and "point_000: finished earlier" in out
          and not os.path.exists(calls), "task 0: point_000 is finished, skipped without "
          "calling srun", out + err)
    os.remove(os.path.join(folder, "point_001", "summary.json"))
    status, out, err = run(["bash", script], env=dict(environment, SLURM_ARRAY_TASK_ID="1"))
    check(status == 0 and "point_001: finished" in out and os.path.exists(calls)
          and os.path.isfile(os.path.join(folder, "point_001", "summary.json")),
          "task 1: point_001 (summary.json deleted) runs under srun", out + err)
    status, out, err = run(["bash", script], env=dict(environment, SLURM_ARRAY_TASK_ID="4"))
    check(status != 0 and "no point" in err, "task 4 (no such point) fails with a message",
          out + err)

    print("6. a point that bendsim rejects")
    bad_path, bad = small_sweep(work, "bad_point",
                                parameters={"Bending/Bending radius": [0.4, -1]})
    bad_run = [PYTHON, SWEEP, "run", bad_path, "--bendsim", bendsim]
    status, out, err = run(bad_run)
    log = os.path.join(bad["folder"], "point_001", "bendsim.log")
    check(status == 1, "sweep.py run exits with status 1", out + err)
    check("point_001" in err and log in err and "Bending radius" in err,
          "it names the failed point, its log and bendsim's message", err)
    check("point_000  finished in" in out, "the good point ran", out)
    status, out, err = run([PYTHON, SWEEP, "collect", bad_path])
    rows = read_csv(os.path.join(bad["folder"], "sweep.csv"))
    check([row["status"] for row in rows] == ["finished", "failed"],
          "collect: statuses finished, failed")
    status, out, err = run(bad_run)
    check(status == 1 and "point_000  skipped" in out and "point_001" in err,
          "run again: the failed point is run again and fails again", out + err)

    print("7. bad sweep descriptions")
    for name, changes, texts in (
            ("no_steps", {"parameters": {"Bending/Bending radius": {"from": 1, "to": 2}}},
             ["key 'parameters/Bending/Bending radius'", "'steps' is missing"]),
            ("unknown_key", {"parametres": {}},
             ["unknown key 'parametres'", "allowed: base, folder"]),
            ("no_layer", {"fixed": {"Stack/Layer Flim/Thickness": 0.3}},
             ["key 'fixed/Stack/Layer Flim/Thickness'", "no layer 'Flim'", "PET, Film"]),
            ("log_range", {"parameters": {"Bending/Bending radius":
                                          {"from": 0, "to": 2, "steps": 3, "scale": "log"}}},
             ["key 'parameters/Bending/Bending radius'", "log range"]),
            ("slurm_time", {"slurm": {"time": "2 hours"}},
             ["key 'slurm/time'", "'2 hours'"])):
        bad_path, _ = small_sweep(work, name, **changes)
        status, out, err = run([PYTHON, SWEEP, "run", bad_path, "--bendsim", bendsim])
        check(status == 2 and bad_path in err and all(t in err for t in texts),
              f"{name}: exit status 2, the file and {texts}", out + err)
        check(not os.path.exists(os.path.join(work, name)), f"{name}: no sweep folder")


# ------------------------------------------------------------------------------------------

CYCLES = 2
TARGET = 0.9


def test_critical_radius(bendsim, work):
    with open(SMALL_SWEEP, encoding="utf-8") as f:
        fixed = json.load(f)["fixed"]
    # The small sweep's mesh; the search sets the cycles, VTU output and radius itself.
    mesh = {path: value for path, value in fixed.items()
            if path not in ("Cycling/Number of cycles", "Output/Write VTU")}
    base = os.path.join(SOURCE_FOLDER, "parameters", "verification", "fatigue_film.prm")
    folder = os.path.join(work, "critical")

    def search(lower, upper):
        command = [PYTHON, CRITICAL_RADIUS, base, "--cycles", str(CYCLES),
                   "--target", str(TARGET), "--lower", str(lower), "--upper", str(upper),
                   "--tolerance", "0.05", "--folder", folder, "--bendsim", bendsim]
        for path, value in mesh.items():
            command += ["--set", f"{path}={value}"]
        return run(command)

    print("1. search between 0.26 and 0.32 mm")
    status, out, err = search(0.26, 0.32)
    check(status == 0, "critical_radius.py exits with status 0", out + err)
    found = re.search(r"critical radius R_c = ([\d.e+-]+) mm", out)
    bracket = re.search(r"bracket: ([\d.e+-]+) mm \(retention [\d.]+\) < R_c <= "
                        r"([\d.e+-]+) mm", out)
    check(found is not None and bracket is not None, "it reports R_c and the bracket", out)
    radius, lower, upper = float(found.group(1)), float(bracket.group(1)), float(bracket.group(2))
    print(f"  critical radius {radius} mm, bracket ({lower}, {upper}] mm")
    check(radius == upper and 0.26 <= lower < upper <= 0.32,
          "R_c is the bracket's upper end, inside the given bounds")
    check(upper - lower <= 0.05 * upper * (1 + 1e-9), "the bracket is within 5 % of R_c")
    rows = {float(row["radius_mm"]): row for row in
            read_csv(os.path.join(folder, "critical_radius.csv"))}
    check({0.26, 0.32, lower, upper} <= set(rows), "the CSV lists the bounds and the bracket")
    check(all((float(row[f"pce_retention_after_{CYCLES}_cycles"]) >= TARGET)
              == (row["meets_target"] == "yes") == (r >= upper) for r, row in rows.items()),
          "in the CSV, exactly the radii >= R_c meet the target")
    runs = len(rows)

    print("2. independent runs at R_c and below the bracket")
    below = float(f"{0.98 * lower:.6g}")
    check_path, check_description = small_sweep(
        work, "check", parameters={"Bending/Bending radius": [radius, below]},
        fixed=dict(fixed, **{"Cycling/Number of cycles": CYCLES}))
    status, out, err = run([PYTHON, SWEEP, "run", check_path, "--bendsim", bendsim])
    check(status == 0, "the check sweep ran", out + err)
    run([PYTHON, SWEEP, "collect", check_path])
    rows = read_csv(os.path.join(check_description["folder"], "sweep.csv"))
    at_radius, at_below = (float(row["final_pce_retention"]) for row in rows)
    check(at_radius >= TARGET, f"at R_c = {radius} mm the retention {at_radius:.4f} meets "
          f"the target {TARGET}")
    check(at_below < TARGET, f"at {below} mm (2 % below the bracket) the retention "
          f"{at_below:.4f} is below the target")

    print("3. the same search again re-uses every run")
    status, out, err = search(0.26, 0.32)
    check(status == 0 and f"critical radius R_c = {found.group(1)} mm" in out,
          "the same R_c", out + err)
    check(f"{runs} radii evaluated (0 run, {runs} re-used)" in out, "nothing ran", out)

    print("4. wrong bounds")
    status, out, err = search(upper, 0.32)
    check(status == 1 and "the lower bound is wrong" in err and found.group(1) in err,
          "a lower bound that meets the target is reported, with its retention", out + err)
    status, out, err = search(0.26, lower)
    check(status == 1 and "the upper bound is wrong" in err and bracket.group(1) in err,
          "an upper bound that misses the target is reported, with its retention", out + err)
    check("run in" not in out, "both re-used earlier runs", out)


def wait_for(condition, timeout, message):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise TestFailure(f"timed out after {timeout} s: {message}")


def last_cycle(log):
    """The last cycle of bendsim's progress lines in a log file (0: none yet)."""
    if not os.path.isfile(log):
        return 0
    with open(log, errors="replace") as f:
        cycles = re.findall(r"^  cycle +(\d+) ", f.read(), re.M)
    return int(cycles[-1]) if cycles else 0


def submit_and_wait(script, cluster, stop_point=None):
    """sbatch --wait of a job-array script; with stop_point (a point folder), the task of
    that point (task 1) is stopped with scancel --signal=TERM once its run passed cycle
    100. Returns (sbatch's exit status, its output)."""
    print(f"$ sbatch --wait {script}", flush=True)
    sbatch = subprocess.Popen(["sbatch", "--wait", script], env=cluster.environment,
                              cwd=os.path.dirname(script), stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True)
    first = sbatch.stdout.readline()
    print("  | " + first.rstrip(), flush=True)
    job = re.search(r"Submitted batch job (\d+)", first)
    if job is None:
        sbatch.kill()
        raise TestFailure(f"sbatch did not submit the job: {first}")
    if stop_point is not None:
        log = os.path.join(stop_point, "bendsim.log")
        wait_for(lambda: last_cycle(log) >= 100, 120, f"{log} passes cycle 100")
        status, out, err = run(["scancel", "--signal=TERM", f"{job.group(1)}_1"],
                               env=cluster.environment)
        check(status == 0, f"scancel --signal=TERM of task {job.group(1)}_1 (at cycle "
              f"{last_cycle(log)})", out + err)
    rest, _ = sbatch.communicate(timeout=600)
    for line in rest.splitlines():
        print("  | " + line)
    return sbatch.returncode, first + rest


def test_slurm(bendsim, work):
    from one_node_cluster import ClusterError, OneNodeCluster, missing_programs
    missing = missing_programs()
    if missing or os.geteuid() != 0:
        print("skipped: " + (f"no {', '.join(missing)} (Debian: apt-get install slurm-wlm "
                             "munge)" if missing else "slurmd must run as root"))
        return SKIPPED
    changes = {"parameters": {"Cycling/Number of cycles": [10, 1000]},
               "fixed": {"Output/Write VTU": False},
               "slurm": {"time": "00:10:00", "partition": "debug"}}
    local_path, local = small_sweep(work, "local", **changes)
    slurm_path, on_slurm = small_sweep(work, "on_slurm", **changes)
    points = ["point_000", "point_001"]

    print("1. a one-node SLURM cluster")
    try:
        cluster = OneNodeCluster(os.path.join(work, "cluster")).start()
    except ClusterError as error:
        raise TestFailure(str(error))
    try:
        check(True, f"node {cluster.node} is idle in partition debug")

        print("2. the reference: the sweep run here")
        status, out, err = run([PYTHON, SWEEP, "run", local_path, "--bendsim", bendsim])
        check(status == 0, "sweep.py run exits with status 0", out + err)

        print("3. the job array, its 1000-cycle task stopped with SIGTERM")
        status, out, err = run([PYTHON, SWEEP, "slurm", slurm_path, "--bendsim", bendsim])
        check(status == 0, "sweep.py slurm writes the job-array script", out + err)
        script = out.strip().splitlines()[-1]
        stopped = os.path.join(on_slurm["folder"], points[1])
        status, out = submit_and_wait(script, cluster, stop_point=stopped)
        check(status != 0, "sbatch --wait reports the stopped task as failed", out)
        with open(os.path.join(stopped, "exit_status")) as f:
            code = f.read().strip()
        check(code == "3", f"the stopped run exited with status {code} (3: stopped with a "
              "checkpoint)")
        check(os.path.isfile(os.path.join(stopped, "checkpoint.bin"))
              and not os.path.isfile(os.path.join(stopped, "summary.json")),
              "it left checkpoint.bin and no summary.json")
        check(os.path.isfile(os.path.join(on_slurm["folder"], points[0], "summary.json")),
              "the other task finished")
        stopped_at = last_cycle(os.path.join(stopped, "bendsim.log"))

        print("4. submitted again: skipped, and resumed")
        status, out = submit_and_wait(script, cluster)
        check(status == 0, "sbatch --wait: every task succeeded", out)
        logs = ""
        for name in sorted(os.listdir(os.path.join(on_slurm["folder"], "slurm_logs"))):
            with open(os.path.join(on_slurm["folder"], "slurm_logs", name)) as f:
                logs += f.read()
        check("point_000: finished earlier (summary.json exists), skipped" in logs,
              "the finished point is skipped", logs)
        with open(os.path.join(stopped, "bendsim.log")) as f:
            log = f.read()
        resumed = re.search(r"resumed from .* at cycle (\d+)", log)
        check(resumed is not None and 100 < int(resumed.group(1)) < 1000,
              f"the stopped point resumed from its checkpoint, mid-run (at cycle "
              f"{resumed.group(1) if resumed else '?'}; its last progress line before the "
              f"stop: cycle {stopped_at})", log)
    finally:
        cluster.stop()

    print("5. the same results as the local sweep")
    for path in (local_path, slurm_path):
        status, out, err = run([PYTHON, SWEEP, "collect", path])
        check(status == 0, f"sweep.py collect {os.path.basename(path)}", out + err)
    rows = {}
    for name, description in (("local", local), ("on_slurm", on_slurm)):
        rows[name] = [{k: v for k, v in row.items() if k != "wall_time_s"}
                      for row in read_csv(os.path.join(description["folder"], "sweep.csv"))]
    check(rows["local"] == rows["on_slurm"] and len(rows["local"]) == 2
          and all(row["status"] == "finished" for row in rows["local"]),
          "sweep.csv of the SLURM sweep equals the local one but for wall_time_s",
          json.dumps(rows, indent=1))
    status, out, err = run([PYTHON, COMPARE_SUMMARIES, "--rtol", "1e-5", "--atol", "1e-6",
                            os.path.join(local["folder"], points[1]), stopped])
    check(status == 0, "the resumed point's summary.json and history.csv equal the local "
          "run's", out + err)


def main():
    parser = argparse.ArgumentParser(description="Test sweep.py (here and on SLURM) or critical_radius.py.")
    parser.add_argument("test", choices=("sweep", "critical_radius", "slurm"))
    parser.add_argument("--bendsim", required=True, help="the bendsim executable")
    parser.add_argument("--work", required=True, help="folder for the test's files "
                        "(emptied first)")
    args = parser.parse_args()
    bendsim = os.path.abspath(args.bendsim)
    work = os.path.abspath(args.work)
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    start = time.monotonic()
    tests = {"sweep": test_sweep, "critical_radius": test_critical_radius,
             "slurm": test_slurm}
    try:
        if tests[args.test](bendsim, work) == SKIPPED:
            return SKIPPED
    except TestFailure as e:
        print(f"FAILED: {e}", file=sys.stderr)
        return 1
    print(f"passed in {time.monotonic() - start:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
