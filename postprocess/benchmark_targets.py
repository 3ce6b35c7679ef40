#!/usr/bin/python3
"""usage: postprocess/benchmark_targets.py [--bendsim B] [--quick] [--only T1,T2,...]

The solver's five performance targets, measured side by side in one run on this machine
and printed as a table (figure, target, met or not):

  T1  parameters/qd_device.prm to 1000 cycles on 2 ranks with its segment doubled
      (50 um, 200 cells along: >= 1e5 DoFs): wall time <= 120 s;
  T2  the same case at its own size on 2 ranks: cost(1000 cycles) / cost(10) <= 10;
  T3  100 cycles with the segment 4x longer (100 um, 400 cells) against the case's own
      25 um: cost ratio <= 5;
  T4  1000 cycles of the case on 1 and on 2 ranks: speed-up >= 1.6;
  T5  an elastic bend of the same laminate (fracture off, 550 cells along the 25 um:
      ~200 k unknowns), bendsim on 2 ranks against CalculiX (ccx, SPOOLES, 2 threads)
      with 8-node plane-strain elements (CPE8) on the same rows of cells through the
      thickness and as many cells along as give it the same number of DoFs, the ends
      rotated about the laminate's neutral axis: time ratio <= 0.5.

Times are whole-process wall times (MPI start-up, mesh, output included), from one run
each, one after the other: run nothing else on the machine meanwhile. --quick stops the
cyclic runs at 100 cycles (T1, T2, T4 then measure 100 cycles: a smoke test of the
script, not the targets). --only runs a subset, e.g. --only T5; --keep FOLDER keeps the
cases, logs and outputs.

Needs Debian's /usr/bin/python3 (standard library only), mpirun, and for T5 the ccx
executable (Debian package calculix-ccx). The MPI launcher is $MPIEXEC (default:
mpirun) with $MPIEXEC_OPTIONS (default: --allow-run-as-root --oversubscribe). Case files
are written to a temporary folder: parameters/qd_device.prm followed by overrides
(deal.II's ParameterHandler keeps the last 'set' of an entry); nothing is written to the
source tree.
"""

import argparse
from contextlib import nullcontext
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CASE = os.path.join(ROOT, "parameters", "qd_device.prm")
LIBRARY = os.path.join(ROOT, "parameters", "materials.prm")


def mpiexec(ranks):
    launcher = os.environ.get("MPIEXEC", "mpirun")
    options = os.environ.get("MPIEXEC_OPTIONS", "--allow-run-as-root --oversubscribe")
    return [launcher] + options.split() + ["-np", str(ranks)]


def write_case(folder, name, overrides):
    """qd_device.prm with @p overrides appended; returns the case file's path."""
    path = os.path.join(folder, name + ".prm")
    with open(CASE, encoding="utf-8") as f:
        text = f.read()
    text += f"""
# ---- benchmark overrides ----
set Output folder = {os.path.join(folder, name)}
subsection Materials
  set Library file = {LIBRARY}
end
subsection Output
  set Write VTU = false
end
{overrides}
"""
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path


