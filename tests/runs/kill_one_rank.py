#!/usr/bin/python3
"""Faults of a 2-rank run: one rank killed, and every process killed while a checkpoint
is being written; the run resumes to the results of the run in one go.

Needs only the Python standard library; run with /usr/bin/python3 (Debian's python3).

    kill_one_rank.py --bendsim PATH --case CASE.prm --work FOLDER --reference FOLDER

1. CASE runs on 2 ranks (output in FOLDER/output, through --set "Output folder=...").
   Once it has written a checkpoint and solved a few more cycles, rank 1 alone is killed
   with SIGKILL. The whole job must end within 60 s (mpirun ends rank 0: no hang), with
   a non-zero exit status and no summary.json.
2. It is resumed on 2 ranks. The moment the temporary file of its next checkpoint
   (checkpoint.bin.tmp) appears, mpirun and both ranks are killed with SIGKILL, in the
   middle of writing it.
3. It is resumed on 1 rank to the end: from the checkpoint before the interrupted one,
   which the interrupted write must have left whole.
4. Its summary.json and history.csv must equal those of the run in one go (REFERENCE,
   on 1 rank), as in the restart test: compare_summaries.py --rtol 1e-5 --atol 1e-6.
   The ranks of the killed runs are killed by their pids too: Open MPI starts them in
   process groups of their own, and a rank left running after mpirun was killed went on
   appending to history.csv beside the resumed run (rows out of order; seen in 2 of 10
   trials before the ranks were killed as well).

The case must be cyclic, with a Checkpoint interval > 0, and take long enough to be
interrupted twice (verification/fatigue_film.prm: about 160 solved cycles). MPI runs
under $MPIEXEC $MPIEXEC_OPTIONS (default: mpirun --allow-run-as-root --oversubscribe).
"""

import argparse
import os
import signal
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
COMPARE = os.path.join(HERE, "..", "..", "postprocess", "compare_summaries.py")


class Failure(Exception):
    pass


def mpirun(ranks, arguments, log):
    mpiexec = os.environ.get("MPIEXEC", "mpirun")
    options = os.environ.get("MPIEXEC_OPTIONS", "--allow-run-as-root --oversubscribe").split()
    environment = dict(os.environ, OPENBLAS_NUM_THREADS="1")
    return subprocess.Popen([mpiexec, *options, "-np", str(ranks), *arguments],
                            stdout=log, stderr=subprocess.STDOUT, env=environment,
                            start_new_session=True)


def solved_cycles(output):
    try:
        with open(os.path.join(output, "history.csv")) as f:
            return max(0, sum(1 for _ in f) - 1)
    except OSError:
        return 0


def wait_until(condition, process, timeout, what):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        if process.poll() is not None:
            raise Failure(f"the run ended (exit status {process.returncode}) before {what}")
        time.sleep(0.05)
    raise Failure(f"timed out after {timeout} s waiting for {what}")


