"""Status-quo paths: among the shortest paths, the one with the fewest moves against their
mover's interest, ties broken by the least sequence of state ids read from the target back;
checked against a brute-force enumeration of every shortest path on small random conflicts,
built from the reference implementation's moves and preferences (tests/gmcr_reference.py)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

import detente
import gmcr_reference as ref
from detente.cli import main
from detente.gmcr.random_conflict import random_conflict
from detente.gmcr.status_quo import bfs, least_harm, reachable

FLAGSHIP = Path(__file__).resolve().parents[1] / "scenarios" / "settlement-talks-2025-02.yaml"


def all_shortest_paths(rc, start, target, improvements_only):
    """Every shortest sequence of unilateral moves (state tuples, start first) from ``start`` to
    ``target``, by plain BFS layers over the reference's moves; [] when unreachable."""
    def step(s):
        for dm in rc.dms:
            nxt = ref.improvements(rc, dm, s) if improvements_only else ref.moves(rc, dm, s)
            for t in nxt:
                yield dm, t
    dist = {start: 0}
    layer = [start]
    while layer and target not in dist:
        new = []
        for s in layer:
            for _, t in step(s):
                if t not in dist:
                    dist[t] = dist[s] + 1
                    new.append(t)
        layer = new
    if target not in dist:
        return []
    out = []

    def extend(path):
        s = path[-1]
        if s == target:
            out.append(path)
            return
        for dm, t in step(s):
            if dist.get(t) == len(path) and (t == target or dist[t] < dist[target]):
                extend(path + [t])
    extend([start])
    return out


def harm_of(rc, path):
    """Moves against the mover's interest along a path of state tuples."""
    n = 0
    for a, b in zip(path, path[1:]):
        (dm,) = {rc.owner[k] for k in range(len(a)) if a[k] != b[k]}
        n += rc.pref[dm][b] < rc.pref[dm][a]
    return n


CASES = [(m, d, seed) for seed in range(12) for (m, d) in ((5, 2), (6, 3), (6, 2), (7, 3))]


@pytest.mark.parametrize("m, d, seed", CASES)
def test_paths_match_brute_force(m, d, seed):
    c = random_conflict(m, d, seed=seed, n_constraints=seed % 3, irreversible=0.25, n_statements=(2, 4))
    r = detente.analyze(c, ["Nash"])
    rc = ref.from_conflict(c)
    tup = lambda p: tuple((int(r.space.codes[p]) >> k) & 1 for k in range(m))  # noqa: E731
    pos = lambda s: int(r.space.index_of(np.uint64(ref.code_of(s))))  # noqa: E731
    start = r.status_quo_position
    targets = list(range(r.n_states))
    for improvements_only in (False, True):
        reach = reachable(r, to=targets, improvements_only=improvements_only)
        by_target = {p.target: p for p in reach.paths}
        for t in targets:
            paths = all_shortest_paths(rc, tup(start), tup(t), improvements_only)
            if not paths:
                assert t in reach.unreachable and t not in by_target
                continue
            got = by_target[t]
            states = [start] + [s.target for s in got.moves]
            # a legal shortest path, each step described as the reference sees it
            assert [tup(p) for p in states] in paths
            for s in got.moves:
                a, b = tup(s.source), tup(s.target)
                assert b in ref.moves(rc, s.dm, a)
                assert s.improves_mover == (rc.pref[s.dm][b] > rc.pref[s.dm][a])
                assert s.against_mover == (rc.pref[s.dm][b] < rc.pref[s.dm][a])
                assert not (improvements_only and not s.improves_mover)
            # the fewest moves against their movers, then the least ids read backwards
            least = min(harm_of(rc, p) for p in paths)
            assert len(got.against_movers) == harm_of(rc, [tup(p) for p in states]) == least
            best = min((p for p in paths if harm_of(rc, p) == least), key=lambda p: [pos(s) for s in reversed(p)])
            assert [pos(s) for s in best] == states
        if not improvements_only:
            dist = bfs(r, start)[0]
            harm = least_harm(r, dist)
            assert ((harm >= 0) == (dist >= 0)).all()


def test_least_harm_by_table_pull_equals_listing():
    """The two ways of computing a level (listing a small frontier's moves, pulling over the move
    table for a large one) give the same counts: each forced in turn."""
    for seed in range(6):
        c = random_conflict(9, 3, seed=seed, n_constraints=2, irreversible=0.3, n_statements=(2, 4))
        r = detente.analyze(c, ["Nash"])
        dist = bfs(r, r.status_quo_position)[0]
        auto = least_harm(r, dist)
        assert (least_harm(r, dist, method="pull") == auto).all()
        assert (least_harm(r, dist, method="list") == auto).all()
        assert ((auto >= 0) == (dist >= 0)).all() and auto.max() >= 1  # not a trivial case


