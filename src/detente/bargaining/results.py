"""Plain, printable result objects shared by the bargaining models.

Every model returns a :class:`Forecast`; the expected-utility model returns an
:class:`EUResult` (a forecast plus the round-by-round trajectory of every actor); Monte Carlo
returns a :class:`MonteCarloResult`; package analysis returns a :class:`PackageResult`.
All have ``to_dict()`` (JSON-ready) and a readable ``str()``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np


def _num(v: Any) -> Any:
    """numpy scalars/arrays -> plain Python for JSON."""
    if isinstance(v, np.ndarray):
        return v.tolist()
    if isinstance(v, np.generic):
        return v.item()
    if isinstance(v, dict):
        return {k: _num(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [_num(x) for x in v]
    return v


@dataclass
class Forecast:
    """A point forecast of one model for one issue.

    Attributes
    ----------
    model : short model name (``"compromise"``, ``"median"``, ``"nash"``, ``"eu"``).
    issue : issue name.
    value : forecast position on the issue's scale.
    units : the scale's units (for printing).
    options : the options the model ran with (so a result says how it was produced).
    details : model-specific extras (e.g. the disagreement point of the Nash solution).
    """

    model: str
    issue: str
    value: float
    units: str = ""
    options: dict = field(default_factory=dict)
    details: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        return _num({"model": self.model, "issue": self.issue, "value": float(self.value),
                     "units": self.units, "options": self.options, "details": self.details})

    def __str__(self) -> str:
        units = f" {self.units}" if self.units else ""
        return f"{self.model} forecast for {self.issue!r}: {self.value:.4g}{units}"

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self}>"

    def _repr_html_(self) -> str:
        from detente.notebook import forecast_html
        return forecast_html(self)

    def to_frame(self):
        """One row: model, issue, value, units (see :func:`detente.frames.forecast_frame`)."""
        from detente.frames import forecast_frame
        return forecast_frame(self)


@dataclass
class EUResult(Forecast):
    """Expected-utility (challenge) model run: the forecast plus the full trajectory.

    Attributes (besides :class:`Forecast`'s)
    ----------------------------------------
    actors : actor names, in column order.
    positions : array (rounds + 1, n): row 0 is the input, row t the positions after round t.
    risk : array (rounds, n): each actor's risk exponent r_i used in round t (0.5 .. 2).
    medians, means : arrays (rounds + 1,): weighted median (Condorcet winner) and the
        capability x salience weighted mean of the positions at each round.
    moves : per round, a list of ``(actor, kind, from_actor, old, new)`` for every actor
        that moved (kind is ``"confrontation"``, ``"compromise"`` or ``"capitulation"``).
    converged : True when the last round changed no position (within the tolerance).
    cycle, cycle_start : when the run did not converge but the positions repeat, the length
        of the cycle (in rounds) and the round from which they repeat; else None. The forecast
        of such a run depends on the round at which it stops.
    rounds_used : the rounds that were run (fewer than asked when the positions settled).
    """

    actors: list[str] = field(default_factory=list)
    positions: np.ndarray = field(default_factory=lambda: np.zeros((0, 0)))
    risk: np.ndarray = field(default_factory=lambda: np.zeros((0, 0)))
    medians: np.ndarray = field(default_factory=lambda: np.zeros(0))
    means: np.ndarray = field(default_factory=lambda: np.zeros(0))
    moves: list[list[tuple]] = field(default_factory=list)
    converged: bool = False
    cycle: int | None = None
    cycle_start: int | None = None

    @property
    def rounds(self) -> int:
        return len(self.positions) - 1

    @property
    def rounds_used(self) -> int:
        return self.rounds

    @property
    def status(self) -> str:
        """One line: converged, oscillating (with the cycle) or still moving."""
        if self.converged:
            return f"converged: no actor moved in round {self.rounds_used}"
        if self.cycle is not None:
            vals = " ".join(f"{m:.4g}" for m in
                            self.medians[self.cycle_start:self.cycle_start + self.cycle])
            return (f"NOT converged: oscillates; from round {self.cycle_start} the positions "
                    f"repeat every {self.cycle} rounds (forecast over the cycle: {vals}), so "
                    "the forecast depends on the round at which the run stops")
        tail = self.medians[-min(len(self.medians), 5):]
        return (f"NOT converged: actors still moved in round {self.rounds_used} (forecast over "
                f"the last {len(tail)} rounds: {tail.min():.4g} to {tail.max():.4g})")

    def to_dict(self) -> dict:
        d = super().to_dict()
        d.update(_num({
            "actors": self.actors, "positions": self.positions, "risk": self.risk,
            "medians": self.medians, "means": self.means, "converged": self.converged,
            "rounds_used": self.rounds_used, "cycle": self.cycle, "cycle_start": self.cycle_start,
            "status": self.status,
            "moves": [[{"actor": a, "kind": k, "toward": f, "old": o, "new": n}
                       for a, k, f, o, n in rnd] for rnd in self.moves],
        }))
        return d

    def __str__(self) -> str:
        lines = [super().__str__(), f"  rounds: {self.rounds}; {self.status}"]
        lines.append("  round  median   mean")
        for t, (m, w) in enumerate(zip(self.medians, self.means)):
            lines.append(f"  {t:5d}  {m:7.4g}  {w:7.4g}")
        return "\n".join(lines)

    def __repr__(self) -> str:
        return (f"<EUResult {Forecast.__str__(self)}; {self.rounds} rounds, "
                f"{len(self.actors)} actors>")

    def _repr_html_(self) -> str:
        from detente.notebook import eu_html
        return eu_html(self)

    def to_frame(self):
        """Positions by round and actor, with the weighted median and mean (see
        :func:`detente.frames.trajectory_frame`)."""
        from detente.frames import trajectory_frame
        return trajectory_frame(self)


@dataclass
class MonteCarloResult:
    """Forecast distributions over draws of the uncertain inputs.

    Attributes
    ----------
    issue : issue name.
    draws : dict model name -> array (n_draws,) of forecasts.
    seed : the random seed used (for reproduction).
    sampling : how ranges were sampled (``"triangular"`` or ``"uniform"``).
    units : the scale's units.
    """

    issue: str
    draws: dict[str, np.ndarray]
    seed: int | None = None
    sampling: str = "triangular"
    units: str = ""
    percentiles: tuple[float, ...] = (5, 25, 50, 75, 95)

    def summary(self, model: str) -> dict:
        a = np.asarray(self.draws[model], dtype=float)
        out = {"mean": float(a.mean()), "sd": float(a.std(ddof=1)) if len(a) > 1 else 0.0}
        for p, v in zip(self.percentiles, np.percentile(a, self.percentiles)):
            out[f"p{p:g}"] = float(v)
        return out

    def to_dict(self) -> dict:
        return {"issue": self.issue, "seed": self.seed, "sampling": self.sampling,
                "units": self.units, "n_draws": {m: int(len(a)) for m, a in self.draws.items()},
                "summary": {m: self.summary(m) for m in self.draws}}

    def __str__(self) -> str:
        lines = [f"Monte Carlo forecasts for {self.issue!r} (seed {self.seed}, {self.sampling})"]
        for m in self.draws:
            s = self.summary(m)
            lines.append(f"  {m:11s} median {s['p50']:.4g}  90% [{s['p5']:.4g}, {s['p95']:.4g}]"
                         f"  mean {s['mean']:.4g}")
        return "\n".join(lines)

    __repr__ = __str__

    def _repr_html_(self) -> str:
        from detente.notebook import monte_carlo_html
        return monte_carlo_html(self)

    def to_frame(self):
        """One row per draw, one column per model (see :func:`detente.frames.draws_frame`)."""
        from detente.frames import draws_frame
        return draws_frame(self)


@dataclass
class PackageResult:
    """Multi-issue package analysis.

    Attributes
    ----------
    issues : issue names.
    actors : actor names.
    packages : list of packages, each a tuple of level labels (one per issue).
    utilities : array (n_packages, n_actors).
    frontier : indices into ``packages`` of the Pareto-optimal packages.
    disagreement : array (n_actors,) of disagreement utilities.
    nash, kalai_smorodinsky : index of the Nash / Kalai-Smorodinsky package (or None when no
        package gives every actor more than its disagreement utility).
    """

    issues: list[str]
    actors: list[str]
    packages: list[tuple]
    utilities: np.ndarray
    frontier: list[int]
    disagreement: np.ndarray
    nash: int | None
    kalai_smorodinsky: int | None

    def _pkg(self, i: int | None) -> dict | None:
        if i is None:
            return None
        return {"levels": dict(zip(self.issues, self.packages[i])),
                "utilities": dict(zip(self.actors, _num(self.utilities[i])))}

    def to_dict(self) -> dict:
        return {"issues": self.issues, "actors": self.actors,
                "disagreement": dict(zip(self.actors, _num(self.disagreement))),
                "frontier": [self._pkg(i) for i in self.frontier],
                "nash": self._pkg(self.nash),
                "kalai_smorodinsky": self._pkg(self.kalai_smorodinsky)}

    def __str__(self) -> str:
        def fmt(i):
            if i is None:
                return "none (no package beats disagreement for everyone)"
            return ", ".join(f"{k}={v}" for k, v in zip(self.issues, self.packages[i]))
        lines = [f"{len(self.packages)} packages, {len(self.frontier)} on the Pareto frontier",
                 f"  Nash bargaining package: {fmt(self.nash)}",
                 f"  Kalai-Smorodinsky package: {fmt(self.kalai_smorodinsky)}"]
        return "\n".join(lines)

    __repr__ = __str__

    def _repr_html_(self) -> str:
        from detente.notebook import packages_html
        return packages_html(self)

    def to_frame(self):
        """Every package with its utilities and flags (see :func:`detente.frames.packages_frame`)."""
        from detente.frames import packages_frame
        return packages_frame(self)
