"""Claims over the store: facts reconciled within and across articles (``marsad.claims``),
and the analyst's aggregates built from them.

The leaderboard, the moves list, company pages and timelines count each claim once:
a figure stated in several places or articles is one row with every source; facts whose
checks failed are left out unless ``include_flagged``; non-company actors (governments,
supranational bodies, exchanges, indices, news agencies) stay off company rankings; a joint
claim is never credited in full to one of its members. ``topic`` filters by the topics
tagged on the evidence (``ai``, ``chips``, ``cloud``, ...; ``all`` for every topic).
"""
from __future__ import annotations

import json
import re
from typing import Any

from marsad import claims as C
from marsad.actors import members
from marsad.store.base import loads
from marsad.store.views import _dicts

ALL = ("all", "any", "*", "")


def _topic_ok(claim: dict, topic: str | None) -> bool:
    return topic is None or topic.lower() in ALL or topic.lower() in claim.get("topics", [])


class ClaimViews:
    """Mixed into Store: ``claims``, ``conflicts`` and the claim-built aggregates."""

    _claims_cache: dict | None = None

    def fact_rows(self, types: tuple[str, ...] | None = None, subject: str | None = None) -> list[dict]:
        """Events joined with their document, as ``marsad.claims`` reads them."""
        where, params = ["1=1"], []
        if types:
            where.append("ev.type IN (" + ", ".join("?" for _ in types) + ")")
            params += list(types)
        if subject:
            where.append("(lower(ev.subject) = lower(?) OR lower(ev.subject) LIKE lower(?) "
                         "OR lower(ev.subject) LIKE lower(?))")
            params += [subject, f"{subject} + %", f"% + {subject}%"]
        res = self.query(
            "SELECT ev.doc, ev.idx, ev.type, ev.subject, ev.target, ev.usd, ev.value, ev.currency, "
            "ev.change_pct, ev.price, ev.metric, ev.args, ev.text AS evidence, ev.span_start, ev.span_end, "
            "d.published_on AS date, d.title, d.source, d.dup_of, d.lang, d.doc_id, et.type AS subject_type "
            "FROM events ev JOIN documents d ON d.id = ev.doc LEFT JOIN (SELECT doc, name, MIN(type) AS type "
            "FROM entities GROUP BY doc, name) et ON et.doc = ev.doc AND et.name = ev.subject "
            f"WHERE {' AND '.join(where)} "
            "ORDER BY ev.doc, ev.idx", params)
        out = []
        for r in _dicts(res):
            a = loads(r.pop("args"), {}) or {}
            r["subject_id"] = a.get("subject_id") if not isinstance(a.get("subject_id"), list) else None
            r["qualifier"] = a.get("qualifier")
            r["period"] = a.get("period")
            r["measure"] = a.get("measure")
            r["weekday"] = a.get("weekday")
            r["amount_span"] = a.get("amount_span")
            r["percent_span"] = a.get("percent_span")
            r["price_currency"] = a.get("price_currency")
            r["checks"] = a.get("checks") or []
            if "topics" in a:
                r["topics"] = a.get("topics") or []
            else:  # stored before the checks step tagged topics: tag the evidence now
                from marsad.extractors import topics

                r["topics"] = topics.as_list(topics.tag(r.get("evidence") or "", r.get("lang") or "en"))
            r["confidence"] = a.get("confidence")
            r["span"] = [r.pop("span_start"), r.pop("span_end")]
            r["title"] = r.get("title") or r.get("doc_id")
            out.append(r)
        return out

    def _fingerprint(self) -> tuple:
        row = self.query("SELECT COUNT(*), MAX(ingested_at), SUM(n_chars) FROM documents").rows[0]
        ev = self.query("SELECT COUNT(*) FROM events").rows[0][0]
        return tuple(str(x) for x in row) + (str(ev),)

    def all_claims(self, include_flagged: bool = False, types: tuple[str, ...] | None = None) -> list[dict]:
        """Every claim in the store, or those of some event types (cached until the store changes)."""
        stamp = self._fingerprint()
        cache = self.__dict__.setdefault("_claims_cache_d", {})
        if any(k[0] != stamp for k in cache):
            cache.clear()
        key = (stamp, include_flagged, None)
        if key in cache:  # everything is built already: filter it
            return [c for c in cache[key] if types is None or c["type"] in types]
        key = (stamp, include_flagged, tuple(sorted(types)) if types else None)
        if key not in cache:
            cache[key] = C.build(self.fact_rows(types=key[2]), include_flagged=include_flagged)
        return cache[key]

    def forget_claims(self) -> None:
        """Drop the cached claims (a long export builds one event type's claims at a time)."""
        self.__dict__.pop("_claims_cache_d", None)

    def claims(self, type: str | None = None, company: str | None = None, topic: str | None = None,
               include_flagged: bool = False, conflicts_only: bool = False, limit: int = 100,
               offset: int = 0) -> list[dict]:
        """Claims, largest first for money and moves, each with every source and its checks."""
        name = self.resolve(company) if company else None
        out = [c for c in self.all_claims(include_flagged, types=(type,) if type else None)
               if (type is None or c["type"] == type) and _topic_ok(c, topic)
               and (name is None or _is_member(c, name, company))
               and (not conflicts_only or c.get("conflicts_with"))]
        out.sort(key=lambda c: (-(abs(c.get("usd") or 0) or abs(c.get("change_pct") or 0)),
                                c.get("first_reported") or "", c["claim_id"]))
        return out[int(offset):int(offset) + int(limit)]

    def conflicts(self, type: str | None = None, company: str | None = None, topic: str | None = None,
                  include_flagged: bool = False, limit: int = 100) -> list[dict]:
        """Disagreements between claims of one subject, type, metric and period, with both sources."""
        name = self.resolve(company) if company else None
        # a conflict pairs claims of one type: one type's claims are enough
        allc = self.all_claims(include_flagged, types=(type,) if type else None)
        out = [x for x in C.conflicts(allc)
               if (type is None or x["type"] == type) and (name is None or name.lower() in
                                                          [m.lower() for m in members(x["subject"])])]
        if topic and topic.lower() not in ALL:
            ids = {c["claim_id"] for c in allc if _topic_ok(c, topic)}
            out = [x for x in out if x["claim_a"] in ids or x["claim_b"] in ids]
        return out[:int(limit)]

    # --- aggregates built from claims -------------------------------------------------------
    def investment_claims(self, company=None, country=None, year=None, topic="ai", include_flagged=False,
                          companies_only=True) -> list[dict]:
        name = self.resolve(company) if company else None
        out = []
        countries = self._countries(country) if country else None
        for c in self.all_claims(include_flagged, types=("investment",)):
            if c["type"] != "investment" or c.get("usd") is None or not _topic_ok(c, topic):
                continue
            if companies_only and not c["is_company"] and not c["joint"]:
                continue
            if name is not None and not _is_member(c, name, company):
                continue
            if year and not any(str(s.get("date") or "").startswith(str(int(year))) for s in c["sources"]):
                continue
            if countries is not None and not (set(members(c["subject"])) & countries):
                continue
            out.append(c)
        out.sort(key=lambda c: (-c["usd"], str(c["subject"])))
        return one_per_company_year(out)

    def _countries(self, country: str) -> set[str]:
        from marsad.store.views import _country_forms

        forms = _country_forms(country)
        ph = ", ".join("?" for _ in forms)
        rows = self.query(f"SELECT DISTINCT name FROM entities WHERE lower(country) IN ({ph})", forms).rows
        return {r[0] for r in rows}


