"""cjmrender: customer journey maps from YAML to clean SVG and printable PDF.

Library use needs no CLI::

    import cjmrender
    journey = cjmrender.load_spec("examples/running-shoes.yaml")
    svg = cjmrender.render_svg_text(journey)
"""

from __future__ import annotations

__version__ = "0.1.0"

from .errors import Problem, UserError
from .spec import Journey, load_spec

__all__ = ["Journey", "Problem", "UserError", "__version__", "load_spec", "render_svg_text"]


def __getattr__(name: str):  # lazy: keep `import cjmrender` cheap for validation-only use
    if name == "render_svg_text":
        from .pipeline import render_svg_text
        return render_svg_text
    raise AttributeError(name)
