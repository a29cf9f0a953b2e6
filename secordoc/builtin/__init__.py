"""The core's own plugins, registered like any partner's (see plugin_manager.BUILTIN_PLUGINS)."""
