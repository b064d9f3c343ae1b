"""plot_timeline: bands where the sources establish a period, grey hatching where they cannot tell."""

from __future__ import annotations

import datetime as dt
from itertools import combinations
from pathlib import Path
from typing import Any

import pytest

import eu_ca_partnership as eca
from eu_ca_partnership._model import Presence
from eu_ca_partnership._plot import (
    FADED_LABEL,
    FORUM_LABEL,
    HOLLOW_LABEL,
    INFERRED_ALPHA,
    ROUND_COLOUR,
    ROUND_LABEL,
    UNKNOWN_FACE,
    UNKNOWN_LABEL,
    UNVERIFIED_ALPHA,
    UNVERIFIED_LABEL,
    segments,
)

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


def test_an_unsettled_start_and_end_are_drawn_as_unknown(data: eca.Dataset) -> None:
    (turkmenistan,) = eca.participations("TM", "gsp")  # in place by 5 June 2007, ended 31 December 2015
    runs = segments(turkmenistan, data.meta.coverage_start, data.meta.data_as_of, data.meta.data_as_of)
    assert [(str(a), str(b), answer.value) for a, b, answer in runs] == [
        (str(data.meta.coverage_start), "2007-06-04", "unknown"),
        ("2007-06-05", "2015-12-31", "yes"),
    ]
    (visa_ban,) = eca.participations("UZ", "eu-uzbekistan-visa-ban")  # lifted in November 2008
    runs = segments(visa_ban, data.meta.coverage_start, data.meta.data_as_of, data.meta.data_as_of)
    assert [(str(a), str(b), answer.value) for a, b, answer in runs] == [
        ("2005-11-14", "2008-11-01", "yes"),  # the end is the last day held: at least 1 November
        ("2008-11-02", "2008-11-30", "unknown"),
    ]


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
    figure = eca.plot_timeline("Uzbekistan", since="2008-01-01", until="2008-12-31")
    hatched = [bar for bar in _bars(figure) if bar.get_hatch()]
    assert len(hatched) == 1  # the visa ban in November 2008: lifted that month, its day not known
    assert matplotlib.colors.to_hex(hatched[0].get_facecolor()[0]) == UNKNOWN_FACE
    assert all(not bar.get_hatch() for bar in _bars(eca.plot_timeline("Kyrgyzstan", since="2014-01-01")))


@pytest.mark.parametrize("country", ["KZ", "KG", "TJ", "TM", "UZ"])
def test_a_lane_before_its_instruments_are_described_is_hatched_never_blank(country: str) -> None:
    """The standard GSP is known from 5 June 2007: before, every country's GSP lane is 'cannot tell'."""
    figure = eca.plot_timeline(country, until="2013-12-31")
    spans = {_span(path) for bar in _bars(figure) if bar.get_hatch() for path in bar.get_paths()}
    assert (_day(eca.COVERAGE_START), _day(dt.date(2007, 6, 5))) in spans


def _day(day: dt.date) -> float:
    return float((day - dt.date(1970, 1, 1)).days)


def _span(path: Any) -> tuple[float, float]:
    xs = [float(x) for x, _ in path.vertices]
    return min(xs), max(xs)


@pytest.mark.parametrize(
    "kwargs",
    [{}, {"country": "Kyrgyzstan", "until": eca.DATA_AS_OF + 200 * DAY}],
    ids=["all", "past-data-as-of"],
)
def test_no_labels_overlap(kwargs: dict[str, Any]) -> None:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    figure = eca.plot_timeline(**kwargs)
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
        ({"since": "1994-12-31"}, eca.OutOfCoverageError, "before the data's coverage"),
        ({"until": "1994-01-01"}, eca.OutOfCoverageError, "until=1994-01-01 is before the data's coverage"),
        (
            {"until": 2026},
            TypeError,
            "until must be a datetime.date, a PartialDate or an ISO 8601 string, got int",
        ),
        ({"since": "June 2020"}, eca.InvalidDateError, "since='June 2020' is not a date; expected a day"),
        ({"since": "2021-01-01", "until": "2020-01-01"}, eca.InvalidDateError, "before since="),
        ({"country": "Tajikstan"}, eca.UnknownCountryError, "did you mean 'Tajikistan'"),
        ({"since": "June 2020"}, eca.InvalidDateError, "is not a date; expected a day"),
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
    doubted = [r.start.year for r in drawn if r.year_inferred or not r.confirmed]
    assert sorted(faded) == sorted(doubted) != []
    legend = [handle.get_label() for handle in figure.legends[0].legend_handles]
    assert "dialogue round, year inferred or only scheduled (faded)" in legend


