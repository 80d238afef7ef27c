"""Handout PDFs: pages of whole stages, each laid out for the page, checked on the printed PDF.

Sizes come from ``pdftotext -bbox`` (a word box is Arimo's ascent + descent
high), page by page; which stages a page should show comes from the plan
the pipeline makes, and the PDF must agree with it.
"""

from __future__ import annotations

import collections
import html
import re
import subprocess
import sys
import unicodedata
from functools import lru_cache
from pathlib import Path

import pytest

from cjmrender.errors import UserError
from cjmrender.pipeline import RenderOptions, handout_parts, render_pdf_bytes
from cjmrender.render.pdf.views import text as page_text
from cjmrender.spec.loader import load_spec, load_text
from tests.conftest import EXAMPLES, ROOT, need_tool

def page_of(locale: str, **n: int) -> str:
    return page_text(locale, "page.of", **n)


EM_BOX = 0.905 + 0.212  # Arimo's ascent + descent per em: the height of a pdftotext word box
SWIMLANE = [p for p in EXAMPLES if load_spec(p).layout == "swimlane"]
WHEEL = [p for p in EXAMPLES if load_spec(p).layout == "wheel"]
PAGES = ["A4", "Letter"]

Word = tuple[float, float, float, float, str]


@lru_cache(maxsize=None)
def handout(spec: str, page: str, orientation: str = "portrait") -> bytes:
    return render_pdf_bytes(load_spec(spec), RenderOptions(template="handout", page=page, orientation=orientation,
                                                           strict=True))


