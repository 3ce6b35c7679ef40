#!/bin/bash
# usage: postprocess/benchmark_solver.sh [<bendsim executable>] [<ranks>] [<cycles>]   (default: build/bendsim, 1, 100)
#
# The linear solver side by side: parameters/qd_device.prm (2D, its default mesh) run to
# <cycles> cycles on <ranks> MPI ranks without VTU output, once with the low-rank
# (Sherman-Morrison-Woodbury) correction of the factorisation off (Solver/Low-rank update
# DoFs = 0: GMRES preconditioned by the last factorisation) and once with each of the
# limits in $LIMITS (default: "200 1000"). Prints, per run, the wall time, the time in
# assembly, factorisations, back-substitutions and corrections, the counts of linear
# solves, factorisations and back-substitutions, the ratio of wall times to the run
# without correction, and whether the history agrees with it to 1e-4 relative (the
# iterates of two solver paths differ within the Newton tolerance, which moves the energy
# release rates at process-zone fronts by up to ~1e-5; Newton iteration counts by one).
#
# Needs mpirun and /usr/bin/python3 (Debian's; standard library only). The MPI launcher
# is $MPIEXEC (default: mpirun), with $MPIEXEC_OPTIONS (default: --allow-run-as-root
# --oversubscribe). The runs are sequential: run nothing else on the machine meanwhile.

set -euo pipefail

usage=$(sed -n 2p "${BASH_SOURCE[0]}" | sed 's/^# //')
if [ "${1:-}" = "-h" ] || [ "${1:-}" = "--help" ] || [ "$#" -gt 3 ]; then
  echo "$usage"
  [ "$#" -gt 3 ] && exit 2
  exit 0
fi
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bendsim=$(realpath -m "${1:-$root/build/bendsim}")
ranks=${2:-1}
cycles=${3:-100}
read -r -a limits <<< "${LIMITS:-200 1000}"
case_file=$root/parameters/qd_device.prm
library=$root/parameters/materials.prm
mpiexec=${MPIEXEC:-mpirun}
read -r -a mpiexec_options <<< "${MPIEXEC_OPTIONS:---allow-run-as-root --oversubscribe}"

if [ ! -x "$bendsim" ]; then
  echo "benchmark_solver.sh: no bendsim executable at $bendsim (build it first)" >&2
  exit 1
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/bendsim_benchmark.XXXXXX")
trap 'rm -rf "$work"' EXIT

folders=()
for limit in 0 "${limits[@]}"; do
  run=$work/limit$limit
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
subsection Solver
  set Low-rank update DoFs = $limit
end
EOF
  } > "$run.prm"
  echo "running: $cycles cycles on $ranks rank(s), Low-rank update DoFs = $limit" >&2
  (cd "$work" && OPENBLAS_NUM_THREADS=1 "$mpiexec" "${mpiexec_options[@]}" -np "$ranks" \
    "$bendsim" "$run.prm") > "$run.log" 2>&1 || {
    tail -40 "$run.log" >&2
    echo "benchmark_solver.sh: bendsim failed on $run.prm" >&2
    exit 1
  }
  folders+=("$run")
done

/usr/bin/python3 - "$root/postprocess/compare_summaries.py" "${folders[@]}" <<'EOF'
import json
import os
import subprocess
import sys

compare, folders = sys.argv[1], sys.argv[2:]
print("bendsim benchmark: parameters/qd_device.prm (2D), cyclic bending, no VTU output")
header = ("update DoFs", "wall s", "ratio", "assembly s", "factor. s", "back-sub. s",
          "update s", "solves", "factor.", "back-sub.", "same history")
print(" | ".join(f"{h:>{max(len(h), 7)}}" for h in header))
print("-|-".join("-" * max(len(h), 7) for h in header))
base = None
for folder in folders:
    with open(os.path.join(folder, "summary.json"), encoding="utf-8") as f:
        s = json.load(f)
    t, la = s["timing_s"], s["linear_algebra"]
    base = base or t["wall"]
    same = subprocess.run([sys.executable, compare, "--rtol", "1e-4", "--ignore",
                           "timing_s", "--ignore", "linear_algebra", "--ignore",
                           "peak_memory_mb", "--ignore", "newton_iterations",
                           folders[0], folder],
                          capture_output=True).returncode == 0
    row = (folder.rsplit("limit", 1)[1], f"{t['wall']:.1f}", f"{t['wall'] / base:.2f}",
           f"{t['assembly']:.1f}", f"{t['factorization']:.1f}",
           f"{t['back_substitution']:.1f}", f"{t['low_rank_update']:.1f}",
           la["linear_solves"], la["factorizations"], la["back_substitutions"],
           "yes" if same else "no")
    print(" | ".join(f"{str(v):>{max(len(h), 7)}}" for v, h in zip(row, header)))
EOF
