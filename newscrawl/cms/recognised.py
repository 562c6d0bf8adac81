"""Every family a home page is recognised as: each family package's ``recognition`` module
(its ``RECOGNITION``: data only, no spider), then the families only named, never crawled. Apart
from the registry of families, so that routing can recognise a home page without importing
every family's spider."""

from __future__ import annotations

import importlib
import importlib.util
import pkgutil

from newscrawl import cms
from newscrawl.cms.signals import Recognition
from newscrawl.cms.uncrawled import UNCRAWLED


def _discover() -> tuple[Recognition, ...]:
    """The ``RECOGNITION`` of each family package that has a ``recognition`` module."""
    packages = sorted(module.name for module in pkgutil.iter_modules(cms.__path__) if module.ispkg)
    found = []
    for package in packages:
        if importlib.util.find_spec(f"{cms.__name__}.{package}.recognition") is not None:
            found.append(importlib.import_module(f"{cms.__name__}.{package}.recognition").RECOGNITION)
    return tuple(found)


RECOGNISED: tuple[Recognition, ...] = (*_discover(), *UNCRAWLED)
"""The crawled families first, then those only named."""


def family_label(name: str) -> str:
    """A family as people call it (``ND소프트``), from its name."""
    return next((family.label for family in RECOGNISED if family.family == name), name)
