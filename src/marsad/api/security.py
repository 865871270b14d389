"""Bearer-token check for writes, and the loopback test ``marsad serve`` applies.

When the app has a token (``MARSAD_API_TOKEN``), every write needs
``Authorization: Bearer <token>``; reads stay open. Tokens are compared in
constant time.
"""
from __future__ import annotations

import hmac
import ipaddress

from fastapi import Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from marsad.api.errors import ApiError

bearer = HTTPBearer(auto_error=False, description="Needed for writes when MARSAD_API_TOKEN is set.")


def require_writer(request: Request, creds: HTTPAuthorizationCredentials | None) -> None:
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
