"""A picture of the partnership over time, per country (the optional extra ``plot``: matplotlib).

Each period is drawn from the same answers as :func:`eu_ca_partnership.status`: a band where
the sources establish the country took part, a grey hatched band where they cannot tell, and
nothing where it did not. Nothing is drawn that the records do not hold.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from ._dates import PartialDate
from ._model import Country, DialogueRound, Forum, Kind, Participation, Presence
from ._optional import require

if TYPE_CHECKING:
    from ._dataset import Dataset

__all__ = ["plot_timeline"]

#: Colours (Okabe–Ito, readable with colour-blindness) by short name; others take the spare ones.
COLOURS = {
    "PCA": "#56B4E9",
    "EPCA": "#0072B2",
    "GSP": "#E69F00",
    "GSP+": "#D55E00",
}
SPARE_COLOURS = ("#009E73", "#F0E442", "#999999", "#000000")
UNKNOWN_FACE = "#e6e6e6"
UNKNOWN_EDGE = "#8c8c8c"
ROUND_COLOUR = "#333333"
INFERRED_ALPHA = 0.4  # a round whose year the sources do not state is drawn faded
FORUM_COLOUR = "#CC79A7"
#: The width of the plotting area in points (the figure is 12 inches wide, the labels take 2).
AXES_WIDTH_POINTS = 10 * 72
LANES = (
    (Kind.AGREEMENT, "agreement in force"),
    (Kind.TRADE_PREFERENCE, "GSP arrangement"),
    (Kind.DIALOGUE, "human rights dialogue"),
)


def _boundaries(row: Participation, data_as_of: dt.date) -> set[dt.date]:
    """The days on which a participation's answer may change (it is constant in between)."""
    days = {data_as_of, data_as_of + dt.timedelta(days=1)}
    for when in (row.start, row.in_place_by, row.end):
        if when is not None:
            for day in (when.earliest(), when.latest()):
                days.update({day, day + dt.timedelta(days=1)})
    return days


def segments(
    row: Participation, first: dt.date, last: dt.date, data_as_of: dt.date
) -> list[tuple[dt.date, dt.date, Presence]]:
    """The runs ``(from, to inclusive, answer)`` of a participation between two days, YES and UNKNOWN only.

    >>> import eu_ca_partnership as eca
    >>> tm = eca.participations("TM", "gsp")[0]
    >>> [(str(a), str(b), p.value) for a, b, p in segments(tm, dt.date(2014, 1, 1),
    ...     dt.date(2026, 11, 28), eca.DATA_AS_OF)]
    [('2014-01-01', '2014-01-01', 'yes'), ('2014-01-02', '2026-11-27', 'unknown')]
    """
    cuts = sorted(day for day in _boundaries(row, data_as_of) if first < day <= last)
    starts = [first, *cuts]
    runs: list[tuple[dt.date, dt.date, Presence]] = []
    for index, begin in enumerate(starts):
        end = starts[index + 1] - dt.timedelta(days=1) if index + 1 < len(starts) else last
        answer = row.status_on(begin, data_as_of=data_as_of)
        if answer is Presence.NO:
            continue
        if runs and runs[-1][2] is answer and runs[-1][1] + dt.timedelta(days=1) == begin:
            runs[-1] = (runs[-1][0], end, answer)
        else:
            runs.append((begin, end, answer))
    return runs


def _number(day: dt.date) -> float:
    """A day as a matplotlib date number (days since 1970-01-01), without importing matplotlib.dates."""
    return float((day - dt.date(1970, 1, 1)).days)


def _middle(when: PartialDate) -> float:
    return (_number(when.earliest()) + _number(when.latest())) / 2


def _countries(data: Dataset, country: Any) -> Sequence[Country]:
    if country is None:
        return data.countries
    if isinstance(country, Iterable) and not isinstance(country, str | bytes):
        return [data.country(each) for each in country]
    return [data.country(country)]


