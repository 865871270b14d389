"""A throwaway PostgreSQL server for the store tests.

``MARSAD_TEST_PG_URL`` set → use that server. Otherwise find ``initdb``/``pg_ctl``
(PATH, then /usr/lib/postgresql/*/bin; in CI, ``apt-get install postgresql`` if
missing), ``initdb`` a temporary cluster and start it on a free loopback port with
fsync off. As root (initdb refuses root) the server runs as the ``postgres`` system
user (or ``nobody``) through ``runuser``. ``stop()`` removes everything.

Run it by hand:  python tests/pg_server.py   (prints a URL, stops on Enter)
"""
from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path


class PgUnavailable(RuntimeError):
    pass


def _bindir() -> Path | None:
    found = shutil.which("pg_ctl")
    if found:
        return Path(found).parent
    cands = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"),
                   key=lambda p: int(p.split("/")[4]) if p.split("/")[4].isdigit() else 0)
    return Path(cands[-1]).parent if cands else None


def _install() -> None:
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        return
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], env=env, capture_output=True, timeout=600)
    subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", "postgresql"],
                   env=env, capture_output=True, timeout=900)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PgServer:
    def __init__(self) -> None:
        self.url = os.environ.get("MARSAD_TEST_PG_URL", "")
        self.external = bool(self.url)
        self.tmp: str | None = None
        self._user: str | None = None

    def _run(self, args: list[str], **kw) -> subprocess.CompletedProcess:
        cmd = ["runuser", "-u", self._user, "--", *args] if self._user else args
        return subprocess.run(cmd, capture_output=True, text=True, timeout=600, **kw)

    def start(self) -> str:
        if self.external:
            return self.url
        bindir = _bindir()
        if bindir is None and (os.environ.get("CI") or os.environ.get("MARSAD_TEST_PG_INSTALL")):
            _install()
            bindir = _bindir()
        if bindir is None:
            raise PgUnavailable("no PostgreSQL binaries (apt-get install postgresql, or set MARSAD_TEST_PG_URL)")
        if os.geteuid() == 0:
            import pwd

            for name in ("postgres", "nobody"):
                try:
                    pwd.getpwnam(name)
                    self._user = name
                    break
                except KeyError:
                    continue
        self.tmp = tempfile.mkdtemp(prefix="marsad-pg-")
        os.chmod(self.tmp, 0o755)
        data, sock = os.path.join(self.tmp, "data"), os.path.join(self.tmp, "sock")
        os.makedirs(sock)
        if self._user:
            import pwd

            pw = pwd.getpwnam(self._user)
            for p in (self.tmp, sock):
                os.chown(p, pw.pw_uid, pw.pw_gid)
        r = self._run([str(bindir / "initdb"), "-D", data, "-U", "postgres", "-A", "trust", "-N",
                       "-E", "UTF8", "--locale=C"])
        if r.returncode:
            raise PgUnavailable(f"initdb failed: {r.stderr.strip()[-300:]}")
        port = _free_port()
        opts = (f"-p {port} -k {sock} -c listen_addresses=127.0.0.1 -c fsync=off "
                "-c synchronous_commit=off -c full_page_writes=off -c max_connections=50")
        r = self._run([str(bindir / "pg_ctl"), "-D", data, "-o", opts, "-l",
                       os.path.join(self.tmp, "log"), "-w", "-t", "60", "start"])
        if r.returncode:
            log = Path(self.tmp, "log").read_text(errors="replace")[-500:] if Path(self.tmp, "log").exists() else ""
            raise PgUnavailable(f"pg_ctl start failed: {r.stderr.strip()[-300:]} {log}")
        self._bindir, self._data = bindir, data
        self.url = f"postgresql://postgres@127.0.0.1:{port}/postgres"
        return self.url

    def new_database(self) -> str:
        """A fresh empty database on the server; returns its URL."""
        import psycopg

        name = "t_" + uuid.uuid4().hex[:12]
        with psycopg.connect(self.url, autocommit=True) as c:
            c.execute(f"CREATE DATABASE {name}")
        return self.url.rsplit("/", 1)[0] + "/" + name

    def drop_database(self, url: str) -> None:
        import psycopg

        name = url.rsplit("/", 1)[1]
        try:
            with psycopg.connect(self.url, autocommit=True) as c:
                c.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        except psycopg.Error:
            pass

    def stop(self) -> None:
        if self.external or not self.tmp:
            return
        try:
            self._run([str(self._bindir / "pg_ctl"), "-D", self._data, "-m", "immediate", "-w", "stop"])
        except Exception:  # noqa: BLE001 - best effort
            pass
        shutil.rmtree(self.tmp, ignore_errors=True)
        self.tmp = None


if __name__ == "__main__":
    srv = PgServer()
    print(srv.start(), flush=True)
    try:
        input("PostgreSQL is running; press Enter to stop\n")
    finally:
        srv.stop()
