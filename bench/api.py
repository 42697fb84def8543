"""`POST /api/v1/assess` beside a bare FastAPI route returning the same JSON, under wrk.

Both apps run under the same uvicorn settings (`kneewise.web.serving.run`, as
`kneewise serve` runs: TCP_NODELAY, a listener per worker): one process, then
one worker per core. For each, wrk sends the ACL example intake over one
keep-alive connection (p50 latency) and over 16 (throughput). Targets, as
ratios within this one run: one connection p50 within 3x of the reference,
16 connections at least half its throughput.
A last row runs the reference under uvicorn's own protocol with workers, the
set-up whose accepted sockets keep Nagle on (uvicorn issue #3149), to show
the stall the settings avoid: a one-connection p50 near 40 ms is that stall.
Nothing leaves 127.0.0.1, and each run stops by itself.

Fairness, checked in each run: both apps answer the same intake with equal
JSON (compared before any load); the diary is made and migrated before the
server starts, as `kneewise serve` does (N workers migrating one new diary at
once would leave all but one failing and restarted during the load); the load
starts only once every worker has said it started, since wrk's connections
stay with the worker that accepted them. Beside each throughput, the CPU the
server processes used per answer and how it split between the workers (the
kernel spreads connections over the workers' listeners by their addresses, so
one run's split is a matter of luck), and the CPU wrk itself took from the same
cores (Linux only; blank elsewhere). Both apps log as `kneewise serve` does
except the access log, which is off for both.
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
STARTED = "Application startup complete"
SCRIPT = """
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = [==[{body}]==]
"""


@dataclass(frozen=True)
class Load:
    """One wrk run: latency, throughput, and the CPU seconds servers and wrk used during it."""

    p50_ms: float
    requests_per_s: float
    errors: int
    requests: int
    server_cpu_s: float  # every server process together; nan where /proc is missing
    worker_cpu_s: tuple[float, ...]  # each worker process, largest first
    wrk_cpu_s: float

    @property
    def cpu_ms_per_answer(self) -> float:
        return self.server_cpu_s / self.requests * 1000 if self.requests else float("nan")

    @property
    def busiest_share(self) -> float:
        """The busiest worker's share of the workers' CPU (1/N is an even split)."""
        total = sum(self.worker_cpu_s)
        return max(self.worker_cpu_s) / total if total > 0 else float("nan")


@dataclass(frozen=True)
class Server:
    process: subprocess.Popen[bytes]
    port: int
    log: Path


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_until_up(server: Server, workers: int) -> None:
    """Until the server answers and every one of its `workers` has logged its start."""
    url = f"http://127.0.0.1:{server.port}/api/v1/conditions"
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise RuntimeError(f"the server stopped before it answered:\n{server.log.read_text()}")
        try:
            httpx.get(url, timeout=1)
            if server.log.read_text().count(STARTED) >= workers:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"the server did not start within 180 s:\n{server.log.read_text()}")


def _start(app: str, workers: int, http: str, env: dict[str, str], folder: Path) -> Server:
    """`app` (a factory) served as `kneewise serve` serves, or by uvicorn's own `run` for "h11"."""
    port = _free_port()
    # kneewise serve's way (a listener per worker), or uvicorn's own for the stall row.
    run = (
        "from kneewise.web.serving import run"
        if http == HTTP_PROTOCOL
        else "from uvicorn import run"
    )
    launch = (
        f"{run}; run({app!r}, factory=True, host='127.0.0.1', port={port}, "
        f"workers={workers}, http={http!r}, log_level='info', access_log=False)"
    )
    log = folder / f"server-{port}.log"
    with log.open("wb") as out:
        process = subprocess.Popen([sys.executable, "-c", launch], env=env,
                                   stdout=subprocess.DEVNULL, stderr=out)  # fmt: skip
    return Server(process, port, log)


def _process_tree(pid: int) -> list[int]:
    """`pid` and its descendants (Linux /proc); empty where /proc is missing."""
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return []
    return [pid, *(p for child in children for p in _process_tree(int(child)))]


def _cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of one process so far (Linux /proc/<pid>/stat)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _children_cpu_seconds() -> float:
    import resource

    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def _wrk(url: str, script: Path, connections: int, server: Server) -> Load:
    threads = min(connections, 2)
    command = ["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{SECONDS}s",
               "--latency", "-s", str(script), url]  # fmt: skip
    processes = _process_tree(server.process.pid)
    before = {pid: _cpu_seconds(pid) for pid in processes}
    wrk_before = _children_cpu_seconds()
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    wrk_cpu = _children_cpu_seconds() - wrk_before
    used = {pid: _cpu_seconds(pid) - before[pid] for pid in processes}
    # The workers are the leaves: uvicorn's supervisor (and its helpers) answer nothing.
    workers = [used[p] for p in processes if len(_process_tree(p)) == 1] or list(used.values())
    p50 = re.search(r"50%\s+([\d.]+)(us|ms|s)\b", output)
    rate = re.search(r"Requests/sec:\s+([\d.]+)", output)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    done = re.search(r"(\d+) requests in", output)
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}
    return Load(
        p50_ms=float(p50.group(1)) * scale[p50.group(2)] if p50 else float("nan"),
        requests_per_s=float(rate.group(1)) if rate else 0.0,
        errors=int(errors.group(1)) if errors else 0,
        requests=int(done.group(1)) if done else 0,
        server_cpu_s=sum(used.values()) if used else float("nan"),
        worker_cpu_s=tuple(sorted(workers, reverse=True)),
        wrk_cpu_s=wrk_cpu,
    )