def run_bendsim(bendsim, folder, name, ranks, overrides):
    """Runs one case; returns (whole-process wall time in s, its summary.json)."""
    case = write_case(folder, name, overrides)
    env = dict(os.environ, OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1")
    print(f"  running {name} on {ranks} rank(s) ...", file=sys.stderr, flush=True)
    start = time.monotonic()
    with open(os.path.join(folder, name + ".log"), "w", encoding="utf-8") as log:
        result = subprocess.run(mpiexec(ranks) + [bendsim, case], cwd=folder, env=env,
                                stdout=log, stderr=subprocess.STDOUT, check=False)
    wall = time.monotonic() - start
    if result.returncode != 0:
        sys.exit(f"benchmark_targets.py: bendsim failed on {case} "
                 f"(exit status {result.returncode}); see {name}.log")
    with open(os.path.join(folder, name, "summary.json"), encoding="utf-8") as f:
        return wall, json.load(f)


def cycles_override(cycles, cells_along=None, segment=None):
    text = f"subsection Cycling\n  set Number of cycles = {cycles}\nend\n"
    if cells_along:
        text += (f"subsection Mesh\n  set Segment length = {segment}\n"
                 f"  set Cells along segment = {cells_along}\nend\n")
    return text


# ---- T5: the laminate's mesh and its CalculiX input ----------------------------------

def read_stack():
    """Layers of qd_device.prm in order: (name, material, thickness, cells, grading)."""
    with open(CASE, encoding="utf-8") as f:
        text = f.read()
    names = re.search(r"set Layers\s*=\s*([^#\n]+)", text).group(1)
    layers = []
    for name in [n.strip() for n in names.split(",")]:
        block = re.search(r"subsection Layer " + re.escape(name) + r"\n(.*?)\n  end", text,
                          re.S).group(1)
        get = lambda key, default=None: (re.search(r"set " + key + r"\s*=\s*([^#\n]+)",
                                                   block) or [None, default])[1]
        layers.append((name, get("Material").strip(), float(get("Thickness")),
                       int(get("Cells through thickness", "1")),
                       float(get("Grading ratio", "1"))))
    return layers


def read_elastic_constants(material):
    with open(LIBRARY, encoding="utf-8") as f:
        text = f.read()
    block = re.search(r"subsection Material " + re.escape(material) + r"\n(.*?)\nend",
                      text, re.S).group(1)
    modulus = float(re.search(r"set Young's modulus\s*=\s*([0-9.eE+-]+)", block).group(1))
    poisson = float(re.search(r"set Poisson ratio\s*=\s*([0-9.eE+-]+)", block).group(1))
    return modulus, poisson


def layer_heights(layers):
    """Node heights through the stack, as bendsim's generator grades them (per layer, a
    geometric series whose top cell / bottom cell is the grading ratio), and the layer
    of each cell row."""
    heights, row_layer, bottom = [0.0], [], 0.0
    for index, (_, _, thickness, cells, grading) in enumerate(layers):
        ratio = grading ** (1.0 / (cells - 1)) if cells > 1 else 1.0
        sizes = [ratio ** i for i in range(cells)]
        scale = thickness / sum(sizes)
        for s in sizes:
            heights.append(heights[-1] + s * scale)
            row_layer.append(index)
        bottom += thickness
        heights[-1] = bottom
    return heights, row_layer


def write_calculix(path, layers, length, cells_along, curvature):
    """The laminate bent by rotating its end faces by +-curvature L / 2 about the
    laminate neutral axis (plane sections), on CPE8 elements; returns the DoFs."""
    heights, row_layer = layer_heights(layers)
    constants = [read_elastic_constants(m) for (_, m, _, _, _) in layers]
    # Laminate neutral axis with plane-strain moduli.
    moduli = [e / (1 - nu * nu) for e, nu in constants]
    tops = []
    top = 0.0
    for _, _, t, _, _ in layers:
        tops.append(top + t)
        top += t
    bottoms = [tp - t for tp, (_, _, t, _, _) in zip(tops, layers)]
    neutral = (sum(m * (tp * tp - b * b) / 2 for m, tp, b in zip(moduli, tops, bottoms)) /
               sum(m * (tp - b) for m, tp, b in zip(moduli, tops, bottoms)))
    nx, ny = cells_along, len(heights) - 1
    xs = [length * i / (2 * nx) for i in range(2 * nx + 1)]
    node_id = {}

    def node(i, j):  # i: half-steps along x; j: half-steps through the rows
        return node_id.setdefault((i, j), len(node_id) + 1)

    elements = []
    for r in range(ny):
        for c in range(nx):
            i, j = 2 * c, 2 * r
            corners = [node(i, j), node(i + 2, j), node(i + 2, j + 2), node(i, j + 2)]
            middles = [node(i + 1, j), node(i + 2, j + 1), node(i + 1, j + 2),
                       node(i, j + 1)]
            elements.append((row_layer[r], corners + middles))

    def y_of(j):
        return heights[j // 2] if j % 2 == 0 else 0.5 * (heights[j // 2] + heights[j // 2 + 1])

    rotation = curvature * length / 2
    with open(path, "w", encoding="utf-8") as f:
        f.write("** bendsim benchmark: elastic bend of the qd_device laminate (um, MPa)\n")
        f.write("*NODE, NSET=NALL\n")
        for (i, j), n in sorted(node_id.items(), key=lambda item: item[1]):
            f.write(f"{n}, {xs[i]:.9g}, {y_of(j):.9g}\n")
        for index, (name, material, _, _, _) in enumerate(layers):
            f.write(f"*ELEMENT, TYPE=CPE8, ELSET=E{name}\n")
            for k, (layer, nodes) in enumerate(elements):
                if layer == index:
                    f.write(f"{k + 1}, " + ", ".join(map(str, nodes)) + "\n")
            e, nu = constants[index]
            f.write(f"*MATERIAL, NAME=M{name}\n*ELASTIC\n{e}, {nu}\n")
            f.write(f"*SOLID SECTION, ELSET=E{name}, MATERIAL=M{name}\n1.\n")
        f.write("*BOUNDARY\n")
        for (i, j), n in node_id.items():
            if i in (0, 2 * nx) and j == 0:
                f.write(f"{n}, 2, 2, 0.\n")
        f.write("*STEP\n*STATIC\n*BOUNDARY\n")
        for (i, j), n in node_id.items():
            if i in (0, 2 * nx):
                sign = -1.0 if i == 0 else 1.0
                f.write(f"{n}, 1, 1, {sign * rotation * (y_of(j) - neutral):.12g}\n")
        f.write("*NODE FILE\nU\n*END STEP\n")
    return 2 * len(node_id)


def run_calculix(folder, name):
    ccx = shutil.which("ccx")
    if not ccx:
        return None
    env = dict(os.environ, OMP_NUM_THREADS="2", CCX_NPROC_EQUATION_SOLVER="2")
    print(f"  running CalculiX on {name}.inp (2 threads) ...", file=sys.stderr, flush=True)
    start = time.monotonic()
    with open(os.path.join(folder, name + ".ccx.log"), "w", encoding="utf-8") as log:
        result = subprocess.run([ccx, "-i", name], cwd=folder, env=env, stdout=log,
                                stderr=subprocess.STDOUT, check=False)
    wall = time.monotonic() - start
    with open(os.path.join(folder, name + ".ccx.log"), encoding="utf-8") as log:
        finished = "Job finished" in log.read()
    if result.returncode != 0 or not finished:
        sys.exit(f"benchmark_targets.py: ccx failed on {name}.inp; see {name}.ccx.log")
    return wall


# ---- the targets ---------------------------------------------------------------------

def main():
    parser = argparse.ArgumentParser(
        description="The solver's five performance targets, measured on this machine.")
    parser.add_argument("--bendsim", default=os.path.join(ROOT, "build", "bendsim"))
    parser.add_argument("--quick", action="store_true",
                        help="cyclic runs to 100 cycles instead of 1000 (smoke test)")
    parser.add_argument("--only", default="T1,T2,T3,T4,T5",
                        help="comma-separated subset of T1..T5")
    parser.add_argument("--keep", metavar="FOLDER",
                        help="write the cases, logs and outputs to FOLDER and keep them")
    args = parser.parse_args()
    bendsim = os.path.abspath(args.bendsim)
    if not os.access(bendsim, os.X_OK):
        sys.exit(f"benchmark_targets.py: no bendsim executable at {bendsim} (build it first)")
    wanted = {t.strip().upper() for t in args.only.split(",")}
    unknown = wanted - {"T1", "T2", "T3", "T4", "T5"}
    if unknown:
        parser.error(f"--only: unknown target(s) {', '.join(sorted(unknown))}")
    cycles = 100 if args.quick else 1000
    rows = []  # (target, what was measured, figure, target text, met)

    if args.keep:
        os.makedirs(args.keep, exist_ok=True)
    with (tempfile.TemporaryDirectory(prefix="bendsim_targets.") if not args.keep else
          nullcontext(os.path.abspath(args.keep))) as folder:
        base = {}

        def device(ranks, n):
            key = (ranks, n)
            if key not in base:
                base[key] = run_bendsim(bendsim, folder, f"qd_device_{n}_cycles_{ranks}_ranks",
                                        ranks, cycles_override(n))
            return base[key]

        if "T1" in wanted:
            wall, s = run_bendsim(bendsim, folder, "qd_device_50um", 2,
                                  cycles_override(cycles, 200, 50))
            rows.append(("T1", f"qd_device, 50 um segment, {cycles} cycles, 2 ranks "
                         f"({s['dofs']} DoFs, {s['unknowns']} unknowns, "
                         f"{s['cycles']['solved']} solved peaks)",
                         f"{wall:.1f} s", "<= 120 s", wall <= 120 and s["dofs"] >= 1e5))
        if "T2" in wanted:
            w10, _ = device(2, 10)
            w, s = device(2, cycles)
            rows.append(("T2", f"qd_device, 2 ranks: {cycles} cycles {w:.1f} s, 10 cycles "
                         f"{w10:.1f} s", f"{w / w10:.1f}", "<= 10", w / w10 <= 10))
        if "T3" in wanted:
            w1, s1 = device(2, 100)
            w4, s4 = run_bendsim(bendsim, folder, "qd_device_100um", 2,
                                 cycles_override(100, 400, 100))
            rows.append(("T3", f"100 cycles, 2 ranks: 25 um {w1:.1f} s ({s1['unknowns']} "
                         f"unknowns), 100 um {w4:.1f} s ({s4['unknowns']} unknowns)",
                         f"{w4 / w1:.2f}", "<= 5", w4 / w1 <= 5))
        if "T4" in wanted:
            w1, _ = device(1, cycles)
            w2, _ = device(2, cycles)
            rows.append(("T4", f"qd_device, {cycles} cycles: 1 rank {w1:.1f} s, 2 ranks "
                         f"{w2:.1f} s", f"{w1 / w2:.2f}", ">= 1.6", w1 / w2 >= 1.6))
        if "T5" in wanted:
            layers = read_stack()
            cells_along, length = 550, 25.0
            curvature = 1.0 / 7500.0  # 1/um, R = 7.5 mm
            elastic = (f"subsection Loading\n  set Type = bending\nend\n"
                       f"subsection Fracture\n  set Enable = false\nend\n"
                       f"subsection Bending\n  set Load steps = 1\nend\n"
                       f"subsection Mesh\n  set Cells along segment = {cells_along}\nend\n")
            wb, sb = run_bendsim(bendsim, folder, "elastic", 2, elastic)
            # CPE8 DoFs: 2 ((2 n + 1)(rows + 1) + (n + 1) rows) for n cells along.
            rows_through = len(layer_heights(layers)[1])
            ccx_along = round((sb["unknowns"] / 2 - rows_through - 1) /
                              (3 * rows_through + 2))
            ccx_dofs = write_calculix(os.path.join(folder, "elastic_ccx.inp"), layers,
                                      length, ccx_along, curvature)
            wc = run_calculix(folder, "elastic_ccx")
            what = (f"elastic bend, {rows_through} rows of cells: bendsim 2 ranks {wb:.1f} s "
                    f"({cells_along} cells along, {sb['unknowns']} unknowns)")
            if wc is None:
                rows.append(("T5", what + "; ccx not installed (apt-get install calculix-ccx)",
                             "-", "<= 0.5", False))
            else:
                rows.append(("T5", what + f", CalculiX 2 threads {wc:.1f} s ({ccx_along} "
                             f"cells along, {ccx_dofs} DoFs)",
                             f"{wb / wc:.2f}", "<= 0.5", wb / wc <= 0.5))

    print("bendsim performance targets (this machine; whole-process wall times, one run each)")
    print(f"{'':3} | {'figure':>8} | {'target':>8} | {'met':>3} | measured")
    print("----|----------|----------|-----|---------")
    for target, what, figure, goal, met in rows:
        print(f"{target:3} | {figure:>8} | {goal:>8} | {'yes' if met else 'no':>3} | {what}")


if __name__ == "__main__":
    main()
