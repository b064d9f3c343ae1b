"""Hatch build hook: compile the bundled data into a snapshot inside the wheel.

At wheel build the package's own loader reads and checks the JSON data files, and
``eu_ca_partnership._snapshot.build`` pickles the records; the wheel then carries
``eu_ca_partnership/data/snapshot.pickle`` beside the JSON. Corrupt data fails the build
with the loader's ``DataError``. Editable installs get no snapshot: they read the JSON.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class SnapshotBuildHook(BuildHookInterface):  # type: ignore[type-arg]
    PLUGIN_NAME = "snapshot"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        source = Path(self.root) / "src"
        sys.path.insert(0, str(source))
        try:
            from eu_ca_partnership._snapshot import FILE, build
        finally:
            sys.path.remove(str(source))
        # Not in self.directory: that is the wheel's output folder (dist/), where a stray file
        # would sit beside the wheel. A folder of our own, removed once the wheel is written.
        self._scratch = tempfile.TemporaryDirectory(prefix="eu-ca-snapshot-")
        target = Path(self._scratch.name) / FILE
        target.write_bytes(build(source / "eu_ca_partnership" / "data"))
        build_data["force_include"][str(target)] = f"eu_ca_partnership/data/{FILE}"

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        scratch = getattr(self, "_scratch", None)
        if scratch is not None:
            scratch.cleanup()
