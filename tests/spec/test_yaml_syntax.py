"""YAML syntax mistakes: located where the mistake is, said in plain words (one case per kind)."""

from __future__ import annotations

import pytest

from cjmrender.errors import UserError
from cjmrender.spec.loader import load_spec

# map text, where the first problem must point (line:col), words it must contain
CASES = {
    "unclosed-bracket": ("title: [broken\n", "1:8", "'[' is never closed"),
    "unclosed-bracket-later-line": ("title: [a, b\nstages: []\n", "1:8", "'[' is never closed"),
    "unclosed-brace": ("title: T\nstages: [{name: A\n", "2:10", "'{' is never closed"),
    "unclosed-double-quote": ('title: "broken\nstages: []\n', "1:8", 'quote " is never closed'),
    "unclosed-single-quote": ("title: T\ngoal: 'broken\nstages: []\n", "2:7", "quote ' is never closed"),
    "tab-indentation": ("title: T\nstages:\n\t- name: A\n", "3:1", "tab is used for indentation"),
    "tab-inside-indentation": ("title: T\nstages:\n  - name: A\n  \tactions: [x]\n", "4:3",
                               "tab is used for indentation"),
    "missing-space-after-colon": ("title: T\nstages:\n  - name:A\n    actions: [x]\n", "3:9",
                                  "missing space after ':' in 'name:A'"),
    "missing-space-top-key": ("title:T\nstages: []\n", "1:6", "missing space after ':'"),
    "glued-key-and-flow-value": ("title: T\nstages:[{name: A}]\n", "2:1", "a space is missing after ':'"),
    "key-indented-too-far": ("title: T\n  goal: G\nstages: []\n", "2:3", "bad indentation"),
    "key-not-lined-up-in-list-item": ("title: T\nstages:\n  - name: A\n   actions: [x]\n", "4:4",
                                      "bad indentation: line this key up with the keys of the list item above (column 5)"),
    "list-item-where-key-expected": ("title: T\n- name: A\n", "2:1", "a list item ('- ...') where a key is expected"),
    "list-item-inside-mapping": ("title: T\nstages:\n  - name: A\n    - x\n", "4:5",
                                 "a list item ('- ...') where a key is expected"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_syntax_error_is_located_in_plain_words(name):
    text, where, words = CASES[name]
    with pytest.raises(UserError) as info:
        load_spec(text, name="map.yaml")
    first = str(info.value.problems[0])
    assert first.startswith(f"map.yaml:{where}: "), first
    assert words in first, first
    assert "while parsing" not in first and "while scanning" not in first, first
