"""Scorer-like matching of names and events for the example-corpus tests."""
from __future__ import annotations

import re

from marsad.kb import knowledge_base
from marsad.normalize import fold

SUFFIXES = {"inc", "co", "ltd", "limited", "group", "holding", "holdings", "corp", "corporation", "plc",
            "company", "llc", "sa", "ag", "the"}


def norm_name(s: str) -> str:
    s = re.sub(r"[^\w]+", " ", fold(str(s)))
    words = [w for w in s.split() if w not in SUFFIXES]
    words = [re.sub(r"^(وال|بال|لل|ال)(?=\w{3})", "", w) for w in words]
    return " ".join(words)


def same_name(expected, got) -> bool:
    """``got`` may be a list (a joint subject): then ``expected`` lists every member, in any order."""
    if not got:
        return False
    if isinstance(got, list) or isinstance(expected, list):
        exp = expected if isinstance(expected, list) else [expected]
        gl = got if isinstance(got, list) else [got]
        return len(exp) == len(gl) and all(any(same_name(e, g) for g in gl) for e in exp)
    if norm_name(expected) == norm_name(got):
        return True
    kb = knowledge_base()
    a, b = kb.lookup(expected), kb.lookup(got)
    return a is not None and b is not None and a.id == b.id


def amount_ok(exp: dict, args: dict) -> bool:
    def close(a, b):
        return abs(abs(float(a)) - abs(float(b))) <= 0.05 * abs(float(b))
    if exp.get("usd") is not None and args.get("usd") is not None and close(args["usd"], exp["usd"]):
        return True
    if exp.get("value") is not None and exp.get("currency") and args.get("value") is not None:
        return str(args.get("currency", "")).upper() == exp["currency"].upper() and close(args["value"], exp["value"])
    return False


def event_matches(exp: dict, ev: dict) -> bool:
    if ev["type"] != exp["type"]:
        return False
    a = ev.get("args", {})
    t = exp["type"]
    if t == "supply_deal":
        s, c = exp["subject"], exp["counterparty"]
        return ((same_name(s, a.get("subject")) and same_name(c, a.get("counterparty")))
                or (same_name(c, a.get("subject")) and same_name(s, a.get("counterparty"))))
    if not same_name(exp["subject"], a.get("subject")):
        return False
    if t in ("investment", "forecast"):
        return amount_ok(exp, a)
    if t == "stock_move":
        return a.get("change_pct") is not None and abs(float(a["change_pct"]) - float(exp["change_pct"])) <= 0.01
    if t == "financial_metric":
        # an example that names the metric or the period asserts it too (the scorer does not compare them)
        if any(k in exp and exp[k] != a.get(k) for k in ("metric", "period")):
            return False
        if amount_ok(exp, a):
            return True
        return (exp.get("change_pct") is not None and a.get("change_pct") is not None
                and abs(float(a["change_pct"]) - float(exp["change_pct"])) <= 0.01)
    if t == "product_launch":
        return same_name(exp["product"], a.get("product"))
    if t == "acquisition":
        return same_name(exp["target"], a.get("target"))
    return False