def plot_timeline(
    country: str | int | Country | Iterable[str | int | Country] | None = None,
    *,
    since: object = None,
    until: object = None,
    path: str | os.PathLike[str] | None = None,
    data: Dataset | None = None,
) -> Any:
    """The partnership over time, per country, as a matplotlib ``Figure``.

    For each country (``country`` keeps one, or several): the agreements in force and the GSP
    arrangements as bands, where the sources cannot tell as grey hatched bands, and the rounds of
    the human rights dialogue as markers (hollow, spanning the period, where only the year or
    month is known; faded where the year itself is inferred, and numbered with a ``?`` where
    the number is); above them the editions of the EU–Central Asia Civil Society Forum.
    ``since`` and ``until`` (dates or ISO strings) bound the picture within the data's coverage,
    by default all of it. With ``path`` the figure is also saved there (PNG, SVG or PDF, by the
    file's suffix).

    Needs matplotlib: ``pip install "eu-ca-partnership[plot]"``; without it this raises
    :class:`~eu_ca_partnership.exceptions.MissingExtraError`, an :class:`ImportError`.
    """
    # Imported as modules at run time (typed Any), so that type checking never needs matplotlib.
    feature = "plot_timeline()"
    Figure = require("matplotlib.figure", extra="plot", feature=feature).Figure
    Line2D = require("matplotlib.lines", extra="plot", feature=feature).Line2D
    Patch = require("matplotlib.patches", extra="plot", feature=feature).Patch

    if data is None:
        from ._bundled import default_dataset

        data = default_dataset()
    first = data.meta.coverage_start if since is None else data.day(since)
    last = data.meta.data_as_of if until is None else data.day(until)
    if last < first:
        from .exceptions import InvalidDateError

        raise InvalidDateError(f"until={last.isoformat()} is before since={first.isoformat()}")
    countries = _countries(data, country)
    kinds = {instrument.id: instrument for instrument in data.instruments}
    colours: dict[str, str] = dict(COLOURS)
    spare = iter(SPARE_COLOURS * 4)

    lane_count = 1 + len(countries) * (len(LANES) + 1)
    figure = Figure(figsize=(12, 1.6 + 0.3 * lane_count), layout="constrained")
    axes = figure.add_subplot()
    y: float = lane_count - 1
    ticks: list[tuple[float, str]] = []
    legend: dict[str, Any] = {}

    def band(left: dt.date, right: dt.date, row: float, answer: Presence, colour: str, label: str) -> None:
        width = _number(right) - _number(left) + 1
        if answer is Presence.YES:
            axes.broken_barh([(_number(left), width)], (row - 0.35, 0.7), facecolors=colour)
            legend.setdefault(label, Patch(facecolor=colour, label=label))
        else:
            axes.broken_barh(
                [(_number(left), width)],
                (row - 0.35, 0.7),
                facecolors=UNKNOWN_FACE,
                edgecolors=UNKNOWN_EDGE,
                hatch="////",
                linewidth=0.5,
            )

    # The regional forum, on top.
    forum_row = float(y)
    ticks.append((forum_row, "Civil Society Forum (regional)"))
    for forum in (i for i in data.instruments if isinstance(i, Forum)):
        for edition in forum.editions:
            _marker(
                axes, edition.start, edition.end, forum_row, FORUM_COLOUR, first, last, str(edition.number)
            )
    y -= 1

    for found in countries:
        y -= 0.4  # a gap before each country, for its name
        axes.text(
            _number(first),
            y + 0.55,
            found.name,
            fontsize=10,
            fontweight="bold",
            va="bottom",
            ha="left",
        )
        rows = data.participations(found)
        for kind, lane in LANES:
            row_y = float(y)
            ticks.append((row_y, lane))
            if kind is Kind.DIALOGUE:
                for meeting in data.dialogue_rounds(found):
                    _round(axes, meeting, row_y, first, last)
            for period in rows:
                instrument = kinds[period.instrument]
                if instrument.kind is not kind or kind is Kind.DIALOGUE:
                    continue
                label = instrument.short_name or instrument.name
                colour = colours.setdefault(label, next(spare))
                runs = segments(period, first, last, data.meta.data_as_of)
                for left, right, answer in runs:
                    band(left, right, row_y, answer, colour, label)
                _band_label(axes, runs, row_y, label, (last - first).days + 1)
            y -= 1

    axes.set_xlim(_number(first), _number(last) + 1)
    axes.set_ylim(y + 0.4, lane_count - 0.4)
    axes.set_yticks([t for t, _ in ticks], [label for _, label in ticks], fontsize=8)
    axes.xaxis_date()
    axes.grid(axis="x", color="#dddddd", linewidth=0.6)
    axes.set_axisbelow(True)
    axes.tick_params(axis="y", length=0)
    for side in ("top", "right", "left"):
        axes.spines[side].set_visible(False)
    axes.set_title(
        "The EU's partnership with Central Asia: agreements, GSP and human rights dialogues, "
        f"{first.isoformat()} to {last.isoformat()}",
        fontsize=11,
        loc="left",
    )
    handles = [
        *legend.values(),
        Patch(
            facecolor=UNKNOWN_FACE,
            edgecolor=UNKNOWN_EDGE,
            hatch="////",
            label="the sources cannot tell",
        ),
        Line2D(
            [],
            [],
            marker="D",
            color=ROUND_COLOUR,
            linestyle="",
            label="dialogue round (number, ? if inferred)",
        ),
        Line2D(
            [],
            [],
            marker="D",
            color=ROUND_COLOUR,
            markerfacecolor="white",
            linestyle="-",
            label="dialogue round, only year or month known",
        ),
        Line2D(
            [],
            [],
            marker="D",
            color=ROUND_COLOUR,
            linestyle="",
            alpha=INFERRED_ALPHA,
            label="dialogue round, year inferred (faded)",
        ),
        Line2D([], [], marker="s", color=FORUM_COLOUR, linestyle="", label="Civil Society Forum edition"),
    ]
    figure.legend(handles=handles, loc="outside lower center", ncols=4, fontsize=8, frameon=False)
    axes.set_xlabel(
        f"Data: eu-ca-partnership, facts as of {data.meta.data_as_of.isoformat()}; "
        "each band and marker cites its sources in the data. Blank: not held, as far as the sources tell.",
        loc="left",
        fontsize=7,
        color="#555555",
    )
    if path is not None:
        _save(figure, path)
    return figure


