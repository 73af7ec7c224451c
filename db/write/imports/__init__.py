"""The import pipeline, in order: a file (or the form) becomes checked rows, then stored rows.

upload         what a file may hold: limits, the three kinds and their headers, a Sheet of rows
upload_file    the uploaded file read: its name, size and type, a CSV's text (upload_xlsx: a workbook's
               sheets; workbook: an .xlsx opened safely)
rows           each sheet's cells checked (cells) and typed into a plan of sessions, register lines, comments
checks         the plan checked against what is stored, table by table, inside the write transaction
               (checks_shared: communities, stored sessions and names every check resolves)
store          the import and the form's one session, in one transaction (store_rows writes the rows);
               undo removes a whole import
"""
