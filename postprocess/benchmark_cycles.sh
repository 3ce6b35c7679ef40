#!/bin/bash
# usage: postprocess/benchmark_cycles.sh [<bendsim executable>] [<ranks>]   (default: build/bendsim, 2)
#
# Cost of cyclic bending: parameters/qd_device.prm (2D, its default mesh) run to 10 and to
# 1000 cycles on <ranks> MPI ranks without VTU output. Prints, per run, the DoFs, the
# cycles reached, the number of solved cycle peaks (explicit cycles and jumps), the wall
# time and the PCE retention, and the cost of 1000 cycles relative to 10.
#
# The case files are written to a temporary folder: parameters/qd_device.prm followed by
# overrides (ParameterHandler keeps the last 'set' of an entry) for the number of cycles,
# 'Write VTU = false', the output folder and the material library's absolute path.
# Needs mpirun and /usr/bin/python3 (Debian's; standard library only). The MPI launcher
# is $MPIEXEC (default: mpirun), with $MPIEXEC_OPTIONS (default: --allow-run-as-root
# --oversubscribe).

set -euo pipefail

usage=$(sed -n 2p "${BASH_SOURCE[0]}" | sed 's/^# //')
if [ "${1:-}" = "-h" ] || [ "${1:-}" = "--help" ] || [ "$#" -gt 2 ]; then
  echo "$usage"
  [ "$#" -gt 2 ] && exit 2
  exit 0
fi
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bendsim=$(realpath -m "${1:-$root/build/bendsim}")
ranks=${2:-2}
case_file=$root/parameters/qd_device.prm
library=$root/parameters/materials.prm
mpiexec=${MPIEXEC:-mpirun}
read -r -a mpiexec_options <<< "${MPIEXEC_OPTIONS:---allow-run-as-root --oversubscribe}"

if [ ! -x "$bendsim" ]; then
  echo "benchmark_cycles.sh: no bendsim executable at $bendsim (build it first)" >&2
  exit 1
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/bendsim_benchmark.XXXXXX")
trap 'rm -rf "$work"' EXIT

summaries=()
for cycles in 10 1000; do
  run=$work/cycles$cycles
  {
    cat "$case_file"
    cat <<EOF

# ---- benchmark overrides ----
set Output folder = $run
subsection Materials
  set Library file = $library
end
subsection Cycling
  set Number of cycles = $cycles
end
subsection Output
  set Write VTU = false
end
EOF
  } > "$run.prm"
  echo "running: $cycles cycles on $ranks rank(s)" >&2
  (cd "$work" && "$mpiexec" "${mpiexec_options[@]}" -np "$ranks" "$bendsim" "$run.prm") \
    > "$run.log" 2>&1 || {
    tail -40 "$run.log" >&2
    echo "benchmark_cycles.sh: bendsim failed on $run.prm" >&2
    exit 1
  }
  summaries+=("$run/summary.json")
done

/usr/bin/python3 - "${summaries[@]}" <<'EOF'
import json
import sys

print("bendsim benchmark: parameters/qd_device.prm (2D), cyclic bending, no VTU output")
header = ("cycles", "ranks", "DoFs", "solved peaks", "after a jump", "wall s", "PCE retention")
print(" | ".join(f"{h:>{max(len(h), 7)}}" for h in header))
print("-|-".join("-" * max(len(h), 7) for h in header))
walls = []
for filename in sys.argv[1:]:
    with open(filename, encoding="utf-8") as f:
        s = json.load(f)
    c, d = s["cycles"], s["device"]
    walls.append(s["timing_s"]["wall"])
    row = (c["number"], s["mpi_ranks"], s["dofs"], c["solved"], c["solved_after_a_jump"],
           f"{walls[-1]:.1f}", f"{d['final_pce_retention']:.4f}")
    print(" | ".join(f"{str(v):>{max(len(h), 7)}}" for v, h in zip(row, header)))
print(f"cost of 1000 cycles / cost of 10 cycles: {walls[1] / walls[0]:.1f}")
EOF
