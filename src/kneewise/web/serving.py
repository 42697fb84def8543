"""How `kneewise serve` runs uvicorn: TCP_NODELAY on every connection, and workers evenly fed.

Nagle's algorithm holds a small write until the peer acknowledges the last
one, and the peer delays that acknowledgement (about 40 ms on Linux): a
keep-alive request whose answer is written in two pieces then waits for it.
asyncio turns Nagle off on accepted sockets only when the listener reports
`proto == IPPROTO_TCP`, and uvicorn's multi-process supervisor binds its
listener with `proto` left at 0, so with `--workers N` every connection
keeps Nagle on (uvicorn issue #3149, github.com/Kludex/uvicorn/issues/3149).
`NoDelayH11Protocol` sets TCP_NODELAY itself when a connection is made, so
one process or many, no answer waits for a delayed ACK.

With several workers uvicorn hands them one listening socket, and whichever
worker accepts first takes every connection waiting then: a burst of
keep-alive connections (a proxy's pool, a load test) can land on one worker
while the others idle (measured by `make bench`: one worker of two doing
99% of the work). On Linux `run` gives each worker a listener of its own
on the same address instead (SO_REUSEPORT), and the kernel spreads new
connections across them by their addresses (socket(7), SO_REUSEPORT: a
distinct listener per thread or process for better accept load
distribution). Other systems keep uvicorn's one shared socket: macOS and
the BSDs accept SO_REUSEPORT but do not balance between the listeners.
"""

from __future__ import annotations

import asyncio
import socket
import sys
from typing import Any

import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol
from uvicorn.supervisors import Multiprocess

from kneewise._listeners import ListenerPerWorker

#: The protocol class as uvicorn's `http` setting takes it (an import string, so workers find it).
HTTP_PROTOCOL = "kneewise.web.serving:NoDelayH11Protocol"
_TCP_FAMILIES = (socket.AF_INET, socket.AF_INET6)


def set_no_delay(transport: asyncio.BaseTransport) -> None:
    """Turn Nagle's algorithm off on a TCP connection (a Unix socket is left as it is)."""
    connection = transport.get_extra_info("socket")
    if connection is not None and connection.family in _TCP_FAMILIES:
        connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


class NoDelayH11Protocol(H11Protocol):
    """uvicorn's h11 protocol with TCP_NODELAY set on each accepted connection."""

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        set_no_delay(transport)
        super().connection_made(transport)


def uvicorn_options(host: str, port: int, workers: int = 1) -> dict[str, Any]:
    """The uvicorn settings `kneewise serve` and the API bench share.

    `workers` above 1 runs that many processes on one listening address.
    """
    return {"host": host, "port": port, "workers": workers, "http": HTTP_PROTOCOL}


def run(app: Any, host: str, port: int, workers: int = 1, **settings: Any) -> None:
    """Serve `app` as `kneewise serve` does: `uvicorn_options`, and a listener per worker.

    `app` is an ASGI app, or with `factory=True` in `settings` an import
    string naming a function that makes one (several workers need the
    string). Other `settings` go to uvicorn as they are (log_level,
    access_log, or `http` to compare another protocol). With one worker, or
    off Linux, this is `uvicorn.run`. An address that cannot be
    bound stops with uvicorn's log line and exit status 3, as `uvicorn.run`.
    """
    options = {**uvicorn_options(host, port, workers), **settings}
    if workers == 1 or not sys.platform.startswith("linux"):
        uvicorn.run(app, **options)
        return
    config = uvicorn.Config(app, **options)
    try:
        listener = ListenerPerWorker.bound(host, port)
    except OSError as error:
        uvicorn.config.logger.error(error)
        raise SystemExit(uvicorn.config.STARTUP_FAILURE) from error
    with listener:
        Multiprocess(config, sockets=[listener]).run()
