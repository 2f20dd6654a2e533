"""PDFs kept by what they are made from, and made in parallel processes."""

from __future__ import annotations

import pytest

from app.pdf.batch import Job, make, make_all, workers_for
from app.pdf.cache import PdfCache, pdf_key

HTML = ('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{0}</title></head>'
        "<body><h1>Document {0}</h1><p>Its only paragraph.</p></body></html>")


def test_the_key_changes_with_the_html_and_the_address_only():
    key = pdf_key("<p>A</p>", "https://site.test/en/a/a-en.pdf")
    assert key == pdf_key("<p>A</p>", "https://site.test/en/a/a-en.pdf")
    assert key != pdf_key("<p>B</p>", "https://site.test/en/a/a-en.pdf")
    assert key != pdf_key("<p>A</p>", "https://site.test/fr/a/a-fr.pdf")


def test_a_kept_pdf_is_read_back_and_only_the_used_ones_survive_a_prune(tmp_path):
    cache = PdfCache(tmp_path / "cache")
    assert cache.get("ab" * 32) is None
    cache.put("ab" * 32, b"%PDF-first")
    cache.put("cd" * 32, b"%PDF-second")
    assert "ab" * 32 in cache and cache.get("ab" * 32) == b"%PDF-first"
    assert cache.prune({"cd" * 32}) == 1
    assert "ab" * 32 not in cache and cache.get("cd" * 32) == b"%PDF-second"
    assert not list((tmp_path / "cache").rglob("*.part"))  # no half-written file left


@pytest.mark.parametrize(("count", "cores", "workers"), [(1, 2, 1), (7, 2, 1), (16, 2, 2),
                                                         (2000, 2, 2), (2000, 1, 1)])
def test_a_process_is_started_only_for_enough_pdfs(monkeypatch, count, cores, workers):
    monkeypatch.setattr("os.sched_getaffinity", lambda pid: set(range(cores)))
    assert workers_for(count) == workers


def test_pdfs_made_in_parallel_processes_are_the_ones_made_in_this_one(tmp_path):
    jobs = [Job(f"key{n}", HTML.format(n), f"http://site.test/en/{n}/", "http://site.test/",
                str(tmp_path)) for n in range(16)]
    made = dict(make_all(jobs))
    assert list(made) == [job.key for job in jobs]
    for job in (jobs[0], jobs[-1]):
        assert made[job.key] == make(job)[1]
