#!/bin/bash
# Check that bendsim rejects a bad case file cleanly.
#
#   bad_input.sh [--named <file>] [--file <name>]... [--copy <file>]... [--validate]
#                <bendsim> <ranks> <case.prm> <expected text> [<expected text> ...]
#
# Runs bendsim on <case.prm> under mpirun on <ranks> ranks, with a 60 s time limit, in a
# fresh temporary working directory, and passes if
#   - it exits with the status of bad input, 1 (not by running into the time limit);
#   - its standard error holds bendsim's input-error line ("bendsim: error in the input:"),
#     every <expected text>, and the name of the file at fault: the case file's name, or
#     <file> if --named is given (e.g. a material library the case loads);
#   - it left the working directory as it was: no output folder is created for a bad
#     input.
# The working directory is empty, but for a small text file <name> for each --file (e.g.
# one that takes the name of the output folder) and a copy of each --copy <file>; a copied
# case file is run from there (so that its relative paths point into the directory).
# With --validate, 'bendsim --validate <case.prm>' (on the same ranks, same directory) must
# reject the case the same way: the checks it names belong to reading the input.
# The MPI launcher is $MPIEXEC (default: mpirun); its options $MPIEXEC_OPTIONS
# (default: --allow-run-as-root --oversubscribe).

set -uo pipefail

usage="usage: $0 [--named <file>] [--file <name>]... [--copy <file>]... [--validate] <bendsim> <ranks> <case.prm> <expected text> [<expected text> ...]"
named=""
files=()
copies=()
validate=false
while true; do
  case "${1:-}" in
    --named) named=${2:?$usage} ;;
    --file) files+=("${2:?$usage}") ;;
    --copy) copies+=("$(realpath "${2:?$usage}")") ;;
    --validate) validate=true; shift; continue ;;
    *) break ;;
  esac
  shift 2
done
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

for name in "${files[@]}"; do
  echo "not bendsim's" > "$work/$name"
done
for file in "${copies[@]}"; do
  cp "$file" "$work/"
  [ "$file" = "$case_file" ] && case_file="$work/$(basename "$file")"
done
before=$(cd "$work" && find . -mindepth 1 -printf '%p %s %T@\n' | sort)

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
if $validate; then
  timeout --kill-after=10 60 "$mpiexec" "${mpiexec_options[@]}" -np "$ranks" "$bendsim" \
    --validate "$case_file" > "$scratch/validate_stdout" 2> "$scratch/validate_stderr"
  validate_status=$?
  echo "---- bendsim --validate: exit status $validate_status, stderr ----"
  cat "$scratch/validate_stderr"
  echo "----------------"
  if [ "$validate_status" -ne 1 ]; then
    fail "bendsim --validate exited with status $validate_status, not 1 (bad input)"
  fi
  for text in "bendsim: error in the input:" "$named" "$@"; do
    if ! grep -qF -- "$text" "$scratch/validate_stderr"; then
      fail "standard error of bendsim --validate does not contain: $text"
    fi
  done
fi
after=$(cd "$work" && find . -mindepth 1 -printf '%p %s %T@\n' | sort)
if [ "$after" != "$before" ]; then
  fail "bendsim changed its working directory for a bad input: $(diff <(echo "$before") <(echo "$after") | grep '^[<>]' | head -5 | tr '\n' ' ')"
fi

if [ "$failures" -ne 0 ]; then
  exit 1
fi
echo "OK: rejected as expected"
