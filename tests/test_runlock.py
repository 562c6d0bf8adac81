"""The run lock: one holder per site and state folder, named to whoever is turned away."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from newscrawl.runlock import SiteBusy, acquire


def test_a_held_lock_turns_a_second_run_away_naming_the_holder(tmp_path: Path) -> None:
    held = acquire(tmp_path, "news21")
    with pytest.raises(SiteBusy, match=rf"news21 is already being crawled by pid {os.getpid()} \(started 20"):
        acquire(tmp_path, "news21")
    held.release()
    acquire(tmp_path, "news21").release()


def test_other_sites_and_state_folders_have_their_own_locks(tmp_path: Path) -> None:
    held = acquire(tmp_path / "a", "news21")
    acquire(tmp_path / "a", "other").release()
    acquire(tmp_path / "b", "news21").release()
    held.release()


def test_a_waiting_run_gets_the_lock_once_it_is_released(tmp_path: Path) -> None:
    held = acquire(tmp_path, "news21")
    threading.Timer(0.3, held.release).start()
    acquire(tmp_path, "news21", wait=10, poll=0.05).release()


def test_a_waiting_run_gives_up_after_its_wait(tmp_path: Path) -> None:
    held = acquire(tmp_path, "news21")
    with pytest.raises(SiteBusy):
        acquire(tmp_path, "news21", wait=0.2, poll=0.05)
    held.release()
