"""Participation: who took part, reshaped for the Participation page and the deck. The organisation
matrix (which organisations take part in which communities), organisation types, professional groups,
the share of patient and public roles, and the role listing with its search."""

from __future__ import annotations

import pandas as pd

MATRIX_TABLE_COLUMNS = 12  # past this many communities a Yes/blank grid is unreadable as a table


def organisation_matrix(reach: pd.DataFrame, communities: list[str], only_in: str | None = None) -> pd.DataFrame:
    """Organisations × communities, organisations spanning most communities first: a "Yes"/""
    grid for up to 12 communities; past that, one row per organisation naming its communities
    (`takes_part_in`, in the communities' order).

    With `only_in`, the rows are that community's organisations, still shown against every
    community: connecting the system is about where else they take part.
    """
    if only_in is not None:
        reach = reach[reach["organisation"].isin(reach.loc[reach["community"] == only_in, "organisation"])]
    present = set(reach["community"])
    columns = [c for c in communities if c in present]
    if len(columns) > MATRIX_TABLE_COLUMNS:
        return _organisation_list(reach, columns)
    wide = (
        reach.assign(present="Yes")
        .pivot_table(
            index=["organisation", "organisation_type"],
            columns="community",
            values="present",
            aggfunc="first",
            fill_value="",
        )
        .reindex(columns=columns, fill_value="")
    )
    wide["communities"] = (wide == "Yes").sum(axis=1)
    wide = wide.reset_index().sort_values(["communities", "organisation"], ascending=[False, True])
    return wide.reset_index(drop=True)


