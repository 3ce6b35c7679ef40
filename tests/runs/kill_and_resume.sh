#!/bin/bash
# Checkpoint/restart of a cyclic run, against the same case run without interruption.
#
#   kill_and_resume.sh <bendsim> <case.prm> <work folder> <reference output folder>
#
# 1. Runs <case.prm> on 1 rank (through run_case.sh, output in <work folder>/output) and,
#    once its first checkpoint exists, kills it with SIGKILL after a random number (1-30)
#    of further solved cycles, wherever that solve happens to be (mpirun and the rank
#    alike: nothing is written after that).
# 2. Resumes it on 2 ranks ('bendsim --resume <work folder>/output'), and once that run has
#    written a checkpoint of its own, sends SIGTERM to both ranks after a random number
#    (1-8) of further solved cycles, as SLURM does to the tasks of a job step before it
#    kills them: the run must say that it wrote a checkpoint and stop without a
#    summary.json. (The signal goes to the ranks, not to mpirun, which passes SIGTERM on
#    only after its odls_base_sigkill_timeout.)
# 3. Resumes it on 1 rank to the end.
# 4. The history.csv and summary.json must agree with <reference output folder> (the same
#    case run in one go) to the Newton tolerance (compare_summaries.py --rtol 1e-5, and
#    --atol 1e-6 for quantities near zero, such as the J of a zone that has just started
#    to soften).
# The moments are counted in solved cycles (rows of history.csv), not in seconds, so that
# the run is interrupted in its middle however fast the machine is.
#
# The case must be cyclic with a 'Checkpoint interval' > 0. The MPI launcher is $MPIEXEC
# (default: mpirun), with $MPIEXEC_OPTIONS (default: --allow-run-as-root --oversubscribe).
# Needs /usr/bin/python3 (Debian's) for the comparison.

set -euo pipefail

if [ $# -ne 4 ]; then
  echo "usage: $0 <bendsim> <case.prm> <work folder> <reference output folder>" >&2
  exit 2
fi
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
bendsim=$(realpath "$1")
case_file=$(realpath "$2")
work=$(realpath -m "$3")
reference=$(realpath "$4")
output=$work/output
checkpoint=$output/checkpoint.bin
mpiexec=${MPIEXEC:-mpirun}
read -r -a mpiexec_options <<< "${MPIEXEC_OPTIONS:---allow-run-as-root --oversubscribe}"

fail() {
  echo "kill_and_resume.sh: $*" >&2
  exit 1
}

# Solved cycles so far: the rows of history.csv below its header.
solved_cycles() {
  if [ -f "$output/history.csv" ]; then
    echo $(($(wc -l < "$output/history.csv") - 1))
  else
    echo 0
  fi
}

# Wait (at most 600 s) until history.csv has $1 solved cycles, or until process $2 has
# ended.
wait_for_solved_cycles() {
  for _ in $(seq 1 6000); do
    [ "$(solved_cycles)" -ge "$1" ] && return 0
    kill -0 "$2" 2> /dev/null || return 1
    sleep 0.1
  done
  return 1
}

# Wait (at most 600 s) until the checkpoint is newer than $1 (a time in seconds since
# the epoch), or until process $2 has ended.
wait_for_checkpoint_after() {
  for _ in $(seq 1 1200); do
    if [ -f "$checkpoint" ] && [ "$(stat -c %Y "$checkpoint")" -gt "$1" ]; then
      return 0
    fi
    kill -0 "$2" 2> /dev/null || return 1
    sleep 0.5
  done
  return 1
}

# 1. Run on 1 rank and kill it with SIGKILL.
"$here/run_case.sh" "$bendsim" 1 "$case_file" "$work" > "$work.run1.log" 2>&1 &
run=$!
sleep 1
wait_for_checkpoint_after 0 "$run" || fail "the first run ended before writing a checkpoint (see $work.run1.log)"
wait_for_solved_cycles $(($(solved_cycles) + 1 + RANDOM % 30)) "$run" || true
[ -f "$output/summary.json" ] && fail "the first run finished before it could be killed; lengthen the case"
pkill -KILL -f "$work/$(basename "$case_file")" || true
wait "$run" 2> /dev/null || true
[ -f "$output/summary.json" ] && fail "a killed run wrote summary.json"
echo "killed the 1-rank run after $(solved_cycles) solved cycles"

# 2. Resume on 2 ranks and stop it with SIGTERM.
started=$(date +%s)
"$mpiexec" "${mpiexec_options[@]}" -np 2 "$bendsim" --resume "$output" > "$work.run2.log" 2>&1 &
run=$!
wait_for_checkpoint_after "$started" "$run" || fail "the 2-rank resume ended before writing a checkpoint (see $work.run2.log)"
wait_for_solved_cycles $(($(solved_cycles) + 1 + RANDOM % 8)) "$run" || true
[ -f "$output/summary.json" ] && fail "the 2-rank run finished before SIGTERM; lengthen the case"
pkill -TERM -f "^$bendsim --resume $output" || fail "no rank of the 2-rank run to send SIGTERM to"
wait "$run" 2> /dev/null || true
grep -q "resumed from" "$work.run2.log" || fail "the 2-rank run did not resume (see $work.run2.log)"
grep -q "stop requested (SIGTERM or SIGINT): checkpoint written" "$work.run2.log" ||
  fail "SIGTERM did not end the 2-rank run with a checkpoint (see $work.run2.log)"
[ -f "$output/summary.json" ] && fail "a run stopped by SIGTERM wrote summary.json"
echo "stopped the 2-rank run with SIGTERM after $(solved_cycles) solved cycles"

# 3. Resume on 1 rank to the end.
"$mpiexec" "${mpiexec_options[@]}" -np 1 "$bendsim" --resume "$output" > "$work.run3.log" 2>&1 ||
  fail "the last resume failed (see $work.run3.log)"
[ -f "$output/summary.json" ] || fail "the last resume wrote no summary.json"

# 4. Same results as the run in one go.
/usr/bin/python3 "$here/../../postprocess/compare_summaries.py" --rtol 1e-5 --atol 1e-6 "$reference" "$output"
