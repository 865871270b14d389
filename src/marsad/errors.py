"""Coded, actionable errors. Codes are stable: tests and users may rely on them."""
from __future__ import annotations


class MarsadError(Exception):
    """Base class: ``code`` is stable (``M101``), ``str()`` is one actionable line."""

    code = "M000"

    def __init__(self, message: str, *, code: str | None = None):
        super().__init__(message)
        if code:
            self.code = code

    def __str__(self) -> str:
        return f"[{self.code}] {self.args[0]}"


class InputError(MarsadError):
    """A file or record could not be read (M1xx)."""

    code = "M100"


class DataError(MarsadError):
    """A lexicon or knowledge-base file is invalid (M2xx)."""

    code = "M200"


class StoreError(MarsadError):
    """The database could not be opened or written (M3xx)."""

    code = "M300"


class ReportError(MarsadError):
    """A briefing report could not be built or written (M7xx): M701 bad date or period, M702 bad
    option, M703 output not writable, M704 PDF engine missing, M705 PDF rendering failed,
    M706 nothing reported in the period (a warning: the report is still written)."""

    code = "M700"
