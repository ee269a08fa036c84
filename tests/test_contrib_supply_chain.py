"""Supply chain: locked, hashed dependencies; `make site` installs the runtime only; Dependabot."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
DEV_TOOLS = {"pytest", "hypothesis", "playwright", "zizmor", "check-jsonschema", "properdocs", "zensical", "pip-tools"}


def locked(path: Path) -> dict[str, tuple[str, list[str]]]:
    """name -> (version, hashes) from a pip-compile lock file."""
    out, current = {}, None
    for line in path.read_text(encoding="utf-8").splitlines():
        pin = re.match(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)", line)
        if pin:
            current = pin.group(1).lower()
            out[current] = (pin.group(2), [])
        elif re.match(r"^[A-Za-z0-9]", line):
            pytest.fail(f"{path.name}: Zeile ohne feste Version: {line}")
        for digest in re.findall(r"--hash=sha256:([0-9a-f]{64})", line):
            out[current][1].append(digest)
    return out


def pins(path: Path) -> dict[str, str]:
    found = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#")[0].strip()
        if line and not line.startswith("-"):
            name, _sep, version = line.partition("==")
            assert version, f"{path.name}: {line} ist nicht festgelegt"
            found[name.lower()] = version
    return found


def test_every_runtime_package_is_locked_with_hashes():
    lock = locked(REPO / "requirements.txt")
    assert len(lock) > len(pins(REPO / "requirements.in"))  # transitive packages too
    for name, (version, hashes) in lock.items():
        assert hashes, f"{name}=={version} ohne Prüfsumme"


def test_runtime_lock_holds_the_pins_of_requirements_in_and_pyproject():
    lock = locked(REPO / "requirements.txt")
    wanted = pins(REPO / "requirements.in")
    assert {name: lock[name][0] for name in wanted} == wanted
    declared = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    for requirement in declared:
        name, _sep, version = requirement.partition("==")
        assert lock[name.lower()][0] == version, requirement


def test_runtime_lock_holds_no_development_tool():
    assert not DEV_TOOLS & set(locked(REPO / "requirements.txt"))


def test_development_lock_is_hashed_and_agrees_with_the_runtime_lock():
    runtime, dev = locked(REPO / "requirements.txt"), locked(REPO / "requirements-dev.txt")
    assert DEV_TOOLS <= set(dev)
    for name, (version, hashes) in dev.items():
        assert hashes, f"{name}=={version} ohne Prüfsumme"
        if name in runtime:
            assert runtime[name][0] == version, f"{name}: {version} statt {runtime[name][0]}"


def make_dry_run(target: str) -> str:
    make = shutil.which("make")
    assert make, "make fehlt"
    # run inside `make test` (as CI does), make would otherwise print "Entering directory" lines around the recipe
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MAKELEVEL", "MFLAGS", "MAKEOVERRIDES")}
    result = subprocess.run([make, "--no-print-directory", "-n", "-B", target], cwd=REPO, capture_output=True, text=True,
                            timeout=60, env=env)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_make_site_installs_the_runtime_lock_with_hashes_only():
    commands = make_dry_run("site")
    assert "--require-hashes --no-deps -r requirements.txt" in commands
    assert "requirements-dev" not in commands and "npm" not in commands
    assert commands.rstrip().endswith(".venv/bin/katalog build")


def test_make_test_adds_the_development_lock_and_runs_pytest():
    commands = make_dry_run("test")
    assert "--require-hashes --no-deps -r requirements.txt -r requirements-dev.txt" in commands
    assert "npm ci --prefix .github/tools --ignore-scripts" in commands
    assert commands.rstrip().endswith("-m pytest -q")


def test_make_lock_regenerates_both_locks_with_hashes():
    commands = make_dry_run("lock")
    for lock, source in (("requirements.txt", "requirements.in"), ("requirements-dev.txt", "requirements-dev.in")):
        assert re.search(rf"pip-compile .*--generate-hashes[^\n]*\\\n[^\n]*--output-file {lock} {source}", commands), commands


def test_ci_runs_make_test():
    assert "make test" in (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()


def check_jsonschema(*args: str) -> subprocess.CompletedProcess:
    tool = Path(sys.executable).parent / "check-jsonschema"
    assert tool.exists(), "check-jsonschema fehlt: `make setup` ausführen."
    return subprocess.run([str(tool), *args], capture_output=True, text=True, timeout=120)


def test_dependabot_config_is_valid_against_the_vendored_schema():
    result = check_jsonschema("--builtin-schema", "vendor.dependabot", str(REPO / ".github" / "dependabot.yml"))
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_dependabot_check_can_fail(tmp_path):
    bad = tmp_path / "dependabot.yml"
    bad.write_text("version: 2\nupdates:\n  - package-ecosystem: pip\n    directory: /\n    schedule: {interval: sometimes}\n",
                   encoding="utf-8")
    result = check_jsonschema("--builtin-schema", "vendor.dependabot", str(bad))
    assert result.returncode == 1 and "sometimes" in result.stdout


def test_dependabot_updates_actions_and_python_weekly_in_groups():
    from generator.loader import load_file

    config = load_file(REPO / ".github" / "dependabot.yml").data
    by_ecosystem = {u["package-ecosystem"]: u for u in config["updates"]}
    for ecosystem in ("github-actions", "pip"):
        update = by_ecosystem[ecosystem]
        assert update["schedule"]["interval"] == "weekly"
        assert update["groups"] and all(g["patterns"] == ["*"] for g in update["groups"].values())
