"""A real HTTP server on 127.0.0.1 for tests that fetch feeds and pages.

    def test_it_reads_a_feed(feed_server):
        feed_server.route("/feed.xml", rss_bytes, content_type="application/rss+xml")
        fetch(feed_server.url("/feed.xml"))

Routes can be changed between polls (a feed that grows), answer 304 to a
matching If-None-Match, redirect, stall (`delay=`), or be a callable that
builds the response. Every request is recorded in `feed_server.requests`.
The fixture allows private networks for ingestion while it runs, since the
server is on loopback.
"""

from __future__ import annotations

import gzip as gzip_module
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


@dataclass
class Route:
    body: bytes | Callable[[], bytes] = b""
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    etag: str = ""
    delay: float = 0.0
    gzip: bool = False


@dataclass
class Seen:
    path: str
    headers: dict[str, str]


class FeedServer:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[Seen] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):  # quiet
                pass

            def do_GET(self):
                server.requests.append(
                    Seen(self.path, {k.lower(): v for k, v in self.headers.items()})
                )
                route = server.routes.get(self.path.split("?")[0])
                if route is None:
                    self._send(404, b"not found", "text/plain", {})
                    return
                if route.delay:
                    time.sleep(route.delay)
                if route.etag and self.headers.get("If-None-Match") == route.etag:
                    self._send(304, b"", "", {"ETag": route.etag})
                    return
                body = route.body() if callable(route.body) else route.body
                headers = dict(route.headers)
                if route.etag:
                    headers["ETag"] = route.etag
                if route.gzip:
                    body = gzip_module.compress(body)
                    headers["Content-Encoding"] = "gzip"
                self._send(route.status, body, route.content_type, headers)

            def _send(self, status, body, content_type, headers):
                try:
                    self.send_response(status)
                    if content_type:
                        self.send_header("Content-Type", content_type)
                    for name, value in headers.items():
                        self.send_header(name, value)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    if body:
                        self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (size cap, timeout): what the test wanted

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def start(self) -> FeedServer:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def route(self, path: str, body: bytes | str | Callable[[], bytes] = b"", **options) -> str:
        """Serve `body` at `path` (replacing what was there); returns the full URL."""
        if isinstance(body, str):
            body = body.encode()
        self.routes[path] = Route(body=body, **options)
        return self.url(path)

    def redirect(self, path: str, location: str, status: int = 302) -> str:
        return self.route(path, b"", status=status, headers={"Location": location})

    def hits(self, path: str) -> list[Seen]:
        return [r for r in self.requests if r.path.split("?")[0] == path]


@pytest.fixture
def feed_server(settings):
    """A started FeedServer on 127.0.0.1; ingestion may reach private networks meanwhile."""
    settings.INGEST_ALLOW_PRIVATE_NETWORKS = True
    server = FeedServer().start()
    yield server
    server.stop()
