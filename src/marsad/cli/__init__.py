"""The ``marsad`` command line: thin typer wrappers over the library.

Each command group lives in its own module and is added here explicitly.
"""
from __future__ import annotations

import sys

import typer

from marsad.cli import extract_cmds, kb_cmds, report_cmds, serve_cmds, source_cmds, store_cmds

app = typer.Typer(
    name="marsad",
    help="Marsad (مرصد): grounded facts about the AI investment race from Arabic and English news.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        import marsad

        print(f"marsad {getattr(marsad, '__version__', '0')}")
        raise typer.Exit()


@app.callback()
def _root(version: bool = typer.Option(False, "--version", help="Print the version and exit.",
                                       callback=_version, is_eager=True),
          lang: str = typer.Option(None, "--lang", metavar="ar|en",
                                   help="The language of table headers and messages (also MARSAD_LANG; "
                                        "default English). 'marsad extract --lang' is another option: "
                                        "the language of the documents.")) -> None:
    """Marsad (مرصد): grounded facts about the AI investment race from Arabic and English news."""
    from marsad.cli.lang import set_lang

    if lang is not None and lang.strip().lower() not in ("ar", "en"):
        raise typer.BadParameter("--lang must be 'ar' or 'en'")
    set_lang(lang)


extract_cmds.register(app)
kb_cmds.register(app)
store_cmds.register(app)
serve_cmds.register(app)
source_cmds.register(app)
report_cmds.register(app)


# Commands that only print: when the reader of a pipe goes away (``marsad export --out - | head``)
# they stop quietly, as Unix tools do. Not for serve and ingest, which write to sockets and files.
PRINTING = {"extract", "brief", "kb", "query", "sql", "export"}


def _quiet_on_broken_pipe() -> None:
    import signal

    args = [a for a in sys.argv[1:] if not a.startswith("-")]
    if args and args[0] in PRINTING and hasattr(signal, "SIGPIPE"):
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)


def main() -> None:
    """Console entry point: any unexpected error becomes one line, never a traceback."""
    from marsad.cli.lang import _, error_line
    from marsad.errors import MarsadError

    _quiet_on_broken_pipe()
    try:
        app()
    except MarsadError as e:
        print(f"marsad: {error_line(e)}", file=sys.stderr)
        sys.exit(2)
    except KeyboardInterrupt:
        print(f"marsad: {_('interrupted')}", file=sys.stderr)
        sys.exit(130)
    except BrokenPipeError:
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # nothing left to flush
        sys.exit(0)
    except Exception as e:  # noqa: BLE001 - last line of defence for users
        print("marsad: [M999] " + _("internal error: %(error)s (please report it with the input that caused it)",
                                    error=f"{type(e).__name__}: {e}"), file=sys.stderr)
        sys.exit(3)
