"""Many people at once on a server: several app processes on PostgreSQL, nothing lost or leaked.

The set-up docs/deploy.md describes, on loopback: a throwaway PostgreSQL
cluster, accounts on, and `kneewise serve --workers K` (K = the cores, at
least 2) beside the same load on one process. PEOPLE people, each with their
own personal access token (read and write), act at once for SECONDS (and at
most MAX_ROUNDS rounds each, so a run is bounded either way). A round is: log a
training session (its notes carry a marker naming the person and the round),
read it back by id, log that round's pain entry (one day each round, so none
merges), list the newest sessions (every item must be the person's own), and
ask for another person's latest session by id (must be 404).

Afterwards, the check: each acknowledged write is in the database with its
writer as owner and its marker intact ("missing" counts those that are not),
and each person's full lists through the API hold all their acknowledged
writes and nothing of anyone else's ("wrong person" counts every record,
listed, read back or asked for across, that belonged to someone else, and
every pain entry merged into a day the person had not written). The table
gives p50/p99 latency, the p99 of writes alone, and throughput; the targets
are 0 missing, 0 wrong person and 0 errors in both modes, and K processes at
least as fast as one. PostgreSQL runs with fsync off (the data is thrown
away), so write latency is lower than on a disk that syncs; one client
process on the same machine drives the load, so on few cores the ratio
understates what separate machines would show.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from rich.console import Console
from rich.table import Table
from sqlalchemy import create_engine, text

from bench._postgres import Cluster, PostgresMissing, free_port, throwaway_cluster

PEOPLE = 16
SECONDS = 10.0
MAX_ROUNDS = 400
#: The first day of the pain entries; round r logs day FIRST_DAY + r (one per day, no merging).
FIRST_DAY = dt.date(2024, 1, 1)
SECRET_KEY = "bench-only key: long, random enough for one run, never used again"
KNEEWISE = Path(sys.executable).with_name("kneewise")


@dataclass
class Person:
    """One person of the load: their account, token and what the server acknowledged."""

    number: int
    account_id: int
    token: str
    sessions: dict[int, str] = field(default_factory=dict)  # acknowledged id → marker
    pain: dict[int, dt.date] = field(default_factory=dict)  # acknowledged id → day

    @property
    def prefix(self) -> str:
        return f"load-p{self.number}-"


@dataclass
class Tally:
    """What one mode's run measured and found."""

    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: Counter[str] = field(default_factory=Counter)
    wrong_person: int = 0
    seconds: float = 0.0

    def timed(self, kind: str, started: float) -> None:
        self.latencies[kind].append((time.perf_counter() - started) * 1000)


def _percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _prepare(url: str) -> list[Person]:
    """Migrate the database, make an administrator and PEOPLE accounts with a token each."""
    from kneewise.accounts.store import create_access_token, create_account
    from kneewise.diary.storage import open_diary

    diary = open_diary(url)
    try:
        create_account(diary, "bench-admin", "an administrator's long password", is_admin=True)
        people = []
        for number in range(PEOPLE):
            person = create_account(diary, f"load-{number}", f"person {number}'s long password")
            _, token = create_access_token(diary, person.id, "load", ("read", "write"))
            people.append(Person(number, person.id, token))
        return people
    finally:
        diary.close()


def _start(url: str, port: int, workers: int, log: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "KNEEWISE_DATABASE_URL": url, "KNEEWISE_ACCOUNTS": "true",
           "KNEEWISE_SECRET_KEY": SECRET_KEY, "KNEEWISE_SIGNUP": "closed"}  # fmt: skip
    command = [str(KNEEWISE), "serve", "--port", str(port), "--workers", str(workers)]
    with log.open("wb") as out:
        return subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)


def _wait_until_up(
    base: str, token: str, server: subprocess.Popen[bytes], log: Path, workers: int
) -> None:
    """Until every app process has started (uvicorn logs each) and a token's read answers.

    A process still loading when the load starts would take the cores from the others.
    """
    deadline, last = time.monotonic() + 300, "no answer"
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"kneewise serve stopped before it answered:\n{log.read_text()}")
        try:
            answer = httpx.get(f"{base}/api/v1/pain?limit=1", timeout=5,
                               headers={"Authorization": f"Bearer {token}"})  # fmt: skip
            started = log.read_text().count("Application startup complete")
            if answer.status_code == 200 and started >= workers:
                return
            last = f"{answer.status_code} {answer.text[:300]}"
        except httpx.TransportError as error:
            last = type(error).__name__
        time.sleep(0.3)
    tail = "\n".join(log.read_text().splitlines()[-20:])
    raise RuntimeError(f"kneewise serve did not answer within 300 s (last: {last}):\n{tail}")


