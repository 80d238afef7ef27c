"""MkDocs plugin: ```` ```journey ```` fences in pages become inline SVG journey maps.

``mkdocs.yml``::

    plugins:
      - search
      - cjmrender:
          theme: dark      # optional: for maps without theme="..." or a theme of their own
          lint: true       # optional: log `cjmrender lint` findings as build warnings
          mermaid: true    # optional: draw ```mermaid fences whose diagram is a journey

The fence forms and attributes are described in :mod:`cjmrender.markdown_ext`.
A broken spec fails the build with its ``file:line:col`` message; under
``mkdocs serve`` spec and theme files outside ``docs_dir`` are watched too.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

from .errors import UserError
from .markdown_ext import Page, replace_fences
from .resources import is_theme_file

log = logging.getLogger("mkdocs.plugins.cjmrender")


class JourneyPluginConfig(base.Config):
    theme = c.Optional(c.Type(str))
    """Built-in theme name, or a theme YAML file relative to ``docs_dir``."""
    lint = c.Type(bool, default=False)
    """Log each map's lint findings as warnings (``mkdocs build --strict`` then fails on them)."""
    mermaid = c.Type(bool, default=False)
    """Draw ```` ```mermaid ```` fences whose diagram is a ``journey`` (other Mermaid diagrams are left alone)."""


class JourneyPlugin(BasePlugin[JourneyPluginConfig]):
    """Renders at ``on_page_markdown``, before Markdown runs, so the SVG passes through as a raw HTML block."""

    def __init__(self) -> None:
        super().__init__()
        self.dependencies: set[Path] = set()

    def on_page_markdown(self, markdown: str, /, *, page: Any, config: Any, files: Any) -> str:
        if "journey" not in markdown:  # most pages: skip the scan
            return markdown
        docs_dir = Path(config["docs_dir"])
        theme = self.config.theme
        if theme and is_theme_file(theme):
            theme = str(docs_dir / theme)
        src_uri = page.file.src_uri
        info = Page(path=Path(page.file.abs_src_path or docs_dir / src_uri), root=docs_dir,
                    id_base=src_uri.rsplit(".", 1)[0], theme=theme, lint=self.config.lint,
                    mermaid=self.config.mermaid)
        try:
            out = replace_fences(markdown, info)
        except UserError as exc:
            problems = "\n".join(f"  {p}" for p in exc.problems)
            raise PluginError(f"journey map in {src_uri} has problems:\n{problems}") from None
        finally:
            self.dependencies |= info.dependencies
        for finding in info.findings:
            (log.info if finding.severity == "note" else log.warning)(str(finding))
        return out

    def on_serve(self, server: Any, /, *, config: Any, builder: Any) -> Any:
        docs_dir = Path(config["docs_dir"]).resolve()
        for path in sorted(self.dependencies):
            if not path.resolve().is_relative_to(docs_dir):  # docs_dir is watched already
                server.watch(str(path))
        return server
