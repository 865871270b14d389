"""The interface in Arabic and English: catalogues, language choice, digits, numbers, dates,
names, the pages (rendered by the real app, no browser) and the CLI.

The browser half (chromium, screenshots) is tests/test_web_i18n_browser.py.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from marsad import i18n
from marsad.i18n import UI, choose_digits, format_date, format_money, format_number, negotiate

ROOT = Path(__file__).resolve().parents[1]
PO = ROOT / "src" / "marsad" / "locale" / "ar" / "LC_MESSAGES" / "messages.po"
MO = PO.with_suffix(".mo")
ARABIC_INDIC = "٠١٢٣٤٥٦٧٨٩"


# -- catalogues --------------------------------------------------------------------------
def _extracted() -> set[tuple[str | None, str]]:
    """Every marked string of the templates and Python modules, extracted as `make i18n` does
    (babel.cfg, the same keywords)."""
    from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir

    method_map, options_map = _babel_cfg()
    keywords = {**DEFAULT_KEYWORDS, "N_": None, "NP_": ((1, "c"), 2), "pgettext": ((1, "c"), 2)}
    out = set()
    for _file, _line, msg, _comments, ctx in extract_from_dir(str(ROOT / "src" / "marsad"), method_map,
                                                               options_map, keywords=keywords):
        out.add((ctx, msg if isinstance(msg, str) else tuple(msg)[0]))
    return out


def _babel_cfg():
    from babel.messages.frontend import parse_mapping_cfg

    with open(ROOT / "babel.cfg", encoding="utf-8") as fh:
        return parse_mapping_cfg(fh, str(ROOT / "babel.cfg"))


def _po():
    from babel.messages.pofile import read_po

    with open(PO, "rb") as fh:
        return read_po(fh)


def test_every_marked_string_has_an_arabic_translation():
    cat = _po()
    translated = {(m.context, m.id if isinstance(m.id, str) else m.id[0]) for m in cat if m.id
                  and (all(m.string) if isinstance(m.string, tuple) else m.string) and not m.fuzzy}
    extracted = _extracted()
    assert len(extracted) > 300
    missing = sorted(extracted - translated, key=str)
    assert not missing, (f"{len(missing)} interface strings have no Arabic translation: run `make i18n` and "
                         f"fill them in {PO.relative_to(ROOT)}: {missing[:15]}")


def test_compiled_catalogue_matches_the_po():
    from babel.messages.mofile import read_mo

    def key(m):
        return (m.context, tuple(m.id) if isinstance(m.id, (list, tuple)) else m.id)

    def val(m):
        return tuple(m.string) if isinstance(m.string, (list, tuple)) else m.string

    with open(MO, "rb") as fh:
        mo = {key(m): val(m) for m in read_mo(fh) if m.id}
    po = {key(m): val(m) for m in _po() if m.id and not m.fuzzy}
    assert mo == po, "messages.mo is out of date with messages.po: run `make i18n`"


def test_translations_keep_their_placeholders():
    """A translation that drops or renames a %(name)s would break the page; plural forms may
    leave out %(num)s (رقم واحد, رقمان)."""
    for m in _po():
        if not m.id:
            continue
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        wanted = set(re.findall(r"%\((\w+)\)s", ids[0])) - {"num"}
        for s in strings:
            got = set(re.findall(r"%\((\w+)\)s", s))
            assert wanted <= got <= wanted | {"num"}, (m.id, s)
            assert "%" not in re.sub(r"%\(\w+\)s", "", s), (m.id, s)  # a bare % breaks formatting


# -- language and digits -----------------------------------------------------------------
@pytest.mark.parametrize("query, cookie, accept, want", [
    ("ar", "en", "en-US,en;q=0.9", "ar"),             # ?lang= first
    (None, "ar", "en-US", "ar"),                      # then the cookie
    (None, None, "ar-SA,ar;q=0.9,en;q=0.8", "ar"),   # then Accept-Language
    (None, None, "fr-FR, en;q=0.5, ar;q=0.9", "ar"),  # best supported by q
    (None, None, "fr-FR, de;q=0.5", "en"),            # nothing supported: English
    (None, None, "ar;q=0", "en"),                     # q=0 means not wanted
    ("xx", "ar", None, "ar"),                          # an unknown ?lang= falls through
    ("AR", None, None, "ar"), ("ar_EG", None, None, "ar"),
    (None, None, None, "en"), (None, None, "", "en"), (None, None, "garbage;;q=x", "en"),
])
def test_language_negotiation(query, cookie, accept, want):
    assert negotiate(query, cookie, accept) == want


def test_digit_choice_and_cli_language():
    assert choose_digits() == "latn"
    assert choose_digits("arab") == "arab" and choose_digits(None, "arab") == "arab"
    assert choose_digits("latn", "arab") == "latn" and choose_digits("roman", "arab") == "arab"
    assert i18n.cli_lang(None, {"MARSAD_LANG": "ar"}) == "ar"
    assert i18n.cli_lang("en", {"MARSAD_LANG": "ar"}) == "en"
    assert i18n.cli_lang(None, {}) == "en" and i18n.cli_lang(None, {"MARSAD_LANG": "fr"}) == "en"


def test_numbers_in_each_language_and_digits():
    assert format_money(53e9) == "$53.00 bn" and format_money(380e9, "CNY") == "CNY 380.00 bn"
    assert format_money(53e9, "USD", "ar") == "53.00 مليار دولار"
    assert format_money(380e9, "CNY", "ar", "arab") == "٣٨٠٫٠٠ مليار يوان"
    assert format_money(2.5e12, "SAR", "ar") == "2.50 تريليون ريال سعودي"
    assert UI("en").pct(6.34) == "+6.34%" and UI("en").pct(-2.1) == "-2.10%"
    assert "6.34" in UI("ar").pct(6.34) and UI("ar").pct(6.34).strip("\u200e\u061c").startswith("+")
    arab = UI("ar", "arab").pct(-6.34)
    assert "٦٫٣٤" in arab and "٪" in arab and not re.search(r"[0-9]", arab)
    assert format_number(12345.678, "ar", "arab") == "١٢٬٣٤٥٫٦٧٨"
    assert format_number(1234, "en") == "1,234"


_SCALE_AR = {"مليون": 1e6, "مليار": 1e9, "تريليون": 1e12}
_SCALE_EN = {"m": 1e6, "bn": 1e9, "tn": 1e12}


def _read_back(s: str, scales: dict[str, float]) -> float:
    s = s.translate(str.maketrans(ARABIC_INDIC, "0123456789")).replace("٫", ".").replace("٬", "")
    s = s.replace(",", "").replace("$", "")
    m = re.search(r"(-?[\d.]+)(?:\s+(\S+))?", s.replace("\u200e", "").replace("\u061c", ""))
    return float(m.group(1)) * scales.get(m.group(2) or "", 1.0)


@pytest.mark.parametrize("v", [0, 7, 999.5, 12_345, 999_999, 1e6, 1_234_567, 53e9, 380e9, 999.994e9,
                               1.5e12, 4e12, 123_456e12, -2.6e9, -17.25])
def test_amounts_are_never_cut_or_misscaled(v):
    """The same amount in English, Arabic and Arabic-Indic digits: the figure and its scale
    read back to the same value (to the two decimals shown), in every language."""
    en = format_money(v, "USD")
    for lang, digits in (("ar", "latn"), ("ar", "arab")):
        ar = format_money(v, "USD", lang, digits)
        assert ar.endswith("دولار")
        back_en, back_ar = _read_back(en, _SCALE_EN), _read_back(ar, _SCALE_AR)
        assert back_ar == pytest.approx(back_en, rel=1e-12), (en, ar)
        assert back_ar == pytest.approx(v, rel=0.01, abs=0.01), (v, ar)
        if digits == "arab":
            assert not re.search(r"[0-9]", ar), ar


def test_dates_have_arabic_month_names():
    assert format_date("2025-01-15", "ar") == "15 يناير 2025"
    assert format_date("2025-09-24", "ar", "arab") == "٢٤ سبتمبر ٢٠٢٥"
    assert format_date("2025-09-24", "en") == "24 September 2025"
    assert UI("en").date("2025-09-24", short=True) == "24 Sep 2025"
    assert format_date(None, "ar") == "" and format_date("soon", "ar") == "soon"


def test_entity_names_in_the_page_language():
    from marsad.kb import display_name

    assert display_name("Alibaba Group", "ar") == "علي بابا"
    assert display_name("Alibaba Group", "en") == "Alibaba Group"
    assert display_name("alibaba", "ar") == "علي بابا"          # a kb id
    assert display_name("علي بابا", "en") == "Alibaba Group"     # an alias as written
    assert display_name("Nvidia", "ar") == "إنفيديا"
    assert display_name("Unknown Startup Ltd", "ar") == "Unknown Startup Ltd"
    assert display_name("SoftBank Group + OpenAI", "ar") == "سوفت بنك + أوبن إيه آي"
    assert display_name(None, "ar") == "" and display_name("", "ar") == ""


# -- the pages, rendered by the app ------------------------------------------------------
@pytest.fixture(scope="module")
def client(tmp_path_factory):
    from fastapi.testclient import TestClient
    from web_server import fill_store  # the store the browser tests use

    from marsad.api import create_app

    db = str(tmp_path_factory.mktemp("i18n") / "i18n.duckdb")
    ids = fill_store(db)
    c = TestClient(create_app(db, token=""), base_url="http://127.0.0.1")
    c.ids = ids
    return c


@pytest.fixture
def web(client):
    """The app's client with no language cookie (each test starts as a new reader)."""
    client.cookies.clear()
    yield client


