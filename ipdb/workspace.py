"""Which database a plain ``ipdb`` command uses: IPDB_DB, else the one remembered in ./ipdb.toml, else ./ipdb.sqlite.

``ipdb config db FILE`` writes ``ipdb.toml`` in the working folder (one line: ``db = "FILE"``), so that the
office sets the database up once and every later command in that folder, and every hint ipdb prints,
works without ``--db``. A relative path in the file is taken relative to the folder of the file.
"""

from __future__ import annotations

import json
import os
import tomllib
from pathlib import Path

from ipdb.errors import InvalidValue

DEFAULT_DB = "ipdb.sqlite"
CONFIG_FILE = "ipdb.toml"


def remembered_db(folder: Path | None = None) -> Path | None:
    """The database named in ``ipdb.toml`` of the folder (default: the working folder), if any."""
    config = (folder or Path.cwd()) / CONFIG_FILE
    if not config.is_file():
        return None
    try:
        value = tomllib.loads(config.read_text(encoding="utf-8")).get("db")
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InvalidValue(f'「{config}」写法有误（应为一行 db = "文件名.sqlite"）：请改正或删除它。') from exc
    if not isinstance(value, str) or not value.strip():
        return None
    path = Path(value.strip())
    return path if path.is_absolute() or folder is None else config.parent / path


def default_db_path() -> Path:
    return Path(os.environ.get("IPDB_DB") or remembered_db() or DEFAULT_DB)


def remember_db(path: Path, folder: Path | None = None) -> Path:
    """Write ``ipdb.toml`` naming ``path``; returns the file written."""
    config = (folder or Path.cwd()) / CONFIG_FILE
    # a JSON string is a valid TOML basic string (same escapes), so any path round-trips
    config.write_text(f"db = {json.dumps(str(path), ensure_ascii=False)}\n", encoding="utf-8")
    return config
