"""On the person's own computer the `kneewise` command refuses its local tomorrow.

The command runs in a subprocess with TZ set (a subprocess's clock cannot be
held, so dates are read when the test runs). UTC-12 and UTC+14 are 26 hours
apart: at any moment, tomorrow in UTC-12 is still today or yesterday at UTC+14,
which the old limit (today at UTC+14) accepted.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

KNEEWISE = str(Path(sys.executable).with_name("kneewise"))


def _log(tmp_path: Path, zone: str, day: dt.date) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KNEEWISE_")}
    env |= {"TZ": zone, "KNEEWISE_DATA_DIR": str(tmp_path / "data"), "COLUMNS": "80"}
    command = [KNEEWISE, "log", "pain", "--knee", "left", "--during", "3", "--date", str(day)]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("zone", ["Etc/GMT+12", "America/New_York", "Asia/Tokyo"])
def test_the_command_line_takes_its_local_today_and_refuses_its_tomorrow(
    tmp_path: Path, zone: str
) -> None:
    today = dt.datetime.now(ZoneInfo(zone)).date()
    refused = _log(tmp_path, zone, today + dt.timedelta(days=1))
    assert refused.returncode != 0
    assert "to today" in " ".join(refused.stderr.split()) and "Traceback" not in refused.stderr
    logged = _log(tmp_path, zone, today)
    assert logged.returncode == 0, logged.stderr
    assert str(today) in logged.stdout
