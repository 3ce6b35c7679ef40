#!/usr/bin/python3
"""Render the cracks and the stress of a bendsim run to PNG images, without a display.

Needs numpy and VTK's Python bindings (Debian: python3-numpy, and python3-paraview,
whose VTK setup.sh installs, or python3-vtk9: the two conflict); run with
/usr/bin/python3. Debian's VTK draws through X, so without a display it needs a virtual
one, xvfb-run (Debian: xvfb, xauth): when DISPLAY is unset the script restarts itself
under `xvfb-run -a`. It uses VTK only, so ParaView's pvpython and pvbatch (whose VTK is
ParaView's own) run it too.

    render_cracks.py <output folder> [--cycles 1,100,1000 | --all] [--out-dir DIR]
                     [--size 1600x600] [--crack-field damage]
                     [--stress-field axial_stress] [--stress-range=LOW,HIGH]
                     [--height auto] [--stretch auto] [--warp-scale auto] [--edges]

Reads <output folder>/solution.pvd and, for each chosen output step, its PVTU, and writes
two images of exactly --size pixels (default 1600 x 600):

  <out-dir>/cracks_NNNN.png   the crack pattern: the --crack-field (default 'damage', the
                              largest damage of a cell's cracked faces, 0 to 1; or
                              'crack_opening' in um, 'fatigue_damage');
  <out-dir>/stress_NNNN.png   the --stress-field (default 'axial_stress', sigma_xx in MPa;
                              or 'von_mises_stress'), blue in compression, red in tension;

where NNNN is the number of the PVTU (solution_NNNN.pvtu): the cycle in cyclic bending,
the load step in monotonic bending. <out-dir> defaults to the output folder.

What the images show (each factor is printed on the image):

  - the layers named beside the stack (from summary.json), and in the title the
    through-thickness cracks of each crackable layer at that step (from history.csv);
  - the films on top of the substrate: by default (--height auto) the films and as much
    substrate below them as they are thick; --height UM: the top UM micrometres of the
    stack; --height all: the whole stack;
  - thickness exaggerated, because the films are thin next to the segment's length:
    --stretch auto scales y so that this part fills the image at the segment's full
    length (never below 1); --stretch 1 shows true proportions;
  - on the deformed mesh: points moved by the displacement times --warp-scale (auto: the
    largest displacement becomes 5 % of the segment's length), so open cracks show as
    gaps between the cells on their two faces.

Colour scales are the same for all the images of one call, so images of several cycles
compare; --stress-range fixes the stress scale. 3D runs are seen along z, onto the face
z = W.

Which steps: --cycles 1,100,1000 picks cycles of a cyclic run (solution.pvd's time is the
cycle; each must be in `Cycling/Output cycles` or be the last cycle); --all renders every
step of solution.pvd; by default, the last one.
"""

import argparse
import collections
import csv
import json
import os
import re
import shutil
import sys
import xml.etree.ElementTree as ElementTree

try:
    import numpy as np
    from vtkmodules.util.numpy_support import numpy_to_vtk, vtk_to_numpy
    from vtkmodules.vtkCommonCore import vtkLookupTable, vtkPoints
    from vtkmodules.vtkCommonDataModel import vtkCellArray, vtkPlane, vtkPolyData
    from vtkmodules.vtkFiltersGeneral import vtkTableBasedClipDataSet
    from vtkmodules.vtkIOImage import vtkPNGWriter
    from vtkmodules.vtkIOXML import vtkXMLPUnstructuredGridReader
    from vtkmodules.vtkRenderingAnnotation import vtkScalarBarActor
    from vtkmodules.vtkRenderingCore import (vtkActor, vtkActor2D, vtkCoordinate,
                                             vtkDataSetMapper, vtkPolyDataMapper2D,
                                             vtkRenderer, vtkRenderWindow, vtkTextActor,
                                             vtkWindowToImageFilter)
    import vtkmodules.vtkRenderingFreeType  # noqa: F401 (text rendering)
    import vtkmodules.vtkRenderingOpenGL2  # noqa: F401 (the OpenGL render window)
except ImportError as error:
    sys.exit(f"render_cracks.py needs numpy and VTK's Python bindings ({error}); "
             "on Debian: apt-get install python3-numpy python3-paraview (or python3-vtk9), "
             "and run with /usr/bin/python3")

