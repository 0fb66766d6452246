# SPDX-License-Identifier: EUPL-1.2
# SPDX-FileCopyrightText: 2026 Safetyplan contributors
"""Backup and restore of a Safetyplan home: the web database and the warehouse.

A backup is a folder (mode 0700, files 0600) with

- ``web.json``: every row of the web database (users, organisations, plan edits, annual
  plans, the meldingen register, events, history, API tokens) as Django fixtures with natural
  keys, read in one transaction (REPEATABLE READ on PostgreSQL), so it is consistent while
  the server runs. The same file restores into SQLite or PostgreSQL.
- ``warehouse.duckdb``: a copy of the published warehouse snapshot (immutable, so the copy
  is consistent while loads run).
- ``manifest.json``: when, from which database engine, the applied migrations, and a SHA-256
  per file, checked before anything is restored.

Restore migrates the target database, refuses one that already holds users (unless
``force``: then it is emptied first) and loads the fixtures in one transaction; the
warehouse is published as a new snapshot, like a load.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from safetyplan.errors import SafetyplanError

log = logging.getLogger(__name__)

FORMAT_VERSION = 1
WEB_FILE = "web.json"
WAREHOUSE_FILE = "warehouse.duckdb"
MANIFEST = "manifest.json"
# Rebuilt by migrate, or not worth keeping: content types and permissions are recreated with
# the same natural keys; sessions only log people out.
EXCLUDED = ["contenttypes", "auth.permission", "sessions", "admin.logentry"]


def _(message: str) -> str:
    """*message* from Django's catalogue in Safetyplan's active language: the command line's
    ``--lang`` when the CLI calls this, the request's language in the web."""
    from django.utils import translation

    from safetyplan import i18n

    with translation.override(i18n.active()):
        return translation.gettext(message)


def backup(target: Path, warehouse_path: Path) -> dict:
    """Write a backup of the web database and the warehouse into the new folder ``target``."""
    from safetyplan.warehouse.snapshots import copy_current

    _new_private_folder(target)
    web = target / WEB_FILE
    migrations = _dump_web_database(web)
    has_warehouse = copy_current(Path(warehouse_path), target / WAREHOUSE_FILE)
    files = [WEB_FILE] + ([WAREHOUSE_FILE] if has_warehouse else [])
    for name in files:
        os.chmod(target / name, 0o600)
    manifest = {
        "format": FORMAT_VERSION,
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "database_engine": _engine(),
        "migrations": migrations,
        "files": {name: _sha256(target / name) for name in files},
    }
    _write_private(target / MANIFEST, json.dumps(manifest, indent=2))
    log.info("backup written to %s (%s)", target, ", ".join(files))
    return manifest


def restore(
    source: Path, warehouse_path: Path, force: bool = False, wait=None, on_wait=None
) -> dict:
    """Restore a backup folder into this home's database and warehouse."""
    from safetyplan.warehouse.snapshots import restore_file

    manifest = read_manifest(source)
    _load_web_database(source / WEB_FILE, force, manifest["migrations"])
    if WAREHOUSE_FILE in manifest["files"]:
        restore_file(Path(warehouse_path), source / WAREHOUSE_FILE, wait=wait, on_wait=on_wait)
    log.info("restored %s (made %s)", source, manifest["created_at"])
    return manifest


def read_manifest(source: Path) -> dict:
    """The manifest, after checking that every file it names is there and unchanged."""
    path = source / MANIFEST
    if not path.is_file():
        raise SafetyplanError(
            _("{source}: not a backup (no {manifest})").format(source=source, manifest=MANIFEST)
        )
    try:
        manifest = json.loads(path.read_text())
        files = manifest["files"]
    except (ValueError, KeyError, TypeError) as exc:
        raise SafetyplanError(
            _("{path}: unreadable manifest ({error})").format(path=path, error=exc)
        ) from None
    if manifest.get("format") != FORMAT_VERSION:
        raise SafetyplanError(
            _("{path}: format {format} is not supported").format(
                path=path, format=repr(manifest.get("format"))
            )
        )
    for name, digest in files.items():
        file = source / name
        if not file.is_file():
            raise SafetyplanError(_("{source}: {name} is missing").format(source=source, name=name))
        if _sha256(file) != digest:
            raise SafetyplanError(_("{file}: damaged (checksum differs)").format(file=file))
    if WEB_FILE not in files:
        raise SafetyplanError(_("{path}: no {file} in the backup").format(path=path, file=WEB_FILE))
    return manifest


