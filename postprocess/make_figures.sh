#!/usr/bin/env bash
# Regenerate every figure of the manual (postprocess/figures/*.png) from the shipped cases.
#
#   postprocess/make_figures.sh [--bendsim PATH] [--jobs J] [--plots-only] [FIGURE...]
#
# FIGURE is one of the names below (default: all of them). Each figure runs what it needs
# first, with the shipped case files and studies, and then draws:
#
#   retention   retention_qd_vs_thin_film.png: the paper's Fig. 5b, PCE retention against
#               cycles of the QD and CsPbI2Br devices, five seeds each with their band,
#               the paper's two points marked as measured (the QD device's 90 % as the
#               calibration target). Runs parameters/studies/qd_device_seeds.json and
#               thin_film_device_seeds.json (10 runs of 4-9 minutes, one rank each).
#   monotonic   monotonic_thin_film_device_cracks.png: the crack openings of the
#               thin-film device bent once to R = 2.5 mm, layers labelled.
#               Runs parameters/verification/thin_film_device_monotonic.prm (about 15
#               minutes, one rank).
#   ito         ito_on_pet_sheet_resistance.png: the held-out check, the bare ITO on PET
#               at R = 7.5, 5 and 3 mm for 1000 cycles: the flat film's sheet
#               resistance R/R0 against cycles, with the literature's "no influence" at
#               7.5-10 mm. Runs parameters/studies/ito_on_pet_radii.json (3 runs of
#               2-3 minutes).
#   sweep_map   sweep_thin_film_radius_thickness.png: PCE retention of the thin-film
#               device after 100 cycles over bending radius x absorber thickness, with
#               the 0.9 contour. Runs parameters/studies/thin_film_radius_thickness.json
#               (9 runs of 3-6 minutes).
#
# Runs that finished earlier are reused: a sweep skips its finished points (sweep.py), and
# the monotonic run is skipped when output/thin_film_device_monotonic/summary.json exists
# (delete it to run it again). --plots-only never runs bendsim: it draws from the outputs
# there are and stops with a message naming what is missing. --jobs J (default 2) runs J
# sweep points at a time, one rank each: on a 2-core machine the whole set takes about
# 1.5 hours from nothing, a few seconds with every output in place.
#
# Needs Debian's Python with numpy, matplotlib and VTK (python3-numpy, python3-matplotlib,
# python3-paraview or python3-vtk9), xvfb for the render, and mpirun; run from anywhere.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
figures=$here/figures
python=/usr/bin/python3
bendsim=${BENDSIM:-$root/build/bendsim}
jobs=2
plots_only=0
chosen=()
all=(retention monotonic ito sweep_map)

usage() { awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit "${1:-2}"; }
while [ $# -gt 0 ]; do
  case "$1" in
    --bendsim) bendsim=$2; shift 2 ;;
    --jobs) jobs=$2; shift 2 ;;
    --plots-only) plots_only=1; shift ;;
    -h|--help) usage 0 ;;
    retention|monotonic|ito|sweep_map) chosen+=("$1"); shift ;;
    *) echo "make_figures.sh: unknown argument '$1'" >&2; usage ;;
  esac
done
[ ${#chosen[@]} -gt 0 ] || chosen=("${all[@]}")
[[ "$jobs" =~ ^[1-9][0-9]*$ ]] || { echo "make_figures.sh: --jobs $jobs is not a count >= 1" >&2; exit 2; }
if [ "$plots_only" -eq 0 ] && [ ! -x "$bendsim" ]; then
  echo "make_figures.sh: no bendsim executable at $bendsim (build it, or give --bendsim)" >&2
  exit 2
fi
export OPENBLAS_NUM_THREADS=1 OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
cd "$root"

# A study's runs (unless --plots-only), then a check that all of its points finished.
study() {
  local json=parameters/studies/$1.json
  if [ "$plots_only" -eq 0 ]; then
    "$python" postprocess/sweep.py run "$json" --jobs "$jobs" --bendsim "$bendsim"
  fi
  "$python" postprocess/sweep.py collect "$json" > /dev/null
  local folder
  folder=$("$python" -c 'import json, os, sys; d = json.load(open(sys.argv[1])); print(os.path.normpath(os.path.join(os.path.dirname(sys.argv[1]), d["folder"])))' "$json")
  if grep -q -v -e '^point,' -e ',finished,' "$folder/sweep.csv"; then
    echo "make_figures.sh: $json has points that did not finish (see $folder/sweep.csv)" >&2
    exit 1
  fi
}

figure_retention() {
  study qd_device_seeds
  study thin_film_device_seeds
  "$python" postprocess/plot_runs.py output/qd_device_seeds output/thin_film_device_seeds \
    --labels "QD device,CsPbI2Br device" --measured "100:90:QD device:calibration" \
    --measured "100:75:CsPbI2Br device" -o "$figures/retention_qd_vs_thin_film.png"
}

figure_monotonic() {
  local output=output/thin_film_device_monotonic
  if [ ! -f "$output/summary.json" ]; then
    if [ "$plots_only" -eq 1 ]; then
      echo "make_figures.sh: no $output/summary.json (run without --plots-only)" >&2
      exit 1
    fi
    mpirun --oversubscribe -np 1 "$bendsim" parameters/verification/thin_film_device_monotonic.prm
  fi
  local renders
  renders=$(mktemp -d)
  "$python" postprocess/render_cracks.py "$output" --crack-field crack_opening \
    --out-dir "$renders"
  cp "$(ls "$renders"/cracks_*.png | tail -n 1)" "$figures/monotonic_thin_film_device_cracks.png"
  rm -rf "$renders"
  echo "$figures/monotonic_thin_film_device_cracks.png"
}

figure_ito() {
  study ito_on_pet_radii
  "$python" postprocess/plot_runs.py output/ito_on_pet_radii/point_000 \
    output/ito_on_pet_radii/point_001 output/ito_on_pet_radii/point_002 \
    --labels "R = 7.5 mm,R = 5 mm,R = 3 mm" --quantity sheet_resistance \
    --hline "1:literature: no influence of R = 7.5-10 mm (second-hand, cycles not stated)" \
    --title "Bare ITO on PET: sheet resistance against cycles (seed 1)" \
    -o "$figures/ito_on_pet_sheet_resistance.png"
}

figure_sweep_map() {
  study thin_film_radius_thickness
  "$python" postprocess/plot_sweep_map.py output/thin_film_radius_thickness/sweep.csv \
    --x "Bending/Bending radius" --y "Stack/Layer Perovskite/Thickness" \
    --ylabel "CsPbI2Br thickness (µm)" --color pce_retention_at_100_cycles --contour 0.9 \
    --title "CsPbI2Br device: PCE retention after 100 cycles" \
    -o "$figures/sweep_thin_film_radius_thickness.png"
}

mkdir -p "$figures"
for name in "${chosen[@]}"; do
  echo "== $name"
  "figure_$name"
done