# The legend lists what was drawn, and only that.


def _legend(figure: Any) -> list[str]:
    return [text.get_text() for text in figure.legends[0].get_texts()]


def _markers(figure: Any, marker: str) -> list[Any]:
    """The markers of one shape (the spans of hollow ones are lines of two points)."""
    return [
        line for line in figure.axes[0].lines if line.get_marker() == marker and len(line.get_xdata()) == 1
    ]


def _what_is_drawn(figure: Any) -> list[str]:
    """The legend that the artists of a figure call for, in the legend's order."""
    bars = _bars(figure)
    colours = [matplotlib.colors.to_hex(bar.get_facecolor()[0]) for bar in bars if not bar.get_hatch()]
    bands = {
        matplotlib.colors.to_hex(handle.get_facecolor()): text.get_text()
        for handle, text in zip(figure.legends[0].legend_handles, figure.legends[0].get_texts(), strict=True)
        if isinstance(handle, matplotlib.patches.Patch)
    }
    expected = [bands[colour] for colour in dict.fromkeys(colours)]  # a KeyError: a band not in the legend
    if any(bar.get_hatch() for bar in bars):
        expected.append(UNKNOWN_LABEL)
    diamonds = _markers(figure, "D")
    numbers = [
        text.get_text()
        for text in figure.axes[0].texts
        if matplotlib.colors.to_hex(text.get_color()) == ROUND_COLOUR and text.get_text()
    ]
    note = " (number, ? if inferred)" if any("?" in n for n in numbers) else " (number)" if numbers else ""
    kinds = {
        ROUND_LABEL: [d for d in diamonds if d.get_markerfacecolor() != "white" and d.get_alpha() == 1.0],
        HOLLOW_LABEL: [d for d in diamonds if d.get_markerfacecolor() == "white"],
        FADED_LABEL: [d for d in diamonds if d.get_alpha() == INFERRED_ALPHA],
    }
    for label, drawn in kinds.items():
        if drawn:
            expected.append(label + note)
            note = ""
    if _markers(figure, "s"):
        expected.append(FORUM_LABEL)
    if any(bar.get_alpha() == UNVERIFIED_ALPHA for bar in bars):
        expected.append(UNVERIFIED_LABEL)
    return expected


@pytest.mark.parametrize(
    "kwargs",
    [
        {},
        {"country": "Kyrgyzstan"},
        {"country": "Turkmenistan"},
        {"country": ["KZ", "Tajikistan"], "since": "2019-01-01"},
        {"country": "KG", "since": "2014-01-01", "until": "2014-03-31"},  # bands only
        {"country": "KG", "since": "2017-01-01", "until": "2017-12-31"},  # a hollow round only
        {"country": "KG", "since": "2018-01-01", "until": "2019-12-31"},  # rounds without a number
        {"country": "UZ", "since": "2014-01-01", "until": "2016-12-31"},
        {"country": "KG", "until": eca.DATA_AS_OF + 400 * DAY},
        {"country": [], "since": "2014-01-01", "until": "2014-01-02"},  # nothing at all
    ],
)
def test_the_legend_lists_only_what_is_drawn(kwargs: dict[str, Any]) -> None:
    figure = eca.plot_timeline(**kwargs)
    assert _legend(figure) == _what_is_drawn(figure)


def test_the_legend_of_kyrgyzstan_has_no_entry_of_another_country() -> None:
    legend = _legend(eca.plot_timeline("Kyrgyzstan", since="2014-01-01"))
    assert legend[:3] == ["PCA", "GSP", "GSP+"]
    assert not {"EPCA", "Interim Trade Agreement", UNKNOWN_LABEL, UNVERIFIED_LABEL} & set(legend)
    assert UNKNOWN_LABEL in _legend(eca.plot_timeline("Kyrgyzstan"))  # the GSP before 2014
    assert _legend(eca.plot_timeline("KG", since="2014-01-01", until="2014-03-31")) == ["PCA", "GSP"]
    without_numbers = _legend(eca.plot_timeline("KG", since="2018-01-01", until="2019-12-31"))
    assert [label for label in without_numbers if label.startswith(ROUND_LABEL)]  # rounds, none numbered
    assert not [label for label in without_numbers if "(number" in label]
    only_hollow = _legend(eca.plot_timeline("KG", since="2017-01-01", until="2017-12-31"))
    assert f"{HOLLOW_LABEL} (number)" in only_hollow
    assert not [label for label in only_hollow if label.startswith(f"{ROUND_LABEL} (")]
    assert UNKNOWN_LABEL in _legend(eca.plot_timeline("Turkmenistan"))