def is_alive(pid):
    """Whether a process exists and is not a zombie."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def rank_pids(job):
    """{rank: pid} of the MPI ranks that the mpirun process job started."""
    ranks = {}
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/stat") as f:
                parent = int(f.read().rsplit(")", 1)[1].split()[1])
            with open(f"/proc/{pid}/environ", "rb") as f:
                environ = f.read().split(b"\0")
        except OSError:
            continue
        if parent != job.pid:
            continue
        for entry in environ:
            if entry.startswith(b"OMPI_COMM_WORLD_RANK="):
                ranks[int(entry.split(b"=")[1])] = int(pid)
    return ranks


def main():
    parser = argparse.ArgumentParser(description="Kill one rank, kill during a checkpoint.")
    parser.add_argument("--bendsim", required=True)
    parser.add_argument("--case", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--reference", required=True)
    args = parser.parse_args()
    bendsim = os.path.abspath(args.bendsim)
    work = os.path.abspath(args.work)
    output = os.path.join(work, "output")
    checkpoint = os.path.join(output, "checkpoint.bin")
    subprocess.run(["rm", "-rf", work], check=True)
    os.makedirs(work)
    try:
        # 1. Rank 1 killed.
        with open(os.path.join(work, "run1.log"), "w") as log:
            job = mpirun(2, [bendsim, "--set", f"Output folder={output}",
                             os.path.abspath(args.case)], log)
            wait_until(lambda: os.path.exists(checkpoint), job, 600, "its first checkpoint")
            target = solved_cycles(output) + 3
            wait_until(lambda: solved_cycles(output) >= target, job, 600,
                       f"{target} solved cycles")
            ranks = rank_pids(job)
            if 1 not in ranks:
                raise Failure(f"no rank 1 among the processes of mpirun ({ranks})")
            os.kill(ranks[1], signal.SIGKILL)
            killed_at = solved_cycles(output)
            try:
                status = job.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(job.pid, signal.SIGKILL)
                raise Failure("with rank 1 killed, the job did not end within 60 s (a hang)")
        if status == 0 or os.path.exists(os.path.join(output, "summary.json")):
            raise Failure(f"with rank 1 killed, the job ended with status {status} "
                          "and/or wrote summary.json")
        print(f"ok: rank 1 killed after {killed_at} solved cycles; the job ended with "
              f"status {status}")

        # 2. Everything killed while the next checkpoint is being written.
        temporary = checkpoint + ".tmp"
        with open(os.path.join(work, "run2.log"), "w") as log:
            job = mpirun(2, [bendsim, "--resume", output], log)
            # The ranks' pids first: Open MPI starts them in process groups of their own,
            # so killing mpirun's group alone would leave them running (and writing).
            wait_until(lambda: len(rank_pids(job)) == 2, job, 60, "the two ranks to start")
            ranks = rank_pids(job)
            deadline = time.monotonic() + 600
            while not os.path.exists(temporary):
                if job.poll() is not None or time.monotonic() > deadline:
                    os.killpg(job.pid, signal.SIGKILL)
                    raise Failure("the resumed run wrote no checkpoint to interrupt "
                                  f"(exit status {job.returncode}); lengthen the case")
                time.sleep(0.0002)
            for pid in ranks.values():
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            os.killpg(job.pid, signal.SIGKILL)
            job.wait()
            for pid in ranks.values():  # gone, not only signalled
                deadline = time.monotonic() + 30
                while is_alive(pid):
                    if time.monotonic() > deadline:
                        raise Failure(f"rank process {pid} still runs 30 s after SIGKILL")
                    time.sleep(0.05)
        print(f"ok: mpirun and both ranks killed while {os.path.basename(temporary)} "
              f"was being written, after {solved_cycles(output)} solved cycles")

        # 3. Resumed on 1 rank to the end.
        with open(os.path.join(work, "run3.log"), "w") as log:
            job = mpirun(1, [bendsim, "--resume", output], log)
            status = job.wait(timeout=900)
        with open(os.path.join(work, "run3.log")) as f:
            log_text = f.read()
        if status != 0 or "resumed from" not in log_text:
            raise Failure(f"the last resume failed (exit status {status}):\n{log_text[-2000:]}")
        print("ok: resumed on 1 rank from the checkpoint the interrupted write left, "
              "to the end")

        # 4. The same results as the run in one go.
        with open(os.path.join(output, "history.csv")) as f:
            cycles = [int(line.split(",", 1)[0]) for line in list(f)[1:]]
        if any(b <= a for a, b in zip(cycles, cycles[1:])):
            raise Failure("history.csv has its cycles out of order: two runs wrote it")
        result = subprocess.run([sys.executable, COMPARE, "--rtol", "1e-5", "--atol", "1e-6",
                                 args.reference, output], capture_output=True, text=True)
        print(result.stdout + result.stderr)
        if result.returncode != 0:
            raise Failure("the results differ from the run in one go")
    except Failure as failure:
        print(f"FAILED: {failure}", file=sys.stderr)
        return 1
    print("passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
