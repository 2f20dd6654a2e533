"""The production entry point (bin/deploy): the site with debug mode forced off.

`granian --interface wsgi app.wsgi:application`, or any WSGI server. PRODUCTION is set, so
that nothing can turn the Werkzeug debugger on behind this module's back.
"""

from __future__ import annotations

from app import create_app

application = create_app({"DEBUG": False, "TESTING": False, "PRODUCTION": True})
