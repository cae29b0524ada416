"""Serve the dashboard: ``python -m dashboard.serve [streamlit options]``.

Streamlit treats an app with a ``pages/`` folder as an old-style multipage app until the first
run of ``app.py`` calls ``st.navigation``; a first visitor who opens ``/compare`` directly would get
the old automatic navigation. The pages here are listed by ``st.navigation`` in ``app.py``, so the
old behaviour is switched off before the server starts.
"""

from __future__ import annotations

import sys

from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli

from etl.paths import PROJECT_DIR


def main(argv: list[str]) -> None:
    PagesManager.uses_pages_directory = False
    sys.argv = ["streamlit", "run", str(PROJECT_DIR / "app.py"), "--server.headless", "true",
                "--browser.gatherUsageStats", "false", *argv]
    cli.main()


if __name__ == "__main__":
    main(sys.argv[1:])
