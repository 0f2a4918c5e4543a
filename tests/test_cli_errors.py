"""A user's mistake on the command line is one line on stderr and exit code 1, not a
traceback: here, an archive directory that holds no records."""

from __future__ import annotations

from pathlib import Path

import pytest

from crawler.__main__ import main


@pytest.mark.parametrize("command", ["stats", "sql", "export", "report"])
def test_an_archive_without_records_is_one_line_and_exit_1(
    command: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)  # export and report write beside it by default: they must not
    archive = tmp_path / "archive"
    archive.mkdir()
    assert main([command, str(archive)]) == 1
    err = capsys.readouterr().err
    assert err == f"{command}: no records under {archive / 'records'}\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["archive"]
