"""The shell commands a README shows, and whether each exists: `podium …` and `make …`."""

from __future__ import annotations

import argparse
import re
import shlex
import subprocess
from dataclasses import dataclass
from pathlib import Path

from podium import cli

FENCE = re.compile(r"^```(\w*)[^\n]*\n(.*?)^```", re.MULTILINE | re.DOTALL)
SHELL = {"", "sh", "bash", "shell", "console"}


@dataclass(frozen=True)
class Command:
    argv: tuple[str, ...]
    line: str

    @property
    def program(self) -> str:
        return self.argv[0].rsplit("/", 1)[-1]


def shell_commands(readme: Path) -> list[Command]:
    """Every command line of the README's shell code blocks (``a && b`` gives two)."""
    found = []
    for lang, body in FENCE.findall(readme.read_text("utf-8")):
        if lang not in SHELL:
            continue
        for line in body.splitlines():
            words = shlex.split(line, comments=True)
            while words:
                cut = words.index("&&") if "&&" in words else len(words)
                if words[:cut]:
                    found.append(Command(tuple(words[:cut]), line.strip()))
                words = words[cut + 1 :]
    return found


def inline_make_targets(readme: Path) -> set[str]:
    """Targets named in inline code such as `make build`."""
    return set(re.findall(r"`make ([\w-]+)`", readme.read_text("utf-8")))


def subcommand_path(argv: list[str]) -> list[str]:
    """The sub-command words at the front of ``argv`` (``new post``), found in the real parser."""
    words: list[str] = []
    parser = cli.build_parser()
    while argv:
        subparsers = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        if not subparsers or argv[0] not in subparsers[0].choices:
            break
        words.append(argv[0])
        parser = subparsers[0].choices[argv.pop(0)]
    return words


def make_dry_run(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``make -n …`` in ``folder``: what the target would run, running nothing."""
    return subprocess.run(
        ["make", "--no-print-directory", "-n", *args],
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
