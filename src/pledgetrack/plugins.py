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

Hooks: ``output_formats`` (exports of a diff, a thread or a statement listing).
"""
from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

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
