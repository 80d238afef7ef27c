"""Journey spec: YAML loading, validation, and the normalised model."""

from .journey import Journey
from .loader import load_spec

__all__ = ["Journey", "load_spec"]
