"""`python -m newsprism`: the same command line as the `newsprism` console script."""

from newsprism.cli import app

if __name__ == "__main__":
    app(prog_name="newsprism")
