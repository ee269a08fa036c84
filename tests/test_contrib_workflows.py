"""The GitHub workflows: they parse, pass actionlint and keep the security rules for untrusted input."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.loader import load_file

REPO = Path(__file__).resolve().parent.parent
WORKFLOWS = REPO / ".github" / "workflows"
ACTIONLINT = REPO / ".github" / "tools" / "node_modules" / "@tktco" / "node-actionlint" / "bin" / "node-actionlint.js"
WORKFLOW_FILES = sorted(WORKFLOWS.glob("*.yml"))
SHA_PIN = re.compile(r"^\s*(?:-\s+)?uses:\s+([\w.-]+/[\w./-]+)@([0-9a-f]{40}) # v\d+\.\d+\.\d+\s*$")


def workflow(name: str) -> dict:
    loaded = load_file(WORKFLOWS / name)  # the project's loader: `on` stays a key, anchors are refused
    assert loaded.problems == [], loaded.problems
    return loaded.data


def steps(doc: dict):
    for job in doc["jobs"].values():
        yield from job.get("steps", [])


def run_actionlint(pattern: str, cwd: Path) -> subprocess.CompletedProcess:
    node = shutil.which("node")
    assert node, "Node.js fehlt (für actionlint)."
    assert ACTIONLINT.exists(), "actionlint fehlt: `make tools` (oder `make setup`) ausführen."
    return subprocess.run([node, str(ACTIONLINT), pattern], cwd=cwd, capture_output=True, text=True, timeout=120)


def test_the_four_workflows_exist():
    assert [p.name for p in WORKFLOW_FILES] == ["from-issue.yml", "links.yml", "publish.yml", "validate.yml"]


@pytest.mark.parametrize("path", WORKFLOW_FILES, ids=lambda p: p.name)
def test_workflow_parses_to_a_mapping_with_jobs(path):
    doc = workflow(path.name)
    assert {"name", "on", "permissions", "jobs"} <= set(doc)


@pytest.mark.slow  # actionlint as WebAssembly under Node: seconds per run
def test_actionlint_accepts_every_workflow():
    result = run_actionlint(".github/workflows/*.yml", REPO)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"Checking {len(WORKFLOW_FILES)} workflow file(s)" in result.stdout


@pytest.mark.slow
def test_actionlint_catches_script_injection(tmp_path):
    """Proves the actionlint run above can fail: an issue title inside `run:` is reported."""
    folder = tmp_path / ".github" / "workflows"
    folder.mkdir(parents=True)
    (folder / "bad.yml").write_text(
        "on: issues\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n"
        "      - run: echo \"${{ github.event.issue.title }}\"\n", encoding="utf-8")
    result = run_actionlint(".github/workflows/*.yml", tmp_path)
    assert result.returncode == 1
    assert "potentially untrusted" in result.stdout


@pytest.mark.parametrize("path", WORKFLOW_FILES, ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_commit_with_its_version(path):
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if re.match(r"^\s*(-\s+)?uses:", line)]
    assert lines, "keine Actions gefunden"
    for line in lines:
        assert SHA_PIN.match(line), f"nicht auf einen Commit festgelegt: {line.strip()}"


@pytest.mark.parametrize("path", WORKFLOW_FILES, ids=lambda p: p.name)
def test_no_expression_is_substituted_into_a_shell_script(path):
    for step in steps(workflow(path.name)):
        if "run" in step:
            assert "${{" not in step["run"], f"{path.name}: {step.get('name', step['run'][:40])}"


@pytest.mark.parametrize("path", WORKFLOW_FILES, ids=lambda p: p.name)
def test_checkouts_do_not_keep_the_token(path):
    checkouts = [s for s in steps(workflow(path.name)) if s.get("uses", "").startswith("actions/checkout@")]
    for step in checkouts:
        assert step["with"]["persist-credentials"] is False


@pytest.mark.parametrize("path", WORKFLOW_FILES, ids=lambda p: p.name)
def test_no_workflow_runs_on_pull_request_target_or_workflow_run(path):
    triggers = workflow(path.name)["on"]
    assert "pull_request_target" not in triggers and "workflow_run" not in triggers


def test_validate_runs_on_pull_requests_only_with_read_access():
    doc = workflow("validate.yml")
    assert doc["on"] == {"pull_request": None}
    assert doc["permissions"] == {"contents": "read"}
    assert all("permissions" not in job for job in doc["jobs"].values())
    assert "secrets." not in (WORKFLOWS / "validate.yml").read_text(encoding="utf-8")
    assert doc["concurrency"] == {"group": "validate-${{ github.event.pull_request.number }}", "cancel-in-progress": True}


def test_validate_reports_with_annotations_and_builds_the_site():
    runs = [s["run"] for s in steps(workflow("validate.yml")) if "run" in s]
    assert "make setup" in runs
    assert ".venv/bin/katalog validate --format github" in runs
    assert ".venv/bin/katalog build" in runs
    assert any("katalog formulare --pruefen" in r and "katalog anleitung --pruefen" in r for r in runs)


def test_publish_builds_from_main_and_only_the_deploy_job_may_write_pages():
    doc = workflow("publish.yml")
    assert doc["on"]["push"] == {"branches": ["main"]}
    assert "schedule" in doc["on"] and "workflow_dispatch" in doc["on"] and "pull_request" not in doc["on"]
    assert doc["permissions"] == {"contents": "read"}
    build, deploy = doc["jobs"]["build"], doc["jobs"]["deploy"]
    assert "permissions" not in build
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["needs"] == "build"
    assert any(s.get("uses", "").startswith("actions/upload-pages-artifact@") for s in build["steps"])
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]


def test_publish_builds_with_the_public_address_so_the_404_page_works_under_a_sub_path():
    build = next(s for s in workflow("publish.yml")["jobs"]["build"]["steps"] if "katalog build" in s.get("run", ""))
    assert "vars.KATALOG_SITE_URL" in build["env"]["KATALOG_SITE_URL"]
    assert "github.io/{1}/" in build["env"]["KATALOG_SITE_URL"]


def test_links_run_on_a_schedule_never_on_pull_requests():
    doc = workflow("links.yml")
    assert set(doc["on"]) == {"schedule", "workflow_dispatch"}
    assert doc["permissions"] == {"contents": "read"}
    assert doc["jobs"]["links"]["permissions"] == {"contents": "read", "issues": "write"}
    runs = "\n".join(s["run"] for s in steps(doc) if "run" in s)
    assert "katalog links --ausgabe" in runs and "gh issue edit" in runs and "gh issue create" in runs


def test_issue_import_is_gated_on_the_maintainer_label_and_passes_the_body_by_env():
    doc = workflow("from-issue.yml")
    assert doc["on"] == {"issues": {"types": ["labeled"]}}
    assert doc["permissions"] == {}
    job = doc["jobs"]["convert"]
    assert "github.event.label.name == 'import'" in job["if"]
    convert = next(s for s in job["steps"] if "katalog from-issue" in s.get("run", ""))
    assert convert["env"]["ISSUE_BODY"] == "${{ github.event.issue.body }}"
    assert '"$ISSUE_BODY"' in convert["run"] and "--uebergabe" in convert["run"]
    checkout = job["steps"][0]
    assert checkout["with"]["ref"] == "${{ github.event.repository.default_branch }}"


def test_issue_import_converts_without_write_access_and_hands_over_one_folder():
    job = workflow("from-issue.yml")["jobs"]["convert"]
    assert job["permissions"] == {"contents": "read"}
    upload = [s for s in job["steps"] if s.get("uses", "").startswith("actions/upload-artifact@")]
    assert len(upload) == 1 and upload[0]["with"]["path"] == "${{ runner.temp }}/uebergabe/"


def test_issue_import_opens_the_pull_request_in_a_second_job_that_never_reads_the_issue():
    doc = workflow("from-issue.yml")
    job = doc["jobs"]["pull-request"]
    assert job["needs"] == "convert"
    assert job["permissions"] == {"contents": "write", "pull-requests": "write", "issues": "write"}
    text = yaml_text_of_job("from-issue.yml", "pull-request")
    assert "issue.body" not in text and "issue.title" not in text
    runs = [s.get("run", "") for s in job["steps"]]
    assert any("katalog uebernahme" in r for r in runs)
    assert [s["uses"].split("@")[0] for s in job["steps"] if "uses" in s] == [
        "actions/checkout", "actions/setup-python", "actions/download-artifact", "peter-evans/create-pull-request"]


def test_issue_import_first_checks_that_the_labeller_has_write_access():
    first = workflow("from-issue.yml")["jobs"]["pull-request"]["steps"][0]
    assert first["env"]["SENDER"] == "${{ github.event.sender.login }}"
    assert 'collaborators/$SENDER/permission' in first["run"]
    assert "admin|maintain|write)" in first["run"] and "exit 1" in first["run"]


def yaml_text_of_job(name: str, job: str) -> str:
    import json
    return json.dumps(workflow(name)["jobs"][job], ensure_ascii=False)


@pytest.mark.parametrize("name", ["from-issue.yml", "publish.yml", "links.yml"])
def test_workflows_with_write_access_install_only_the_runtime_lock(name):
    runs = [s.get("run", "") for s in steps(workflow(name))]
    assert "make install" in runs
    assert not [r for r in runs if re.search(r"make setup|make test|requirements-dev|\bnpm\b|pip install", r)]


# --- zizmor: a second, security-focused linter (offline audits only) --------------------------

def run_zizmor(*args: str) -> subprocess.CompletedProcess:
    zizmor = Path(sys.executable).parent / "zizmor"
    assert zizmor.exists(), "zizmor fehlt: `make setup` ausführen (requirements-dev.txt)."
    return subprocess.run([str(zizmor), "--offline", "--no-progress", *args], capture_output=True, text=True, timeout=120)


def test_zizmor_finds_nothing_in_the_workflows():
    result = run_zizmor(str(WORKFLOWS))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout


def test_zizmor_catches_a_pull_request_target_checkout(tmp_path):
    """Proves the zizmor run above can fail: the classic pwn request is reported."""
    bad = tmp_path / "bad.yml"
    bad.write_text(
        "on: pull_request_target\npermissions:\n  contents: write\njobs:\n  a:\n    runs-on: ubuntu-24.04\n"
        "    steps:\n      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683 # v4.2.2\n"
        "        with:\n          ref: ${{ github.event.pull_request.head.sha }}\n"
        "      - run: make\n", encoding="utf-8")
    result = run_zizmor(str(bad))
    assert result.returncode != 0
    assert "dangerous-triggers" in result.stdout