UNDER_XVFB = "BENDSIM_RENDER_UNDER_XVFB"  # set when the script restarted under xvfb-run
# (description, unit) of the fields that bendsim writes; others are shown by their name.
FIELDS = {
    "damage": ("damage", ""),
    "crack_opening": ("crack opening", "µm"),
    "fatigue_damage": ("fatigue damage", ""),
    "axial_stress": ("axial stress", "MPa"),
    "von_mises_stress": ("von Mises stress", "MPa"),
    "axial_strain": ("axial strain", ""),
}
BOUNDED_FIELDS = {"damage", "fatigue_damage"}  # always coloured over 0 .. 1
PVTU_NUMBER = re.compile(r"_(\d+)\.pvtu$")

# Where things go in an image (normalised coordinates, 0 .. 1 from the lower left): the
# stack in data_viewport (x0, y0, x1, y1), the two-line title above it, the colour bar
# (bar and labels) to its right; font sizes in pixels.
Layout = collections.namedtuple(
    "Layout", "data_viewport title_position bar_position bar_size bar_ratio font title_font")

# One output step, ready to draw: the clipped, warped and stretched grid, and what was
# done to it, for the title.
View = collections.namedtuple("View", "time number grid region stretch warp_scale bands")


def ensure_display():
    """Restart under xvfb-run when VTK needs an X display and there is none."""
    window_class = vtkRenderWindow().GetClassName()
    if "X" not in window_class or os.environ.get("DISPLAY"):
        return  # an EGL or OSMesa build, or a display: render directly
    if os.environ.get(UNDER_XVFB):
        sys.exit("render_cracks.py: still no DISPLAY under xvfb-run")
    xvfb_run = shutil.which("xvfb-run")
    if xvfb_run is None:
        sys.exit(f"render_cracks.py: VTK renders through X ({window_class}) and DISPLAY is "
                 "not set; install a virtual display (Debian: apt-get install xvfb xauth) "
                 "or run under xvfb-run -a")
    os.environ[UNDER_XVFB] = "1"
    os.execv(xvfb_run, [xvfb_run, "-a", "-s", "-screen 0 1920x1080x24 -noreset", sys.executable,
                        os.path.abspath(sys.argv[0])] + sys.argv[1:])


def image_size(text):
    """'1600x600' -> (1600, 600) pixels; for argparse."""
    try:
        width, height = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not WIDTHxHEIGHT in pixels")
    if width < 200 or height < 150:
        raise argparse.ArgumentTypeError(f"'{text}': at least 200 x 150 pixels")
    return width, height


def positive_or(*words):
    """An argparse type: a positive number, or one of the words."""
    def parse(text):
        if text in words:
            return text
        try:
            value = float(text)
        except ValueError:
            value = 0.0
        if not value > 0:
            raise argparse.ArgumentTypeError(
                f"'{text}' is neither a positive number nor "
                + " nor ".join(f"'{word}'" for word in words))
        return value
    return parse


