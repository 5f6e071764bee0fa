"""A seeded mutator of detente's own example models and a runner that feeds the mutants to the
loaders (issue 11), shared by tests/test_fuzz_loaders.py (a small budget, in CI) and
bench/fuzz_loaders.py (thousands of cases).

Mutations: delete, duplicate or retype a field; deep nesting in expressions (parentheses, ->
chains, long and/or lists, not chains, nested calls) and in the data; alias bombs; huge and
non-finite numbers; impossible dates; broken variants; many options (a sparse model with one
tight constraint) or many actors; random bytes and truncation of the text; a folder in place of
the file. Targets: ``load`` (detente.load, then analyze, then compare of the variants),
``import-gmcr`` (a .gmcr written by export-gmcr, mutated, read and analysed) and ``forecast``
(bargaining scenarios through every model).

Each case runs in a worker process with an address-space limit and a wall-clock limit; a
worker that does not answer in time is killed and replaced. The only acceptable outcomes are a
result or a DetenteError with a location (a line or a field).
"""

from __future__ import annotations

import copy
import json
import os
import random
import select
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TESTS = ROOT / "tests"

GMCR_SEEDS = sorted((TESTS / "fixtures" / "gmcr").glob("*.yaml")) + [
    TESTS / "fixtures" / "scenarios" / "two-by-two.yaml",
    TESTS / "fixtures" / "robustness" / "three-parties.yaml",
    ROOT / "scenarios" / "settlement-talks-2025-02.yaml"]
BARGAINING_SEEDS = sorted((ROOT / "scenarios" / "examples").glob("*.yaml"))
TARGETS = ("load", "import-gmcr", "forecast")

RETYPES: list[Any] = [5, -1, 0, 2.5, "", "x", None, True, [], {}, ["a"], {"a": 1}, 10**18, "YNNY"]
HUGE_YAML = ["9" * 400, "-" + "9" * 400, "1e308", "-1e308", "1e400", ".nan", ".inf", "-.inf",
             "1e-320", "123456789012345678901234567890"]
HUGE_JSON = ["9" * 400, "1e308", "-1e308", "1e400", "NaN", "Infinity", "1e-320"]
BAD_DATES = ["2025-02-30", "2025-13-01", "2025-00-10", "2023-02-29", "9999-99-99"]
BYTES = [b"\x00", b"\xff", b"\xc3", b":", b"[", b"{", b"]", b"&a ", b"*a", b"\t", b"- ", b"'",
         b'"', b"\n", b"!!python/object:os.system ", b"<<: ", b"%YAML 1.1\n---\n"]


# --- documents -------------------------------------------------------------------------------

def _walk(doc: Any):
    """(container, key) of every value in the document, without recursion."""
    out, stack = [], [doc]
    while stack:
        node = stack.pop()
        items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
        for k, v in items:
            out.append((node, k))
            if isinstance(v, (dict, list)):
                stack.append(v)
    return out


def _option_names(doc: Any) -> list[str]:
    names = []
    for dm in doc.get("decision_makers", []) if isinstance(doc, dict) else []:
        for o in dm.get("options", []) if isinstance(dm, dict) else []:
            names.append(o if isinstance(o, str) else o.get("name") if isinstance(o, dict) else None)
    return [n for n in names if isinstance(n, str)] or ["x"]


def deep_expression(rng: random.Random, name: str) -> str:
    kind = rng.randrange(6)
    if kind == 0:
        n = rng.choice([150, 170, 199, 200, 201, 1000])
        return "(" * n + name + ")" * n
    if kind == 1:
        return " -> ".join([name] * rng.choice([199, 200, 201, 990]))
    if kind == 2:
        return f" {rng.choice(['or', 'and', '|'])} ".join([name] * rng.choice([1000, 1600]))
    if kind == 3:
        return "not " * rng.choice([199, 200, 500]) + name
    if kind == 4:
        n = rng.choice([100, 300])
        return "at_most_one(" * n + name + ")" * n
    return " iff ".join([name] * rng.choice([200, 201, 400]))


