"""Run every notebook top to bottom as a reader's "Run All" would (`jupyter nbconvert --execute`) and check the repo stays clean.

Usage, from the repository root, with the `[notebooks]` extra installed:
    .venv/bin/python tools/run_notebooks.py [NOTEBOOK ...] [--timeout 900]
Executed copies go to a temporary folder (the notebooks in `nbs/` are not touched); a notebook that raises fails.
To check the "no data" case, run it in a fresh clone with no `../shared/data` beside it (or DEEPFAKE_DATA=/nowhere).
Prints one line per notebook, then `git status --porcelain` of what the run changed; exits 1 on any failure or change.
"""
import argparse, subprocess, sys, tempfile, time
from pathlib import Path

def run(nb: Path, out: Path, timeout: int) -> tuple[bool, float, str]:
    "(passed, seconds, last error line) of executing `nb` into `out`."
    t0 = time.time()
    r = subprocess.run([sys.executable, '-m', 'jupyter', 'nbconvert', '--to', 'notebook', '--execute', '--output-dir', str(out),
                        f'--ExecutePreprocessor.timeout={timeout}', str(nb)], capture_output=True, text=True)
    err = [l for l in r.stderr.splitlines() if l.strip()]
    return r.returncode == 0, time.time() - t0, (err[-1] if err and r.returncode else '')

def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('notebooks', nargs='*', help='notebooks to run (default: every nbs/*.ipynb)')
    p.add_argument('--timeout', type=int, default=900, help='seconds per cell')
    a = p.parse_args()
    nbs = [Path(n) for n in a.notebooks] or sorted(Path('nbs').glob('*.ipynb'))
    failed = []
    with tempfile.TemporaryDirectory() as out:
        for nb in nbs:
            ok, s, err = run(nb, Path(out), a.timeout)
            print(f"{'ok  ' if ok else 'FAIL'} {nb.name:28s} {s:6.1f} s  {err}", flush=True)
            if not ok: failed.append(nb.name)
    changed = subprocess.run(['git', 'status', '--porcelain'], capture_output=True, text=True).stdout
    print(f"{len(nbs) - len(failed)} passed, {len(failed)} failed; git status after the run: {'clean' if not changed else 'CHANGED'}")
    if changed: print(changed)
    return 1 if failed or changed else 0

if __name__ == '__main__': sys.exit(main())
