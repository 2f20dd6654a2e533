"""Many PDFs at once, in parallel processes: WeasyPrint holds the GIL while it lays out."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from app.pdf.render import local_fetcher, render_pdf

PER_WORKER = 8  # fewer PDFs than this per process: a process's start-up is not worth it


@dataclass(frozen=True)
class Job:
    """A PDF to make: its key, its HTML, where it is rendered, and the files it may read."""

    key: str
    html: str
    base_url: str
    files_prefix: str
    files_folder: str


def make(job: Job) -> tuple[str, bytes]:
    """(key, PDF) of one job; runs in a worker process."""
    fetcher = local_fetcher(job.files_prefix, job.files_folder)
    return job.key, render_pdf(job.html, job.base_url, fetcher)


def workers_for(count: int) -> int:
    """How many processes for `count` PDFs: one per core, at least PER_WORKER PDFs each."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, min(cores or 1, count // PER_WORKER))


def make_all(jobs: Sequence[Job]) -> Iterator[tuple[str, bytes]]:
    """(key, PDF) of every job, as they are made."""
    workers = workers_for(len(jobs))
    if workers == 1:
        yield from map(make, jobs)
        return
    # Forked: the export runs in one thread, and a spawned worker would import the caller's
    # main module again (a script without a `__main__` guard would export in every worker).
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        yield from pool.map(make, jobs, chunksize=4)
