"""Serve the dashboard: ``python -m dashboard.serve [streamlit options]``.

Streamlit treats an app with a ``pages/`` folder as an old-style multipage app until the first
run of ``app.py`` calls ``st.navigation``; a first visitor who opens ``/compare`` directly would get
the old automatic navigation. The pages here are listed by ``st.navigation`` in ``app.py``, so the
old behaviour is switched off before the server starts.

``--team`` serves a team (README, "Serving to a team").
"""

from __future__ import annotations

import os
import sys

from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli

from etl.paths import PROJECT_DIR


def team_arguments(argv: list[str]) -> list[str]:
    """``--team``: serve the intranet (every interface unless an address is given) with sign-in
    required for every write (KJ_TEAM=1, read by dashboard/access.py)."""
    if "--team" not in argv:
        return argv
    argv = [argument for argument in argv if argument != "--team"]
    os.environ["KJ_TEAM"] = "1"
    if not any(argument.startswith("--server.address") for argument in argv):
        argv = ["--server.address", "0.0.0.0", *argv]
    return argv


def main(argv: list[str]) -> None:
    PagesManager.uses_pages_directory = False
    sys.argv = ["streamlit", "run", str(PROJECT_DIR / "app.py"), "--server.headless", "true",
                "--browser.gatherUsageStats", "false", *team_arguments(argv)]
    cli.main()


if __name__ == "__main__":
    main(sys.argv[1:])
