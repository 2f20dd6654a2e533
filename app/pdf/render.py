"""HTML to a tagged PDF/UA-1 document with WeasyPrint: page furniture marked as artifacts,
each passage's language added."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

VARIANT = "pdf/ua-1"


def local_path(url: str, prefix: str, folder: Path) -> Path | None:
    """The file under `folder` that `url` names when it starts with `prefix`, else None."""
    if not url.startswith(prefix):
        return None
    relative = unquote(urlsplit(url[len(prefix):]).path)
    path = (folder / relative).resolve()
    return path if path.is_relative_to(folder) and path.is_file() else None


def local_fetcher(prefix: str, folder: str | Path) -> Any:
    """WeasyPrint's URL fetcher limited to `data:` URLs and the files the site serves under
    `prefix` (from `folder`): making a PDF never reaches the network nor any other file."""
    from weasyprint.urls import URLFetcher

    root = Path(folder).resolve()

    class LocalFiles(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: dict[str, str] | None = None) -> Any:
            if url.startswith("data:"):
                return super().fetch(url, headers)
            path = local_path(url, prefix, root)
            if path is None:
                raise ValueError(f"{url}: only the site's own files go into a PDF")
            return super().fetch(path.as_uri(), headers)

    return LocalFiles(allowed_protocols=("data", "file"), allow_redirects=False)


def render_pdf(html: str, base_url: str, fetcher: Any) -> bytes:
    """The PDF of a page of HTML whose `<html lang>` is set: tagged, PDF/UA-1, the text of
    page-margin boxes an artifact, /Lang on every passage marked with another language."""
    # Imported here: only PDFs need WeasyPrint and pikepdf, and start-up stays quick.
    import pikepdf
    from weasyprint import HTML

    from app.pdf.furniture import mark_furniture
    from app.pdf.languages import mark_languages, passages

    document = HTML(string=html, base_url=base_url, url_fetcher=fetcher)
    data: bytes = document.write_pdf(pdf_variant=VARIANT)
    with pikepdf.open(io.BytesIO(data)) as pdf:
        mark_furniture(pdf)
        mark_languages(pdf, passages(document.etree_element))
        output = io.BytesIO()
        pdf.save(output, deterministic_id=True)  # the same bytes for the same page
        return output.getvalue()
