# Sphinx configuration of the bendsim manual (Markdown pages, read by MyST).
#
# Built by `cmake --build build --target manual` into build/doc/html: the build copies
# these pages, the figures of postprocess/figures and the parameter reference generated
# from `bendsim --print-parameters` (generated/parameters_generated.md) into
# build/doc/source and runs sphinx-build -W there. Needs Debian's python3-sphinx and
# python3-myst-parser; the theme is Sphinx's built-in alabaster.

project = "bendsim"
author = "the bendsim authors"
copyright = "2026, the bendsim authors"

extensions = ["myst_parser"]
source_suffix = {".md": "markdown"}
root_doc = "index"

# $...$ and $$...$$ math; anchors on headings down to level 3, so that
# [text](page.md#heading) links work here as on a repository browser.
myst_enable_extensions = ["dollarmath"]
myst_heading_anchors = 3

# The generated reference is included by parameters.md, not a page of its own.
exclude_patterns = ["generated", "_build"]

html_theme = "alabaster"
html_title = "bendsim manual"
html_theme_options = {"page_width": "1200px", "body_max_width": "none"}