def english_msgids() -> set[str]:
    """The English interface strings (msgids) long enough to be told apart from data."""
    out = set()
    for m in _po():
        if not m.id or m.context in ("column",):
            continue
        for s in (m.id if isinstance(m.id, tuple) else (m.id,)):
            s = re.sub(r"<[^>]+>", "", re.sub(r"%\(\w+\)s", "", s)).strip(" .:,…")
            if len(s) >= 4 and re.search(r"[A-Za-z]{3}", s) and not re.fullmatch(r"[A-Z0-9_ /().-]+", s):
                out.add(s)
    return out


def interface_text(html: str) -> str:
    """The page's own words: everything but data (elements marked dir="auto", the article,
    code, the aliases, the charts' tooltips, which quote article titles, and the language
    switch, which names English in English)."""
    import lxml.html

    root = lxml.html.fromstring(html)
    for el in root.xpath('//*[@dir="auto"] | //article | //code | //pre | //script | //style | '
                         '//*[@id="lang-switch"] | //*[contains(@class, "alias")] | //details | '
                         '//*[local-name()="svg"]//*[local-name()="title"]'):
        el.drop_tree()
    texts = [root.text_content()]
    texts += root.xpath("//@placeholder | //@title | //@aria-label")
    return " ".join(" ".join(texts).split())


