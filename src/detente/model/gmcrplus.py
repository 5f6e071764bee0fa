"""Reading and writing the save files (``.gmcr``) of the older GMCR+ desktop tool.

The format is JSON (see docs/gmcr-plus.md): ``options`` with ``permittedDirection``
(both/fwd/back), ``decisionMakers`` with option indices, prioritised ``preferences`` and/or a
manual ``preferenceRanking`` of state numbers, and ``infeasibles``. A *condition* is a list of
``[option index, "Y"|"N"]`` literals (all must hold) or ``{"compound": true, "members": [...]}``
(any member holds). GMCR+ numbers feasible states 1..n by increasing Σ 2^k over taken options k
in file order.

Importing keeps the file's option order when it agrees with the DMs' order; state numbers in
manual rankings are translated to option values, so nothing depends on the numbering.
Exporting writes options in detente's order, so GMCR+'s numbering equals detente's state ids.

Nothing is dropped silently: every part of a file that detente does not import, or reads
differently from GMCR+, becomes a located warning (:class:`~detente.errors.Problem`) in
``conflict.import_warnings`` (the CLI prints them on stderr and adds a ``warnings`` field to its
JSON). A DM's ``misperceptions`` (conditions on the states it misperceives) become its
``perception.believes_infeasible``: the DM does not see those states (docs/hypergames.md).
"""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path
from typing import Any

import numpy as np

from detente.errors import ModelError, Problem
from detente.model.conflict import Conflict
from detente.model.yamlio import Positions, parse_text

DIRECTION_IN = {"both": "both", "fwd": "take_only", "back": "drop_only"}
DIRECTION_OUT = {v: k for k, v in DIRECTION_IN.items()}


def _slug(name: str, used: set[str]) -> str:
    base = re.sub(r"[^A-Za-z0-9]+", "_", name).strip("_").lower() or "option"
    if not re.match(r"[A-Za-z_]", base):
        base = "o_" + base
    if base in ("and", "or", "not", "implies", "iff", "if", "true", "false"):
        base += "_"
    out, i = base, 2
    while out in used:
        out = f"{base}_{i}"
        i += 1
    used.add(out)
    return out


def _condition_to_text(cond: Any, names: list[str], pos: Positions, path: tuple) -> str:
    if isinstance(cond, dict):
        members = cond.get("members")
        if not isinstance(members, list) or not members:
            raise pos.error(path, "a compound condition needs a non-empty 'members' list")
        parts = [_condition_to_text(m, names, pos, path + ("members", i)) for i, m in enumerate(members)]
        return " or ".join(f"({p})" for p in parts)
    if not isinstance(cond, list) or not cond:
        raise pos.error(path, "a condition must be a non-empty list of [option index, 'Y'|'N'] pairs")
    lits = []
    for i, lit in enumerate(cond):
        if not (isinstance(lit, list) and len(lit) == 2):
            raise pos.error(path + (i,), f"{lit!r} is not an [option index, 'Y'|'N'] pair")
        idx, val = lit
        if not isinstance(idx, int) or isinstance(idx, bool) or not 0 <= idx < len(names):
            raise pos.error(path + (i, 0), f"option index {idx!r} is out of range: the file has "
                                           f"{len(names)} options (0..{len(names) - 1})",
                            hint="the file is damaged or was edited by hand; fix the index")
        if val not in ("Y", "N"):
            raise pos.error(path + (i, 1), f"option value {val!r} must be 'Y' or 'N'")
        lits.append(names[idx] if val == "Y" else f"not {names[idx]}")
    return " and ".join(lits)


KNOWN_TOP = {"options", "decisionMakers", "infeasibles", "useManualPreferenceRanking",
             "useManualPreferenceVectors", "coalitions", "program", "version", "title", "name"}
KNOWN_DM = {"name", "options", "preferences", "preferenceRanking", "preferenceVector", "misperceptions"}
DERIVED = {"payoffs", "coalitionsFull"}  # computed by GMCR+ from the rest; detente recomputes


