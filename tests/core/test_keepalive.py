"""A refused request's body and the connection it came on, against the real server.

granian closes a keep-alive connection whose request body the application did not read (from
64 KB on), without saying so: the client finds out when its next request on that connection
fails. The platform reads such a body to its end, up to `DRAIN_MAX_BYTES`, so that the
connection carries the next request; past that it answers with `Connection: close`. These tests
speak HTTP/1.1 over a raw socket to `migforum serve --no-worker` on a throw-away installation.
"""

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from migforum.core.middleware import DRAIN_MAX_BYTES

MIGFORUM = str(Path(sys.executable).parent / "migforum")
TIMEOUT = 30


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def port(tmp_path_factory):
    var_dir = tmp_path_factory.mktemp("keepalive")
    env = {
        **{
            k: v
            for k, v in os.environ.items()
            if not k.startswith("MIGFORUM_") and k not in ("DATABASE_URL", "REDIS_URL")
        },
        "DJANGO_SETTINGS_MODULE": "migforum.settings.base",
        "MIGFORUM_VAR_DIR": str(var_dir),
    }
    subprocess.run(
        [MIGFORUM, "migrate", "--noinput"], env=env, check=True, capture_output=True, timeout=300
    )
    port = free_port()
    server = subprocess.Popen(
        [MIGFORUM, "serve", "--no-worker", "--port", str(port), "--workers", "1"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + TIMEOUT
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1) as probe:
                    probe.sendall(b"GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                    if probe.recv(100).startswith(b"HTTP/1.1 200"):
                        break
            except OSError:
                pass
            if time.monotonic() > deadline or server.poll() is not None:
                raise RuntimeError("the server did not start")
            time.sleep(0.2)
        yield port
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=10)


def read_response(sock: socket.socket) -> tuple[str, dict[str, str], bytes]:
    """One HTTP/1.1 response: status line, headers (lower case) and body."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            raise ConnectionError(f"closed before a whole response: {data[:200]!r}")
        data += chunk
    head, body = data.split(b"\r\n\r\n", 1)
    status, *lines = head.decode("latin-1").split("\r\n")
    headers = {k.strip().lower(): v.strip() for k, v in (line.split(":", 1) for line in lines)}
    if "content-length" in headers:
        while len(body) < int(headers["content-length"]):
            body += sock.recv(65536)
    elif headers.get("transfer-encoding") == "chunked":
        while not body.endswith(b"0\r\n\r\n"):
            chunk = sock.recv(65536)
            if not chunk:
                break
            body += chunk
    return status, headers, body


def post_unread(port: int, path: str, size: int) -> tuple[socket.socket, str, dict[str, str]]:
    """POST `size` bytes that no view reads; the body is sent while the answer is read, as a
    browser does."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT)
    head = (
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        f"Content-Type: application/octet-stream\r\nContent-Length: {size}\r\n\r\n"
    ).encode()

    def send() -> None:
        try:
            sock.sendall(head + b"x" * size)
        except OSError:  # the server closed after answering, as it says it will
            pass

    sender = threading.Thread(target=send, daemon=True)
    sender.start()
    status, headers, _body = read_response(sock)
    sender.join(TIMEOUT)
    return sock, status, headers


def next_request_on(sock: socket.socket) -> str:
    sock.sendall(b"GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    status, _headers, body = read_response(sock)
    assert body == b"ok"
    return status


@pytest.mark.parametrize(
    ("path", "size", "status"),
    [
        ("/health/live", 70_000, "HTTP/1.1 403 Forbidden"),  # the CSRF check refuses it unread
        ("/api/v1/states", 3_000_000, "HTTP/1.1 413 Payload Too Large"),
        ("/api/v1/states", DRAIN_MAX_BYTES - 1, "HTTP/1.1 413 Payload Too Large"),
    ],
)
def test_a_refused_body_leaves_the_connection_usable(port, path, size, status):
    sock, answered, headers = post_unread(port, path, size)
    with sock:
        assert answered == status
        assert headers.get("connection") != "close"
        assert next_request_on(sock) == "HTTP/1.1 200 OK"


def test_a_body_past_the_drain_limit_is_answered_with_connection_close(port):
    sock, answered, headers = post_unread(port, "/api/v1/states", 3 * DRAIN_MAX_BYTES)
    with sock:
        assert answered == "HTTP/1.1 413 Payload Too Large"
        assert headers["connection"] == "close"
        rest = b""
        try:
            while chunk := sock.recv(65536):
                rest += chunk
        except ConnectionResetError:
            pass
        assert rest == b""  # and the server closed it, as it said