def leftover_english(text: str, msgids: set[str]) -> list[str]:
    return sorted(m for m in msgids if re.search(r"(?<![A-Za-z])" + re.escape(m) + r"(?![A-Za-z])", text))


PAGES = ["/", "/documents", "/investments", "/investments?topic=all", "/moves", "/moves?sort=change",
         "/companies", "/companies/Alibaba%20Group", "/conflicts", "/search?q=Nvidia", "/docs",
         "/no-such-page", "/companies/NoSuchCompany"]


def test_arabic_pages_have_no_english_interface_text(web):
    msgids = english_msgids()
    assert "Investments leaderboard" in msgids and "Stock moves" in msgids
    pages = PAGES + [f"/documents/{web.ids['seed-alibaba-ai-ar']}"]
    for path in pages:
        r = web.get(path, params={"lang": "ar"})
        assert r.headers["content-type"].startswith("text/html"), path
        assert '<html lang="ar" dir="rtl">' in r.text, path
        left = leftover_english(interface_text(r.text), msgids)
        assert not left, f"{path}: English left on the Arabic page: {left}"
        en = web.get(path, params={"lang": "en"})
        assert '<html lang="en" dir="ltr">' in en.text
        assert leftover_english(interface_text(en.text), msgids), path  # the check sees English


def test_language_comes_from_query_then_cookie_then_accept_language(web):
    r = web.get("/investments", headers={"Accept-Language": "ar-SA,ar;q=0.9"})
    assert '<html lang="ar" dir="rtl">' in r.text and "لوحة الاستثمارات" in r.text
    assert "set-cookie" not in r.headers  # only an explicit choice is remembered
    assert "Accept-Language" in r.headers["vary"]
    r = web.get("/moves", params={"lang": "en"}, headers={"Accept-Language": "ar"})
    assert '<html lang="en"' in r.text
    assert "marsad_lang=en" in r.headers["set-cookie"]
    # the cookie now wins over Accept-Language (the client keeps it), and ?lang= over the cookie
    r = web.get("/moves", headers={"Accept-Language": "ar"})
    assert '<html lang="en"' in r.text
    r = web.get("/moves", params={"lang": "ar"})
    assert '<html lang="ar"' in r.text
    r = web.get("/companies", headers={"Accept-Language": "en"})
    assert '<html lang="ar"' in r.text and "الشركات" in r.text