def test_a_band_keeps_its_colour_whatever_else_is_drawn() -> None:
    def colour(figure: Any, label: str) -> str:
        handles = dict(zip(_legend(figure), figure.legends[0].legend_handles, strict=True))
        return str(matplotlib.colors.to_hex(handles[label].get_facecolor()))

    name = "Interim Trade Agreement"
    kept = {
        colour(eca.plot_timeline(countries), name) for countries in ("TM", ["KG", "TJ", "TM", "UZ"], None)
    }
    assert len(kept) == 1


def test_a_hollow_round_whose_year_is_stated_is_not_called_faded(changed_data: Any) -> None:
    def state_the_year(rounds: list[dict[str, Any]]) -> None:
        (hollow,) = [r for r in rounds if r["id"] == "kyrgyzstan-hrd-2017"]
        hollow["year_inferred"] = False

    stated = eca.load(changed_data("dialogue_rounds.json", state_the_year))
    figure = eca.plot_timeline("KG", since="2017-01-01", until="2017-12-31", data=stated)
    assert _legend(figure) == ["PCA", "GSP+", f"{HOLLOW_LABEL} (number)"]
    assert _legend(figure) == _what_is_drawn(figure)


# The title names what is drawn.


@pytest.mark.parametrize(
    ("country", "title"),
    [
        (
            "Kyrgyzstan",
            "The EU and Kyrgyzstan: agreements, GSP and human rights dialogues, 1995-01-01 to 2026-11-30",
        ),
        (
            ["KG", "Kyrgyzstan"],
            "The EU and Kyrgyzstan: agreements, GSP and human rights dialogues, 1995-01-01 to 2026-11-30",
        ),
        (
            None,
            "The EU and Central Asia:\nagreements, GSP, restrictive measures and human rights dialogues, 1995-01-01 to 2026-11-30",
        ),
        (
            ["UZ", "TM", "TJ", "KG", "KZ"],
            "The EU and Central Asia:\nagreements, GSP, restrictive measures and human rights dialogues, 1995-01-01 to 2026-11-30",
        ),
        (
            ["KZ", "TJ"],
            "The EU, Kazakhstan and Tajikistan: agreements, GSP and human rights dialogues, 1995-01-01 to 2026-11-30",
        ),
        (
            ["KG", "TJ", "TM", "UZ"],
            "The EU, Kyrgyzstan, Tajikistan, Turkmenistan and Uzbekistan:\nagreements, GSP, restrictive measures and human rights dialogues, 1995-01-01 to 2026-11-30",
        ),
        ([], "The EU–Central Asia Civil Society Forum, 1995-01-01 to 2026-11-30"),
    ],
)
def test_the_title_names_the_countries_drawn(country: Any, title: str) -> None:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    figure = eca.plot_timeline(country, until="2026-11-30")
    axes = figure.axes[0]
    (text,) = [child for child in axes.get_children() if getattr(child, "get_text", str)() == title]
    assert axes.get_title(loc="left") == title
    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    box = text.get_window_extent(canvas.get_renderer())
    assert box.x0 >= 0
    assert box.x1 <= figure.bbox.width  # the title fits in the picture


# Nothing is drawn past DATA_AS_OF without a mark.


def _past(figure: Any, as_of: dt.date) -> tuple[list[Any], list[Any]]:
    """The artists of the axes that reach past ``as_of``: (marked as unverified, not marked)."""
    from matplotlib.text import Annotation

    boundary = matplotlib.dates.date2num(as_of + DAY)  # the end of DATA_AS_OF
    axes = figure.axes[0]
    reach: list[tuple[Any, float]] = [
        (bar, max(path.vertices[:, 0].max() for path in bar.get_paths())) for bar in _bars(figure)
    ]
    reach += [(line, max(line.get_xdata())) for line in axes.lines]
    reach += [
        (text, text.xy[0] if isinstance(text, Annotation) else text.get_position()[0]) for text in axes.texts
    ]
    past = [artist for artist, right in reach if right > boundary]
    marked = [
        artist for artist in past if artist.get_alpha() is not None and artist.get_alpha() <= UNVERIFIED_ALPHA
    ]
    return marked, [artist for artist in past if artist not in marked]


def _checked_lines(figure: Any) -> list[Any]:
    return [line for line in figure.axes[0].lines if line.get_linestyle() == "--"]


