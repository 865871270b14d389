"""Marsad's web pages: Jinja2 templates, local static files and the HTML builders.

Everything the pages need is served by Marsad itself (no CDN): ``static/`` holds
the hand-written CSS and JS, ``templates/`` the Jinja2 pages (autoescaped).
``highlight`` turns a text and its facts into escaped, nested highlight markup;
``charts`` draws inline SVG; ``view`` shapes facts into table rows.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

STATIC_DIR = Path(str(resources.files("marsad.web").joinpath("static")))
TEMPLATE_DIR = Path(str(resources.files("marsad.web").joinpath("templates")))


@lru_cache(maxsize=4)
def environment(lang: str = "en"):
    """The Jinja2 environment: autoescape on for every template; a missing field renders empty
    (store rows may gain or lose columns without breaking a page). Visible strings go through
    ``_()`` (``jinja2.ext.i18n``, new-style gettext; null translations until catalogues exist)."""
    import jinja2

    from marsad.web import view

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATE_DIR)),
                             autoescape=True, undefined=jinja2.ChainableUndefined,
                             trim_blocks=True, lstrip_blocks=True, extensions=["jinja2.ext.i18n"])
    env.install_null_translations(newstyle=True)
    env.filters["money"] = view.fmt_money
    env.filters["num"] = view.fmt_num
    env.filters["pct"] = view.fmt_pct
    env.filters["stated"] = view.fmt_stated
    env.filters["source"] = view.source_label
    env.globals["is_arabic"] = view.is_arabic
    env.globals["company_href"] = company_href
    return env


def company_href(name: str) -> str:
    """The company page of ``name`` (URL-quoted: any script, any character); the list without one."""
    from urllib.parse import quote

    if not isinstance(name, str) or not name.strip():
        return "/companies"
    return "/companies/" + quote(name, safe="")


def render(name: str, lang: str = "en", **context: Any) -> str:
    """Render template ``name`` in interface language ``lang`` with ``context`` (all values
    escaped unless Markup)."""
    env = environment(lang if lang in ("en", "ar") else "en")
    return env.get_template(name).render(lang=lang, **context)
