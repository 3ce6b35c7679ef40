#!/usr/bin/python3
"""Check the fields that bendsim wrote for ParaView against its summary.json.

Needs numpy and VTK's Python bindings (Debian: python3-numpy, and python3-paraview,
whose VTK setup.sh installs, or python3-vtk9: the two conflict); run with
/usr/bin/python3.

    check_pvtu.py [--tolerance 1e-6] <output folder> [<output folder> ...]

For each output folder, reads the newest PVTU file that solution.pvd refers to (the one
with the largest timestep) with vtkXMLPUnstructuredGridReader, and summary.json, and checks

  - the fields and their numbers of components: displacement 3, strain 9, stress 9,
    axial_strain 1, axial_stress 1, von_mises_stress 1, layer 1, mpi_rank 1 (layer and
    mpi_rank may be point or cell data), and that every value is finite;
  - that the PVTU has one piece per MPI rank and mpi_rank takes exactly summary.json's
    "mpi_ranks" distinct values 0, 1, ...;
  - that layer takes exactly the values 0 .. n_layers - 1, n_layers from summary.json;
  - that the mesh spans the stack's height, from the bottom of layer 0 to the top of the
    last layer;
  - that axial_strain is the xx component of the strain tensor (the axial direction is x);
  - that at every point, axial_strain = curvature * (y - neutral axis height), the
    pure-bending strain of a perfectly bonded stack, with curvature_1_per_mm (converted to
    1/um) and neutral_axis_height_um from summary.json.
Strain comparisons use the absolute tolerance --tolerance (default 1e-6, about 0.01 % of
the bending strains of interest; VTK files hold the fields in single precision).

Prints what it checked and every failure, and exits with status 1 on any failure.
"""

import argparse
import json
import math
import os
import sys
import xml.etree.ElementTree as ElementTree

try:
    import numpy as np
    import vtk
    from vtk.util.numpy_support import vtk_to_numpy
except ImportError as error:
    sys.exit(f"check_pvtu.py needs numpy and VTK's Python bindings ({error}); "
             "on Debian: apt-get install python3-numpy python3-paraview (or python3-vtk9), "
             "and run with /usr/bin/python3")

EXPECTED_COMPONENTS = {
    "displacement": 3,
    "strain": 9,
    "stress": 9,
    "axial_strain": 1,
    "axial_stress": 1,
    "von_mises_stress": 1,
    "layer": 1,
    "mpi_rank": 1,
}
MAY_BE_CELL_DATA = {"layer", "mpi_rank"}


class Checker:
    """Collects the failures of the checks on one output folder."""

    def __init__(self, folder):
        self.folder = folder
        self.failures = []

    def fail(self, message):
        self.failures.append(message)

    def require(self, condition, message):
        if not condition:
            self.fail(message)
        return condition


def newest_pvtu(pvd_file):
    """The PVTU file with the largest timestep in a ParaView collection (.pvd)."""
    datasets = ElementTree.parse(pvd_file).getroot().iter("DataSet")
    newest = max(datasets, key=lambda d: float(d.get("timestep", "0")), default=None)
    if newest is None:
        raise ValueError(f"{pvd_file} lists no data sets")
    return os.path.join(os.path.dirname(pvd_file), newest.get("file"))


def read_pvtu(filename):
    reader = vtk.vtkXMLPUnstructuredGridReader()
    reader.SetFileName(filename)
    reader.Update()
    grid = reader.GetOutput()
    if grid is None or grid.GetNumberOfPoints() == 0:
        raise ValueError(f"{filename}: VTK read no points")
    return reader, grid


def find_array(grid, name):
    """(array as numpy, 'point' or 'cell'), or (None, None) if there is no such field."""
    for data, kind in ((grid.GetPointData(), "point"), (grid.GetCellData(), "cell")):
        array = data.GetArray(name)
        if array is not None:
            return vtk_to_numpy(array), kind
    return None, None


