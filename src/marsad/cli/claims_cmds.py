"""``marsad query claims`` and ``marsad query conflicts``: facts reconciled across articles."""
from __future__ import annotations

from typing import Optional

import typer

from marsad.cli.store_cmds import DbOpt, FlaggedOpt, FmtOpt, LimitOpt, Out, _open, emit, query_app


def _flat(c: dict) -> dict:
    """A claim for a table or CSV: the sources as one readable cell."""
    out = {k: v for k, v in c.items() if k not in ("sources", "parts")}
    out["topics"] = ",".join(c.get("topics") or [])
    out["source_docs"] = ",".join(str(s["doc"]) for s in c.get("sources", []))
    out["evidence"] = (c.get("sources") or [{}])[0].get("evidence")
    return out


@query_app.command("claims")
def q_claims(
    type: Optional[str] = typer.Option(None, "--type", "-t", help="investment, stock_move, forecast, ..."),
    company: Optional[str] = typer.Option(None, "--company", "-c", help="Only this company (name, alias or kb id)."),
    topic: Optional[str] = typer.Option(None, "--topic", help="Only claims tagged with this topic (ai, chips, ...)."),
    include_flagged: bool = FlaggedOpt, limit: int = LimitOpt, db: Optional[str] = DbOpt, fmt: Out = FmtOpt,
) -> None:
    """Claims: one fact as every article states it, with its sources, first report and consensus value."""
    with _open(db) as s:
        rows = s.claims(type=type, company=company, topic=topic, include_flagged=include_flagged, limit=limit)
    emit(rows if fmt is Out.json else [_flat(c) for c in rows], fmt, "claims", view="claims")


@query_app.command("conflicts")
def q_conflicts(
    type: Optional[str] = typer.Option(None, "--type", "-t", help="investment, stock_move, ..."),
    company: Optional[str] = typer.Option(None, "--company", "-c", help="Only this company."),
    topic: Optional[str] = typer.Option(None, "--topic", help="Only claims tagged with this topic."),
    include_flagged: bool = FlaggedOpt, limit: int = LimitOpt, db: Optional[str] = DbOpt, fmt: Out = FmtOpt,
) -> None:
    """Disagreements: the same subject, type, metric and period with values beyond tolerance, both sources."""
    with _open(db) as s:
        rows = s.conflicts(type=type, company=company, topic=topic, include_flagged=include_flagged, limit=limit)
    if fmt is not Out.json:
        rows = [{k: v for k, v in r.items() if k not in ("sources_a", "sources_b")} for r in rows]
    emit(rows, fmt, "conflicts", view="conflicts")
