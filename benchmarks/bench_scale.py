#!/usr/bin/env python3
"""Face extraction on one machine against Ray with 1 and 2 workers, on the shared videos: same crops, time per video.

For each dataset (`dfdc_videos/`: 5 videos of 10 s at 1080p/720p; `ffpp_c40/`: 60 videos) and each configuration
(`local` with 1 and 2 worker processes, `ray` with a local cluster of 1 and 2 CPUs), `deepfake_extract`'s
`extract_dataset` writes the crops into a fresh temporary folder (MTCNN, 32 frames, the model cards' crop settings)
and the wall time is taken, Ray's start-up included. Every configuration's `labels.csv` is compared with the local
one-worker run: the same rows (video, frame, track), detector scores within 1e-3. From the measured time per video
it also works out, on paper, what the full DFDC training set (about 119,000 videos) would take on N workers.

Writes benchmarks/results/scale.json and prints a markdown table.

    .venv/bin/python benchmarks/bench_scale.py [--data ../shared/data] [--sets dfdc_videos ffpp_c40]
"""
from __future__ import annotations
import argparse, json, os, sys, tempfile, time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONFIGS = (('local', 1), ('local', 2), ('ray', 1), ('ray', 2))
DFDC_TRAIN_VIDEOS = 119_000


def run(src: Path, engine: str, workers: int) -> tuple[float, 'pd.DataFrame']:
    "(seconds, labels) of one extraction of `src` into a fresh folder."
    from deepfake_lib.extract import extract_dataset
    with tempfile.TemporaryDirectory() as d:
        t0 = time.perf_counter()
        labels = extract_dataset(src, Path(d)/'faces', frames=32, margin=0.0, square=False, workers=workers, progress=False,
                                 engine=engine)
        return time.perf_counter() - t0, labels


def same_crops(a, b) -> dict:
    "Whether two labels tables list the same crops, and the largest score difference."
    key = ['video_id', 'frame', 'track']
    a, b = a.sort_values(key).reset_index(drop=True), b.sort_values(key).reset_index(drop=True)
    same_rows = len(a) == len(b) and a[key].equals(b[key])
    return dict(same_rows=bool(same_rows), max_score_diff=float((a.score - b.score).abs().max()) if same_rows else None)


def on_paper(sets: dict) -> dict:
    "What the full DFDC training set would take on N workers, from the measured time per DFDC video of one local worker."
    rows = sets.get('dfdc_videos') or next(iter(sets.values()))
    per_video = next(r['s_per_video'] for r in rows if r['engine'] == 'local' and r['workers'] == 1)
    return dict(full_dfdc_on_paper={f'{n} workers': f"{DFDC_TRAIN_VIDEOS * per_video / n / 3600:.1f} h" for n in (1, 2, 16, 64, 256)},
                full_dfdc_note=f"{DFDC_TRAIN_VIDEOS} videos x {per_video} s per DFDC video (10 s, 1080p/720p) for one local worker "
                               "(a 2-core process), divided by the workers: assumes workers like this machine and storage that keeps up")


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--data', default=None, help='shared data folder (default: $DEEPFAKE_DATA or ../shared/data)')
    p.add_argument('--sets', nargs='+', default=['dfdc_videos', 'ffpp_c40'])
    a = p.parse_args()
    from deepfake_lib.core import require_data, shared_data_path
    data = require_data(shared_data_path(a.data), 'shared data')
    out = dict(date=time.strftime('%Y-%m-%d %H:%M'), cpu_count=os.cpu_count(), load_avg_start=os.getloadavg(), sets={})
    for name in a.sets:
        src, rows, ref = data/name, [], None
        for engine, workers in CONFIGS:
            secs, labels = run(src, engine, workers)
            n = labels.video_id.nunique()
            row = dict(engine=engine, workers=workers, seconds=round(secs, 1), videos=int(n), faces=len(labels),
                       s_per_video=round(secs / n, 2))
            if ref is None: ref = labels
            row.update(same_crops(ref, labels))
            rows.append(row)
            print(f"{name} {engine} x{workers}: {row['seconds']} s, {row['s_per_video']} s/video, same crops: {row['same_rows']}",
                  file=sys.stderr, flush=True)
        base = rows[0]['s_per_video']
        for r in rows: r['speedup_vs_local_1'] = round(base / r['s_per_video'], 2)
        out['sets'][name] = rows
    out.update(on_paper(out['sets']))
    out['load_avg_end'] = os.getloadavg()
    (ROOT/'benchmarks'/'results').mkdir(exist_ok=True)
    (ROOT/'benchmarks'/'results'/'scale.json').write_text(json.dumps(out, indent=1))
    print('| set | engine | workers | s | s/video | speed-up | same crops | max score diff |\n|---|---|---|---|---|---|---|---|')
    for name, rows in out['sets'].items():
        for r in rows:
            print(f"| {name} | {r['engine']} | {r['workers']} | {r['seconds']} | {r['s_per_video']} | {r['speedup_vs_local_1']} | "
                  f"{r['same_rows']} | {r['max_score_diff']} |")
    print('full DFDC on paper:', out['full_dfdc_on_paper'])
    return 0


if __name__ == '__main__': sys.exit(main())
