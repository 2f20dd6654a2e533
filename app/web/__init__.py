"""The web layer: Flask views, language routing, HTTP policy, page cache, URLs, metadata."""
