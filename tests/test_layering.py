"""The model layer sits below the engine: nothing in detente.model imports detente.gmcr."""

import ast
from pathlib import Path

import detente.model

MODEL_DIR = Path(detente.model.__file__).parent


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out: set[str] = set()
    for node in ast.walk(tree):  # function-level imports count too
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            out.add(node.module)
            out.update(f"{node.module}.{a.name}" for a in node.names)
    return out


def test_model_does_not_import_the_engine():
    offenders = {p.name: sorted(m for m in _imported_modules(p) if m.startswith(("detente.gmcr", "detente.cli",
                                                                                  "detente.report", "detente.web")))
                 for p in sorted(MODEL_DIR.glob("*.py"))}
    offenders = {k: v for k, v in offenders.items() if v}
    assert not offenders, f"detente.model must not import the engine or the layers above it: {offenders}"
    assert len(list(MODEL_DIR.glob("*.py"))) >= 5  # the scan saw the package
