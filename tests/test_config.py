"""Settings: defaults < file < environment < command line, validated once."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsprism.config import Settings, load_settings, setting_help
from newsprism.errors import ConfigError


def test_layers_override_in_order(tmp_path: Path) -> None:
    config = tmp_path / "newsprism.toml"
    config.write_text('db = "file.db"\nbatch_size = 8\nn_process = 2\n')
    settings = load_settings(
        config, overrides={"n_process": 3, "model": None}, environ={"NEWSPRISM_BATCH_SIZE": "16"}
    )
    assert (settings.db, settings.batch_size, settings.n_process) == ("file.db", 16, 3)
    assert settings.model == Settings().model


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("colour = 1\n", "Unknown setting 'colour'"),
        ("batch_size = 'many'\n", "must be int"),
        ("db = \n", "not valid TOML"),
    ],
)
def test_bad_settings_file_says_what_is_wrong(tmp_path: Path, text: str, message: str) -> None:
    config = tmp_path / "bad.toml"
    config.write_text(text)
    with pytest.raises(ConfigError, match=message):
        load_settings(config, environ={})


def test_every_setting_has_help() -> None:
    assert all(text.strip() for text in setting_help().values())
