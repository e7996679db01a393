#!/usr/bin/env python3
"""Time the app as a person uses it: from clicking "Check" after an upload to the verdict shown in the page.

Starts the app (`deepfake_lib.app`) with the default model and default bounds on a free localhost port and drives it
in headless Chromium (`deepfake_lib.app.browser_check`): a photo (the sample photo as a JPEG) and a 10 s 1080p video
(a DFDC video from ../shared/data/dfdc_videos, H.264, so the browser can show it). For each of `--repeat` rounds it
records the seconds from the click to the verdict text (photo; video), and to the annotated video shown (video: the
verdict comes first, the annotated copy, timeline and heatmaps after it). The first round includes warm-up costs and
is reported apart. Writes benchmarks/results/app.json and prints a markdown table.

    nice -n 5 .venv/bin/python benchmarks/bench_app.py [--data ../shared/data] [--video lynaeydofd.mp4] [--repeat 3]
"""
from __future__ import annotations
import argparse, json, os, socket, statistics, sys, tempfile, time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--data', default=str(ROOT.parent/'shared'/'data'))
    ap.add_argument('--video', default='lynaeydofd.mp4', help='a 10 s 1080p video in DATA/dfdc_videos (default: one with a face on every sampled frame)')
    ap.add_argument('--repeat', type=int, default=3)
    args = ap.parse_args()
    from PIL import Image
    from deepfake_lib.app import build_app, launch_app, browser_check, Limits
    from deepfake_lib.detect import Detector
    from deepfake_lib.core import sample_face
    from deepfake_lib.video import video_info
    video = Path(args.data)/'dfdc_videos'/args.video
    info = video_info(video)
    tmp = Path(tempfile.mkdtemp())
    photo = tmp/'photo.jpg'; Image.fromarray(sample_face()).save(photo, quality=95)
    with socket.socket() as s: s.bind(('127.0.0.1', 0)); port = s.getsockname()[1]
    t0 = time.perf_counter()
    det = Detector.from_pretrained()
    demo = build_app(det, examples_dir=tmp/'examples')
    url = launch_app(demo, port=port, block=False)
    startup = time.perf_counter() - t0
    rounds = []
    for k in range(args.repeat):
        r = browser_check(url, photo, video)
        rounds.append({key: r[key] for key in ('image_s', 'video_s', 'annotated_s')})
        print(f"round {k}: photo {r['image_s']:.2f} s, video verdict {r['video_s']:.2f} s, annotated video {r['annotated_s']:.2f} s",
              file=sys.stderr)
    demo.close()
    warm = rounds[1:] or rounds
    med = {key: round(statistics.median(r[key] for r in warm), 2) for key in rounds[0]}
    out = dict(model=det.name, frames=det.frames, video=args.video, video_size=[info.width, info.height], video_s=info.duration,
               startup_s=round(startup, 2), first_round=rounds[0], warm_median=med, rounds=rounds, cpus=os.cpu_count(),
               load_1min=os.getloadavg()[0], date=time.strftime('%Y-%m-%d'))
    dest = ROOT/'benchmarks'/'results'/'app.json'
    dest.parent.mkdir(exist_ok=True)
    dest.write_text(json.dumps(out, indent=1))
    print(f"| step | first round (s) | warm median (s) |\n|---|---|---|")
    for key, what in (('image_s', 'photo: click to verdict'), ('video_s', f'video {info.width}x{info.height}, {info.duration:.0f} s: click to verdict'),
                      ('annotated_s', 'video: click to annotated video shown')):
        print(f"| {what} | {rounds[0][key]:.2f} | {med[key]:.2f} |")
    print(f"\napp start-up (model load, examples, server): {startup:.1f} s; {det.frames} frames per video; wrote {dest}")
    return 0

if __name__ == '__main__': sys.exit(main())