def pages_of(data: bytes, tmp_path: Path) -> list[list[Word]]:
    """Every page's words with their boxes (pt), in drawing order: a card's lines one after the other."""
    need_tool("pdftotext")
    pdf = tmp_path / "handout.pdf"
    pdf.write_bytes(data)
    out = subprocess.run(["pdftotext", "-raw", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    word = re.compile(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<')
    return [[(*map(float, m[:4]), m[4]) for m in word.findall(page)] for page in out.split("<page ")[1:]]


def text(words: list[Word]) -> str:
    """A page's words in reading order as one line: where a label wraps is the layout's choice."""
    return unicodedata.normalize("NFC", html.unescape(" ".join(w[4] for w in words)))


def sizes(words: list[Word]) -> collections.Counter:
    return collections.Counter(round((w[3] - w[1]) / EM_BOX, 1) for w in words)


def label(item: object) -> str:
    return " ".join((getattr(item, "text", None) or getattr(item, "label", None) or str(item)).split())


def find(words: list[Word], phrase: str) -> list[Word] | None:
    """The run of consecutive words that spells ``phrase`` (a card's text, drawn line after line; a line may
    break after a hyphen, so spaces do not count), or None."""
    want = "".join(unicodedata.normalize("NFC", phrase).split())
    texts = [unicodedata.normalize("NFC", html.unescape(w[4])) for w in words]
    for i in range(len(words)):
        got, j = "", i
        while j < len(words) and len(got) < len(want) and want.startswith(got + texts[j]):
            got += texts[j]
            j += 1
        if got == want:
            return words[i:j]
    return None


def named(name: str, shown: str) -> bool:
    """``name`` as a phrase of its own (not inside a longer word or a hyphenated compound)."""
    return re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", shown) is not None


def cards(journey, part) -> list[str]:  # noqa: ANN001
    """The text of every card the page of ``part`` shows."""
    cols = [c for c in journey.columns if journey.stages[c.stage].name in part.stages]
    return [label(item) for c in cols for kind in ("touchpoints", "actions", "pains", "opportunities", "owners")
            for item in getattr(c.content, kind)]


# ---------------------------------------------------------------- every example, A4 and Letter portrait


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("spec", SWIMLANE, ids=lambda p: p.name)
def test_handout_prints_9_pt_body_and_nothing_under_7_on_every_page(spec, page, tmp_path):
    """Body text is the cards' text (the most common size on a page may be smaller print: persona facts,
    scores, the legend); no word at all is under 7 pt."""
    journey = load_spec(spec)
    parts, _ = handout_parts(journey, RenderOptions(template="handout", page=page))
    for i, (part, words) in enumerate(zip(parts, pages_of(handout(str(spec), page), tmp_path)), 1):
        body = [size for phrase in cards(journey, part) for size in sizes(find(words, phrase) or [])]
        assert body and min(body) >= 8.95, (i, collections.Counter(body))
        assert min(sizes(words)) >= 7.0, (i, sizes(words))


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("spec", SWIMLANE, ids=lambda p: p.name)
def test_every_page_repeats_lanes_headers_scale_and_numbers_itself(spec, page, tmp_path):
    journey = load_spec(spec)
    parts, _ = handout_parts(journey, RenderOptions(template="handout", page=page))
    pages = [text(w) for w in pages_of(handout(str(spec), page), tmp_path)]
    assert len(pages) == len(parts)
    scale = [label for _, label in journey.scale.labels]
    for i, (part, shown) in enumerate(zip(parts, pages), 1):
        assert page_of(journey.locale, page=i, pages=len(pages)) in shown
        for lane in journey.lanes:
            assert lane.title in shown, (i, lane.title)
        for label in scale:
            assert label in shown, (i, label)
        for name in part.stages:
            assert name in shown, (i, name)
    for stage in journey.stages:  # each stage on exactly one page (its header, and the page title naming it)
        assert sum(named(stage.name, shown) for shown in pages) == 1, stage.name
    assert all(name in pages[0] for name in (journey.title, *(p.name for p in journey.personas)))
    if journey.goal:
        assert journey.goal in pages[0] and not any(journey.goal in shown for shown in pages[1:])


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("spec", SWIMLANE, ids=lambda p: p.name)
def test_no_card_is_cut_each_card_is_whole_on_its_stage_page(spec, page, tmp_path):
    journey = load_spec(spec)
    parts, _ = handout_parts(journey, RenderOptions(template="handout", page=page))
    pages = pages_of(handout(str(spec), page), tmp_path)
    assert sorted(name for part in parts for name in part.stages) == sorted(s.name for s in journey.stages)
    for part, words in zip(parts, pages):
        for phrase in cards(journey, part):
            assert find(words, phrase), (part.stages, phrase)  # whole, words in order, on its stage's page


def test_breaks_fall_on_phase_boundaries_when_they_can():
    journey = load_spec(ROOT / "examples" / "saas-onboarding.yaml")
    parts, _ = handout_parts(journey, RenderOptions(template="handout", page="A4"))
    phases = [[s.name for s in journey.stages[p.first:p.first + p.count]] for p in journey.phases]
    assert [list(p.stages) for p in parts] == phases  # two phases, two pages, each a phase


def test_landscape_splits_tall_lanes_into_two_page_rows_that_repeat_the_stage_headers(tmp_path):
    journey = load_spec(ROOT / "examples" / "saas-onboarding.yaml")
    opts = RenderOptions(template="handout", page="A4", orientation="landscape")
    parts, _ = handout_parts(journey, opts)
    pages = pages_of(handout(str(ROOT / "examples" / "saas-onboarding.yaml"), "A4", "landscape"), tmp_path)
    assert len(pages) == len(parts) and len(parts) % 2 == 0
    for k in range(0, len(parts), 2):  # the two rows of one run: same stages, the lanes shared between them
        top, bottom = (text(w) for w in pages[k:k + 2])
        assert parts[k].stages == parts[k + 1].stages
        assert all(named(name, top) and named(name, bottom) for name in parts[k].stages)
        assert all((lane.title in top) != (lane.title in bottom) for lane in journey.lanes)
        for part, words in zip(parts[k:k + 2], pages[k:k + 2]):
            body = [size for phrase in cards(journey, part) for size in sizes(find(words, phrase) or [])]
            assert body and min(body) >= 8.95 and min(sizes(words)) >= 7.0


# ---------------------------------------------------------------- stages wider than a page


STEPS = "title: Many steps\nstages:\n  - name: Only stage\n    steps:\n" + "".join(
    f"      - name: Step {i}\n        actions: [Does the {i}th thing of a long stage]\n        emotion: {1 + i % 5}\n"
    for i in range(1, 15)) + "  - name: After\n    actions: [Leaves]\n    emotion: 3\n"


def test_a_stage_too_wide_for_a_page_breaks_between_steps(tmp_path):
    journey = load_text(STEPS, "steps.yaml")
    data = render_pdf_bytes(journey, RenderOptions(template="handout", page="A4", strict=True))
    pages = pages_of(data, tmp_path)
    assert len(pages) >= 2
    shown = [text(w) for w in pages]
    for i in range(1, 15):  # every step, whole, on exactly one page
        assert sum(named(f"Step {i}", s) for s in shown) == 1, i
        assert sum(find(w, f"Does the {i}th thing of a long stage") is not None for w in pages) == 1, i
    assert sum("Only stage" in s for s in shown) >= 2  # its header goes on with it
    assert all(min(sizes(find(w, "Does the") or [])) >= 8.95 for w in pages)


# ---------------------------------------------------------------- refusals and the CLI


@pytest.mark.parametrize("spec", WHEEL, ids=lambda p: p.name)
def test_handout_refuses_the_wheel_and_says_what_to_use(spec):
    with pytest.raises(UserError, match="wheel.*poster"):
        render_pdf_bytes(load_spec(spec), RenderOptions(template="handout", page="A4"))


def test_cli_handout_is_portrait_by_default_and_refuses_tile(tmp_path):
    spec = ROOT / "examples" / "minimal.yaml"
    run = [sys.executable, "-m", "cjmrender", "render", str(spec), "-f", "pdf", "--template", "handout", "--page",
           "Letter", "--strict"]
    res = subprocess.run([*run, "-o", str(tmp_path / "h.pdf")], capture_output=True, text=True, cwd=ROOT)
    assert res.returncode == 0, res.stderr
    need_tool("pdfinfo")
    info = subprocess.run(["pdfinfo", str(tmp_path / "h.pdf")], capture_output=True, text=True, check=True).stdout
    w, h = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info).groups())
    assert (w, h) == pytest.approx((612, 792), abs=1)
    res = subprocess.run([*run, "--tile", "-o", str(tmp_path / "t.pdf")], capture_output=True, text=True, cwd=ROOT)
    assert res.returncode == 1 and "--tile" in res.stderr and "Traceback" not in res.stderr
    assert not (tmp_path / "t.pdf").exists()
