"""The analyst's canned questions: investments, stock moves, companies, a company, a timeline.

Names are resolved through the stored entities (canonical name, kb id or any
alias as written) and matched case-insensitively against event subjects.
Near-duplicate documents (``dup_of``) are left out of moves and timelines unless
asked for; investments group every report of one figure into one row.
"""
from __future__ import annotations

from typing import Any

from marsad.store.views import Views, _country_forms, _dicts

_SRC = "COALESCE(d.source, '')"
_TITLE = "COALESCE(d.title, d.doc_id)"


class Store(Views):
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
                    year: int | None = None, by_company: bool = False,
                    limit: int = 50) -> list[dict[str, Any]]:
        """Announced investments, largest first, in USD, with the sources behind each figure.

        One row per (company, figure rounded to the million USD): how many documents
        reported it, the first date, the sources and titles, and the document ids.
        ``by_company=True`` ranks companies by the sum of their distinct figures.
        """
        where, params = self._filters(company, country, year)
        figures = (
            "SELECT ev.subject AS company, MAX(ev.usd) AS usd, "
            "string_agg(DISTINCT CASE WHEN ABS(ev.value) < 1e18 THEN CAST(CAST(ev.value AS BIGINT) AS VARCHAR) "
            "|| ' ' || ev.currency END, ' | ') "
            "AS as_stated, MIN(d.year) AS year, MIN(d.published_on) AS first_reported, "
            "COUNT(DISTINCT ev.doc) AS reports, "
            f"string_agg(DISTINCT {_SRC}, ' | ') AS sources, string_agg(DISTINCT {_TITLE}, ' | ') AS titles, "
            "string_agg(DISTINCT CAST(ev.doc AS VARCHAR), ',') AS docs "
            f"FROM events ev JOIN documents d ON d.id = ev.doc WHERE {where} "
            "GROUP BY ev.subject, ROUND(COALESCE(ev.usd, ev.value) / 1000000.0), "
            "CASE WHEN ev.usd IS NULL THEN ev.currency END")
        if by_company:
            sql = ("SELECT company, SUM(usd) AS total_usd, COUNT(*) AS figures, MAX(usd) AS largest_usd, "
                   "SUM(reports) AS reports, MIN(first_reported) AS first_reported, "
                   "string_agg(sources, ' | ') AS sources "
                   f"FROM ({figures}) f GROUP BY company ORDER BY total_usd DESC NULLS LAST, company LIMIT ?")
        else:
            sql = f"{figures} ORDER BY usd DESC NULLS LAST, company LIMIT ?"
        out = _dicts(self.query(sql, [*params, int(limit)]))
        for i, r in enumerate(out, 1):
            r["rank"] = i
            if r.get("sources") and by_company:
                r["sources"] = " | ".join(sorted(set(r["sources"].split(" | "))))
        return [{"rank": r.pop("rank"), **r} for r in out]

    def moves(self, company: str | None = None, year: int | None = None, min_change: float = 0.0,
              include_duplicates: bool = False, limit: int = 50) -> list[dict[str, Any]]:
        """Stock moves (signed per cent), newest first, with the evidence and its source."""
        where, params = self._filters(company, None, year, include_duplicates, types=("stock_move",))
        if min_change:
            where += " AND ABS(ev.change_pct) >= ?"
            params.append(float(min_change))
        sql = ("SELECT d.published_on AS date, ev.subject AS company, ev.change_pct, ev.price, "
               "COALESCE(ev.currency, (SELECT MIN(a.value_text) FROM event_args a WHERE a.doc = ev.doc AND "
               "a.event_idx = ev.idx AND a.key = 'price_currency')) AS currency, "
               f"{_TITLE} AS title, {_SRC} AS source, ev.doc, ev.text AS evidence "
               f"FROM events ev JOIN documents d ON d.id = ev.doc WHERE {where} "
               "ORDER BY d.published_on DESC NULLS LAST, ABS(ev.change_pct) DESC NULLS LAST, ev.doc, "
               "ev.idx LIMIT ?")
        return _dicts(self.query(sql, [*params, int(limit)]))

    def companies(self, limit: int = 100, q: str | None = None) -> list[dict[str, Any]]:
        """Organisations by the number of documents that mention them."""
        cond, params = "e.type = 'ORG'", []
        if q:
            cond += " AND strpos(lower(e.name), ?) > 0"  # a substring: % and _ are literal
            params.append(q.lower())
        sql = ("SELECT e.name, MIN(e.kb_id) AS kb_id, MIN(e.ticker) AS ticker, MIN(e.country) AS country, "
               "COUNT(DISTINCT e.doc) AS documents, SUM(e.n_mentions) AS mentions, "
               "MAX(COALESCE(ev.n, 0)) AS events FROM entities e LEFT JOIN (SELECT lower(subject) AS s, "
               "COUNT(*) AS n FROM events GROUP BY lower(subject)) ev ON ev.s = lower(e.name) "
               f"WHERE {cond} GROUP BY e.name ORDER BY documents DESC, e.name LIMIT ?")
        return _dicts(self.query(sql, [*params, int(limit)]))

    def company(self, name: str, limit: int = 50) -> dict[str, Any] | None:
        """A company's profile: aliases, ticker, country, investments, moves, products, supply deals."""
        canonical = self.resolve(name)
        profile = self.entity(canonical)
        n = canonical.lower()
        ev = self.query("SELECT COUNT(*) FROM events WHERE lower(subject) = ? OR lower(target) = ?",
                        [n, n]).rows[0][0]
        if profile is None and not ev:
            return None
        profile = profile or {"name": canonical, "aliases": [], "events": ev}
        base = ("FROM events ev JOIN documents d ON d.id = ev.doc WHERE ev.type = ? AND "
                "(lower(ev.subject) = ? OR lower(ev.target) = ?)")
        cols = f"d.published_on AS date, ev.subject, ev.target, {_TITLE} AS title, {_SRC} AS source, ev.doc"
        order = " ORDER BY d.published_on DESC NULLS LAST, ev.doc, ev.idx LIMIT ?"
        products = _dicts(self.query(f"SELECT {cols} {base}{order}", ["product_launch", n, n, limit]))
        supply = _dicts(self.query(f"SELECT {cols} {base}{order}", ["supply_deal", n, n, limit]))
        acquisitions = _dicts(self.query(f"SELECT {cols} {base}{order}", ["acquisition", n, n, limit]))
        return {**profile,
                "investments": self.investments(company=canonical, limit=limit),
                "moves": self.moves(company=canonical, limit=limit, include_duplicates=True),
                "products": [{"date": p["date"], "product": p["target"], "title": p["title"],
                              "source": p["source"], "doc": p["doc"]} for p in products],
                "supply_deals": [{"date": s["date"], "supplier": s["subject"], "customer": s["target"],
                                  "title": s["title"], "source": s["source"], "doc": s["doc"]}
                                 for s in supply],
                "acquisitions": [{"date": a["date"], "acquirer": a["subject"], "target": a["target"],
                                  "title": a["title"], "doc": a["doc"]} for a in acquisitions]}

    def timeline(self, name: str, include_duplicates: bool = False, limit: int = 200) -> list[dict[str, Any]]:
        """Every event involving ``name``, oldest first, each with its evidence and source."""
        n = self.resolve(name).lower()
        dup = "" if include_duplicates else " AND d.dup_of IS NULL"
        sql = ("SELECT d.published_on AS date, ev.type, ev.subject, ev.target, ev.usd, ev.change_pct, "
               f"ev.metric, ev.text AS evidence, {_TITLE} AS title, {_SRC} AS source, ev.doc "
               "FROM events ev JOIN documents d ON d.id = ev.doc "
               f"WHERE (lower(ev.subject) = ? OR lower(ev.target) = ?){dup} "
               "ORDER BY d.published_on NULLS LAST, ev.doc, ev.idx LIMIT ?")
        return _dicts(self.query(sql, [n, n, int(limit)]))

    def export(self, out: str, format: str = "parquet", tables: list[str] | None = None) -> list[str]:
        """Write the store to ``out`` (a folder; for jsonl a file or '-'); returns the paths."""
        from marsad.store.export import export

        return export(self, out, format, tables)
