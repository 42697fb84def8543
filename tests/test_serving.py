"""`kneewise serve`'s uvicorn settings leave no keep-alive answer waiting on Nagle.

The listener is bound the way uvicorn's multi-process supervisor binds it
(`proto` 0, uvicorn issue #3149), the case where asyncio leaves Nagle on; the
real protocol class then answers real requests over a real loopback socket,
and the accepted socket is read back from the running server.
"""

from __future__ import annotations

import http.client
import pickle
import socket
import sys
import threading
import time
from collections.abc import Callable, Iterator
from multiprocessing.reduction import ForkingPickler
from typing import Any

import pytest
import uvicorn

from kneewise._listeners import ListenerPerWorker, reuse_port_listener
from kneewise.web.serving import HTTP_PROTOCOL, uvicorn_options

Receive = Callable[[], Any]
Send = Callable[[dict[str, Any]], Any]


async def answer(scope: dict[str, Any], receive: Receive, send: Send) -> None:
    """The smallest JSON answer, written in two pieces as frameworks do (head, then body)."""
    await send({"type": "http.response.start", "status": 200,
                "headers": [(b"content-type", b"application/json")]})  # fmt: skip
    await send({"type": "http.response.body", "body": b'{"ok": true}'})


@pytest.fixture
def prebound() -> Iterator[socket.socket]:
    """A listener with `proto` 0, as uvicorn's supervisor makes it for `--workers N`."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    try:
        yield listener
    finally:
        listener.close()


def test_the_listener_is_the_case_that_keeps_nagle_on(prebound: socket.socket) -> None:
    assert prebound.proto == 0


def test_every_accepted_connection_has_tcp_nodelay(prebound: socket.socket) -> None:
    config = uvicorn.Config(answer, http=HTTP_PROTOCOL, lifespan="off", log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [prebound]}, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 30
        while not server.started and time.monotonic() < deadline:
            time.sleep(0.05)
        client = http.client.HTTPConnection(*prebound.getsockname(), timeout=10)
        for _ in range(3):  # keep-alive: the same connection answers again and again
            client.request("GET", "/")
            assert client.getresponse().read() == b'{"ok": true}'
        [connection] = server.server_state.connections
        accepted = connection.transport.get_extra_info("socket")
        assert accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) != 0
        client.close()
    finally:
        server.should_exit = True
        thread.join(timeout=30)


def test_serve_and_the_bench_share_the_settings() -> None:
    options = uvicorn_options("127.0.0.1", 8000, workers=2)
    assert options == {"host": "127.0.0.1", "port": 8000, "workers": 2, "http": HTTP_PROTOCOL}
    assert uvicorn.Config("kneewise.web.app:create_app", **options).http == HTTP_PROTOCOL


LINUX_ONLY = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="serve keeps one shared socket off Linux"
)


@LINUX_ONLY
def test_each_worker_gets_a_listener_of_its_own_on_the_same_address() -> None:
    """What uvicorn's supervisor hands a worker: a new socket on the parent's address."""
    with ListenerPerWorker.bound("127.0.0.1", 0) as parent:
        data = ForkingPickler.dumps([parent])
        [first], [second] = pickle.loads(data), pickle.loads(data)
        with first, second:
            assert first.getsockname() == second.getsockname() == parent.getsockname()
            assert first.fileno() != second.fileno() != parent.fileno()
            assert first.getsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT) != 0


@LINUX_ONLY
def test_the_kernel_spreads_connections_across_the_workers_listeners() -> None:
    """A burst of connections does not all wait in one worker's queue (the parent takes none)."""
    with ListenerPerWorker.bound("127.0.0.1", 0) as parent:
        address = parent.getsockname()
        listeners = [reuse_port_listener(socket.AF_INET, address) for _ in range(2)]
        for listener in listeners:
            listener.listen(128)
            listener.setblocking(False)
        clients = [socket.create_connection(address, timeout=10) for _ in range(64)]
        accepted = [0, 0]
        deadline = time.monotonic() + 30
        while sum(accepted) < len(clients) and time.monotonic() < deadline:
            for index, listener in enumerate(listeners):
                try:
                    connection, _ = listener.accept()
                except BlockingIOError:
                    continue
                connection.close()
                accepted[index] += 1
        for client in [*clients, *listeners]:
            client.close()
    assert sum(accepted) == len(clients)
    assert min(accepted) > 0  # all 64 on one of two: a chance of 2**-63 if spread at random
