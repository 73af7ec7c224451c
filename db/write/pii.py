"""Flags for text that looks like personal data: NHS numbers, e-mail addresses, UK phone numbers, UK
postcodes and names from an editor's own list. Pure functions: a flag is shown to the editor who
screens the text, never acted on by itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

NHS_RE = re.compile(r"(?<![\d+])(\d{3})[ -]?(\d{3})[ -]?(\d{4})(?!\d)")
EMAIL_RE = re.compile(r"[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
# 0 or +44 then 9 or 10 more digits, spaces, hyphens or brackets between them (07700 900123,
# +44 (0)20 7946 0958, 020-7946-0958).
PHONE_RE = re.compile(r"(?<![\w+])(?:\+44[\s-]?(?:\(0\)[\s-]?)?|\(?0)(?:\d[\s\-()]{0,2}){8,9}\d(?!\d)")
POSTCODE_RE = re.compile(r"\b(?:GIR ?0AA|[A-Z]{1,2}\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2})\b", re.IGNORECASE)


@dataclass(frozen=True)
class Flag:
    """One thing in a text that looks like personal data: what kind, and the text found."""

    kind: str
    found: str

    def __str__(self) -> str:
        return f"{self.kind}: {self.found}"


def nhs_number_valid(digits: str) -> bool:
    """True for ten digits whose last is the Modulus 11 check digit of the first nine."""
    if not re.fullmatch(r"\d{10}", digits):
        return False
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1)))
    check = 11 - total % 11
    check = 0 if check == 11 else check
    return check != 10 and check == int(digits[9])


def nhs_numbers(text: str) -> list[str]:
    return [m.group(0) for m in NHS_RE.finditer(text) if nhs_number_valid("".join(m.groups()))]


def names_in(text: str, names: Iterable[str]) -> list[str]:
    """Each listed name found in `text` as whole words, ignoring case."""
    found = []
    for name in {n.strip() for n in names if len(n.strip()) >= 2}:
        if hit := re.search(rf"(?<!\w){re.escape(name)}(?!\w)", text, re.IGNORECASE):
            found.append(hit.group(0))
    return sorted(found)


def flags(text: str, names: Iterable[str] = ()) -> list[Flag]:
    """Everything in `text` that looks like personal data, in a fixed order of kinds."""
    found = [Flag("NHS number", n) for n in nhs_numbers(text)]
    found += [Flag("e-mail address", m.group(0)) for m in EMAIL_RE.finditer(text)]
    found += [Flag("phone number", m.group(0).strip()) for m in PHONE_RE.finditer(text)]
    found += [Flag("postcode", m.group(0)) for m in POSTCODE_RE.finditer(text)]
    found += [Flag("name on your list", n) for n in names_in(text, names)]
    return found


def names_from(text: str) -> list[str]:
    """An editor's list of names as typed: one per line or separated by commas."""
    return [n.strip() for n in re.split(r"[\n,;]", text or "") if n.strip()]
