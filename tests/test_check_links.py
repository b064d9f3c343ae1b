"""The maintainer's link check, scripts/check_links.py, against a web server on 127.0.0.1.

The script is run by hand where there is network; here its ``main`` runs in this process
against a copy of the data whose source addresses all point at a local ``http.server``, which
answers each path as a real site might. Nothing leaves the machine.
"""

from __future__ import annotations

import importlib.util
import json
import socket
import sys
import threading
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

import eu_ca_partnership as eca

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "check_links.py"

if not SCRIPT.is_file():  # the tests copied away from the source tree, as .ci/packaging runs them
    pytest.skip(f"the link check is not at {SCRIPT}", allow_module_level=True)

_spec = importlib.util.spec_from_file_location("check_links", SCRIPT)
assert _spec is not None
assert _spec.loader is not None
check_links = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = check_links  # dataclasses look their module up there
_spec.loader.exec_module(check_links)


class Site(BaseHTTPRequestHandler):
    """Answers by the first part of the path; notes every request it gets."""

    requests: list[tuple[str, str]]  # (method, path), set on the subclass each server uses

    def answer(self, body: bool) -> None:
        self.requests.append((self.command, self.path))
        kind = self.path.split("/")[1]
        headers: dict[str, str] = {}
        if kind in ("ok", "new-home", ""):
            status = 200
        elif kind == "gone":
            status = 404
        elif kind == "moved":  # moved for good: the data should follow
            status, headers = 301, {"Location": "/new-home" + self.path.removeprefix("/moved")}
        elif kind == "retired":  # sent to the home page, as some sites do with a page they removed
            status, headers = 301, {"Location": "/"}
        elif kind == "elsewhere":  # a temporary redirect: the data keeps its address
            status, headers = 302, {"Location": "/ok/for-now"}
        elif kind == "no-head":
            status = 405 if self.command == "HEAD" else 200
        elif kind == "busy":
            status, headers = 503, {"Retry-After": "120"}
        else:
            status = 500
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", "2")
        self.end_headers()
        if body:
            self.wfile.write(b"hi")

    def do_HEAD(self) -> None:
        self.answer(body=False)

    def do_GET(self) -> None:
        self.answer(body=True)

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass


@pytest.fixture
def site(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, list[tuple[str, str]]]]:
    """The local server's address and the requests it got."""
    monkeypatch.setenv("no_proxy", "*")  # a proxy set in the environment must not see 127.0.0.1
    requests: list[tuple[str, str]] = []
    handler = type("RecordingSite", (Site,), {"requests": requests})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", requests
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


#: The local path each of the first sources is pointed at; every other source answers 200.
PATHS = ["/gone/page", "/moved/page", "/elsewhere/page", "/no-head/page", "/busy/page"]


@pytest.fixture
def local_data(
    site: tuple[str, list[tuple[str, str]]],
    changed_data: Callable[[str, Callable[[Any], object]], Path],
    raw_tables: dict[str, Any],
) -> tuple[Path, list[str]]:
    """A data folder whose every source answers from the local server, and the ids given PATHS."""
    base, _ = site
    ids = [source["id"] for source in raw_tables["sources.json"][: len(PATHS)]]

    def point_at_the_site(sources: list[dict[str, Any]]) -> None:
        for number, source in enumerate(sources):
            source["url"] = base + (PATHS[number] if number < len(PATHS) else f"/ok/{source['id']}")
            source.pop("eli", None)  # an ELI must be on data.europa.eu: not asked here

    return changed_data("sources.json", point_at_the_site), ids


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str], str]:
    """The exit status, the lines printed and what went to stderr."""
    status = check_links.main(["--delay", "0", "--timeout", "10", *args])
    printed = capsys.readouterr()
    return status, printed.out.splitlines(), printed.err


