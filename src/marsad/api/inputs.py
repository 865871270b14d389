"""Request bodies → ``Document``: JSON, a multipart file upload, or plain text.

One article per request. Uploaded bytes go through the same strict UTF-8 reader
as the CLI (``marsad.read.decode``: codes M105-M107); HTML (a ``.html`` upload,
or text that starts with ``<!doctype html`` / ``<html``) is reduced to its
article text with trafilatura, and offsets then refer to that text.
"""
from __future__ import annotations

from typing import Any

from fastapi import Request
from pydantic import ValidationError
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException

from marsad.api.errors import ApiError
from marsad.api.schemas import TEXT_PATTERN, ArticleIn, FormMeta
from marsad import dates
from marsad.model import Document
from marsad.read import decode

FORM_FIELDS = ("lang", "doc_id", "title", "source", "published_at", "include_text")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")

# OpenAPI request body shared by /api/extract and /api/documents.
REQUEST_BODY: dict[str, Any] = {
    "required": True,
    "content": {
        "application/json": {"schema": {"$ref": "#/components/schemas/ArticleIn"}},
        "multipart/form-data": {"schema": {
            "type": "object", "required": ["file"],
            "properties": {"file": {"type": "string", "contentMediaType": "text/plain",
                                    "description": "A UTF-8 text or HTML file (binary files are "
                                                   "refused: 422 M106)."},
                           "lang": {"type": "string", "enum": ["ar", "en"]},
                           "doc_id": {"type": "string", "maxLength": 200},
                           "title": {"type": "string", "maxLength": 1000},
                           "source": {"type": "string", "maxLength": 2000},
                           "published_at": {"type": "string", "maxLength": 64}}},
            "encoding": {"file": {"contentType": "text/plain, text/html"}}},
        "text/plain": {"schema": {"type": "string", "minLength": 1, "pattern": TEXT_PATTERN}},
    },
}


def _looks_like_html(text: str) -> bool:
    head = text[:512].lstrip().lower()
    return head.startswith("<!doctype html") or head.startswith("<html")


def _from_html(html: str) -> tuple[str, str | None, str | None]:
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=True, favor_recall=True)
    if not text or not text.strip():
        raise ApiError(422, "M108", "HTML has no article text that could be extracted")
    meta = trafilatura.extract_metadata(html)
    return text, getattr(meta, "title", None) if meta else None, getattr(meta, "date", None) if meta else None


def check_text(text: str) -> None:
    """Text the pipeline and the store can take: non-blank, UTF-8 encodable, no NUL."""
    if not text.strip():
        raise ApiError(422, "M105", "empty text: nothing to extract")
    if "\x00" in text:
        raise ApiError(422, "M106", "text contains NUL characters: expected UTF-8 text")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as e:
        raise ApiError(422, "M107", f"text is not valid Unicode (lone surrogate at {e.start})") from None


def _check_json_text(body: bytes) -> None:
    import json

    try:
        text = json.loads(body).get("text")
    except (ValueError, AttributeError):
        return
    if isinstance(text, str):
        check_text(text)


def _bytes_to_text(data: bytes, name: str) -> str:
    text = decode(data, name)
    if not isinstance(text, str):
        raise ApiError(422, text.code, f"{name}: {text.message}")
    return text


def _meta(v: Any) -> str | None:
    """A metadata string the stores take: no NUL, valid Unicode; blank is None."""
    if not isinstance(v, str):
        return None
    v = v.replace("\x00", "").encode("utf-8", "replace").decode("utf-8").strip()
    return v or None


def make_document(text: str, fields: dict[str, Any], default_id: str, html: bool = False) -> Document:
    fields = {k: _meta(v) if isinstance(v, str) else v for k, v in fields.items()}
    title, date = fields.get("title"), fields.get("published_at")
    if html or _looks_like_html(text):
        text, t2, d2 = _from_html(text)
        title, date = title or t2, date or d2
    check_text(text)
    lang = fields.get("lang")
    return Document(doc_id=str(fields.get("doc_id") or default_id), text=text,
                    lang=lang if lang in ("ar", "en") else None, source=fields.get("source"),
                    title=title, published_at=dates.published_at(str(date) if date else None, text))


async def read_article(request: Request, max_bytes: int,
                       strict: bool = True) -> tuple[Document, dict[str, Any]]:
    """The request's article as a Document, and the options sent with it.

    ``strict=False`` (the HTML form) treats empty form fields as not given."""
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype in ("", "application/json") or ctype.endswith("+json"):
        body = await request.body()
        if not body.strip():
            raise ApiError(422, "M522", "empty request body: send JSON {\"text\": \"...\"}, a file "
                                        "upload (multipart field 'file') or text/plain")
        try:
            art = ArticleIn.model_validate_json(body)
        except ValidationError as e:
            detail = [{"loc": [str(x) for x in err.get("loc", ())], "msg": err.get("msg", ""),
                       "type": err.get("type", "")} for err in e.errors(include_url=False)]
            first = detail[0]
            where = ".".join(first["loc"]) or "body"
            if first["loc"] == ["text"] and first["type"] in ("string_pattern_mismatch", "string_too_short"):
                _check_json_text(body)  # blank or NUL text: the reader's codes (M105, M106)
            if first["type"] == "json_invalid":
                raise ApiError(422, "M522", f"malformed JSON: {first['msg'].removeprefix('Invalid JSON: ')}",
                               detail) from None
            raise ApiError(422, "M522", f"invalid request: {where}: {first['msg']}", detail) from None
        fields = art.model_dump(exclude={"text"})
        return make_document(art.text, fields, "api"), fields
    if ctype in ("multipart/form-data", "application/x-www-form-urlencoded"):
        try:
            form = await request.form(max_files=1, max_fields=20, max_part_size=max_bytes)
        except HTTPException as e:
            raise ApiError(422, "M522", f"invalid form body: {e.detail}") from None
        fields = {k: form.get(k) for k in FORM_FIELDS if isinstance(form.get(k), str)}
        if not strict:  # the pages' form sends empty fields for "not given"
            fields = {k: v for k, v in fields.items() if v.strip()}
        try:
            fields = FormMeta.model_validate(fields).model_dump()
        except ValidationError as e:
            err = e.errors(include_url=False)[0]
            where = ".".join(str(x) for x in err.get("loc", ())) or "form"
            raise ApiError(422, "M522", f"invalid request: {where}: {err.get('msg', '')}") from None
        upload = form.get("file")
        if isinstance(upload, UploadFile) and (upload.filename or not isinstance(form.get("text"), str)):
            name = upload.filename or "upload"
            text = _bytes_to_text(await upload.read(), name)
            stem = name.replace("\\", "/").rsplit("/", 1)[-1].rsplit(".", 1)[0][:200] or "upload"
            return make_document(text, fields, stem, html=name.lower().endswith(HTML_SUFFIXES)), fields
        if isinstance(form.get("text"), str) and form.get("text").strip():
            return make_document(form.get("text"), fields, "api"), fields
        raise ApiError(422, "M105", "no article: paste some text or choose a file (multipart field 'file')")
    if ctype in ("text/plain", "text/html"):
        text = _bytes_to_text(await request.body(), "body")
        return make_document(text, {}, "api", html=ctype == "text/html"), {}
    raise ApiError(415, "M515", f"unsupported content type '{ctype}': use application/json, "
                                "multipart/form-data or text/plain")