def gmcr_to_document(data: Any, pos: Positions, warnings: list[Problem] | None = None) -> dict:
    """Translate a parsed GMCR+ save file into a detente model document (a dict).

    ``warnings`` (a list), when given, receives a located :class:`Problem` for every part of
    the file that is not imported or is read differently from GMCR+.
    """
    warn = (lambda path, msg, hint=None: warnings.append(pos.problem(path, msg, hint))) \
        if warnings is not None else (lambda *a, **k: None)
    if not isinstance(data, dict):
        raise pos.error((), "a .gmcr file is a JSON object with 'options' and 'decisionMakers'")
    opts = data.get("options")
    dms = data.get("decisionMakers")
    if not isinstance(opts, list) or not opts:
        raise pos.error(("options",), "missing or empty 'options' list")
    if not isinstance(dms, list) or len(dms) < 2:
        raise pos.error(("decisionMakers",), "a conflict needs at least two decision makers")
    from detente.model.states import max_options, too_many_options
    limit = max_options()
    if len(opts) > limit:  # before the feasible states of a manual ranking are enumerated
        line, col = pos.get(("options",))
        raise ModelError(too_many_options(len(opts), limit, file=pos.file, line=line,
                                          field="options"))
    used: set[str] = set()
    names, labels, directions = [], [], []
    for i, o in enumerate(opts):
        if not isinstance(o, dict) or not isinstance(o.get("name"), str):
            raise pos.error(("options", i), "each option needs a 'name'")
        d = o.get("permittedDirection", "both")
        if d not in DIRECTION_IN:
            raise pos.error(("options", i, "permittedDirection"), f"unknown direction {d!r}",
                            hint="one of both, fwd, back")
        names.append(_slug(o["name"], used))
        labels.append(o["name"])
        directions.append(DIRECTION_IN[d])
    owner: dict[int, int] = {}
    for di, dm in enumerate(dms):
        if not isinstance(dm, dict) or not isinstance(dm.get("name"), str):
            raise pos.error(("decisionMakers", di), "each decision maker needs a 'name'")
        dm_options = dm.get("options") or []
        if not isinstance(dm_options, list):
            raise pos.error(("decisionMakers", di, "options"),
                            f"'options' must be a list of option indices, not {dm_options!r}")
        for j, idx in enumerate(dm_options):
            if not isinstance(idx, int) or isinstance(idx, bool) or not 0 <= idx < len(opts):
                raise pos.error(("decisionMakers", di, "options", j),
                                f"option index {idx!r} is out of range: the file has {len(opts)} options "
                                f"(0..{len(opts) - 1})", hint="fix or remove the index")
            if idx in owner:
                raise pos.error(("decisionMakers", di, "options", j),
                                f"option {labels[idx]!r} is controlled by two decision makers")
            owner[idx] = di
    for k in range(len(opts)):
        if k not in owner:
            raise pos.error(("options", k), f"option {labels[k]!r} has no decision maker",
                            hint="add its index to one decision maker's 'options'")
    detente_order = sorted(range(len(opts)), key=lambda k: (owner[k], k))
    if detente_order != list(range(len(opts))):
        warn(("options",), "the file lists options out of decision-maker order; detente numbers them decision "
                           "maker by decision maker (" + ", ".join(labels[k] for k in detente_order) + "), so its "
                           "state ids differ from GMCR+'s; every state keeps its option values",
             hint="match states by their Y/N values, or export from detente to get detente's numbering in GMCR+")
    for key in data:
        if key in DERIVED:
            warn((key,), f"{key!r} is not read: GMCR+ computes it from the rest of the file, and detente "
                         "recomputes it from the preferences")
        elif key not in KNOWN_TOP:
            warn((key,), f"unknown GMCR+ field {key!r} is not imported")
    coalitions = data.get("coalitions")
    if isinstance(coalitions, list) and any(isinstance(c, list) and len(c) > 1 for c in coalitions):
        groups = [[dms[i].get("name") if isinstance(i, int) and 0 <= i < len(dms) and isinstance(dms[i], dict) else i
                   for i in c] for c in coalitions if isinstance(c, list) and len(c) > 1]
        warn(("coalitions",), "the file's coalitions (" + "; ".join(" + ".join(map(str, g)) for g in groups)
                              + ") are not imported: detente analyses each decision maker on its own",
             hint="for coalitional stability run: detente coalitions MODEL --coalition "
                  + ",".join(map(str, groups[0])))
    manual = bool(data.get("useManualPreferenceRanking", data.get("useManualPreferenceVectors", False)))
    raw_infeasible = data.get("infeasibles") or []
    if not isinstance(raw_infeasible, list):
        raise pos.error(("infeasibles",), "'infeasibles' must be a list of conditions")
    infeasible = [{"when": _condition_to_text(c, names, pos, ("infeasibles", i)),
                   "why": "imported from GMCR+"} for i, c in enumerate(raw_infeasible)]
    # Feasible states in GMCR+ numbering (file option order), for manual rankings.
    m = len(opts)
    doc_dms = []
    file_feasible: list[int] | None = None
    for di, dm in enumerate(dms):
        entry: dict[str, Any] = {"name": dm["name"], "options": [
            {"name": names[k], "label": labels[k], "direction": directions[k]}
            for k in sorted(i for i, o in owner.items() if o == di)]}
        ranking = dm.get("preferenceRanking", dm.get("preferenceVector"))
        prefs = dm.get("preferences") or []
        for key, value in (("preferenceRanking", ranking), ("preferences", prefs)):
            if value is not None and not isinstance(value, list):
                raise pos.error(("decisionMakers", di, key), f"'{key}' must be a list, not {value!r}")
        dpath = ("decisionMakers", di)
        for key in dm:
            if key in DERIVED:
                warn(dpath + (key,), f"{key!r} of {dm['name']!r} is not read (GMCR+ computes it; detente "
                                     "recomputes it from the preferences)")
            elif key not in KNOWN_DM:
                warn(dpath + (key,), f"unknown GMCR+ field {key!r} of {dm['name']!r} is not imported")
        use_ranking = manual and bool(ranking)
        if manual and not ranking:
            warn(dpath, f"the file uses manual preference rankings, but {dm['name']!r} has none: its "
                        f"{len(prefs)} prioritised statement(s) are used instead" if prefs else
                        f"the file uses manual preference rankings, but {dm['name']!r} has none and no "
                        "statements either: every state is tied for it",
                 hint="add its preferenceRanking in GMCR+, or check this DM's preferences in the imported model")
        elif manual and prefs:
            warn(dpath + ("preferences",), f"{dm['name']}'s prioritised statements are not used: the file "
                                           "uses its manual preference ranking")
        elif not manual and ranking:
            warn(dpath + ("preferenceRanking",), f"{dm['name']}'s manual preference ranking is not used: the "
                                                 "file uses prioritised statements (useManualPreferenceRanking is false)")
        if use_ranking:
            if file_feasible is None:
                file_feasible = _file_feasible(infeasible, names, m)
            levels = []
            for li, level in enumerate(ranking):
                members = level if isinstance(level, list) else [level]
                out_level = []
                for mi, num in enumerate(members):
                    where = ("decisionMakers", di, "preferenceRanking", li) + ((mi,) if isinstance(level, list) else ())
                    if not isinstance(num, int) or isinstance(num, bool) or not 1 <= num <= len(file_feasible):
                        raise pos.error(where, f"state number {num!r} is out of range: there are "
                                               f"{len(file_feasible)} feasible states (1..{len(file_feasible)})")
                    code = int(file_feasible[num - 1])
                    out_level.append({"taken": [names[k] for k in range(m) if (code >> k) & 1]})
                levels.append(out_level)
            entry["ranking"] = levels
        else:
            texts, seen = [], set()
            for i, c in enumerate(prefs):
                text = _condition_to_text(c, names, pos, ("decisionMakers", di, "preferences", i))
                if text in seen:  # GMCR+ refuses a duplicate condition, so it does not count twice
                    warn(("decisionMakers", di, "preferences", i),
                         f"duplicate preference statement {text!r} of {dm['name']!r} left out, as GMCR+ does")
                    continue
                seen.add(text)
                texts.append(text)
            if not texts and not (manual and not ranking and not prefs):
                warn(dpath + ("preferences",), f"{dm['name']!r} has no preference statements: every state is tied for it")
            entry["preferences"] = texts or ["true"]
        misp = dm.get("misperceptions") or []
        if misp:
            entry["perception"] = {"believes_infeasible": [
                {"when": _condition_to_text(c, names, pos, dpath + ("misperceptions", i)),
                 "why": "GMCR+ misperceived states",
                 "evidence": {"assumption": "imported from the GMCR+ file's misperceptions"}}
                for i, c in enumerate(misp)]}
            warn(dpath + ("misperceptions",), f"{dm['name']}'s {len(misp)} GMCR+ misperception condition(s) become "
                                              "states it believes infeasible: detente analyses them as a first-level "
                                              "hypergame (docs/hypergames.md), which GMCR+'s own results may not match")
        doc_dms.append(entry)
    title = data.get("title") or data.get("name") or "Imported from GMCR+"
    doc: dict[str, Any] = {"title": title if isinstance(title, str) else str(title),
                           "decision_makers": doc_dms}
    if infeasible:
        doc["infeasible"] = infeasible
    return doc


