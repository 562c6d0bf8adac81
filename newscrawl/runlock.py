"""One run per site and state folder at a time: an exclusive lock the kernel releases when
the process ends, however it ends (``kill -9``, power loss), so a stale lock never blocks."""

from __future__ import annotations

import fcntl
import json
import os
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

from newscrawl.names import check_site_name, path_inside

ALREADY_RUNNING_EXIT = 75
"""Exit status of a run that did not start because another run of its site holds the lock
(``EX_TEMPFAIL`` of sysexits.h: nothing failed, try again later)."""


class SiteBusy(Exception):
    """Another process crawls the site with the same state folder."""

    def __init__(self, site: str, path: Path, holder: dict[str, object]) -> None:
        self.site = site
        self.path = path
        self.holder = holder
        pid = holder.get("pid", "unknown")
        started = holder.get("started_at", "unknown")
        super().__init__(
            f"{site} is already being crawled by pid {pid} (started {started}; lock {path}): "
            "this run did not start"
        )


@dataclass
class RunLock:
    """A held lock; released by :meth:`release` or by the end of the process."""

    path: Path
    file: IO[str]

    def release(self) -> None:
        """Give the lock up (closing the file releases it)."""
        self.file.close()


def acquire(state_dir: Path, site: str, wait: float = 0.0, poll: float = 0.5) -> RunLock:
    """Take the lock of ``site`` in ``state_dir`` (``<site>.lock``), waiting up to ``wait``
    seconds for a running holder to finish; raise :class:`SiteBusy` naming the holder when it
    does not. The lock file records the holder's pid and start time."""
    state_dir.mkdir(parents=True, exist_ok=True)
    path = path_inside(state_dir, f"{check_site_name(site)}.lock")
    file = path.open("a+", encoding="utf-8")
    deadline = time.monotonic() + wait
    while True:
        try:
            fcntl.flock(file, fcntl.LOCK_EX | fcntl.LOCK_NB)
            break
        except BlockingIOError:
            if time.monotonic() >= deadline:
                holder = _holder(path)
                file.close()
                raise SiteBusy(site, path, holder) from None
            time.sleep(poll)
    file.seek(0)
    file.truncate()
    file.write(json.dumps({"pid": os.getpid(), "started_at": datetime.now(UTC).isoformat(timespec="seconds")}))
    file.flush()
    return RunLock(path, file)


def _holder(path: Path) -> dict[str, object]:
    """What the lock file says of its holder (empty when it has not written it yet)."""
    try:
        holder = json.loads(path.read_text(encoding="utf-8") or "{}")
    except (OSError, ValueError):
        return {}
    return holder if isinstance(holder, dict) else {}
