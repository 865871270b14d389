"""Knowledge-base commands: ``kb check`` validates the data, ``kb show`` looks a name up."""
from __future__ import annotations

import json
import sys

import typer
from rich.console import Console
from rich.table import Table

kb_app = typer.Typer(help="Inspect and validate the entity knowledge base (organisations, products, people).",
                     no_args_is_help=True)


def register(app: typer.Typer) -> None:
    """Add the kb command group to ``app``."""
    app.add_typer(kb_app, name="kb")


@kb_app.command("check")
def check() -> None:
    """Validate every KB file against its schema and cross-references; exit 1 on problems."""
    from marsad import kb

    raw = kb.load_raw()
    problems = kb.check(raw)
    counts = {t: len(v) if isinstance(v, list) else 0 for t, v in raw.items()}
    con = Console()
    for p in problems:
        con.print(f"[red]✗[/] {p}", highlight=False)
    from marsad.cli.lang import _

    con.print(_("organisations %(orgs)s, products %(products)s, people %(people)s", orgs=counts["ORG"],
                products=counts["PRODUCT"], people=counts["PERSON"]) + ": "
              + ("[green]" + _("valid") + "[/]" if not problems
                 else "[red]" + _("%(n)s problems", n=len(problems)) + "[/]"), highlight=False)
    if problems:
        raise typer.Exit(1)


@kb_app.command("show")
def show(name: str = typer.Argument(..., help="An id, a canonical name or any alias, in English or Arabic."),
         as_json: bool = typer.Option(False, "--json", help="Print the entry as JSON.")) -> None:
    """Look an entity up by name or alias and print its record."""
    from marsad.kb import knowledge_base

    kb = knowledge_base()
    entry = kb.lookup(name)
    if entry is None:
        from marsad.cli.lang import error_line
        from marsad.errors import DataError

        print("marsad: " + error_line(DataError(f"no knowledge-base entry matches {name!r} (try another "
                                                "spelling, or add it to src/marsad/kb/)", code="M214")),
              file=sys.stderr)
        raise typer.Exit(1)
    if as_json:
        print(json.dumps(entry.data, ensure_ascii=False, indent=2))
        return
    t = Table(title=f"{entry.name} ({entry.type})", show_header=False)
    for k, v in entry.data.items():
        if k == "aliases":
            for lang, names in (v or {}).items():
                t.add_row(f"aliases ({lang})", " | ".join(names))
        else:
            t.add_row(k, json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else str(v))
    children = [e.name for e in kb.entries if e.data.get("parent") == entry.id or e.data.get("maker") == entry.id
                or e.data.get("org") == entry.id]
    if children:
        t.add_row("related", ", ".join(children[:20]))
    Console().print(t)
