#!/usr/bin/python3
"""Check that PNG images have the expected size and are not blank.

Needs numpy and matplotlib (Debian: python3-numpy, python3-matplotlib); run with
/usr/bin/python3.

    check_image.py <png> [<png> ...] --width W --height H
                   [--min-colours 16] [--min-drawn 0.02]
                   [--colour R,G,B --colour-fraction MIN[:MAX]]

For each PNG (read with matplotlib.image.imread), checks that

  - it is W pixels wide and H pixels high;
  - it has at least --min-colours distinct colours (default 16: a plot or render with
    antialiased lines and text has hundreds; an empty figure or an unrendered window has
    one or two);
  - at least the fraction --min-drawn (default 0.02) of its pixels differ from the
    background, the most frequent colour;
  - with --colour: the fraction of its pixels within 40 (of 255, in every channel) of the
    colour R,G,B is at least MIN and, if given, at most MAX. A render of the cracks uses it:
    cracked cells in the crack colour where the run has cracks, none where it has none.

Prints one line per image with what it measured, and exits with status 1 if any check of
any image fails. The tests in tests/plots run it on the figures and renders of the scripts
in postprocess/.
"""

import argparse
import os
import sys

try:
    import numpy as np
    import matplotlib.image
except ImportError as error:
    sys.exit(f"check_image.py needs numpy and matplotlib ({error}); "
             "on Debian: apt-get install python3-numpy python3-matplotlib, "
             "and run with /usr/bin/python3")


COLOUR_TOLERANCE = 40  # of 255, per channel, for --colour


def colour_fraction(channels, colour):
    """The fraction of pixels (rows of 8-bit channels) within tolerance of an RGB colour."""
    rgb = channels[:, :3].astype(int) if channels.shape[1] >= 3 \
        else np.repeat(channels[:, :1].astype(int), 3, axis=1)
    return float(np.mean(np.abs(rgb - np.array(colour)).max(axis=1) <= COLOUR_TOLERANCE))


def check_image(filename, width, height, min_colours, min_drawn, colour=None,
                fraction_range=None):
    """The failures of the checks on one PNG, as messages (empty: all passed)."""
    if not os.path.isfile(filename):
        return ["no such file"]
    try:
        image = matplotlib.image.imread(filename)
    except (OSError, ValueError, SyntaxError) as error:
        return [f"not a readable PNG ({error})"]
    failures = []
    rows, columns = image.shape[:2]
    if (columns, rows) != (width, height):
        failures.append(f"{columns} x {rows} pixels, expected {width} x {height}")

    # One integer per pixel: its 8-bit channels (RGB or RGBA; grey has one) packed.
    channels = image.reshape(rows * columns, -1)
    if channels.dtype != np.uint8:
        channels = np.round(channels * 255).astype(np.uint8)
    packed = np.zeros(len(channels), dtype=np.uint64)
    for channel in range(channels.shape[1]):
        packed = (packed << np.uint64(8)) | channels[:, channel].astype(np.uint64)
    colours, counts = np.unique(packed, return_counts=True)
    drawn = 1.0 - counts.max() / packed.size
    print(f"{filename}: {columns} x {rows} pixels, {len(colours)} colours, "
          f"{100 * drawn:.1f} % of the pixels differ from the background")
    if len(colours) < min_colours:
        failures.append(f"only {len(colours)} distinct colour(s), expected at least "
                        f"{min_colours}: blank?")
    if drawn < min_drawn:
        failures.append(f"only {100 * drawn:.2f} % of the pixels differ from the "
                        f"background, expected at least {100 * min_drawn:.2f} %: blank?")
    if colour is not None:
        fraction = colour_fraction(channels, colour)
        low, high = fraction_range
        print(f"{filename}: {100 * fraction:.3f} % of the pixels in the colour "
              f"{','.join(str(c) for c in colour)}")
        if fraction < low or (high is not None and fraction > high):
            expected = f"at least {100 * low:.3f} %" if high is None \
                else f"{100 * low:.3f} % to {100 * high:.3f} %"
            failures.append(f"{100 * fraction:.3f} % of the pixels in the colour "
                            f"{','.join(str(c) for c in colour)}, expected {expected}")
    return failures


def rgb(text):
    """'180,4,38' -> (180, 4, 38); for argparse."""
    try:
        values = tuple(int(v) for v in text.split(","))
    except ValueError:
        values = ()
    if len(values) != 3 or not all(0 <= v <= 255 for v in values):
        raise argparse.ArgumentTypeError(f"'{text}' is not R,G,B with each in 0 .. 255")
    return values


def fraction_range(text):
    """'0.002' -> (0.002, None), '0:0.001' -> (0, 0.001); for argparse."""
    try:
        values = [float(v) for v in text.split(":")]
    except ValueError:
        values = []
    if len(values) not in (1, 2) or not all(0 <= v <= 1 for v in values) \
            or (len(values) == 2 and values[1] < values[0]):
        raise argparse.ArgumentTypeError(f"'{text}' is not MIN or MIN:MAX in 0 .. 1")
    return values[0], values[1] if len(values) == 2 else None


def main():
    parser = argparse.ArgumentParser(
        description="Check that PNG images have the expected size and are not blank.")
    parser.add_argument("images", nargs="+", metavar="png", help="a PNG file")
    parser.add_argument("--width", type=int, required=True, help="expected width, pixels")
    parser.add_argument("--height", type=int, required=True, help="expected height, pixels")
    parser.add_argument("--min-colours", type=int, default=16,
                        help="fewest distinct colours of a non-blank image (default: 16)")
    parser.add_argument("--min-drawn", type=float, default=0.02,
                        help="smallest fraction of pixels that differ from the background "
                             "(default: 0.02)")
    parser.add_argument("--colour", type=rgb, default=None,
                        help="R,G,B: check the fraction of pixels in this colour")
    parser.add_argument("--colour-fraction", type=fraction_range, default=None,
                        help="MIN or MIN:MAX: the allowed fraction for --colour")
    args = parser.parse_args()
    if (args.colour is None) != (args.colour_fraction is None):
        parser.error("--colour and --colour-fraction go together")

    failed = False
    for filename in args.images:
        failures = check_image(filename, args.width, args.height, args.min_colours,
                               args.min_drawn, args.colour, args.colour_fraction)
        if failures:
            failed = True
            print(f"{filename}: {len(failures)} check(s) FAILED:", file=sys.stderr)
            for message in failures:
                print(f"  {message}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
