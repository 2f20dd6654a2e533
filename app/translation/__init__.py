"""Translation: catalogs at run time, localized pages, and the catalog tools; no Flask."""
