#!/usr/bin/env bash
# Run a bendsim case on another mesh file, with its results in a folder of our choice.
#
#   run_on_mesh.sh <bendsim> <ranks> <case.prm> <mesh.msh> <work folder>
#
# Empties <work folder> and runs the case under mpirun with
#   --set "Output folder=<work folder>/output" --set "Mesh/Mesh file=<mesh.msh>"
# so that everything but the mesh is run as written in <case.prm>. The MPI launcher is
# $MPIEXEC (default: mpirun), its options $MPIEXEC_OPTIONS (default: --allow-run-as-root
# --oversubscribe).
set -euo pipefail

if [ $# -ne 5 ]; then
  echo "usage: $0 <bendsim> <ranks> <case.prm> <mesh.msh> <work folder>" >&2
  exit 2
fi
bendsim=$(realpath "$1")
ranks=$2
case_file=$(realpath "$3")
mesh=$(realpath "$4")
work=$(realpath -m "$5")
mpiexec=${MPIEXEC:-mpirun}
read -r -a mpiexec_options <<< "${MPIEXEC_OPTIONS:---allow-run-as-root --oversubscribe}"

[ -f "$mesh" ] || { echo "$0: no mesh file $4" >&2; exit 1; }
rm -rf "$work"
mkdir -p "$work"
cd "$work"
export OPENBLAS_NUM_THREADS=1
"$mpiexec" "${mpiexec_options[@]}" -np "$ranks" "$bendsim" \
  --set "Output folder=$work/output" --set "Mesh/Mesh file=$mesh" "$case_file"
[ -f "$work/output/summary.json" ] || { echo "$0: no summary.json in $work/output" >&2; exit 1; }
