"""The images zip that comes with a catalog file: looked up by name, read with caps.

Nothing is ever extracted to disk (so no path traversal), and the zip-bomb guards are checked
on the declared sizes before anything is read and again while reading: at most
MAX_ENTRIES entries, MAX_INFLATED_BYTES in total, MAX_IMAGE_BYTES per image.
"""

import zipfile
from typing import IO, Final

from tradebridge.core.errors import ValidationFailed

MAX_IMAGE_BYTES: Final = 10 * 1024 * 1024  # as catalog.images, which checks again
MAX_ENTRIES: Final = 10_000
MAX_INFLATED_BYTES: Final = 2 * 1024 * 1024 * 1024


class ArchiveUnreadable(ValidationFailed):
    """The images zip cannot be used; `details["reason"]`: `format`, `too_many_entries`,
    `too_large`."""

    code = "images_zip_unreadable"
    default_message = "The images zip cannot be read."


class ImageArchive:
    """Images by file name (the name as the row writes it, or its last path part)."""

    def __init__(self, source: IO[bytes]) -> None:
        try:
            self._zip = zipfile.ZipFile(source)
            entries = [entry for entry in self._zip.infolist() if not entry.is_dir()]
        except (zipfile.BadZipFile, OSError, ValueError):
            raise ArchiveUnreadable("The images file is not a zip.", reason="format") from None
        if len(entries) > MAX_ENTRIES:
            raise ArchiveUnreadable(
                f"The images zip holds more than {MAX_ENTRIES:,} files.", reason="too_many_entries"
            )
        if sum(entry.file_size for entry in entries) > MAX_INFLATED_BYTES:
            raise ArchiveUnreadable(
                f"The images zip inflates to more than {MAX_INFLATED_BYTES >> 30} GB.",
                reason="too_large",
            )
        self._entries: dict[str, zipfile.ZipInfo] = {}
        for entry in entries:
            self._entries.setdefault(entry.filename.lower(), entry)
            self._entries.setdefault(entry.filename.rsplit("/", 1)[-1].lower(), entry)

    def __contains__(self, name: str) -> bool:
        return name.strip("/").lower() in self._entries

    def read(self, name: str) -> bytes:
        """The image's bytes; raises ArchiveUnreadable(`too_large`) past MAX_IMAGE_BYTES
        (whatever size the zip declares) and KeyError for a name not in the zip."""
        entry = self._entries[name.strip("/").lower()]
        if entry.file_size > MAX_IMAGE_BYTES:
            raise ArchiveUnreadable(f"{name} is larger than the image limit.", reason="too_large")
        try:
            with self._zip.open(entry) as member:
                data = member.read(MAX_IMAGE_BYTES + 1)
        except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError) as error:
            raise ArchiveUnreadable(f"{name} cannot be read: {error}", reason="format") from None
        if len(data) > MAX_IMAGE_BYTES:
            raise ArchiveUnreadable(f"{name} is larger than the image limit.", reason="too_large")
        return data

    def close(self) -> None:
        self._zip.close()
