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
