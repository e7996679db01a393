#!/usr/bin/env python3
"""Run `deepfake_detect` on every input of the bad-input corpus (`deepfake_lib.corpus`), each in its own process, and
record the exit code, the answer (verdict, error or warning) and the peak memory (VmHWM of that process).

Besides the corpus (tiny files), large inputs for the memory bounds:
- `8k.mp4`: 48 frames of 7680x4320 (H.264), the sample face in the middle;
- `photo_90mp.jpg`: a 10950x8200 JPEG (90 megapixels, just under the 100 MP limit) and `photo_98mp.png`, a 12000x8200 PNG;
- a batch: every video of `../shared/data` (5 DFDC + 60 FF++ c40/DFD) in one process, when the data is there.

`--tree DIR` runs the command line from another checkout (e.g. a `git worktree` of an older commit, for a before/after
table): its `deepfake_lib` is put first on PYTHONPATH. The corpus is always made by this checkout.

    .venv/bin/python benchmarks/bench_badinputs.py [--tree DIR] [--tag after] [--data ../shared/data]

Writes benchmarks/results/badinputs_TAG.json and prints a markdown table.
"""
from __future__ import annotations
import argparse, json, os, subprocess, sys, tempfile, time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The child writes its own peak RSS (VmHWM: reset at exec, unlike ru_maxrss, which a child inherits from a large parent).
CHILD = """import os, sys
from pathlib import Path
try:
    from deepfake_lib.detect import detect_cli
    rc = detect_cli(sys.argv[1:])
finally:
    hwm = [l for l in Path('/proc/self/status').read_text().splitlines() if l.startswith('VmHWM')]
    Path(os.environ['BENCH_PEAK_FILE']).write_text(hwm[0].split()[1] if hwm else '0')
sys.exit(rc)"""


def run_detect(args: list[str], tree: Path | None) -> dict:
    "Run `deepfake_detect ARGS` in a fresh process: exit code, stderr's last lines, seconds and peak RSS (MB)."
    peak = Path(tempfile.mkstemp(suffix='.peak')[1])
    env = dict(os.environ, BENCH_PEAK_FILE=str(peak))
    if tree: env['PYTHONPATH'] = str(tree)
    t0 = time.perf_counter()
    with tempfile.TemporaryFile('w+') as err:
        p = subprocess.Popen([sys.executable, '-c', CHILD, *args], stdout=subprocess.DEVNULL, stderr=err, env=env, cwd=tempfile.gettempdir())
        rc = p.wait()
        err.seek(0); lines = [l for l in err.read().splitlines() if l.strip()]
    kb = int(peak.read_text() or 0); peak.unlink()
    return dict(rc=rc, seconds=round(time.perf_counter() - t0, 2), peak_mb=round(kb / 1024), stderr=lines[-3:], stderr_lines=len(lines))


def results_of(report: Path) -> list[dict]:
    "The per-file results of a JSON report, old (a bare list) or new (an object with `results`)."
    if not report.exists(): return []
    data = json.loads(report.read_text())
    return data['results'] if isinstance(data, dict) else data


def answer(r: dict) -> str:
    "One line: the error, or the verdict with p_fake, plus warnings."
    a = r['error'] if r.get('error') else f"{r['label']} {r['p_fake']:.2f}"
    return a + ''.join(f" [warning: {w}]" for w in r.get('warnings') or [])


def big_inputs(d: Path) -> list[tuple[str, str]]:
    "Write the large inputs into `d`: (file name, what)."
    import numpy as np
    from PIL import Image
    from deepfake_lib.core import sample_face
    from deepfake_lib.outputs import write_mp4
    face = np.asarray(Image.fromarray(sample_face()).resize((2048, 2048), Image.BILINEAR))   # a face about 380 px wide (5% of 8K)
    def frame_8k(k):
        f = np.full((4320, 7680, 3), 100, np.uint8)
        f[1100:3148, 2800 + 4 * k:4848 + 4 * k] = face
        return f
    write_mp4((frame_8k(k) for k in range(48)), d/'8k.mp4', 24, faststart=True)
    big = np.asarray(Image.fromarray(face).resize((8200, 8200), Image.BILINEAR))
    Image.fromarray(np.pad(big, ((0, 0), (1375, 1375), (0, 0)), constant_values=90)).save(d/'photo_90mp.jpg', quality=85)
    del big
    png = np.full((8200, 12000, 3), 90, np.uint8); png[3000:3512, 5000:5512] = sample_face()
    Image.fromarray(png).save(d/'photo_98mp.png', compress_level=1)
    return [('8k.mp4', '48 frames of 7680x4320 (8K), H.264, a face 380 px wide'), ('photo_90mp.jpg', 'a 10950x8200 JPEG (90 MP)'),
            ('photo_98mp.png', 'a 12000x8200 PNG (98 MP)')]


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    p.add_argument('--tree', type=Path, help='checkout whose deepfake_lib runs (default: this one)')
    p.add_argument('--tag', default='after')
    p.add_argument('--data', type=Path, default=ROOT.parent/'shared'/'data')
    p.add_argument('--no-big', action='store_true', help='skip the 8K video, the 90 MP photo and the batch')
    a = p.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from deepfake_lib.corpus import make_corpus, snapshot
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp)/'corpus'
        cases = [(c.name, c.what) for c in make_corpus(d)]
        if not a.no_big: cases += big_inputs(d)
        before = snapshot(d)
        for name, what in cases:
            out = Path(tmp)/'report.json'; out.unlink(missing_ok=True)
            r = run_detect([str(d/name), '--out', str(out), '-q'], a.tree)
            res = results_of(out)
            rows.append(dict(file=name, what=what, **r, answer=answer(res[0]) if res else ' / '.join(r['stderr'][-1:])))
            print(f"{name:18s} rc={r['rc']} {r['peak_mb']:5d} MB {r['seconds']:6.2f} s  {rows[-1]['answer'][:110]}", flush=True)
        videos = sorted((a.data/'dfdc_videos').glob('*.mp4')) + sorted((a.data/'ffpp_c40').rglob('*.mp4'))
        if not a.no_big and videos:
            out = Path(tmp)/'report.json'; out.unlink(missing_ok=True)
            r = run_detect([*map(str, videos), '--out', str(out), '-q'], a.tree)
            res = results_of(out)
            ok = sum(1 for x in res if not x.get('error'))
            rows.append(dict(file=f'batch of {len(videos)} videos', what='every shared DFDC and FF++ video, one process', **r,
                             answer=f"{ok} verdicts, {len(res) - ok} errors"))
            print(f"batch rc={r['rc']} {r['peak_mb']} MB {r['seconds']} s {rows[-1]['answer']}", flush=True)
        changed = [k for k, v in snapshot(d).items() if before.get(k) != v]
    res = dict(tag=a.tag, tree=str(a.tree or ROOT), inputs_changed=changed, rows=rows)
    out = ROOT/'benchmarks'/'results'/f'badinputs_{a.tag}.json'
    out.write_text(json.dumps(res, indent=1))
    print(f"\ninputs changed: {changed or 'none'}\n\n| file | rc | peak MB | answer |\n|---|---|---|---|")
    for r in rows: print(f"| {r['file']} | {r['rc']} | {r['peak_mb']} | {r['answer']} |")
    print(f"\nwrote {out}")


if __name__ == '__main__': main()
