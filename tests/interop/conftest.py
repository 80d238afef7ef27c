"""Run the command line in-process, as a user would from a shell: exit status, stdout, stderr."""

from __future__ import annotations

import sys

import pytest

from cjmrender.cli import main


@pytest.fixture
def cli(capsys):
    def run(*args: str) -> tuple[int, str, str]:
        old = sys.argv
        sys.argv = ["cjmrender", *args]
        try:
            main()
            code = 0
        except SystemExit as exc:
            code = int(exc.code or 0)
        finally:
            sys.argv = old
        out = capsys.readouterr()
        return code, out.out, out.err

    return run
