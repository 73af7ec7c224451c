"""The Compare page's takeaway sentences, worked out from the figures as shown: a hidden figure ("*")
is named as hidden and never ranked, and a comparison is made only when there is something to compare."""

from __future__ import annotations

import pandas as pd

from dashboard.privacy.rule import HIDDEN


def _number(value: str) -> float | None:
    """A shown figure as a number ("1,234" -> 1234.0); None when hidden or not a number."""
    try:
        return float(str(value).replace(",", ""))
    except ValueError:
        return None


def _against(value: float, programme: float | None) -> str:
    if programme is None:
        return ""
    word = "above" if value > programme else "below" if value < programme else "the same as"
    return f", {word} the programme's {programme:.1f}"


def mean_caption(means: dict[str, str], programme: str) -> str:
    """One or two sentences comparing mean attendance per convening, as shown, with the programme's."""
    known = {name: n for name, value in means.items() if (n := _number(value)) is not None}
    hidden = [name for name, value in means.items() if value == HIDDEN]
    text = _ranked(known, _number(programme))
    if not known and not hidden:
        text = "No convening with a count is recorded for these communities yet, so there is no mean."
    if hidden:
        text += (" " if text else "") + (
            f"The mean of {_names(hidden)} is hidden by publication mode, so it is not compared."
        )
    return text


def _ranked(known: dict[str, float], whole: float | None) -> str:
    if len(known) == 1:
        ((name, value),) = known.items()
        return f"{name} drew {value:.1f} participants per convening on average{_against(value, whole)}."
    if not known:
        return ""
    top, low = max(known, key=lambda n: known[n]), min(known, key=lambda n: known[n])
    if known[top] == known[low]:
        return f"The communities compared drew the same mean per convening ({known[top]:.1f})."
    return (
        f"{top} drew the most participants per convening on average ({known[top]:.1f}) and {low} the "
        f"fewest ({known[low]:.1f})" + (f"; the programme's mean is {whole:.1f}." if whole is not None else ".")
    )


def _names(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def types_caption(types: pd.DataFrame, names: tuple[str, ...]) -> str:
    """The largest type of organisation in each community compared, and which draws on most types."""
    parts, widths = [], {}
    for name in names:
        rows = types[types["community"] == name]
        if rows.empty:
            parts.append(f"{name}: no organisations listed")
            continue
        top = rows.sort_values(["organisations", "organisation_type"], ascending=[False, True]).iloc[0]
        total = int(rows["organisations"].sum())
        parts.append(f"{name}: {top['organisation_type']} ({int(top['organisations'])} of {total})")
        widths[name] = len(rows)
    text = "Largest type of organisation taking part: " + "; ".join(parts) + "."
    widest = [name for name, n in widths.items() if n == max(widths.values(), default=0)]
    if len(widths) > 1 and len(widest) == 1:
        text += f" {widest[0]} draws on the widest mix ({widths[widest[0]]} types)."
    return text
