"""One way to save a file: whole or not at all, and one Chinese sentence naming the cause when it fails.

Every file ipdb writes (briefings, exports, reject lists, templates) goes through ``save_file``. The content is
built in memory first, so a full disk never meets a half-written zip (openpyxl's ``ZipFile`` would otherwise print
a traceback from ``__del__``); then it goes to a temporary file in the target's folder, is flushed to the disk and
renamed over the target in one step. A failure leaves the old file, or nothing, and no temporary file behind.
"""

from __future__ import annotations

import errno
import io
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from ipdb.errors import FileNotWritten

FULL_DISK = (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC))
NO_PERMISSION = (errno.EACCES, errno.EPERM, errno.EROFS)


def save_file(path: Path, write: Callable[[IO[bytes]], Any]) -> Path:
    """Call ``write`` with a binary stream, then put what it wrote at ``path`` atomically; return ``path``."""
    buffer = io.BytesIO()
    write(buffer)
    try:
        _replace(path, buffer.getbuffer())
    except OSError as exc:
        raise FileNotWritten(not_written(path, exc)) from exc
    return path


def save_text(path: Path, write: Callable[[IO[str]], Any], *, encoding: str = "utf-8") -> Path:
    """``save_file`` for text (CSV, JSON): ``write`` gets a text stream with ``newline=''``."""

    def binary(stream: IO[bytes]) -> None:
        text = io.TextIOWrapper(stream, encoding=encoding, newline="")
        write(text)
        text.flush()
        text.detach()

    return save_file(path, binary)


def _replace(path: Path, data: memoryview) -> None:
    if path.is_dir():
        raise IsADirectoryError(errno.EISDIR, "a directory is in the target's place", str(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def not_written(path: Path, exc: OSError) -> str:
    """The cause of a failed save, as the clerk can act on it."""
    if exc.errno in FULL_DISK:
        cause = "磁盘空间已满，请清理磁盘或换一个位置保存"
    elif isinstance(exc, IsADirectoryError) or path.is_dir():
        cause = "该位置已有一个同名文件夹，请换一个文件名"
    elif isinstance(exc, NotADirectoryError | FileExistsError):
        cause = "路径中的某一级是文件而不是文件夹，请换一个位置保存"
    elif exc.errno in NO_PERMISSION and path.exists() and os.access(path.parent, os.W_OK):
        # The folder is writable but the file is not: on Windows that is a file held open by Excel/WPS/Word.
        cause = "文件正被其他程序（如 Excel、WPS 或 Word）打开，请关闭该文件后重试"
    elif exc.errno in NO_PERMISSION:
        cause = "没有写入该文件夹的权限，请换一个可写的位置，或用 -o 指定其他文件名"
    else:
        cause = f"系统报告：{exc.strerror or exc}，请换一个位置保存后重试"
    return f"无法保存「{path}」：{cause}；原有的文件（如有）未被改动。"
