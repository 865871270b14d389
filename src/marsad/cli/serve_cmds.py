"""The ``serve`` command: the REST API and the web pages on uvicorn (OpenAPI at /docs).

It listens on 127.0.0.1 unless told otherwise, and refuses any other address
unless ``MARSAD_API_TOKEN`` is set (writes then need that bearer token; at least 32
characters: ``marsad serve --new-token`` prints a fresh one). Requests must name the
server in their Host header: loopback names, the address it listens on, and the names
given with ``--allowed-host``.
"""
from __future__ import annotations

import os
from typing import Optional

import typer

from marsad.errors import MarsadError


class ServeError(MarsadError):
    """The server cannot start as asked (M5xx)."""

    code = "M500"


def register(app: typer.Typer) -> None:
    """Add the serve command to ``app``."""
    app.command("serve")(serve)


def check_bind(host: str, token: str | None) -> None:
    """Refuse a non-loopback address without a token (M501), and a short token (M503)."""
    from marsad.api.security import is_loopback
    from marsad.api.state import check_token

    token = check_token(token)
    if not is_loopback(host) and not token:
        raise ServeError(f"refusing to listen on {host} without MARSAD_API_TOKEN: anyone who can reach "
                         "it could write to the store. Set one with "
                         "'export MARSAD_API_TOKEN=$(marsad serve --new-token)', or listen on 127.0.0.1",
                         code="M501")


def new_token() -> str:
    """A fresh random bearer token (43 URL-safe characters, 256 bits)."""
    import secrets

    return secrets.token_urlsafe(32)


def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on. Anything but loopback "
                                                          "needs MARSAD_API_TOKEN."),
    port: int = typer.Option(8000, "--port", "-p", min=0, max=65535, help="TCP port (0: any free port)."),
    db: Optional[str] = typer.Option(None, "--db", envvar="MARSAD_DB", show_envvar=False,
                                     help="Database: a DuckDB file path or a postgresql:// URL. Default: "
                                          "$MARSAD_DB, else ~/.local/share/marsad/marsad.duckdb."),
    max_bytes: int = typer.Option(2 * 1024 * 1024, "--max-bytes", min=1024,
                                  help="Largest request body accepted (413 beyond it)."),
    allowed_host: Optional[list[str]] = typer.Option(
        None, "--allowed-host", help="A name clients use to reach the server (its public DNS name), "
                                     "besides loopback and the listening address; repeatable. "
                                     "Also MARSAD_ALLOWED_HOSTS (comma-separated)."),
    log_level: str = typer.Option("info", "--log-level", help="uvicorn log level."),
    make_token: bool = typer.Option(False, "--new-token", help="Print a new random token for "
                                    "MARSAD_API_TOKEN and exit."),
) -> None:
    """Serve the API (/api/..., OpenAPI at /docs) and the pages (/, /investments, ...).

    Writes (POST /api/documents) need 'Authorization: Bearer $MARSAD_API_TOKEN' when
    MARSAD_API_TOKEN is set.
    """
    if make_token:
        print(new_token())
        return
    import uvicorn

    from marsad.api import create_app
    from marsad.api.server import config as server_config

    token = os.environ.get("MARSAD_API_TOKEN") or None
    check_bind(host, token)
    hosts = list(allowed_host or [])
    if host not in ("0.0.0.0", "::", ""):
        hosts.append(host)
    app = create_app(db, token=token, max_bytes=max_bytes, allowed_hosts=hosts)
    app.state.workers.warm()  # the extraction worker loads the lexicons while the server starts
    sock = bind(host, port)
    port = sock.getsockname()[1]
    shown = f"[{host}]" if ":" in host else host
    from marsad.cli.lang import _

    print("marsad: " + _("serving on %(url)s (API docs at /docs; writes %(writes)s; Host names served: "
                         "%(hosts)s)", url=f"http://{shown}:{port}/",
                         writes=_("need the bearer token") if token else _("are open: loopback only"),
                         hosts=", ".join(app.state.settings.allowed_hosts)), flush=True)
    uvicorn.Server(server_config(app, log_level=log_level)).run(sockets=[sock])


def bind(host: str, port: int):
    """A listening socket on ``host:port``, or a one-line M502 error."""
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as e:
        raise ServeError(f"cannot resolve {host}: {e.strerror}", code="M502") from None
    family, _, _, _, addr = infos[0]
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(addr)
        sock.listen(2048)
    except OSError as e:
        sock.close()
        raise ServeError(f"cannot listen on {host}:{port}: {e.strerror or e} (another server on that "
                         "port? try --port)", code="M502") from None
    sock.set_inheritable(True)
    return sock
