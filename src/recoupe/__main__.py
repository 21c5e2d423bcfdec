"""`python -m recoupe`: the same as the `recoupe` command."""

from recoupe.cli import main

if __name__ == "__main__":
    main()
