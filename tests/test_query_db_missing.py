"""A mistyped database for a query command is refused, never created (issue 15): whichever way
it is named (a path, a sqlite:/// URL, $DETENTE_DB), with a located message and exit status 2;
only ``detente ingest`` creates a database. (The plain --db path case is in
test_store_concurrency.py.)"""

import pytest

from detente.cli import main
from detente.store import db as dbmod


@pytest.mark.parametrize("command", [["statements"], ["figures"], ["statements", "--id", "1"]])
def test_missing_database_named_by_url_or_environment(tmp_path, capsys, monkeypatch, command):
    missing = tmp_path / "nested" / "typo.sqlite"
    try:
        code = main([*command, "--db", f"sqlite:///{missing}"])
        err = capsys.readouterr().err
        assert code == 2 and f"no database: {missing} does not exist" in err and "--db" in err
        monkeypatch.setenv("DETENTE_DB", str(missing))
        code = main(command)
        err = capsys.readouterr().err
        assert code == 2 and "does not exist" in err and "$DETENTE_DB" in err and "Traceback" not in err
        assert not missing.exists() and not missing.parent.exists()  # not even the folder
    finally:
        dbmod.dispose_all()
