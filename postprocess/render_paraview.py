#!/usr/bin/env pvbatch
"""Render the cracks and the stress of a bendsim run with ParaView, without a display.

Needs ParaView's Python (Debian: paraview, python3-paraview); run with pvbatch (or
pvpython). Debian's ParaView draws through X, so without a display run it on a virtual
one (Debian: xvfb, xauth; -noreset: pvbatch connects twice and can meet a resetting
server without it):

    xvfb-run -a -s "-screen 0 1920x1080x24 -noreset" \
        pvbatch postprocess/render_paraview.py <output folder>
        [--cycles 1,1000] [--out-dir DIR] [--size 1200x450] [--stretch auto]
        [--warp-scale auto]

Opens <output folder>/solution.pvd with ParaView's PVD reader, as a user does in the
ParaView GUI, goes to each output step whose time is in --cycles (the cycle of a cyclic
run, the load step of a monotonic one; default: the last step) and writes two screenshots
of exactly --size pixels per step:

  <out-dir>/paraview_cracks_NNNN.png   point field 'damage' on the deformed stack, 0 (blue,
                                       intact) to 1 (red, a traction-free crack face);
  <out-dir>/paraview_stress_NNNN.png   point field 'axial_stress' (sigma_xx, MPa), blue in
                                       compression, red in tension, symmetric about 0;

NNNN being the step's number, as in solution_NNNN.pvtu. The stack is drawn on its
deformed shape with the displacement times --warp-scale (auto: the largest displacement
becomes 5 % of the segment's length at the chosen steps, so open cracks show as gaps) and with y stretched by
--stretch (auto: the stack fills the image's height; never below 1). Both factors are
printed on the image and on the screen, with the range of each field as ParaView read it.

The same steps in the GUI: File > Open solution.pvd, Apply; Filters > Warp By Vector
(displacement); colour by damage or axial_stress; the time control selects the cycle.
postprocess/render_cracks.py draws the same pictures with VTK alone (films zoomed).
"""

import argparse
import os
import sys

try:
    from paraview import simple as pv
except ImportError as error:
    sys.exit(f"render_paraview.py needs ParaView's Python ({error}); on Debian: apt-get "
             "install paraview python3-paraview, and run it with pvbatch")

# The argument types and the reading of solution.pvd are render_cracks.py's.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from render_cracks import cycle_list, image_size, positive_or, read_collection  # noqa: E402

# The two images: file prefix, field, title, symmetric range about 0.
IMAGES = (("paraview_cracks", "damage", "damage (1: traction-free crack face)", False),
          ("paraview_stress", "axial_stress", "axial stress sigma_xx (MPa)", True))


def parse_arguments(argv):
    parser = argparse.ArgumentParser(
        prog="render_paraview.py",
        description="Render a bendsim run's cracks and stress with ParaView (pvbatch).")
    parser.add_argument("output", help="a bendsim output folder (holds solution.pvd)")
    parser.add_argument("--cycles", type=cycle_list, default=None,
                        help="the output steps' times (cycles or load steps), comma "
                             "separated; default: the last step")
    parser.add_argument("--out-dir", default=None, help="where the PNGs go (default: output)")
    parser.add_argument("--size", type=image_size, default=(1200, 450), help="WIDTHxHEIGHT")
    parser.add_argument("--stretch", type=positive_or("auto"), default="auto",
                        help="y scale factor")
    parser.add_argument("--warp-scale", type=positive_or("auto"), default="auto",
                        help="displacement scale factor")
    return parser.parse_args(argv)


def field_range(source, name):
    """The (min, max) of a point field of a pipeline object, as ParaView computed it."""
    array = source.PointData[name]
    if array is None:
        sys.exit(f"render_paraview.py: solution.pvd has no point field '{name}'")
    return array.GetRange(0)


