"""``python -m benchmarks.peak_memory OUT MODULE ARGS…``: run ``python -m MODULE ARGS…`` and,
at exit, write this process's peak resident memory in MB to the file OUT.

The peak is Linux's ``VmHWM``: the high-water mark of the process's own memory since it
started. (``ru_maxrss`` would not do: a child inherits the peak of the parent it was forked
from, here the benchmark process with every page it measured.)
"""

from __future__ import annotations

import atexit
import re
import runpy
import sys
from pathlib import Path


def peak_rss_mb() -> float:
    """``VmHWM`` of this process, in MB."""
    status = Path("/proc/self/status").read_text(encoding="ascii")
    match = re.search(r"^VmHWM:\s+(\d+) kB", status, re.MULTILINE)
    if match is None:
        raise RuntimeError("VmHWM is not in /proc/self/status (the benchmark needs Linux)")
    return int(match[1]) / 1024


def main() -> None:
    """Register the report, then run the module as ``python -m`` would."""
    output, module, *arguments = sys.argv[1:]
    atexit.register(lambda: Path(output).write_text(f"{peak_rss_mb():.1f}\n", encoding="ascii"))
    sys.argv = [module, *arguments]
    runpy.run_module(module, run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main()
