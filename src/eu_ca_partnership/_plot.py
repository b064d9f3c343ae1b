"""A picture of the partnership over time, per country (the optional extra ``plot``: matplotlib).

Each period is drawn from the same answers as :func:`eu_ca_partnership.status`: a band where
the sources establish the country took part, a grey hatched band where they cannot tell, and
nothing where it did not. Nothing is drawn that the records do not hold, nothing after
``DATA_AS_OF`` without a mark, and the legend explains only what is drawn.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from ._dates import PartialDate, When, as_bound
from ._model import Country, Forum, Kind, Participation, Presence
from ._model_history import DialogueRound
from ._optional import require

if TYPE_CHECKING:
    from matplotlib.figure import Figure

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
UNVERIFIED_ALPHA = 0.35  # what is drawn after DATA_AS_OF, the latest known state, is faded
UNVERIFIED_FACE = "#808080"  # the legend's sample of a faded band
CHECKED_COLOUR = "#555555"  # the dashed line at DATA_AS_OF
TITLE_WIDTH = 110  # characters that fit on one line above the plotting area, at 11 pt
HEADROOM = 0.8  # lanes above the forum for the line's label, when the line is drawn
UNKNOWN_LABEL = "the sources cannot tell"
ROUND_LABEL = "dialogue round"
HOLLOW_LABEL = "dialogue round, only year or month known"
FADED_LABEL = "dialogue round, year inferred or only scheduled (faded)"
FORUM_LABEL = "Civil Society Forum edition"
UNVERIFIED_LABEL = "after the facts were last checked: latest known state, unverified"
#: The width of the plotting area in points (the figure is 12 inches wide, the labels take 2).
AXES_WIDTH_POINTS = 10 * 72
LANES = (
    (Kind.AGREEMENT, "agreement in force"),
    (Kind.TRADE_PREFERENCE, "GSP arrangement"),
    (Kind.RESTRICTIVE_MEASURES, "EU restrictive measures"),
    (Kind.DIALOGUE, "human rights dialogue"),
)
#: Kinds drawn only for a country that has a period in them, one lane per instrument (measures
#: overlap; most countries have none, and restrictive measures concerned Uzbekistan alone).
SPARSE_LANES = frozenset({Kind.RESTRICTIVE_MEASURES})


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
    >>> tm = eca.participations("TM", "gsp")[0]  # in place by 5 June 2007, until 31 December 2015
    >>> [(str(a), str(b), p.value) for a, b, p in segments(tm, dt.date(2005, 1, 1),
    ...     dt.date(2026, 11, 28), dt.date(2026, 11, 28))]
    [('2005-01-01', '2007-06-04', 'unknown'), ('2007-06-05', '2015-12-31', 'yes')]
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


def _bound(value: object, name: str, data: Dataset) -> dt.date:
    """``since`` (its first day) or ``until`` (its last), checked against the data's coverage start only.

    A day after ``DATA_AS_OF`` is accepted: what is drawn after it is marked as unverified.
    """
    from .exceptions import OutOfCoverageError

    day = as_bound(value, name=name, last=name == "until")
    if day < data.meta.coverage_start:
        raise OutOfCoverageError(
            f"{name}={day.isoformat()} is before the data's coverage, which starts "
            f"{data.meta.coverage_start.isoformat()}; the picture would be falsely empty"
        )
    return day


def _lanes(data: Dataset, found: Country) -> list[tuple[Kind, str, str | None]]:
    """The lanes of a country, ``(kind, label, instrument id or None for every instrument of the kind)``:
    every lane, but a sparse kind's only for the instruments the country has a period in."""
    held = list(dict.fromkeys(data.instrument(row.instrument) for row in data.participations(found)))
    lanes: list[tuple[Kind, str, str | None]] = []
    for kind, lane in LANES:
        if kind in SPARSE_LANES:
            lanes += [(kind, tool.short_name or tool.name, tool.id) for tool in held if tool.kind is kind]
        else:
            lanes.append((kind, lane, None))
    return lanes


def _colours(data: Dataset) -> dict[str, str]:
    """The colour of each band's label: the fixed ones, then the spare ones in the dataset's order of
    instruments, so that a band keeps its colour whatever else a picture draws."""
    colours = dict(COLOURS)
    spare = iter(SPARE_COLOURS * 4)
    for instrument in data.instruments:
        label = instrument.short_name or instrument.name
        if instrument.kind not in (Kind.DIALOGUE, Kind.FORUM, Kind.FACILITY) and label not in colours:
            colours[label] = next(spare)
    return colours


