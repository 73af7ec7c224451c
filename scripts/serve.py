"""Start the dashboard: `streamlit run app.py`, warmed first (`make run`).

Plain `streamlit run app.py` serves every page right from a server's first request (see app.py's
docstring); this script only adds the warm start.

Warm start (issue 15): before the server listens, every page app.py lists for all users runs once in
this process through Streamlit's AppTest, for all communities. That imports pandas, plotly, SQLAlchemy,
pyarrow and our modules and fills the process-wide caches (`st.cache_resource` views, `st.cache_data`
query results) the first visitor would otherwise wait for. It fails soft: a page that fails is named in
a log line and the server starts anyway. It is on with COP_WARM_START=1 (the benchmark sets it): off by
default for now, because the test suite starts many servers through this script and would wait for it.
Usage: python scripts/serve.py [streamlit options]
"""

import gc
import logging
import os
import sys
import time
from pathlib import Path

from streamlit.web import cli

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "app.py"
WARM_TIMEOUT_S = 600  # a page slower than this at start-up is left to its first visitor
log = logging.getLogger("cop.serve")


def _viewer_pages() -> list[str]:
    """The files of the pages everyone sees (editors' pages need a sign-in), as AppTest switches to them."""
    from dashboard.frame import VIEWER_PAGES, page_file  # imports streamlit and our modules, as warm() does

    return [str(page_file(address).relative_to(ROOT)) for address, _title, _icon in VIEWER_PAGES]


def warm() -> None:
    """Run each viewer page once, so that imports and all-communities views are ready before serving."""
    started = time.perf_counter()
    try:
        import pandas  # noqa: F401 - these four: loaded for the first visitor
        import plotly.graph_objects  # noqa: F401
        import pyarrow  # noqa: F401
        import sqlalchemy  # noqa: F401
        from streamlit.testing.v1 import AppTest

        at = AppTest.from_file(str(APP), default_timeout=WARM_TIMEOUT_S)
        at.run()
    except Exception as exc:  # noqa: BLE001 - never stop the server from starting
        log.warning("warm start skipped: %s: %s", type(exc).__name__, exc)
        return
    pages = _viewer_pages()
    for page in pages:
        try:
            at.switch_page(page).run()
            if at.exception:
                log.warning("warm start: %s raised %s", page, at.exception[0].value[:200])
        except Exception as exc:  # noqa: BLE001 - a renamed or failing page is its first visitor's wait
            log.warning("warm start: %s skipped: %s: %s", page, type(exc).__name__, exc)
    log.warning("warm start: %d pages ready in %.1f s", len(pages), time.perf_counter() - started)


if __name__ == "__main__":
    logging.basicConfig(format="%(asctime)s %(name)s: %(message)s")
    if os.environ.get("COP_WARM_START") == "1":
        warm()
        # The warmed caches live as long as the server: keep them out of every later collection
        # (a full collection over them took 1.7-2.5 s at size S under load; after freeze, 0 ms).
        gc.freeze()
    sys.argv = ["streamlit", "run", str(APP), *sys.argv[1:]]
    sys.exit(cli.main())
