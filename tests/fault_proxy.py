"""A server that fails on demand: a loopback proxy in front of a real one (Redis, PostgreSQL,
an SMTP relay). Used by the fault tests (as a stand-in for Redis) and by `make chaos`.

Modes: "up" (forwards to the real server), "refuse" (nothing listens: connections are refused,
and open ones are cut) and "hang" (connections are accepted, what is sent is read and never
answered, as a server stuck on a full disk or behind a dead network path looks).
"""

import contextlib
import os
import select
import socket
import threading

from tests.workers import redis_db

REAL_REDIS = ("127.0.0.1", 6379)


def real_redis_answers() -> bool:
    try:
        with socket.create_connection(REAL_REDIS, timeout=1) as probe:
            probe.sendall(b"PING\r\n")
            return probe.recv(16) == b"+PONG\r\n"
    except OSError:
        return False


class FaultyProxy:
    def __init__(self, upstream: tuple[str, int] = REAL_REDIS, mode: str = "up"):
        self.upstream = upstream
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.commands_seen = 0  # what clients sent in "hang" mode, in chunks
        self._listener: socket.socket | None = None
        self._open: list[socket.socket] = []
        self._lock = threading.Lock()
        self.mode = ""
        self.set_mode(mode)

    @property
    def redis_url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/{redis_db(14)}"

    def set_mode(self, mode: str) -> None:
        assert mode in ("up", "refuse", "hang")
        self._cut_everything()
        self.mode = mode
        if mode != "refuse":
            listener = socket.socket()
            listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            listener.bind(("127.0.0.1", self.port))
            listener.listen(64)
            self._listener = listener
            threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def close(self) -> None:
        self._cut_everything()

    def _cut_everything(self) -> None:
        with self._lock:
            sockets, self._open = self._open, []
            if self._listener is not None:
                sockets.append(self._listener)
                self._listener = None
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return  # the listener was closed
            with self._lock:
                self._open.append(client)
            if self.mode == "hang":
                threading.Thread(target=self._swallow, args=(client,), daemon=True).start()
            else:
                try:
                    upstream = socket.create_connection(self.upstream)
                except OSError:
                    client.close()
                    continue
                with self._lock:
                    self._open.append(upstream)
                threading.Thread(target=self._pipe, args=(client, upstream), daemon=True).start()

    def _swallow(self, client: socket.socket) -> None:
        while True:
            try:
                if not client.recv(65536):
                    return
            except OSError:
                return
            self.commands_seen += 1

    @staticmethod
    def _pipe(client: socket.socket, upstream: socket.socket) -> None:
        pair = {client: upstream, upstream: client}
        try:
            while True:
                readable, _, _ = select.select(list(pair), [], [])
                for sock in readable:
                    data = sock.recv(65536)
                    if not data:
                        return
                    pair[sock].sendall(data)
        except (OSError, ValueError):
            return
        finally:
            for sock in pair:
                sock.close()


def in_ci() -> bool:
    return bool(os.environ.get("CI"))
