#!/bin/bash
# Run one bendsim case under mpirun, with its results in a folder of our choice.
#
#   run_case.sh <bendsim> <ranks> <case.prm> <work folder>
#
# bendsim takes only the case file, and writes to the case's 'Output folder'. To keep the
# results of each test apart (and out of the source tree), this script empties <work folder>
# and writes a case file there that is the original followed by a few overrides; deal.II's
# ParameterHandler keeps the last 'set' of an entry, so the overrides win:
#   Output folder  -> <work folder>/output
#   Library file   -> the original's library, as an absolute path
#   Mesh file      -> the original's mesh file (if any), as an absolute path
# The last two are needed because bendsim resolves them relative to the case file, which
# now lives in <work folder>. Everything else is run exactly as written in <case.prm>.
#
# After the run the script checks that summary.json exists and reports the right number of
# MPI ranks, and that neither it nor history.csv holds a non-finite number (nan, inf).
# The MPI launcher is $MPIEXEC (default: mpirun); its options $MPIEXEC_OPTIONS
# (default: --allow-run-as-root --oversubscribe).

set -euo pipefail

if [ $# -ne 4 ]; then
  echo "usage: $0 <bendsim> <ranks> <case.prm> <work folder>" >&2
  exit 2
fi

bendsim=$(realpath "$1")
ranks=$2
case_file=$(realpath "$3")
work=$(realpath -m "$4")
mpiexec=${MPIEXEC:-mpirun}
read -r -a mpiexec_options <<< "${MPIEXEC_OPTIONS:---allow-run-as-root --oversubscribe}"

if [ ! -f "$case_file" ]; then
  echo "run_case.sh: no case file $3" >&2
  exit 2
fi

# The last value given to '<entry>' in the case file, without a trailing comment.
entry_value() {
  sed -n "s/^[[:space:]]*set[[:space:]]\{1,\}$1[[:space:]]*=[[:space:]]*//p" "$case_file" |
    sed 's/[[:space:]]*#.*$//; s/[[:space:]]*$//' | tail -n 1
}

# A path from the case file, as bendsim would resolve it (relative to the case's folder).
absolute_path() {
  case "$1" in
    /*) echo "$1" ;;
    *) realpath -m "$(dirname "$case_file")/$1" ;;
  esac
}

library=$(entry_value 'Library file')
library=$(absolute_path "${library:-materials.prm}")
mesh=$(entry_value 'Mesh file')

rm -rf "$work"
mkdir -p "$work"
run_case="$work/$(basename "$case_file")"
{
  cat "$case_file"
  echo
  echo "# ---- overrides for the test run in $work ----"
  echo "set Output folder = $work/output"
  echo "subsection Materials"
  echo "  set Library file = $library"
  echo "end"
  if [ -n "$mesh" ]; then
    echo "subsection Mesh"
    echo "  set Mesh file = $(absolute_path "$mesh")"
    echo "end"
  fi
} > "$run_case"

cd "$work"
echo "$mpiexec ${mpiexec_options[*]} -np $ranks $bendsim $run_case"
"$mpiexec" "${mpiexec_options[@]}" -np "$ranks" "$bendsim" "$run_case"

summary="$work/output/summary.json"
if [ ! -f "$summary" ]; then
  echo "run_case.sh: bendsim finished but wrote no $summary" >&2
  exit 1
fi
if ! grep -q "\"mpi_ranks\": *$ranks *," "$summary"; then
  echo "run_case.sh: $summary does not report \"mpi_ranks\": $ranks" >&2
  exit 1
fi
# Nothing non-finite in the results: bendsim writes none (summary.json has null for a
# number it does not have), so a nan or inf in history.csv is a bug.
history="$work/output/history.csv"
if [ -f "$history" ] && awk -F, 'NR > 1 { for (i = 1; i <= NF; ++i) if (tolower($i) ~ /^[-+]?(nan|inf)/) { print FILENAME ": row " NR ", column " i ": " $i; bad = 1 } } END { exit !bad }' "$history" >&2; then
  echo "run_case.sh: $history holds non-finite numbers" >&2
  exit 1
fi
if grep -qiE '(:|\[|,) *-?(nan|inf)' "$summary"; then
  echo "run_case.sh: $summary holds a non-finite number (not JSON)" >&2
  exit 1
fi