def test_past_data_as_of_a_dashed_line_and_only_faded_bands(data: eca.Dataset) -> None:
    as_of = data.meta.data_as_of
    until = as_of + 400 * DAY
    figure = eca.plot_timeline("Kyrgyzstan", until=until)
    (line,) = _checked_lines(figure)
    assert list(line.get_xdata()) == [matplotlib.dates.date2num(as_of + DAY)] * 2
    (label,) = [text for text in figure.axes[0].texts if text.get_text().startswith("facts checked to")]
    assert label.get_text() == f"facts checked to {as_of.isoformat()}"
    assert label.get_ha() == "right"  # on the wider side of the line
    marked, unmarked = _past(figure, as_of)
    assert not unmarked
    # the latest known state is drawn to the right edge, faded: the PCA and the GSP+ are ongoing
    ends = [max(bar.get_paths()[0].vertices[:, 0]) for bar in marked if bar in _bars(figure)]
    assert ends == [matplotlib.dates.date2num(until + DAY)] * 2
    assert _legend(figure)[-1] == UNVERIFIED_LABEL
    assert figure.axes[0].get_title(loc="left").endswith(f"to {until.isoformat()}")


def test_the_whole_region_past_data_as_of_is_marked_too(data: eca.Dataset) -> None:
    as_of = data.meta.data_as_of
    figure = eca.plot_timeline(since=as_of - 30 * DAY, until=as_of + 730 * DAY)
    marked, unmarked = _past(figure, as_of)
    assert marked
    assert not unmarked
    (label,) = [text for text in figure.axes[0].texts if text.get_text().startswith("facts checked to")]
    assert label.get_ha() == "left"  # the line is near the left edge: its label on its right


def test_markers_past_data_as_of_are_faded(changed_data: Any) -> None:
    """With facts checked to mid-2021, the rounds and forum editions after it are unverified."""
    early = eca.load(changed_data("meta.json", lambda meta: meta.update(data_as_of="2021-06-30")))
    figure = eca.plot_timeline("Kyrgyzstan", until="2023-12-31", data=early)
    marked, unmarked = _past(figure, dt.date(2021, 6, 30))
    assert not unmarked
    faded = [artist for artist in marked if artist in _markers(figure, "D") + _markers(figure, "s")]
    assert faded
    spans = [line for line in marked if line in figure.axes[0].lines and len(line.get_xdata()) == 2]
    assert spans  # the part of a hollow round's span after DATA_AS_OF
    assert UNVERIFIED_LABEL in _legend(figure)


def test_up_to_data_as_of_nothing_is_marked_unverified(data: eca.Dataset) -> None:
    figure = eca.plot_timeline()
    assert _past(figure, data.meta.data_as_of) == ([], [])
    assert not _checked_lines(figure)
    assert UNVERIFIED_LABEL not in _legend(figure)
    assert all(bar.get_alpha() is None for bar in _bars(figure))


def test_a_picture_wholly_after_data_as_of_is_wholly_faded(data: eca.Dataset) -> None:
    as_of = data.meta.data_as_of
    figure = eca.plot_timeline("Turkmenistan", since=as_of + DAY, until=as_of + 180 * DAY)
    bars = _bars(figure)
    assert bars
    assert all(bar.get_alpha() == UNVERIFIED_ALPHA for bar in bars)
    assert not [
        text for text in figure.axes[0].texts if text.get_color() == "white"
    ]  # no label on a faded band
    assert not _checked_lines(figure)  # DATA_AS_OF is left of the picture
    assert _legend(figure)[-1] == UNVERIFIED_LABEL


def test_a_period_before_the_description_starts_is_drawn_between_hatched_runs(changed_data: Any) -> None:
    """Without a recorded period, a lane is hatched up to ``described_from``, around any period known
    before it (here Kazakhstan's GSP, replaced by one period of 2000-2003)."""

    def replace_the_period(rows: list[dict[str, Any]]) -> None:
        rows.remove(next(r for r in rows if r["id"] == "kazakhstan-gsp"))
        rows.append(
            {
                "id": "kazakhstan-gsp-early",
                "country": "KZ",
                "instrument": "gsp",
                "start": "2000-01-01",
                "end": "2003-12-31",
                "ongoing": False,
                "sources": ["founding-factsheet"],
                "confidence": "low",
            }
        )

    data = eca.load(changed_data("participations.json", replace_the_period))
    figure = eca.plot_timeline("KZ", until="2013-12-31", data=data)
    spans = sorted(_span(path) for bar in _bars(figure) if bar.get_hatch() for path in bar.get_paths())
    assert spans == [
        (_day(eca.COVERAGE_START), _day(dt.date(2000, 1, 1))),
        (_day(dt.date(2004, 1, 1)), _day(dt.date(2007, 6, 5))),
    ]
