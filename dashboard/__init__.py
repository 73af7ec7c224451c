"""What the pages use, in layers that import only downwards: `frame` (the frame every page runs in)
above `widgets` (blocks the pages share), above `views` (what each page shows, typed) and `deck`,
above `charts`, `files` and `state`, above `privacy` (the publication rule and the published counts),
`data` (one cached function per query) and `cache` (one per-database caching decorator).
Nothing here draws a page; `db/` holds the SQL.
"""
