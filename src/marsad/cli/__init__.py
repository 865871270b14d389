"""The ``marsad`` command line: thin typer wrappers over the library.

Each command group lives in its own module and is added here explicitly.
"""
from __future__ import annotations

import sys

import typer

from marsad.cli import extract_cmds, kb_cmds, serve_cmds, source_cmds, store_cmds

app = typer.Typer(
    name="marsad",
    help="Marsad (مرصد): grounded facts about the AI investment race from Arabic and English news.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
extract_cmds.register(app)
kb_cmds.register(app)
store_cmds.register(app)
serve_cmds.register(app)
source_cmds.register(app)


def main() -> None:
    """Console entry point: any unexpected error becomes one line, never a traceback."""
    from marsad.errors import MarsadError

    try:
        app()
    except MarsadError as e:
        print(f"marsad: {e}", file=sys.stderr)
        sys.exit(2)
    except KeyboardInterrupt:
        print("marsad: interrupted", file=sys.stderr)
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(0)
    except Exception as e:  # noqa: BLE001 - last line of defence for users
        print(f"marsad: [M999] internal error: {type(e).__name__}: {e} "
              "(please report it with the input that caused it)", file=sys.stderr)
        sys.exit(3)
