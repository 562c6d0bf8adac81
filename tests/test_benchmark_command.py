"""The benchmark command runs end to end on a small replica and writes every figure.

No timing is asserted here: the figures are checked for their shape and for the counts that
do not depend on the machine (articles exported, requests of the incremental run)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import PROJECT_DIR


def test_benchmark_command_writes_every_figure(tmp_path: Path) -> None:
    output = tmp_path / "bench.json"
    command = [sys.executable, "-m", "benchmarks", "--articles", "120", "--repetitions", "1", "--sample", "5",
               "--json", str(output)]
    done = subprocess.run(command, cwd=PROJECT_DIR, capture_output=True, text=True, timeout=600)
    figures = json.loads(output.read_text(encoding="utf-8"))
    for path in ("baseline.pages_per_s", "crawl.pages_per_s", "crawl.items_per_s", "parse_ms.median", "parse_ms.p95", "parse_ms.whole_page_median",
                 "peer_ms.median", "rss_mb.full", "rss_mb.quarter"):
        group, name = path.split(".")
        assert figures[group][name] > 0, path
    assert figures["crawl"]["items_exported"] == [120]
    # A second run on the unchanged replica: the home page and each section's first list page.
    assert figures["incremental_requests"] == 1 + 4
    assert "targets:" in done.stdout and "crawl.pages_per_s" in done.stdout


def test_detect_benchmark_writes_its_figures(tmp_path: Path) -> None:
    output = tmp_path / "detect.json"
    command = [sys.executable, "-m", "benchmarks.detect", "--count", "24", "--json", str(output)]
    done = subprocess.run(command, cwd=PROJECT_DIR, capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stdout + done.stderr[-2000:]
    figures = json.loads(output.read_text(encoding="utf-8"))
    assert figures["addresses"] == 24 and figures["accuracy"] == 1.0 and figures["mistakes"] == []
    # robots.txt and the home page of each address, and the main frame of each frameset home.
    assert figures["requests"] == 2 * 24 + figures["kinds"].get("frameset", 0)
    assert figures["wall_ms_per_address"] > 0 and figures["recognise_cpu_ms_per_page"] > 0


def test_features_benchmark_measures_each_configuration_as_named(tmp_path: Path) -> None:
    output = tmp_path / "features.json"
    command = [sys.executable, "-m", "benchmarks.features", "--articles", "60", "--repetitions", "1", "--json", str(output)]
    done = subprocess.run(command, cwd=PROJECT_DIR, capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stdout + done.stderr[-2000:]
    figures = json.loads(output.read_text(encoding="utf-8"))
    on = {name: {feature for feature in ("archived", "remembered", "schema_checked") if measured[feature]} for name, measured in figures.items()}
    assert on == {
        "baseline": set(),
        "defaults": {"archived", "remembered", "schema_checked"},
        "archive off": {"remembered", "schema_checked"},
        "state off": {"archived", "schema_checked"},
        "schema check off": {"archived", "remembered"},
        "all three and spidermon off": set(),
    }
    assert all(measured["pages_per_s"] > 0 and measured["cpu_ms_per_page"] > 0 for measured in figures.values())