def _is_member(c: dict, name: str, raw: str | None) -> bool:
    ms = [m.lower() for m in members(c.get("subject"))]
    return name.lower() in ms or (raw or "").lower() in ms or \
        (c.get("target") or "").lower() in (name.lower(), (raw or "").lower())


def _period_spending(c: dict) -> bool:
    """Is the claim a company's spending over a period (capex, a year's budget), not money put
    into one named thing? ("Exxon spent a record $40 billion in 2012", not "invest $5bn in X")"""
    from marsad.extractors.checks import cues_in

    if c.get("target") or len(members(c.get("subject"))) > 1:
        return False
    for s in c["sources"]:
        ev = s.get("evidence") or ""
        if cues_in(ev, s.get("lang") or "en", 0, len(ev), "period_spending"):
            return True
    return False


def one_per_company_year(claims: list[dict]) -> list[dict]:
    """A company's spending over one period is one row: its plan, its revised plan and the part
    spent so far ($37bn pledged, $40bn spent in 2012; $33bn in nine months of a $41bn year) are
    different reports of one figure, so only the largest is ranked (``claims`` lists them all).
    ``claims`` must be sorted largest first."""
    seen: set = set()
    projects: dict[str, list[tuple[set, float]]] = {}
    out = []
    for c in claims:
        subj = str(c["subject"])
        if c.get("spend_years") and ("-" in c["spend_years"] or _period_spending(c)):
            key = (subj, c["spend_years"])  # "from 2004 through 2010": one multi-year plan
            if key in seen:
                continue
            seen.add(key)
        names = _project_names(c)
        if names and not c.get("target"):
            if any(names & n and v <= c["usd"] * _SAME_PROJECT for n, v in projects.get(subj, [])):
                continue  # "FiOS ... $23 billion" and "FiOS, a network that will cost more than $20 billion"
            projects.setdefault(subj, []).append((names, c["usd"]))
        out.append(c)
    return out


