"""The ``serve`` command: filled in by the web work."""
import typer


def register(app: typer.Typer) -> None:
    """Add the serve command to ``app``."""
