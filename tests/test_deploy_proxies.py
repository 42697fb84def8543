"""docs/deploy.md's service behind its Caddy site and its nginx site, over real TLS on loopback.

The service is the page's `ExecStart` (`kneewise serve --workers`, settings
from the page's file) and each proxy runs the page's site as written. Changed
for a test machine: the ports, the certificate (nginx: self-signed, made here;
Caddy: its own local authority, via global options the page does not need),
the log folder, the database (one on the suite's throwaway PostgreSQL
cluster) and 2 app processes instead of 4 (the test machine's cores are few).
The client speaks to the proxy as a browser at https://knee.example.org would:
Host, Origin, the session cookie, the form token. Without nginx, Caddy or
PostgreSQL these tests skip locally and FAIL in CI.
"""

from __future__ import annotations

import os
import ssl
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from tests.deploy_page import (
    KNEEWISE,
    SITE,
    env_lines,
    free_port,
    made_key,
    need_tool,
    nginx_conf,
    nginx_site,
    one_block,
    self_signed,
    serve_arguments,
)

from kneewise.settings import DEFAULT_MAX_BODY_BYTES
from kneewise.web.security import too_large_detail

# The service runs on the suite's throwaway PostgreSQL cluster, as the page sets it up.
pytestmark = pytest.mark.postgres


@dataclass(frozen=True)
class Service:
    """The app processes of the page's service: their port, a signed-in cookie, their log."""

    port: int
    cookie: str
    log: Path


@dataclass(frozen=True)
class Proxy:
    """A proxy in front of the service: which, where it listens, the certificate to trust."""

    name: str
    https: str
    http: str
    certificate: Path
    service: Service
    access_log: Path | None


def _wait_for(url: str, process: subprocess.Popen[bytes], **kwargs: Any) -> None:
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        assert process.poll() is None, f"{process.args} stopped"
        try:
            if httpx.get(url, timeout=2, **kwargs).status_code < 500:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.3)
    pytest.fail(f"{url} did not answer within 180 s")


def _stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory, postgres_server: Any) -> Iterator[Service]:
    """The page's ExecStart with the page's settings (see the module docstring for changes)."""
    from kneewise.accounts.store import begin_session, create_account
    from kneewise.diary import open_diary
    from kneewise.web.session_cookie import signed_session_value

    folder = tmp_path_factory.mktemp("service")
    key = made_key().strip()
    postgres_server.admin("CREATE DATABASE kneewise_behind_proxies")
    url = postgres_server.url("kneewise_behind_proxies")
    settings = {**env_lines(), "KNEEWISE_SECRET_KEY": key, "KNEEWISE_DATABASE_URL": url}
    diary = open_diary(url)
    try:
        alice = create_account(diary, "alice", "alice's long password", is_admin=True)
        cookie = signed_session_value(key, begin_session(diary, alice.id, days=1))
    finally:
        diary.close()
    port = free_port()
    _, command = serve_arguments()
    command = [str(KNEEWISE), *command[1:]]
    command[command.index("--port") + 1] = str(port)
    command[command.index("--workers") + 1] = "2"
    clean = {n: v for n, v in os.environ.items() if not n.startswith("KNEEWISE_")}
    log = folder / "serve.log"
    with log.open("wb") as output:  # what `journalctl -u kneewise` would show
        serve = subprocess.Popen(command, env={**clean, **settings}, stdout=output,
                                 stderr=subprocess.STDOUT)  # fmt: skip
    try:
        _wait_for(f"http://127.0.0.1:{port}/health", serve)
        yield Service(port, cookie, log)
    finally:
        _stop(serve)
        postgres_server.admin("DROP DATABASE IF EXISTS kneewise_behind_proxies WITH (FORCE)")


def _nginx(folder: Path, service: Service, http: int, https: int) -> tuple[list[str], Path]:
    nginx = need_tool("nginx", "nginx-light")
    certificate = self_signed(folder)
    site = (
        nginx_site(folder)
        .replace("listen 80;", f"listen {http};")
        .replace("[::]:80;", f"[::]:{http};")
        .replace("listen 443 ssl;", f"listen {https} ssl;")
        .replace("[::]:443 ssl;", f"[::]:{https} ssl;")
        .replace("http://127.0.0.1:8000;", f"http://127.0.0.1:{service.port};")
    )
    conf = nginx_conf(folder, site, "user root;\n")  # its workers read the test's folder
    command = [nginx, "-p", str(folder), "-e", str(folder / "error.log"), "-c", str(conf),
               "-g", "daemon off;"]  # fmt: skip
    return command, certificate


def _caddy(folder: Path, service: Service, http: int, https: int) -> tuple[list[str], Path]:
    caddy = need_tool("caddy", "caddy")
    site = one_block("caddy", "reverse_proxy").replace(
        "reverse_proxy 127.0.0.1:8000", f"reverse_proxy 127.0.0.1:{service.port}"
    )
    # Test-machine global options: its own authority instead of Let's Encrypt, these ports.
    options = (
        f"{{\n\tadmin off\n\tlocal_certs\n\tskip_install_trust\n\tdefault_sni {SITE}\n"
        f"\thttp_port {http}\n\thttps_port {https}\n\tstorage file_system {folder}/data\n}}\n"
    )
    (folder / "Caddyfile").write_text(options + site)
    command = [caddy, "run", "--config", str(folder / "Caddyfile"), "--adapter", "caddyfile"]
    return command, folder / "data" / "pki" / "authorities" / "local" / "root.crt"


