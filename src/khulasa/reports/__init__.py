"""Story reports (summary and facts), computed into the store's cache: for one story
(:func:`compute_jobs`, what the web server's workers run) or for every story of a window
(:func:`pending` and a runner, what ``khulasa reports`` runs, on Dask or in one process)."""

from khulasa.reports.batch import Outcome, Task, pending, run_dask, run_serial, run_story
from khulasa.reports.compute import FACTS, JOBS, SUMMARY, compute, compute_jobs

__all__ = [
    "FACTS",
    "JOBS",
    "SUMMARY",
    "Outcome",
    "Task",
    "compute",
    "compute_jobs",
    "pending",
    "run_dask",
    "run_serial",
    "run_story",
]
