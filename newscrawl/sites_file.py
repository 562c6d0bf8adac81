"""The sites file (TOML) of a multi-site run: which sites to crawl, each a known site, a new
install of a known CMS, or just an address (its CMS recognised at the start of the run), with
its own delay and sections (no Scrapy import)."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from newscrawl.extract.recognise import registered_domain
from newscrawl.names import check_site_name

_KEYS = frozenset(("name", "cms", "base_url", "brand", "skin", "delay", "sections"))
_NOT_NAME = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class SiteEntry:
    """One site of a sites file."""

    name: str
    """A known site's name (``scrapy list``), or the name of a new one."""
    cms: str = ""
    """The CMS family of a new site (``dadami``, ``ndsoft``, ``mediaon``); empty for a site
    given by its address alone, whose family is recognised at the start of the run."""
    base_url: str = ""
    """Where to crawl: a new site's address, or a mirror of a known one."""
    brand: str = ""
    skin: str = ""
    delay: float | None = None
    """Seconds between two requests to the site; the project's default when absent."""
    sections: tuple[str, ...] = ()
    """Section codes to crawl; every section of the menu when empty."""


def parse_sites_file(text: str, known: Collection[str], families: Mapping[str, Collection[str]]) -> list[SiteEntry]:
    """The entries of a sites file (``[[site]]`` tables); ``known`` are the known site names,
    ``families`` each CMS family's skin names. Raise ``ValueError`` with a one-line reason."""
    try:
        tables = tomllib.loads(text).get("site", [])
    except tomllib.TOMLDecodeError as error:
        raise ValueError(f"the sites file is not valid TOML: {error}") from None
    if not isinstance(tables, list) or not tables:
        raise ValueError("the sites file lists no site: add [[site]] tables with a name each")
    entries = [_entry(number, table, known, families) for number, table in enumerate(tables, 1)]
    names = [entry.name for entry in entries]
    if duplicates := sorted({name for name in names if names.count(name) > 1}):
        raise ValueError(f"the sites file names {', '.join(duplicates)} more than once")
    return entries


def _entry(number: int, table: object, known: Collection[str], families: Mapping[str, Collection[str]]) -> SiteEntry:
    where = f"site {number}"
    if isinstance(table, dict) and "name" not in table and isinstance(table.get("base_url"), str):
        try:
            table = {**table, "name": site_name(table["base_url"])}  # an address alone
        except ValueError as error:
            raise ValueError(f"{where}: {error}") from None
    if not isinstance(table, dict) or not isinstance(table.get("name"), str) or not table["name"]:
        raise ValueError(f"{where} has no name")
    try:
        check_site_name(table["name"])
    except ValueError as error:
        raise ValueError(f"{where}: {error}") from None
    where = f"site {table['name']!r}"
    if unknown := sorted(set(table) - _KEYS):
        raise ValueError(f"{where}: unknown key {', '.join(unknown)}; known keys: {', '.join(sorted(_KEYS))}")
    entry = SiteEntry(
        name=table["name"],
        cms=str(table.get("cms", "")),
        base_url=str(table.get("base_url", "")),
        brand=str(table.get("brand", "")),
        skin=str(table.get("skin", "")),
        delay=_delay(where, table.get("delay")),
        sections=_sections(where, table.get("sections", [])),
    )
    if entry.name not in known:
        if not entry.base_url:
            raise ValueError(f"{where} is not a known site: give its base_url (and its cms, {', '.join(families)}, if you know it)")
        if entry.cms and entry.cms not in families:
            raise ValueError(f"{where}: unknown cms {entry.cms!r}; known: {', '.join(families)} (or leave it out to have it recognised)")
        if entry.skin and not entry.cms:
            raise ValueError(f"{where}: a skin is one of a cms's: give the cms too")
        if entry.skin and entry.skin not in families[entry.cms]:
            raise ValueError(f"{where}: {entry.cms} has no skin {entry.skin!r}; its skins: {', '.join(families[entry.cms])}")
    return entry


def _delay(where: str, value: object) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        raise ValueError(f"{where}: delay must be a number of seconds, got {value!r}")
    return float(value)


def _sections(where: str, value: object) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(code, str) for code in value):
        raise ValueError(f"{where}: sections must be a list of section codes, got {value!r}")
    return tuple(value)


def site_name(address: str) -> str:
    """A site name for an address given alone: its registered domain's first label
    (``https://www.kgnews.co.kr`` → ``kgnews``); an IP address's, with its port
    (``http://127.0.0.1:8021`` → ``127-0-0-1-8021``)."""
    parts = urlsplit(address.strip())
    try:
        host, port = parts.hostname or "", parts.port
    except ValueError:
        host, port = "", None
    if host.replace(".", "").isdigit():
        label = f"{host}-{port}" if port else host
    else:
        label = registered_domain(host).split(".")[0]
    name = _NOT_NAME.sub("-", label.lower()).strip("-")[:40]
    if not name:
        raise ValueError(f"{address!r} is not an address like https://www.example.kr")
    return check_site_name(name)
