#!/bin/sh
# pre-commit-Hook „katalog-validate“ für andere Repositories (siehe .pre-commit-hooks.yaml).
# pre-commit legt eine Kopie dieses Repositorys an; der Hook richtet darin beim ersten Lauf eine
# eigene virtuelle Umgebung ein (Laufzeit-Sperrdatei mit Prüfsummen, das Paket ohne -e: Schema,
# Vokabulare und Gemeindeverzeichnis kommen als Paketdaten mit) und prüft dann die übergebenen
# Dateien mit `katalog validate` im Katalog des aufrufenden Repositorys.
set -eu
here="$(cd "$(dirname "$0")/../.." && pwd)"
venv="${KATALOG_HOOK_VENV:-$here/.venv-pre-commit}"
if [ ! -x "$venv/bin/katalog" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check --require-hashes --no-deps -r "$here/requirements.txt"
  "$venv/bin/pip" install --quiet --disable-pip-version-check --no-deps --no-build-isolation "$here"
fi
exec "$venv/bin/katalog" validate "$@"
