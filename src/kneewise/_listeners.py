"""A listening address shared by several server processes, each with its own accept queue.

Kept out of `kneewise.web` on purpose: uvicorn's supervisor pickles a
`ListenerPerWorker` into each worker it starts, and the worker unpickles it
(importing this module) before it can answer the supervisor's health check;
importing the web app there would take longer than that check waits
(5 s by default), and the worker would be restarted again and again.
"""

from __future__ import annotations

import socket
from typing import Any


def reuse_port_listener(family: int, address: tuple[Any, ...]) -> socket.socket:
    """A new TCP socket bound to `address` beside others on it (SO_REUSEPORT), not listening.

    Raises OSError when the address cannot be bound (taken by a socket
    without SO_REUSEPORT or by another user, not this machine's, a port
    below 1024 without the right).
    """
    listener = socket.socket(family, socket.SOCK_STREAM)
    _share(listener)
    listener.bind(address)
    listener.set_inheritable(True)
    return listener


class ListenerPerWorker(socket.socket):
    """A bound socket that arrives in each worker process as a listener of its own.

    uvicorn's supervisor pickles its sockets into every worker it starts (and
    restarts); this one unpickles as `reuse_port_listener` on the same
    address, so each worker has its own accept queue and the kernel spreads
    new connections across them by their addresses (socket(7), SO_REUSEPORT).
    The parent's own socket only holds the port: it never listens.
    """

    @classmethod
    def bound(cls, host: str, port: int) -> ListenerPerWorker:
        """Bound to `host`:`port` (0: a free port); raises OSError as `reuse_port_listener`."""
        listener = cls(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM)
        try:
            _share(listener)
            listener.bind((host, port))
        except OSError:
            listener.close()
            raise
        return listener

    def __reduce__(self) -> tuple[Any, tuple[int, tuple[Any, ...]]]:
        return reuse_port_listener, (int(self.family), self.getsockname())


def _share(listener: socket.socket) -> None:
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
