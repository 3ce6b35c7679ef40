#!/bin/bash
# A damaged checkpoint, or one of another case, is refused on --resume.
#
#   bad_checkpoint.sh <bendsim> <case.prm> <work folder>
#
# 1. Runs the cyclic <case.prm> on 1 rank with a checkpoint after every solved cycle, into
#    <work folder>/stopped, and stops it with SIGTERM after its third solved cycle: it must
#    end with exit status 3 and a checkpoint.
# 2. Copies that folder once per fault, damages the copy and resumes it with
#    'bendsim --resume' on 1 and on 2 ranks, each within 60 s. The faults:
#      bit_flips         three bytes in the second half of checkpoint.bin (the face records)
#                        inverted                           -> "is corrupt: its checksum"
#      truncated         the last 100 bytes cut off         -> "incomplete"
#      old_format        the format line says 3             -> "is of another format"
#      cycle_counter     the next cycle set to 4e9, the checksum made to match again
#                                                           -> "the next cycle = 4000000000"
#      changed_material  Young's modulus of the film's material in materials.prm doubled
#                                                           -> "written by a different
#                                                               case", "Material library"
#      changed_stack     the film's thickness in parameters.prm changed
#                                                           -> "written by a different
#                                                               case", "Stack"
#    Each resume must exit with status 1 (bad input, not a hang, not an abort), print
#    "bendsim: error in the input:", the checkpoint's path and the text above, and leave
#    checkpoint.bin and history.csv as they were.
# 3. Resumes the undamaged folder on 2 ranks to the end: exit status 0 and a summary.json
#    (so the refusals above are the faults' doing).
#
# The case must be cyclic and run for more than three solved cycles. Needs python3 (for
# the cycle counter's checksum). The MPI launcher is $MPIEXEC (default: mpirun), with
# $MPIEXEC_OPTIONS (default: --allow-run-as-root --oversubscribe).

set -uo pipefail

if [ $# -ne 3 ]; then
  echo "usage: $0 <bendsim> <case.prm> <work folder>" >&2
  exit 2
fi
bendsim=$(realpath "$1")
case_file=$(realpath "$2")
work=$(realpath -m "$3")
mpiexec=${MPIEXEC:-mpirun}
read -r -a mpiexec_options <<< "${MPIEXEC_OPTIONS:---allow-run-as-root --oversubscribe}"

failures=0
fail() {
  echo "FAILED: $*" >&2
  failures=$((failures + 1))
}
give_up() {
  echo "bad_checkpoint.sh: $*" >&2
  exit 1
}

rm -rf "$work"
mkdir -p "$work"
stopped=$work/stopped

# 1. A run stopped by SIGTERM with a checkpoint. The library is named by its absolute
#    path, as the case's folder is not the working directory.
library=$(sed -n 's/^ *set Library file *= *\([^ #]*\).*/\1/p' "$case_file" | head -1)
library=$(cd "$(dirname "$case_file")" && realpath "${library:-materials.prm}")
{
  cat "$case_file"
  cat << END

# ---- overrides of bad_checkpoint.sh ----
set Output folder = $stopped
subsection Materials
  set Library file = $library
end
subsection Output
  set Write VTU           = false
  set Checkpoint interval = 1
end
END
} > "$work/case.prm"
# A single process, without mpirun, so that SIGTERM goes straight to it.
"$bendsim" "$work/case.prm" > "$work/stopped.log" 2>&1 &
run=$!
for _ in $(seq 1 600); do
  rows=0
  [ -f "$stopped/history.csv" ] && rows=$(($(wc -l < "$stopped/history.csv") - 1))
  [ "$rows" -ge 3 ] && break
  kill -0 "$run" 2> /dev/null || break
  sleep 0.1
done
kill -TERM "$run" 2> /dev/null
wait "$run"
status=$?
[ "$status" -eq 3 ] || give_up "the run to stop exited with status $status, not 3 (see $work/stopped.log)"
[ -f "$stopped/checkpoint.bin" ] || give_up "the stopped run left no checkpoint (see $work/stopped.log)"
echo "stopped after $(($(wc -l < "$stopped/history.csv") - 1)) solved cycles"

# 2. The faults.
damage() {
  local fault=$1 folder=$2
  local checkpoint=$folder/checkpoint.bin
  case "$fault" in
    bit_flips)
      python3 - "$checkpoint" << 'END'
import sys
path = sys.argv[1]
data = bytearray(open(path, "rb").read())
for fraction in (0.55, 0.7, 0.85):
    data[int(fraction * len(data))] ^= 0xFF
open(path, "wb").write(data)
END
      ;;
    truncated)
      truncate -s -100 "$checkpoint"
      ;;
    old_format)
      sed -i '1s/^bendsim checkpoint [0-9]*$/bendsim checkpoint 3/' "$checkpoint"
      ;;
    cycle_counter)
      # Format 4: the format line, the dimension (uint32), the fingerprint (a uint64
      # count of (uint64 length, name, uint64 hash)), then the next cycle (uint32); the
      # FNV-1a 64 checksum of all before it just ahead of the end line. (Format 3, of
      # earlier versions, has neither fingerprint nor checksum.)
      python3 - "$checkpoint" << 'END'
