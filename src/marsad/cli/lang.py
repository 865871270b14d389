"""The CLI's language: ``marsad --lang ar ...`` or ``MARSAD_LANG=ar`` (English by default).

Table headers, titles and the CLI's own messages come from the same Babel catalogue as the
pages (``marsad/locale``); a coded error keeps its code and source and says its text in the
chosen language (the English detail follows in brackets where it names something specific).
``marsad extract --lang`` is another option: it forces the language of the documents.
"""
from __future__ import annotations

from typing import Any

from marsad import i18n
from marsad.i18n import N_, NP_

_chosen: list[str | None] = [None]


def set_lang(option: str | None) -> str:
    _chosen[0] = i18n.cli_lang(option)
    return _chosen[0]


def lang() -> str:
    return _chosen[0] or i18n.cli_lang()


def _(message: str, **params: Any) -> str:
    """``message`` in the CLI's language, ``%(name)s`` filled from ``params``; laid out for a
    terminal without bidi support when it is Arabic."""
    from marsad.cli.render import visual

    s = i18n.gettext(message, lang())
    s = s % params if params else s
    return visual(s, "ar") if lang() == "ar" else s


def ngettext(singular: str, plural: str, n: int, **params: Any) -> str:
    from marsad.cli.render import visual

    s = i18n.ngettext(singular, plural, n, lang()) % {"num": f"{n:,}", **params}
    return visual(s, "ar") if lang() == "ar" else s


# Column names of the store's views and summaries; other columns (SQL results) keep their names.
COLUMNS = {NP_("column", "rank"), NP_("column", "company"), NP_("column", "usd"), NP_("column", "as_stated"),
           NP_("column", "year"), NP_("column", "reports"), NP_("column", "sources"), NP_("column", "total_usd"),
           NP_("column", "figures"), NP_("column", "largest_usd"), NP_("column", "first_reported"),
           NP_("column", "date"), NP_("column", "change_pct"), NP_("column", "measure"), NP_("column", "price"),
           NP_("column", "currency"), NP_("column", "title"), NP_("column", "type"), NP_("column", "subject"),
           NP_("column", "status"), NP_("column", "topics"), NP_("column", "value_a"), NP_("column", "value_b"),
           NP_("column", "source_a"), NP_("column", "source_b"), NP_("column", "target"), NP_("column", "metric"),
           NP_("column", "field"), NP_("column", "value"), NP_("column", "table"), NP_("column", "rows"),
           NP_("column", "name"), NP_("column", "ticker"), NP_("column", "country"), NP_("column", "documents"),
           NP_("column", "mentions"), NP_("column", "events"), NP_("column", "url"), NP_("column", "items"),
           NP_("column", "pulled_at"), NP_("column", "kind"), NP_("column", "unit"), NP_("column", "qualifier"),
           NP_("column", "USD"), NP_("column", "span"), NP_("column", "text"), NP_("column", "as written"),
           NP_("column", "details"), NP_("column", "checks"), NP_("column", "kb_id"), NP_("column", "aliases"),
           NP_("column", "evidence"), NP_("column", "source_docs"), NP_("column", "consensus_usd"),
           NP_("column", "read"), NP_("column", "stored"), NP_("column", "skipped"), NP_("column", "failed"),
           NP_("column", "near_duplicates"), NP_("column", "seconds"), NP_("column", "docs_per_second"),
           NP_("column", "feed"), NP_("column", "new"), NP_("column", "doc"), NP_("column", "lang"),
           # the fields of a record (query stats, query company) and its sections
           NP_("column", "engine"), NP_("column", "database"), NP_("column", "schema_version"),
           NP_("column", "quantities"), NP_("column", "entities"), NP_("column", "event_args"),
           NP_("column", "languages"), NP_("column", "extractor_versions"), NP_("column", "events_by_type"),
           NP_("column", "claims"), NP_("column", "investments"), NP_("column", "moves"), NP_("column", "products"),
           NP_("column", "supply_deals"), NP_("column", "acquisitions"), NP_("column", "product"),
           NP_("column", "source"), NP_("column", "low_usd"), NP_("column", "high_usd")}