def alias_bomb(levels: int = 9) -> tuple[str, str]:
    """(anchor definitions to put first, the alias to use as a value)."""
    lines = ["_lol0: &lol0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for i in range(1, levels):
        lines.append(f"_lol{i}: &lol{i} [" + ", ".join([f"*lol{i - 1}"] * 9) + "]")
    return "\n".join(lines) + "\n", f"*lol{levels - 1}"


class Mutant:
    """A document being mutated; raw text replaces placeholder strings when it is written."""

    def __init__(self, doc: Any, fmt: str):
        self.doc = copy.deepcopy(doc)
        self.fmt = fmt
        self.raw: dict[str, str] = {}
        self.prefix = ""
        self.byte_edits = 0
        self.truncate = False
        self.directory = False

    def placeholder(self, text: str) -> str:
        token = f"@@RAW{len(self.raw)}@@"
        self.raw[token] = text
        return token

    def text(self) -> str:
        if self.fmt == "json":
            out = json.dumps(self.doc, indent=1)
        else:
            from detente.model.yamlio import dump_yaml
            out = dump_yaml(self.doc)
        for token, raw in self.raw.items():
            out = out.replace(f'"{token}"', raw).replace(f"'{token}'", raw).replace(token, raw)
        return self.prefix + out


def mutate(m: Mutant, rng: random.Random, target: str) -> str:
    """Apply one random mutation; returns its name."""
    doc = m.doc
    spots = _walk(doc)
    kind = rng.choice(["delete", "duplicate", "retype", "retype", "huge", "date", "deep-expr",
                       "deep-expr", "deep-data", "alias", "variant", "grow", "bytes", "truncate",
                       "directory"])
    if kind in ("delete", "duplicate", "retype") and spots:
        parent, key = rng.choice(spots)
        if kind == "delete":
            del parent[key]
        elif kind == "duplicate":
            if isinstance(parent, list):
                parent.append(copy.deepcopy(parent[key]))
            else:
                parent[key + "_copy" if rng.random() < 0.3 else key] = copy.deepcopy(parent[key])
                if isinstance(parent[key], list):
                    parent[key] = parent[key] + copy.deepcopy(parent[key])
        else:
            parent[key] = copy.deepcopy(rng.choice(RETYPES))
    elif kind == "huge":
        numbers = [(p, k) for p, k in spots if isinstance(p[k], (int, float)) and not isinstance(p[k], bool)]
        parent, key = rng.choice(numbers or spots or [(doc, "x")])
        parent[key] = m.placeholder(rng.choice(HUGE_JSON if m.fmt == "json" else HUGE_YAML))
    elif kind == "date":
        dated = [(p, k) for p, k in spots if k == "date"]
        parent, key = rng.choice(dated) if dated and rng.random() < 0.7 else (doc, "date")
        bad = rng.choice(BAD_DATES)
        parent[key] = m.placeholder(f'"{bad}"' if m.fmt == "json" else bad) if isinstance(parent, dict) else bad
    elif kind == "deep-expr":
        exprs = [(p, k) for p, k in spots if isinstance(p[k], str)
                 and (k in ("statement", "when") or (isinstance(p, list) and k is not None))]
        parent, key = rng.choice(exprs or spots or [(doc, "x")])
        name = rng.choice(_option_names(doc))
        if target == "import-gmcr":
            depth = rng.choice([50, 70, 1000])
            parent[key] = m.placeholder("[" * depth + "[0, \"Y\"]" + "]" * depth)
        else:
            parent[key] = deep_expression(rng, name)
    elif kind == "deep-data":
        parent, key = rng.choice(spots or [(doc, "x")])
        depth = rng.choice([63, 64, 65, 1000, 100_000])
        parent[key] = m.placeholder("[" * depth + "]" * depth)
    elif kind == "alias" and m.fmt == "yaml" and isinstance(doc, dict):
        parent, key = rng.choice(spots or [(doc, "x")])
        prefix, alias = alias_bomb(rng.choice([3, 6, 9]))
        m.prefix, parent[key] = prefix, m.placeholder(alias)
    elif kind == "variant" and isinstance(doc, dict) and target == "load":
        dms = [d.get("name") for d in doc.get("decision_makers", []) if isinstance(d, dict)] or ["A"]
        opt = rng.choice(_option_names(doc))
        doc.setdefault("variants", [])
        if isinstance(doc["variants"], list):
            doc["variants"].append(rng.choice([
                {"name": "broken", "preferences": {"Nobody": [opt]}},
                {"name": "broken", "preferences": {rng.choice(dms): ["no_such_option"]}},
                {"name": "broken", "ranking": {rng.choice(dms): ["YYYYYYYYYYYY"]}},
                {"name": "broken", "add_infeasible": ["true"]},
                {"name": "broken", "add_infeasible": [deep_expression(rng, opt)]},
                {"name": "broken", "status_quo": "ZZZ"},
                {"name": "broken", "remove_infeasible": ["nope"]},
                {"name": "broken", "options": {opt: {"direction": "sideways"}}},
                {"name": "broken", "options": {opt: {"name": "renamed"}}},
                {"name": "broken", "options": {"ghost": {"direction": "take_only"}}},
            ]))
    elif kind == "grow":
        _grow(doc, rng, target)
    elif kind == "bytes":
        m.byte_edits += rng.randint(1, 4)
    elif kind == "truncate":
        m.truncate = True
    elif kind == "directory":
        m.directory = True
    else:
        parent, key = rng.choice(spots or [(doc, "x")])
        parent[key] = copy.deepcopy(rng.choice(RETYPES))
        kind = "retype"
    return kind


def _grow(doc: Any, rng: random.Random, target: str) -> None:
    """Many options with one tight constraint (sparse: few feasible states, 2^m to scan), or
    thousands of actors."""
    m = rng.choice([20, 26, 30, 34])
    if target == "forecast" and isinstance(doc, dict) and isinstance(doc.get("issues"), list):
        for issue in doc["issues"]:
            if isinstance(issue, dict) and isinstance(issue.get("actors"), list) and issue["actors"]:
                proto = issue["actors"][0]
                n = rng.choice([300, 5000])
                issue["actors"] = [dict(proto, name=f"actor{i}") if isinstance(proto, dict) else proto
                                   for i in range(n)]
                return
    if target == "import-gmcr" and isinstance(doc, dict) and isinstance(doc.get("options"), list):
        start = len(doc["options"])
        doc["options"] += [{"name": f"extra {i}", "permittedDirection": "both"} for i in range(m)]
        dms = doc.get("decisionMakers")
        if isinstance(dms, list) and dms and isinstance(dms[0], dict) and isinstance(dms[0].get("options"), list):
            dms[0]["options"] += list(range(start, start + m))
        doc["useManualPreferenceRanking"] = True
        return
    if isinstance(doc, dict) and isinstance(doc.get("decision_makers"), list) and doc["decision_makers"]:
        dm = doc["decision_makers"][0]
        if isinstance(dm, dict) and isinstance(dm.get("options"), list):
            extra = [f"extra_{i}" for i in range(m)]
            dm["options"] = dm["options"] + extra
            if isinstance(dm.get("ranking"), list):
                dm.pop("ranking")
                dm["preferences"] = [extra[0]]
            doc.setdefault("infeasible", [])
            if isinstance(doc["infeasible"], list):
                doc["infeasible"].append("at_least_one(" + ", ".join(extra[:-2]) + ")")


def seed_documents(target: str) -> list[tuple[str, Any]]:
    from detente.model.yamlio import read_document
    if target == "forecast":
        return [(p.name, read_document(p)[0]) for p in BARGAINING_SEEDS]
    docs = [(p.name, read_document(p)[0]) for p in GMCR_SEEDS]
    if target == "load":
        return docs
    import detente
    from detente.model.gmcrplus import conflict_to_gmcr
    return [(p.name, conflict_to_gmcr(detente.load(p))) for p in GMCR_SEEDS]


def make_case(target: str, seeds: list, rng: random.Random, folder: Path, index: int) -> dict:
    """Write one mutated file; returns its description."""
    name, doc = rng.choice(seeds)
    fmt = "json" if target == "import-gmcr" else rng.choice(["yaml", "yaml", "json"])
    m = Mutant(doc, fmt)
    kinds = [mutate(m, rng, target) for _ in range(rng.choice([1, 1, 2, 3]))]
    suffix = ".gmcr" if target == "import-gmcr" else "." + fmt
    path = folder / f"case{index:05d}{suffix}"
    if m.directory:
        path.mkdir()
    else:
        data = m.text().encode("utf-8")
        for _ in range(m.byte_edits):
            at = rng.randrange(len(data) + 1)
            data = data[:at] + rng.choice(BYTES + [bytes([rng.randrange(256)])]) + data[at + rng.choice([0, 0, 1]):]
        if m.truncate:
            data = data[:rng.randrange(len(data) + 1)]
        path.write_bytes(data)
    return {"target": target, "path": str(path), "seed": name, "mutations": kinds}


# --- running ---------------------------------------------------------------------------------

def run_target(target: str, path: str) -> None:
    """What a user runs on the file (raises DetenteError on bad input)."""
    import detente
    from detente.gmcr.analysis import analyze
    if target == "load":
        conflict = detente.load(path)
        analyze(conflict)
        if conflict.variants:
            from detente.gmcr.compare import compare
            compare(conflict)
    elif target == "import-gmcr":
        from detente.model.gmcrplus import read_gmcr
        analyze(read_gmcr(path))
    else:
        from detente.bargaining.compromise import compromise
        from detente.bargaining.expected_utility import expected_utility
        from detente.bargaining.median import median
        from detente.bargaining.nash import nash
        from detente.bargaining.scenario import load_bargaining_file
        _, issues, discrete = load_bargaining_file(path)
        for issue in issues:
            compromise(issue), median(issue), nash(issue), expected_utility(issue, rounds=10)
        if discrete:
            from detente.bargaining.packages import analyse_issue_packages
            analyse_issue_packages(discrete)


def classify(target: str, path: str) -> dict:
    from detente.errors import DetenteError
    try:
        run_target(target, path)
        return {"outcome": "ok"}
    except DetenteError as exc:
        located = any(p.line is not None or p.field for p in exc.problems)
        if Path(path).is_dir() and any(p.file for p in exc.problems):
            located = True  # a folder has no line: the file name is the location
        return {"outcome": "refused" if located else "unlocated", "message": str(exc)[:300]}
    except MemoryError:
        return {"outcome": "run-away", "message": "MemoryError"}
    except Exception as exc:  # noqa: BLE001 - this is what the harness looks for
        import traceback
        frames = traceback.extract_tb(exc.__traceback__)
        where = next((f"{Path(f.filename).name}:{f.lineno}" for f in reversed(frames)
                      if "detente" in f.filename), "?")
        return {"outcome": "crash", "message": f"{type(exc).__name__}: {str(exc)[:200]} at {where}"}


def worker_main() -> None:
    """Read cases (JSON lines) on stdin, answer each with a JSON line on stdout."""
    import resource
    limit = int(float(os.environ.get("FUZZ_MEMORY_GB", "2")) * 2**30)
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    sys.setrecursionlimit(1000)
    import detente.gmcr.analysis  # noqa: F401  (import before the first case's clock)
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        case = json.loads(line)
        t0 = time.perf_counter()
        result = classify(case["target"], case["path"])
        result["seconds"] = time.perf_counter() - t0
        print(json.dumps(result), flush=True)


class Runner:
    """Runs cases in a worker process, replacing it when a case runs away."""

    def __init__(self, timeout: float, memory_gb: float = 2.0):
        self.timeout, self.memory_gb = timeout, memory_gb
        self.proc: subprocess.Popen | None = None

    def _start(self) -> None:
        # Small model-size limits bound each case (20 options: at most 2^20 combinations to
        # scan; 1 GB for an analysis); the mutants still cross them (the "grow" mutation).
        env = dict(os.environ, FUZZ_MEMORY_GB=str(self.memory_gb), DETENTE_MAX_MEMORY_GB="1",
                   DETENTE_MAX_OPTIONS="20",
                   NUMBA_CACHE_DIR=os.environ.get("NUMBA_CACHE_DIR", "/tmp/detente-fuzz-numba"))
        code = f"import sys; sys.path.insert(0, {str(TESTS)!r}); import fuzz_loaders_harness as h; h.worker_main()"
        self.proc = subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
        if not self._read(120):
            raise RuntimeError("the fuzz worker did not start")

    def _read(self, timeout: float) -> dict | None:
        ready, _, _ = select.select([self.proc.stdout], [], [], timeout)
        if not ready:
            return None
        line = self.proc.stdout.readline()
        return json.loads(line) if line else {"outcome": "crash", "message": "the worker died"}

    def run(self, case: dict) -> dict:
        if self.proc is None or self.proc.poll() is not None:
            self._start()
        self.proc.stdin.write(json.dumps(case) + "\n")
        self.proc.stdin.flush()
        result = self._read(self.timeout)
        if result is None or result.get("message") == "the worker died":
            self.close()
            if result is None:
                return {"outcome": "run-away", "message": f"over {self.timeout:g} s",
                        "seconds": self.timeout}
            return {"outcome": "run-away" if self.memory_gb else "crash",
                    "message": "the worker died (memory limit?)", "seconds": float("nan")}
        return result

    def close(self) -> None:
        if self.proc is not None:
            self.proc.kill()
            self.proc.wait()
            self.proc = None
