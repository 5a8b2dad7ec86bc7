"""Where the access log's head was last seen, shared by this machine's app processes.

Only a hint (ADR 80): the log's writer chains a request's rows to it and the database
inserts them only if it is still the head. Kept per process, the hint was stale
whenever another process had written since (with two gunicorn workers 1.8 calls a
read), and a stale hint costs a second call (~0.2 ms of CPU). Shared through a small
memory-mapped file per database, it is stale only when another process writes in the
moment between reading it and the call.

A torn read or write (two processes at once) gives a head that does not exist, which
the database refuses like any stale one: nothing here needs a lock. Without a
writable temporary folder, or when the file there is a link or not this user's own
(someone else made it first), the hint is the process's own.
"""

from __future__ import annotations

import functools
import hashlib
import mmap
import os
import stat
import tempfile

_SIZE = 8 + 64  # the head's place (little-endian) and its hash (64 hex characters)


class HeadHint:
    def __init__(self, memory: mmap.mmap):
        self._memory = memory

    def read(self) -> tuple[str | None, int | None]:
        """The head's hash and place, or two ``None`` for an empty log."""
        raw = self._memory[:_SIZE]
        place = int.from_bytes(raw[:8], "little")
        return (raw[8:].decode("ascii", "replace"), place) if place else (None, None)

    def write(self, head_hash: str | None, place: int | None) -> None:
        if head_hash is None or not place or len(head_hash) != 64 or not head_hash.isascii():
            self._memory[:8] = bytes(8)  # no hint: the database answers with the head
            return
        self._memory[:_SIZE] = place.to_bytes(8, "little") + head_hash.encode("ascii")


def for_connection(connection) -> HeadHint:
    """The hint for the database ``connection`` talks to."""
    settings = connection.settings_dict
    return _hint(settings["NAME"], settings["HOST"], str(settings["PORT"]))


@functools.cache
def _hint(name: str, host: str, port: str) -> HeadHint:
    key = hashlib.sha256(f"{name}\0{host}\0{port}".encode()).hexdigest()[:24]
    path = os.path.join(tempfile.gettempdir(), f"forlop-log-head-{key}")
    try:
        # Not through a link, and only a file of our own that no one else may write:
        # the folder is shared, and whoever made the file first would control it.
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
        try:
            found = os.fstat(fd)
            if (not stat.S_ISREG(found.st_mode) or found.st_uid != os.geteuid()
                    or found.st_mode & 0o022):
                raise PermissionError(path)
            if found.st_size < _SIZE:
                os.ftruncate(fd, _SIZE)
            return HeadHint(mmap.mmap(fd, _SIZE))
        finally:
            os.close(fd)
    except OSError:
        return HeadHint(mmap.mmap(-1, _SIZE))  # this process's own
