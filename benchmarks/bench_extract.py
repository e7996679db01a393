#!/usr/bin/env python3
"""Time face extraction per video on the shared DFDC videos: our pipeline against a naive baseline.

- ours: `deepfake_lib.extract.extract_video` (grab every frame, retrieve only the sampled ones; MTCNN on frames
  down-scaled by `faces.detect_scale`), then the crops written as JPEGs with `save_crops`; one process.
- baseline: every frame decoded (`cap.read()`) and converted to RGB, the sampled ones kept; MTCNN on the
  full-resolution frames; the same tracking, cropping and JPEG writing.

Each variant runs in a fresh subprocess so that peak RSS (`ru_maxrss`) of one does not mix with the other.
Writes benchmarks/results/extract.json and prints a markdown table.

    nice -n 10 .venv/bin/python benchmarks/bench_extract.py [--data ../shared/data] [--frames 32]
"""
from __future__ import annotations
import argparse, json, os, resource, statistics, subprocess, sys, tempfile, time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VARIANTS = ('ours', 'baseline')


def naive_frames(path, n: int):
    "Baseline decoding: read and convert every frame to RGB, keep the `n` sampled ones."
    import cv2
    from deepfake_lib.video import sample_indices
    cap = cv2.VideoCapture(str(path), cv2.CAP_FFMPEG)
    want = set(sample_indices(int(cap.get(cv2.CAP_PROP_FRAME_COUNT)), n))
    frames, idxs, i = [], [], 0
    while True:
        ok, bgr = cap.read()
        if not ok: break
        rgb = cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB)
        if i in want: frames.append(rgb); idxs.append(i)
        i += 1
    cap.release()
    return frames, idxs


def naive_extract(path, detector, frames: int, size: int = 224, margin: float = 0.3):
    "Baseline pipeline: naive decoding, full-resolution detection, then the library's tracking and cropping."
    from deepfake_lib.faces import track_faces, crop_face
    imgs, idxs = naive_frames(path, frames)
    faces = detector.detect(imgs)
    for fs, idx in zip(faces, idxs):
        for f in fs: f.frame = idx
    by_frame = dict(zip(idxs, imgs))
    tracked = [f for fs in track_faces(faces) for f in fs]
    return [(crop_face(by_frame[f.frame], f.box, margin=margin, size=size), f) for f in tracked]


def run_variant(variant: str, videos: list[Path], frames: int) -> dict:
    "Time `variant` on every video in this process; per-video seconds, faces, tracks, and the peak RSS."
    import torch
    from deepfake_lib.core import sample_face
    from deepfake_lib.faces import MTCNNDetector, get_detector
    from deepfake_lib.extract import extract_video, save_crops
    det = get_detector('mtcnn') if variant == 'ours' else MTCNNDetector(scale=1.0)
    det.detect([sample_face()])  # warm-up: model load and first-call allocations are not per-video costs
    rows = []
    with tempfile.TemporaryDirectory() as dest:
        for v in videos:
            t0 = time.perf_counter()
            crops = extract_video(v, det, frames=frames) if variant == 'ours' else naive_extract(v, det, frames)
            save_crops(dest, f'{variant}_{v.stem}', crops)
            rows.append(dict(video=v.name, seconds=round(time.perf_counter() - t0, 2), faces=len(crops),
                             tracks=len({f.track for _, f in crops})))
            print(f'{variant} {v.name}: {rows[-1]}', file=sys.stderr)
    return dict(videos=rows, median_s=round(statistics.median(r['seconds'] for r in rows), 2),
                peak_rss_mb=round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024), torch_threads=torch.get_num_threads())


def video_sizes(videos: list[Path]) -> dict:
    "Upright size and frame count of each video."
    from deepfake_lib.video import video_info
    return {v.name: (lambda i: f'{i.width}x{i.height}, {i.n_frames} frames')(video_info(v)) for v in videos}


def table(res: dict) -> str:
    "Markdown summary of the results."
    lines = ['| variant | median s/video | peak RSS MB | faces per video |', '|---|---|---|---|']
    for k in VARIANTS:
        r = res['variants'][k]
        lines.append(f"| {k} | {r['median_s']} | {r['peak_rss_mb']} | {', '.join(str(v['faces']) for v in r['videos'])} |")
    lines += ['', '| video | size | ' + ' | '.join(f'{k} s (faces, tracks)' for k in VARIANTS) + ' |', '|---|---|---|---|']
    for i, (name, size) in enumerate(res['videos'].items()):
        cells = [f"{res['variants'][k]['videos'][i]['seconds']} ({res['variants'][k]['videos'][i]['faces']}, "
                 f"{res['variants'][k]['videos'][i]['tracks']})" for k in VARIANTS]
        lines.append(f"| {name} | {size} | " + ' | '.join(cells) + ' |')
    return '\n'.join(lines)


def main():
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--data', default=None, help='shared data folder (default: $DEEPFAKE_DATA or ../shared/data)')
    p.add_argument('--frames', type=int, default=32)
    p.add_argument('--variant', choices=VARIANTS, help='(internal) run one variant in this process, print JSON')
    p.add_argument('--out', default=str(ROOT/'benchmarks'/'results'/'extract.json'))
    a = p.parse_args()
    from deepfake_lib.core import require_data, shared_data_path
    vdir = require_data(shared_data_path(a.data)/'dfdc_videos', 'DFDC videos')
    videos = sorted(vdir.glob('*.mp4'))
    if a.variant:
        print(json.dumps(run_variant(a.variant, videos, a.frames)))
        return
    res = dict(frames=a.frames, cpu_count=os.cpu_count(), load_avg_start=os.getloadavg(), videos=video_sizes(videos), variants={})
    for k in VARIANTS:
        cmd = [sys.executable, __file__, '--variant', k, '--frames', str(a.frames), '--data', str(vdir.parent)]
        out = subprocess.run(cmd, capture_output=False, stdout=subprocess.PIPE, text=True, check=True).stdout
        res['variants'][k] = json.loads(out.strip().splitlines()[-1])
    res['load_avg_end'] = os.getloadavg()
    res['speedup_median'] = round(res['variants']['baseline']['median_s'] / res['variants']['ours']['median_s'], 2)
    res['date'] = time.strftime('%Y-%m-%d %H:%M')
    Path(a.out).parent.mkdir(parents=True, exist_ok=True)
    Path(a.out).write_text(json.dumps(res, indent=2))
    print(table(res))
    print(f"\nspeed-up (median): {res['speedup_median']}x; load average {res['load_avg_start']} -> {res['load_avg_end']}; written {a.out}")


if __name__ == '__main__': main()
