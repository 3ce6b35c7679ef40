#!/bin/bash
# A disk that fills during a cyclic run: the run stops with the output-failure status and a
# message naming the file, and its newest checkpoint resumes to the same results as the
# case run in one go.
#
#   full_disk.sh <bendsim> <case.prm> <work folder> <reference output folder>
#
# For 1 and for 2 ranks:
# 1. Mounts a 4 MB tmpfs at <work folder>/disk.mpirun=<N> and runs <case.prm> there with a
#    checkpoint after every solved cycle (and no VTU). Once it has solved three cycles,
#    fills the rest of the disk with a file.
# 2. The run must end within 120 s with exit status 5 (an output file could not be
#    written) and "bendsim: cannot write the output:" naming a file of its output folder,
#    on every rank count, and leave no summary.json.
# 3. Removes the filling file and resumes the run on 1 rank to the end; its history.csv and
#    summary.json must agree with <reference output folder> (the same case run in one go)
#    as in kill_and_resume.sh (compare_summaries.py --rtol 1e-5 --atol 1e-6).
#
# Needs to mount a tmpfs (root): where it cannot, the test is skipped (exit status 77).
# The case must be cyclic and solve more than three cycles. The MPI launcher is $MPIEXEC
# (default: mpirun), with $MPIEXEC_OPTIONS (default: --allow-run-as-root --oversubscribe).

set -uo pipefail

if [ $# -ne 4 ]; then
  echo "usage: $0 <bendsim> <case.prm> <work folder> <reference output folder>" >&2
  exit 2
fi
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
bendsim=$(realpath "$1")
case_file=$(realpath "$2")
work=$(realpath -m "$3")
reference=$(realpath "$4")
mpiexec=${MPIEXEC:-mpirun}
read -r -a mpiexec_options <<< "${MPIEXEC_OPTIONS:---allow-run-as-root --oversubscribe}"

mounted=()
cleanup() {
  for disk in "${mounted[@]}"; do
    umount "$disk" 2> /dev/null
  done
}
trap cleanup EXIT

failures=0
fail() {
  echo "FAILED: $*" >&2
  failures=$((failures + 1))
}

for disk in "$work"/disk.mpirun=*; do
  umount "$disk" 2> /dev/null
done
rm -rf "$work"
mkdir -p "$work"
library=$(sed -n 's/^ *set Library file *= *\([^ #]*\).*/\1/p' "$case_file" | head -1)
library=$(cd "$(dirname "$case_file")" && realpath "${library:-materials.prm}")

for ranks in 1 2; do
  disk=$work/disk.mpirun=$ranks
  mkdir -p "$disk"
  if ! mount -t tmpfs -o size=4m tmpfs "$disk" 2> "$work/mount.err"; then
    echo "cannot mount a tmpfs ($(cat "$work/mount.err")): skipped"
    exit 77
  fi
  mounted+=("$disk")
  output=$disk/output
  {
    cat "$case_file"
    cat << END

# ---- overrides of full_disk.sh ----
set Output folder = $output
subsection Materials
  set Library file = $library
end
subsection Output
  set Write VTU           = false
  set Checkpoint interval = 1
end
END
  } > "$work/case.prm"

  # 1. Run, and fill the disk after the third solved cycle.
  timeout --kill-after=10 120 "$mpiexec" "${mpiexec_options[@]}" -np "$ranks" \
    "$bendsim" "$work/case.prm" > "$work/run.mpirun=$ranks.out" 2> "$work/run.mpirun=$ranks.err" &
  run=$!
  for _ in $(seq 1 1200); do
    rows=0
    [ -f "$output/history.csv" ] && rows=$(($(wc -l < "$output/history.csv") - 1))
    [ "$rows" -ge 3 ] && [ -f "$output/checkpoint.bin" ] && break
    kill -0 "$run" 2> /dev/null || break
    sleep 0.1
  done
  dd if=/dev/zero of="$disk/filling" bs=64k 2> /dev/null
  wait "$run"
  status=$?

  # 2. The run must have stopped, saying which file it could not write.
  what="the $ranks-rank run on a full disk"
  echo "$what: exit status $status: $(grep -m1 'bendsim' "$work/run.mpirun=$ranks.err")"
  if [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then
    fail "$what did not stop within 120 s"
  elif [ "$status" -ne 5 ]; then
    fail "$what: exit status $status, not 5 (an output file could not be written)"
  fi
  grep -q "bendsim: cannot write the output: .*$output/" "$work/run.mpirun=$ranks.err" ||
    fail "$what: standard error does not name the file it could not write"
  [ -f "$output/summary.json" ] && fail "$what wrote summary.json"

  # 3. Space again: the newest checkpoint resumes to the same results.
  rm -f "$disk/filling"
  "$mpiexec" "${mpiexec_options[@]}" -np 1 "$bendsim" --resume "$output" \
    > "$work/resume.mpirun=$ranks.log" 2>&1 ||
    fail "the resume after the $ranks-rank run failed (see $work/resume.mpirun=$ranks.log)"
  grep -q "resumed from" "$work/resume.mpirun=$ranks.log" ||
    fail "the run after the $ranks-rank run did not resume (see $work/resume.mpirun=$ranks.log)"
  if [ -f "$output/summary.json" ]; then
    /usr/bin/python3 "$here/../../postprocess/compare_summaries.py" --rtol 1e-5 --atol 1e-6 \
      "$reference" "$output" || fail "the resumed run differs from the run in one go"
  else
    fail "the resume after the $ranks-rank run wrote no summary.json"
  fi
done

if [ "$failures" -ne 0 ]; then
  exit 1
fi
echo "OK: a full disk stops the run with exit status 5; its checkpoint resumes to the same results"
