"""Time the slide exports on the report's own data: the full four-community deck, and one chart image
with the browser warm (issue 5). Writes bench/results/slides.md and slides.json.

    python -m bench.slides

The report database is built from cop_data/ into a temporary file: the real database is not touched.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from bench.measure import best_of
from dashboard.charts import figures as charts
from dashboard.charts import theme
from dashboard.deck.build import build_deck
from dashboard.files import images
from dashboard.privacy.rule import Rule
from dashboard.views import summaries
from db.admin.load import load_database
from db.engine import make_engine
from db.read import attendance, queries

RESULTS = Path(__file__).resolve().parent / "results"


def measure() -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        engine = make_engine(f"sqlite:///{tmp}/report.sqlite3")
        load_database(engine)
        with engine.connect() as conn:
            names = queries.community_names(conn)
            sessions = summaries.shown_sessions(attendance.attendance_by_session(conn), Rule())
        deck_s, deck = best_of(lambda: build_deck(engine, names), 3)
        fig = charts.build_attendance(sessions, theme.community_styles(names), "Participants at each convening")
        first_s, _ = best_of(lambda: images.figure_to_image(fig, "png"), 1)  # starts the browser
        png_s, _ = best_of(lambda: images.figure_to_image(fig, "png"), 3)
        svg_s, _ = best_of(lambda: images.figure_to_image(fig, "svg"), 3)
        engine.dispose()
    return {
        "deck_four_communities_s": deck_s,
        "deck_bytes": len(deck),
        "first_image_s": first_s,
        "png_warm_s": png_s,
        "svg_warm_s": svg_s,
    }


def main() -> None:
    figures = measure()
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "slides.json").write_text(json.dumps(figures, indent=2) + "\n")
    rows = "\n".join(f"| {k} | {v:.3f} |" if k.endswith("_s") else f"| {k} | {v:,} |" for k, v in figures.items())
    (RESULTS / "slides.md").write_text("| measure | value |\n|---|---:|\n" + rows + "\n")
    print(rows)


if __name__ == "__main__":
    main()
