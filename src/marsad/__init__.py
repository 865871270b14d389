"""Marsad: grounded facts about the AI investment race from Arabic and English news.

Public API::

    import marsad
    facts = marsad.extract("أعلنت علي بابا استثمار 50 مليار دولار")
    facts.to_dict()   # the JSON contract (shared/eval/CONTRACT.md)
"""
from marsad.model import Document, Entity, Event, Facts, KeyPoint, Quantity
from marsad.pipeline import extract, extract_document

__all__ = ["extract", "extract_document", "Document", "Facts", "Quantity", "Entity",
           "Event", "KeyPoint"]
__version__ = "0.1.0"
