"""Reading what people save, and writing it back without losing anything.

Workbook files come from spreadsheet programs in Italian, Polish, Spanish, Swedish and
Romanian locales: UTF-8 with or without a byte-order mark, UTF-16 ("Unicode text"),
Windows code pages, semicolons instead of commas, CRLF line ends.  We remember how a file
was saved (its `TextFormat`) and write it back the same way, so a person who opens it
again sees their file as they left it.  Every write is atomic: a temporary file in the same
folder, flushed to disk, then renamed over the original.
"""

from __future__ import annotations

import codecs
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputProblem, WorkbookError

# Windows code pages of the partner countries' spreadsheet programs, most likely first.
LEGACY_ENCODINGS = ("cp1252", "cp1250", "iso8859_2", "iso8859_15")


@dataclass(frozen=True)
class TextFormat:
    """How a file was stored: kept so that saving does not change it."""

    encoding: str = "utf-8"
    bom: bool = False
    newline: str = "\n"
    final_newline: bool = True

    @property
    def guessed(self) -> bool:
        """True when the encoding was inferred, not declared by the bytes."""
        return self.encoding not in ("utf-8", "utf-16")


def decode(data: bytes, file: str) -> tuple[str, TextFormat]:
    """Turn a file's bytes into text, recording how it was encoded."""
    if data.startswith(codecs.BOM_UTF8):
        return _finish(data[3:].decode("utf-8", errors="strict"), "utf-8", True)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return _finish(data.decode("utf-16"), "utf-16", True)
        except UnicodeDecodeError as exc:
            raise _not_text(file, exc) from None
    if b"\x00" in data:
        raise WorkbookError([InputProblem(
            file, None, None, None,
            "this is not a text file (it contains binary data). Save it from your spreadsheet "
            "program as 'CSV UTF-8' (or as plain text for .yaml files)")])
    try:
        return _finish(data.decode("utf-8"), "utf-8", False)
    except UnicodeDecodeError:
        pass
    guessed = _guess_legacy(data)
    for encoding in (guessed, *LEGACY_ENCODINGS):
        try:
            return _finish(data.decode(encoding), encoding, False)
        except (UnicodeDecodeError, LookupError):
            continue
    raise _not_text(file, ValueError("unknown encoding"))


def _guess_legacy(data: bytes) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS)).best()
    return best.encoding if best is not None else "cp1252"


def _finish(text: str, encoding: str, bom: bool) -> tuple[str, TextFormat]:
    newline = "\r\n" if "\r\n" in text else ("\r" if "\r" in text and "\n" not in text else "\n")
    final = text.endswith(("\n", "\r")) or text == ""
    return text, TextFormat(encoding, bom, newline, final)


def _not_text(file: str, exc: Exception) -> WorkbookError:
    return WorkbookError([InputProblem(
        file, None, None, None,
        f"the file cannot be read as text ({exc.__class__.__name__}). Save it as 'CSV UTF-8'")])


def read_text(path: Path, shown_as: str) -> tuple[str, TextFormat]:
    """Read a whole file as text; problems are reported under the name `shown_as`."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise WorkbookError([InputProblem(
            shown_as, None, None, None, f"the file cannot be opened ({exc.strerror})")]) from None
    return decode(data, shown_as)


def encode(text: str, fmt: TextFormat) -> bytes:
    """Encode text the way the original file was, falling back to UTF-8 for new letters.

    Line ends are the caller's business: the text is encoded as it is.

    A Windows code page cannot hold every letter (a Romanian ș in a Polish cp1250 file);
    rather than lose letters we switch that file to UTF-8 with a byte-order mark, which
    every spreadsheet program opens correctly.
    """
    if fmt.encoding == "utf-16":
        return text.encode("utf-16")
    try:
        body = text.encode(fmt.encoding)
    except UnicodeEncodeError:
        return codecs.BOM_UTF8 + text.encode("utf-8")
    return (codecs.BOM_UTF8 + body) if (fmt.bom and fmt.encoding == "utf-8") else body


def write_atomic(path: Path, data: bytes) -> None:
    """Replace `path` with `data` so that no reader ever sees half a file."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o7777)
        else:
            os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
