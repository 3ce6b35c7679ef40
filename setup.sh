#!/usr/bin/env bash
# bendsim set-up, build and run on Debian 12.
#
#   ./setup.sh run [case.prm] [ranks]   install what is missing, build, run a case
#                                       (default: parameters/qd_device.prm on 2 ranks)
#   ./setup.sh test                     install what is missing, build, run all tests (ctest)
#   ./setup.sh build                    install what is missing, build
#
# Installs Debian packages with apt-get when they are missing (needs root, or sudo).
set -euo pipefail
cd "$(dirname "$0")"

packages=(build-essential cmake ccache libdeal.ii-dev openmpi-bin libopenmpi-dev
          googletest libgtest-dev numdiff python3 python3-numpy python3-matplotlib
          paraview python3-paraview libopenblas0-pthread xvfb xauth procps
          python3-sphinx python3-myst-parser nlohmann-json3-dev gmsh slurm-wlm munge)
# python3-paraview conflicts with python3-vtk9: apt removes the latter, and the
# post-processing scripts use ParaView's VTK.

install_missing_packages()
{
  local missing=()
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "bendsim setup: installing ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends "${missing[@]}"
}

build()
{
  cmake -S . -B build -DCMAKE_BUILD_TYPE=Release
  cmake --build build -j "$(nproc)"
}

# Open MPI refuses root unless told; CI machines run as root.
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
# OpenBLAS (the sparse direct solver's dense kernels, ~3x faster than the reference
# BLAS) runs one thread per MPI rank: the ranks already occupy the cores.
export OPENBLAS_NUM_THREADS=${OPENBLAS_NUM_THREADS:-1}

action=${1:-run}
case "$action" in
  build)
    install_missing_packages; build ;;
  run)
    install_missing_packages; build
    case_file=${2:-parameters/qd_device.prm}
    ranks=${3:-2}
    # Ctrl-C: the ranks get time to write a checkpoint (mpirun: 20 s instead of 1 s).
    mpirun --oversubscribe --mca odls_base_sigkill_timeout 20 -np "$ranks" \
      build/bendsim "$case_file" ;;
  test)
    install_missing_packages; build
    ctest --test-dir build --output-on-failure -j "$(nproc)" ;;
  *)
    echo "usage: $0 run [case.prm] [ranks] | test | build" >&2; exit 2 ;;
esac
