"""Property tests: the fast engine agrees with the simple reference implementation on random
conflicts (2-4 DMs, up to 7 options, random infeasibility, irreversibility and rankings with
ties), for Nash, GMR, SMR, SEQ and SIM."""

import itertools

from hypothesis import HealthCheck, given, settings, strategies as st

import detente
import gmcr_reference as ref

DIRECTIONS = ["both", "both", "take_only", "drop_only"]


@st.composite
def random_conflicts(draw):
    n_dms = draw(st.integers(2, 4))
    n_opts = draw(st.integers(n_dms, 7))
    owners = list(range(n_dms)) + [draw(st.integers(0, n_dms - 1)) for _ in range(n_opts - n_dms)]
    owners = draw(st.permutations(owners))
    names = [f"o{k}" for k in range(n_opts)]
    dms = []
    for d in range(n_dms):
        opts = [{"name": names[k], "direction": draw(st.sampled_from(DIRECTIONS))}
                for k in range(n_opts) if owners[k] == d]
        dms.append({"name": f"D{d}", "options": opts, "preferences": ["true"]})
    # Infeasibility: a few random partial assignments.
    infeasible = []
    for _ in range(draw(st.integers(0, 3))):
        lits = draw(st.lists(st.tuples(st.sampled_from(names), st.booleans()), min_size=2, max_size=3,
                             unique_by=lambda t: t[0]))
        infeasible.append(" and ".join(n if v else f"not {n}" for n, v in lits))
    doc = {"decision_makers": dms, "infeasible": infeasible}
    # Feasible states, computed independently, must not be empty.
    feasible = []
    for bits in itertools.product([0, 1], repeat=n_opts):
        vals = dict(zip(names, bits))
        bad = False
        for cons in infeasible:
            terms = cons.split(" and ")
            if all((vals[t[4:]] == 0) if t.startswith("not ") else (vals[t] == 1) for t in terms):
                bad = True
        if not bad:
            feasible.append(bits)
    if not feasible:
        doc["infeasible"] = []
        feasible = list(itertools.product([0, 1], repeat=n_opts))
    # Preferences: explicit rankings with ties for some DMs, prioritised statements for others.
    for d in dms:
        if draw(st.booleans()):
            scores = [draw(st.integers(0, 3)) for _ in feasible]
            levels = {}
            for bits, sc in zip(feasible, scores):
                levels.setdefault(sc, []).append({"taken": [n for n, b in zip(names, bits) if b]})
            d.pop("preferences")
            d["ranking"] = [levels[k] for k in sorted(levels, reverse=True)]
        else:
            stmts = []
            for _ in range(draw(st.integers(1, 3))):
                lits = draw(st.lists(st.tuples(st.sampled_from(names), st.booleans()), min_size=1,
                                     max_size=2, unique_by=lambda t: t[0]))
                op = draw(st.sampled_from([" and ", " or "]))
                stmts.append(op.join(n if v else f"not {n}" for n, v in lits))
            d["preferences"] = stmts
    return doc


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(random_conflicts())
def test_engine_equals_reference(doc):
    conflict = detente.load(doc)
    result = detente.analyze(conflict, sim_budget=10**9)
    expected = ref.analyse(conflict)
    for concept, per_dm in expected.items():
        for dm, codes in per_dm.items():
            got = {int(result.space.codes[p]) for p in result.stable_states(concept, dm)}
            assert got == codes, (concept, dm, sorted(conflict.yn(c) for c in got ^ codes))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(random_conflicts())
def test_explanations_agree_with_engine(doc):
    conflict = detente.load(doc)
    result = detente.analyze(conflict, sim_budget=10**9)
    for concept in ("Nash", "GMR", "SMR", "SEQ", "SIM"):
        for dm in conflict.dm_names:
            for pos in range(min(result.n_states, 12)):
                e = detente.explain(result, pos, dm, concept)
                assert e.stable == result.is_stable(pos, dm, concept), (concept, dm, pos)
                for chk in e.improvements:
                    if chk.sanction:
                        # A sanction is a legal sequence: no DM moves twice in succession,
                        # the first move leaves the improvement's target, ends not preferred.
                        movers = [m.dm for m in chk.sanction]
                        assert dm not in movers
                        if concept != "SIM":
                            assert all(a != b for a, b in zip(movers, movers[1:]))
                            assert chk.sanction[0].source == chk.move.target
                            end = chk.sanction[-1].target
                            assert result.ranks[dm][end] <= result.ranks[dm][pos]
