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


@lru_cache(maxsize=8)
def environment(lang: str = "en", digits: str = "latn"):
    """The Jinja2 environment of one interface language and digit choice: autoescape on for
    every template; a missing field renders empty (store rows may gain or lose columns without
    breaking a page); ``_``/``ngettext``/``pgettext`` from the Babel catalogue of ``lang``
    (``jinja2.ext.i18n``, new-style: ``_('%(n)s figures', n=3)`` formats and escapes)."""
    import jinja2

    from marsad import i18n
    from marsad.web import view

    ui = i18n.UI(lang, digits)
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATE_DIR)),
                             autoescape=True, undefined=jinja2.ChainableUndefined,
                             trim_blocks=True, lstrip_blocks=True, extensions=["jinja2.ext.i18n"])
    env.install_gettext_translations(i18n.translations(lang), newstyle=True)
    env.filters["money"] = ui.money
    env.filters["num"] = ui.num
    env.filters["int"] = ui.int
    env.filters["pct"] = ui.pct
    env.filters["date"] = lambda v: ui.date(v, short=True)
    env.filters["longdate"] = ui.date
    env.filters["stated"] = lambda row: view.fmt_stated(row, lang, digits)
    env.filters["source"] = view.source_label
    env.filters["name"] = ui.name
    env.filters["kind"] = lambda v: view.label(v, lang)
    env.globals["is_arabic"] = view.is_arabic
    env.globals["company_href"] = company_href
    env.globals["ui"] = ui
    env.globals["country"] = ui.country
    env.globals["topic_label"] = lambda code: view.topic_label(code, lang)
    env.globals["fact_labels"] = {code: view.label(code, lang) for code in sorted(view.FACT_LABELS)}
    return env


def company_href(name: str) -> str:
    """The company page of ``name`` (URL-quoted: any script, any character); the list without one."""
    from urllib.parse import quote

    if not isinstance(name, str) or not name.strip():
        return "/companies"
    return "/companies/" + quote(name, safe="")


def render(name: str, ui: Any = None, **context: Any) -> str:
    """Render template ``name`` with ``context`` (all values escaped unless Markup) for the
    reader ``ui`` (a ``marsad.i18n.UI``: interface language and digits; English without)."""
    from marsad import i18n

    lang = (ui and i18n.supported_lang(ui.lang)) or i18n.DEFAULT_LANG
    digits = ui.digits if ui is not None and lang == "ar" and ui.digits in i18n.DIGITS else "latn"
    return environment(lang, digits).get_template(name).render(**context)