def column(key: str) -> str:
    """A column's header in the CLI's language (the key itself in English)."""
    from marsad.cli.render import visual

    if lang() == "en" or key not in COLUMNS:
        return key
    return visual(i18n.translations(lang()).pgettext("column", key), "ar")


# What each error code means, said in the reader's language when the CLI speaks another.
ERRORS = {
    "M101": N_("no such file or directory"),
    "M102": N_("cannot read the standard input or the folder"),
    "M103": N_("larger than the size limit: raise it with --max-bytes"),
    "M104": N_("cannot read the file (permission denied, or it is a directory)"),
    "M105": N_("empty: nothing to extract"),
    "M106": N_("binary file: expected UTF-8 text, HTML or JSON Lines"),
    "M107": N_("not valid UTF-8: convert it with iconv -t UTF-8"),
    "M108": N_("the HTML has no article text that could be extracted"),
    "M109": N_("malformed JSON"),
    "M110": N_("the JSON Lines record has no usable text"),
    "M122": N_("cannot load the extractor function"),
    "M131": N_("the PDF is encrypted: decrypt it first (e.g. with qpdf --decrypt)"),
    "M132": N_("the PDF is truncated or damaged"),
    "M133": N_("the PDF has no text layer; OCR is not supported (run an OCR tool such as ocrmypdf first)"),
    "M134": N_("the Office file is truncated, damaged or of an older format"),
    "M135": N_("a formula cell has no saved value and was left out"),
    "M139": N_("cannot read this file"),
    "M140": N_("no such feed, or the feed URL is not http:// or https://"),
    "M142": N_("not an RSS or Atom feed, or a malformed one"),
    "M201": N_("a data file of the package is missing"),
    "M202": N_("a data file of the package is not valid YAML"),
    "M203": N_("a data file of the package does not match its schema"),
    "M204": N_("no lexicon for this language"),
    "M205": N_("the FX rate table is missing"),
    "M206": N_("the FX rate table has a malformed line"),
    "M211": N_("a knowledge-base file is missing"),
    "M212": N_("a knowledge-base file is not valid YAML"),
    "M213": N_("the knowledge base is invalid: run marsad kb check"),
    "M214": N_("no knowledge-base entry matches this name (try another spelling, or add it to src/marsad/kb/)"),
    "M300": N_("database error"),
    "M301": N_("the database is in use by another process: wait for it to finish, or use another --db"),
    "M302": N_("permission denied on the database: check the file and folder permissions, or use another --db"),
    "M303": N_("the database is corrupt or not a DuckDB file: move it aside or restore a backup"),
    "M304": N_("disk full: free some space and run the same command again (everything committed so far is kept)"),
    "M305": N_("cannot reach PostgreSQL"),
    "M306": N_("'marsad sql' only reads the store: this statement is not allowed"),
    "M307": N_("the database was written by a newer Marsad: upgrade marsad"),
    "M309": N_("no database there: run 'marsad ingest' first, or point --db / MARSAD_DB at one"),
    "M310": N_("unknown export format"),
    "M311": N_("a worker process died: run the same command again (every finished batch is stored)"),
    "M312": N_("columns are missing: is this Marsad's Spark output?"),
    "M501": N_("refusing to listen on an address other than loopback without MARSAD_API_TOKEN"),
    "M502": N_("cannot listen on this address or port (another server on that port? try --port)"),
    "M503": N_("the API token is shorter than 32 characters"),
    "M999": N_("internal error (please report it with the input that caused it)"),
}


def error_line(err: Any) -> str:
    """A coded error (``MarsadError`` or ``ReadError``) as one line in the CLI's language: the
    code and the file (and line) as they are, the text translated; in English, ``str(err)``."""
    code = getattr(err, "code", None)
    if lang() == "en" or code not in ERRORS:
        return str(err)
    text = _(ERRORS[code])
    source = getattr(err, "source", None)
    if source is not None:  # a ReadError: [code] file[:line]: text
        line = getattr(err, "line", None)
        return f"[{code}] {source}{':' + str(line) if line else ''}: {text}"
    detail = err.args[0] if getattr(err, "args", None) else ""
    return f"[{code}] {text}" + (f" ({detail})" if detail else "")