async def _call(
    client: httpx.AsyncClient, tally: Tally, kind: str, method: str, path: str, **kwargs: object
) -> httpx.Response | None:
    started = time.perf_counter()
    try:
        answer = await client.request(method, path, **kwargs)  # type: ignore[arg-type]
    except httpx.HTTPError as error:
        tally.errors[f"{kind}: {type(error).__name__}"] += 1
        return None
    tally.timed(kind, started)
    return answer


def _unexpected(tally: Tally, kind: str, answer: httpx.Response | None, wanted: int) -> bool:
    if answer is None:
        return True
    if answer.status_code != wanted:
        tally.errors[f"{kind}: {answer.status_code}"] += 1
        return True
    return False


async def _round(client: httpx.AsyncClient, tally: Tally, me: Person, others: list[Person],
                 number: int) -> None:  # fmt: skip
    marker = f"{me.prefix}{number}"
    day = FIRST_DAY + dt.timedelta(days=number)
    session = {"date": str(day), "activity": "running", "duration_min": 20 + number % 40,
               "rpe": 1 + number % 9, "notes": marker}  # fmt: skip
    answer = await _call(client, tally, "write", "POST", "/api/v1/sessions", json=session)
    if not _unexpected(tally, "write", answer, 201) and answer is not None:
        saved = answer.json()
        me.sessions[saved["id"]] = marker
        back = await _call(client, tally, "read", "GET", f"/api/v1/sessions/{saved['id']}")
        if not _unexpected(tally, "read", back, 200) and back is not None:
            tally.wrong_person += back.json()["notes"] != marker
    pain = {"date": str(day), "knee": "left", "during": number % 11, "after": (number + 3) % 11}
    answer = await _call(client, tally, "write", "POST", "/api/v1/pain", json=pain)
    if answer is not None and answer.status_code == 200:
        tally.wrong_person += 1  # merged: an entry for this day and knee was there already
    if not _unexpected(tally, "write", answer, 201) and answer is not None:
        me.pain[answer.json()["id"]] = day
    listed = await _call(client, tally, "list", "GET", "/api/v1/sessions?limit=20")
    if not _unexpected(tally, "list", listed, 200) and listed is not None:
        notes = [item["notes"] or "" for item in listed.json()["items"]]
        tally.wrong_person += sum(not note.startswith(me.prefix) for note in notes)
    other = others[number % len(others)]
    if other.sessions:
        theirs = max(other.sessions)
        across = await _call(client, tally, "across", "GET", f"/api/v1/sessions/{theirs}")
        if across is not None and other.sessions[theirs] in across.text:
            tally.wrong_person += 1
        _unexpected(tally, "across", across, 404)


async def _person(base: str, tally: Tally, me: Person, people: list[Person], until: float) -> None:
    others = [p for p in people if p is not me]
    headers = {"Authorization": f"Bearer {me.token}"}
    async with httpx.AsyncClient(base_url=base, headers=headers, timeout=30) as client:
        number = 0
        while time.monotonic() < until and number < MAX_ROUNDS:
            await _round(client, tally, me, others, number)
            number += 1


async def _load(base: str, people: list[Person]) -> Tally:
    tally = Tally()
    started = time.monotonic()
    until = started + SECONDS
    await asyncio.gather(*(_person(base, tally, p, people, until) for p in people))
    tally.seconds = time.monotonic() - started
    return tally


def _all_pages(base: str, token: str, kind: str) -> list[dict[str, object]]:
    """Every item of /api/v1/<kind> (sessions, pain) as the token's person sees it."""
    path, items = f"/api/v1/{kind}", list[dict[str, object]]()
    with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {token}"}) as client:
        while True:
            page = client.get(path, params={"limit": 100, "offset": len(items)}).json()
            items.extend(page["items"])
            if not page["items"] or len(items) >= page["total"]:
                return items


@dataclass(frozen=True)
class Found:
    acknowledged: int
    missing: int
    wrong_person: int


