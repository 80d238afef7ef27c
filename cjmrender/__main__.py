"""``python -m cjmrender``: the ``cjmrender`` command.

A command that draws imports the SVG renderer (and so svgwrite) here, at the
top of the stack: imported under runpy's extra frames, CPython 3.11 thrashes
its frame-stack chunks while svgwrite compiles its regular expressions
(thousands of mmap/munmap calls, about 50 ms of system time on every render).
"""

import sys

if sys.argv[1:2] in (["render"], ["compare"], ["watch"]):
    from .render import svg  # noqa: F401

from .cli import main

main()