def test_the_report_names_each_problem_and_the_status_is_1_for_a_dead_link(
    local_data: tuple[Path, list[str]],
    site: tuple[str, list[tuple[str, str]]],
    raw_tables: dict[str, Any],
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder, (gone, moved, elsewhere, no_head, busy) = local_data
    base, requests = site
    status, lines, _ = run(capsys, "--data", str(folder))
    assert status == 1
    end = lines.index("")
    # one line per problem, worst first: verdict, source id, address, what was found
    assert [" ".join(line.split()) for line in lines[:end]] == [
        f"dead {gone} {base}/gone/page 404 Not Found",
        f"try-later {busy} {base}/busy/page 503 Service Unavailable, retry after 120 s",
        f"moved {moved} {base}/moved/page 301 to {base}/new-home/page",
    ]  # a temporary redirect (302) and a refused HEAD answered by GET are no problem
    assert not [line for line in lines if elsewhere in line or no_head in line]
    sources = len(raw_tables["sources.json"])
    assert lines[end + 1] == (
        f"{sources} links of {sources} sources on 1 hosts: 1 dead, 1 try-later, 1 moved, {sources - 3} ok"
    )
    assert [line.split(":")[0] for line in lines[end + 2 :]] == ["  dead", "  try-later", "  moved"]

    def asked(path: str) -> list[str]:
        return [method for method, asked_path in requests if asked_path == path]

    # HEAD first; GET where HEAD was refused, and to confirm an error answer before judging it
    assert asked("/no-head/page") == ["HEAD", "GET"]
    assert asked("/gone/page") == ["HEAD", "GET"]
    assert asked("/busy/page") == ["HEAD", "GET"]
    assert asked("/moved/page") == asked("/new-home/page") == ["HEAD"]
    assert asked(f"/ok/{raw_tables['sources.json'][-1]['id']}") == ["HEAD"]
    assert len(requests) == sources + 2 + 3  # each address once, the redirects' targets, the GETs


def test_only_checks_the_sources_named_and_moved_or_busy_is_not_dead(
    local_data: tuple[Path, list[str]],
    site: tuple[str, list[tuple[str, str]]],
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder, (_, moved, elsewhere, no_head, busy) = local_data
    status, lines, _ = run(capsys, "--data", str(folder), "--only", moved, elsewhere, no_head, busy)
    assert status == 0
    assert lines[-3] == "4 links of 4 sources on 1 hosts: 1 try-later, 1 moved, 2 ok"
    assert {path for _, path in site[1]} == {
        "/moved/page",
        "/new-home/page",
        "/elsewhere/page",
        "/ok/for-now",
        "/no-head/page",
        "/busy/page",
    }


def test_the_json_report_holds_every_link(
    local_data: tuple[Path, list[str]],
    site: tuple[str, list[tuple[str, str]]],
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder, ids = local_data
    base, _ = site
    status, lines, _ = run(capsys, "--data", str(folder), "--json", "--only", *ids)
    assert status == 1
    report = json.loads("\n".join(lines))
    assert report["failed"] is True
    assert {verdict: n for verdict, n in report["counts"].items() if n} == {
        "dead": 1,
        "try-later": 1,
        "moved": 1,
        "ok": 2,
    }
    by_id = {result["source"]: result for result in report["results"]}
    assert by_id[ids[0]] == {
        "source": ids[0],
        "field": "url",
        "url": f"{base}/gone/page",
        "verdict": "dead",
        "detail": "404 Not Found",
        "http_status": 404,
        "moved_to": None,
    }
    assert by_id[ids[1]]["moved_to"] == f"{base}/new-home/page"
    assert by_id[ids[4]]["http_status"] == 503
    assert [result["verdict"] for result in report["results"]] == ["dead", "try-later", "moved", "ok", "ok"]


def test_a_move_to_the_home_page_is_flagged_and_an_eli_is_kept_as_published(
    site: tuple[str, list[tuple[str, str]]],
) -> None:
    base, _ = site
    results = check_links.check_all(
        [
            check_links.Link("retired", "url", f"{base}/retired/page"),
            check_links.Link("act", "eli", f"{base}/moved/act"),
        ],
        timeout=10,
        workers=2,
        delay=0,
    )
    verdicts = {result.link.source: result.outcome for result in results}
    assert verdicts["retired"].verdict == "moved"
    assert verdicts["retired"].detail == f"301 to {base}/ (the site's home page: the page itself may be gone)"
    assert verdicts["act"].verdict == "ok"  # an identifier, not an address to update
    assert verdicts["act"].moved_to == f"{base}/new-home/act"


def test_an_address_that_does_not_answer_is_unreachable(
    changed_data: Callable[[str, Callable[[Any], object]], Path],
    raw_tables: dict[str, Any],
    capsys: pytest.CaptureFixture[str],
) -> None:
    # a port just closed on this machine: the connection is refused, no name is looked up
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    first = raw_tables["sources.json"][0]["id"]

    def point_at_a_closed_port(sources: list[dict[str, Any]]) -> None:
        sources[0]["url"] = f"http://127.0.0.1:{port}/"

    folder = changed_data("sources.json", point_at_a_closed_port)
    status, lines, err = run(capsys, "--data", str(folder), "--only", first)
    assert status == 1
    assert " ".join(lines[0].split()) == f"unreachable {first} http://127.0.0.1:{port}/ connection refused"
    assert err == "No link got an answer: is this machine online?\n"


def test_the_bundled_sources_give_their_urls_and_elis() -> None:
    links = check_links.links(eca.SOURCES)
    assert [link.url for link in links if link.field == "url"] == [source.url for source in eca.SOURCES]
    assert [link.url for link in links if link.field == "eli"] == [
        source.eli for source in eca.SOURCES if source.eli
    ]


def test_an_unknown_id_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as leaving:
        check_links.main(["--only", "no-such-source"])
    assert leaving.value.code == 2
    assert "no source has the id no-such-source" in capsys.readouterr().err
