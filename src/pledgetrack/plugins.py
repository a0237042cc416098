"""Plugin hooks (pluggy, as Datasette does): a package adds features without editing the core.

A plugin is a module with functions marked ``@hookimpl``, registered through the entry-point
group ``pledgetrack`` in its ``pyproject.toml``::

    [project.entry-points.pledgetrack]
    my_formats = "my_package.formats"

and the hook it implements, e.g.::

    from pledgetrack.plugins import hookimpl
    from pledgetrack.exports import OutputFormat

    @hookimpl
    def output_formats():
        return [OutputFormat("tsv", ".tsv", "text/tab-separated-values", write_tsv)]

Hooks: ``output_formats`` (exports of a diff, a thread or a statement listing);
``pipeline_components``, ``topic_taxonomies`` and ``actor_gazetteers`` (extraction, see
``pledgetrack.nlp.plugins``).
"""
from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

import pluggy

if TYPE_CHECKING:
    from .exports import OutputFormat

GROUP = "pledgetrack"
hookspec = pluggy.HookspecMarker(GROUP)
hookimpl = pluggy.HookimplMarker(GROUP)


class Specs:
    """The hooks a plugin may implement."""

    @hookspec
    def output_formats(self) -> list[OutputFormat]:  # type: ignore[empty-body]
        """Output formats this plugin adds (a later plugin's format replaces one of the same name)."""

    @hookspec
    def pipeline_components(self) -> list[str]:  # type: ignore[empty-body]
        """Names of spaCy factories or components (registered by the plugin's module) to run after
        pledgetrack's own extraction components; they read and edit ``doc._.statements``."""

    @hookspec
    def topic_taxonomies(self) -> dict[str, Any]:  # type: ignore[empty-body]
        """Topic taxonomies by name (for ``--topics NAME``): a path to a TOML or Markdown file, or
        the TOML's content as a mapping."""

    @hookspec
    def actor_gazetteers(self) -> dict[str, list[str]]:  # type: ignore[empty-body]
        """Office holders by ISO 3166-1 alpha-3 code (or "EU"), placing people the text does not."""


@cache
def manager() -> pluggy.PluginManager:
    """The plugin manager: the built-in plugins, then those installed (entry points), loaded once."""
    from .exports import builtin

    pm = pluggy.PluginManager(GROUP)
    pm.add_hookspecs(Specs)
    pm.register(builtin, name="pledgetrack.exports.builtin")
    pm.load_setuptools_entrypoints(GROUP)
    return pm


def reload() -> pluggy.PluginManager:
    """Forget the loaded plugins and load them again (after installing one in a running process)."""
    manager.cache_clear()
    from .exports import formats
    formats.cache_clear()
    return manager()
