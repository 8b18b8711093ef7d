"""The README documents only commands and options that exist (regression: the Usage section
drifted from what the commands print and take)."""

from __future__ import annotations

import re
import shlex

import pytest
import typer.main
from conftest import REPO

from newsprism.cli import app

README = (REPO / "README.md").read_text(encoding="utf-8")
GROUP = typer.main.get_command(app)
GLOBAL = {opt for param in GROUP.params for opt in param.opts}


def _options(command: str) -> set[str]:
    found = GROUP.commands[command]  # type: ignore[attr-defined]
    return {opt for param in found.params for opt in param.opts} | GLOBAL | {"--help"}


def _console_lines() -> list[str]:
    blocks = re.findall(r"```console\n(.*?)```", README, re.S)
    # Lines that run newsprism (the web section's `curl` lines are checked by the web tests).
    return [
        line[2:]
        for block in blocks
        for line in block.splitlines()
        if line.startswith("$ newsprism")
    ]


def _table_specs() -> list[str]:
    """Each `command …` cell of the README's command table, one per command."""
    table = README[README.index("All commands") : README.index("From Python")]
    rows = [line for line in table.splitlines() if line.startswith("| `")]
    specs = []
    for row in rows:
        cell = row.split(" | ")[0].lstrip("| ")
        specs += [part.strip().strip("`") for part in cell.split(" · ")]
    return specs


def test_the_readme_has_usage_lines_and_a_command_table() -> None:
    assert len(_console_lines()) >= 5
    assert len(_table_specs()) >= 10


@pytest.mark.parametrize("line", _console_lines())
def test_each_usage_line_names_a_real_command_and_options(line: str) -> None:
    words = shlex.split(line.split(" | ")[0].split("  #")[0])
    assert words[0] == "newsprism"
    rest = words[1:]
    while rest and rest[0] in GLOBAL:
        rest = rest[2:]
    command = rest[0]
    assert command in GROUP.commands, f"README runs `{command}`, which does not exist"  # type: ignore[attr-defined]
    for word in rest[1:]:
        if word.startswith("--"):
            assert word.split("=")[0] in _options(command), f"`{command}` has no {word}"


@pytest.mark.parametrize("spec", _table_specs())
def test_each_documented_command_and_option_exists(spec: str) -> None:
    command = spec.split()[0]
    assert command in GROUP.commands, f"README lists `{command}`, which does not exist"  # type: ignore[attr-defined]
    for option in re.findall(r"--[a-z][a-z-]*", spec):
        assert option in _options(command), f"README gives `{command}` the option {option}"


def test_every_command_is_documented() -> None:
    documented = {spec.split()[0] for spec in _table_specs()}
    assert set(GROUP.commands) <= documented  # type: ignore[attr-defined]


def test_the_dask_worker_settings_shown_are_the_ones_local_workers_get() -> None:
    import yaml

    from newsprism.scale.runner import QUIET_WORKERS

    (block,) = re.findall(r"```yaml\n(.*?)```", README, re.S)

    def flat(tree: dict[str, object], prefix: str = "") -> dict[str, object]:
        out: dict[str, object] = {}
        for key, value in tree.items():
            if isinstance(value, dict):
                out |= flat(value, f"{prefix}{key}.")
            else:
                out[f"{prefix}{key}"] = value
        return out

    assert flat(yaml.safe_load(block)) == QUIET_WORKERS
