"""Streamlit blocks the pages share: a chart or table with its caption and downloads, quote cards,
sign-in, and the editors' forms (recording, importing, coding, reference data).
"""
