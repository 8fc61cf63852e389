"""Serve the review app with uvicorn, Jupyter-style: this machine only by default, a random token
in the printed address, the browser opened unless asked not to."""
from __future__ import annotations

import asyncio
import ipaddress
import secrets
import socket
import threading
import webbrowser
from collections.abc import Callable
from dataclasses import dataclass

import uvicorn

from grader.review.app import build_app
from grader.review.store import ReviewStore

LOOPBACK = ("127.0.0.1", "localhost", "::1")


@dataclass
class Running:
    url: str  # with the token: what a person opens
    base: str
    token: str
    server: uvicorn.Server
    thread: threading.Thread | None = None

    def stop(self) -> None:
        self.server.should_exit = True
        if self.thread is not None:
            self.thread.join(timeout=10)


def is_loopback(host: str) -> bool:
    try:
        return host == "localhost" or ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def prepare(store: ReviewStore, host: str = "127.0.0.1", port: int = 8765, token: str | None = None) -> tuple[
        Running, socket.socket]:
    """Bind the socket first (``port`` 0 picks a free one), so the printed address is the real one."""
    token = token or secrets.token_urlsafe(24)
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(128)
    port = sock.getsockname()[1]
    hosts = None if is_loopback(host) else ["*"]  # bound elsewhere on purpose: the token still guards
    app = build_app(store, token, hosts)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False))
    shown = f"[{host}]" if ":" in host else host
    base = f"http://{shown}:{port}"
    return Running(f"{base}/?token={token}", base, token, server), sock


def serve(store: ReviewStore, host: str, port: int, open_browser: bool, say: Callable[[str], None]) -> None:
    """Run until Ctrl-C."""
    running, sock = prepare(store, host, port)
    say(f"Review {len(store.results)} hand-ins at {running.url}")
    if not is_loopback(host):
        say(f"warning: listening on {host}, reachable from other machines (the token is still required)")
    say("Ctrl-C stops the server.")
    if open_browser:
        threading.Timer(0.5, webbrowser.open, args=(running.url,)).start()
    running.server.run(sockets=[sock])


def start_in_thread(store: ReviewStore, host: str = "127.0.0.1", port: int = 0) -> Running:
    """The server in a background thread (tests, benchmarks); returns once it accepts requests."""
    running, sock = prepare(store, host, port)
    thread = threading.Thread(target=lambda: asyncio.run(running.server.serve(sockets=[sock])), daemon=True)
    thread.start()
    running.thread = thread
    for _ in range(200):
        if running.server.started:
            break
        threading.Event().wait(0.05)
    return running
