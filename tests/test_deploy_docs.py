"""docs/deploy.md runs: its settings, database, administrator, backup, service and proxy steps.

Each test takes the commands and files out of the page itself (fenced blocks),
changes only what cannot exist on a test machine (the /etc and /opt paths, the
database's port), and runs them: the SQL and the backup on the throwaway
PostgreSQL cluster, the administrator command through the real CLI, the unit
through `systemd-analyze verify`, the proxies through `caddy validate` and
`nginx -t`. Without those tools the checks skip locally and FAIL in CI.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer
from sqlalchemy.engine import make_url
from tests.deploy_page import (
    DEPLOY,
    ENV_FILE,
    KNEEWISE,
    ROOT,
    SITE,
    as_postgres,
    env_lines,
    made_key,
    need_tool,
    nginx_conf,
    nginx_site,
    one_block,
    self_signed,
    serve_arguments,
    shell_line,
)

from kneewise.settings import Settings


def documented_settings(monkeypatch: pytest.MonkeyPatch, **changes: str) -> Settings:
    """Settings read from the page's settings file, as the service's environment."""
    for name in [n for n in os.environ if n.startswith("KNEEWISE_")]:
        monkeypatch.delenv(name)
    for name, value in {**env_lines(), **changes}.items():
        monkeypatch.setenv(name, value)
    return Settings()


def test_settings_file_is_server_mode_on_postgres(monkeypatch: pytest.MonkeyPatch) -> None:
    settings = documented_settings(monkeypatch)
    assert settings.accounts and settings.cookie_secure and settings.signup == "invite"
    assert settings.allowed_hosts == [SITE]
    url = make_url(settings.diary_url())
    assert url.drivername == "postgresql+psycopg"
    assert url.username == url.database == "kneewise"


def test_every_setting_in_the_file_and_table_is_a_real_one() -> None:
    fields = {f"KNEEWISE_{name.upper()}" for name in Settings.model_fields}
    named = set(env_lines())
    assert named <= fields, f"not settings: {named - fields}"  # extra="ignore" would hide a typo
    table = set(re.findall(r"^\| `(KNEEWISE_[A-Z_]+)` \|", DEPLOY, re.MULTILINE))
    assert table == named, "the table explains exactly the lines of the settings file"


def test_the_postgres_extra_brings_the_driver_the_url_names() -> None:
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    extra = project["optional-dependencies"]["postgres"]
    assert any(requirement.startswith("psycopg") for requirement in extra)
    assert "pip install 'kneewise[postgres]'" in shell_line("pip install 'kneewise")
    assert make_url(env_lines()["KNEEWISE_DATABASE_URL"]).drivername == "postgresql+psycopg"


def test_the_database_url_names_the_role_and_password_step_1_made() -> None:
    made = re.search(r"CREATE ROLE (\w+) LOGIN PASSWORD '([^']+)';", one_block("sql", "ROLE"))
    assert made is not None
    url = make_url(env_lines()["KNEEWISE_DATABASE_URL"])
    assert (url.username, url.password) == made.groups()
    assert re.fullmatch(r"[A-Za-z0-9-]+", made.group(2)), "as the page says: no %-encoding"


def test_rate_limit_settings_are_what_limits_reads() -> None:
    from importlib.metadata import metadata

    import limits
    from limits.storage import storage_from_string

    pairs = env_lines()
    assert limits.parse(pairs["KNEEWISE_LOGIN_RATE_LIMIT"]).amount == 5
    storage_from_string(pairs["KNEEWISE_RATE_LIMIT_STORAGE"])
    # The page's `pip install 'limits[redis]'` names an extra limits really has.
    assert "limits[redis]" in shell_line("limits[redis]")
    assert "redis" in (metadata("limits").get_all("Provides-Extra") or [])


def test_made_key_is_one_serve_accepts(monkeypatch: pytest.MonkeyPatch) -> None:
    from kneewise.cli.serve import refusal

    key = made_key().strip()
    settings = documented_settings(monkeypatch, KNEEWISE_SECRET_KEY=key)
    assert refusal("127.0.0.1", settings) is None
    assert made_key().strip() != key, "a new random key each time"


def test_service_runs_serve_on_loopback_with_the_settings_file() -> None:
    from kneewise.cli import app
    from kneewise.cli.serve import _is_loopback

    unit, command = serve_arguments()
    assert unit["Service"]["EnvironmentFile"] == ENV_FILE
    assert command[0] == "/opt/kneewise/bin/kneewise"
    assert "python3 -m venv /opt/kneewise" in shell_line("-m venv")
    group = typer.main.get_command(app)
    serve = group.get_command(group.make_context("kneewise", ["serve"]), "serve")  # type: ignore[attr-defined]
    assert command[1] == "serve" and serve is not None
    options = serve.make_context("serve", command[2:]).params  # refuses an unknown option
    assert _is_loopback(options["host"]) and options["workers"] > 1
    port = options["port"]
    assert f"reverse_proxy 127.0.0.1:{port}\n" in one_block("caddy", "reverse_proxy")
    assert f"proxy_pass http://127.0.0.1:{port};" in one_block("nginx", "proxy_pass")
    assert f"http://127.0.0.1:{port}/health" in shell_line("/health")


def test_service_unit_passes_systemd_analyze(tmp_path: Path) -> None:
    analyze = need_tool("systemd-analyze", "systemd")
    unit = one_block("ini", "[Service]").replace("/opt/kneewise/bin/kneewise", str(KNEEWISE))
    (tmp_path / "kneewise.service").write_text(unit)
    done = subprocess.run([analyze, "verify", str(tmp_path / "kneewise.service")],
                          capture_output=True, text=True, check=False)  # fmt: skip
    assert done.returncode == 0 and not done.stderr.strip(), done.stderr


def test_caddyfile_validates_and_proxies_thenginx_site(tmp_path: Path) -> None:
    caddy = need_tool("caddy", "caddy")
    caddyfile = tmp_path / "Caddyfile"
    caddyfile.write_text(one_block("caddy", "reverse_proxy"))
    done = subprocess.run([caddy, "validate", "--config", str(caddyfile), "--adapter", "caddyfile"],
                          capture_output=True, text=True, check=False, cwd=tmp_path)  # fmt: skip
    assert done.returncode == 0, done.stderr
    adapted = subprocess.run([caddy, "adapt", "--config", str(caddyfile)],
                             capture_output=True, text=True, check=True, cwd=tmp_path)  # fmt: skip
    route = json.loads(adapted.stdout)["apps"]["http"]["servers"]["srv0"]["routes"][0]
    assert route["match"] == [{"host": [SITE]}]


def test_nginx_site_passes_nginx_t(tmp_path: Path) -> None:
    nginx = need_tool("nginx", "nginx-light")
    self_signed(tmp_path)
    conf = nginx_conf(tmp_path, nginx_site(tmp_path))
    command = [nginx, "-t", "-p", str(tmp_path), "-e", str(tmp_path / "error.log"), "-c", str(conf)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert "syntax is ok" in done.stderr


def test_nightly_backup_line_is_the_backup_command() -> None:
    cron = one_block("text", "pg_dump").strip()
    schedule, _, command = cron.partition(" runuser -u postgres -- ")
    assert len(schedule.split()) == 5
    assert command.replace(r"\%", "%") == as_postgres(shell_line("pg_dump"))


@pytest.fixture
def kneewise_database(postgres_server: Any) -> Iterator[Any]:
    """The page's step 1 run on the throwaway cluster; dropped again afterwards."""
    statements = [s.strip() for s in one_block("sql", "CREATE ROLE").split(";") if s.strip()]
    for statement in statements:
        postgres_server.admin(statement)
    try:
        yield postgres_server
    finally:
        postgres_server.admin("DROP DATABASE IF EXISTS kneewise WITH (FORCE)")
        postgres_server.admin("DROP ROLE IF EXISTS kneewise")


