"""The subcommands of ``newsarchive``.

Each module exposes ``NAME``, ``HELP``, ``configure(parser)`` and ``run(args) -> int``;
``newsarchive.cli.COMMANDS`` lists them. Modules import heavy dependencies inside
``run`` so that ``newsarchive --help`` stays fast.
"""