def _check(url: str, base: str, people: list[Person]) -> Found:
    """Every acknowledged write stored with its writer as owner; each person's lists theirs only."""
    engine = create_engine(url)
    try:
        with engine.connect() as connection:  # the stored truth, below any scoping
            sessions = {row.id: (row.owner_id, row.notes) for row in connection.execute(
                text("SELECT id, owner_id, notes FROM training_session"))}  # fmt: skip
            pain = {row.id: (row.owner_id, row.date) for row in connection.execute(
                text("SELECT id, owner_id, date FROM pain_entry"))}  # fmt: skip
    finally:
        engine.dispose()
    found = [_check_person(base, p, sessions, pain) for p in people]
    return Found(*(sum(column) for column in zip(*found, strict=True)))


def _check_person(base: str, person: Person, sessions: dict[int, tuple[int, str]],
                  pain: dict[int, tuple[int, dt.date]]) -> tuple[int, int, int]:  # fmt: skip
    """(acknowledged, missing, wrong person) of one person against the stored rows."""
    mine = person.account_id
    missing = sum(sessions.get(i) != (mine, m) for i, m in person.sessions.items())
    missing += sum(pain.get(i, (None,))[0] != mine for i in person.pain)
    seen_sessions = {int(str(s["id"])) for s in _all_pages(base, person.token, "sessions")}
    seen_pain = {int(str(p["id"])) for p in _all_pages(base, person.token, "pain")}
    missing += len(person.sessions.keys() - seen_sessions) + len(person.pain.keys() - seen_pain)
    wrong = sum(sessions.get(i, (None,))[0] != mine for i in seen_sessions)
    wrong += sum(pain.get(i, (None,))[0] != mine for i in seen_pain)
    return len(person.sessions) + len(person.pain), missing, wrong


def _run_mode(cluster: Cluster, workers: int, folder: Path) -> tuple[Tally, Found]:
    database = f"kneewise_load_{workers}"
    cluster.admin(f"CREATE DATABASE {database}")
    url = cluster.url(database)
    people = _prepare(url)
    port, log = free_port(), folder / f"serve-{workers}.log"
    base = f"http://127.0.0.1:{port}"
    server = _start(url, port, workers, log)
    try:
        _wait_until_up(base, people[0].token, server, log, workers)
        tally = asyncio.run(_load(base, people))
        return tally, _check(url, base, people)
    finally:
        server.terminate()
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def run(console: Console) -> None:
    workers = max(2, os.cpu_count() or 1)
    try:
        with tempfile.TemporaryDirectory() as folder, throwaway_cluster() as cluster:
            results = {k: _run_mode(cluster, k, Path(folder)) for k in (1, workers)}
    except PostgresMissing as missing:
        console.print(f"[yellow]{missing}; server load bench skipped[/]")
        return
    speed = Table(
        "processes", "requests", "req/s", "p50 ms", "p99 ms", "write p99 ms", "errors",
        title=f"{PEOPLE} people writing and reading at once for {SECONDS:.0f} s "
        "(kneewise serve, PostgreSQL, loopback)",
    )  # fmt: skip
    check = Table("processes", "writes acknowledged", "missing", "seen by the wrong person",
                  title="Afterwards: every acknowledged write, where it should be")  # fmt: skip
    for count, (tally, found) in results.items():
        every = [ms for values in tally.latencies.values() for ms in values]
        speed.add_row(
            str(count), str(len(every)), f"{len(every) / tally.seconds:.0f}",
            f"{_percentile(every, 0.5):.1f}", f"{_percentile(every, 0.99):.1f}",
            f"{_percentile(tally.latencies['write'], 0.99):.1f}", str(sum(tally.errors.values())),
        )  # fmt: skip
        check.add_row(str(count), str(found.acknowledged), str(found.missing),
                      str(tally.wrong_person + found.wrong_person))  # fmt: skip
    console.print(speed)
    console.print(check)
    for count, (tally, found) in results.items():
        if not found.acknowledged:
            console.print(f"[red]with {count} process(es) no write was acknowledged: "
                          "the check above shows nothing[/]")  # fmt: skip
        if tally.errors:
            console.print(f"errors with {count} process(es): {dict(tally.errors)}")
    one, many = (results[k][0] for k in (1, workers))
    ratio = (sum(map(len, many.latencies.values())) / many.seconds) / (
        sum(map(len, one.latencies.values())) / one.seconds
    )
    console.print(
        f"{workers} processes ÷ 1 process throughput: {ratio:.2f}. Targets: 0 missing, 0 wrong "
        "person and 0 errors in both modes; several processes at least as fast as one."
    )