def _file_feasible(infeasible: list[dict], names: list[str], m: int) -> np.ndarray:
    """Feasible codes in increasing order, scanned in chunks (memory follows the feasible set)."""
    from detente.model.expr import parse
    exprs = [parse(c["when"]) for c in infeasible]
    index = {n: k for k, n in enumerate(names)}
    kept = []
    chunk = 1 << min(20, m)
    for start in range(0, 1 << m, chunk):
        codes = np.arange(start, min(start + chunk, 1 << m), dtype=np.uint64)
        value_of = lambda n: ((codes >> np.uint64(index[n])) & np.uint64(1)).astype(bool)  # noqa: E731
        bad = np.zeros(codes.shape[0], dtype=bool)
        for e in exprs:
            bad |= np.broadcast_to(np.asarray(e.evaluate(value_of), dtype=bool), bad.shape)
        kept.append(codes[~bad])
    return np.concatenate(kept)


def read_gmcr(path: str | Path) -> Conflict:
    """Load a GMCR+ ``.gmcr`` file as a :class:`Conflict` (errors name file, line, field)."""
    from detente.model.load import build_conflict
    from detente.model.yamlio import read_document
    path = Path(path)
    data, pos = read_document(path) if path.suffix.lower() == ".json" else _read_json(path)
    # Errors found while building are about the translated model; point at the file.
    warnings: list[Problem] = []
    doc = gmcr_to_document(data, pos, warnings)
    conflict = build_conflict(doc, Positions(str(path)), str(path))
    conflict.import_warnings = warnings
    return conflict