import struct, sys
path = sys.argv[1]
data = bytearray(open(path, "rb").read())
format_4 = data.startswith(b"bendsim checkpoint 4\n")  # format 3: neither
position = data.index(b"\n") + 1 + 4
if format_4:
    (parts,) = struct.unpack_from("<Q", data, position)
    position += 8
    for _ in range(parts):
        (length,) = struct.unpack_from("<Q", data, position)
        position += 8 + length + 8
struct.pack_into("<I", data, position, 4000000000)
if format_4:
    footer = len(b"end of bendsim checkpoint\n")
    end = len(data) - footer - 8
    checksum = 14695981039346656037
    for byte in data[:end]:
        checksum = ((checksum ^ byte) * 1099511628211) % 2**64
    struct.pack_into("<Q", data, end, checksum)
open(path, "wb").write(data)
END
      ;;
    changed_material)
      # The first Young's modulus after the film's material, doubled.
      python3 - "$folder/materials.prm" "$case_file" << 'END'
import re, sys
path, case = sys.argv[1], sys.argv[2]
material = re.findall(r"set Material\s*=\s*(\S+)", open(case).read())[-1]
text = open(path).read()
start = text.index("subsection Material " + material)
match = re.compile(r"(set Young's modulus\s*=\s*)([0-9.eE+-]+)").search(text, start)
text = text[:match.start(2)] + repr(2 * float(match.group(2))) + text[match.end(2):]
open(path, "w").write(text)
END
      ;;
    changed_stack)
      # The last layer's thickness, 1 % thicker.
      python3 - "$folder/parameters.prm" << 'END'
import re, sys
path = sys.argv[1]
text = open(path).read()
match = list(re.finditer(r"(set Thickness\s*=\s*)([0-9.eE+-]+)", text))[-1]
text = text[:match.start(2)] + repr(1.01 * float(match.group(2))) + text[match.end(2):]
open(path, "w").write(text)
END
      ;;
  esac
}

expect() {
  case "$1" in
    bit_flips) echo "is corrupt: its checksum" ;;
    truncated) echo "incomplete" ;;
    old_format) echo "is of another format" ;;
    cycle_counter) echo "the next cycle = 4000000000" ;;
    changed_material) echo "written by a different case|Material library" ;;
    changed_stack) echo "written by a different case|Stack" ;;
  esac
}

for fault in bit_flips truncated old_format cycle_counter changed_material changed_stack; do
  for ranks in 1 2; do
    folder=$work/$fault.mpirun=$ranks
    cp -r "$stopped" "$folder"
    damage "$fault" "$folder"
    cp "$folder/checkpoint.bin" "$work/checkpoint.before"
    cp "$folder/history.csv" "$work/history.before"
    timeout --kill-after=10 60 "$mpiexec" "${mpiexec_options[@]}" -np "$ranks" \
      "$bendsim" --resume "$folder" > "$folder.out" 2> "$folder.err"
    status=$?
    echo "$fault on $ranks rank(s): exit status $status: $(grep -m1 'bendsim' "$folder.err")"
    what="$fault on $ranks rank(s)"
    if [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then
      fail "$what: did not stop within 60 s"
    elif [ "$status" -ne 1 ]; then
      fail "$what: exit status $status, not 1 (bad input)"
    fi
    IFS='|' read -r -a texts <<< "$(expect "$fault")"
    for text in "bendsim: error in the input:" "$folder/checkpoint.bin" "${texts[@]}"; do
      grep -qF -- "$text" "$folder.err" || fail "$what: standard error does not contain: $text"
    done
    cmp -s "$folder/checkpoint.bin" "$work/checkpoint.before" || fail "$what: checkpoint.bin was changed"
    cmp -s "$folder/history.csv" "$work/history.before" || fail "$what: history.csv was changed"
    [ -f "$folder/summary.json" ] && fail "$what: wrote summary.json"
  done
done

# 3. The undamaged checkpoint resumes.
timeout --kill-after=10 300 "$mpiexec" "${mpiexec_options[@]}" -np 2 "$bendsim" --resume "$stopped" \
  > "$stopped.resumed.out" 2>&1
status=$?
[ "$status" -eq 0 ] || fail "the undamaged checkpoint did not resume: exit status $status (see $stopped.resumed.out)"
[ -f "$stopped/summary.json" ] || fail "the undamaged resume wrote no summary.json"

if [ "$failures" -ne 0 ]; then
  exit 1
fi
echo "OK: every damaged checkpoint refused, the undamaged one resumed"
