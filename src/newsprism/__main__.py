"""`python -m newsprism`: the same command line as the `newsprism` console script."""

from newsprism.cli import main

if __name__ == "__main__":
    main()
