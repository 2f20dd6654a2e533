"""Tagged PDF documents (PDF/UA-1) made from HTML; no Flask."""