@pytest.mark.postgres
def test_database_admin_and_backup_steps_on_postgres(
    kneewise_database: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kneewise.accounts.admin import count_admins
    from kneewise.accounts.store import authenticate
    from kneewise.diary import open_diary
    from kneewise.diary.records import SessionRecord, build
    from kneewise.diary.repository import add_session, list_sessions

    port = kneewise_database.port
    # The page's URL, at the throwaway cluster's port (it trusts 127.0.0.1: no password asked).
    url = str(make_url(env_lines()["KNEEWISE_DATABASE_URL"]).set(port=port))
    env_file = tmp_path / "kneewise.env"
    env_file.write_text("".join(
        f"{n}={url if n == 'KNEEWISE_DATABASE_URL' else v}\n" for n, v in env_lines().items()
    ))  # fmt: skip
    # Step 4 as written (inside its `sudo -u kneewise sh -c '…'`): the password asked twice.
    wrapped = shlex.split(shell_line("accounts add"))
    assert wrapped[:5] == ["sudo", "-u", "kneewise", "sh", "-c"]
    inner = (
        wrapped[5]
        .replace(ENV_FILE, str(env_file))
        .replace("/opt/kneewise/bin/kneewise", str(KNEEWISE))
    )
    password = "an administrator's long password"
    clean = {n: v for n, v in os.environ.items() if not n.startswith("KNEEWISE_")}
    added = subprocess.run(["sh", "-c", inner], input=f"{password}\n{password}\n",
                           capture_output=True, text=True, env=clean, check=False)  # fmt: skip
    assert added.returncode == 0, added.stdout + added.stderr
    assert password not in added.stdout + added.stderr

    # The migrations ran as the `kneewise` role (the database's owner), not as a superuser.
    diary = open_diary(url)
    try:
        admin = authenticate(diary, "alice", password)
        assert admin is not None and admin.is_admin and count_admins(diary) == 1
        fields = {"date": "2026-01-30", "activity": "running", "duration_min": 41, "rpe": 6,
                  "notes": "marker 7391"}  # fmt: skip
        add_session(diary.for_owner(admin.id), build(SessionRecord, fields))
    finally:
        diary.close()

    backups = tmp_path / "backups"
    backups.mkdir()
    cluster = {**clean, "PGHOST": "127.0.0.1", "PGPORT": str(port), "PGUSER": "postgres"}
    pg_bin = {**cluster, "PATH": f"/usr/lib/postgresql/15/bin:{os.environ['PATH']}"}

    def run(line: str) -> None:
        command = as_postgres(line).replace("/var/backups/kneewise", str(backups))
        done = subprocess.run(["bash", "-c", command], capture_output=True, text=True,
                              env=pg_bin, check=False)  # fmt: skip
        assert done.returncode == 0, f"{command}\n{done.stderr}"

    run(shell_line("pg_dump"))
    (dump,) = backups.iterdir()
    for line in one_block("sh", "pg_restore").splitlines():
        if line.startswith("sudo systemctl"):
            continue  # no service here; the steps between are what restores
        run(line.replace("kneewise-2026-01-31.dump", dump.name))

    restored = open_diary(url)
    try:
        again = authenticate(restored, "alice", password)
        assert again is not None and again.is_admin
        kept = list_sessions(restored.for_owner(again.id))
        assert [(s.duration_min, s.notes) for s in kept] == [(41, "marker 7391")]
    finally:
        restored.close()
