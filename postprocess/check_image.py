#!/usr/bin/python3
"""Check that PNG images have the expected size and are not blank.

Needs numpy and matplotlib (Debian: python3-numpy, python3-matplotlib); run with
/usr/bin/python3.

    check_image.py <png> [<png> ...] --width W --height H
                   [--min-colours 16] [--min-drawn 0.02]

For each PNG (read with matplotlib.image.imread), checks that

  - it is W pixels wide and H pixels high;
  - it has at least --min-colours distinct colours (default 16: a plot or render with
    antialiased lines and text has hundreds; an empty figure or an unrendered window has
    one or two);
  - at least the fraction --min-drawn (default 0.02) of its pixels differ from the
    background, the most frequent colour.

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


def check_image(filename, width, height, min_colours, min_drawn):
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
    return failures


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
    args = parser.parse_args()

    failed = False
    for filename in args.images:
        failures = check_image(filename, args.width, args.height, args.min_colours,
                               args.min_drawn)
        if failures:
            failed = True
            print(f"{filename}: {len(failures)} check(s) FAILED:", file=sys.stderr)
            for message in failures:
                print(f"  {message}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