# -- the web database ------------------------------------------------------------------------


def _dump_web_database(target: Path) -> list[str]:
    from django.core.management import call_command
    from django.db import connection, transaction

    with transaction.atomic():
        if connection.vendor == "postgresql":  # one snapshot for every table
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            call_command(
                "dumpdata",
                natural_foreign=True,
                natural_primary=True,
                exclude=EXCLUDED,
                stdout=out,
                verbosity=0,
            )
        return _applied_migrations()


def _load_web_database(fixture: Path, force: bool, migrations: list[str]) -> None:
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import transaction

    from safetyplan.web import runner

    runner.migrate()
    unknown = sorted(set(migrations) - set(_applied_migrations()))
    if unknown:  # made by a newer Safetyplan: its data may not fit this schema
        raise SafetyplanError(
            _(
                "The backup comes from a newer version (unknown migrations: {migrations}); "
                "upgrade Safetyplan first."
            ).format(migrations=", ".join(unknown[:5]))
        )
    if get_user_model().objects.exists():
        if not force:
            raise SafetyplanError(
                _(
                    "The database already has users: restore into an empty home, or use "
                    "--force (replaces the current data)."
                )
            )
        log.warning("restore --force: emptying the web database first")
        call_command("flush", interactive=False, verbosity=0)
    with tempfile.TemporaryDirectory(prefix="safetyplan-restore-") as tmp:
        if "meldingen.0004_melding_names" not in migrations:  # made before the renames
            fixture = _renamed_meldingen(fixture, Path(tmp))
        with transaction.atomic():
            call_command("loaddata", str(fixture), verbosity=0)


# Backups made before meldingen migration 0004 name the register's models and fields as
# they were then (Report, ReportEvent, report); loaddata only knows today's names.
OLD_MODELS = {"report": "melding", "reportevent": "meldingevent"}
OLD_FIELDS = {"report": "melding", "report_ref": "melding_ref"}


def _renamed_meldingen(fixture: Path, folder: Path) -> Path:
    """A private copy (in ``folder``) of an older backup's fixture with today's names."""
    rows = json.loads(fixture.read_text(encoding="utf-8"))
    for row in rows:
        app, _, model = row["model"].partition(".")
        if app == "meldingen":
            row["model"] = f"meldingen.{OLD_MODELS.get(model, model)}"
            row["fields"] = {OLD_FIELDS.get(k, k): v for k, v in row.get("fields", {}).items()}
        for key in ("permissions", "user_permissions"):  # natural keys [codename, app, model]
            for perm in row.get("fields", {}).get(key) or []:
                if len(perm) == 3 and perm[1] == "meldingen" and perm[2] in OLD_MODELS:
                    action = perm[0].rsplit("_", 1)[0]
                    perm[2] = OLD_MODELS[perm[2]]
                    perm[0] = f"{action}_{perm[2]}"
    renamed = folder / fixture.name
    _write_private(renamed, json.dumps(rows))
    log.info("restore: a backup from before the meldingen renames; names brought up to date")
    return renamed


def _applied_migrations() -> list[str]:
    from django.db import connection
    from django.db.migrations.recorder import MigrationRecorder

    recorded = MigrationRecorder(connection).applied_migrations()
    return sorted(f"{app}.{name}" for app, name in recorded)


def _engine() -> str:
    from django.db import connection

    return connection.vendor


# -- files -----------------------------------------------------------------------------------


def _new_private_folder(target: Path) -> None:
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise SafetyplanError(_("{target}: exists and is not empty").format(target=target))
    if not target.parent.is_dir():
        raise SafetyplanError(_("{folder}: folder does not exist").format(folder=target.parent))
    target.mkdir(mode=0o700, exist_ok=True)
    os.chmod(target, 0o700)


def _write_private(path: Path, text: str) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(text)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return "sha256:" + digest.hexdigest()
