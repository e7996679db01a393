#!/usr/bin/env python3
"""Check that the default, selective decoder gives exactly the OpenCV path's frames on every shared video, and time both.

For each video of `dfdc_videos/` and `ffpp_c40/` (65 in all), the 32 sampled frames are read by
`stream_frames(decoder='selective')` (the default: PyAV, leaving out the non-reference frames that are not sampled) and
by `stream_frames(decoder='opencv')` (every frame decoded up to the last sampled one). Recorded per video: whether the
frame numbers and every pixel are equal, how the selective stream read it (`SelectiveStream` with how many packets left
undecoded, or OpenCV where it fell back), and the median seconds of each (and of the decode floor: every frame grabbed
by OpenCV, nothing else), over `--repeats` interleaved runs.

Writes benchmarks/results/decoders.json and prints a summary.

    nice -n 5 .venv/bin/python benchmarks/check_decoders.py [--data ../shared/data] [--repeats 3]
"""
from __future__ import annotations
import argparse, json, os, statistics, sys, time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_detect import decode_floor   # the floor, measured as bench_detect measures it


def timed(f) -> tuple[float, object]:
    "(seconds, result) of `f()`."
    t = time.perf_counter(); r = f()
    return time.perf_counter() - t, r


def read(path: Path, decoder: str):
    "The stream and its (index, frame) pairs of the 32 sampled frames of `path` read by `decoder`."
    from deepfake_lib.video import stream_frames
    st = stream_frames(path, 32, decoder=decoder)
    return st, list(st)


def check(path: Path, repeats: int) -> dict:
    "Equality of the two decoders' frames on `path`, and their median times."
    import numpy as np
    sel, a = read(path, 'selective')
    ref, b = read(path, 'opencv')
    same = [i for i, _ in a] == [i for i, _ in b] and all(np.array_equal(x, y) for (_, x), (_, y) in zip(a, b))
    times = {'floor': [], 'opencv': [], 'selective': []}
    for _ in range(repeats):
        times['floor'].append(decode_floor(path))
        times['opencv'].append(timed(lambda: read(path, 'opencv'))[0])
        times['selective'].append(timed(lambda: read(path, 'selective'))[0])
    med = {k: round(statistics.median(v), 4) for k, v in times.items()}
    return dict(identical=bool(same), frames=len(a), read_by=type(sel).__name__ if sel.skipped else 'OpenCV (fallback or nothing skipped)',
                skipped=sel.skipped, n_frames=sel.info.n_frames, problems=sel.problems() + ref.problems(), **{f'{k}_s': v for k, v in med.items()})


def main():
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--data', default=None, help='shared data folder (default: $DEEPFAKE_DATA or ../shared/data)')
    p.add_argument('--repeats', type=int, default=3)
    p.add_argument('--out', default=str(ROOT/'benchmarks'/'results'/'decoders.json'))
    a = p.parse_args()
    from deepfake_lib.core import require_data, shared_data_path
    data = shared_data_path(a.data)
    videos = sorted(require_data(data/'dfdc_videos', 'DFDC videos').glob('*.mp4')) + sorted(require_data(data/'ffpp_c40', 'ffpp_c40').rglob('*.mp4'))
    rows = {}
    for v in videos:
        rows[str(v.relative_to(data))] = r = check(v, a.repeats)
        print(f"{v.name}: identical={r['identical']} skipped {r['skipped']}/{r['n_frames']} selective {r['selective_s']} s, "
              f"opencv {r['opencv_s']} s, floor {r['floor_s']} s", file=sys.stderr, flush=True)
    tot = {k: round(sum(r[f'{k}_s'] for r in rows.values()), 2) for k in ('floor', 'opencv', 'selective')}
    res = dict(date=time.strftime('%Y-%m-%d %H:%M'), cpu_count=os.cpu_count(), repeats=a.repeats, videos=len(rows),
               identical=sum(r['identical'] for r in rows.values()), read_selectively=sum(r['skipped'] > 0 for r in rows.values()),
               skipped_fraction=round(sum(r['skipped'] for r in rows.values()) / sum(r['n_frames'] for r in rows.values()), 3),
               total_s=tot, selective_over_opencv=round(tot['selective'] / tot['opencv'], 3),
               selective_over_floor=round(tot['selective'] / tot['floor'], 3), per_video=rows)
    Path(a.out).parent.mkdir(parents=True, exist_ok=True)
    Path(a.out).write_text(json.dumps(res, indent=2))
    print(f"{res['identical']} of {res['videos']} videos: identical frames; {res['read_selectively']} read selectively, "
          f"{res['skipped_fraction']:.0%} of all frames left undecoded; total seconds {tot} "
          f"(selective / opencv {res['selective_over_opencv']}, / floor {res['selective_over_floor']}); written {a.out}")


if __name__ == '__main__': main()
