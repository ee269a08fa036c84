"""Helpers for the retrieval tests: data files written exactly as the build writes them (without MkDocs), and the
JavaScript core run under Node on them (tests/js/retrieval_run.js)."""
from __future__ import annotations

import functools
import json
import shutil
import subprocess
import sys
import tempfile
import atexit
from pathlib import Path

import datetime as dt

from conftest import REPO_ROOT

BUILD_DATE = dt.date.today()  # the real catalogue has records reviewed today; ranking does not depend on the date

RUNNER = REPO_ROOT / "tests" / "js" / "retrieval_run.js"


@functools.lru_cache(maxsize=None)
def loaded(root: str):
    """(catalogue, retrieval core, programme statuses) of a catalogue folder, once per run."""
    from generator.enrich import retrieval
    from generator.catalogue import load_catalogue
    from generator.enrich.deadlines import all_statuses

    catalogue, run = load_catalogue(Path(root), build_date=BUILD_DATE)
    assert catalogue is not None, [f.message for f in run.errors][:5]
    return catalogue, retrieval.build(catalogue), all_statuses(catalogue.funding, BUILD_DATE)


@functools.lru_cache(maxsize=None)
def synthetic_catalogue(n: int = 400) -> str:
    """A synthetic catalogue of n projects and n/10 programmes (bench/synth.py), written once per run."""
    sys.path.insert(0, str(REPO_ROOT / "bench"))
    from synth import generate

    target = Path(tempfile.mkdtemp(prefix="katalog-synth-"))
    atexit.register(shutil.rmtree, target, True)
    return str(generate(target / "catalogue", n))


@functools.lru_cache(maxsize=None)
def data_site(root: str) -> str:
    """A folder with api/web/suche-*.js and api/web/ideen-*.js for the catalogue, as the build writes them."""
    from generator.enrich import light
    from generator.export import ideas_data, site_data

    catalogue, core, _statuses = loaded(root)
    target = Path(tempfile.mkdtemp(prefix="katalog-data-"))
    atexit.register(shutil.rmtree, target, True)
    web = target / "api" / "web"
    web.mkdir(parents=True)
    enriched = light(catalogue)  # the derived facts (places, statuses at BUILD_DATE) the data files show
    enriched.retrieval = core
    for name, data in site_data.search_files(catalogue, enriched, core.search).items():
        (web / f"{name}.js").write_text(site_data.script(name, data), encoding="utf-8")
    ideas_data.write(catalogue, enriched, target / "api")
    return str(target)


def run_js(site: str, request: dict) -> dict:
    done = subprocess.run(["node", str(RUNNER), site], input=json.dumps(request), capture_output=True, text=True,
                          timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)
