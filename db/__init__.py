"""Data layer of the CoP dashboard: models, engine, loading, queries and imports (never imports streamlit)."""
