"""Reading the data: pure functions that take a connection and keyword filters and return a DataFrame
(or a few figures). `queries` serves the overview pages; `evidence` the value stories and member voice;
`search` full-text search; `coding_queries`, `feedback_queries` and `feedback_figures` the coding and
feedback pages; `freshness` when the data last changed; `audit_log` the log and the list of imports.
"""
