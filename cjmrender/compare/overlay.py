"""The current map's emotion curve, drawn faint and dashed behind the future curve.

Both maps are laid out on one grid (:func:`.merge.before_journey` keeps the
merged map's labels), so the current curve is taken from the current map's
own layout and put into the future diagram as one more layout element, under
the future curve.  The renderer draws it like any other path.
"""

from __future__ import annotations

from msgspec.structs import replace

from ..layout.model import Diagram, Element, Group, PathShape, walk

BEFORE_ROLE = "emotion.baseline"
"""Paint of the current curve: the muted grey of the neutral line, in every theme."""
BEFORE_DASH = (7.0, 5.0)


def _curve(diagram: Diagram) -> PathShape | None:
    return next((e for e in walk(diagram.root) if isinstance(e, PathShape) and e.cls == "curve"), None)


def _insert(group: Group, before: PathShape) -> tuple[Group, bool]:
    """``group`` with ``before`` placed just under the future curve (or just over the baseline)."""
    kids: list[Element] = []
    done = False
    for child in group.children:
        if not done and isinstance(child, PathShape) and child.cls == "curve":
            kids += [before, child]
            done = True
            continue
        if not done and isinstance(child, Group):
            child, done = _insert(child, before)
        kids.append(child)
        if not done and isinstance(child, PathShape) and child.cls == "baseline" and _curve_missing(group):
            kids.append(before)
            done = True
    return replace(group, children=tuple(kids)), done


def _curve_missing(group: Group) -> bool:
    return not any(isinstance(c, PathShape) and c.cls == "curve" for c in group.children)


def with_before_curve(future: Diagram, current: Diagram) -> Diagram:
    """``future`` with ``current``'s emotion curve drawn dashed under its own."""
    curve = _curve(current)
    if curve is None:
        return future
    before = PathShape(curve.commands, BEFORE_ROLE, curve.stroke, BEFORE_DASH, "curve-before")
    root, done = _insert(future.root, before)
    return replace(future, root=root) if done else future