def check_folder(folder, tolerance):
    check = Checker(folder)
    pvd = os.path.join(folder, "solution.pvd")
    summary_file = os.path.join(folder, "summary.json")
    for f in (pvd, summary_file):
        if not os.path.isfile(f):
            check.fail(f"{f}: no such file")
    if check.failures:
        return check

    with open(summary_file, encoding="utf-8") as f:
        summary = json.load(f)
    try:
        pvtu = newest_pvtu(pvd)
        reader, grid = read_pvtu(pvtu)
    except (ValueError, ElementTree.ParseError) as error:
        check.fail(str(error))
        return check
    print(f"{pvtu}: {grid.GetNumberOfPoints()} points, {grid.GetNumberOfCells()} cells")

    # Fields and their components.
    fields = {}
    for name, components in EXPECTED_COMPONENTS.items():
        values, kind = find_array(grid, name)
        if not check.require(values is not None, f"no field '{name}'"):
            continue
        check.require(kind == "point" or name in MAY_BE_CELL_DATA,
                      f"'{name}' is {kind} data, expected point data")
        n = 1 if values.ndim == 1 else values.shape[1]
        if check.require(n == components,
                         f"'{name}' has {n} components, expected {components}"):
            fields[name] = values.astype(np.float64)
            check.require(np.all(np.isfinite(values)), f"'{name}' has non-finite values")

    # Partition: one piece and one mpi_rank value per rank.
    ranks = summary.get("mpi_ranks")
    if check.require(isinstance(ranks, int) and ranks >= 1,
                     f"summary.json has no valid 'mpi_ranks' ({ranks!r})"):
        pieces = reader.GetNumberOfPieces()
        check.require(pieces == ranks,
                      f"the PVTU has {pieces} pieces for {ranks} MPI rank(s)")
        if "mpi_rank" in fields:
            values = np.unique(fields["mpi_rank"])
            check.require(np.array_equal(values, np.arange(ranks)),
                          f"mpi_rank takes the values {values.tolist()}, "
                          f"expected 0 .. {ranks - 1} for {ranks} MPI rank(s)")

    # Layers, and the height of the mesh.
    layers = summary.get("layers", [])
    if check.require(len(layers) > 0, "summary.json lists no layers") and "layer" in fields:
        values = np.unique(fields["layer"])
        check.require(np.array_equal(values, np.arange(len(layers))),
                      f"layer takes the values {values.tolist()}, "
                      f"expected 0 .. {len(layers) - 1} for {len(layers)} layers")
    y = vtk_to_numpy(grid.GetPoints().GetData())[:, 1].astype(np.float64)
    if layers:
        bottom, top = layers[0]["bottom_um"], layers[-1]["top_um"]
        height_tolerance = 1e-6 * max(1.0, abs(top))
        check.require(abs(y.min() - bottom) <= height_tolerance
                      and abs(y.max() - top) <= height_tolerance,
                      f"the mesh spans y = {y.min():.6g} .. {y.max():.6g} um, "
                      f"the stack {bottom:.6g} .. {top:.6g} um")

    # Strains.
    if "axial_strain" in fields and "strain" in fields:
        error = np.abs(fields["axial_strain"] - fields["strain"][:, 0])
        check.require(error.max() <= tolerance,
                      f"axial_strain differs from strain_xx by up to {error.max():.3g} "
                      f"(at y = {y[error.argmax()]:.6g} um), tolerance {tolerance:g}")
    curvature_per_mm = summary.get("curvature_1_per_mm")
    neutral_axis = summary.get("neutral_axis_height_um")
    if (check.require(isinstance(curvature_per_mm, (int, float))
                      and math.isfinite(curvature_per_mm),
                      "summary.json has no valid 'curvature_1_per_mm'")
            and check.require(isinstance(neutral_axis, (int, float))
                              and math.isfinite(neutral_axis),
                              "summary.json has no valid 'neutral_axis_height_um'")
            and "axial_strain" in fields):
        curvature = curvature_per_mm / 1000.0  # 1/mm -> 1/um
        expected = curvature * (y - neutral_axis)
        error = np.abs(fields["axial_strain"] - expected)
        worst = error.argmax()
        check.require(error[worst] <= tolerance,
                      f"axial_strain differs from curvature * (y - neutral axis) by up to "
                      f"{error[worst]:.3g} (at y = {y[worst]:.6g} um: "
                      f"{fields['axial_strain'][worst]:.6g}, expected {expected[worst]:.6g}), "
                      f"tolerance {tolerance:g}")
        print(f"  axial_strain - {curvature:.6g}/um * (y - {neutral_axis:.6g} um): "
              f"largest difference {error.max():.2g}")
    return check


def main():
    parser = argparse.ArgumentParser(
        description="Check bendsim's PVTU output against its summary.json.")
    parser.add_argument("folders", nargs="+", metavar="output_folder",
                        help="a bendsim output folder (with solution.pvd and summary.json)")
    parser.add_argument("--tolerance", type=float, default=1e-6,
                        help="absolute tolerance for strains (default: 1e-6)")
    args = parser.parse_args()

    failed = False
    for folder in args.folders:
        check = check_folder(folder, args.tolerance)
        if check.failures:
            failed = True
            print(f"{folder}: {len(check.failures)} check(s) FAILED:", file=sys.stderr)
            for message in check.failures:
                print(f"  {message}", file=sys.stderr)
        else:
            print(f"{folder}: all checks passed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
