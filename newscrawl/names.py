"""Site names, and the paths the project builds from them: a name from outside (a sites file,
a Scrapyd job, the fleet's pins) is checked where it enters, and no path made from one leaves
its folder (no Scrapy import)."""

from __future__ import annotations

import re
from pathlib import Path

SITE_NAME_RULE = "lower-case ASCII letters, digits, '_' and '-', starting with a letter or digit, at most 40 characters"
"""The site name pattern in words, for messages and the README."""
_SITE_NAME = re.compile(r"[a-z0-9][a-z0-9_-]{0,39}", re.ASCII)


def check_site_name(name: object) -> str:
    """Return ``name`` when it is a valid site name; raise ``ValueError`` saying why not.

    Site names become file and folder names (``output/<site>/``, ``<site>.lock``): ``..``,
    ``/``, ``\\``, NUL, look-alike letters and overlong names are refused."""
    if not isinstance(name, str) or not _SITE_NAME.fullmatch(name):
        raise ValueError(f"{name!r} is not a valid site name: use {SITE_NAME_RULE}")
    return name


def path_inside(folder: Path, name: str) -> Path:
    """``folder / name``, refused with ``ValueError`` unless it stays inside ``folder`` (after
    resolving ``..`` and symbolic links) as one entry of it."""
    if not name or "\x00" in name or "/" in name or "\\" in name or name in (".", ".."):
        raise ValueError(f"{name!r} is not a file name inside {folder}")
    path = folder / name
    if path.resolve().parent != folder.resolve():
        raise ValueError(f"{name!r} leads out of {folder}")
    return path
