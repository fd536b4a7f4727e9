"""The Makefile and the README's commands: `make serve` installs only the runtime, and every
`podium …` and `make …` line the README shows exists as written."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from podium import cli, sitescaffold
from tests.commands import inline_make_targets, make_dry_run, shell_commands, subcommand_path
from tests.conftest import REPO

README = REPO / "README.md"
BIN = Path(sys.executable).parent
RUNTIME_TARGETS = ("serve", "build", "check")
DEV_TARGETS = ("test", "lint", "typecheck", "unit", "bench", "bench-large")


def _always(target: str) -> str:
    """The commands of ``target`` and of everything it depends on, as if nothing were installed."""
    done = make_dry_run(REPO, "--always-make", target)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.parametrize("target", RUNTIME_TARGETS)
def test_site_targets_install_the_runtime_only(target: str) -> None:
    commands = _always(target)
    assert "pip install --quiet -e .\n" in commands
    assert "[dev]" not in commands and ".installed-dev" not in commands


@pytest.mark.parametrize("target", DEV_TARGETS)
def test_test_targets_install_the_dev_extra(target: str) -> None:
    commands = _always(target)
    assert "pip install --quiet -e '.[dev]'" in commands
    # Runtime first, then the extra: make serve after make test installs nothing again.
    assert commands.index("-e .\n") < commands.index("-e '.[dev]'")


def test_readme_first_screen_shows_make_serve_and_make_test() -> None:
    first_screen = "\n".join(README.read_text("utf-8").splitlines()[:24])
    assert "\nmake serve " in first_screen and "\nmake test " in first_screen


def _readme_commands(program: str) -> list[tuple[str, ...]]:
    return [c.argv for c in shell_commands(README) if c.program == program]


def test_readme_shows_podium_commands() -> None:
    assert len(_readme_commands("podium")) >= 5


@pytest.mark.parametrize("argv", _readme_commands("podium"), ids=" ".join)
def test_every_podium_command_in_the_readme_parses(argv: tuple[str, ...]) -> None:
    """Parsed by the real parser as written; `.venv/bin/podium` is what make installs."""
    assert argv[0] in (".venv/bin/podium", "podium"), argv[0]
    args = cli.build_parser().parse_args(list(argv[1:]))
    assert args.command == argv[1]
    words = subcommand_path(list(argv[1:]))
    done = subprocess.run(
        [str(BIN / "podium"), *words, "--help"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"usage: podium {' '.join(words)}")


def test_bare_podium_only_after_pip_install() -> None:
    """`podium …` without .venv/bin/ only where the block first installs it with pip."""
    text = README.read_text("utf-8")
    for command in shell_commands(README):
        if command.argv[0] == "podium":
            block = text[: text.index(command.line)].rsplit("```sh", 1)[-1]
            assert "pip install git+" in block, command.line


def test_readme_installs_from_the_repository_the_sites_pin() -> None:
    installs = [c.argv for c in shell_commands(README) if c.argv[:2] == ("pip", "install")]
    assert installs == [("pip", "install", f"git+{sitescaffold.REPOSITORY}")]


def test_every_make_target_in_the_readme_exists() -> None:
    targets = {c.argv[1] for c in shell_commands(README) if c.program == "make"}
    targets |= inline_make_targets(README)
    assert {"serve", "test", "build", "check"} <= targets
    for target in sorted(targets):
        done = make_dry_run(REPO, target)
        assert done.returncode == 0, f"make {target}: {done.stderr}"
