"""The CMS families the project knows, by the name a sites file gives them: every package
under ``newscrawl/cms/`` with a ``family`` module declaring ``FAMILY`` (a new family touches
no file outside its own package)."""

from __future__ import annotations

import importlib
import pkgutil

from newscrawl import cms
from newscrawl.cms.family import Family


def _discover() -> dict[str, Family]:
    """Import each family package's ``family`` module; refuse two sites of one name."""
    families: dict[str, Family] = {}
    owners: dict[str, str] = {}
    for package in sorted(module.name for module in pkgutil.iter_modules(cms.__path__) if module.ispkg):
        family: Family = importlib.import_module(f"{cms.__name__}.{package}.family").FAMILY
        for site in family.sites:
            if site.name in owners:
                raise ValueError(f"site {site.name!r} is declared by both {owners[site.name]} and {family.name}")
            owners[site.name] = family.name
        families[family.name] = family
    return families


FAMILIES: dict[str, Family] = _discover()
"""Each family by its CMS's name."""
