#!/usr/bin/env python3
"""Check that the sources' links still answer: ``python scripts/check_links.py``.

A maintainer's tool, run by hand on a machine with network (CI has none and never runs it).
It asks every ``url`` of the sources, and every ``eli`` (a legislation identifier that
resolves on data.europa.eu), read through the public API, and prints one line per link that
needs a look, a summary, and exits with status 1 if any link is dead or unreachable (0
otherwise, 2 on a usage error). CONTRIBUTING.md ("Checking the links") says what the verdicts
mean and what to do about each.

Each link is asked with HEAD; an error answer other than 429 is asked again with GET, as many
servers refuse HEAD (405, 403, 501) or answer it wrongly, so a link is only called dead on a
GET's answer. Redirects are followed one by one; a permanent one (301, 308) to another
address is reported, so the data can be updated. At most ``--workers`` requests run at once,
each to a different host: a host's links are asked one after the other, ``--delay`` seconds
apart (www.example.org counting as example.org). Standard library only.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import dataclasses
import errno
import http.client
import json
import socket
import ssl
import string
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import eu_ca_partnership as eca

USER_AGENT = (
    f"eu-ca-partnership-link-check/{eca.__version__} "
    "(+https://github.com/eu-ca-partnership/eu-ca-partnership; a maintainer checking cited sources)"
)
HEADERS = {
    "User-Agent": USER_AGENT,
    "Accept": "text/html,application/xhtml+xml,application/pdf;q=0.9,*/*;q=0.8",
}
#: The source fields that hold an address to ask.
FIELDS = ("url", "eli")
MAX_REDIRECTS = 10
PERMANENT = frozenset({301, 308})

#: Every verdict, worst first, with what it asks of the maintainer.
VERDICTS = {
    "dead": "the server says the page is gone (404, 410): find where it went, or an archived copy, and fix the data",
    "unreachable": "no answer at all (host not found, connection refused, TLS error, redirect loop): check in a browser, and fix the data if the site is gone",
    "try-later": "the server is busy or failing (429, 5xx) or too slow: not dead, run again later",
    "blocked": "the server answered but refuses this client (401, 403, 451, other 4xx): open it in a browser",
    "moved": "it answers, after a permanent redirect (301, 308) to another address: put that address in the data",
    "ok": "it answers",
}
#: The verdicts that make the exit status 1.
FAILING = frozenset({"dead", "unreachable"})


@dataclasses.dataclass(frozen=True)
class Link:
    """One address to ask: a field (``url`` or ``eli``) of one source."""

    source: str
    field: str
    url: str


@dataclasses.dataclass(frozen=True)
class Outcome:
    """What asking an address found."""

    verdict: str
    detail: str
    http_status: int | None = None
    moved_to: str | None = None  # where its permanent redirects lead, when that is elsewhere


@dataclasses.dataclass(frozen=True)
class Result:
    link: Link
    outcome: Outcome

    def as_json(self) -> dict[str, Any]:
        return {**dataclasses.asdict(self.link), **dataclasses.asdict(self.outcome)}


@dataclasses.dataclass(frozen=True)
class _Answer:
    status: int
    reason: str
    location: str | None
    retry_after: str | None


class _RedirectError(Exception):
    pass


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """Leave redirects to :func:`_trail`, which follows them one at a time and notes each."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def opener() -> urllib.request.OpenerDirector:
    """An opener that does not follow redirects (a 3xx raises ``HTTPError``); proxies as usual."""
    return urllib.request.build_opener(_NoRedirects)


def _ascii(url: str, encoding: str = "utf-8") -> str:
    """The address as a request line needs it: non-ASCII and spaces of path and query escaped."""
    parts = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit(
        parts._replace(
            path=urllib.parse.quote(parts.path, safe=string.punctuation, encoding=encoding),
            query=urllib.parse.quote(parts.query, safe=string.punctuation, encoding=encoding),
            fragment="",
        )
    )


def _ask(open_: urllib.request.OpenerDirector, url: str, method: str, timeout: float) -> _Answer:
    request = urllib.request.Request(url, method=method, headers=HEADERS)
    try:
        with open_.open(request, timeout=timeout) as response:
            return _Answer(response.status, response.reason, None, None)
    except urllib.error.HTTPError as error:
        try:
            headers = error.headers
            return _Answer(error.code, str(error.reason), headers.get("Location"), headers.get("Retry-After"))
        finally:
            error.close()