SMALL = {"decision_makers": [
    {"name": "A", "options": ["a"], "preferences": ["a and b", "not a"]},
    {"name": "B", "options": ["b"], "preferences": ["b"]}],
    "status_quo": "NN"}


def test_the_path_that_spares_its_movers_is_chosen():
    r = detente.analyze(detente.load(SMALL), ["Nash"])
    (p,) = reachable(r, to=[r.position_of("YY")]).paths
    assert [(s.dm, r.yn(s.target)) for s in p.moves] == [("B", "NY"), ("A", "YY")]
    assert p.against_movers == [] and p.needs_text() is None
    # to YN only A's move against its interest leads: said, with the move and whose
    (p,) = reachable(r, to=[r.position_of("YN")]).paths
    assert p.moves[0].against_mover and not p.moves[0].improves_mover
    assert p.needs_text() == ("every shortest path needs at least 1 move against its mover's "
                              "interest; here: move 1, A takes a")
    assert "A takes a -> 2:YN (against A's interest)" in str(reachable(r, to=[r.position_of("YN")]))


def run(capsys, *args):
    code = main([str(a) for a in args])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_flagship_neutral_force_needs_one_self_harming_move(capsys, monkeypatch):
    """docs/flagship.md item 6: of the shortest paths to the neutral-force settlement, the best
    has one move against its mover's interest (Ukraine accepting before Russia agrees)."""
    c = detente.load(FLAGSHIP, variant="neutral-force")
    r = detente.analyze(c, ["Nash"])
    target = r.position_of("neutral-force-settlement")
    assert target in r.equilibria("Nash").tolist()
    (p,) = reachable(r, to=[target]).paths
    assert len(p.moves) == 4
    assert [(s.dm, s.words()) for s in p.against_movers] == [("Ukraine", "Ukraine takes ua_accept")]
    assert [s.dm for s in p.moves] == ["US", "Ukraine", "Russia", "Neutral"]
    assert reachable(r, to=[target], improvements_only=True).unreachable == [target]
    code, out, err = run(capsys, "paths", FLAGSHIP, "--variant", "neutral-force", "-c", "Nash", "-f", "json")
    assert code == 0, err
    d = json.loads(out)
    (nf,) = [q for q in d["paths"] if q["target"]["names"] == ["neutral-force-settlement"]]
    assert nf["moves_against_movers"] == 1 and [m["against_mover"] for m in nf["moves"]] == [False, True, False, False]
    from detente.cli import console
    monkeypatch.setattr(console, "width", 400)  # one line per table row
    code, out, err = run(capsys, "paths", FLAGSHIP, "--variant", "neutral-force", "-c", "Nash")
    assert "2. Ukraine takes ua_accept -> 17:NNNNYNNN (ua_accept) (against Ukraine's interest)" in out
    assert ("every shortest path needs at least 1 move against its mover's interest; here: move 2, "
            "Ukraine takes ua_accept") in out
    assert "fewest moves against their mover's interest" in out


def test_report_and_web_say_when_a_path_needs_a_self_harming_move(tmp_path, capsys):
    html_path = tmp_path / "r.html"
    code, out, err = run(capsys, "report", FLAGSHIP, "--variant", "neutral-force", "-o", html_path,
                         "--no-summary", "--no-questions")
    assert code == 0, err
    html = html_path.read_text()
    assert "(against Ukraine&#39;s interest)" in html or "(against Ukraine's interest)" in html
    assert "every shortest path needs at least 1 move against its mover" in html

    from fastapi.testclient import TestClient

    from detente.store.db import dispose_all
    from detente.web.app import create_app
    import time
    try:
        with TestClient(create_app(f"sqlite:///{tmp_path / 'w.sqlite'}", jobs="thread"), base_url="http://localhost") as client:
            sid = client.post("/api/scenarios", json={"text": json.dumps(SMALL), "format": "json"}).json()["id"]
            aid = client.post(f"/api/scenarios/{sid}/analyses", json={"concepts": ["Nash"]}).json()["id"]
            deadline = time.monotonic() + 30
            while client.get(f"/api/analyses/{aid}").json()["status"] not in ("done", "failed"):
                assert time.monotonic() < deadline
                time.sleep(0.05)
            d = client.get(f"/api/analyses/{aid}/paths", params={"to": "YN"}).json()
            (p,) = d["paths"]
            assert p["moves_against_movers"] == 1 and p["moves"][0]["against_mover"] is True
    finally:
        dispose_all()