def value_range(text):
    try:
        low, high = (float(v) for v in text.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not LOW,HIGH, e.g. -100,100")
    if not low < high:
        raise argparse.ArgumentTypeError(f"'{text}': LOW must be below HIGH")
    return low, high


def cycle_list(text):
    try:
        return [int(v) for v in text.split(",")]
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a comma-separated list of cycles")


def read_collection(folder):
    """[(time, PVTU file)] of solution.pvd, in the order of time."""
    pvd = os.path.join(folder, "solution.pvd")
    if not os.path.isfile(pvd):
        sys.exit(f"{pvd}: no such file (was the run made with Output/Write VTU = true?)")
    try:
        datasets = ElementTree.parse(pvd).getroot().iter("DataSet")
        steps = sorted((float(d.get("timestep")), os.path.join(folder, d.get("file")))
                       for d in datasets)
    except (ElementTree.ParseError, TypeError, ValueError) as error:
        sys.exit(f"{pvd}: not a ParaView collection ({error})")
    if not steps:
        sys.exit(f"{pvd}: lists no data sets")
    return steps


def is_cyclic(folder):
    """Whether the run was cyclic bending (its history.csv starts with a cycle column)."""
    try:
        with open(os.path.join(folder, "history.csv"), encoding="utf-8") as f:
            return f.readline().startswith("cycle,")
    except OSError:
        return False


def stack_layers(folder):
    """[(name, material)] of the layers, bottom first, from summary.json ([] if none)."""
    try:
        with open(os.path.join(folder, "summary.json"), encoding="utf-8") as f:
            return [(layer["name"], layer.get("material", layer["name"]))
                    for layer in json.load(f)["layers"]]
    except (OSError, ValueError, KeyError, TypeError):
        return []


def crackable_layers(folder):
    """The names of the crackable layers, from summary.json (None: unknown)."""
    try:
        with open(os.path.join(folder, "summary.json"), encoding="utf-8") as f:
            return {layer["name"] for layer in json.load(f)["layers"] if layer.get("crackable")}
    except (OSError, ValueError, KeyError, TypeError):
        return None


def crack_counts(folder, cyclic, number):
    """'ITO 6, Perovskite 13': the through-thickness cracks of each crackable layer at
    the output step (the last history.csv row of that cycle, or load step), '' if the
    history does not have them."""
    key = "cycle" if cyclic else "step"
    try:
        with open(os.path.join(folder, "history.csv"), encoding="utf-8") as f:
            rows = [row for row in csv.DictReader(f) if row.get(key) == str(int(number))]
    except (OSError, ValueError):
        return ""
    if not rows:
        return ""
    crackable = crackable_layers(folder)
    counts = [(column[len("cracks_"):], value) for column, value in rows[-1].items()
              if column.startswith("cracks_")
              and (crackable is None or column[len("cracks_"):] in crackable)]
    try:
        return ", ".join(f"{name} {round(float(value))}" for name, value in counts)
    except ValueError:
        return ""


def layer_bands(grid, layers):
    """[(label, y_low, y_high)] of the layers seen in the drawn grid, at its left end:
    the band each layer fills there, for the labels beside the stack."""
    layer = grid.GetPointData().GetArray("layer")
    if layer is None or not layers:
        return []
    points = vtk_to_numpy(grid.GetPoints().GetData())
    ids = np.rint(vtk_to_numpy(layer)).astype(int)
    x_min, x_max = points[:, 0].min(), points[:, 0].max()
    left = points[:, 0] <= x_min + 0.02 * (x_max - x_min)
    bands = []
    for index, (name, material) in enumerate(layers):
        y = points[left & (ids == index), 1]
        if y.size:
            bands.append((layer_label(name, material), float(y.min()), float(y.max())))
    return bands


def case_name(folder):
    """The case file's name without .prm, or the folder's name if there is no summary."""
    try:
        with open(os.path.join(folder, "summary.json"), encoding="utf-8") as f:
            return os.path.splitext(os.path.basename(json.load(f)["case_file"]))[0]
    except (OSError, ValueError, KeyError):
        return os.path.basename(os.path.normpath(folder))


def choose_steps(folder, steps, cycles, render_all):
    """The (time, PVTU) pairs to render."""
    if render_all:
        return steps
    if cycles is None:
        return steps[-1:]
    if not is_cyclic(folder):
        sys.exit(f"{folder} is a monotonic run: the times of its solution.pvd are load "
                 "factors, not cycles; render its last step (no --cycles) or --all")
    by_cycle = {round(time): (time, file) for time, file in steps}
    missing = [c for c in cycles if c not in by_cycle]
    if missing:
        sys.exit(f"{folder}/solution.pvd has no output at cycle(s) "
                 f"{', '.join(map(str, missing))}; it has cycles "
                 f"{', '.join(str(round(t)) for t, _ in steps)}. Cycles to look at must be "
                 "in Cycling/Output cycles.")
    return [by_cycle[c] for c in cycles]


def read_grid(filename):
    reader = vtkXMLPUnstructuredGridReader()
    reader.SetFileName(filename)
    reader.Update()
    grid = reader.GetOutput()
    if grid is None or grid.GetNumberOfPoints() == 0:
        sys.exit(f"{filename}: VTK read no points")
    return grid


def point_field(grid, name, filename):
    """A scalar point field of the grid as numpy, or exit naming the scalar fields."""
    data = grid.GetPointData()
    array = data.GetArray(name)
    if array is None or array.GetNumberOfComponents() != 1:
        scalars = [data.GetArrayName(i) for i in range(data.GetNumberOfArrays())
                   if data.GetArray(i).GetNumberOfComponents() == 1]
        sys.exit(f"{filename}: no scalar point field '{name}'; the scalar fields are: "
                 + ", ".join(scalars))
    return vtk_to_numpy(array)


def window_bottom(grid, height):
    """The height y (um) above which the image shows the stack.

    height: 'all', a number of micrometres from the top, or 'auto': the films (layers
    above layer 0, the substrate) and as much substrate as they are thick."""
    y_min, y_max = grid.GetBounds()[2:4]
    if height == "all":
        return y_min
    if height != "auto":
        return max(y_min, y_max - height)
    layer = grid.GetPointData().GetArray("layer")
    if layer is None:
        return y_min
    y = vtk_to_numpy(grid.GetPoints().GetData())[:, 1]
    in_substrate = vtk_to_numpy(layer) < 0.5
    if in_substrate.all() or not in_substrate.any():
        return y_min
    films = y_max - y[in_substrate].max()
    return max(y_min, y_max - 2.0 * films)


def clipped(grid, bottom):
    """The part of the grid above y = bottom (all of it if bottom is its lowest point)."""
    if bottom <= grid.GetBounds()[2]:
        return grid
    plane = vtkPlane()
    plane.SetOrigin(0.0, bottom, 0.0)
    plane.SetNormal(0.0, 1.0, 0.0)
    clip = vtkTableBasedClipDataSet()
    clip.SetInputData(grid)
    clip.SetClipFunction(plane)
    clip.Update()
    return clip.GetOutput()


def deformed(grid, stretch, warp_scale):
    """The grid with its points at (x, stretch y, z) + warp_scale u: the thickness is
    exaggerated by stretch, the displacement u (the bend, crack openings) by warp_scale.
    Stretching before warping keeps the bend's deflection from being exaggerated twice."""
    points = vtk_to_numpy(grid.GetPoints().GetData()).astype(np.float64)
    displacement = vtk_to_numpy(grid.GetPointData().GetArray("displacement"))
    moved = points * np.array([1.0, stretch, 1.0]) + warp_scale * displacement
    result = grid.NewInstance()
    result.ShallowCopy(grid)
    new_points = vtkPoints()
    new_points.SetData(numpy_to_vtk(moved, deep=True))
    result.SetPoints(new_points)
    return result


def image_layout(size, label_chars=0):
    """The Layout of an image of size (width, height) pixels: fonts grow with the height,
    the title strip, the colour bar's column and the layer labels' column (label_chars
    characters wide) are sized from the fonts."""
    width, height = size
    font = max(12, height // 30)
    title_font = max(12, height // 28)
    title_strip = 3.0 * title_font / height
    bar_column = 7.0 * font / width  # bar and labels such as '1.05e+03'
    label_column = (0.6 * font * label_chars + 2.0 * font) / width if label_chars else 0.0
    return Layout(data_viewport=(label_column, 0.0, 1.0 - bar_column - 0.01,
                                 1.0 - title_strip),
                  title_position=(0.01, 1.0 - title_strip + 0.4 * title_font / height),
                  bar_position=(1.0 - bar_column, 0.04),
                  bar_size=(bar_column - 0.005, 0.92 - title_strip - 0.04),
                  bar_ratio=0.22, font=font, title_font=title_font)


def drawing_aspect(size, label_chars=0):
    """Width / height of the part of an image of size (width, height) that shows the stack."""
    x0, y0, x1, y1 = image_layout(size, label_chars).data_viewport
    return (x1 - x0) * size[0] / ((y1 - y0) * size[1])


def prepare_view(time, filename, fields, args, layers):
    """The View of one output step: checked, clipped, warped and stretched."""
    grid = read_grid(filename)
    for field in fields:
        point_field(grid, field, filename)
    displacement = grid.GetPointData().GetArray("displacement")
    if displacement is None or displacement.GetNumberOfComponents() != 3:
        sys.exit(f"{filename}: no vector point field 'displacement'")
    x_min, x_max, y_min, y_max = grid.GetBounds()[:4]
    if args.warp_scale == "auto":
        largest = float(np.max(np.linalg.norm(vtk_to_numpy(displacement), axis=1)))
        warp_scale = 0.05 * (x_max - x_min) / largest if largest > 0 else 1.0
    else:
        warp_scale = args.warp_scale
    bottom = window_bottom(grid, args.height)
    if args.stretch == "auto":
        stretch = max(1.0, (x_max - x_min) / drawing_aspect(args.size, label_width(layers))
                      / (y_max - bottom))
    else:
        stretch = args.stretch
    match = PVTU_NUMBER.search(filename)
    number = match.group(1) if match else f"{round(time):04d}"
    region = ("whole stack" if bottom <= y_min else
              f"top {y_max - bottom:.3g} µm of the {y_max - y_min:.4g} µm stack")
    drawn = deformed(clipped(grid, bottom), stretch, warp_scale)
    return View(time, number, drawn, region, stretch, warp_scale, layer_bands(drawn, layers))


def colour_range(values, name, fixed):
    """(low, high, signed) of the colour scale of a field: fixed if given; 0 .. 1 for
    damage; symmetric about 0 for a field of both signs; else 0 .. largest value."""
    if fixed is not None:
        low, high = fixed
        return low, high, low < 0 < high
    if name in BOUNDED_FIELDS:
        return 0.0, 1.0, False
    low, high = float(np.min(values)), float(np.max(values))
    if low < 0 < high:
        largest = max(-low, high)
        return -largest, largest, True
    low = min(low, 0.0)
    return low, max(high, low + 1e-12), False


def lookup_table(low, high, signed):
    """256 colours from low to high: blue-grey-red (cool to warm, Moreland 2009) for a
    field of both signs, else light grey to dark red."""
    if signed:
        stops = [(0.0, (0.230, 0.299, 0.754)), (0.5, (0.865, 0.865, 0.865)),
                 (1.0, (0.706, 0.016, 0.150))]
    else:
        stops = [(0.0, (0.85, 0.85, 0.85)), (0.3, (0.99, 0.75, 0.35)),
                 (0.7, (0.90, 0.25, 0.10)), (1.0, (0.45, 0.0, 0.05))]
    positions = [position for position, _ in stops]
    table = vtkLookupTable()
    table.SetNumberOfTableValues(256)
    table.SetTableRange(low, high)
    for i in range(256):
        rgb = [np.interp(i / 255, positions, [colour[c] for _, colour in stops])
               for c in range(3)]
        table.SetTableValue(i, *rgb, 1.0)
    table.Build()
    return table


def layer_label(name, material):
    """'Perovskite (CsPbI2Br)', or the name alone when the material has the same name."""
    return name if material == name else f"{name} ({material})"


def label_width(layers):
    """The characters of the longest layer label (0: no labels)."""
    return max((len(layer_label(name, material)) for name, material in layers), default=0)


def label_positions(bands, to_viewport, gap, top):
    """The heights (normalised, 0 .. 1 of the image) of the layer labels: each at its
    band's middle, pushed apart to at least gap, the highest at most top."""
    wanted = [to_viewport(0.5 * (low + high)) for _, low, high in bands]
    order = sorted(range(len(bands)), key=lambda i: wanted[i])
    placed = {}
    previous = -1.0
    for i in order:  # upwards: each at least gap above the one below
        placed[i] = max(wanted[i], previous + gap)
        previous = placed[i]
    ceiling = top
    for i in reversed(order):  # downwards: the highest at most top, the gaps kept
        placed[i] = min(placed[i], ceiling)
        ceiling = placed[i] - gap
    return [placed[i] for i in range(len(bands))]


def add_layer_labels(annotation, bands, layout, size, camera_box, stack_left):
    """Names of the layers in the column left of the stack, each with a leader line to
    the middle of its band at the stack's left end."""
    width, height = size
    x0, y0, x1, y1 = layout.data_viewport
    centre_x, centre_y, scale = camera_box
    aspect = (x1 - x0) * width / ((y1 - y0) * height)

    def to_y(y):
        return y0 + (y1 - y0) * (0.5 + (y - centre_y) / (2.0 * scale))

    def to_x(x):
        return x0 + (x1 - x0) * (0.5 + (x - centre_x) / (2.0 * scale * aspect))

    left_edge = to_x(stack_left)
    heights = label_positions(bands, to_y, 1.15 * layout.font / height,
                              y1 - 0.5 * layout.font / height)
    points = vtkPoints()
    lines = vtkCellArray()
    for (label, low, high), y in zip(bands, heights):
        text = vtkTextActor()
        text.SetInput(label)
        properties = text.GetTextProperty()
        properties.SetColor(0.0, 0.0, 0.0)
        properties.SetFontSize(layout.font)
        properties.SetJustificationToRight()
        properties.SetVerticalJustificationToCentered()
        text.GetPositionCoordinate().SetCoordinateSystemToNormalizedViewport()
        text.GetPositionCoordinate().SetValue(x0 - 1.5 * layout.font / width, y)
        annotation.AddActor2D(text)
        start = points.InsertNextPoint(x0 - 1.2 * layout.font / width, y, 0.0)
        end = points.InsertNextPoint(left_edge, to_y(0.5 * (low + high)), 0.0)
        lines.InsertNextCell(2)
        lines.InsertCellPoint(start)
        lines.InsertCellPoint(end)
    leaders = vtkPolyData()
    leaders.SetPoints(points)
    leaders.SetLines(lines)
    coordinate = vtkCoordinate()
    coordinate.SetCoordinateSystemToNormalizedViewport()
    mapper = vtkPolyDataMapper2D()
    mapper.SetInputData(leaders)
    mapper.SetTransformCoordinate(coordinate)
    actor = vtkActor2D()
    actor.SetMapper(mapper)
    actor.GetProperty().SetColor(0.3, 0.3, 0.3)
    annotation.AddActor2D(actor)


def render(grid, field, title, colours, unit, size, edges, filename, bands=(),
           label_chars=0):
    """Write a PNG of the grid coloured by a point field, seen along z, with the layers
    of bands labelled beside it."""
    width, height = size
    low, high, signed = colours
    mapper = vtkDataSetMapper()
    mapper.SetInputData(grid)
    mapper.SetScalarModeToUsePointFieldData()
    mapper.SelectColorArray(field)
    mapper.SetLookupTable(lookup_table(low, high, signed))
    mapper.SetScalarRange(low, high)
    mapper.ScalarVisibilityOn()
    actor = vtkActor()
    actor.SetMapper(mapper)
    actor.GetProperty().LightingOff()  # a flat field: colours as they are
    if edges:
        actor.GetProperty().EdgeVisibilityOn()
        actor.GetProperty().SetEdgeColor(0.3, 0.3, 0.3)
        actor.GetProperty().SetLineWidth(0.5)

    # Two layers: the annotation (title, colour bar) clears the whole image to white, and
    # the stack is drawn over it, in its part of the image, with a parallel projection
    # that fits the stack's bounds.
    layout = image_layout(size, label_chars)
    scene = vtkRenderer()
    scene.SetViewport(*layout.data_viewport)
    scene.SetLayer(1)
    scene.AddActor(actor)
    x_min, x_max, y_min, y_max, z_min, z_max = grid.GetBounds()
    centre = (0.5 * (x_min + x_max), 0.5 * (y_min + y_max), z_max)
    camera = scene.GetActiveCamera()
    camera.ParallelProjectionOn()
    camera.SetFocalPoint(*centre)
    camera.SetPosition(centre[0], centre[1], z_max + 10.0 * max(x_max - x_min, y_max - y_min))
    camera.SetViewUp(0.0, 1.0, 0.0)
    scale = 1.04 * max(0.5 * (y_max - y_min),
                       0.5 * (x_max - x_min) / drawing_aspect(size, label_chars))
    camera.SetParallelScale(scale)
    scene.ResetCameraClippingRange()

    annotation = vtkRenderer()
    annotation.SetViewport(0.0, 0.0, 1.0, 1.0)
    annotation.SetLayer(0)
    annotation.SetBackground(1.0, 1.0, 1.0)
    annotation.InteractiveOff()
    bar = vtkScalarBarActor()
    bar.SetLookupTable(mapper.GetLookupTable())
    bar.SetTitle(unit)
    bar.SetNumberOfLabels(5)
    bar.SetLabelFormat("%.3g")
    bar.GetPositionCoordinate().SetCoordinateSystemToNormalizedViewport()
    bar.GetPositionCoordinate().SetValue(*layout.bar_position)
    bar.SetWidth(layout.bar_size[0])
    bar.SetHeight(layout.bar_size[1])
    bar.SetBarRatio(layout.bar_ratio)
    bar.UnconstrainedFontSizeOn()
    for text in (bar.GetTitleTextProperty(), bar.GetLabelTextProperty()):
        text.SetColor(0.0, 0.0, 0.0)
        text.SetFontSize(layout.font)
        text.ShadowOff()
        text.ItalicOff()
    annotation.AddActor2D(bar)
    heading = vtkTextActor()
    heading.SetInput(title)
    heading.GetTextProperty().SetColor(0.0, 0.0, 0.0)
    heading.GetTextProperty().SetFontSize(layout.title_font)
    heading.GetPositionCoordinate().SetCoordinateSystemToNormalizedViewport()
    heading.GetPositionCoordinate().SetValue(*layout.title_position)
    annotation.AddActor2D(heading)
    if bands:
        add_layer_labels(annotation, bands, layout, size, (centre[0], centre[1], scale),
                         x_min)

    window = vtkRenderWindow()
    window.SetOffScreenRendering(1)
    window.SetNumberOfLayers(2)
    window.AddRenderer(annotation)
    window.AddRenderer(scene)
    window.SetSize(width, height)
    window.Render()
    capture = vtkWindowToImageFilter()
    capture.SetInput(window)
    capture.SetInputBufferTypeToRGB()
    capture.ReadFrontBufferOff()
    capture.Update()
    writer = vtkPNGWriter()
    writer.SetFileName(filename)
    writer.SetInputConnection(capture.GetOutputPort())
    writer.Write()
    window.Finalize()


def main():
    parser = argparse.ArgumentParser(
        description="Render the crack pattern and the stress of a bendsim run on the "
                    "deformed stack, from its PVTU output, to PNG, without a display.")
    parser.add_argument("folder", help="a bendsim output folder (with solution.pvd)")
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--cycles", type=cycle_list, metavar="C1,C2,...",
                       help="cycles to render (cyclic runs; default: the last output)")
    which.add_argument("--all", action="store_true", help="render every output step")
    parser.add_argument("--out-dir", help="folder for the PNGs (default: the output folder)")
    parser.add_argument("--size", type=image_size, default=(1600, 600), metavar="WxH",
                        help="image size in pixels (default: 1600x600)")
    parser.add_argument("--crack-field", default="damage",
                        help="scalar field of the crack image (default: damage)")
    parser.add_argument("--stress-field", default="axial_stress",
                        help="scalar field of the stress image (default: axial_stress)")
    parser.add_argument("--stress-range", type=value_range, metavar="LOW,HIGH",
                        help="fixed colour scale of the stress image, e.g. "
                             "--stress-range=-100,100 (default: the range of the shown "
                             "values, symmetric about 0 if they change sign)")
    parser.add_argument("--height", type=positive_or("auto", "all"), default="auto",
                        help="um of the top of the stack to show, 'all', or 'auto' "
                             "(default): the films and as much substrate")
    parser.add_argument("--stretch", type=positive_or("auto"), default="auto",
                        help="factor on the thickness, or 'auto' (default): what fills "
                             "the image")
    parser.add_argument("--warp-scale", type=positive_or("auto"), default="auto",
                        help="factor on the displacement, or 'auto' (default): the "
                             "largest displacement becomes 5 %% of the segment's length")
    parser.add_argument("--edges", action="store_true", help="draw the cell edges")
    args = parser.parse_args()
    if not os.path.isdir(args.folder):
        sys.exit(f"{args.folder}: no such folder")
    out_dir = args.out_dir or args.folder

    steps = choose_steps(args.folder, read_collection(args.folder), args.cycles, args.all)
    ensure_display()
    os.makedirs(out_dir, exist_ok=True)
    images = (("cracks", args.crack_field, None), ("stress", args.stress_field,
                                                   args.stress_range))
    layers = stack_layers(args.folder)
    views = [prepare_view(time, filename, [field for _, field, _ in images], args, layers)
             for time, filename in steps]
    # One colour scale per field for all the steps, so that the images compare.
    colours = {field: colour_range(np.concatenate([point_field(view.grid, field, "")
                                                   for view in views]), field, fixed)
               for _, field, fixed in images}

    cyclic = is_cyclic(args.folder)
    name = case_name(args.folder)
    for view in views:
        when = f"cycle {round(view.time)}" if cyclic else f"load factor {view.time:g}"
        cracks = crack_counts(args.folder, cyclic, view.number)
        for kind, field, _ in images:
            description, unit = FIELDS.get(field, (field, ""))
            title = (f"{name}, {when}: {description}" + (f" ({unit})" if unit else "")
                     + (f"; cracks: {cracks}" if cracks else "")
                     + f"\n{view.region}, thickness x {view.stretch:.3g}, "
                     f"displacements x {view.warp_scale:.3g}")
            output = os.path.join(out_dir, f"{kind}_{view.number}.png")
            render(view.grid, field, title, colours[field], unit, args.size, args.edges,
                   output, view.bands, label_width(layers))
            print(f"{output}: {args.size[0]} x {args.size[1]} pixels, {field} at {when}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
