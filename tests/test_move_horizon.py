"""A move over months or since a low is a period move, kept out of the one-session moves list."""
from __future__ import annotations

import pytest

import marsad


@pytest.mark.parametrize("text, lang, period", [
    ("Shares of Ford Motor have rebounded 170 percent from their October lows.", "en", "since_date"),
    ("Ford Motor shares plunged 70 percent in March.", "en", "month"),
    ("Ford Motor shares are up 50 percent so far this year.", "en", "year_to_date"),
    ("وارتفع سهم سابك 40% من أدنى مستوياته في مارس.", "ar", "since_date"),
    ("وتراجع سهم سابك 12% خلال شهر يوليو.", "ar", "month"),
])
def test_long_horizons_are_period_moves(text, lang, period):
    ev = next(e for e in marsad.extract(text, lang=lang).events if e.type == "stock_move")
    assert ev.args["period"] == period and ev.args["measure"] == "period"


@pytest.mark.parametrize("text, lang", [
    ("Ford Motor shares fell 3 percent on Tuesday.", "en"),
    ("وتراجع سهم سابك 3% في تعاملات اليوم.", "ar"),
])
def test_a_days_move_is_not_a_period_move(text, lang):
    ev = next(e for e in marsad.extract(text, lang=lang).events if e.type == "stock_move")
    assert ev.args.get("period") not in ("month", "since_date", "year_to_date", "years", "week")
    assert ev.args["measure"] != "period"


@pytest.mark.parametrize("text, price", [
    ("Nvidia shares rose 5 percent to $120.", 120.0),
    ("State Street shares fell 59 percent, $10 billion in market value lost.", None),
])
def test_a_share_price_after_a_move_is_a_price_not_a_total(text, price):
    ev = next(e for e in marsad.extract(text, lang="en").events if e.type == "stock_move")
    assert ev.args.get("price") == price


@pytest.mark.parametrize("lang,text", [
    ("en", "AMD said at the time it expected charges, and its shares dropped 7.3%."),
    ("en", "Nvidia shares fell 17% on Jan. 27, wiping out $589 billion."),
    ("ar", "وقفز سهم سوفت بنك حينها بنسبة 10.6% في جلسة واحدة."),
    ("ar", "إذ هوى سهم إنفيديا بنسبة 17% في السابع والعشرين من يناير."),
])
def test_move_on_another_day_is_not_the_reports_session(lang, text):
    """A move dated by the text to another day ("at the time", "on Jan. 27", «حينها») is not the
    session of the report's date: it is kept out of the one-session moves list."""
    moves = [e for e in marsad.extract(text, lang=lang).events if e.type == "stock_move"]
    assert moves and all(e.args["measure"] == "period" for e in moves)


@pytest.mark.parametrize("lang,text", [
    ("en", "AMD shares dropped 7.3% on Tuesday."),
    ("ar", "وقفز سهم سوفت بنك بنسبة 10.6% في جلسة اليوم."),
])
def test_move_of_the_reports_day_stays_a_session(lang, text):
    moves = [e for e in marsad.extract(text, lang=lang).events if e.type == "stock_move"]
    assert moves and all(e.args["measure"] != "period" for e in moves)


@pytest.mark.parametrize("text,measure_is_period", [
    ("Shares of People.cn Co Ltd opened 55 percent higher on the first day of trading.", True),
    ("The shares of FireEye Inc leapt 80 percent in their trading debut on Friday.", False),
    ("Motorola shares have slipped 26 percent off their most recent high of $26.30 in mid-October.", True),
])
def test_a_debut_without_its_day_and_a_fall_from_a_high_are_not_a_session(text, measure_is_period):
    moves = [e for e in marsad.extract(text, lang="en").events if e.type == "stock_move"]
    assert moves and all((e.args["measure"] == "period") == measure_is_period for e in moves)


@pytest.mark.parametrize("lang,text", [
    ("en", "AMD shares rose 4.5% on the day the original deal was announced."),
    ("ar", "وفي يوم الإعلان عن الصفقة، قفز سهم إس كيه هاينكس بنحو 10%."),
])
def test_a_move_on_a_recalled_day_is_not_the_reports_session(lang, text):
    moves = [e for e in marsad.extract(text, lang=lang).events if e.type == "stock_move"]
    assert moves and all(e.args["measure"] == "period" for e in moves)


def test_bare_moves_continue_the_period_of_the_sentence_before():
    text = ("Shares of Toyota lost 25 percent in the year to Monday, exceeding a 23 percent fall in the "
            "transport sub-index. Honda shed 24 percent and Nissan dropped 28 percent.")
    moves = [e for e in marsad.extract(text, lang="en").events if e.type == "stock_move"]
    assert len(moves) == 3 and all(e.args["measure"] == "period" for e in moves)
    alone = [e for e in marsad.extract("Honda shed 2 percent and Nissan dropped 3 percent on Monday.", lang="en").events
             if e.type == "stock_move"]
    assert alone and all(e.args["measure"] != "period" for e in alone)
