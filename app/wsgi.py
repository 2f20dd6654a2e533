"""The production entry point (bin/deploy): the site with debug mode forced off.

`granian --interface wsgi app.wsgi:application`, or any WSGI server. PRODUCTION is set, so
that nothing can turn the Werkzeug debugger on behind this module's back. Each worker makes
its most visited pages before it serves (app/web/warm_up.py says why).
"""

from __future__ import annotations

from app import create_app
from app.web.warm_up import warm_up

application = create_app({"DEBUG": False, "TESTING": False, "PRODUCTION": True})
warm_up(application)
