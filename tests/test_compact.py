"""Tables sent to the browser in the smallest types that hold them: the values are the same, a missing
count stays missing (never zero), and a larger count moves to a wider type rather than wrapping."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa

from dashboard.views import compact


def test_count_lists_keep_each_value_and_each_gap():
    lists = compact.count_lists([[12, "*", 40.0], [], [None], [7]])
    assert lists.to_pylist() == [[12, None, 40], [], [None], [7]]
    assert lists.type == pa.list_(pa.uint8())


def test_a_count_past_a_type_moves_to_a_wider_one_never_wraps():
    assert compact.counts([255]).type == pa.uint8()
    assert compact.counts([256]).to_pylist() == [256] and compact.counts([256]).type == pa.uint16()
    assert compact.counts([70_000]).type == pa.uint32()
    assert compact.count_lists([[1], [65_536]]).to_pylist() == [[1], [65_536]]
    assert compact.counts([-3, 5]).to_pylist() == [-3, 5]  # a negative count keeps its sign


def test_a_frame_keeps_its_columns_order_and_values():
    frame = pd.DataFrame({"Community": ["A", "B <b>"], "Immediate": [3, 0], "Total": [300, 1]})
    sent = compact.frame(frame)
    assert sent.column_names == ["Community", "Immediate", "Total"]
    assert sent.to_pandas().astype({"Immediate": int, "Total": int}).equals(frame)
    assert sent.schema.field("Immediate").type == pa.uint8() and sent.schema.field("Total").type == pa.uint16()


def test_the_comments_per_theme_table_holds_each_name_once_and_the_same_rows():
    from dashboard.views.evidence import theme_counts_table

    counts = pd.DataFrame(
        {
            "theme": ["Delivery", "Delivery", "Trust"],
            "community": ["A", "No community named", "A"],
            "comments": [3, 1, 300],
        }
    )
    table = theme_counts_table(counts)
    assert table.astype(object).values.tolist() == counts.astype(object).values.tolist()
    assert list(table.columns) == ["Theme", "Attribution", "Comments"]
    assert list(table["Attribution"].cat.categories) == ["A", "No community named"]  # sent once each
    assert str(table["Comments"].dtype) == "uint16"


def test_a_trend_image_draws_shown_counts_only_with_a_gap_for_each_hidden_one():
    one, two = compact.trend_images([[10, None, 20, 20], [None, None]], "#005EB8").to_pylist()
    assert one.startswith("data:image/svg+xml;utf8,<svg") and "#" not in one  # a URL: '#' would end it
    lines, dots = (part.split("'")[0] for part in one.split("d='")[1:])
    # evenly spaced over 320 units (6 either side), 0 to the largest shown count over 56 (6 either side)
    assert (lines, dots) == ("M211 6L314 6", "M6 28l0 0")  # session 1 alone (a dot), a gap, then 3 and 4
    assert two.count("d=''") == 2  # nothing shown, nothing drawn
