"""Bearer-token check for writes, and the loopback test ``marsad serve`` applies.

When the app has a token (``MARSAD_API_TOKEN``), every write needs
``Authorization: Bearer <token>``; reads stay open. Tokens are compared in
constant time. Writes sent by a browser from another origin (a page posting a
form to a server on localhost) are refused whatever the token (M511).
"""
from __future__ import annotations

import hmac
import ipaddress

from fastapi import Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from marsad.api.errors import ApiError

bearer = HTTPBearer(auto_error=False, description="Needed for writes when MARSAD_API_TOKEN is set.")


def require_writer(request: Request, creds: HTTPAuthorizationCredentials | None) -> None:
    """Refuse cross-site writes (a web page posting a form to a local server), then check the token."""
    origin = request.headers.get("origin")
    if origin and origin != "null":
        from urllib.parse import urlsplit

        if urlsplit(origin).netloc.lower() != request.headers.get("host", "").lower():
            raise ApiError(403, "M511", f"cross-site write refused (Origin {origin}): post from this "
                                        "server's own pages or from a client that sends no Origin")
    elif origin == "null":
        raise ApiError(403, "M511", "cross-site write refused (Origin null)")
    token = request.app.state.settings.token
    if not token:
        return
    if creds is None or creds.scheme.lower() != "bearer":
        raise ApiError(401, "M510", "this server needs a bearer token for writes: send "
                                    "'Authorization: Bearer <MARSAD_API_TOKEN>'")
    if not hmac.compare_digest(creds.credentials.encode(), token.encode()):
        raise ApiError(401, "M510", "wrong bearer token")


def is_loopback(host: str) -> bool:
    """True for localhost and loopback addresses (127.0.0.0/8, ::1); names other than localhost are not."""
    h = host.strip().strip("[]").lower()
    if h in ("localhost", "localhost.", "ip6-localhost"):
        return True
    try:
        return ipaddress.ip_address(h).is_loopback
    except ValueError:
        return False
