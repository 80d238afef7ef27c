"""The one path from parsed YAML to a msgspec model, shared by journey maps and themes.

Both kinds of file go through the same three steps: every unknown key is
reported at once with a did-you-mean (msgspec alone stops at the first), then
``msgspec.convert`` checks types, and its message is reworded and mapped back
to a key path so the caller can locate it in the YAML.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

import msgspec

from ..errors import Problem
from .yamlnodes import Document, Path_


def close(word: str, options: Iterable[str]) -> str | None:
    """The closest option for a did-you-mean hint (difflib loads only when a hint is needed)."""
    import difflib

    found = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return found[0] if found else None


def hint(word: str, options: Iterable[str]) -> str:
    """``; did you mean 'x'?`` or nothing."""
    found = close(word, options)
    return f"; did you mean '{found}'?" if found else ""


def _struct_of(info: Any, value: Any) -> Any:
    """The msgspec type to check ``value`` against, looking through unions and optionals."""
    if isinstance(info, msgspec.inspect.UnionType):
        for t_ in info.types:
            if isinstance(value, dict) and isinstance(t_, (msgspec.inspect.StructType, msgspec.inspect.DictType)):
                return t_
            if isinstance(value, list) and isinstance(t_, msgspec.inspect.ListType):
                return t_
        return None
    return info


Where = Callable[[Any, Path_], str]
"""Names the mapping an unknown key sits in, for the message: (struct type info, path) -> words."""


def _by_type(info: Any, _path: Path_) -> str:
    return info.cls.__name__.lower()


def unknown_keys(doc: Document, value: Any, info: Any, path: Path_ = (), where: Where = _by_type,
                 hidden: frozenset[str] = frozenset({"custom"})) -> list[Problem]:
    """Every key the model does not have, located at the key, each with a did-you-mean.

    ``hidden`` fields exist in the model but are never offered as a hint.
    """
    info = _struct_of(info, value)
    out: list[Problem] = []
    if isinstance(info, msgspec.inspect.StructType) and isinstance(value, dict):
        fields = {f.encode_name: f for f in info.fields}
        for key, sub in value.items():
            if isinstance(key, str) and key in fields:
                out += unknown_keys(doc, sub, fields[key].type, (*path, key), where, hidden)
                continue
            tip = hint(key, [f for f in fields if f not in hidden]) if isinstance(key, str) else ""
            glued = re.match(r"([^:\s]+):\S", key) if isinstance(key, str) else None
            if glued and glued.group(1) in fields:
                tip = f"; a space is missing after ':' (write '{glued.group(1)}: ...')"
            out.append(doc.problem((*path, key), f"unknown key '{key}' in {where(info, path)}{tip}", key=True))
    elif isinstance(info, msgspec.inspect.ListType) and isinstance(value, list):
        for i, sub in enumerate(value):
            out += unknown_keys(doc, sub, info.item_type, (*path, i), where, hidden)
    elif isinstance(info, msgspec.inspect.DictType) and isinstance(value, dict):
        for key, sub in value.items():
            out += unknown_keys(doc, sub, info.value_type, (*path, key), where, hidden)
    return out


_PATH_RE = re.compile(r"\.([A-Za-z_][\w-]*)|\[(\d+)\]|\[(?:'|\")?(.*?)(?:'|\")?\]")


def explain(exc: msgspec.ValidationError, root: type) -> tuple[Path_, str]:
    """A msgspec validation error -> (key path, message in our words, ending with where it is)."""
    text, _, at = str(exc).partition(" - at `")
    path: list[str | int] = []
    for name, index, key in _PATH_RE.findall(at.rstrip("`")[1:]):
        path.append(name if name else int(index) if index else key)
    if text.startswith("Invalid enum value"):
        allowed = _literal_values(msgspec.inspect.type_info(root), tuple(path))
        if allowed:
            text = f"{text.replace('Invalid enum value', 'invalid value')}; expected one of {', '.join(allowed)}"
    text = text.replace("Object missing required field", "missing required key").replace("Expected", "expected")
    return tuple(path), f"{text} (at {dotted(path) or 'top level'})"


def _literal_values(info: Any, path: Path_) -> tuple[str, ...]:
    """Allowed values of the Literal field at ``path`` (for enum error messages)."""
    for part in path:
        if isinstance(info, msgspec.inspect.UnionType):
            info = next((t_ for t_ in info.types if not isinstance(t_, msgspec.inspect.NoneType)), info)
        if isinstance(part, int) and isinstance(info, msgspec.inspect.ListType):
            info = info.item_type
        elif isinstance(info, msgspec.inspect.StructType):
            info = next((f.type for f in info.fields if f.encode_name == part), None)
        else:
            return ()
    if isinstance(info, msgspec.inspect.UnionType):
        info = next((t_ for t_ in info.types if isinstance(t_, msgspec.inspect.LiteralType)), info)
    return tuple(str(v) for v in info.values) if isinstance(info, msgspec.inspect.LiteralType) else ()


def dotted(path: Iterable[str | int]) -> str:
    """``("stages", 0, "emotion")`` -> ``stages[0].emotion``."""
    out = ""
    for p in path:
        out += f"[{p}]" if isinstance(p, int) else (f".{p}" if out else str(p))
    return out