def _undescribed(
    data: Dataset, kind: Kind, held: list[tuple[dt.date, dt.date]], first: dt.date, last: dt.date
) -> list[tuple[dt.date, dt.date]]:
    """The runs of a lane before its instruments are described (``described_from``) where no period
    of the country is drawn: the sources cannot tell, so the lane is hatched, never left blank."""
    runs: list[tuple[dt.date, dt.date]] = []
    for instrument in data.instruments:
        if instrument.kind is not kind or instrument.described_from is None:
            continue
        left, right = first, min(last, instrument.described_from.latest() - dt.timedelta(days=1))
        for low, high in sorted(held):
            if high < left or low > right:
                continue
            if low > left:
                runs.append((left, low - dt.timedelta(days=1)))
            left = max(left, high + dt.timedelta(days=1))
        if left <= right:
            runs.append((left, right))
    return sorted(set(runs))


def _title(
    countries: Sequence[Country], data: Dataset, first: dt.date, last: dt.date, measures: bool = False
) -> str:
    """What the picture shows: the countries drawn, and "Central Asia" only when all of them are."""
    names = list(dict.fromkeys(found.name for found in countries))
    dates = f"{first.isoformat()} to {last.isoformat()}"
    if not names:
        return f"The EU–Central Asia Civil Society Forum, {dates}"
    if len(names) == 1:
        who = f"The EU and {names[0]}"
    elif set(names) == {found.name for found in data.countries}:
        who = "The EU and Central Asia"
    else:
        who = f"The EU, {', '.join(names[:-1])} and {names[-1]}"
    what = (
        "agreements, GSP, restrictive measures and human rights dialogues"
        if measures
        else ("agreements, GSP and human rights dialogues")
    )
    title = f"{who}: {what}, {dates}"
    return title if len(title) <= TITLE_WIDTH else title.replace(": ", ":\n", 1)


def _split(left: dt.date, right: dt.date, data_as_of: dt.date) -> list[tuple[dt.date, dt.date, bool]]:
    """A run cut at ``DATA_AS_OF``: ``(from, to inclusive, verified)``, the checked part first.

    >>> as_of = dt.date(2026, 11, 30)
    >>> [(str(a), str(b), checked) for a, b, checked in _split(dt.date(2026, 1, 1), dt.date(2026, 12, 31), as_of)]
    [('2026-01-01', '2026-11-30', True), ('2026-12-01', '2026-12-31', False)]
    >>> len(_split(dt.date(2026, 1, 1), as_of, as_of)), _split(dt.date(2027, 1, 1), dt.date(2027, 1, 1), as_of)[0][2]
    (1, False)
    """
    pieces = []
    if left <= data_as_of:
        pieces.append((left, min(right, data_as_of), True))
    if right > data_as_of:
        pieces.append((max(left, data_as_of + dt.timedelta(days=1)), right, False))
    return pieces


