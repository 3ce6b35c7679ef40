#!/bin/bash
# usage: postprocess/benchmark_foundation.sh [<bendsim executable>]   (default: build/bendsim)
#
# Cost of the elastic bending solve of parameters/qd_device.prm (2D) against mesh size and
# number of MPI ranks. Runs the case with 100, 200 and 400 cells along the 100 um segment
# (PET cells through the thickness scaled with them: 5, 10, 20, so that the cell aspect
# ratios stay as in the case file) on 1 and 2 ranks, without VTU output, and prints one
# table row per run from its summary.json: cells along, ranks, DoFs, the setup, assembly,
# solve and wall times (s) and the peak memory (MB) of the largest rank and of all ranks.
#
# The case files are written to a temporary folder: each is parameters/qd_device.prm
# followed by overrides (deal.II's ParameterHandler keeps the last 'set' of an entry) for
# the mesh, 'Write VTU = false', the output folder and the material library's absolute
# path. Nothing is written to the source tree. Needs mpirun and /usr/bin/python3 (Debian's;
# standard library only). The MPI launcher is $MPIEXEC (default: mpirun), with
# $MPIEXEC_OPTIONS (default: --allow-run-as-root --oversubscribe).

set -euo pipefail

usage=$(sed -n 2p "${BASH_SOURCE[0]}" | sed 's/^# //')
if [ "${1:-}" = "-h" ] || [ "${1:-}" = "--help" ]; then
  echo "$usage"
  exit 0
elif [ "$#" -gt 1 ]; then
  echo "$usage" >&2
  exit 2
fi
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bendsim=$(realpath -m "${1:-$root/build/bendsim}")
case_file=$root/parameters/qd_device.prm
library=$root/parameters/materials.prm
mpiexec=${MPIEXEC:-mpirun}
read -r -a mpiexec_options <<< "${MPIEXEC_OPTIONS:---allow-run-as-root --oversubscribe}"

if [ ! -x "$bendsim" ]; then
  echo "benchmark_foundation.sh: no bendsim executable at $bendsim (build it first)" >&2
  exit 1
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/bendsim_benchmark.XXXXXX")
trap 'rm -rf "$work"' EXIT

summaries=()
for cells_along in 100 200 400; do
  pet_cells=$((cells_along / 20))
  for ranks in 1 2; do
    run=$work/cells${cells_along}_ranks${ranks}
    {
      cat "$case_file"
      cat <<EOF

# ---- benchmark overrides: one elastic bend ----
set Output folder = $run
subsection Loading
  set Type = bending
end
subsection Fracture
  set Enable = false
end
subsection Materials
  set Library file = $library
end
subsection Stack
  subsection Layer PET
    set Cells through thickness = $pet_cells
  end
end
subsection Mesh
  set Cells along segment = $cells_along
end
subsection Output
  set Write VTU = false
end
EOF
    } > "$run.prm"
    echo "running: $cells_along cells along, $pet_cells PET cells, $ranks rank(s)" >&2
    (cd "$work" && "$mpiexec" "${mpiexec_options[@]}" -np "$ranks" "$bendsim" "$run.prm") \
      > "$run.log" 2>&1 || {
      cat "$run.log" >&2
      echo "benchmark_foundation.sh: bendsim failed on $run.prm" >&2
      exit 1
    }
    summaries+=("$cells_along" "$run/summary.json")
  done
done

/usr/bin/python3 - "${summaries[@]}" <<'EOF'
import json
import sys

arguments = sys.argv[1:]
print("bendsim benchmark: parameters/qd_device.prm (2D), no VTU output")
header = ("cells along", "ranks", "DoFs", "setup s", "assembly s", "solve s", "wall s",
          "mem largest MB", "mem all MB")
print(" | ".join(f"{h:>{max(len(h), 7)}}" for h in header))
print("-|-".join("-" * max(len(h), 7) for h in header))
for cells_along, filename in zip(arguments[0::2], arguments[1::2]):
    with open(filename, encoding="utf-8") as f:
        s = json.load(f)
    t, m = s["timing_s"], s["peak_memory_mb"]
    row = (cells_along, s["mpi_ranks"], s["dofs"],
           f"{t['setup']:.2f}", f"{t['assembly']:.2f}", f"{t['solve']:.2f}", f"{t['wall']:.2f}",
           f"{m['largest_rank']:.0f}", f"{m['all_ranks']:.0f}")
    print(" | ".join(f"{str(v):>{max(len(h), 7)}}" for v, h in zip(row, header)))
EOF
