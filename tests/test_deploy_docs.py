"""docs/deploy.md runs: its settings, database, administrator, backup, service and proxy steps.

Each test takes the commands and files out of the page itself (fenced blocks),
changes only what cannot exist on a test machine (the /etc and /opt paths, the
database's port), and runs them: the SQL and the backup on the throwaway
PostgreSQL cluster, the administrator command through the real CLI, the unit
through `systemd-analyze verify`, the proxies through `caddy validate` and
`nginx -t`. Without those tools the checks skip locally and FAIL in CI.
"""

from __future__ import annotations

import configparser
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer
from sqlalchemy.engine import make_url

from kneewise.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
DEPLOY = (ROOT / "docs" / "deploy.md").read_text()
KNEEWISE = Path(sys.executable).with_name("kneewise")
ENV_FILE = "/etc/kneewise/kneewise.env"
SITE = "knee.example.org"
_FENCE = re.compile(r"^```(\w*)\n(.*?)^```$", re.MULTILINE | re.DOTALL)


def blocks(language: str) -> list[str]:
    """The text of each fenced block of the page in `language`, in order."""
    return [body for lang, body in _FENCE.findall(DEPLOY) if lang == language]


def one_block(language: str, holding: str) -> str:
    found = [body for body in blocks(language) if holding in body]
    assert len(found) == 1, f"one {language} block holding {holding!r} in docs/deploy.md"
    return found[0]


def shell_line(holding: str) -> str:
    """The one command line of the page's sh blocks that holds `holding`."""
    lines = [
        line for body in blocks("sh") for line in body.splitlines() if holding in line
    ]  # fmt: skip
    assert len(lines) == 1, f"one command with {holding!r} in docs/deploy.md: {lines}"
    return lines[0]


def as_postgres(line: str) -> str:
    """A `sudo -u postgres …` line run by the test directly (PG* variables name the cluster)."""
    prefix = "sudo -u postgres "
    assert line.startswith(prefix), line
    return line.removeprefix(prefix)


def env_lines() -> dict[str, str]:
    body = one_block("ini", "KNEEWISE_ACCOUNTS=")
    pairs = {}
    for line in body.splitlines():
        # One NAME=value a line, no quotes, no spaces: what systemd and `sh` read alike.
        assert re.fullmatch(r"KNEEWISE_[A-Z_]+=[^\s'\"]+", line), line
        name, _, value = line.partition("=")
        pairs[name] = value
    return pairs


def need_tool(path: str, package: str) -> str:
    found = shutil.which(path)
    if found is None:
        reason = f"{path} is missing: apt-get install {package}"
        if os.environ.get("CI", "").lower() in ("true", "1", "yes"):
            pytest.fail(reason)
        pytest.skip(reason)
    return found


def documented_settings(monkeypatch: pytest.MonkeyPatch, **changes: str) -> Settings:
    """Settings read from the page's settings file, as the service's environment."""
    for name in [n for n in os.environ if n.startswith("KNEEWISE_")]:
        monkeypatch.delenv(name)
    for name, value in {**env_lines(), **changes}.items():
        monkeypatch.setenv(name, value)
    return Settings()


def made_key() -> str:
    line = shell_line("secrets.token_urlsafe")
    return subprocess.run(["sh", "-c", line], capture_output=True, text=True, check=True).stdout


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


def serve_arguments() -> tuple[configparser.ConfigParser, list[str]]:
    unit = configparser.ConfigParser(interpolation=None)
    unit.optionxform = str  # type: ignore[assignment,method-assign]  # systemd keys keep their case
    unit.read_string(one_block("ini", "[Service]"))
    return unit, shlex.split(unit["Service"]["ExecStart"])


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


def test_caddyfile_validates_and_proxies_the_site(tmp_path: Path) -> None:
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
    certificate, key = tmp_path / "fullchain.pem", tmp_path / "privkey.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-subj", f"/CN={SITE}", "-keyout", str(key), "-out", str(certificate)],
                   capture_output=True, check=True)  # fmt: skip
    site = (
        one_block("nginx", "proxy_pass")
        .replace(f"/etc/letsencrypt/live/{SITE}/", f"{tmp_path}/")
        .replace("/var/log/nginx/", f"{tmp_path}/")
    )
    (tmp_path / "kneewise").write_text(site)
    # Debian's nginx.conf includes each site inside its http block; this is that much of it.
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\nevents {{}}\n"
        f"http {{\n    access_log off;\n    include {tmp_path}/kneewise;\n}}\n"
    )
    done = subprocess.run([nginx, "-t", "-p", str(tmp_path), "-e", str(tmp_path / "error.log"),
                           "-c", str(tmp_path / "nginx.conf")],
                          capture_output=True, text=True, check=False)  # fmt: skip
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