@pytest.fixture(scope="module", params=["nginx", "caddy"])
def proxy(
    request: pytest.FixtureRequest, service: Service, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Proxy]:
    """The page's nginx or Caddy site in front of the service, on free loopback ports."""
    folder = tmp_path_factory.mktemp(request.param)
    http, https = free_port(), free_port()
    make = _nginx if request.param == "nginx" else _caddy
    command, certificate = make(folder, service, http, https)
    env = {**os.environ, "HOME": str(folder), "XDG_DATA_HOME": str(folder / "data"),
           "XDG_CONFIG_HOME": str(folder / "config")}  # fmt: skip
    running = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        _wait_for(f"https://127.0.0.1:{https}/health", running, verify=False)
        access_log = folder / "kneewise.access.log" if request.param == "nginx" else None
        yield Proxy(request.param, f"https://127.0.0.1:{https}", f"http://127.0.0.1:{http}",
                    certificate, service, access_log)  # fmt: skip
    finally:
        _stop(running)


def _browser(proxy: Proxy, address: str = "127.0.0.1") -> httpx.Client:
    """A client at `address`, speaking to the proxy as a browser at https://knee.example.org."""
    trusted = ssl.create_default_context(cafile=str(proxy.certificate))
    trusted.check_hostname = False  # it connects to 127.0.0.1; the certificate is still checked
    transport = httpx.HTTPTransport(verify=trusted, local_address=address)
    return httpx.Client(base_url=proxy.https, transport=transport,
                        headers={"Host": SITE, "Origin": f"https://{SITE}"})  # fmt: skip


def test_plain_http_is_sent_to_https(proxy: Proxy) -> None:
    answer = httpx.get(f"{proxy.http}/diary?x=1", headers={"Host": SITE})
    assert answer.status_code in (301, 308)
    assert answer.headers["location"].startswith(f"https://{SITE}")
    assert answer.headers["location"].endswith("/diary?x=1")


def test_signed_in_form_works_through_the_proxy(proxy: Proxy) -> None:
    from kneewise.web.session_cookie import SESSION_COOKIE

    with _browser(proxy) as browser:
        browser.cookies.set(SESSION_COOKIE, proxy.service.cookie)
        page = browser.get("/settings")
        assert page.status_code == 200, page.text
        assert page.headers["strict-transport-security"] == "max-age=31536000"
        assert "no-store" in page.headers["cache-control"]
        token = browser.cookies["csrftoken"]
        form = {"number": "999", "csrftoken": token}
        saved = browser.post("/settings/emergency-number", data=form)
        assert saved.status_code == 303, saved.text  # Host, Origin and form token all agree
        other_site = {"Origin": "https://elsewhere.example"}
        refused = browser.post("/settings/emergency-number", data=form, headers=other_site)
        assert refused.status_code == 403


def test_another_host_name_never_gets_the_site(proxy: Proxy) -> None:
    with _browser(proxy) as browser:
        other = browser.get("/health", headers={"Host": "elsewhere.example"})
    if proxy.name == "nginx":  # its only site takes every name; kneewise refuses the name
        assert other.status_code == 400
        assert other.headers["content-type"] == "application/problem+json"
    else:  # Caddy serves only the site's name: an empty answer of its own
        assert (other.status_code, other.text) == (200, "")


def test_a_body_at_the_limit_reaches_the_app(proxy: Proxy) -> None:
    with _browser(proxy) as browser:
        answer = browser.post("/api/v1/sessions", content=b"x" * DEFAULT_MAX_BODY_BYTES,
                              headers={"Content-Type": "application/json"})  # fmt: skip
    # The proxy let it through and kneewise answered in its words: on this server someone not
    # signed in hears 401 before any word on their body (web/json_body.py, break-it 22).
    assert answer.status_code == 401
    assert answer.headers["content-type"] == "application/problem+json"


@pytest.mark.parametrize("size", [DEFAULT_MAX_BODY_BYTES + 1, 3_000_000, 20_000_000])
def test_too_large_a_body_gets_the_apps_plain_answer(proxy: Proxy, size: int) -> None:
    """Over the app's limit, the answer says so in the app's words (never a 502 or a bare page)."""
    with _browser(proxy) as browser:
        large = browser.post("/api/v1/sessions", content=b"x" * size,
                             headers={"Content-Type": "application/json"})  # fmt: skip
    assert large.status_code == 413, large.text[:300]
    assert large.headers["content-type"] == "application/problem+json"
    assert large.json()["detail"] == too_large_detail(DEFAULT_MAX_BODY_BYTES)


def test_the_app_sees_the_visitors_address_and_no_log_keeps_the_query(proxy: Proxy) -> None:
    """The sign-in limit counts the visitor's address (not the proxy's); no query is logged."""
    visitor, said = "127.0.0.2", "what-a-person-typed-7304"
    with _browser(proxy, visitor) as browser:
        assert browser.get(f"/health?note={said}").status_code == 200
    logs = [proxy.service.log] + ([proxy.access_log] if proxy.access_log else [])
    for log in logs:
        assert _logged(log, visitor), f"no line from {visitor} in {log.name}"
        assert said not in log.read_text()


def _logged(log: Path, visitor: str) -> bool:
    """Whether `log` has a /health line from `visitor` (a log line may follow the answer)."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        lines = [line for line in log.read_text().splitlines() if "/health" in line]
        if any(line.startswith(visitor) or f" {visitor}:" in line for line in lines):
            return True
        time.sleep(0.1)
    return False
