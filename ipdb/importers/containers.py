"""Checks on a workbook's container before any cell is read: zip (xlsx/ods) and OLE (xls) files that are bombs,
encrypted, another kind of Office document, or carry XML entities (the used range is measured in sheet_scan.py,
from the cells, not from the declared dimension)."""

from __future__ import annotations

import mmap
import zipfile
from typing import Protocol

from ipdb.errors import UnreadableFile
from ipdb.importers.refusals import BOMB, ENCRYPTED, NOT_SPREADSHEET, PLAIN_ZIP, XML_ENTITIES, MiB, mib

BOMB_MIN_MEMBER_BYTES = 10 * MiB  # small members may compress very well without being dangerous
XML_HEAD_BYTES = 64 * 1024
ENCRYPTED_STREAMS = ("EncryptionInfo", "EncryptedPackage")
WORKBOOK_STREAMS = ("Workbook", "Book")
OLE_OTHER_DOCUMENTS = (("WordDocument", "Word 文档"), ("PowerPoint Document", "PowerPoint 演示文稿"))
CFB_ENTRY_BYTES = 128
ZIP_SPREADSHEET_PARTS = ("xl/workbook.xml", "xl/workbook.bin", "content.xml")
ZIP_OTHER_DOCUMENTS = (("word/", "Word 文档"), ("ppt/", "PowerPoint 演示文稿"))
XML_MEMBER_SUFFIXES = (".xml", ".rels")
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


class Limits(Protocol):
    """The bounds a check applies (ipdb.importers.read.ReadLimits)."""

    @property
    def max_unzipped_bytes(self) -> int: ...

    @property
    def max_ratio(self) -> int: ...

    @property
    def max_cells(self) -> int: ...


class Job(Protocol):
    """What a check needs of a read in progress (ipdb.importers.read._Job)."""

    @property
    def limits(self) -> Limits: ...

    def refuse(self, template: str, **fields: object) -> UnreadableFile: ...


def check_zip(job: Job, archive: zipfile.ZipFile) -> None:
    """Refuse a zip that is a bomb, not a spreadsheet, encrypted, or whose XML carries entities or a huge range."""
    members = archive.infolist()
    _refuse_bombs(job, members)
    _refuse_other_zips(job, members)
    for member in members:
        _check_member(job, archive, member)


def _refuse_bombs(job: Job, members: list[zipfile.ZipInfo]) -> None:
    total = sum(member.file_size for member in members)
    if total > job.limits.max_unzipped_bytes:
        raise job.refuse(BOMB, size=mib(total))
    for member in members:
        ratio_limit = job.limits.max_ratio * max(member.compress_size, 1)
        if member.file_size > BOMB_MIN_MEMBER_BYTES and member.file_size > ratio_limit:
            raise job.refuse(BOMB, size=mib(total))


def _refuse_other_zips(job: Job, members: list[zipfile.ZipInfo]) -> None:
    names = [member.filename for member in members]
    if any(part in names for part in ZIP_SPREADSHEET_PARTS):
        return
    for prefix, what in ZIP_OTHER_DOCUMENTS:
        if any(name.startswith(prefix) for name in names):
            raise job.refuse(NOT_SPREADSHEET, what=what)
    raise job.refuse(PLAIN_ZIP)


def _check_member(job: Job, archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> None:
    if member.flag_bits & 0x1:  # zip-level encryption
        raise job.refuse(ENCRYPTED)
    if not member.filename.lower().endswith(XML_MEMBER_SUFFIXES):
        return
    with archive.open(member) as stream:
        head = stream.read(XML_HEAD_BYTES)  # streamed: never more than this is decompressed
    _refuse_entities(job, member.filename, head)


def _refuse_entities(job: Job, member: str, head: bytes) -> None:
    """Billion-laughs and external-entity attacks need a DOCTYPE; Office never writes one."""
    if head.startswith(UTF16_BOMS):
        head = head.decode("utf-16", errors="ignore").encode()
    lowered = head.lower()
    if b"<!doctype" in lowered or b"<!entity" in lowered:
        raise job.refuse(XML_ENTITIES, member=member)


def check_ole(job: Job, data: mmap.mmap) -> None:
    """Refuse an OLE file (.xls) that is encrypted or another Office document."""
    if any(_has_ole_stream(data, name) for name in ENCRYPTED_STREAMS):
        raise job.refuse(ENCRYPTED)
    if any(_has_ole_stream(data, name) for name in WORKBOOK_STREAMS):
        return
    for stream, what in OLE_OTHER_DOCUMENTS:
        if _has_ole_stream(data, stream):
            raise job.refuse(NOT_SPREADSHEET, what=what)


def _has_ole_stream(data: mmap.mmap, name: str) -> bool:
    """Whether the CFB directory lists `name`, without a CFB library.

    A directory entry is 128 bytes, 128-aligned in the file, and starts with the UTF-16LE name; its
    byte length (terminating NUL included) is stored at offset 64. Requiring all three makes a match
    by chance inside cell text practically impossible.
    """
    needle = name.encode("utf-16-le") + b"\x00\x00"
    length = len(needle).to_bytes(2, "little")
    position = data.find(needle)
    while position != -1:
        if position % CFB_ENTRY_BYTES == 0 and data[position + 64 : position + 66] == length:
            return True
        position = data.find(needle, position + 1)
    return False