def _measure(app: str, workers: int, http: str, env: dict[str, str], folder: Path,
             loads: tuple[int, ...]) -> tuple[dict[int, Load], object]:  # fmt: skip
    """Each load's wrk run against `app` on `workers`, and the app's answer to the intake."""
    server = _start(app, workers, http, env, folder)
    try:
        _wait_until_up(server, workers)
        url = f"http://127.0.0.1:{server.port}/api/v1/assess"
        body = (folder / "intake.json").read_bytes()
        answer = httpx.post(url, content=body, headers={"Content-Type": "application/json"})
        answer.raise_for_status()
        script = folder / "post.lua"
        found = {connections: _wrk(url, script, connections, server) for connections in loads}
        return found, answer.json()
    finally:
        server.process.terminate()
        server.process.wait(timeout=60)


def _answer(intake: dict[str, object]) -> dict[str, object]:
    from kneewise.engine.assess import assess
    from kneewise.intake import parse_intake
    from kneewise.knowledge.load import load_knowledge

    return assess(parse_intake(intake), load_knowledge()).to_json_dict()


def _prepare_diary(env: dict[str, str]) -> None:
    """Make and migrate the diary in the servers' environment, as `kneewise serve` does first."""
    code = "from kneewise.diary.storage import open_diary; open_diary().close()"
    subprocess.run([sys.executable, "-c", code], env=env, check=True)


def _cpu(value: float) -> str:
    return "" if value != value else f"{value:.2f}"  # nan: no /proc here


def run(console: Console) -> None:
    if shutil.which("wrk") is None:
        console.print("[yellow]wrk is not installed (apt-get install wrk); API bench skipped[/]")
        return
    intake_text = (ROOT / "examples" / "acl.json").read_text()
    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        (folder / "post.lua").write_text(SCRIPT.format(body=intake_text.replace("\n", " ")))
        (folder / "intake.json").write_text(intake_text)
        answer = folder / "answer.json"
        answer.write_text(json.dumps(_answer(json.loads(intake_text))))
        # The servers import this tree's bench package, and kneewise from wherever this run does.
        paths = [str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]
        env = {**os.environ, "KNEEWISE_DATA_DIR": name, "KNEEWISE_BENCH_ANSWER": str(answer),
               "PYTHONPATH": os.pathsep.join(paths)}  # fmt: skip
        env.pop("KNEEWISE_DATABASE_URL", None)
        _prepare_diary(env)
        table = Table(
            "mode", "app", "1 conn p50 ms", "× ref", f"{MANY} conn req/s", "÷ ref", "errors",
            "Nagle stall", title="POST /api/v1/assess (wrk, loopback)",
        )  # fmt: skip
        cpu = Table(
            "mode", "app", "server CPU ms per answer", "× ref", "busiest worker's share",
            "wrk CPU s", title=f"Where the CPU went with {MANY} connections",
        )  # fmt: skip
        same = True
        for workers in sorted({1, cores}):
            mode = "1 process" if workers == 1 else f"{workers} workers"
            reference, ref_json = _measure(
                REFERENCE, workers, HTTP_PROTOCOL, env, folder, (1, MANY)
            )
            kneewise, our_json = _measure(KNEEWISE, workers, HTTP_PROTOCOL, env, folder, (1, MANY))
            same = same and ref_json == our_json
            for name_, found in (("reference", reference), ("kneewise", kneewise)):
                one, many = found[1], found[MANY]
                table.add_row(
                    mode, name_, f"{one.p50_ms:.2f}", f"{one.p50_ms / reference[1].p50_ms:.2f}",
                    f"{many.requests_per_s:.0f}",
                    f"{many.requests_per_s / reference[MANY].requests_per_s:.2f}",
                    str(one.errors + many.errors), "yes" if one.p50_ms >= STALL_MS else "no",
                )  # fmt: skip
                cpu.add_row(
                    mode, name_, _cpu(many.cpu_ms_per_answer),
                    _cpu(many.cpu_ms_per_answer / reference[MANY].cpu_ms_per_answer),
                    _cpu(many.busiest_share) if workers > 1 else "", _cpu(many.wrk_cpu_s),
                )  # fmt: skip
        if cores > 1:
            stalled = _measure(REFERENCE, cores, "h11", env, folder, (1,))[0][1]
            table.add_row(
                f"{cores} workers", "reference, uvicorn's own h11 (issue #3149)",
                f"{stalled.p50_ms:.2f}", "", "", "", str(stalled.errors),
                "yes" if stalled.p50_ms >= STALL_MS else "no",
            )  # fmt: skip
    console.print(table)
    console.print(cpu)
    console.print(
        "Both apps gave the same JSON for the intake."
        if same
        else "[red]The two apps' answers differ: the comparison is not of the same JSON.[/]"
    )
    console.print(
        f"Targets: 1 connection p50 ≤ 3× the reference; {MANY} connections ≥ 0.5× its "
        f"throughput; no Nagle stall (p50 < {STALL_MS:.0f} ms) with kneewise's settings. "
        "Server CPU per answer is the cost without the luck of how connections split."
    )
