"""`POST /api/v1/assess` beside a bare FastAPI route returning the same JSON, under wrk.

Both apps run under the same uvicorn settings (`kneewise.web.serving`, as
`kneewise serve` runs): one process, then one worker per core. For each, wrk
sends the ACL example intake over one keep-alive connection (p50 latency) and
over 16 (throughput). Targets, as ratios within this one run: one connection
p50 within 3x of the reference, 16 connections at least half its throughput.
A last row runs the reference under uvicorn's own protocol with workers, the
set-up whose accepted sockets keep Nagle on (uvicorn issue #3149), to show
the stall the settings avoid: a one-connection p50 near 40 ms is that stall.
Nothing leaves 127.0.0.1, and each run stops by itself.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
from rich.console import Console
from rich.table import Table

from kneewise.web.serving import HTTP_PROTOCOL

ROOT = Path(__file__).resolve().parent.parent
SECONDS = 5
MANY = 16
KNEEWISE = "kneewise.web.app:create_app"
REFERENCE = "bench._api_reference:create_app"
#: A one-connection p50 at or above this on loopback is a delayed-ACK stall, not work.
STALL_MS = 30.0
SCRIPT = """
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = [==[{body}]==]
"""


@dataclass(frozen=True)
class Load:
    p50_ms: float
    requests_per_s: float
    errors: int


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_until_up(url: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("the server stopped before it answered")
        try:
            httpx.get(url, timeout=1)
            return
        except httpx.TransportError:
            time.sleep(0.3)
    raise RuntimeError("the server did not answer within 120 s")


def _server(
    app: str, port: int, workers: int, http: str, env: dict[str, str]
) -> subprocess.Popen[bytes]:
    """uvicorn serving `app` (a factory) with `http` as its protocol (a name or a class path)."""
    launch = (
        f"import uvicorn; uvicorn.run({app!r}, factory=True, host='127.0.0.1', port={port}, "
        f"workers={workers}, http={http!r}, log_level='warning')"
    )
    return subprocess.Popen([sys.executable, "-c", launch], env=env, stdout=subprocess.DEVNULL)


def _wrk(url: str, script: Path, connections: int) -> Load:
    threads = min(connections, 2)
    command = ["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{SECONDS}s",
               "--latency", "-s", str(script), url]  # fmt: skip
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    p50 = re.search(r"50%\s+([\d.]+)(us|ms|s)\b", output)
    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}
    return Load(
        p50_ms=float(p50.group(1)) * scale[p50.group(2)] if p50 else float("nan"),
        requests_per_s=float(rate.group(1)) if rate else 0.0,
        errors=int(errors.group(1)) if errors else 0,
    )


def _measure(app: str, workers: int, http: str, env: dict[str, str], script: Path,
             loads: tuple[int, ...]) -> dict[int, Load]:  # fmt: skip
    port = _free_port()
    server = _server(app, port, workers, http, env)
    try:
        _wait_until_up(f"http://127.0.0.1:{port}/api/v1/conditions", server)
        url = f"http://127.0.0.1:{port}/api/v1/assess"
        return {connections: _wrk(url, script, connections) for connections in loads}
    finally:
        server.terminate()
        server.wait(timeout=60)


def _answer(intake: dict[str, object]) -> dict[str, object]:
    from kneewise.engine.assess import assess
    from kneewise.intake import parse_intake
    from kneewise.knowledge.load import load_knowledge

    return assess(parse_intake(intake), load_knowledge()).to_json_dict()


def run(console: Console) -> None:
    if shutil.which("wrk") is None:
        console.print("[yellow]wrk is not installed (apt-get install wrk); API bench skipped[/]")
        return
    intake_text = (ROOT / "examples" / "acl.json").read_text()
    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as folder:
        script = Path(folder) / "post.lua"
        script.write_text(SCRIPT.format(body=intake_text.replace("\n", " ")))
        answer = Path(folder) / "answer.json"
        answer.write_text(json.dumps(_answer(json.loads(intake_text))))
        # The servers import this tree's bench package, and kneewise from wherever this run does.
        paths = [str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]
        env = {**os.environ, "KNEEWISE_DATA_DIR": folder, "KNEEWISE_BENCH_ANSWER": str(answer),
               "PYTHONPATH": os.pathsep.join(paths)}  # fmt: skip
        env.pop("KNEEWISE_DATABASE_URL", None)
        table = Table(
            "mode", "app", "1 conn p50 ms", "× ref", f"{MANY} conn req/s", "÷ ref", "errors",
            "Nagle stall", title="POST /api/v1/assess (wrk, loopback)",
        )  # fmt: skip
        for workers in sorted({1, cores}):
            mode = "1 process" if workers == 1 else f"{workers} workers"
            reference = _measure(REFERENCE, workers, HTTP_PROTOCOL, env, script, (1, MANY))
            kneewise = _measure(KNEEWISE, workers, HTTP_PROTOCOL, env, script, (1, MANY))
            for name, found in (("reference", reference), ("kneewise", kneewise)):
                one, many = found[1], found[MANY]
                table.add_row(
                    mode, name, f"{one.p50_ms:.2f}", f"{one.p50_ms / reference[1].p50_ms:.2f}",
                    f"{many.requests_per_s:.0f}",
                    f"{many.requests_per_s / reference[MANY].requests_per_s:.2f}",
                    str(one.errors + many.errors), "yes" if one.p50_ms >= STALL_MS else "no",
                )  # fmt: skip
        if cores > 1:
            stalled = _measure(REFERENCE, cores, "h11", env, script, (1,))[1]
            table.add_row(
                f"{cores} workers", "reference, uvicorn's own h11 (issue #3149)",
                f"{stalled.p50_ms:.2f}", "", "", "", str(stalled.errors),
                "yes" if stalled.p50_ms >= STALL_MS else "no",
            )  # fmt: skip
    console.print(table)
    console.print(
        f"Targets: 1 connection p50 ≤ 3× the reference; {MANY} connections ≥ 0.5× its "
        f"throughput; no Nagle stall (p50 < {STALL_MS:.0f} ms) with kneewise's settings."
    )
