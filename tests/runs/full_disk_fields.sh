#!/bin/bash
# A disk too small for the first fields: the run stops with the output-failure status and a
# message naming the step's files, and leaves none of that step's files behind.
#
#   full_disk_fields.sh <bendsim> <case.prm> <work folder>
#
# For 1 and 2 ranks: mounts a 150 kB tmpfs at <work folder>/disk.mpirun=<N> (room for the
# small files of the output folder and one or two steps of VTU pieces) and runs
# <case.prm> there with VTU output. The run must end within 120 s with exit status 5,
# "bendsim: cannot write the output: cannot write the fields of step <n>" on standard
# error, and no file of step <n> in its output folder (the steps before it stay whole).
# Needs to mount a tmpfs (root): where it cannot, the test is skipped (exit status 77).
# The MPI launcher is $MPIEXEC (default: mpirun), with $MPIEXEC_OPTIONS (default:
# --allow-run-as-root --oversubscribe).

set -uo pipefail
bendsim=$1 case_file=$(realpath "$2") work=$3
mpiexec=${MPIEXEC:-mpirun}
read -r -a mpiexec_options <<< "${MPIEXEC_OPTIONS:---allow-run-as-root --oversubscribe}"
mkdir -p "$work"
status=0
for ranks in 1 2; do
  disk=$work/disk.mpirun=$ranks
  mkdir -p "$disk"
  if ! mount -t tmpfs -o size=150k tmpfs "$disk" 2> /dev/null; then
    echo "full_disk_fields.sh: cannot mount a tmpfs here: skipped"
    exit 77
  fi
  case_copy=$disk/../case.mpirun=$ranks.prm
  library=$(dirname "$case_file")/$(sed -n 's/^ *set Library file *= *\([^ #]*\).*/\1/p' "$case_file")
  sed -e "s|^set Output folder.*|set Output folder = $disk/out|" \
      -e "s|^\( *set Library file *=\).*|\1 $library|" \
      "$case_file" > "$case_copy"
  printf 'subsection Output\n  set Write VTU = true\nend\n' >> "$case_copy"
  timeout 120 "$mpiexec" "${mpiexec_options[@]}" -np "$ranks" "$bendsim" "$case_copy" \
    > "$work/out.mpirun=$ranks.txt" 2> "$work/err.mpirun=$ranks.txt"
  code=$?
  # The step that did not fit (earlier steps may have, and stay whole).
  step=$(sed -n 's/.*cannot write the fields of step \([0-9]*\).*/\1/p' \
           "$work/err.mpirun=$ranks.txt" | head -1)
  left=$(ls "$disk/out" 2> /dev/null | grep "^solution_$(printf %04d "${step:-0}")\." | tr '\n' ' ')
  umount "$disk"
  if [ "$code" -ne 5 ]; then
    echo "FAIL ($ranks ranks): exit status $code, expected 5"; status=1
  elif ! grep -q "bendsim: cannot write the output: cannot write the fields of step" \
      "$work/err.mpirun=$ranks.txt"; then
    echo "FAIL ($ranks ranks): no output-failure message naming the fields"; status=1
  elif [ -n "$left" ]; then
    echo "FAIL ($ranks ranks): left behind: $left"; status=1
  else
    echo "ok ($ranks ranks): exit status 5, message, nothing of the step left"
  fi
done
exit $status