def main(argv):
    args = parse_arguments(argv)
    pvd = os.path.join(args.output, "solution.pvd")
    if not os.path.isfile(pvd):
        sys.exit(f"render_paraview.py: {pvd} does not exist (run the case with "
                 "'Output/Write VTU = true')")
    out_dir = args.out_dir or args.output
    os.makedirs(out_dir, exist_ok=True)

    reader = pv.PVDReader(FileName=os.path.abspath(pvd))
    times = list(reader.TimestepValues) if reader.TimestepValues else [0.0]
    chosen = args.cycles or [times[-1]]
    missing = [t for t in chosen if t not in times]
    if missing:
        sys.exit(f"render_paraview.py: {pvd} has no step at time "
                 + ", ".join(f"{t:g}" for t in missing) + "; its steps: "
                 + ", ".join(f"{t:g}" for t in times))
    # Each step's number, that of its solution_NNNN.pvtu.
    number_of = {time: int(os.path.splitext(pvtu)[0].rsplit("_", 1)[1])
                 for time, pvtu in read_collection(args.output)}

    # The factors, the same for every image of this call.
    reader.UpdatePipeline(chosen[0])
    (x0, x1, y0, y1, _, _) = reader.GetDataInformation().GetBounds()
    length, height = x1 - x0, y1 - y0
    width_px, height_px = args.size
    displacement = 0.0
    for time in chosen:
        reader.UpdatePipeline(time)
        displacement = max([displacement] + [abs(v) for v in field_range(reader, "displacement")])
    warp_scale = (0.05 * length / displacement if displacement > 0 else 1.0) \
        if args.warp_scale == "auto" else args.warp_scale
    stretch = max(1.0, 0.8 * length * height_px / (0.7 * width_px * height)) \
        if args.stretch == "auto" else args.stretch

    warped = pv.WarpByVector(Input=reader, Vectors=["POINTS", "displacement"],
                             ScaleFactor=warp_scale)
    stretched = pv.Transform(Input=warped)
    stretched.Transform.Scale = [1.0, stretch, 1.0]

    view = pv.CreateRenderView()
    view.ViewSize = list(args.size)
    view.OrientationAxesVisibility = 0
    view.Background = [1.0, 1.0, 1.0]
    if hasattr(view, "UseColorPaletteForBackground"):
        view.UseColorPaletteForBackground = 0
    view.CameraParallelProjection = 1
    display = pv.Show(stretched, view)
    display.Ambient, display.Diffuse = 1.0, 0.0  # flat: the colour map's own colours
    name = os.path.basename(os.path.abspath(args.output))
    if name == "output":  # the tests' and sweeps' folders: name the run's folder
        name = os.path.basename(os.path.dirname(os.path.abspath(args.output)))
    title = pv.Text()
    title_display = pv.Show(title, view)
    title_display.Color = [0.0, 0.0, 0.0]
    title_display.FontSize = 14
    title_display.WindowLocation = "Upper Center"

    print(f"{pvd}: steps {', '.join(f'{t:g}' for t in times)}; displacement x "
          f"{warp_scale:.3g}, thickness x {stretch:.3g}")
    for time in chosen:
        number = number_of.get(time, 0)
        reader.UpdatePipeline(time)
        stretched.UpdatePipeline(time)
        view.ViewTime = time
        title.Text = (f"{name}: step {time:g}, displacement x {warp_scale:.3g}, "
                      f"thickness x {stretch:.3g}")
        print(f"  step {time:g} (solution_{number:04d}.pvtu): "
              f"{reader.GetDataInformation().GetNumberOfPoints()} points")
        for prefix, field, label, symmetric in IMAGES:
            low, high = field_range(reader, field)
            pv.ColorBy(display, ("POINTS", field))
            lookup = pv.GetColorTransferFunction(field)
            lookup.ApplyPreset("Cool to Warm", True)
            if symmetric:
                bound = max(abs(low), abs(high), 1e-12)
                lookup.RescaleTransferFunction(-bound, bound)
            else:
                lookup.RescaleTransferFunction(0.0, 1.0)
            display.SetScalarBarVisibility(view, True)
            bar = pv.GetScalarBar(lookup, view)
            bar.Title = label
            bar.ComponentTitle = ""
            bar.TitleColor = bar.LabelColor = [0.0, 0.0, 0.0]
            bar.Orientation = "Vertical"
            bar.WindowLocation = "Lower Right Corner"
            pv.ResetCamera(view)
            view.CameraParallelScale *= 0.75
            image = os.path.join(out_dir, f"{prefix}_{number:04d}.png")
            pv.SaveScreenshot(image, view, ImageResolution=list(args.size))
            display.SetScalarBarVisibility(view, False)
            print(f"    {image}: {width_px} x {height_px} pixels, {field} "
                  f"{low:.6g} .. {high:.6g}")


if __name__ == "__main__":
    main(sys.argv[1:])
