"""Start the dashboard: `streamlit run app.py` with Streamlit's legacy pages/ discovery switched off.

app.py declares every page with st.navigation. Streamlit only learns that on the first script run, so
the very first request to a new server process would otherwise be treated as a legacy pages/ app
(a spurious "Page not found" dialog on a deep link). Usage: python scripts/serve.py [streamlit options]
"""

import sys
from pathlib import Path

from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli

ROOT = Path(__file__).resolve().parent.parent

if __name__ == "__main__":
    PagesManager.uses_pages_directory = False  # the app uses st.navigation (see app.py)
    sys.argv = ["streamlit", "run", str(ROOT / "app.py"), *sys.argv[1:]]
    sys.exit(cli.main())
