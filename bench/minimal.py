"""The floor of Flask itself: one route returning a constant (bench/serve.py, target c)."""

from __future__ import annotations

from flask import Flask

application = Flask(__name__)


@application.get("/")
def constant() -> str:
    return "ok"
