"""Every file is saved whole or not at all: the old file survives a failed save, and the cause is one sentence."""

from __future__ import annotations

import contextlib
import errno
import os
import subprocess
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from support import tmpfs
from typer.testing import CliRunner

from ipdb.cli import app
from ipdb.errors import FileNotWritten
from ipdb.files import save_file, save_text
from ipdb.store import open_store
from ipdb.templates import write_templates


def _book(value: str) -> Workbook:
    book = Workbook()
    book.active["A1"] = value
    return book


def test_a_save_replaces_the_old_file_and_leaves_no_temporary_file(tmp_path):
    target = tmp_path / "新建文件夹" / "简报.xlsx"
    save_file(target, _book("旧").save)
    save_file(target, _book("新").save)
    assert load_workbook(target).active["A1"].value == "新"
    assert os.listdir(target.parent) == ["简报.xlsx"]


def test_a_directory_in_the_targets_place_is_named_and_left_alone(tmp_path):
    target = tmp_path / "简报.xlsx"
    (target / "里面的文件").mkdir(parents=True)
    with pytest.raises(FileNotWritten, match="同名文件夹") as caught:
        save_file(target, _book("新").save)
    assert str(target) in caught.value.message
    assert (target / "里面的文件").is_dir()
    assert sorted(os.listdir(tmp_path)) == ["简报.xlsx"]


def test_a_full_disk_keeps_the_old_file_and_says_so(tmp_path):
    disk = tmp_path / "disk"
    with tmpfs(disk, "size=256k"):
        target = disk / "拒收行.csv"
        save_text(target, lambda s: s.write("旧内容\n"))
        with contextlib.suppress(OSError), (disk / "filler").open("wb") as filler:
            while True:
                filler.write(b"\0" * 4096)
                filler.flush()
        with pytest.raises(FileNotWritten, match="磁盘空间已满"):
            save_text(target, lambda s: s.write("新" * 200_000))
        assert target.read_text(encoding="utf-8") == "旧内容\n"
        assert sorted(os.listdir(disk)) == ["filler", "拒收行.csv"]


def test_a_failing_flush_keeps_the_old_file_and_removes_the_temporary(tmp_path, monkeypatch):
    target = tmp_path / "核心指标.xlsx"
    save_file(target, _book("旧").save)

    def full(_fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(FileNotWritten, match="磁盘空间已满"):
        save_file(target, _book("新").save)
    assert load_workbook(target).active["A1"].value == "旧"
    assert os.listdir(tmp_path) == ["核心指标.xlsx"]


def test_a_read_only_folder_keeps_the_old_file(tmp_path):
    folder = tmp_path / "只读"
    if os.geteuid() == 0:  # root writes through chmod: a read-only mount is the real thing
        with tmpfs(folder, "size=1m"):
            save_file(folder / "模板.xlsx", _book("旧").save)
            subprocess.run(["mount", "-o", "remount,ro", str(folder)], check=True)
            _assert_refused(folder)
    else:
        folder.mkdir()
        save_file(folder / "模板.xlsx", _book("旧").save)
        folder.chmod(0o555)
        try:
            _assert_refused(folder)
        finally:
            folder.chmod(0o755)


def _assert_refused(folder: Path) -> None:
    with pytest.raises(FileNotWritten, match="没有写入该文件夹的权限"):
        write_templates(folder)
    assert load_workbook(folder / "模板.xlsx").active["A1"].value == "旧"
    assert os.listdir(folder) == ["模板.xlsx"]


def test_rejects_export_onto_a_directory_is_one_chinese_sentence(tmp_path):
    target = tmp_path / "拒收行.xlsx"
    target.mkdir()
    open_store(tmp_path / "ipdb.sqlite").close()
    result = CliRunner().invoke(app, ["rejects", "-o", str(target), "--db", str(tmp_path / "ipdb.sqlite")])
    assert result.exit_code == 1
    assert "同名文件夹" in result.output
    assert "Traceback" not in result.output
    assert target.is_dir()
