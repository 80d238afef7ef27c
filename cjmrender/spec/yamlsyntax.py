"""YAML syntax errors in plain words, located where the mistake is.

libyaml reports where it gave up (often the end of the file) in its own
terms (``did not find expected ',' or ']' while parsing a flow sequence``).
The common mistakes are recognised here from the error's context mark and the
text around it, and said the way a person would fix them: which bracket or
quote is never closed, a tab used for indentation, a missing space after a
colon, a line indented wrong, a list item where a key belongs.  Anything else
keeps libyaml's wording at the position it reports.
"""

from __future__ import annotations

import re

import yaml

from ..errors import Problem

_KEY_NO_SPACE = re.compile(r"(?:^|[\s,{\[-])([A-Za-z_][\w.-]*):(?=[^\s:/\]},])")
"""``name:A``: a key whose colon is not followed by a space (``http://`` and ``a::b`` are left alone)."""


def _at(mark: yaml.Mark) -> tuple[int, int]:
    return mark.line + 1, mark.column + 1


def _line(text: str, n: int) -> str:
    """Line ``n`` (1-based) of ``text``, or ''."""
    lines = text.split("\n")
    return lines[n - 1] if 0 < n <= len(lines) else ""


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _unclosed(text: str) -> int | None:
    """Index of the innermost ``[`` or ``{`` still open at the end of ``text`` (quotes and comments skipped)."""
    stack: list[int] = []
    quote = ""
    i = 0
    while i < len(text):
        ch = text[i]
        if quote:
            if ch == "\\" and quote == '"':
                i += 1
            elif ch == quote:
                quote = ""
        elif ch in "'\"" and (i == 0 or text[i - 1] in " \t\n[{,:"):
            quote = ch
        elif ch == "#" and (i == 0 or text[i - 1] in " \t\n"):
            end = text.find("\n", i)
            i = len(text) if end < 0 else end
            continue
        elif ch in "[{":
            stack.append(i)
        elif ch in "]}" and stack:
            stack.pop()
        i += 1
    return stack[-1] if stack else None


def syntax_problem(exc: yaml.MarkedYAMLError, text: str, name: str) -> Problem:
    """The first line a person needs for a YAML syntax error."""
    ctx, prob = exc.context_mark, exc.problem_mark
    problem, context = exc.problem or "", exc.context or ""
    if ctx is not None and context in ("while parsing a flow sequence", "while parsing a flow mapping") \
            and problem.startswith("did not find expected"):
        opener = "[" if "sequence" in context else "{"
        closer = "]" if opener == "[" else "}"
        where = "the end of the file" if prob is None or prob.index >= len(text.rstrip()) else \
            "line {}, column {}".format(*_at(prob))
        return Problem(name, *_at(ctx), f"'{opener}' is never closed; expected ',' or '{closer}' before {where}")
    if ctx is not None and context == "while scanning a quoted scalar" and "end of stream" in problem:
        quote = text[ctx.index] if ctx.index < len(text) else '"'
        return Problem(name, *_at(ctx), f"the quote {quote} is never closed; the text runs to the end of the file")
    if prob is not None and prob.index >= len(text.rstrip()):  # gave up at the end: something is left open
        opener = _unclosed(text)
        if opener is not None:
            line, col = text.count("\n", 0, opener) + 1, opener - (text.rfind("\n", 0, opener) + 1) + 1
            closer = "]" if text[opener] == "[" else "}"
            return Problem(name, line, col, f"'{text[opener]}' is never closed; expected '{closer}' before the end "
                           "of the file")
    if prob is not None and ("tab character" in problem or (
            "cannot start any token" in problem and text[prob.index:prob.index + 1] == "\t")):
        return Problem(name, *_at(prob), "a tab is used for indentation; YAML indents with spaces")
    if prob is None:
        return Problem(name, *(_at(ctx) if ctx else (0, 0)), f"{problem or exc} ({context})" if context else problem)
    line, col = _at(prob)
    if "mapping values are not allowed" in problem:
        # A colon YAML did not expect: usually `key:value` on a line above (read as one long text), else a key
        # indented deeper than the keys around it.
        for n in range(line, max(line - 4, 0), -1):
            found = _KEY_NO_SPACE.search(_line(text, n)) if n < line else None
            if found:
                key, rest = found.group(1), _line(text, n)[found.end():].split()[0]
                return Problem(name, n, found.end(1) + 1, f"missing space after ':' in '{key}:{rest}'; "
                               f"write '{key}: {rest}'")
        here = _line(text, line)
        return Problem(name, line, _indent(here) + 1, "bad indentation: this key is indented more than the keys "
                       "above it; line it up with them, or give the key above no value of its own")
    if ctx is not None and context == "while parsing a block mapping" and problem == "did not find expected key":
        here = _line(text, line)
        if here.lstrip().startswith("-"):
            return Problem(name, line, col, "a list item ('- ...') where a key is expected; put the list under a "
                           "key of its own (key:, then the items indented below it)")
        return Problem(name, line, col, f"bad indentation: expected a key lined up with the one at line "
                       f"{ctx.line + 1}, column {ctx.column + 1}")
    if ctx is not None and context == "while parsing a block collection" and "'-' indicator" in problem:
        item = _line(text, ctx.line + 1)
        keys_at = ctx.column + 1 + len(item[ctx.column + 1:]) - len(item[ctx.column + 1:].lstrip(" ")) + 1
        return Problem(name, line, col, f"bad indentation: line this key up with the keys of the list item above "
                       f"(column {keys_at}), or start a new item with '- '")
    return Problem(name, line, col, f"{problem} ({context})" if context else problem)
