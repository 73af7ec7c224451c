"""What each page shows, worked out from query results: figures, tables and takeaway sentences,
per community and publication rule. Pages only lay these out.
"""
