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
#   --set overrides: a run with a top-level and nested overrides (Output folder, the number
#   of cycles) whose history.csv and parameters.prm show them; a --resume that changes a
#   value of the run, a value not matching its pattern, an unknown entry and a range error:
#   exit 1, naming the --set argument; a malformed --set: exit 2
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
check 0 '--set "Subsection/Entry=value"' --help
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
  set Newton tolerance          = 1e-16   # below round-off: never met in one iteration
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

# --set overrides entries of the case file after it is read, before it is checked.
fatigue="$source_dir/parameters/verification/fatigue_film.prm"
check 0 'is a valid case' --validate "$fatigue" --set "Stack/Layer PET/Thickness = 12" \
  --set Dimension=3
check 1 "^bendsim: error in the input: --set Cycling/Number of cycles=abc: .*does not match \
the given pattern <\[Integer range 1\.\.\." --validate "$fatigue" --set "Cycling/Number of cycles=abc"
check 1 "^bendsim: error in the input: --set Cycling/Number of cyclez=2: the case .*fatigue_film\.prm \
has no entry 'Cycling/Number of cyclez'" --set "Cycling/Number of cyclez=2" --validate "$fatigue"
check 1 "^bendsim: error in the input: --set Nowhere/Thickness=1: .* has no entry 'Nowhere/Thickness'" \
  --validate "$fatigue" --set "Nowhere/Thickness=1"
check 1 "^bendsim: error in the input: --set Thickness=1: .* has no entry 'Thickness'" \
  --validate "$fatigue" --set "Thickness=1"
# A value that matches its pattern is checked like one in the file.
check 1 "entry 'Stack/Layer PET/Thickness': value 0 is outside the allowed range" \
  --validate "$fatigue" --set "Stack/Layer PET/Thickness=0"
# Stack/Layers decides which layer subsections exist: an override of it does too.
check 0 'is a valid case \(2D, 3 layers\)' --validate "$fatigue" --set "Stack/Layers=PET, Film, Top" \
  --set "Stack/Layer Top/Material=PET" --set "Stack/Layer Top/Thickness=1"
check 1 "has no entry 'Stack/Layer Top/Thickness'" --validate "$fatigue" \
  --set "Stack/Layer Top/Thickness=1"
check 2 '^bendsim: --set Cycling/Number of cycles: not of the form "Subsection/Entry=value"' \
  --validate "$fatigue" --set "Cycling/Number of cycles"
check 2 'not of the form' --set "Cycling//Number of cycles=2" "$fatigue"
check 2 'not of the form' --set "=2" "$fatigue"
check 2 '^bendsim: --set needs an argument' --validate "$fatigue" --set
check 2 '^bendsim: --set applies to a case' --print-parameters --set "Dimension=3"
nothing_written "--validate with --set"

# A run with overrides: the output folder and the number of cycles change, and the
# folder's parameters.prm records them.
check 0 "results in $scratch/two_cycles" --set "Output folder=$scratch/two_cycles" \
  --set "Cycling/Number of cycles = 2" --set "Cycling/Output cycles=2" \
  --set "Output/Write VTU=false" "$fatigue"
nothing_written "a run with --set \"Output folder=...\""
history="$scratch/two_cycles/history.csv"
if [ -f "$history" ]; then
  rows=$(($(wc -l < "$history") - 1))
  last=$(tail -n 1 "$history" | cut -d, -f1)
  [ "$rows" -eq 2 ] && [ "$last" = 2 ] ||
    fail "--set Cycling/Number of cycles=2: history.csv has $rows cycles, the last $last"
else
  fail "--set \"Output folder=$scratch/two_cycles\": no $history"
fi
grep -qE '^ *set Number of cycles *= 2$' "$scratch/two_cycles/parameters.prm" ||
  fail "parameters.prm does not record --set Cycling/Number of cycles=2"
grep -qE "^ *set Output folder *= $scratch/two_cycles\$" "$scratch/two_cycles/parameters.prm" ||
  fail "parameters.prm does not record --set Output folder"
grep -q 'Cycling/Number of cycles = 2' "$scratch/two_cycles/summary.json" ||
  fail "summary.json's provenance lacks the --set arguments"
# The recorded parameters reproduce the run; a resume may repeat an override, not change it.
check 0 'is a valid case' --validate "$scratch/two_cycles/parameters.prm"
check 1 "^bendsim: error in the input: --set Cycling/Number of cycles=3: differs from the value \
in $scratch/two_cycles/parameters.prm" --resume "$scratch/two_cycles" --set "Cycling/Number of cycles=3"
check 1 "^bendsim: error in the input: --set Mesh/Cells along segment=7: differs" \
  --resume "$scratch/two_cycles" --set "Cycling/Number of cycles=2" --set "Mesh/Cells along segment=7"

if [ "$failures" -ne 0 ]; then
  exit 1
fi
echo "OK: command line and exit statuses as documented"
