#!/bin/bash
# Check that bendsim rejects a bad case file cleanly.
#
#   bad_input.sh [--named <file>] <bendsim> <ranks> <case.prm> <expected text> [<expected text> ...]
#
# Runs bendsim on <case.prm> under mpirun on <ranks> ranks, with a 60 s time limit, in a
# fresh, empty temporary working directory, and passes if
#   - it exits with the status of bad input, 1 (not by running into the time limit);
#   - its standard error holds bendsim's input-error line ("bendsim: error in the input:"),
#     every <expected text>, and the name of the file at fault: the case file's name, or
#     <file> if --named is given (e.g. a material library the case loads);
#   - it left the working directory empty: no output folder is created for a bad input.
# The MPI launcher is $MPIEXEC (default: mpirun); its options $MPIEXEC_OPTIONS
# (default: --allow-run-as-root --oversubscribe).

set -uo pipefail

usage="usage: $0 [--named <file>] <bendsim> <ranks> <case.prm> <expected text> [<expected text> ...]"
named=""
if [ "${1:-}" = "--named" ]; then
  named=${2:?$usage}
  shift 2
fi
if [ $# -lt 4 ]; then
  echo "$usage" >&2
  exit 2
fi

bendsim=$(realpath "$1")
ranks=$2
case_file=$(realpath -m "$3")
shift 3
named=${named:-$(basename "$case_file")}
mpiexec=${MPIEXEC:-mpirun}
read -r -a mpiexec_options <<< "${MPIEXEC_OPTIONS:---allow-run-as-root --oversubscribe}"

# The logs go next to the working directory, so that it stays empty.
scratch=$(mktemp -d "${TMPDIR:-/tmp}/bendsim_bad_input.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
work="$scratch/work"
mkdir "$work"

cd "$work" || exit 2
timeout --kill-after=10 60 "$mpiexec" "${mpiexec_options[@]}" -np "$ranks" "$bendsim" "$case_file" \
  > "$scratch/stdout" 2> "$scratch/stderr"
status=$?
stdout=$(cat "$scratch/stdout")
stderr=$(cat "$scratch/stderr")

echo "bendsim on $ranks rank(s): $case_file"
echo "exit status: $status"
echo "---- stdout ----"
echo "$stdout"
echo "---- stderr ----"
echo "$stderr"
echo "----------------"

failures=0
fail() {
  echo "FAILED: $*" >&2
  failures=$((failures + 1))
}

if [ "$status" -eq 0 ]; then
  fail "bendsim accepted the bad input (exit status 0)"
elif [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then
  fail "bendsim did not stop within 60 s (a bad input must not hang, e.g. in a collective call)"
elif [ "$status" -ne 1 ]; then
  fail "exit status $status, not 1 (bad input)"
fi
for text in "bendsim: error in the input:" "$named" "$@"; do
  if ! grep -qF -- "$text" <<< "$stderr"; then
    fail "standard error does not contain: $text"
  fi
done
leftovers=$(find "$work" -mindepth 1 -maxdepth 1 -printf '%f ')
if [ -n "$leftovers" ]; then
  fail "bendsim created files in its working directory for a bad input: $leftovers"
fi

if [ "$failures" -ne 0 ]; then
  exit 1
fi
echo "OK: rejected as expected"
