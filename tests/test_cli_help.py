"""Help texts: every option and argument described, no Python types, defaults shown."""
import re

import pytest
import typer
from typer.testing import CliRunner

from pledgetrack.cli.main import app

COMMANDS = sorted(typer.main.get_command(app).commands)


@pytest.mark.parametrize("name", COMMANDS)
def test_every_parameter_is_described(name):
    command = typer.main.get_command(app).commands[name]
    assert command.help, f"{name} has no description"
    missing = [p.name for p in command.params if not (p.help or "").strip()]
    assert not missing, f"{name}: no help for {missing}"


@pytest.mark.parametrize("name", COMMANDS)
def test_help_shows_no_python_types(name):
    r = CliRunner().invoke(app, [name, "--help"], env={"COLUMNS": "100"})
    assert r.exit_code == 0
    assert not re.search(r"<(str|int|bool|path|list\[\w+\]|float)>", r.stdout), r.stdout
    assert not re.search(r"\w \.(\s|$)", r.stdout), r.stdout  # no space left where markup was eaten


def test_db_default_and_review_commitment_wording():
    text = CliRunner().invoke(app, ["review", "--help"], env={"COLUMNS": "200"}).stdout
    assert "default: ./pledgetrack.db" in text
    assert "Mark it a commitment" in text
