"""The ``stance`` command line: a thin typer layer over the public API.

Every error a user can cause (bad path, bad encoding, bad option, bad lexicon)
becomes one line on stderr and exit code 2, never a traceback.
"""

from __future__ import annotations

import sys
from typing import Any, Sequence

import typer
from typer.core import TyperGroup

from stance import __version__
from stance.errors import StanceError

__all__ = ["app", "main"]


class _OneLineErrors(TyperGroup):
    """Report usage errors and stance errors as one line with exit code 2."""

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None,
             complete_var: str | None = None, standalone_mode: bool = True, **extra: Any) -> Any:
        try:
            rv = super().main(args, prog_name or "stance", complete_var, standalone_mode=False, **extra)
        except StanceError as e:
            _fail(str(e))
        except typer.TyperException as e:  # usage errors: bad option, missing argument, ...
            ctx = getattr(e, "ctx", None)
            where = f" (see '{ctx.command_path} --help')" if ctx is not None else ""
            _fail(f"{e.format_message()}{where}")
        except typer.Exit as e:
            sys.exit(e.exit_code)
        except typer.Abort:
            typer.echo("stance: aborted", err=True)
            sys.exit(130)
        except BrokenPipeError:
            sys.stderr.close()
            sys.exit(0)
        sys.exit(rv if isinstance(rv, int) else 0)


def _fail(message: str) -> None:
    typer.echo(f"stance: error: {message}", err=True)
    sys.exit(2)


app = typer.Typer(
    cls=_OneLineErrors,
    name="stance",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"stance {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Print the version and exit."),
) -> None:
    """Compare how Arabic news outlets attribute claims, frame parties and agree with each other.

    Inputs (PATH): a directory of .txt files (with an optional metadata.csv),
    .jsonl / .csv / .tsv files with a 'text' field, a single .txt file, or '-'
    for standard input.
    """


def main() -> None:
    """Console-script entry point."""
    app()


from stance.cli import text as _text  # noqa: E402,F401  (registers the commands)
from stance.cli import attribution as _attribution  # noqa: E402,F401
from stance.cli import framing as _framing  # noqa: E402,F401
from stance.cli import compare as _compare  # noqa: E402,F401
from stance.cli import models as _models  # noqa: E402,F401
from stance.cli import claim_stance as _claim_stance  # noqa: E402,F401
