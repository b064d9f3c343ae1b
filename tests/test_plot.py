"""plot_timeline: bands where the sources establish a period, grey hatching where they cannot tell."""

from __future__ import annotations

import datetime as dt
from itertools import combinations
from pathlib import Path
from typing import Any

import pytest

import eu_ca_partnership as eca
from eu_ca_partnership._model import Presence
from eu_ca_partnership._plot import UNKNOWN_FACE, segments

DAY = dt.timedelta(days=1)


def test_segments_agree_with_status_on_every_day(data: eca.Dataset) -> None:
    first, last = data.meta.coverage_start, data.meta.data_as_of
    for row in data.all_participations:
        runs = segments(row, first, last, data.meta.data_as_of)
        covered: dict[dt.date, Presence] = {}
        for left, right, answer in runs:
            assert left <= right
            day = left
            while day <= right:
                covered[day] = answer
                day += DAY
        day = first
        while day <= last:
            expected = row.status_on(day, data_as_of=data.meta.data_as_of)
            assert covered.get(day, Presence.NO) is expected, (row.id, day)
            day += DAY


def test_an_unsettled_end_is_drawn_as_unknown(data: eca.Dataset) -> None:
    (turkmenistan,) = eca.participations("TM", "gsp")
    runs = segments(turkmenistan, data.meta.coverage_start, data.meta.data_as_of, data.meta.data_as_of)
    assert [answer for *_, answer in runs] == [Presence.YES, Presence.UNKNOWN]
    assert runs[-1][1] == data.meta.data_as_of - DAY


matplotlib = pytest.importorskip("matplotlib", reason="plot_timeline needs the 'plot' extra (matplotlib)")


def _bars(figure: Any) -> list[Any]:
    from matplotlib.collections import PolyCollection

    return [c for c in figure.axes[0].collections if isinstance(c, PolyCollection)]


def test_the_picture_is_a_figure_with_a_lane_per_country_and_kind() -> None:
    figure = eca.plot_timeline()
    labels = [t.get_text() for t in figure.axes[0].get_yticklabels()]
    assert labels.count("agreement in force") == len(eca.COUNTRIES)
    assert labels.count("GSP arrangement") == len(eca.COUNTRIES)
    assert labels[0] == "Civil Society Forum (regional)"
    texts = {t.get_text() for t in figure.axes[0].texts}
    assert {c.name for c in eca.COUNTRIES} <= texts


def test_unknown_periods_are_hatched_grey_and_held_ones_are_not() -> None:
    figure = eca.plot_timeline("Turkmenistan")
    hatched = [bar for bar in _bars(figure) if bar.get_hatch()]
    assert len(hatched) == 1  # the GSP after 1 January 2014: its end is not established
    assert matplotlib.colors.to_hex(hatched[0].get_facecolor()[0]) == UNKNOWN_FACE
    assert all(not bar.get_hatch() for bar in _bars(eca.plot_timeline("Kyrgyzstan")))


def test_no_labels_overlap() -> None:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    figure = eca.plot_timeline()
    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    renderer = canvas.get_renderer()
    axes = figure.axes[0]
    texts = [t for t in [*axes.texts, *axes.get_yticklabels(), *axes.get_xticklabels()] if t.get_text()]
    boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in texts]
    overlapping = [(a, b) for (a, box_a), (b, box_b) in combinations(boxes, 2) if box_a.overlaps(box_b)]
    assert not overlapping
    # every label inside a band fits in it
    for text in axes.texts:
        if text.get_color() == "white":
            box = text.get_window_extent(renderer)
            assert any(
                bar.get_window_extent(renderer).contains(box.x0, box.y0)
                and bar.get_window_extent(renderer).contains(box.x1, box.y1)
                for bar in _bars(figure)
            ), text.get_text()


def test_since_until_and_a_path(tmp_path: Path) -> None:
    target = tmp_path / "kg.svg"
    figure = eca.plot_timeline("KG", since="2020-01-01", until="2021-12-31", path=target)
    assert target.read_text("utf-8").lstrip().startswith("<?xml")
    left, right = figure.axes[0].get_xlim()
    assert matplotlib.dates.num2date(left).date() == dt.date(2020, 1, 1)
    assert matplotlib.dates.num2date(right).date() == dt.date(2022, 1, 1)


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"since": "2010-01-01"}, eca.OutOfCoverageError, "before the data's coverage"),
        ({"until": "2099-01-01"}, eca.OutOfCoverageError, "after"),
        ({"since": "2021-01-01", "until": "2020-01-01"}, eca.InvalidDateError, "before since="),
        ({"country": "Tajikstan"}, eca.UnknownCountryError, "did you mean 'Tajikistan'"),
        ({"since": "June 2020"}, eca.InvalidDateError, "not an ISO 8601 date"),
        ({"path": "timeline.docx"}, eca.InvalidChoiceError, "does not end in a picture format"),
        ({"path": "/proc/no-such-folder/t.png"}, eca.ExportError, "cannot write the picture"),
        ({"path": 3}, TypeError, "path must be a str or a path"),
    ],
)
def test_bad_arguments_get_worded_errors(
    kwargs: dict[str, Any], error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        eca.plot_timeline(**kwargs)


def test_rounds_with_an_inferred_year_are_faded_and_only_they(data: eca.Dataset) -> None:
    from eu_ca_partnership._plot import INFERRED_ALPHA

    first, last = data.meta.coverage_start, data.meta.data_as_of
    figure = eca.plot_timeline("Uzbekistan")
    diamonds = [
        line for line in figure.axes[0].lines if line.get_marker() == "D" and len(line.get_xdata()) == 1
    ]
    drawn = [
        r for r in data.dialogue_rounds("UZ") if r.start.latest() >= first and r.start.earliest() <= last
    ]
    assert len(diamonds) == len(drawn)
    faded = [
        matplotlib.dates.num2date(d.get_xdata()[0]).year for d in diamonds if d.get_alpha() == INFERRED_ALPHA
    ]
    assert sorted(faded) == sorted(r.start.year for r in drawn if r.year_inferred) != []
    legend = [handle.get_label() for handle in figure.legends[0].legend_handles]
    assert "dialogue round, year inferred (faded)" in legend
