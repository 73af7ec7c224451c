"""Text users typed, shown in a real Chromium as text: hostile community, organisation, role and convener
names, comments and a session note stored in the server's database, and a hostile `?community=` in the
address (the reflected case). On every page: no link made from them, no icon, no emoji, no colour,
maths or markup, no script run; and the text itself is on the page, as typed.

The server and browser helpers come from tests/chromium.py. Without Chromium these tests skip on a
developer's machine and fail in CI (CI=true).
"""

from __future__ import annotations

import os
import re
import urllib.parse

import pytest
from sqlalchemy import insert, select

from db import models as m
from db.engine import make_engine
from tests.chromium import CHROMIUM, IN_CI, TIMEOUT_MS, database_copy, require_chromium, serving, settled
from tests.payloads import EVIL, PAYLOADS

pytestmark = [
    pytest.mark.database,  # the server's own database: runs in the PostgreSQL pass too
    pytest.mark.browser,
]

COMMUNITY_A = f"Evil A https://{EVIL}/a :material/home: **b** <b>x</b>"
COMMUNITY_B = f"Evil B www.{EVIL} :smile: $x^2$ :red[red text]"
ORGANISATION = f"Org [x](javascript:alert(1)) <img src=x onerror=alert(1)> someone@{EVIL}"
ROLE = f"Role :material/rocket_launch: ~~s~~ https://{EVIL}/r"
CONVENER = f"Convener :blue-background[on blue] mailto:c@{EVIL}"
NOTE = f"https://{EVIL}/note :material/home: <script>alert(1)</script>"
REFLECTED = f"[click](https://{EVIL}/r) https://{EVIL}/reflected :material/home: <img src=x onerror=alert(1)>"
COMMENTS = [p for k, p in PAYLOADS.items() if k != "empty"]
PAGES = [
    "/",
    "/attendance-trends",
    "/organisations-and-roles",
    "/value-framework",
    "/comments-and-quotes",
    "/build-a-deck",
]
# What the corpus would put inside markup if it were rendered (**b** -> <strong>b</strong>, ...)
RENDERED = [
    "b",
    "i",
    "s",
    "t",
    "c",
    "h",
    "q",
    "item",
    "bold",
    "it",
    "red",
    "red text",
    "on blue",
    "rainbow",
    "badge",
    "small",
    "fenced",
    "four spaces make code",
    "click here",
    "done",
    "x",
]

FINDINGS_JS = """(rendered) => {
  const bad = [];
  for (const a of document.querySelectorAll('a')) {
    const href = a.getAttribute('href') || a.getAttribute('xlink:href') || '';
    const text = a.textContent || '';
    if (/evil\\.example|^\\s*(javascript|mailto|xmpp|data):/i.test(href) || /evil\\.example|^click$/i.test(text))
      bad.push(`link href=${href} text=${text.slice(0, 80)}`);
  }
  for (const e of document.querySelectorAll('[data-testid=stIconMaterial], [role=img]'))
    if (/^(home|rocket_launch)$/.test((e.textContent || '').trim())) bad.push(`icon ${e.textContent}`);
  for (const e of document.querySelectorAll('[data-testid=stMarkdownContainer] *')) {
    const tag = e.tagName.toLowerCase(), text = (e.textContent || '').trim();
    if (['img', 'iframe', 'script', 'table', 'del', 'pre', 'input', 'sup', 'math'].includes(tag)
        || e.classList.contains('katex') || e.hasAttribute('onerror') || e.hasAttribute('onload'))
      bad.push(`markup <${tag}> ${text.slice(0, 60)}`);
    else if (rendered.includes(text) && !['p', 'div'].includes(tag)) bad.push(`markup <${tag}>${text}`);
  }
  for (const e of document.querySelectorAll('.js-plotly-plot text, .js-plotly-plot tspan'))
    if (e.style.fontWeight === 'bold' && /^x$/.test((e.textContent || '').trim())) bad.push('plotly <b>');
  return bad;
}"""


def _first_id(conn, model) -> int:
    return conn.execute(select(model.id).order_by(model.id).limit(1)).scalar_one()


def _community(conn, name: str, slug: str) -> int:
    return conn.execute(
        insert(m.Community).values(
            slug=slug, name=name, programme_id=_first_id(conn, m.Programme), display_order=90, source="test"
        )
    ).inserted_primary_key[0]


