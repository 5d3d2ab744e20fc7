"""A local HTTP server for tests of the city-data clients (and the disaster-text API beside them): each route (the
last path segment, URL-decoded, without the query) answers with a status, a body and a delay, so back-off,
timeouts and truncated bodies are exercised over a real socket."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import unquote, urlsplit

Routes = dict[str, tuple[int, bytes, float]]  # name -> (status, body, seconds before answering)


@contextmanager
def serving(routes: Routes) -> Iterator[str]:
    """The base URL of a server answering ``routes`` (404 for any other), shut down on exit."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            path = urlsplit(self.path).path  # the query (an API's key and paging) does not choose the route
            status, body, delay = routes.get(unquote(path.rstrip("/").rsplit("/", 1)[-1]), (404, b"", 0.0))
            time.sleep(delay)
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)
