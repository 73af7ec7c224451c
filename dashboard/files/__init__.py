"""Files to download: CSV and XLSX that never run as formulas, tables shaped for a spreadsheet,
slide-size chart images, and names that say what a file holds.
"""
