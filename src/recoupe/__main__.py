"""`python -m recoupe`: the same as the `recoupe` command."""

from recoupe.cli import run

if __name__ == "__main__":
    run()
