"""The executive summary at the top of the report: one card per question, generated from results.

For each question (:mod:`detente.report.questions`) the card gives

* a one-sentence **verdict** for the model reported on, from the answer's counts per concept
  (concepts with the same answer are named together);
* **who decides it**: the moves nothing deters that block the matching states, each with the
  mover's decisive statement and its evidence. A statement that rests partly on an analyst's
  assumption leads with the assumption (:func:`lead_evidence`), not with a quote that only
  touches it;
* whether the answer is **derived or restates an input** (:meth:`Answer.provenance`);
* **how sure**: with a robustness run, the probability that some matching state is an
  equilibrium (or, for stability questions, that the likeliest matching state is stable for
  the DM), with its interval when sampled;
* **what would change it**: the variants whose verdict differs, and the uncertain assumptions
  whose flip moves the probability most (a sampled swing that is not significant is marked);
* each **perceiving DM's view** when the model has perceptions (hypergames).

Nothing here is written by hand: every sentence is built from the analysis results.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

CONCEPT_ORDER = ("Nash", "GMR", "SMR", "SEQ", "SIM")
MIN_SWING = 0.005  # swings narrower than this are not worth a sentence


def concepts_words(names: list[str], every: list[str] | None = None) -> str:
    """``Nash, GMR`` or ``every concept (Nash, ...)`` when ``names`` is all of ``every``."""
    if every is not None and len(names) > 1 and list(names) == list(every):
        return "any concept (" + ", ".join(names) + ")"
    return ", ".join(names)


def _state_words(result, p: int) -> str:
    from detente.gmcr.compare import describe_state
    return f"{result.label(p)} ({describe_state(result.conflict, int(result.space.codes[p]))})"


def _short(text: str, limit: int = 220) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def lead_evidence(entries) -> dict[str, Any] | None:
    """What an explanation should cite first for a statement.

    A statement whose evidence includes an analyst's assumption is led by the assumption
    (``kind="assumption"``), with the first quote as ``touches`` (a quote that only touches the
    point must not stand in for it); otherwise by its first quote (``kind="quote"``).
    """
    entries = list(entries or [])
    if not entries:
        return None
    assumption = next((e for e in entries if e.is_assumption), None)
    quoted = next((e for e in entries if e.quote), None)

    def q(e):
        return None if e is None else {"speaker": e.speaker or "the report", "channel": e.channel,
                                       "date": e.date.isoformat() if e.date else None, "quote": e.quote}
    if assumption is not None:
        return {"kind": "assumption", "text": _short(assumption.assumption, 400), "touches": q(quoted),
                "only": quoted is None}
    if quoted is not None:
        return {"kind": "quote", **q(quoted)}
    return {"kind": "other", "text": _short(entries[0].summary())}


def _group_by_value(values: dict[str, Any]) -> list[tuple[list[str], Any]]:
    """Concepts with the same value together, in concept order of first appearance."""
    groups: list[tuple[list[str], Any]] = []
    for k, v in values.items():
        for names, val in groups:
            if val == v:
                names.append(k)
                break
        else:
            groups.append(([k], v))
    return groups


# --- probabilities from a robustness run ----------------------------------------------------------

def _hits(rob, concept: str, positions) -> np.ndarray:
    """Per draw (profile): is some state of ``positions`` an equilibrium under ``concept``?"""
    want = np.asarray(sorted(set(int(p) for p in positions)), dtype=np.int64)
    if getattr(rob, "profile_eq", None) is not None:  # each distinct profile's equilibria, once
        return rob.profile_eq[concept].contains_any(want)[rob.profile_of]
    return np.array([bool(np.isin(lst, want).any()) for lst in rob.eq_lists[concept]], dtype=bool)


def set_probability(rob, concept: str, positions) -> dict[str, Any]:
    """P(some state of ``positions`` is a ``concept`` equilibrium), with its interval."""
    from detente.gmcr.robustness import wilson_interval
    w = np.asarray(rob.weights, dtype=float)
    hit = _hits(rob, concept, positions)
    total = float(w.sum())
    p = float(w[hit].sum() / total) if total else float("nan")
    interval = None if rob.method == "exact" else wilson_interval(float(w[hit].sum()), total, rob.confidence)
    return {"p": p, "interval": interval}


def set_swings(rob, concept: str, positions) -> list[dict[str, Any]]:
    """For each assumption: P(some state of ``positions`` is an equilibrium | it holds as written /
    flipped), widest swing first. ``significant`` is None for an exact run (no sampling error)."""
    from detente.gmcr.robustness import two_proportion_significant, z_value
    w = np.asarray(rob.weights, dtype=float)
    hit = _hits(rob, concept, positions)
    out = []
    for a in rob.assumptions:
        f = rob.flags[:, a.index]
        nh, nf = float(w[f].sum()), float(w[~f].sum())
        ph = float(w[f & hit].sum() / nh) if nh > 0 else float("nan")
        pf = float(w[~f & hit].sum() / nf) if nf > 0 else float("nan")
        width = 0.0 if math.isnan(ph) or math.isnan(pf) else abs(ph - pf)
        sig = None
        if rob.method != "exact":
            sig = two_proportion_significant(ph, float(f.sum()), pf, float((~f).sum()), z_value(rob.confidence))
        out.append({"assumption": a, "p_holds": ph, "p_flipped": pf, "width": width, "significant": sig})
    out.sort(key=lambda s: (-round(s["width"], 9), s["assumption"].index))
    return out


# --- one card per question ---------------------------------------------------------------------

def _verdict(ans) -> dict[str, Any]:
    """Verdict of one answer: concepts where some matching state is stable/an equilibrium."""
    q, r = ans.question, ans.result
    computed = {k: ca for k, ca in ans.concepts.items() if not ca.skipped}
    n = next((ca.n_states for ca in computed.values()), 0)
    yes = [k for k, ca in computed.items() if ca.n_stable]
    no = [k for k, ca in computed.items() if not ca.n_stable]
    what = f"stable for {q.dm}" if q.kind == "stability" else "an equilibrium"
    every = list(computed)
    if n == 0:
        text = f"No feasible state matches the question ({q.states})."
        short = "no matching state"
    elif not yes:
        text = (f"No: none of the {n} matching state{'s' if n != 1 else ''} is {what} under "
                f"{concepts_words(no, every)}.")
        short = "no"
    else:
        bits, short_bits = [], []
        for names, states in _group_by_value({k: tuple(computed[k].stable_positions) for k in yes}):
            shown = ", ".join(_state_words(r, p) for p in states[:3]) + (f" and {len(states) - 3} more" if len(states) > 3 else "")
            bits.append(f"under {', '.join(names)}: {len(states)} of {n} ({shown})")
            short_bits.append(f"{', '.join(names)} {len(states)} of {n}, e.g. {r.label(states[0])}")
        head = "Yes" if not no else "Only under some concepts"
        text = f"{head}: {'; '.join(bits)}" + (f"; under {', '.join(no)} none." if no else ".")
        short = "yes under " + "; ".join(short_bits)
    return {"text": text, "short": short, "yes": yes, "no": no, "n": n}


def _blockers(ans, reason_ctx) -> list[dict[str, Any]]:
    """The moves that block the matching states, merged over concepts: those that block every
    matching state, else the two most frequent."""
    merged: dict[tuple, dict[str, Any]] = {}
    for k, ca in ans.concepts.items():
        if ca.skipped:
            continue
        for b in ca.blocking:
            key = (b.dm, b.changes, b.reason.index if b.reason else -1)
            m = merged.setdefault(key, {"dm": b.dm, "changes": b.changes, "concepts": [], "counts": {},
                                        "reason": reason_ctx(b.reason, ans) if b.reason else None})
            m["concepts"].append(k)
            m["counts"][k] = (b.count, ca.n_states)
    items = list(merged.values())
    for m in items:
        m["everywhere"] = all(c == n for c, n in m["counts"].values())
        m["count"], m["n"] = max(m["counts"].values())
    full = [m for m in items if m["everywhere"]]
    chosen = full or sorted(items, key=lambda m: -m["count"])[:2]
    every = [k for k, ca in ans.concepts.items() if not ca.skipped]
    for m in chosen:
        m["concept_words"] = "every concept" if m["concepts"] == every and len(every) > 1 else ", ".join(m["concepts"])
    return chosen


def _sanctions(ans) -> dict[str, Any] | None:
    """Stable states of a stability answer: how many rest on credible sanctions."""
    stories = [s for ca in ans.concepts.values() for s in ca.stories if s.sanction]
    if not stories:
        return None
    by_concept: dict[str, list[bool]] = {}
    for k, ca in ans.concepts.items():
        for s in ca.stories:
            if s.sanction:
                by_concept.setdefault(k, []).append(s.credible)
    parts = []
    for k, cr in by_concept.items():
        good = sum(cr)
        parts.append(f"{k}: {good} of {len(cr)} sanctions spelled out are credible")
    return {"text": "; ".join(parts)}


def summarise_question(row, *, reason_ctx, rob=None, hyper=None, descriptions=None) -> dict[str, Any]:
    """The summary card of one question. ``row``: its answers, the model reported on first."""
    base = row[0]
    q = base.question
    verdict = _verdict(base)
    card: dict[str, Any] = {"id": q.id, "title": q.title, "anchor": f"q-{_anchor(q.id)}",
                            "model": base.model, "verdict": verdict,
                            "restates": bool(base.restated_inputs()), "provenance": base.provenance(),
                            "blockers": _blockers(base, reason_ctx) if verdict["no"] else [],
                            "sanctions": _sanctions(base) if verdict["yes"] else None}
    # Variants: grouped by their short verdict; those that differ are what would change it.
    others = [(a.model, _verdict(a)) for a in row[1:]]
    groups: list[tuple[list[str], str]] = []
    for (name, v), a in zip(others, row[1:]):
        text = v["short"]
        if not v["yes"] and v["n"]:  # who leaves the matching states there (for whom it fails)
            every = [k for k, ca in a.concepts.items() if not ca.skipped]
            leaving = sorted({b["dm"] for b in _blockers(a, lambda r, ans: None)
                              if b["everywhere"] and b["concepts"] == every})
            if leaving:
                text += (" (" + ", ".join(leaving) + (" leaves" if len(leaving) == 1 else " leave")
                         + " every matching state under every concept)")
        for names, t in groups:
            if t == text:
                names.append(name)
                break
        else:
            groups.append(([name], text))
    card["variants"] = [{"names": names, "text": text} for names, text in groups]
    card["changers"] = [{"name": name, "text": v["short"], "description": _first_sentence((descriptions or {}).get(name))}
                        for name, v in others if set(v["yes"]) != set(verdict["yes"])]
    card["robust"] = _robust_ctx(base, rob) if rob is not None else None
    card["views"] = _views_ctx(base, hyper) if hyper is not None else []
    return card


def _first_sentence(text: str | None) -> str | None:
    if not text:
        return None
    text = " ".join(str(text).split())
    cut = text.find(". ")
    return text if cut < 0 else text[:cut + 1]


def _anchor(text: str) -> str:
    return "".join(ch if ch.isalnum() else "-" for ch in str(text).lower())


def _fmt_interval(iv) -> str:
    return "" if iv is None else f" [{iv[0]:.3f}, {iv[1]:.3f}]"


def _robust_ctx(ans, rob) -> dict[str, Any] | None:
    q, r = ans.question, ans.result
    if r.n_states != rob.space.n:
        return None
    from detente.report.questions import select_states
    positions = [int(p) for p in select_states(r, q.states)]
    concepts = [k for k in ans.concepts if k in rob.concepts]
    if not positions or not concepts:
        return None
    how = ("exact: every one of the {:,} preference profiles weighed by its probability, so there is "
           "no sampling interval".format(rob.draws) if rob.method == "exact"
           else f"{rob.draws:,} sampled profiles (seed {rob.seed}); {rob.confidence:.0%} Wilson intervals")
    out: dict[str, Any] = {"how": how, "method": rob.method, "n_assumptions": len(rob.assumptions)}
    if q.kind == "equilibria":
        probs = {k: set_probability(rob, k, positions) for k in concepts}
        out["what"] = "P(some matching state is an equilibrium)"
        out["groups"] = [{"concepts": names, "p": v[0], "interval": _fmt_interval(v[1])}
                         for names, v in _group_by_value({k: (round(p["p"], 3), p["interval"] and tuple(round(x, 3) for x in p["interval"]))
                                                          for k, p in probs.items()})]
        k0 = concepts[0]
        sw = [s for s in set_swings(rob, k0, positions) if s["width"] >= MIN_SWING][:3]
        out["swing_concept"] = k0
        out["swings"] = [{"flipped": s["assumption"].flipped, "holds": s["assumption"].holds,
                          "p_flip": 1 - s["assumption"].probability, "p_holds": s["p_holds"],
                          "p_flipped": s["p_flipped"], "significant": s["significant"]} for s in sw]
    else:
        best = {}
        for k in concepts:
            arr = rob.stable[k][q.dm][positions] / rob.total
            i = int(np.argmax(arr))
            p = positions[i]
            iv = None
            if rob.method != "exact":
                from detente.gmcr.robustness import wilson_interval
                iv = wilson_interval(float(rob.stable[k][q.dm][p]), rob.total, rob.confidence)
            best[k] = (round(float(arr[i]), 3), _state_words(r, p) if arr[i] > 0 else None,
                       iv and tuple(round(x, 3) for x in iv))
        out["what"] = f"P(the likeliest matching state is stable for {q.dm})"
        out["groups"] = [{"concepts": names, "p": v[0], "state": v[1], "interval": _fmt_interval(v[2])}
                         for names, v in _group_by_value(best)]
        out["swings"] = None  # per-profile stability of one DM is not kept: no swings to show
    return out


def _views_ctx(ans, hyper) -> list[dict[str, Any]]:
    q, r = ans.question, ans.result
    if q.kind != "equilibria" or r.n_states != hyper.reality.n_states:
        return []
    from detente.report.questions import select_states
    codes = r.space.codes[select_states(r, q.states)]
    pos = np.searchsorted(hyper.universe, codes)
    inside = pos < hyper.universe.shape[0]
    pos, codes = pos[inside], codes[inside]
    pos = pos[hyper.universe[pos] == codes]
    out = []
    for d in hyper.perceivers:
        expects = [k for k in hyper.concepts if bool(hyper.expected[k][d][pos].any())]
        real = [k for k in hyper.concepts if bool(hyper.real_equilibrium[k][pos].any())]
        out.append({"dm": d, "expects": expects, "real": real, "concepts": list(hyper.concepts)})
    return out


# --- what the robustness analysis varies and holds fixed -----------------------------------------

def held_fixed(conflict) -> list[dict[str, Any]]:
    """Per DM, each preference statement and whether the robustness analysis varies it.

    ``varies``: a probability (the chance it holds), a place in an uncertain order, or an
    alternative reading of the whole preference that replaces it with some weight.
    """
    out = []
    for d in conflict.decision_makers:
        unc = d.extra.get("uncertainty") or {}
        orders = []
        for item in unc.get("uncertain_order") or []:
            members = item.get("statements") if isinstance(item, dict) else item
            orders.append(list(members or []))
        alts = [a for a in unc.get("alternatives") or [] if isinstance(a, dict)]
        rows = []
        for k, st in enumerate(d.preferences or []):
            bits = []
            if st.probability is not None:
                bits.append(f"held with probability {st.probability:g}")
            for members in orders:
                if st.id and st.id in members:
                    others = [m for m in members if m != st.id]
                    bits.append("its order against " + ", ".join(others) + " is uncertain")
            rows.append({"k": k + 1, "text": st.text, "id": st.id, "varies": "; ".join(bits)})
        alt_words = [f"alternative reading '{a.get('label') or 'unnamed'}' with weight {a.get('weight', 0):g}"
                     for a in alts]
        if d.ranking is not None and not alts:
            rows.append({"k": None, "text": "explicit ranking", "id": None, "varies": ""})
        out.append({"dm": d.name, "rows": rows, "alternatives": alt_words,
                    "n_fixed": sum(1 for x in rows if not x["varies"]),
                    "n_varies": sum(1 for x in rows if x["varies"])})
    return out


SUMMARY_SCHEMA = "detente.summary/1"


def summary_document(data) -> dict[str, Any]:
    """The report's summary cards as plain JSON data (``detente report --json``, ``GET
    /api/scenarios/{id}/summary``; fields in docs/json-schema.md).

    ``data`` is a :class:`detente.report.html.ReportData` from :func:`~detente.report.build_report`.
    The cards are the ones the HTML page shows, so the page and the JSON cannot disagree.

    >>> import detente
    >>> from detente.report import build_report
    >>> from detente.report.questions import Question
    >>> c = detente.load({"decision_makers": [
    ...     {"name": "A", "options": ["a"], "preferences": ["not b", "a"]},
    ...     {"name": "B", "options": ["b"], "preferences": ["not a", "b"]}]})
    >>> q = Question(id="both", title="Do both take their option?", kind="equilibria", states="a and b")
    >>> doc = summary_document(build_report(c, questions=[q]))
    >>> doc["schema"], doc["questions"][0]["verdict"]["short"]
    ('detente.summary/1', 'yes under Nash, GMR, SMR, SEQ, SIM 1 of 1, e.g. 4:YY')
    """
    import json

    c = data.conflict
    cards = data.context.get("summary") or []

    def plain(o):  # numpy scalars and arrays, tuples: as JSON has them
        if isinstance(o, np.generic):
            return o.item()
        if isinstance(o, np.ndarray):
            return o.tolist()
        raise TypeError(f"{type(o).__name__} in a summary card")

    return {"schema": SUMMARY_SCHEMA,
            "model": {"title": c.title, "file": str(c.file) if c.file else None,
                      "variant": c.variant_name},
            "robustness": data.robustness is not None,
            "questions": json.loads(json.dumps(cards, default=plain, allow_nan=False))}
