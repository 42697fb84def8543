"""docs/deploy.md read as the deploy tests use it: its fenced blocks, command lines and files.

Not a test module (no `test_` prefix): tests/test_deploy_docs.py and
tests/test_deploy_proxies.py import it (`from tests.deploy_page import …`).
"""

from __future__ import annotations

import configparser
import os
import re
import shlex
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

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
    """The one block in `language` that holds `holding` (fails when none or several do)."""
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
    """The settings file of step 3 as {NAME: value}."""
    body = one_block("ini", "KNEEWISE_ACCOUNTS=")
    pairs = {}
    for line in body.splitlines():
        # One NAME=value a line, no quotes, no spaces: what systemd and `sh` read alike.
        assert re.fullmatch(r"KNEEWISE_[A-Z_]+=[^\s'\"]+", line), line
        name, _, value = line.partition("=")
        pairs[name] = value
    return pairs


def need_tool(path: str, package: str) -> str:
    """The program's full path; skips locally without it, fails in CI (`CI=true`)."""
    found = shutil.which(path)
    if found is None:
        reason = f"{path} is missing: apt-get install {package}"
        if os.environ.get("CI", "").lower() in ("true", "1", "yes"):
            pytest.fail(reason)
        pytest.skip(reason)
    return found


def made_key() -> str:
    """What the page's secret-key command prints (run by `sh`, as written)."""
    line = shell_line("secrets.token_urlsafe")
    return subprocess.run(["sh", "-c", line], capture_output=True, text=True, check=True).stdout


def serve_arguments() -> tuple[configparser.ConfigParser, list[str]]:
    """The page's systemd unit, parsed, and its ExecStart split as systemd splits it."""
    unit = configparser.ConfigParser(interpolation=None)
    unit.optionxform = str  # type: ignore[assignment,method-assign]  # systemd keys keep their case
    unit.read_string(one_block("ini", "[Service]"))
    return unit, shlex.split(unit["Service"]["ExecStart"])


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def self_signed(folder: Path) -> Path:
    """A self-signed certificate in `folder`, named as certbot names them (fullchain, privkey)."""
    certificate = folder / "fullchain.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-subj", f"/CN={SITE}", "-keyout", str(folder / "privkey.pem"),
                    "-out", str(certificate)], capture_output=True, check=True)  # fmt: skip
    return certificate


def nginx_site(folder: Path) -> str:
    """The page's nginx site with its certificate and log in `folder`."""
    return (
        one_block("nginx", "proxy_pass")
        .replace(f"/etc/letsencrypt/live/{SITE}/", f"{folder}/")
        .replace("/var/log/nginx/", f"{folder}/")
    )


def nginx_conf(folder: Path, site: str, main: str = "") -> Path:
    """Debian's nginx.conf includes each site inside its http block; this is that much of it."""
    (folder / "kneewise").write_text(site)
    conf = folder / "nginx.conf"
    conf.write_text(
        f"{main}pid {folder}/nginx.pid;\nerror_log {folder}/error.log;\nevents {{}}\n"
        f"http {{\n    access_log off;\n    include {folder}/kneewise;\n}}\n"
    )
    return conf
