"""The reader's language and digits for a page request, and the cookies that remember them.

``?lang=ar`` (or ``en``) wins, then the ``marsad_lang`` cookie, then ``Accept-Language``;
``?digits=arab`` (Arabic-Indic) or ``latn`` (Western), then the ``marsad_digits`` cookie.
A query choice is remembered in its cookie (one year, same site, not readable by scripts),
so the next page keeps it. The choice itself is ``marsad.i18n``'s.
"""
from __future__ import annotations

from fastapi import Request
from starlette.responses import Response

from marsad import i18n

YEAR = 365 * 24 * 3600


def ui_of(request: Request) -> i18n.UI:
    q, c = request.query_params, request.cookies
    lang = i18n.negotiate(q.get("lang"), c.get(i18n.LANG_COOKIE), request.headers.get("accept-language"))
    digits = i18n.choose_digits(q.get("digits"), c.get(i18n.DIGITS_COOKIE)) if lang == "ar" else "latn"
    return i18n.UI(lang, digits)


def switch_links(request: Request, ui: i18n.UI) -> dict[str, object]:
    """Links to this page in each language (and, on Arabic pages, in each kind of digits),
    keeping the path and query; a page answering a POST links to the start page instead."""
    def href(**params: str) -> str:
        if request.method not in ("GET", "HEAD"):
            return "/?" + "&".join(f"{k}={v}" for k, v in params.items())
        url = request.url.include_query_params(**params)
        return url.path + ("?" + url.query if url.query else "")

    return {"langs": [(lang, href(lang=lang), lang == ui.lang) for lang in i18n.LANGS],
            "digits": [(d, href(digits=d), d == ui.digits) for d in i18n.DIGITS] if ui.lang == "ar" else []}


def remember(request: Request, response: Response) -> Response:
    """Set the cookies of a choice made in the query; answers vary with the language inputs."""
    q = request.query_params
    lang = i18n.supported_lang(q.get("lang"))
    if lang:
        response.set_cookie(i18n.LANG_COOKIE, lang, max_age=YEAR, httponly=True, samesite="lax")
    digits = (q.get("digits") or "").strip().lower()
    if digits in i18n.DIGITS:
        response.set_cookie(i18n.DIGITS_COOKIE, digits, max_age=YEAR, httponly=True, samesite="lax")
    response.headers["Vary"] = "Accept-Language, Cookie"
    return response
