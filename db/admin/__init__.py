"""Command-line administration: building the database from `cop_data/` (`load`, with its file spec
`load_spec`), schema upgrades (`schema`), backups (`backup`), moving to PostgreSQL (`transfer`) and
scripted imports (`import_file`). Each runs as `python -m db.admin.<name>`.
"""
