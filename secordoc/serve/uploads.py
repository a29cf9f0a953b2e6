"""Receive a browser's upload straight into its own folder, within limits, names made safe.

The multipart body is parsed as it streams in (python-multipart), so a 2 GB upload is refused
when it passes the limit, not after it has filled a disk; nothing is spooled anywhere else (no
system temporary files). A file's name from the browser is only ever a hint: each part of it is
cleaned (no separators, no ``..``, no control or reserved characters), the result is checked to
stay inside the upload folder, and files are created exclusively, never overwritten.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO

from python_multipart.multipart import MultipartParser, parse_options_header

#: At most this many folders deep, and this long a name part, are kept from a browser's path.
MAX_DEPTH = 8
MAX_PART = 120
MAX_FIELD_BYTES = 2000
RESERVED = re.compile(r'[<>:"|?*\\]')


class UploadRejected(Exception):
    """The upload breaks a limit or is not a form upload: the message says which, for a person."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


@dataclass(frozen=True)
class Limits:
    max_bytes: int
    max_files: int


@dataclass
class Upload:
    folder: Path
    files: list[PurePosixPath] = field(default_factory=list)
    fields: dict[str, str] = field(default_factory=dict)
    size: int = 0


def safe_name(name: str) -> PurePosixPath | None:
    """A browser's file name (maybe a relative path) as a safe relative path, or None."""
    parts = []
    for raw in re.split(r"[\\/]+", unicodedata.normalize("NFC", name)):
        part = "".join(ch for ch in raw if ch.isprintable())
        part = RESERVED.sub("_", part).strip().lstrip(".").rstrip(". ")
        if part:
            parts.append(part[:MAX_PART])
    parts = parts[-MAX_DEPTH:]
    return PurePosixPath(*parts) if parts else None


def _inside(folder: Path, target: Path) -> bool:
    root = os.path.realpath(folder)
    return os.path.commonpath([root, os.path.realpath(target)]) == root


def _create(folder: Path, relative: PurePosixPath) -> tuple[PurePosixPath, IO[bytes]]:
    """Create the file exclusively; a second file of the same name gets ' (2)', ' (3)'..."""
    for attempt in range(1, 1000):
        name = relative if attempt == 1 else relative.with_name(f"{relative.stem} ({attempt}){relative.suffix}")
        target = folder.joinpath(*name.parts)
        if not _inside(folder, target):
            raise UploadRejected(f"The file name '{relative}' is not allowed.")
        target.parent.mkdir(parents=True, exist_ok=True)
        if not _inside(folder, target.parent):
            raise UploadRejected(f"The file name '{relative}' is not allowed.")
        try:
            return name, open(target, "xb")  # noqa: SIM115 - closed by the parser at the part's end
        except FileExistsError:
            continue
    raise UploadRejected(f"Too many files named '{relative}'.")


async def receive(body: AsyncIterator[bytes], content_type: str, content_length: int | None, folder: Path,
                  limits: Limits) -> Upload:
    """Parse a multipart/form-data body into ``folder``: files by their safe names, and fields."""
    kind, params = parse_options_header(content_type)
    boundary = params.get(b"boundary")
    if kind != b"multipart/form-data" or not boundary:
        raise UploadRejected("Send the files as a form upload (multipart/form-data).", 415)
    if content_length is not None and content_length > limits.max_bytes + 1_000_000:
        raise UploadRejected(_too_big(limits), 413)
    upload = Upload(folder)
    state = _PartState(upload, limits)
    parser = MultipartParser(boundary, {
        "on_part_begin": state.begin, "on_header_field": state.header_field, "on_header_value": state.header_value,
        "on_header_end": state.header_end, "on_headers_finished": state.headers_done, "on_part_data": state.data,
        "on_part_end": state.end,
    })
    try:
        async for chunk in body:
            parser.write(chunk)
        parser.finalize()
    finally:
        state.close()
    if not upload.files:
        raise UploadRejected("No files came with the upload: drop a .zip or the package's files.")
    return upload


def _too_big(limits: Limits) -> str:
    return f"The upload is larger than the limit of {limits.max_bytes / 1e6:,.0f} MB."


class _PartState:
    """python-multipart's callbacks for one body: where the current part goes."""

    def __init__(self, upload: Upload, limits: Limits) -> None:
        self.upload = upload
        self.limits = limits
        self.headers: dict[bytes, bytes] = {}
        self.field_name = b""
        self.field_value = b""
        self.name: bytes | None = None
        self.file: IO[bytes] | None = None
        self.value = bytearray()

    def begin(self) -> None:
        self.headers, self.name, self.file, self.value = {}, None, None, bytearray()

    def header_field(self, data: bytes, start: int, end: int) -> None:
        self.field_name += data[start:end]

    def header_value(self, data: bytes, start: int, end: int) -> None:
        self.field_value += data[start:end]

    def header_end(self) -> None:
        self.headers[self.field_name.lower()] = self.field_value
        self.field_name, self.field_value = b"", b""

    def headers_done(self) -> None:
        _, params = parse_options_header(self.headers.get(b"content-disposition", b""))
        self.name = params.get(b"name", b"")
        filename = params.get(b"filename")
        if filename is None:
            return
        relative = safe_name(filename.decode("utf-8", errors="replace"))
        if relative is None:
            return  # an empty file input: nothing to keep
        if len(self.upload.files) >= self.limits.max_files:
            raise UploadRejected(f"The upload holds more than {self.limits.max_files:,} files, the limit.", 413)
        stored, self.file = _create(self.upload.folder, relative)
        self.upload.files.append(stored)

    def data(self, data: bytes, start: int, end: int) -> None:
        self.upload.size += end - start
        if self.upload.size > self.limits.max_bytes:
            raise UploadRejected(_too_big(self.limits), 413)
        if self.file is not None:
            self.file.write(data[start:end])
        elif self.name is not None:
            self.value += data[start:end]
            if len(self.value) > MAX_FIELD_BYTES:
                raise UploadRejected("A form field is too long.", 413)

    def end(self) -> None:
        if self.file is not None:
            self.file.close()
            self.file = None
        elif self.name:
            self.upload.fields[self.name.decode("utf-8", errors="replace")] = self.value.decode("utf-8", errors="replace")

    def close(self) -> None:
        if self.file is not None:
            self.file.close()
            self.file = None
