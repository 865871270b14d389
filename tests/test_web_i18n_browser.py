"""The pages in Arabic and in English in a real browser (Debian's chromium, Playwright).

Home, article, investments leaderboard, company and stock moves, each in both languages:
``<html lang dir>``, no English interface text left on the Arabic page (the visible text is
checked against the catalogue's English msgids), the layout mirrored (the side panel, the
tables, the leaderboard's bars), and the language switch keeping the page. Screenshots go to
var/screenshots/ (ar-home.png, en-home.png, ...; their paths are printed).
"""
from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from test_i18n import english_msgids, leftover_english
from web_server import DEV, SCREENSHOTS, ServerThread, fill_store

pytestmark = [pytest.mark.browser, pytest.mark.slow]

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

# The page's own words: the body without data (dir="auto" marks every name, title, sentence and
# source the store holds), the article text, code, the charts' tooltips (they quote article
# titles) and the language switch (it names "English").
VISIBLE_INTERFACE_TEXT = """() => {
  const body = document.body.cloneNode(true);
  body.querySelectorAll('[dir="auto"], article, code, pre, script, style, #lang-switch, .alias, details, svg title')
      .forEach(e => e.remove());
  const attrs = [...document.querySelectorAll('[placeholder], [title], [aria-label]')]
      .filter(e => !e.closest('[dir="auto"], article, #lang-switch'))
      .map(e => [e.getAttribute('placeholder'), e.getAttribute('title'), e.getAttribute('aria-label')].join(' '));
  return (body.textContent + ' ' + attrs.join(' ')).replace(/\\s+/g, ' ');
}"""


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    from marsad.api import create_app

    db = str(tmp_path_factory.mktemp("web-i18n") / "web.duckdb")
    ids = fill_store(db)
    with ServerThread(create_app(db, token="")) as srv:
        srv.ids = ids
        yield srv


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is required in CI (scripts/setup-test-env.sh installs it)")
        pytest.skip(f"{CHROMIUM} not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


def new_page(browser, server, locale: str = "en-US"):
    """A fresh page (no cookies) that records console errors and refuses requests off the server."""
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000}, locale=locale)
    pg = ctx.new_page()
    pg.set_default_timeout(300_000)  # a hang guard on a busy machine, not a speed test
    pg.errors, pg.offsite = [], []
    pg.on("console", lambda m: m.type == "error" and pg.errors.append(m.text))
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))

    def guard(route):
        if route.request.url.startswith(server.url):
            route.continue_()
        else:
            pg.offsite.append(route.request.url)
            route.abort()

    pg.route("**/*", guard)
    return ctx, pg


@pytest.fixture
def shot(capsys):
    def take(pg, name: str, full: bool = True) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / name
        pg.screenshot(path=str(path), full_page=full)
        with capsys.disabled():
            print(f"\nscreenshot: {path}", end="")
        return path
    return take


def pages(server) -> dict[str, str]:
    """Home, an Arabic and an English article, the leaderboard, a company and the moves."""
    english = sorted((DEV / "en" / "docs").glob("*.txt"))[0].stem
    return {"home": "/", "article": f"/documents/{server.ids['seed-alibaba-ai-ar']}",
            "article-en": f"/documents/{server.ids[english]}",
            "investments": "/investments", "company": "/companies/Alibaba%20Group", "moves": "/moves"}


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_pages_in_each_language(browser, server, shot, lang):
    msgids = english_msgids()
    ctx, pg = new_page(browser, server)
    try:
        for name, path in pages(server).items():
            sep = "&" if "?" in path else "?"
            pg.goto(f"{server.url}{path}{sep}lang={lang}")
            pg.wait_for_load_state("load")
            html = pg.locator("html")
            assert html.get_attribute("lang") == lang, name
            assert html.get_attribute("dir") == ("rtl" if lang == "ar" else "ltr"), name
            assert pg.evaluate("getComputedStyle(document.body).direction") == html.get_attribute("dir")
            text = pg.evaluate(VISIBLE_INTERFACE_TEXT)
            left = leftover_english(text, msgids)
            if lang == "ar":
                assert not left, f"{name}: English interface text on the Arabic page: {left}"
                nav = pg.locator("header nav").inner_text()
                assert "الاستثمارات" in nav and "تحركات الأسهم" in nav and "الشركات" in nav
                assert not re.search(r"[A-Za-z]", nav), nav
            else:
                assert left, name  # the check does see English words on the English page
                assert "Investments" in pg.locator("header nav").inner_text()
            shot(pg, f"{lang}-{name}.png")
        assert pg.errors == [] and pg.offsite == []
    finally:
        ctx.close()


