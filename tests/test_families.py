"""A CMS family is one package that declares itself: the registry and the spiders Scrapy lists
find it with no file outside the package changed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from newscrawl.cms.families import FAMILIES
from tests.conftest import PROJECT_DIR

TOY_FAMILY = '''
from newscrawl.cms.dadami import CMS as _DADAMI
from dataclasses import replace
from newscrawl.cms.family import Family
from newscrawl.cms.model import Site
from newscrawl.cms.spider import CmsSpider

FAMILY = Family(replace(_DADAMI, name="toy"), (Site("toypaper", "https://toy.example.kr", "장난감일보"),), CmsSpider)
'''


def test_the_known_families_declare_themselves() -> None:
    assert set(FAMILIES) == {"dadami", "ndsoft", "mediaon"}
    assert "news21" in FAMILIES["dadami"].profiles and "jnilbo" in FAMILIES["ndsoft"].profiles
    assert "kgnews" in FAMILIES["mediaon"].profiles


def test_a_new_family_package_is_found_and_its_sites_are_spiders(tmp_path: Path) -> None:
    # A copy of the project with one more package under newscrawl/cms/, and nothing else changed.
    copy = tmp_path / "project"
    subprocess.run(["cp", "-r", str(PROJECT_DIR / "newscrawl"), str(PROJECT_DIR / "scrapy.cfg"), str(tmp_path)], check=True)
    copy.mkdir()
    (tmp_path / "newscrawl").rename(copy / "newscrawl")
    (tmp_path / "scrapy.cfg").rename(copy / "scrapy.cfg")
    package = copy / "newscrawl" / "cms" / "toy"
    package.mkdir()
    (package / "__init__.py").write_text('"""A toy family."""\n', encoding="utf-8")
    (package / "family.py").write_text(TOY_FAMILY, encoding="utf-8")
    listed = subprocess.run([sys.executable, "-m", "scrapy", "list"], cwd=copy, capture_output=True, text=True, timeout=120)
    assert listed.returncode == 0, listed.stderr[-2000:]
    assert "toypaper" in listed.stdout.split() and "news21" in listed.stdout.split()
    families = subprocess.run(
        [sys.executable, "-c", "from newscrawl.cms.families import FAMILIES; print(sorted(FAMILIES))"],
        cwd=copy, capture_output=True, text=True, timeout=120,
    )
    assert families.stdout.strip() == "['dadami', 'mediaon', 'ndsoft', 'toy']", families.stderr[-2000:]
