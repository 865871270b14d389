"""The analyst's canned questions: investments, stock moves, companies, a company, a timeline.

Names are resolved through the stored entities (canonical name, kb id or any
alias as written) and matched case-insensitively against event subjects.
Near-duplicate documents (``dup_of``) are left out of moves and timelines unless
asked for; investments group every report of one figure into one row.
"""
from __future__ import annotations

from typing import Any

from marsad.store import claims as CL
from marsad.store.claims import ClaimViews
from marsad.store.views import Views, _country_forms, _dicts

_SRC = "COALESCE(d.source, '')"
_TITLE = "COALESCE(d.title, d.doc_id)"
# events per organisation named as subject or target (one count, used by every page)
_EVENT_COUNTS = ("SELECT s, COUNT(*) AS n FROM (SELECT lower(subject) AS s FROM events UNION ALL "
                 "SELECT lower(target) AS s FROM events WHERE target IS NOT NULL AND "
                 "lower(target) <> lower(COALESCE(subject, ''))) x GROUP BY s")


class Store(ClaimViews, Views):
    """A Marsad store (DuckDB or PostgreSQL): see the package docstring for the API."""

    def _filters(self, company, country, year, include_duplicates=True, types=("investment",)):
        where = ["ev.type IN (" + ", ".join("?" for _ in types) + ")"]
        params: list[Any] = list(types)
        if company:
            where.append("(lower(ev.subject) = lower(?) OR lower(ev.subject) = lower(?))")
            params += [self.resolve(company), company]
        if country:
            forms = _country_forms(country)
            ph = ", ".join("?" for _ in forms)
            where.append(
                f"(EXISTS (SELECT 1 FROM entities e WHERE e.doc = ev.doc AND lower(e.name) = "
                f"lower(ev.subject) AND lower(e.country) IN ({ph})) OR EXISTS (SELECT 1 FROM event_args a "
                f"WHERE a.doc = ev.doc AND a.event_idx = ev.idx AND a.key = 'country' AND "
                f"lower(a.value_text) IN ({ph})))")
            params += forms + forms
        if year:
            where.append("d.year = ?")
            params.append(int(year))
        if not include_duplicates:
            where.append("d.dup_of IS NULL")
        return " AND ".join(where), params

    def investments(self, company: str | None = None, country: str | None = None,
                    year: int | None = None, by_company: bool = False, limit: int = 50,
                    topic: str | None = "ai", include_flagged: bool = False) -> list[dict[str, Any]]:
        """Announced investments, largest first, in USD, built from claims.

        One row per claim: a figure stated in several places or articles counts once, with
        every source (``reports``: documents; ``independent_reports`` leaves near-duplicates out). ``topic`` ("ai" by default; "all" for
        every topic) filters by the topics of the evidence; facts whose checks failed are left
        out unless ``include_flagged``; governments, supranational bodies, exchanges, indices
        and news agencies stay off the ranking. ``by_company=True`` ranks companies by the sum
        of their claims (a joint claim is shown apart, never credited in full to one member).
        """
        claims = self.investment_claims(company=company, country=country, year=year, topic=topic,
                                        include_flagged=include_flagged)
        if by_company:
            return CL.by_company_rows(claims, int(limit))
        return CL.investment_rows(claims, int(limit))

    def moves(self, company: str | None = None, year: int | None = None, min_change: float = 0.0,
              include_duplicates: bool = False, limit: int = 50, sort: str = "date",
              topic: str | None = None, include_flagged: bool = False,
              measure: str | None = "session") -> list[dict[str, Any]]:
        """Stock moves (signed per cent), one row per claim: newest first, or by size
        (``sort="change"``: largest absolute moves first). Moves of indices and other
        non-company actors, and moves whose checks failed, are left out (``include_flagged``).
        Near-duplicate stories are merged into their claim (``independent_reports`` leaves them out).
        ``measure``: "session" (default: a day's move: close, intraday, extended hours or
        unspecified), "period" (year to date, over months...), one measure, or "all".
        """
        name = self.resolve(company) if company else None
        out = []
        for c in self.all_claims(include_flagged, types=("stock_move",)):
            if c["type"] != "stock_move" or c.get("change_pct") is None:
                continue
            if not (c["is_company"] or c["joint"]):
                continue
            if name is not None and not CL._is_member(c, name, company):
                continue
            if year and not str(c.get("date") or "").startswith(str(int(year))):
                continue
            if min_change and abs(c["change_pct"]) < float(min_change):
                continue
            if not CL._topic_ok(c, topic):
                continue
            m = c.get("measure") or "unspecified"
            if measure == "session" and m == "period" or measure not in (None, "all", "session") and m != measure:
                continue
            if not include_duplicates and all(s.get("near_duplicate_of") for s in c["sources"]):
                continue
            out.append(c)
        return CL.move_rows(out, sort=sort, limit=int(limit))

    def companies(self, limit: int = 100, q: str | None = None, kind: str | None = "company") -> list[dict[str, Any]]:
        """Organisations by the number of documents that mention them.

        ``q`` matches the canonical name or any alias as written (Arabic aliases included);
        ``kind`` keeps companies only by default ("all": every organisation, with its kind:
        government, supranational, exchange, index, news_agency, ...). ``events`` counts the
        events naming the organisation as subject or target, as ``entity`` does.
        """
        from marsad.actors import company_kinds, kind as actor_kind

        cond, params = "e.type = 'ORG'", []
        if q:
            from marsad.kb import knowledge_base

            hit = knowledge_base().lookup(q)
            # substrings, with % and _ taken literally (strpos, not LIKE)
            cond += (" AND (strpos(lower(e.name), ?) > 0 OR lower(e.name) = lower(?) OR EXISTS (SELECT 1 "
                     "FROM mentions m WHERE m.doc = e.doc AND m.entity_idx = e.idx AND strpos(lower(m.text), ?) > 0))")
            params += [q.lower(), hit.name if hit else q, q.lower()]
        sql = ("SELECT e.name, MIN(e.kb_id) AS kb_id, MIN(e.ticker) AS ticker, MIN(e.country) AS country, "
               "COUNT(DISTINCT e.doc) AS documents, SUM(e.n_mentions) AS mentions, "
               f"MAX(COALESCE(ev.n, 0)) AS events FROM entities e LEFT JOIN ({_EVENT_COUNTS}) ev "
               f"ON ev.s = lower(e.name) WHERE {cond} GROUP BY e.name ORDER BY documents DESC, e.name LIMIT ?")
        want = kind if kind and kind not in ("all", "any") else None
        out = []
        for r in _dicts(self.query(sql, [*params, int(limit) * 4 + 50])):
            r["kind"] = actor_kind(r["name"], r.get("kb_id"))
            if r["kind"] == "not_a_name":
                continue
            if want is None or r["kind"] == want or (want == "company" and r["kind"] in company_kinds()):
                out.append(r)
            if len(out) >= limit:
                break
        return out

    def company(self, name: str, limit: int = 50, topic: str | None = "all",
                include_flagged: bool = False) -> dict[str, Any] | None:
        """A company's profile: aliases, ticker, country, and its claims: investments, moves,
        products, supply deals, acquisitions (each claim once, with its sources)."""
        canonical = self.resolve(name)
        profile = self.entity(canonical)
        n = canonical.lower()
        ev = self.query("SELECT COUNT(*) FROM events WHERE lower(subject) = ? OR lower(target) = ?",
                        [n, n]).rows[0][0]
        if profile is None and not ev:
            return None
        profile = profile or {"name": canonical, "aliases": [], "events": ev}
        mine = [c for c in self.all_claims(include_flagged) if CL._is_member(c, canonical, name)]

        def rows(t: str) -> list[dict]:
            cs = sorted((c for c in mine if c["type"] == t), key=lambda c: str(c.get("first_reported") or ""),
                        reverse=True)[:limit]
            return [{"date": c.get("first_reported"), "subject": c["subject"], "target": c.get("target"),
                     "title": c["sources"][0].get("title"), "source": c["sources"][0].get("source"),
                     "doc": c["sources"][0]["doc"], "reports": c["reports"]} for c in cs]

        products, supply, acquisitions = rows("product_launch"), rows("supply_deal"), rows("acquisition")
        profile["claims"] = len(mine)
        return {**profile,
                "investments": self.investments(company=canonical, limit=limit, topic=topic,
                                                include_flagged=include_flagged),
                "moves": self.moves(company=canonical, limit=limit, include_duplicates=True,
                                    include_flagged=include_flagged),
                "products": [{"date": p["date"], "product": p["target"], "title": p["title"],
                              "source": p["source"], "doc": p["doc"]} for p in products],
                "supply_deals": [{"date": s["date"], "supplier": s["subject"], "customer": s["target"],
                                  "title": s["title"], "source": s["source"], "doc": s["doc"]}
                                 for s in supply],
                "acquisitions": [{"date": a["date"], "acquirer": a["subject"], "target": a["target"],
                                  "title": a["title"], "doc": a["doc"]} for a in acquisitions]}

    def timeline(self, name: str, include_duplicates: bool = False, limit: int = 200,
                 include_flagged: bool = False, topic: str | None = None) -> list[dict[str, Any]]:
        """Every claim involving ``name``, oldest first, each with its evidence, source and number
        of reports (a fact stated in several articles is one row)."""
        canonical = self.resolve(name)
        out = []
        for c in self.all_claims(include_flagged):
            if not CL._is_member(c, canonical, name) or not CL._topic_ok(c, topic):
                continue
            srcs = c["sources"] if include_duplicates else [s for s in c["sources"]
                                                             if not s.get("near_duplicate_of")] or c["sources"]
            s = srcs[0]
            out.append({"date": c.get("first_reported"), "type": c["type"], "subject": c["subject"],
                        "target": c.get("target"), "usd": c.get("usd"), "change_pct": c.get("change_pct"),
                        "metric": c.get("metric"), "evidence": s.get("evidence"), "title": s.get("title"),
                        "source": s.get("source"), "doc": s["doc"], "reports": c["reports"],
                        "status": c["status"], "claim_id": c["claim_id"]})
        out.sort(key=lambda r: (r["date"] is None, str(r["date"] or ""), str(r["doc"])))
        return out[:int(limit)]

    def export(self, out: str, format: str = "parquet", tables: list[str] | None = None,
               views: list[str] | None = None, filters=None, lang: str = "en", excel: bool = False,
               notes: list[str] | None = None) -> list[str]:
        """Write the store to ``out`` (a folder; for jsonl a file or '-'; for xlsx a file);
        returns the paths. ``views`` (and always for xlsx): the analyst's views, filtered by
        ``filters`` (``marsad.store.sheets.Filters``), headers in ``lang`` (en, ar)."""
        from marsad.store.export import export

        return export(self, out, format, tables, views, filters, lang, excel, notes)