_SAME_PROJECT = 1.6  # a project's cost restated within this ratio is the same project
_PROJECT = re.compile(r"\b(?:[A-Z][a-z]+[A-Z]\w*|[A-Z]{3,}[a-z]?)\b")  # FiOS, LNG, NEOM: a project's own name


def _project_names(c: dict) -> set:
    """Named projects in a claim's evidence (inner capitals or an acronym), not its company's name."""
    own = {w.lower() for m in members(c.get("subject")) for w in re.split(r"\W+", m) if w}
    out = set()
    for s in c["sources"]:
        out |= {w for w in _PROJECT.findall(s.get("evidence") or "") if w.lower() not in own}
    return out


def investment_rows(claims: list[dict], limit: int) -> list[dict]:
    """One leaderboard row per claim (the shape ``query investments`` prints)."""
    out = []
    for i, c in enumerate(claims[:limit], 1):
        out.append({"rank": i, "company": c["subject"], "usd": c["usd"], "low_usd": c.get("low_usd"),
                    "high_usd": c.get("high_usd"), "as_stated": c.get("as_stated"),
                    "year": _year(c), "first_reported": c.get("first_reported"), "reports": c["reports"],
                    "sources": " | ".join(sorted({s.get("source") or "" for s in c["sources"]})),
                    "titles": " | ".join(sorted({s.get("title") or "" for s in c["sources"]})),
                    "docs": ",".join(str(d) for d in sorted({s["doc"] for s in c["sources"]})),
                    "kind": c["subject_kind"], "status": c["status"], "topics": ",".join(c["topics"]),
                    "claim_id": c["claim_id"], "evidence": c["sources"][0].get("evidence")})
    return out


def by_company_rows(claims: list[dict], limit: int) -> list[dict]:
    """Companies ranked by the sum of their claims; joint claims are listed, not credited in full."""
    agg: dict[str, dict[str, Any]] = {}
    for c in claims:
        ms = members(c["subject"])
        if len(ms) > 1:
            for m in ms:
                a = agg.setdefault(m, _empty(m))
                a["joint_usd"] += c["usd"]
                a["joint_claims"] += 1
            continue
        a = agg.setdefault(c["subject"], _empty(c["subject"]))
        a["total_usd"] += c["usd"]
        a["figures"] += 1
        a["largest_usd"] = max(a["largest_usd"] or 0, c["usd"])
        a["reports"] += c["reports"]
        fr = c.get("first_reported")
        if fr and (a["first_reported"] is None or fr < a["first_reported"]):
            a["first_reported"] = fr
        a["_sources"].update(s.get("source") or "" for s in c["sources"])
    rows = [a for a in agg.values() if a["figures"]]
    rows.sort(key=lambda a: (-a["total_usd"], a["company"]))
    out = []
    for i, a in enumerate(rows[:limit], 1):
        a["sources"] = " | ".join(sorted(s for s in a.pop("_sources") if s))
        out.append({"rank": i, **a})
    return out


