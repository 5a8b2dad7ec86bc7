"""The ``forlop`` console command.

Kernel commands (``evaluate``, ``catalog``, ``indicators compute``, ``npr lint FILE``)
run without Django so they start fast and work without a database; everything else is
a Django management command.
"""

import os
import sys


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "evaluate":
        from forlop.kernel.cli import evaluate_main

        return evaluate_main(argv[1:], sys.stdin, sys.stdout, sys.stderr)
    if argv and argv[0] == "catalog":
        from forlop.kernel.cli import catalog_main

        return catalog_main(argv[1:], sys.stdout, sys.stderr)
    if argv[:2] == ["npr", "lint"] and _names_a_file(argv[2:]):
        from forlop.kernel.npr_cli import npr_lint_main

        return npr_lint_main(argv[2:], sys.stdin, sys.stdout, sys.stderr)
    if argv[:2] == ["indicators", "compute"]:
        from forlop.kernel.cli import indicators_main

        return indicators_main(argv[1:], sys.stdin, sys.stdout, sys.stderr)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "forlop.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["forlop", *argv])
    return 0


# ``forlop npr lint FILE`` reads a file with the kernel alone; without FILE it reads
# the database (the Django command ``npr``).
_VALUED_OPTIONS = frozenset({"--unit", "--period", "--today"})


def _names_a_file(args: list[str]) -> bool:
    skip = False
    for arg in args:
        if skip:
            skip = False
        elif arg in _VALUED_OPTIONS:
            skip = True
        elif arg == "-" or not arg.startswith("-"):
            return True
    return False


if __name__ == "__main__":
    sys.exit(main())