def _organisation_list(reach: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    rank = {c: i for i, c in enumerate(columns)}
    pairs = (
        reach.drop_duplicates(["organisation", "organisation_type", "community"])
        .assign(rank=lambda d: d["community"].map(rank))
        .sort_values("rank", kind="stable")
    )
    groups = pairs.groupby(["organisation", "organisation_type"], sort=False)["community"]
    out = pd.DataFrame({"communities": groups.size(), "takes_part_in": groups.agg("; ".join)}).reset_index()
    return out.sort_values(["communities", "organisation"], ascending=[False, True]).reset_index(drop=True)


def matrix_caption(matrix: pd.DataFrame) -> str:
    spanning = matrix[matrix["communities"] >= 2]
    if matrix.empty:
        return "No organisations are recorded for this selection."
    if spanning.empty:
        return f"{len(matrix)} organisations took part; none in more than one of the communities shown."
    top = spanning.iloc[0]
    return (
        f"{len(spanning)} of {len(matrix)} organisations took part in two or more communities; "
        f"{top['organisation']} took part in {top['communities']}."
    )


def patient_share(groups: pd.DataFrame) -> pd.DataFrame:
    """Per community: distinct roles of patients and the public versus staff, with the share."""
    g = groups.assign(side=groups["is_patient_or_public"].map({True: "Patients and public", False: "Staff"}))
    out = g.pivot_table(index="community", columns="side", values="roles", aggfunc="sum", fill_value=0, sort=False)
    for side in ("Patients and public", "Staff"):
        if side not in out:
            out[side] = 0
    out = out[["Patients and public", "Staff"]].reset_index()
    total = out["Patients and public"] + out["Staff"]
    out["patients_and_public_pct"] = (100 * out["Patients and public"] / total.where(total > 0)).round(0)
    return out


def _names(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _distinct(listed: pd.DataFrame | None, key: str) -> pd.DataFrame | None:
    """One row per distinct `key` (an organisation or a role) across the communities in `listed`."""
    return None if listed is None else listed.drop_duplicates(key)


def _totals(distinct: pd.DataFrame | None, counts: pd.DataFrame, key: str, count: str) -> pd.Series:
    """Per `key`, the distinct names listed (when known), else the sum of each community's `count`."""
    if distinct is not None:
        return distinct.groupby(key, sort=False).size()
    return counts.groupby(key, sort=False)[count].sum()


def type_caption(types: pd.DataFrame, organisations: pd.DataFrame | None = None) -> str:
    """The largest organisation type, counted over distinct organisations (`organisations`:
    organisations_by_community; without it, over each community's own count); which community drew
    on the widest mix only when there are communities to compare."""
    if types.empty:
        return "No organisations are recorded for this selection."
    distinct = _distinct(organisations, "organisation")
    totals = _totals(distinct, types, "organisation_type", "organisations")
    top = totals[totals == totals.max()].index.tolist()
    largest = (
        f"{_names(top)} organisations are the largest type{'' if len(top) == 1 else 's'} "
        f"({totals.max()} of {totals.sum()} distinct organisations{'' if len(top) == 1 else ' each'})"
    )
    widest = types.groupby("community", sort=False)["organisation_type"].nunique()
    if len(widest) == 1:
        return f"{largest}; {widest.index[0]} drew on {widest.iloc[0]} type{'s' if widest.iloc[0] != 1 else ''}."
    top = widest[widest == widest.max()].index.tolist()
    if len(top) == len(widest):
        return f"{largest}; every community drew on {widest.max()} types."
    return f"{largest}; {_names(top)} drew on the widest mix ({widest.max()} types)."


def group_caption(groups: pd.DataFrame, share: pd.DataFrame, roles: pd.DataFrame | None = None) -> str:
    """The most listed professional group, counted over distinct roles (`roles`: roles_by_community);
    the largest patient and public share only when communities differ in it."""
    if groups.empty:
        return "No roles are recorded for this selection."
    distinct = _distinct(roles, "role")
    totals = _totals(distinct, groups, "professional_group", "roles")
    top = totals[totals == totals.max()].index.tolist()
    most = (
        f"{_names(top)} {'is the largest professional group' if len(top) == 1 else 'are the largest groups'} "
        f"({totals.max()} of {totals.sum()} distinct roles{'' if len(top) == 1 else ' each'})"
    )
    pct = share["patients_and_public_pct"].fillna(0)
    if len(share) < 2 or pct.max() == pct.min():
        return most + "."
    best = share.loc[pct == pct.max(), "community"].tolist()
    return (
        f"{most}; {_names(best)} {'has' if len(best) == 1 else 'have'} the largest share of patient "
        f"and public roles ({pct.max():.0f}%)."
    )


def share_long(share: pd.DataFrame) -> pd.DataFrame:
    return share.melt(
        id_vars=["community"], value_vars=["Patients and public", "Staff"], var_name="side", value_name="roles"
    )


def share_caption(share: pd.DataFrame, roles: pd.DataFrame | None = None) -> str:
    """Patients and the public among the distinct roles of the selection (`roles`: roles_by_community;
    without it, each community's roles added up)."""
    if share.empty:
        return "No roles are recorded for this selection."
    distinct = _distinct(roles, "role")
    if distinct is not None:
        patients, total = int(distinct["is_patient_or_public"].astype(bool).sum()), len(distinct)
    else:
        patients = int(share["Patients and public"].sum())
        total = patients + int(share["Staff"].sum())
    if not patients:
        return f"None of the {total} distinct roles listed are patients or members of the public."
    return (
        f"{patients} of {total} distinct roles listed ({100 * patients / total:.0f}%) are patients "
        "or members of the public; the rest are staff."
    )


def listing_caption(listing: pd.DataFrame) -> str:
    """The role table's count: listings (a role as each community lists it) and the distinct roles among them."""
    n, roles = len(listing), listing["Role"].nunique()
    if not n:
        return (
            "No role listing matches this search. Try one word or the start of one (such as “nurse”), "
            "or a professional group (such as “imaging”)."
        )
    shown = f"{n:,} role listing{'s' if n != 1 else ''} shown"
    if n == roles:
        return f"{shown}, each a different role."
    return f"{shown}: {roles:,} distinct roles, as a role listed by two communities (or twice by one) counts once."


ROLE_COLUMNS = {
    "community": "Community",
    "title_as_written": "Title as written",
    "role": "Role",
    "professional_group": "Professional group",
}


def role_listing(roles: pd.DataFrame) -> pd.DataFrame:
    """Role listings as the page shows them, each with the lower-case text a search looks in."""
    table = roles[list(ROLE_COLUMNS)].rename(columns=ROLE_COLUMNS).reset_index(drop=True)
    text = [table[c].fillna("").astype(str) for c in ROLE_COLUMNS.values()]
    haystack = text[0].str.cat(text[1:], sep=" ").str.lower() if len(table) else pd.Series([], dtype=str)
    return table.assign(_search=haystack)


def search_roles(listing: pd.DataFrame, query: str | None) -> pd.DataFrame:
    """Role listings whose written title, tidied title or group contains every word of `query`
    (`listing` from role_listing, or the roles_by_community frame itself)."""
    if "_search" not in listing:
        listing = role_listing(listing)
    keep = pd.Series(True, index=listing.index)
    for word in (query or "").lower().split():
        keep &= listing["_search"].str.contains(word, regex=False)
    return listing[keep].drop(columns="_search").reset_index(drop=True)


def matrix_for_chart(
    matrix: pd.DataFrame, communities: list[str], rows: int = 40, columns: int = 12
) -> tuple[pd.DataFrame, list[str]]:
    """The organisations spanning most communities and the communities with most organisations, as
    a "Yes"/"" grid (made from the list form for the rows shown)."""
    if "takes_part_in" not in matrix:
        present = [c for c in communities if c in matrix.columns]
        widest = (matrix[present] == "Yes").sum().sort_values(ascending=False).head(columns).index
        return matrix.head(rows), [c for c in present if c in set(widest)]
    listed = matrix["takes_part_in"].str.split("; ")
    widest = set(listed.explode().value_counts().head(columns).index)
    chosen = [c for c in communities if c in widest]
    top = matrix.head(rows)
    grid = {c: ["Yes" if c in names else "" for names in listed.head(rows)] for c in chosen}
    return top[["organisation", "organisation_type", "communities"]].assign(**grid), chosen