def _store_payloads(url: str) -> None:
    """The hostile names, note and comments, written straight into the server's own database."""
    engine = make_engine(url)
    with engine.begin() as conn:
        a, b = _community(conn, COMMUNITY_A, "evil-a"), _community(conn, COMMUNITY_B, "evil-b")
        org = conn.execute(
            insert(m.Organisation).values(
                slug="evil-org",
                name=ORGANISATION,
                organisation_type_id=_first_id(conn, m.OrganisationType),
                source="test",
            )
        ).inserted_primary_key[0]
        role = conn.execute(
            insert(m.Role).values(
                slug="evil-role", title=ROLE, professional_group_id=_first_id(conn, m.ProfessionalGroup), source="test"
            )
        ).inserted_primary_key[0]
        conn.execute(
            insert(m.CommunityOrganisation).values(
                community_id=a, position=1, name_as_written=ORGANISATION, organisation_id=org, source="test"
            )
        )
        conn.execute(
            insert(m.CommunityRole).values(
                community_id=a, position=1, title_as_written=ROLE, role_id=role, source="test"
            )
        )
        conn.execute(insert(m.Convener).values(slug="evil-convener", community_id=a, name=CONVENER, source="test"))
        conn.execute(
            insert(m.Session),
            [
                {"community_id": a, "number": 1, "status": "held", "headcount": 12, "note": None, "source": "test"},
                {
                    "community_id": a,
                    "number": 2,
                    "status": "postponed",
                    "headcount": None,
                    "note": NOTE,
                    "source": "test",
                },
            ],
        )
        conn.execute(
            insert(m.Comment),
            [
                {"slug": f"evil-{i}", "text": text, "community_id": (a, b)[i % 2], "source": "test"}
                for i, text in enumerate(COMMENTS)
            ],
        )
    engine.dispose()


@pytest.fixture(scope="module")
def server(request, tmp_path_factory):
    """`scripts/serve.py` (streamlit run app.py) against a database holding the payloads."""
    require_chromium()
    folder = tmp_path_factory.mktemp("inert-server")
    url = database_copy(request, folder)
    _store_payloads(url)
    with serving(url, folder) as base:
        yield base


def _normal(text: str) -> str:
    """Text as a reader sees it: no word joiners or bidi controls, every run of spaces one space."""
    text = re.sub("[\u2060\u202a-\u202e\u2066-\u2069]", "", text).replace("\r\n", "\n").replace("\r", "\n")
    return re.sub(r"[ \t\u00a0]+", " ", text)


def open_and_check(page, path: str, community: str | None, shown: list[str]) -> None:
    """Open `path`, then: no link, icon, markup or script from user text, and each of `shown` visible."""
    query = f"?community={urllib.parse.quote(community)}" if community else ""
    page.goto(path + query)
    settled(page)
    page.wait_for_function("""() => [...document.querySelectorAll('[data-testid=stPlotlyChart]')]
        .every(c => c.querySelector('.js-plotly-plot .main-svg'))""")  # every chart drawn
    page.wait_for_timeout(300)
    findings = page.evaluate(FINDINGS_JS, RENDERED)
    assert findings == [], f"{path}: {findings}"
    assert page.dialogs == [], f"{path}: a payload ran script: {page.dialogs}"
    text = _normal(page.locator("body").inner_text())
    for payload in shown:
        for line in filter(None, (part.strip() for part in _normal(payload).split("\n"))):
            assert line in text, f"{path}: {line!r} is not shown as text"


def test_ci_has_chromium():
    """CI must run the browser checks, never skip them."""
    if IN_CI:
        assert os.path.exists(CHROMIUM), f"{CHROMIUM} is missing in CI"


@pytest.mark.parametrize("path", PAGES)
def test_stored_names_are_shown_as_text_on_every_page(page, path):
    shown = {"/": [COMMUNITY_A, CONVENER], "/attendance-trends": [COMMUNITY_A, NOTE]}.get(path, [COMMUNITY_A])
    open_and_check(page, path, COMMUNITY_A, shown)


@pytest.mark.parametrize("community", [COMMUNITY_A, COMMUNITY_B], ids=["A", "B"])
def test_every_payload_comment_is_shown_as_text(page, community):
    mine = COMMENTS[0::2] if community == COMMUNITY_A else COMMENTS[1::2]
    open_and_check(page, "/comments-and-quotes", community, mine)


def test_a_hostile_community_in_the_address_is_named_as_text(page):
    open_and_check(page, "/", REFLECTED, [REFLECTED])
    warning = _normal(page.get_by_test_id("stAlert").first.inner_text())
    assert "There is no community called" in warning and _normal(REFLECTED) in warning


def test_participation_charts_show_the_organisation_as_text(page):
    open_and_check(page, "/organisations-and-roles", COMMUNITY_A, [COMMUNITY_A])
    shown = ["Org [x](javascript:alert(1))", "<img src=x onerror=alert(1)>"]  # the row label's two lines
    page.wait_for_function(
        """(shown) => [...document.querySelectorAll('.js-plotly-plot')]
        .some(p => shown.every(s => p.textContent.includes(s)))""",
        arg=shown,
        timeout=TIMEOUT_MS,
    )
    assert page.evaluate(FINDINGS_JS, RENDERED) == [] and page.dialogs == []
