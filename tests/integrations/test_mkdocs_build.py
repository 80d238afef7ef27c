"""The MkDocs plugin in real builds: ```journey fences become inline SVG; a broken spec fails with its location."""

from __future__ import annotations

import logging
import re
import xml.etree.ElementTree as ET
from importlib.metadata import EntryPoint
from pathlib import Path

import pytest

from tests.conftest import need_module

need_module("mkdocs")

from mkdocs.commands.build import build  # noqa: E402
from mkdocs.config import load_config  # noqa: E402
from mkdocs.config.defaults import MkDocsConfig  # noqa: E402
from mkdocs.exceptions import Abort  # noqa: E402

from tests.conftest import ROOT, syntax_error_at  # noqa: E402

SVG_NS = "{http://www.w3.org/2000/svg}"
INDEX = """\
# Maps

```journey src="maps/haircut.yaml" alt="Haircut & booking"
```

An example of the syntax is not rendered:

````markdown
```journey
title: Only an example
```
````

```journey lanes="actions,emotion" width="900"
title: Inline *arrival*
stages:
  - name: Arrive
    actions: [Walks in]
    emotion: 4
```
"""


@pytest.fixture(autouse=True)
def plugin_installed(monkeypatch: pytest.MonkeyPatch) -> None:
    """Use the ``cjmrender`` entry point; stand in for it when the package is not installed."""
    installed = MkDocsConfig.plugins.installed_plugins
    if "cjmrender" not in installed:
        monkeypatch.setitem(installed, "cjmrender", EntryPoint(
            "cjmrender", "cjmrender.mkdocs_plugin:JourneyPlugin", "mkdocs.plugins"))


@pytest.fixture
def site(tmp_path: Path) -> Path:
    docs = tmp_path / "docs"
    (docs / "maps").mkdir(parents=True)
    (docs / "guide").mkdir()
    (docs / "maps" / "haircut.yaml").write_text((ROOT / "examples" / "minimal.yaml").read_text())
    (docs / "index.md").write_text(INDEX)
    (docs / "guide" / "page.md").write_text('# Page\n\n```journey src="/maps/haircut.yaml"\n```\n')
    (tmp_path / "mkdocs.yml").write_text("site_name: Maps\nplugins:\n  - cjmrender\n")
    return tmp_path


def run(site: Path) -> Path:
    config = load_config(str(site / "mkdocs.yml"), site_dir=str(site / "out"))
    build(config)
    return site / "out"


def maps_in(html: str) -> list[ET.Element]:
    found = re.findall(r'<div class="cjm-journey-map"[^>]*>(<svg\b.*?</svg>)</div>', html, re.S)
    return [ET.fromstring(svg) for svg in found]


def texts(svg: ET.Element) -> str:
    return " ".join("".join(t.itertext()) for t in svg.iter(f"{SVG_NS}text"))


def test_fences_become_inline_svg(site):
    out = run(site)
    html = (out / "index.html").read_text()
    maps = maps_in(html)
    assert len(maps) == 2
    assert "Find a salon" in texts(maps[0])
    assert maps[0].find(f"{SVG_NS}title").text == "Haircut & booking"
    assert "Walks in" in texts(maps[1]) and "Inline *arrival*" in texts(maps[1]), "Markdown must not touch the SVG"
    assert maps[1].get("width") == "900"
    assert [m.get("id") for m in maps] == ["index-journey-1-root", "index-journey-2-root"]
    ids = [el.get("id") for m in maps for el in m.iter() if el.get("id")]
    assert len(ids) == len(set(ids))
    assert "```journey\ntitle: Only an example" in html.replace("&quot;", '"'), "other fences stay code"
    page = maps_in((out / "guide" / "page" / "index.html").read_text())
    assert [m.get("id") for m in page] == ["guide-page-journey-1-root"]


def test_broken_inline_spec_fails_the_build_with_its_line_in_the_page(site, caplog):
    page = site / "docs" / "index.md"
    page.write_text(INDEX.replace("    emotion: 4", "    emoton: 4"))
    line = INDEX.splitlines().index("    emotion: 4") + 1
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        run(site)
    assert f"{page}:{line}:5: unknown key 'emoton' in stage" in caplog.text


def test_broken_spec_file_and_bad_attribute_are_located(site, caplog):
    spec = site / "docs" / "maps" / "haircut.yaml"
    spec.write_text("title: [\n")
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        run(site)
    syntax_error_at(caplog.text, spec, "title: [\n")
    caplog.clear()
    spec.write_text((ROOT / "examples" / "minimal.yaml").read_text())
    page = site / "docs" / "guide" / "page.md"
    page.write_text('# Page\n\n```journey src="/maps/haircut.yaml" colour="red"\n```\n')
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        run(site)
    assert f"{page}:3:4: unknown journey attribute 'colour'" in caplog.text


MERMAID_PAGE = """\
# From Mermaid

```mermaid
journey
    title Tea break
    section Kitchen
      Boil water: 3: Me
      Drink tea: 5: Me, Cat
```

```mermaid
graph TD
  A --> B
```
"""


def test_mermaid_journey_fences_render_when_enabled_and_other_diagrams_stay(site):
    (site / "docs" / "mermaid.md").write_text(MERMAID_PAGE)
    out = run(site)
    html = (out / "mermaid" / "index.html").read_text()
    assert maps_in(html) == [], "off by default: Mermaid draws its own fences"
    (site / "mkdocs.yml").write_text("site_name: Maps\nplugins:\n  - cjmrender:\n      mermaid: true\n")
    (site / "docs" / "maps" / "tea.mmd").write_text(MERMAID_PAGE.split("```mermaid\n")[1].split("```")[0])
    (site / "docs" / "guide" / "page.md").write_text('# Page\n\n```journey src="/maps/tea.mmd"\n```\n')
    out = run(site)
    maps = maps_in((out / "mermaid" / "index.html").read_text())
    assert len(maps) == 1 and "Boil water" in texts(maps[0]) and "Tea break" in texts(maps[0])
    assert "graph TD" in (out / "mermaid" / "index.html").read_text(), "a flowchart stays for Mermaid"
    assert "Drink tea" in texts(maps_in((out / "guide" / "page" / "index.html").read_text())[0])


def test_broken_mermaid_journey_fence_is_located_in_the_page(site, caplog):
    (site / "mkdocs.yml").write_text("site_name: Maps\nplugins:\n  - cjmrender:\n      mermaid: true\n")
    page = site / "docs" / "mermaid.md"
    page.write_text(MERMAID_PAGE.replace("Boil water: 3: Me", "Boil water"))
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        run(site)
    line = MERMAID_PAGE.splitlines().index("      Boil water: 3: Me") + 1
    assert f"{page}:{line}:17:" in caplog.text