def _trail(
    open_: urllib.request.OpenerDirector, url: str, method: str, timeout: float
) -> tuple[list[tuple[int, str]], str, _Answer]:
    """The redirects from ``url`` (status, next address), the last address and its answer."""
    hops: list[tuple[int, str]] = []
    while True:
        answer = _ask(open_, url, method, timeout)
        if not (300 <= answer.status < 400 and answer.location):
            return hops, url, answer
        if len(hops) == MAX_REDIRECTS:
            raise _RedirectError(f"more than {MAX_REDIRECTS} redirects")
        # a Location header is read as Latin-1: escaping it so gives back the bytes sent
        url = _ascii(urllib.parse.urljoin(url, answer.location), encoding="iso-8859-1")
        if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
            raise _RedirectError(f"redirected to {url}, not a web address")
        hops.append((answer.status, url))


def _verdict(status: int) -> str:
    if status in (404, 410):
        return "dead"
    if status == 429 or status >= 500:
        return "try-later"
    if status >= 400:
        return "blocked"
    return "ok"


def _failure(error: BaseException, timeout: float) -> Outcome:
    """The verdict on a request that got no HTTP answer."""
    reason = error.reason if isinstance(error, urllib.error.URLError) else error
    if isinstance(reason, TimeoutError):
        return Outcome("try-later", f"no answer within {timeout:g} s")
    if isinstance(reason, socket.gaierror):
        if reason.errno == socket.EAI_AGAIN:
            return Outcome("try-later", f"host name lookup failed for now ({reason.strerror})")
        return Outcome("unreachable", f"host not found ({reason.strerror})")
    if isinstance(reason, ssl.SSLError):
        return Outcome(
            "unreachable", f"TLS: {getattr(reason, 'verify_message', None) or reason.reason or reason}"
        )
    if isinstance(reason, ConnectionRefusedError) or getattr(reason, "errno", None) == errno.ECONNREFUSED:
        return Outcome("unreachable", "connection refused")
    if isinstance(reason, _RedirectError):
        return Outcome("unreachable", str(reason))
    if isinstance(reason, str):  # URLError("unknown url type: ...") and the like
        return Outcome("unreachable", reason)
    return Outcome("unreachable", f"{type(reason).__name__}: {reason}".rstrip(": "))


def _home_page(url: str) -> bool:
    return urllib.parse.urlsplit(url).path in ("", "/")


def check(url: str, open_: urllib.request.OpenerDirector, timeout: float) -> Outcome:
    """Ask ``url`` (HEAD, then GET if HEAD was refused or failed) and judge the answer."""
    start = _ascii(url)
    try:
        try:
            hops, final, answer = _trail(open_, start, "HEAD", timeout)
            use_get = answer.status >= 400 and answer.status != 429
        except (http.client.HTTPException, ConnectionResetError):  # a server that drops a HEAD
            use_get = True
        if use_get:
            hops, final, answer = _trail(open_, start, "GET", timeout)
    except (OSError, ValueError, http.client.HTTPException, _RedirectError) as error:
        return _failure(error, timeout)

    verdict = _verdict(answer.status)
    detail = f"{answer.status} {answer.reason}".strip()
    if verdict == "try-later" and answer.retry_after:
        wait = answer.retry_after.strip()
        detail += f", retry after {wait} s" if wait.isdigit() else f", retry after {wait}"
    permanent: list[int] = []
    moved_to = None
    for status, target in hops:  # the permanent redirects at the start of the trail
        if status not in PERMANENT:
            break
        permanent.append(status)
        moved_to = target
    if moved_to == start:
        moved_to = None
    if hops and verdict != "ok":
        detail += f" at {final}"
    elif moved_to is not None:
        verdict = "moved"
        detail = f"{'+'.join(map(str, permanent))} to {moved_to}"
        if _home_page(moved_to) and not _home_page(start):
            detail += " (the site's home page: the page itself may be gone)"
    return Outcome(verdict, detail, answer.status, moved_to)


def links(sources: Iterable[eca.Source]) -> list[Link]:
    """Every address of the sources, in their order."""
    return [
        Link(source.id, field, value)
        for source in sources
        for field in FIELDS
        if isinstance(value := getattr(source, field, None), str)
    ]