def _read_json(path: Path):
    from detente.model.yamlio import decode_text, read_limited
    text = decode_text(read_limited(path, what="GMCR+ file"), str(path))
    return parse_text(text, file=str(path), fmt="json")


def _dnf(expr, names: list[str]) -> list[list[list]] | bool:
    """An expression as a list of conjunctions of [index, 'Y'|'N'] literals (truth table)."""
    involved = sorted(expr.names(), key=names.index)
    terms = []
    for bits in itertools.product([False, True], repeat=len(involved)):
        vals = dict(zip(involved, bits))
        if bool(np.asarray(expr.evaluate(lambda n: np.bool_(vals[n])))):
            terms.append([[names.index(n), "Y" if vals[n] else "N"] for n in involved])
    if not involved:
        return bool(terms)
    return terms


def _condition(terms) -> Any:
    if len(terms) == 1:
        return terms[0]
    return {"compound": True, "members": terms}


def conflict_to_gmcr(conflict: Conflict, warnings: list[str] | None = None) -> dict:
    """A GMCR+ save-file dict for a conflict (options in detente's order).

    A DM's unknown options and believed-infeasible combinations become its GMCR+
    ``misperceptions``; what GMCR+ cannot hold (believed-feasible combinations, beliefs about
    others' preferences) is left out with a message appended to ``warnings``.
    """
    from detente.model.preferences import dm_ranks, ranking_levels
    from detente.model.states import StateSpace
    names = conflict.option_names
    infeasibles = []
    for c in conflict.constraints:
        terms = _dnf(c.expr, names)
        if terms is True:
            raise ModelError(Problem(f"constraint {c.title!r} excludes every state", file=conflict.file))
        if terms:
            infeasibles.extend(terms)  # each term is its own condition (any holds = infeasible)
    manual = any(d.ranking is not None for d in conflict.decision_makers)
    space = StateSpace.build(conflict) if manual else None
    dms = []
    for d in conflict.decision_makers:
        entry: dict[str, Any] = {"name": d.name, "options": [conflict.option(o).index for o in d.options],
                                 "preferences": [], "misperceptions": []}
        if d.preferences is not None:
            for st in d.preferences:
                terms = _dnf(st.expr, names)
                if terms is True or terms is False or not terms:
                    continue  # always/never true: no effect on the ranking
                entry["preferences"].append(_condition(terms))
        per = d.perception
        if per is not None:
            for u in per.unknown_options:
                entry["misperceptions"].append([[conflict.option(u.option).index, "Y"]])
            for c in per.believes_infeasible:
                terms = _dnf(c.expr, names)
                if terms and terms is not True:
                    entry["misperceptions"].extend(terms)
            lost = ([f"believes feasible {c.text!r}" for c in per.believes_feasible]
                    + [f"beliefs about {other}'s preferences" for other in per.preferences_of])
            if lost and warnings is not None:
                warnings.append(f"GMCR+ has no place for {d.name}'s perception: " + "; ".join(lost)
                                + " (left out of the .gmcr file)")
        if manual:
            levels = ranking_levels(dm_ranks(space, d))
            entry["preferenceRanking"] = [int(lv[0]) + 1 if len(lv) == 1 else [int(p) + 1 for p in lv]
                                          for lv in levels]
        dms.append(entry)
    return {"options": [{"name": o.label or o.name, "permittedDirection": DIRECTION_OUT[o.direction]}
                        for o in conflict.options],
            "decisionMakers": dms, "infeasibles": infeasibles,
            "useManualPreferenceRanking": manual, "program": "gmcr-py", "version": "0.4.1"}


def write_gmcr(conflict: Conflict, warnings: list[str] | None = None) -> str:
    return json.dumps(conflict_to_gmcr(conflict, warnings), indent=1)
