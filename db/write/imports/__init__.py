"""The import pipeline, in order: a file (or the form) becomes checked rows, then stored rows.

upload    the uploaded CSV or XLSX read into sheets (workbook: an .xlsx opened safely)
rows      each sheet's cells checked (cells) and typed into a plan of sessions, register lines, comments
checks    the plan checked against what is stored, inside the write transaction
store     the write itself (and the form's one session); undo removes a whole import
"""
