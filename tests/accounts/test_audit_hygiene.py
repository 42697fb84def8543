"""No personal data in the server's logs: the access log's paths, exception tracebacks.

The access log is uvicorn's own, from a real server on loopback; the
tracebacks are real exceptions whose messages quote what a person typed.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
import uvicorn
from pydantic import BaseModel, ValidationError
from tests.conftest import _free_port

from kneewise.settings import Settings
from kneewise.web import create_app, hygiene

SECRET = "my knee gave way at the okapi house"


class _Pain(BaseModel):
    during: int


@contextmanager
def capturing() -> Iterator[io.StringIO]:
    """Every line the request loggers write, formatted as a server's log shows it.

    Started after uvicorn has set up its logging, which replaces the loggers' handlers.
    """
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(name)s %(levelname)s %(message)s"))
    loggers = [logging.getLogger(n) for n in (hygiene.ACCESS_LOGGER, *hygiene.TRACEBACK_LOGGERS)]
    for logger in loggers:
        logger.addHandler(handler)
    yield stream
    for logger in loggers:
        logger.removeHandler(handler)


@pytest.fixture
def captured() -> Iterator[io.StringIO]:
    with capturing() as stream:
        yield stream


def test_the_access_log_shows_the_path_without_the_query(tmp_path: Path) -> None:
    app = create_app(Settings(data_dir=tmp_path, database_url=None))
    config = uvicorn.Config(app, host="127.0.0.1", port=_free_port(), log_level="info", ws="none")
    with capturing() as captured:
        _serve_and_ask(config)
    lines = [line for line in captured.getvalue().splitlines() if "uvicorn.access" in line]
    assert any("GET /api/v1/sessions HTTP/1.1" in line for line in lines), lines
    assert any("GET /diary HTTP/1.1" in line for line in lines), lines
    log = captured.getvalue()
    today = dt.date.today().isoformat()
    assert "okapi" not in log and "?" not in "".join(lines) and today not in "".join(lines)


def _serve_and_ask(config: uvicorn.Config) -> None:
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "the server did not start"
        time.sleep(0.05)
    try:
        base = f"http://127.0.0.1:{config.port}"
        today = dt.date.today().isoformat()
        answer = httpx.get(f"{base}/api/v1/sessions", params={"from": today, "note": SECRET})
        assert answer.status_code in (200, 422)
        httpx.get(f"{base}/diary", params={"q": SECRET})
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def _failing_with_what_was_typed() -> None:
    try:
        _Pain.model_validate({"during": SECRET})
    except ValidationError as error:
        raise RuntimeError(f"could not save {SECRET!r}") from error


@pytest.mark.parametrize("logger_name", hygiene.TRACEBACK_LOGGERS)
def test_a_traceback_keeps_where_and_what_kind_but_not_the_message(
    tmp_path: Path, captured: io.StringIO, logger_name: str
) -> None:
    create_app(Settings(data_dir=tmp_path, database_url=None))  # installs the filters
    try:
        _failing_with_what_was_typed()
    except RuntimeError as error:
        logging.getLogger(logger_name).error("unhandled error on POST /diary/pain", exc_info=error)
    log = captured.getvalue()
    assert "okapi" not in log and "gave way" not in log
    assert "unhandled error on POST /diary/pain" in log
    assert "_failing_with_what_was_typed" in log  # the frames stay: where it failed
    assert "pydantic_core._pydantic_core.ValidationError: (message withheld" in log
    assert "RuntimeError: (message withheld" in log
    assert log.index("ValidationError") < log.index("RuntimeError")  # the cause first


def test_the_filters_are_put_on_once(tmp_path: Path) -> None:
    for _ in range(3):
        create_app(Settings(data_dir=tmp_path, database_url=None))
    access = logging.getLogger(hygiene.ACCESS_LOGGER).filters
    assert sum(isinstance(f, hygiene.PathOnly) for f in access) == 1
    for name in hygiene.TRACEBACK_LOGGERS:
        filters = logging.getLogger(name).filters
        assert sum(isinstance(f, hygiene.TracebackWithoutMessages) for f in filters) == 1