def _save(figure: Any, path: str | os.PathLike[str]) -> None:
    """Save the figure in the format its file name says, or raise a worded error."""
    from .exceptions import ExportError, InvalidChoiceError, quoted

    if not isinstance(path, str | os.PathLike):
        raise TypeError(f"path must be a str or a path, got {type(path).__name__}")
    suffix = os.path.splitext(os.fspath(path))[1].lower().lstrip(".")
    formats = sorted(figure.canvas.get_supported_filetypes())
    if suffix not in formats:
        accepted = ", ".join(f".{name}" for name in formats)
        raise InvalidChoiceError(
            f"path={quoted(os.fspath(path))} does not end in a picture format; accepted: {accepted}"
        )
    try:
        figure.savefig(path, dpi=150)
    except (OSError, ValueError) as error:
        raise ExportError(f"cannot write the picture to {quoted(os.fspath(path))}: {error}") from error


def _band_label(
    axes: Any, runs: list[tuple[dt.date, dt.date, Presence]], row: float, label: str, span: int
) -> None:
    """The instrument's short name inside its widest band that is long enough to hold it."""
    held = [(left, right) for left, right, answer in runs if answer is Presence.YES]
    if not held:
        return
    left, right = max(held, key=lambda run: (run[1] - run[0]).days)
    points = 12 + 5 * len(label)  # the label's width in points, at 7.5 pt bold, with a margin
    if (right - left).days < points * span / AXES_WIDTH_POINTS:
        return
    axes.text(
        (_number(left) + _number(right)) / 2,
        row,
        label,
        fontsize=7.5,
        ha="center",
        va="center",
        color="white",
        fontweight="bold",
    )


def _marker(
    axes: Any,
    start: PartialDate,
    end: PartialDate | None,
    row: float,
    colour: str,
    first: dt.date,
    last: dt.date,
    label: str | None,
    *,
    marker: str = "s",
    alpha: float = 1.0,
) -> None:
    """A meeting: a filled marker on its day, or a hollow one spanning the days it may have been."""
    left, right = start.earliest(), (end or start).latest()
    if right < first or left > last:
        return
    exact = start.precision == "day"
    x = _number(start.earliest()) if exact else _middle(start)
    if not exact:
        axes.plot(
            [max(_number(start.earliest()), _number(first)), min(_number(start.latest()), _number(last))],
            [row, row],
            color=colour,
            linewidth=1.2,
            alpha=alpha,
        )
    axes.plot(
        [x],
        [row],
        marker=marker,
        markersize=6,
        color=colour,
        markerfacecolor=colour if exact else "white",
        linestyle="",
        alpha=alpha,
    )
    if label:
        axes.annotate(
            label,
            (x, row),
            xytext=(0, 5),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontsize=6.5,
            color=colour,
            alpha=alpha,
        )


def _round(axes: Any, meeting: DialogueRound, row: float, first: dt.date, last: dt.date) -> None:
    number = None if meeting.number is None else str(meeting.number)
    if number is not None and meeting.number_inferred:
        number += "?"
    alpha = INFERRED_ALPHA if meeting.year_inferred else 1.0
    _marker(axes, meeting.start, meeting.end, row, ROUND_COLOUR, first, last, number, marker="D", alpha=alpha)