def _host(url: str) -> str:
    """The host whose requests are spaced out; www.example.org is example.org's server."""
    host = (urllib.parse.urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.")


def check_all(
    todo: Sequence[Link],
    *,
    timeout: float,
    workers: int,
    delay: float,
    progress: Any = None,
) -> list[Result]:
    """Check every link (each address once), in parallel across hosts and in turn within one."""
    by_host: dict[str, list[str]] = {}
    for link in todo:
        urls = by_host.setdefault(_host(link.url), [])
        if link.url not in urls:
            urls.append(link.url)
    total = sum(map(len, by_host.values()))
    outcomes: dict[str, Outcome] = {}

    def visit(urls: list[str]) -> None:
        open_ = opener()
        for number, url in enumerate(urls):
            if number:
                time.sleep(delay)
            outcomes[url] = check(url, open_, timeout)
            if progress is not None:
                progress(len(outcomes), total)

    with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
        # the longest queues first, so that they do not end the run alone
        jobs = [pool.submit(visit, urls) for urls in sorted(by_host.values(), key=len, reverse=True)]
        for job in jobs:
            job.result()

    results = []
    for link in todo:
        outcome = outcomes[link.url]
        if outcome.verdict == "moved" and link.field == "eli":  # an identifier, kept as published
            outcome = dataclasses.replace(outcome, verdict="ok")
        results.append(Result(link, outcome))
    order = list(VERDICTS)
    return sorted(results, key=lambda result: order.index(result.outcome.verdict))


def counts(results: Iterable[Result]) -> dict[str, int]:
    tally = dict.fromkeys(VERDICTS, 0)
    for result in results:
        tally[result.outcome.verdict] += 1
    return tally


def report(results: Sequence[Result], sources: int) -> str:
    """The text report: one line per link that is not ok, a summary, what the verdicts mean."""
    problems = [result for result in results if result.outcome.verdict != "ok"]
    labels = [
        result.link.source if result.link.field == "url" else f"{result.link.source} ({result.link.field})"
        for result in problems
    ]
    width = max(map(len, labels), default=0)
    lines = [
        f"{result.outcome.verdict:<11} {label:<{width}}  {result.link.url}  {result.outcome.detail}"
        for result, label in zip(problems, labels, strict=True)
    ]
    if lines:
        lines.append("")
    tally = counts(results)
    hosts = len({_host(result.link.url) for result in results})
    found = ", ".join(f"{n} {verdict}" for verdict, n in tally.items() if n or verdict == "ok")
    lines.append(f"{len(results)} links of {sources} sources on {hosts} hosts: {found}")
    lines += [f"  {verdict}: {VERDICTS[verdict]}" for verdict, n in tally.items() if n and verdict != "ok"]
    return "\n".join(lines)


def _positive(text: str) -> float:
    value = float(text)
    if not value > 0:
        raise argparse.ArgumentTypeError(f"must be more than 0, not {text}")
    return value


def _not_negative(text: str) -> float:
    value = float(text)
    if not value >= 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more, not {text}")
    return value


def _count(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {text}")
    return value


def parser() -> argparse.ArgumentParser:
    arguments = argparse.ArgumentParser(
        prog="check_links.py",
        description="Check that every source's url (and eli) still answers. Needs network.",
        epilog="Exit status: 1 if any link is dead or unreachable, 0 otherwise, 2 on a usage error.",
    )
    arguments.add_argument(
        "--timeout", type=_positive, default=20.0, help="seconds to wait for an answer (20)"
    )
    arguments.add_argument(
        "--workers", type=_count, default=8, help="requests at once, each to a different host (8)"
    )
    arguments.add_argument(
        "--delay", type=_not_negative, default=1.0, help="seconds between two requests to one host (1)"
    )
    arguments.add_argument("--json", action="store_true", help="print a JSON report of every link")
    arguments.add_argument("--only", nargs="+", metavar="ID", help="check only these sources")
    arguments.add_argument(
        "--data", type=Path, metavar="FOLDER", help="check the sources of this data folder (a copy)"
    )
    return arguments


def main(argv: Sequence[str] | None = None) -> int:
    arguments = parser()
    args = arguments.parse_args(argv)
    if args.data is not None:
        try:
            sources: Sequence[eca.Source] = eca.load(args.data).sources
        except (eca.DataError, OSError) as error:
            arguments.error(f"cannot read the data folder {args.data}: {error}")
    else:
        sources = eca.SOURCES
    if args.only:
        known = {source.id for source in sources}
        unknown = [name for name in args.only if name not in known]
        if unknown:
            arguments.error(f"no source has the id {', '.join(unknown)}")
        sources = [source for source in sources if source.id in args.only]

    def progress(done: int, total: int) -> None:
        print(f"\r{done}/{total} addresses checked", end="" if done < total else "\n", file=sys.stderr)

    todo = links(sources)
    results = check_all(
        todo,
        timeout=args.timeout,
        workers=args.workers,
        delay=args.delay,
        progress=progress if sys.stderr.isatty() else None,
    )
    tally = counts(results)
    if args.json:
        document = {
            "sources": len(sources),
            "links": len(results),
            "counts": tally,
            "failed": any(tally[verdict] for verdict in FAILING),
            "results": [result.as_json() for result in results],
        }
        print(json.dumps(document, indent=2, ensure_ascii=False))
    else:
        print(report(results, len(sources)))
    if results and all(result.outcome.http_status is None for result in results):
        print("No link got an answer: is this machine online?", file=sys.stderr)
    return 1 if any(tally[verdict] for verdict in FAILING) else 0


if __name__ == "__main__":
    sys.exit(main())
