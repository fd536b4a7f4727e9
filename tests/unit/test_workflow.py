"""The GitHub Pages workflow (DESIGN §7): its shape, GitHub's schema and zizmor, all offline."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
WORKFLOW = REPO / ".github" / "workflows" / "pages.yml"
BIN = Path(sys.executable).parent

SHA_PIN = re.compile(r"^[\w.-]+/[\w.-]+(?:/[^@\s]+)?@[0-9a-f]{40}$")
USES_LINE = re.compile(r"^\s*(?:-\s+)?uses:\s*(?P<ref>\S+)(?P<rest>.*)$")
VERSION_COMMENT = re.compile(r"^\s+#\s*v\d+\.\d+\.\d+\s*$")
CRON_FIELD = r"[\d*/,-]+"
CRON = re.compile(rf"^{CRON_FIELD}(?:\s+{CRON_FIELD}){{4}}$")


def _text() -> str:
    return WORKFLOW.read_text("utf-8")


def _workflow() -> dict[Any, Any]:
    data = yaml.safe_load(_text())
    assert isinstance(data, dict)
    return data


def _triggers(wf: dict[Any, Any]) -> dict[str, Any]:
    # PyYAML reads the YAML 1.1 key `on` as the boolean True.
    on = wf.get("on", wf.get(True))
    assert isinstance(on, dict), f"`on` must be a mapping of events, got {on!r}"
    return on


def _job(name: str) -> dict[str, Any]:
    job = _workflow()["jobs"][name]
    assert isinstance(job, dict)
    return job


def _steps(name: str) -> list[dict[str, Any]]:
    steps = _job(name)["steps"]
    assert isinstance(steps, list)
    return steps


def _step_using(job: str, action: str) -> dict[str, Any]:
    found = [s for s in _steps(job) if str(s.get("uses", "")).split("@")[0] == action]
    assert len(found) == 1, f"job {job!r} must use {action} exactly once"
    return found[0]


def _runs(job: str) -> list[str]:
    return [str(s["run"]).strip() for s in _steps(job) if "run" in s]


def _needs(job: str) -> list[str]:
    needs = _job(job).get("needs", [])
    return [needs] if isinstance(needs, str) else list(needs)


def _evaluate_if(expression: str, event_name: str, ref: str) -> bool:
    """Evaluate a simple GitHub `if:` expression (==, !=, &&, ||, !, parentheses)."""
    expr = expression.strip()
    if expr.startswith("${{") and expr.endswith("}}"):
        expr = expr[3:-2]
    tokens = re.findall(r"'[^']*'|==|!=|&&|\|\||!|\(|\)|[\w.-]+", expr)
    assert "".join(tokens) == re.sub(r"\s+", "", expr), f"unsupported expression: {expression}"
    names = {"github.event_name": event_name, "github.ref": ref}
    python: list[str] = []
    for token in tokens:
        if token.startswith("'"):
            python.append(repr(token[1:-1]))
        elif token in names:
            python.append(repr(names[token]))
        elif token in {"==", "!=", "(", ")"}:
            python.append(token)
        elif token in {"&&", "||", "!"}:
            python.append({"&&": "and", "||": "or", "!": "not"}[token])
        else:
            raise AssertionError(f"unsupported name {token!r} in: {expression}")
    result = eval(" ".join(python), {"__builtins__": {}}, {})
    assert isinstance(result, bool)
    return result


def _tool(name: str) -> Path:
    """The console script installed next to this interpreter, or skip (never in CI)."""
    path = BIN / name
    if path.exists():
        return path
    reason = f"{name} is not installed next to {sys.executable} (pip install -e '.[dev]')"
    if os.environ.get("CI"):
        pytest.fail(f"{reason}; in CI this check must run")
    pytest.skip(reason)


# (a) structure


def test_workflow_parses_and_names_every_job() -> None:
    wf = _workflow()
    assert set(wf["jobs"]) == {"test", "build", "deploy"}
    for name, job in wf["jobs"].items():
        assert job.get("runs-on"), f"job {name!r} needs runs-on"


def test_triggers_include_push_to_main_prs_manual_runs_and_a_daily_schedule() -> None:
    on = _triggers(_workflow())
    assert set(on) == {"push", "pull_request", "workflow_dispatch", "schedule"}
    assert on["push"]["branches"] == ["main"]
    crons = [entry["cron"] for entry in on["schedule"]]
    assert len(crons) == 1
    assert CRON.match(crons[0]), crons[0]
    minute, hour, day, month, weekday = crons[0].split()
    assert (day, month, weekday) == ("*", "*", "*"), "the rebuild must run every day"
    assert minute.isdigit() and hour.isdigit(), "once a day, at a fixed time"


def test_permissions_are_empty_at_the_top_and_least_privilege_per_job() -> None:
    wf = _workflow()
    assert wf["permissions"] in ({}, {"contents": "read"})
    assert _job("test")["permissions"] == {"contents": "read"}
    build = _job("build")["permissions"]
    assert build["contents"] == "read"
    assert set(build.values()) == {"read"}, "the build job must not write anything"
    assert _job("deploy")["permissions"] == {"pages": "write", "id-token": "write"}


def test_deployments_are_serialised_and_never_cancelled() -> None:
    deploy = _job("deploy")["concurrency"]
    assert deploy == {"group": "pages", "cancel-in-progress": False}
    top = _workflow().get("concurrency")
    if top is not None:
        # The run-level group may cancel superseded pull-request runs, never runs on main.
        cancel = top.get("cancel-in-progress", False)
        assert cancel is not True
        if isinstance(cancel, str):
            assert "pull_request" in cancel


def test_every_action_is_pinned_to_a_full_commit_sha_with_its_version() -> None:
    uses = [USES_LINE.match(line) for line in _text().splitlines()]
    found = [m for m in uses if m]
    assert len(found) >= 7
    for m in found:
        assert SHA_PIN.match(m["ref"]), f"not pinned to a 40-hex commit SHA: {m['ref']}"
        assert VERSION_COMMENT.match(m["rest"]), f"no `# vX.Y.Z` comment: {m.group(0).strip()}"
    actions = {m["ref"].split("@")[0] for m in found}
    assert actions == {
        "actions/checkout",
        "actions/setup-python",
        "actions/configure-pages",
        "actions/upload-pages-artifact",
        "actions/deploy-pages",
    }
    # One version of each action throughout the file.
    pins: dict[str, set[str]] = {}
    for m in found:
        action, sha = m["ref"].split("@")
        pins.setdefault(action, set()).add(sha)
    assert all(len(shas) == 1 for shas in pins.values()), pins


def test_checkouts_do_not_persist_credentials() -> None:
    for job in ("test", "build"):
        step = _step_using(job, "actions/checkout")
        assert step.get("with", {}).get("persist-credentials") in (False, "false")


def test_test_job_runs_make_test_on_python_311() -> None:
    assert _runs("test") == ["make test"]
    setup = _step_using("test", "actions/setup-python")
    assert str(setup["with"]["python-version"]) == "3.11"


def test_build_job_runs_make_build_and_uploads_site() -> None:
    assert _needs("build") == ["test"]
    assert _runs("build") == ["make build"]
    setup = _step_using("build", "actions/setup-python")
    assert str(setup["with"]["python-version"]) == "3.11"
    _step_using("build", "actions/configure-pages")
    upload = _step_using("build", "actions/upload-pages-artifact")
    assert upload["with"]["path"] == "site"
    steps = [str(s.get("run") or s.get("uses")) for s in _steps("build")]
    assert steps.index("make build") < steps.index(upload["uses"]), "build before upload"


def test_deploy_job_publishes_to_the_github_pages_environment() -> None:
    deploy = _job("deploy")
    assert _needs("deploy") == ["build"]
    assert deploy["environment"] == {
        "name": "github-pages",
        "url": "${{ steps.deployment.outputs.page_url }}",
    }
    step = _step_using("deploy", "actions/deploy-pages")
    assert step["id"] == "deployment"


@pytest.mark.parametrize(
    ("event", "ref", "deploys"),
    [
        ("push", "refs/heads/main", True),
        ("schedule", "refs/heads/main", True),
        ("workflow_dispatch", "refs/heads/main", True),
        ("workflow_dispatch", "refs/heads/some-branch", False),
        ("pull_request", "refs/pull/7/merge", False),
        ("pull_request", "refs/heads/main", False),
    ],
)
def test_deploy_runs_only_from_main_and_never_for_pull_requests(
    event: str, ref: str, deploys: bool
) -> None:
    condition = _job("deploy").get("if")
    assert isinstance(condition, str), "the deploy job needs an `if:` guard"
    assert _evaluate_if(condition, event, ref) is deploys


def test_the_build_uses_the_real_date_and_no_secrets() -> None:
    wf = _workflow()
    content = json.dumps(wf, default=str)  # the parsed file: comments may mention anything
    assert "PODIUM_NOW" not in content
    assert "secrets." not in content
    assert "env" not in wf
    for job in wf["jobs"].values():
        assert "env" not in job
        for step in job["steps"]:
            assert "env" not in step
            # No expression is expanded into a shell script (template injection).
            assert "${{" not in str(step.get("run", ""))


def test_evaluator_handles_negation_and_parentheses() -> None:
    assert _evaluate_if("${{ !(github.event_name == 'pull_request') }}", "push", "x")
    assert not _evaluate_if("github.event_name != 'push' && github.ref == 'x'", "push", "x")


# (b) GitHub's workflow schema, vendored in check-jsonschema (no network)


def test_workflow_matches_githubs_schema() -> None:
    tool = _tool("check-jsonschema")
    done = subprocess.run(
        [str(tool), "--builtin-schema", "vendor.github-workflows", str(WORKFLOW)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


# (c) zizmor, offline


def test_zizmor_reports_no_high_severity_finding() -> None:
    tool = _tool("zizmor")
    done = subprocess.run(
        [str(tool), "--offline", "--format", "json", str(WORKFLOW)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    # zizmor exits non-zero when it has findings; the JSON on stdout is what counts.
    assert done.stdout.strip(), done.stderr
    findings = json.loads(done.stdout)
    assert isinstance(findings, list)
    high = [
        f"{f['ident']}: {f.get('desc', '')}"
        for f in findings
        if f["determinations"]["severity"] == "High"
    ]
    assert high == []
