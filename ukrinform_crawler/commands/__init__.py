"""Project commands (``COMMANDS_MODULE``): ``crawl`` with an exit code telling how the run went."""