def plot_timeline(
    country: str | int | Country | Iterable[str | int | Country] | None = None,
    *,
    since: When | None = None,
    until: When | None = None,
    path: str | os.PathLike[str] | None = None,
    data: Dataset | None = None,
) -> Figure:
    """The partnership over time, per country, as a matplotlib ``Figure``.

    For each country (``country`` keeps one, or several): the agreements in force and the GSP
    arrangements as bands, where the sources cannot tell as grey hatched bands, and the rounds of
    the human rights dialogue as markers (hollow, spanning the period, where only the year or
    month is known; faded where the year itself is inferred, and numbered with a ``?`` where
    the number is); above them the editions of the EU–Central Asia Civil Society Forum.
    The legend lists only what is drawn.

    ``since`` and ``until`` (dates or ISO strings) bound the picture, by default the data's
    whole coverage, from its start to ``DATA_AS_OF``. An ``until`` after ``DATA_AS_OF`` draws a
    dashed line there, "facts checked to ...", and everything after it faded: the latest known
    state, which the sources have not been checked for. With ``path`` the figure is also saved
    there (PNG, SVG or PDF, by the file's suffix).

    Needs matplotlib: ``pip install ".[plot]"`` from a checkout (``"eu-ca-partnership[plot]"`` once
    released); without it this raises
    :class:`~eu_ca_partnership.exceptions.MissingExtraError`, an :class:`ImportError`.
    """
    # Imported as modules at run time (typed Any), so that type checking never needs matplotlib.
    feature = "plot_timeline()"
    figure_class = require("matplotlib.figure", extra="plot", feature=feature).Figure
    Line2D = require("matplotlib.lines", extra="plot", feature=feature).Line2D
    Patch = require("matplotlib.patches", extra="plot", feature=feature).Patch

    if data is None:
        from ._bundled import default_dataset

        data = default_dataset()
    as_of = data.meta.data_as_of
    # Not data.day(): a day after DATA_AS_OF is drawn, marked as unverified.
    first = data.meta.coverage_start if since is None else _bound(since, "since", data)
    last = as_of if until is None else _bound(until, "until", data)
    if last < first:
        from .exceptions import InvalidDateError

        raise InvalidDateError(f"until={last.isoformat()} is before since={first.isoformat()}")
    countries = _countries(data, country)
    kinds = {instrument.id: instrument for instrument in data.instruments}
    colours = _colours(data)
    checked_line = first <= as_of < last  # the window runs past DATA_AS_OF, which it shows

    lanes = {found.alpha_2: _lanes(data, found) for found in countries}
    lane_count = 1 + sum(len(lanes[found.alpha_2]) + 1 for found in countries)
    headroom = HEADROOM if checked_line else 0.0  # above the forum, for the line's label
    figure: Figure = figure_class(figsize=(12, 1.6 + 0.3 * (lane_count + headroom)), layout="constrained")
    axes = figure.add_subplot()
    y: float = lane_count - 1
    ticks: list[tuple[float, str]] = []
    drawn: set[str] = set()  # what the legend explains: only what was drawn
    bands: dict[str, str] = {}  # the colour of each band drawn, by its label

    def band(left: dt.date, right: dt.date, row: float, answer: Presence, colour: str, label: str) -> None:
        for low, high, checked in _split(left, right, as_of):
            alpha = None if checked else UNVERIFIED_ALPHA
            if not checked:
                drawn.add("unverified")
            width = _number(high) - _number(low) + 1
            if answer is Presence.YES:
                axes.broken_barh([(_number(low), width)], (row - 0.35, 0.7), facecolors=colour, alpha=alpha)
                bands.setdefault(label, colour)
            else:
                axes.broken_barh(
                    [(_number(low), width)],
                    (row - 0.35, 0.7),
                    facecolors=UNKNOWN_FACE,
                    edgecolors=UNKNOWN_EDGE,
                    hatch="////",
                    linewidth=0.5,
                    alpha=alpha,
                )
                drawn.add("unknown")

    # The regional forum, on top.
    forum_row = float(y)
    ticks.append((forum_row, "Civil Society Forum (regional)"))
    window = (first, last, as_of)
    for forum in (i for i in data.instruments if isinstance(i, Forum)):
        for edition in forum.editions:
            if _marker(
                axes, edition.start, edition.end, forum_row, FORUM_COLOUR, window, str(edition.number), drawn
            ):
                drawn.add("forum")
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
        for kind, lane, only in lanes[found.alpha_2]:
            row_y = float(y)
            ticks.append((row_y, lane))
            if kind is Kind.DIALOGUE:
                for meeting in data.dialogue_rounds(found):
                    _round(axes, meeting, row_y, window, drawn)
            held = [
                (left, right)
                for period in rows
                if kinds[period.instrument].kind is kind
                for left, right, _ in segments(period, first, last, as_of)
            ]
            for left, right in _undescribed(data, kind, held, first, last):
                band(left, right, row_y, Presence.UNKNOWN, UNKNOWN_FACE, UNKNOWN_LABEL)
            for period in rows:
                instrument = kinds[period.instrument]
                if instrument.kind is not kind or kind is Kind.DIALOGUE or only not in (None, instrument.id):
                    continue
                runs = segments(period, first, last, as_of)
                if not runs:
                    continue
                label = instrument.short_name or instrument.name
                colour = colours[label]
                for left, right, answer in runs:
                    band(left, right, row_y, answer, colour, label)
                checked_runs = [
                    (a, b, answer)
                    for left, right, answer in runs
                    for a, b, ok in _split(left, right, as_of)
                    if ok
                ]
                _band_label(axes, checked_runs, row_y, label, (last - first).days + 1)
            y -= 1

    top = lane_count - 0.4 + headroom
    if checked_line:
        boundary = _number(as_of) + 1  # the end of DATA_AS_OF
        axes.axvline(boundary, color=CHECKED_COLOUR, linestyle="--", linewidth=1)
        leftwards = boundary - _number(first) > _number(last) + 1 - boundary  # the label on the wider side
        axes.annotate(
            f"facts checked to {as_of.isoformat()}",
            (boundary, top),
            xytext=(-3 if leftwards else 3, -2),
            textcoords="offset points",
            ha="right" if leftwards else "left",
            va="top",
            fontsize=7,
            color=CHECKED_COLOUR,
        )
    axes.set_xlim(_number(first), _number(last) + 1)
    axes.set_ylim(y + 0.4, top)
    axes.set_yticks([t for t, _ in ticks], [label for _, label in ticks], fontsize=8)
    axes.xaxis_date()
    axes.grid(axis="x", color="#dddddd", linewidth=0.6)
    axes.set_axisbelow(True)
    axes.tick_params(axis="y", length=0)
    for side in ("top", "right", "left"):
        axes.spines[side].set_visible(False)
    measures = any(kind is Kind.RESTRICTIVE_MEASURES for found in lanes.values() for kind, _, _ in found)
    axes.set_title(_title(countries, data, first, last, measures), fontsize=11, loc="left")
    handles = [Patch(facecolor=colour, label=label) for label, colour in bands.items()]
    if "unknown" in drawn:
        handles.append(
            Patch(facecolor=UNKNOWN_FACE, edgecolor=UNKNOWN_EDGE, hatch="////", label=UNKNOWN_LABEL)
        )
    # The numbers are explained once, by the first kind of round drawn.
    note = " (number, ? if inferred)" if "guessed" in drawn else " (number)" if "numbered" in drawn else ""
    for key, label, style in (
        ("round", ROUND_LABEL, {"linestyle": ""}),
        ("hollow", HOLLOW_LABEL, {"linestyle": "-", "markerfacecolor": "white"}),
        ("faded", FADED_LABEL, {"linestyle": "", "alpha": INFERRED_ALPHA}),
    ):
        if key in drawn:
            handles.append(Line2D([], [], marker="D", color=ROUND_COLOUR, label=label + note, **style))
            note = ""
    if "forum" in drawn:
        handles.append(Line2D([], [], marker="s", color=FORUM_COLOUR, linestyle="", label=FORUM_LABEL))
    if "unverified" in drawn:
        handles.append(Patch(facecolor=UNVERIFIED_FACE, alpha=UNVERIFIED_ALPHA, label=UNVERIFIED_LABEL))
    figure.legend(handles=handles, loc="outside lower center", ncols=4, fontsize=8, frameon=False)
    axes.set_xlabel(
        f"Data: eu-ca-partnership, facts as of {as_of.isoformat()}; "
        "each band and marker cites its sources in the data. Blank: not held, as far as the sources tell"
        + "".join(
            f"; {i.short_name or i.name}: every country's periods known from {i.described_from}"
            for i in data.instruments
            if i.described_from is not None
        )
        + ".",
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
    window: tuple[dt.date, dt.date, dt.date],
    label: str | None,
    drawn: set[str],
    *,
    marker: str = "s",
    alpha: float = 1.0,
) -> bool:
    """A meeting: a filled marker on its day, or a hollow one spanning the days it may have been.

    ``window`` is ``(first, last, DATA_AS_OF)``: nothing is drawn outside the first two (the
    answer is then False), and whatever is after ``DATA_AS_OF`` is faded (``drawn`` then
    holds ``"unverified"``).
    """
    first, last, data_as_of = window
    left, right = start.earliest(), (end or start).latest()
    if right < first or left > last:
        return False
    boundary = _number(data_as_of) + 1  # the end of DATA_AS_OF
    faded = min(alpha, UNVERIFIED_ALPHA)
    exact = start.precision == "day"
    x = _number(start.earliest()) if exact else _middle(start)
    if not exact:
        low = max(_number(start.earliest()), _number(first))
        high = min(_number(start.latest()), _number(last))
        if low < boundary:
            axes.plot([low, min(high, boundary)], [row, row], color=colour, linewidth=1.2, alpha=alpha)
        if high > boundary:
            drawn.add("unverified")
            axes.plot([max(low, boundary), high], [row, row], color=colour, linewidth=1.2, alpha=faded)
    if x >= boundary:
        drawn.add("unverified")
        alpha = faded
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
    return True


def _round(
    axes: Any, meeting: DialogueRound, row: float, window: tuple[dt.date, dt.date, dt.date], drawn: set[str]
) -> None:
    """A round of a dialogue, and what its marker needs the legend to explain, in ``drawn``."""
    number = None if meeting.number is None else str(meeting.number)
    if number is not None and meeting.number_inferred:
        number += "?"
    doubted = meeting.year_inferred or not meeting.confirmed  # a year worked out, or not known held
    alpha = INFERRED_ALPHA if doubted else 1.0
    if not _marker(
        axes, meeting.start, meeting.end, row, ROUND_COLOUR, window, number, drawn, marker="D", alpha=alpha
    ):
        return
    exact = meeting.start.precision == "day"
    if not exact:
        drawn.add("hollow")
    if doubted:
        drawn.add("faded")
    elif exact:
        drawn.add("round")
    if number is not None:
        drawn.add("guessed" if meeting.number_inferred else "numbered")
