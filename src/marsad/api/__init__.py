"""Marsad's REST API and web pages (FastAPI): ``create_app(store_url=None, token=None)``."""
from __future__ import annotations


def create_app(store_url=None, token=None, max_bytes=None, **options):
    """See ``marsad.api.app.create_app`` (options: allowed_hosts, extract_max_bytes)."""
    from marsad.api.app import create_app as _create

    return _create(store_url, token, max_bytes, **options)


__all__ = ["create_app"]
