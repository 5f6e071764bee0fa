"""The forecast commands, run in-process through detente.cli.main."""

import json
from pathlib import Path

from detente.cli import main

FIX = Path(__file__).parent / "fixtures" / "bargaining"
EXAMPLES = Path(__file__).resolve().parents[1] / "scenarios" / "examples"


def test_forecast_json(capsys):
    rc = main(["forecast", str(EXAMPLES / "emission_standards_1994.yaml"), "--format", "json",
               "--rounds", "2"])
    assert rc == 0
    out = json.loads(capsys.readouterr().out)
    (iss,) = out["issues"]
    models = {f["model"]: f for f in iss["forecasts"]}
    assert set(models) == {"compromise", "median", "nash", "eu"}
    assert abs(models["eu"]["medians"][1] - 8.4) < 0.5


def test_forecast_table_with_monte_carlo_and_plots(tmp_path, capsys):
    rc = main(["forecast", str(EXAMPLES / "russia_ukraine_bargaining.yaml"), "--issue",
               "territory", "--draws", "200", "--seed", "1", "--plot", str(tmp_path),
               "--rounds", "3"])
    assert rc == 0
    out = capsys.readouterr().out
    assert "territory" in out and "MC median" in out and "minerals" not in out
    assert (tmp_path / "territory_distribution.svg").exists()
    assert (tmp_path / "territory_trajectory.png").exists()


def test_forecast_on_ktab_file_directly(capsys):
    assert main(["forecast", str(FIX / "toy_ktab.csv"), "-m", "compromise", "-f", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [i["issue"] for i in out["issues"]] == ["Tax", "Trade"]


def test_forecast_import_writes_loadable_yaml(tmp_path, capsys):
    dst = tmp_path / "deu.yaml"
    assert main(["forecast-import", str(FIX / "toy_deu.tsv"), "-o", str(dst)]) == 0
    assert main(["forecast", str(dst), "-m", "median", "-f", "json"]) == 0
    assert main(["forecast-import", str(FIX / "toy_deu.tsv"), "-o", str(dst)]) == 2  # exists
    assert "exists" in capsys.readouterr().err


def test_bad_inputs_exit_2_without_traceback(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text("issues:\n  - name: x\n    scale: {low: 0, high: 10}\n    actors:\n"
                   "      - {name: A, position: 4, salience: 0.5, capability: 1}\n")
    assert main(["forecast", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "at least two" in err and "Traceback" not in err
    assert main(["forecast", str(FIX / "bad_ktab.csv")]) == 2
    assert "line 4" in capsys.readouterr().err
    assert main(["forecast", str(EXAMPLES / "emission_standards_1994.yaml"), "--eu-option",
                 "offer_selection=best"]) == 2
    assert main(["forecast", str(EXAMPLES / "emission_standards_1994.yaml"), "--issue",
                 "emision-date"]) == 2
    assert "did you mean" in capsys.readouterr().err


def test_forecast_packages_example(capsys):
    assert main(["forecast", str(EXAMPLES / "russia_ukraine_packages.yaml"), "-f", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    pk = out["packages"]
    assert pk["nash"] is not None and len(pk["frontier"]) >= 1
    assert set(pk["nash"]["levels"]) == {"ceasefire-line", "security-guarantees", "sanctions"}
