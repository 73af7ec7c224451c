"""`python -m db.ingest FILE --as EMAIL [--name NAME] [--dry-run] [--url URL]`: the Import page's import from
the command line, under the name administrators script (kept stable; the command lives in
db.admin.import_file, which `python -m db.admin.import_file` also runs)."""

from __future__ import annotations

import sys

from db.admin.import_file import main

if __name__ == "__main__":
    sys.exit(main())