def test_the_switch_keeps_path_and_query(web):
    import lxml.html

    r = web.get("/moves", params={"sort": "change", "lang": "ar"})
    root = lxml.html.fromstring(r.text)
    links = {a.get("data-lang"): a.get("href") for a in root.xpath('//*[@id="lang-switch"]/a')}
    assert links["en"].startswith("/moves?") and "sort=change" in links["en"] and "lang=en" in links["en"]
    assert "lang=ar" in links["ar"] and "lang=en" not in links["ar"]
    digits = {a.get("data-digits"): a.get("href") for a in root.xpath('//*[@id="digits-switch"]/a')}
    assert set(digits) == {"latn", "arab"} and "sort=change" in digits["arab"] and "digits=arab" in digits["arab"]
    # on every page, English ones too (no digit choice there)
    for path in PAGES:
        root = lxml.html.fromstring(web.get(path, params={"lang": "en"}).text)
        assert len(root.xpath('//*[@id="lang-switch"]/a')) == 2, path


def test_digits_option_is_remembered(web):
    r = web.get("/investments", params={"lang": "ar", "digits": "arab"})
    assert "marsad_digits=arab" in r.headers["set-cookie"]
    import lxml.html

    root = lxml.html.fromstring(r.text)
    usd = root.xpath('//table[@id="figures-table"]//td[@data-usd]')[0].text_content()
    assert "مليار دولار" in usd and not re.search(r"[0-9]", usd) and re.search(f"[{ARABIC_INDIC}]", usd)
    r = web.get("/investments")  # the cookies choose Arabic and its digits again
    root = lxml.html.fromstring(r.text)
    usd2 = root.xpath('//table[@id="figures-table"]//td[@data-usd]')[0].text_content()
    assert usd2 == usd
    r = web.get("/investments", params={"digits": "latn"})
    usd3 = lxml.html.fromstring(r.text).xpath('//table[@id="figures-table"]//td[@data-usd]')[0].text_content()
    assert usd3 == usd.translate(str.maketrans(ARABIC_INDIC, "0123456789")).replace("٫", ".").replace("٬", ",")


def test_arabic_pages_show_names_dates_and_mirrored_charts(web):
    import lxml.html

    r = web.get("/investments", params={"lang": "ar"})
    root = lxml.html.fromstring(r.text)
    bars = root.xpath('//figure[@id="leaderboard"]//*[@class="bar"]')
    labels = {b.get("data-label"): b.xpath('.//*[@class="lbl"]')[0].text for b in bars}
    assert labels["Alibaba Group"] == "علي بابا"  # canonical in the data, Arabic on the page
    svg = root.xpath('//figure[@id="leaderboard"]/*[local-name()="svg"]')[0]
    assert svg.get("direction") == "rtl"
    ali = [b for b in bars if b.get("data-label") == "Alibaba Group"][0]
    label_x = float(ali.xpath('.//*[@class="lbl"]')[0].get("x"))
    bar_x = float(ali.xpath('.//*[local-name()="rect"]')[0].get("x"))
    assert label_x > bar_x  # names on the right, bars to their left
    page = web.get("/companies/Alibaba%20Group", params={"lang": "ar"}).text
    assert "سبتمبر 2025" in page and 'data-name="Alibaba Group"' in page
    lanes = lxml.html.fromstring(page).xpath('//*[@id="company-lanes"]//*[local-name()="title"]')
    assert lanes and all(re.match(r"(استثمار|توقعات|تحرك سهم|مؤشر مالي|إطلاق منتج|رأي محلل|استحواذ|صفقة توريد) ",
                                  t.text) for t in lanes), [t.text for t in lanes]
    assert "الصين" in page  # the country by its Arabic name
    r = web.get("/no-such-page", params={"lang": "ar"})
    assert r.status_code == 404 and "[M540]" in r.text and "غير موجود" in r.text


def test_english_pages_keep_their_figures(web):
    page = web.get("/companies/Alibaba%20Group", params={"lang": "en"}).text
    assert "+6.34%" in page and "$53.00 bn" in page and "Alibaba Group" in page


# -- the CLI -----------------------------------------------------------------------------
@pytest.fixture
def db(tmp_path, samples):
    from marsad.store import open_store

    path = str(tmp_path / "cli.duckdb")
    with open_store(path) as s:
        for d, f in samples:
            s.add_facts(d, f)
    return path


