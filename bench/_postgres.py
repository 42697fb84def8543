"""A throwaway PostgreSQL cluster for a bench section: initdb and pg_ctl in a temporary folder.

The same approach as the test suite's (tests/diary/conftest.py): Debian's
`postgresql` binaries, trust authentication on 127.0.0.1 only, fsync off (the
data is thrown away), and everything removed when the block ends. Run as root,
the server runs as the `postgres` user (initdb refuses root).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

PG_BIN = Path(os.environ.get("KNEEWISE_TEST_PG_BIN", "/usr/lib/postgresql/15/bin"))


class PostgresMissing(RuntimeError):
    """The PostgreSQL server binaries are not installed."""


@dataclass(frozen=True)
class Cluster:
    """A running throwaway cluster: its port, and the SQLAlchemy URL of a database on it."""

    port: int

    def url(self, database: str = "postgres") -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def admin(self, statement: str) -> None:
        """Run one statement outside a transaction (CREATE DATABASE needs that)."""
        import psycopg

        conninfo = f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres"
        with psycopg.connect(conninfo, autocommit=True) as connection:
            connection.execute(statement)  # type: ignore[arg-type]


def _as_postgres(command: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


def _run(command: list[str], log: Path | None = None) -> None:
    done = subprocess.run(_as_postgres(command), capture_output=True, text=True, check=False)
    if done.returncode != 0:
        server_log = log.read_text() if log is not None and log.exists() else ""
        raise RuntimeError(f"{' '.join(command)} failed:\n{done.stdout}{done.stderr}{server_log}")


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def throwaway_cluster() -> Iterator[Cluster]:
    """Start a cluster for the block; PostgresMissing when the binaries are not installed."""
    initdb = PG_BIN / "initdb"
    if not initdb.exists():
        raise PostgresMissing(f"no PostgreSQL at {PG_BIN} (apt-get install postgresql)")
    # Not under a root-only folder: the server runs as postgres and must reach it.
    home = Path(tempfile.mkdtemp(prefix="kneewise-bench-pg-"))
    if os.geteuid() == 0:
        shutil.chown(home, "postgres")
    data, log, port = home / "data", home / "server.log", free_port()
    try:
        _run([str(initdb), "-D", str(data), "-U", "postgres", "--auth=trust", "--no-sync",
              "--encoding=UTF8"])  # fmt: skip
        options = f"-p {port} -k {home} -c listen_addresses=127.0.0.1 -c fsync=off"
        _run([str(PG_BIN / "pg_ctl"), "-D", str(data), "-l", str(log), "-o", options, "-w",
              "-t", "60", "start"], log)  # fmt: skip
        try:
            yield Cluster(port)
        finally:
            _run([str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"])
    finally:
        shutil.rmtree(home, ignore_errors=True)
