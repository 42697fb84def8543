"""`python -m kneewise ...`: the same as the `kneewise` command."""

from kneewise.cli import main

if __name__ == "__main__":
    main()
