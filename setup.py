"""Packaging for Scrapyd deployment (``scrapyd-deploy`` builds an egg from this)."""

from setuptools import find_packages, setup

setup(
    name="newscrawl",
    version="0.1.0",
    packages=find_packages(exclude=["tests", "tests.*", "benchmarks", "benchmarks.*"]),
    entry_points={"scrapy": ["settings = newscrawl.settings"]},
)