def test_arabic_layout_mirrors(browser, server, shot):
    ctx, pg = new_page(browser, server)
    try:
        # the article: text on the right, the side panel of key points and tables on the left
        pg.goto(f"{server.url}{pages(server)['article']}?lang=ar")
        article = pg.locator("article#article").bounding_box()
        side = pg.locator("aside.side").bounding_box()
        assert side["x"] + side["width"] <= article["x"] + 1
        assert pg.locator("#key-points h2").inner_text() == "أبرز النقاط"
        # tables read from the right: the first column's header is the rightmost
        ths = pg.locator("#entities-table thead th")
        assert ths.nth(0).bounding_box()["x"] > ths.nth(1).bounding_box()["x"]
        # a tooltip in Arabic
        pg.locator("#article mark.q").first.hover()
        tip = pg.locator("#tip")
        tip.wait_for(state="visible")
        assert "القيمة" in tip.inner_text() and "مبلغ مالي" in tip.inner_text()
        shot(pg, "ar-article-tooltip.png", full=False)
        pg.goto(f"{server.url}{pages(server)['article']}?lang=en")
        article = pg.locator("article#article").bounding_box()
        side = pg.locator("aside.side").bounding_box()
        assert article["x"] + article["width"] <= side["x"] + 1
        # the leaderboard: names on the right edge, bars growing leftwards; names in Arabic
        pg.goto(f"{server.url}/investments?lang=ar")
        bar = pg.locator("#leaderboard g.bar[data-label='Alibaba Group']")
        assert bar.locator("text.lbl").text_content() == "علي بابا"
        label, rect = bar.locator("text.lbl").bounding_box(), bar.locator("rect").bounding_box()
        assert label["x"] >= rect["x"] + rect["width"] - 1
        assert "مليار دولار" in bar.locator("text.val").text_content()
        # Arabic-Indic digits on request, remembered on the next page
        pg.goto(f"{server.url}/investments?digits=arab")
        usd = pg.locator("#figures-table td[data-usd]").first.inner_text()
        assert re.search("[٠-٩]", usd) and not re.search("[0-9]", usd)
        shot(pg, "ar-investments-arabic-indic-digits.png")
        pg.goto(f"{server.url}/moves")
        assert pg.locator("html").get_attribute("lang") == "ar"
        assert re.search("[٠-٩]", pg.locator("#moves-table tbody td.num").first.inner_text())
        assert pg.errors == [] and pg.offsite == []
    finally:
        ctx.close()


def test_switch_keeps_the_page_and_accept_language_decides_first(browser, server):
    ctx, pg = new_page(browser, server, locale="ar-SA")
    try:
        pg.goto(f"{server.url}/moves?sort=change")
        assert pg.locator("html").get_attribute("lang") == "ar"  # from Accept-Language
        pg.locator("#lang-switch a[data-lang='en']").click()
        pg.wait_for_url("**/moves?sort=change&lang=en")
        assert pg.locator("html").get_attribute("lang") == "en"
        pg.goto(f"{server.url}/companies")  # the cookie now wins over Accept-Language
        assert pg.locator("html").get_attribute("lang") == "en"
        assert pg.locator("h1").inner_text() == "Companies"
        assert pg.errors == [] and pg.offsite == []
    finally:
        ctx.close()
