"""Data layer of the CoP dashboard (never imports streamlit). Layers, each importing only those below it:

db/          engine, models (the schema), migrate, errors, auth (roles), passwords, throttle, signin
db/read/     pure queries: a connection and filters in, a DataFrame or figures out
db/write/    every write, each checking the user's right inside it: the import pipeline (imports/),
             corrections, reference data, feedback, screening, coding, the audit log, register summaries
db/admin/    command-line work: building from cop_data/ (load), schema upgrades, backup, transfer, imports
"""
