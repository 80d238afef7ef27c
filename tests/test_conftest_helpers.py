"""The shared helpers that decide between skipping and failing when a test dependency is missing."""

from __future__ import annotations

import pytest

from tests import conftest

MISSING = "cjmrender_no_such_module"


def test_missing_module_skips_on_a_users_clone(monkeypatch):
    monkeypatch.setattr(conftest, "REQUIRE_TOOLS", False)
    with pytest.raises(pytest.skip.Exception):
        conftest.need_module(MISSING)


def test_missing_module_fails_when_tools_are_required(monkeypatch):
    monkeypatch.setattr(conftest, "REQUIRE_TOOLS", True)
    with pytest.raises(pytest.fail.Exception, match=MISSING):
        conftest.need_module(MISSING)


def test_present_module_is_returned(monkeypatch):
    for required in (False, True):
        monkeypatch.setattr(conftest, "REQUIRE_TOOLS", required)
        assert conftest.need_module("json").dumps([1]) == "[1]"


def test_missing_tool_fails_when_tools_are_required(monkeypatch):
    monkeypatch.setattr(conftest, "REQUIRE_TOOLS", True)
    with pytest.raises(pytest.fail.Exception):
        conftest.need_tool("cjmrender-no-such-tool")
    monkeypatch.setattr(conftest, "REQUIRE_TOOLS", False)
    with pytest.raises(pytest.skip.Exception):
        conftest.need_tool("cjmrender-no-such-tool")
