"""MkDocs hook: the offline download runs search from the site's own copy of iframe-worker.

Material's offline plugin lets search work from file:// through the iframe-worker shim, which it
loads from unpkg.com: the one asset that would still need the network. This hook swaps in the
copy installed from the npm registry (package.json), served from the site itself.
"""

from __future__ import annotations

import shutil
from pathlib import Path

SHIM = "assets/javascripts/iframe-worker-shim.js"


def _offline_enabled(config) -> bool:
    plugin = config.plugins.get("material/offline") or config.plugins.get("offline")
    return bool(plugin and plugin.config.enabled)


def on_config(config):
    polyfills = [url for url in config.extra.get("polyfills", []) if "iframe-worker" not in str(url)]
    if _offline_enabled(config):
        polyfills.append(SHIM)
    config.extra["polyfills"] = polyfills
    return config


def on_post_build(config) -> None:
    if _offline_enabled(config):
        source = Path(config.config_file_path).parent / "node_modules/iframe-worker/shim/index.js"
        if not source.is_file():
            raise FileNotFoundError(f"{source} is missing: run ./scripts/setup.sh (it runs npm ci)")
        target = Path(config.site_dir) / SHIM
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)
