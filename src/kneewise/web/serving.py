"""How `kneewise serve` runs uvicorn: TCP_NODELAY on every connection, in any mode.

Nagle's algorithm holds a small write until the peer acknowledges the last
one, and the peer delays that acknowledgement (about 40 ms on Linux): a
keep-alive request whose answer is written in two pieces then waits for it.
asyncio turns Nagle off on accepted sockets only when the listener reports
`proto == IPPROTO_TCP`, and uvicorn's multi-process supervisor binds its
listener with `proto` left at 0, so with `--workers N` every connection
keeps Nagle on (uvicorn issue #3149, github.com/Kludex/uvicorn/issues/3149).
`NoDelayH11Protocol` sets TCP_NODELAY itself when a connection is made, so
one process or many, no answer waits for a delayed ACK.
"""

from __future__ import annotations

import asyncio
import socket
from typing import Any

from uvicorn.protocols.http.h11_impl import H11Protocol

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

    `workers` above 1 runs that many processes on one listening socket.
    """
    return {"host": host, "port": port, "workers": workers, "http": HTTP_PROTOCOL}
