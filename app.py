"""The CoP dashboard's entry point: `streamlit run app.py` (or `make run`).

The frame (page config, the sidebar's community filter and sign-in, navigation) is `dashboard.frame.main()`;
every page is a file in `pages/` named by its address, `pages/attendance-trends.py` for
`/attendance-trends`, and declared there with `st.navigation`.

Why the names matter: Streamlit decides once per server process whether an app is a legacy `pages/` app,
from whether a `pages/` folder sits next to the entry point, and keeps thinking so until a run calls
`st.navigation`. So on a new server's first request (and in every AppTest run) Streamlit does not run
this file but the page file whose name matches the address (this file for "/"). Because every file is
named by its address, that is the page asked for; its first statement, `enter()`, runs the frame around
it (whose `st.navigation` lists our titles, resolves the same page from the address and runs it inside
the frame) and then stops the outer run. No page is drawn twice or without the frame, and no private
Streamlit setting is touched.
"""

from dashboard.frame import main

main()
