"""Throughput and latency of `POST /api/v1/assess` under wrk, on loopback.

The real app runs under uvicorn with one worker per core; wrk (Debian's
`wrk` package) sends the ACL example intake for a fixed time. Nothing leaves
127.0.0.1, and the run stops by itself.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parent.parent
SECONDS = 10
CONNECTIONS = 16
SCRIPT = """
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = [==[{body}]==]
"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_until_up(url: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("the server stopped before it answered")
        try:
            httpx.get(url, timeout=1)
            return
        except httpx.TransportError:
            time.sleep(0.3)
    raise RuntimeError("the server did not answer within 60 s")


def _server(port: int, workers: int, data_dir: str) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "uvicorn", "kneewise.web.app:create_app", "--factory",
               "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers),
               "--log-level", "warning"]  # fmt: skip
    env = {**os.environ, "KNEEWISE_DATA_DIR": data_dir}
    env.pop("KNEEWISE_DATABASE_URL", None)
    return subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)


def _wrk(url: str, script: Path) -> str:
    command = ["wrk", "-t", "2", "-c", str(CONNECTIONS), "-d", f"{SECONDS}s", "--latency",
               "-s", str(script), url]  # fmt: skip
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def _figure(pattern: str, output: str) -> str:
    found = re.search(pattern, output)
    return found.group(1) if found else "?"


def run(console: Console) -> None:
    if shutil.which("wrk") is None:
        console.print(
            "[yellow]wrk is not installed (apt-get install wrk); API load test skipped[/]"
        )
        return
    workers = os.cpu_count() or 1
    port = _free_port()
    body = (ROOT / "examples" / "acl.json").read_text().replace("\n", " ")
    with tempfile.TemporaryDirectory() as data_dir:
        script = Path(data_dir) / "post.lua"
        script.write_text(SCRIPT.format(body=body))
        server = _server(port, workers, data_dir)
        try:
            _wait_until_up(f"http://127.0.0.1:{port}/api/v1/conditions", server)
            output = _wrk(f"http://127.0.0.1:{port}/api/v1/assess", script)
        finally:
            server.terminate()
            server.wait(timeout=30)
    table = Table("POST /api/v1/assess", "requests/s", "p50", "p99", "errors")
    errors = _figure(r"Non-2xx or 3xx responses: (\d+)", output)
    table.add_row(
        f"{workers} uvicorn workers, {CONNECTIONS} connections, {SECONDS} s",
        _figure(r"Requests/sec:\s+([\d.]+)", output),
        _figure(r"50%\s+(\S+)", output),
        _figure(r"99%\s+(\S+)", output),
        errors if errors != "?" else "0",
    )
    console.print(table)