def _empty(name: str) -> dict:
    return {"company": name, "total_usd": 0.0, "figures": 0, "largest_usd": None, "reports": 0,
            "first_reported": None, "joint_usd": 0.0, "joint_claims": 0, "_sources": set()}


def _year(c: dict) -> int | None:
    fr = c.get("first_reported")
    return int(fr[:4]) if fr else None


def _one_per_session(claims: list[dict]) -> list[dict]:
    """One claim per company and session: reports of one day that state different figures during
    it (as much as 55% intraday and 48% later; 34% pre-market and 48% in the session) are one row,
    the largest move, with every report counted. The day's close stays its own row."""
    groups: dict[tuple, list[dict]] = {}
    out = []
    for c in claims:
        if not c.get("date"):
            out.append(c)
            continue
        key = (c["subject"] if isinstance(c["subject"], str) else tuple(c["subject"]), c["date"])
        groups.setdefault(key, []).append(c)
    for cs in _split_close(groups.values()):
        cs.sort(key=lambda c: -abs(c.get("change_pct") or 0))
        # one article's two figures of one measure are two facts (both stay); of two measures ("as
        # much as 55%", then "48%") they are one session told twice
        rows: list[tuple[dict, set, int]] = []
        for c in cs:
            docs = {s["doc"] for s in c["sources"]}
            home = next((i for i, (b, d, _) in enumerate(rows)
                         if not d & docs or (b.get("measure") or "unspecified") != (c.get("measure") or "unspecified")),
                        None)
            if home is None:
                rows.append((c, docs, c["reports"]))
            else:
                b, d, n = rows[home]
                rows[home] = (b, d | docs, n + c["reports"])
        out += [{**b, "reports": n} for b, _, n in rows]
    return out


def _split_close(groups) -> list[list[dict]]:
    """A session's close apart from its moves during the day (7.8% intraday, 6.34% at the close);
    a figure of no stated measure joins the close when the day has one, else the other moves."""
    out = []
    for cs in groups:
        close = [c for c in cs if c.get("measure") == "close"]
        during = [c for c in cs if c.get("measure") not in ("close", None, "unspecified")]
        plain = [c for c in cs if c.get("measure") in (None, "unspecified")]
        (close if close else during).extend(plain)
        out += [g for g in (close, during) if g]
    return out


def move_rows(claims: list[dict], sort: str = "date", limit: int = 50) -> list[dict]:
    """One row per company and session (see ``_one_per_session``)."""
    rows = []
    for c in _one_per_session(claims):
        s = c["sources"][0]
        rows.append({"date": c.get("date"), "company": c["subject"], "change_pct": c.get("change_pct"),
                     "measure": c.get("measure"), "price": c.get("price"), "currency": c.get("currency"),
                     "title": s.get("title"), "source": s.get("source"), "doc": s["doc"],
                     "evidence": s.get("evidence"), "reports": c["reports"], "status": c["status"],
                     "kind": c["subject_kind"], "claim_id": c["claim_id"]})
    if sort == "change":
        rows.sort(key=lambda r: (-abs(r["change_pct"] or 0), str(r["date"] or ""), str(r["doc"])))
    else:
        rows.sort(key=lambda r: (str(r["date"] or ""), abs(r["change_pct"] or 0)), reverse=True)
    return rows[:limit]


def dumps(v: Any) -> str:
    return json.dumps(v, ensure_ascii=False, default=str)