def _cli(*args, env=None):
    from typer.testing import CliRunner

    from marsad.cli import app

    return CliRunner().invoke(app, list(args), env=env or {}, catch_exceptions=False)


def test_cli_table_headers_in_arabic(db):
    r = _cli("--lang", "ar", "query", "investments", "--db", db, env={"COLUMNS": "200", "MARSAD_TERMINAL_BIDI": "1"})
    assert r.exit_code == 0, r.output
    assert "الشركة" in r.stdout and "بالدولار" in r.stdout and "الاستثمارات" in r.stdout
    assert "company" not in r.stdout and "Microsoft" in r.stdout and "$80.00 bn" in r.stdout
    r = _cli("query", "moves", "--db", db, env={"MARSAD_LANG": "ar", "COLUMNS": "200", "MARSAD_TERMINAL_BIDI": "1"})
    assert r.exit_code == 0 and "التاريخ" in r.stdout and "نسبة التغير" in r.stdout and "change_pct" not in r.stdout
    r = _cli("query", "stats", "--db", db, env={"MARSAD_LANG": "ar", "COLUMNS": "200", "MARSAD_TERMINAL_BIDI": "1"})
    assert "المستندات" in r.stdout and "الحقل" in r.stdout and "schema_version" not in r.stdout
    r = _cli("query", "stats", "--db", db, "-f", "csv", env={"MARSAD_LANG": "ar"})
    assert "schema_version" in r.stdout  # CSV and JSON keep their keys
    r = _cli("query", "investments", "--db", db, env={"COLUMNS": "200"})
    assert "company" in r.stdout and "الشركة" not in r.stdout
    r = _cli("--lang", "fr", "query", "investments", "--db", db)
    assert r.exit_code != 0


def test_cli_coded_errors_keep_their_codes_in_arabic(tmp_path):
    env = {"MARSAD_LANG": "ar", "MARSAD_TERMINAL_BIDI": "1"}
    r = _cli("kb", "show", "No Such Entity Anywhere", env=env)
    assert r.exit_code == 1 and "[M214]" in r.stderr and "قاعدة المعرفة" in r.stderr
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"abc \xc3\x28 not utf8 \xe2\x28\xa1 def")
    r = _cli("extract", str(bad), env=env)
    assert r.exit_code == 1 and "[M107]" in r.stderr and "bad.txt" in r.stderr and "UTF-8" in r.stderr
    assert "ليس نصًا صالحًا" in r.stderr
    r = _cli("extract", str(bad))
    assert "[M107]" in r.stderr and "not valid UTF-8" in r.stderr


def test_cli_error_from_main_is_translated(tmp_path):
    import subprocess
    import sys

    code = "import sys; from marsad.cli import main; sys.argv[0] = 'marsad'; main()"
    r = subprocess.run([sys.executable, "-c", code, "--lang", "ar", "query", "stats", "--db",
                        str(tmp_path / "none.duckdb")], capture_output=True, text=True, timeout=600,
                       env={**__import__("os").environ, "MARSAD_TERMINAL_BIDI": "1"})
    assert r.returncode == 2 and "[M309]" in r.stderr and "لا توجد قاعدة بيانات" in r.stderr


def test_errors_answered_before_the_routes_are_in_the_readers_language(web):
    from fastapi.testclient import TestClient

    other = TestClient(web.app, base_url="http://rebound.example")
    r = other.get("/investments", headers={"Accept-Language": "ar"})
    assert r.status_code == 400 and "[M508]" in r.text and '<html lang="ar" dir="rtl">' in r.text
    assert "هذا الخادم لا يستجيب" in r.text
    assert 'href="/investments?lang=en"' in r.text  # the switch is there too
    r = other.get("/api/stats", headers={"Accept-Language": "ar"})
    assert r.status_code == 400 and r.json()["code"] == "M508"  # the API stays JSON


def test_translated_messages_still_escape_what_they_quote(web):
    """Translations are trusted markup (new-style gettext); the values they quote are not."""
    evil = '<script>window.x=1</script>"\''
    for lang in ("ar", "en"):
        r = web.get("/search", params={"q": evil, "lang": lang})
        assert "<script>window.x" not in r.text and "&lt;script&gt;window.x=1" in r.text
    r = web.get("/moves", params={"lang": "ar", "x": '"><script>window.x=1</script>'})
    assert "<script>window.x" not in r.text  # the switch links carry the query, escaped
