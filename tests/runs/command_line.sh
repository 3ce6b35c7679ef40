#!/bin/bash
# Check bendsim's command line and exit statuses.
#
#   command_line.sh <bendsim> <source dir>
#
# In a fresh, empty temporary working directory:
#   --version      exit 0, "bendsim <x.y.z> (git <revision>), deal.II <version>"
#   --help         exit 0, lists the exit statuses
#   no argument, an unknown option, --validate or --resume without an operand: exit 2
#   --validate <good case>  exit 0, and nothing written
#   --validate <bad case>   exit 1 with the input-error line, and nothing written
#   --validate of every shipped case in parameters/, and of a case that includes
#   another by a path relative to itself: exit 0
#   a run whose Newton solves cannot converge (1 iteration, tolerance 0): exit 4 with
#   "the solver failed" on standard error
#   a good run on 2 ranks: its log.txt holds rank 0's screen output, whole
#   a fresh run into a folder with a checkpoint: exit 1, pointing to --resume, and the
#   checkpoint untouched
# The MPI launcher is $MPIEXEC (default: mpirun); its options $MPIEXEC_OPTIONS
# (default: --allow-run-as-root --oversubscribe).

set -uo pipefail

if [ $# -ne 2 ]; then
  echo "usage: $0 <bendsim> <source dir>" >&2
  exit 2
fi
bendsim=$(realpath "$1")
source_dir=$(realpath "$2")
mpiexec=${MPIEXEC:-mpirun}
read -r -a mpiexec_options <<< "${MPIEXEC_OPTIONS:---allow-run-as-root --oversubscribe}"

scratch=$(mktemp -d "${TMPDIR:-/tmp}/bendsim_command_line.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
work="$scratch/work"
mkdir "$work"
cd "$work" || exit 2

failures=0
fail() {
  echo "FAILED: $*" >&2
  failures=$((failures + 1))
}

# check <expected status> <text expected in stdout+stderr, or ""> <arguments...>
check() {
  local expected=$1 text=$2
  shift 2
  timeout --kill-after=10 120 "$mpiexec" "${mpiexec_options[@]}" -np 1 "$bendsim" "$@" \
    > "$scratch/out" 2>&1
  local status=$?
  echo "bendsim $*: exit status $status"
  sed 's/^/    /' "$scratch/out" | head -20
  if [ "$status" -ne "$expected" ]; then
    fail "bendsim $*: exit status $status, expected $expected"
  fi
  if [ -n "$text" ] && ! grep -qE -- "$text" "$scratch/out"; then
    fail "bendsim $*: the output does not match: $text"
  fi
}

nothing_written() {
  local leftovers
  leftovers=$(find "$work" -mindepth 1 -maxdepth 1 -printf '%f ')
  if [ -n "$leftovers" ]; then
    fail "$1 wrote into the working directory: $leftovers"
  fi
}

check 0 '^bendsim [0-9]+\.[0-9]+\.[0-9]+ \(git [^)]+\), deal\.II [0-9]+\.[0-9]+' --version
check 0 '4 the solver failed' --help
check 2 'usage:'
check 2 'unknown option --bogus' --bogus
check 2 'usage:' --validate
check 2 'usage:' --resume
check 0 'is a valid case' --validate "$source_dir/parameters/verification/qd_device_coarse.prm"
nothing_written "--validate of a good case"
# Every shipped case is valid (materials.prm is their library, not a case).
for case in "$source_dir"/parameters/*.prm; do
  [ "$(basename "$case")" = materials.prm ] && continue
  check 0 'is a valid case' --validate "$case"
done
nothing_written "--validate of the shipped cases"
# An include path is relative to the file that holds it, not to the working directory.
check 0 'is a valid case' --validate "$source_dir/tests/runs/include_relative.prm"
check 1 'bendsim: error in the input:.*bad_unknown_entry.prm' \
  --validate "$source_dir/tests/runs/bad_unknown_entry.prm"
nothing_written "--validate of a bad case"

cat "$source_dir/parameters/verification/qd_device_coarse.prm" - > "$scratch/diverging.prm" <<END

# ---- overrides: Newton cannot converge ----
set Output folder = $scratch/diverging
subsection Materials
  set Library file = $source_dir/parameters/materials.prm
end
subsection Solver
  set Maximum Newton iterations = 1
  set Newton tolerance          = 0
  set Minimum load step         = 0.3
end
END
check 4 'bendsim: the solver failed: the load step' "$scratch/diverging.prm"

# A good run: rank 0's screen output is also in log.txt, whole.
sed "s|^set Output folder.*|set Output folder = $scratch/good|" \
  "$source_dir/parameters/verification/qd_device_coarse.prm" > "$scratch/good.prm"
echo "subsection Materials
  set Library file = $source_dir/parameters/materials.prm
end" >> "$scratch/good.prm"
"$mpiexec" "${mpiexec_options[@]}" -np 2 "$bendsim" "$scratch/good.prm" > "$scratch/good.out" 2> "$scratch/good.err" ||
  fail "the good run failed (see below)"
grep -q "mesh: " "$scratch/good/log.txt" || fail "log.txt lacks the mesh line"
grep -q "results in $scratch/good" "$scratch/good/log.txt" || fail "log.txt lacks the last line"
cmp -s "$scratch/good.out" "$scratch/good/log.txt" ||
  fail "log.txt differs from the screen output: $(diff "$scratch/good.out" "$scratch/good/log.txt" | head -5)"

# A fresh run into the folder of an unfinished cyclic run (one with a checkpoint) refuses
# to start, and leaves the checkpoint alone.
mkdir -p "$scratch/unfinished"
echo "not a real checkpoint" > "$scratch/unfinished/checkpoint.bin"
sed "s|^set Output folder.*|set Output folder = $scratch/unfinished|" \
  "$source_dir/parameters/verification/qd_device_coarse.prm" > "$scratch/unfinished.prm"
echo "subsection Materials
  set Library file = $source_dir/parameters/materials.prm
end" >> "$scratch/unfinished.prm"
check 1 "unfinished cyclic run .*--resume $scratch/unfinished" "$scratch/unfinished.prm"
grep -q "not a real checkpoint" "$scratch/unfinished/checkpoint.bin" ||
  fail "the refused run touched the checkpoint"
[ -f "$scratch/unfinished/parameters.prm" ] && fail "the refused run wrote parameters.prm"

if [ "$failures" -ne 0 ]; then
  exit 1
fi
echo "OK: command line and exit statuses as documented"
