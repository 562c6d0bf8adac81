"""Hostile site names never become paths: refused where they enter (sites file, Scrapyd's
``toml`` argument, the fleet, spider arguments), and no path built from a name leaves its folder."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from newscrawl import fleet
from newscrawl.cms.model import Site
from newscrawl.names import check_site_name, path_inside
from newscrawl.runlock import acquire
from newscrawl.sites_file import parse_sites_file
from tests.conftest import PROJECT_DIR

HOSTILE_NAMES = [
    "..",
    "../evil",
    "evil/../../x",
    "/etc/cron.d/evil",
    "..\\evil",
    "evil\x00name",
    "x" * 41,
    "еvil",  # Cyrillic е
    "ｅvil",  # full-width e
    "evil\n",
    "Evil",
    "",
    ".hidden",
    "-rf",
]


def _files_under(folder: Path) -> set[Path]:
    return {path.relative_to(folder) for path in folder.rglob("*")}


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_hostile_site_names_are_refused(name: str) -> None:
    with pytest.raises(ValueError, match="is not a valid site name"):
        check_site_name(name)
    with pytest.raises(ValueError, match="is not a valid site name"):
        Site(name, "https://example.kr")


@pytest.mark.parametrize("name", ["news21", "a", "my-paper_2", "x" * 40])
def test_plain_site_names_are_accepted(name: str) -> None:
    assert check_site_name(name) == name


@pytest.mark.parametrize("name", [name for name in HOSTILE_NAMES if name])  # an empty one "has no name"
def test_a_sites_file_with_a_hostile_name_is_refused(name: str) -> None:
    text = f'[[site]]\nname = {json.dumps(name)}\ncms = "dadami"\nbase_url = "https://x.example.kr"\n'
    with pytest.raises(ValueError, match=r"^site 1: .* is not a valid site name"):
        parse_sites_file(text, ["news21"], {"dadami": ["A"]})


@pytest.mark.parametrize("name", ["..", "../x", "a/b", "a\\b", "a\x00b", ".", ""])
def test_paths_made_from_names_stay_in_their_folder(tmp_path: Path, name: str) -> None:
    with pytest.raises(ValueError):
        path_inside(tmp_path, name)
    with pytest.raises(ValueError):
        acquire(tmp_path, name)
    assert _files_under(tmp_path) == set()


def test_a_symbolic_link_out_of_the_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "inside").mkdir()
    (tmp_path / "inside" / "news21.lock").symlink_to(tmp_path / "outside.lock")
    with pytest.raises(ValueError, match="leads out of"):
        path_inside(tmp_path / "inside", "news21.lock")


def _scrapy(workdir: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SCRAPY_SETTINGS_MODULE": "newscrawl.settings", "PYTHONPATH": str(PROJECT_DIR)}
    return subprocess.run([sys.executable, "-m", "scrapy", *arguments], cwd=workdir, env=env, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("how", ["file", "toml"])
def test_a_sites_run_with_a_traversing_name_writes_nothing(tmp_path: Path, how: str) -> None:
    workdir = tmp_path / "work"
    workdir.mkdir()
    text = '[[site]]\nname = "../evil"\ncms = "dadami"\nbase_url = "http://127.0.0.1:9"\n'
    (workdir / "sites.toml").write_text(text, encoding="utf-8")
    argument = "file=sites.toml" if how == "file" else f"toml={text}"  # Scrapyd passes the text
    result = _scrapy(workdir, "crawl", "sites", "-a", argument)
    assert result.returncode == 2, result.stderr[-2000:]
    assert "'../evil' is not a valid site name" in result.stderr
    assert "Traceback" not in result.stderr
    assert _files_under(tmp_path) == {Path("work"), Path("work/sites.toml")}


def test_the_fleet_refuses_a_hostile_name_before_pinning_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sites = tmp_path / "sites.toml"
    sites.write_text('[[site]]\nname = "../../evil"\ncms = "ndsoft"\nbase_url = "http://127.0.0.1:9"\n', encoding="utf-8")
    pins = tmp_path / "pins.json"
    status = fleet.main(["--sites", str(sites), "--nodes", "http://127.0.0.1:9", "--pins", str(pins), "--dashboard", str(tmp_path / "out")])
    assert status == 2
    assert "is not a valid site name" in capsys.readouterr().err
    assert _files_under(tmp_path) == {Path("sites.toml")}


@pytest.mark.parametrize("codes", ["../../x", "S1N1,a/b", "S1N1%00"])
def test_hostile_section_codes_are_refused(tmp_path: Path, codes: str) -> None:
    result = _scrapy(tmp_path, "crawl", "news21", "-a", f"sections={codes}", "-a", "base_url=http://127.0.0.1:9")
    assert result.returncode == 2, result.stderr[-2000:]
    assert "sections must be section codes" in result.stderr
