#!/usr/bin/env python3
"""Time end-to-end detection per video on the shared DFDC videos, stage by stage, and the classifier alone.

- Each variant runs `deepfake_lib.detect.Detector.predict_video` on every video after one warm-up call on a sample
  clip (model load and first-call allocations are not per-video costs; they are reported as `cold_s`). Variants run
  interleaved, video by video, in one process, so that all of them see the same load on this shared machine and
  their ratios are fair; peak RSS (`ru_maxrss`) is therefore one number for the whole run (the default variant,
  32 frames, holds the most frames).
  Stages come from the result's `timings`: decode (sampled frames), detect (MTCNN + tracking), classify (crop,
  preprocess, model), aggregate.
- Variants: `default` (32 frames, the card's MTCNN settings), `frames16` (16 frames), `minface40` (32 frames,
  MTCNN `min_face_size=40`, i.e. faces of at least ~80 px in a 1080p frame, which MTCNN scans at half size), and
  `fast16` (both levers).
- The machine is shared: besides wall seconds, each video's process CPU seconds (all threads) and the 1-minute load
  average are recorded. On an idle 2-core machine wall time is at least CPU time / 2.
- Classifier alone: a batch of 32 faces at the model's input size under `torch.inference_mode`, median of repeats.

Uses the default model (saved_models/) if it exists, else an untrained ImageNet-initialised lite0 card at 128 px in a
temporary folder (timings are the same; verdicts are meaningless then, and the JSON says so).
Writes benchmarks/results/detect.json and prints a markdown table.

    nice -n 5 .venv/bin/python benchmarks/bench_detect.py [--data ../shared/data] [--model PATH]
"""
from __future__ import annotations
import argparse, json, os, resource, statistics, sys, tempfile, time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VARIANTS = {'default': dict(frames=32), 'frames16': dict(frames=16), 'minface40': dict(frames=32, min_face_size=40),
            'fast16': dict(frames=16, min_face_size=40)}
STAGES = ('decode', 'detect', 'classify', 'aggregate', 'total')


def model_path(arg: str | None, tmp: Path) -> tuple[Path, bool]:
    "(model path, whether it is the trained model): `arg`, the default model, else an untrained stand-in in `tmp`."
    from deepfake_lib.models import default_model_path, create_model, save_model
    if arg: return Path(arg), True
    if default_model_path().exists(): return default_model_path(), True
    card = dict(name='untrained_lite0_128', arch='tf_efficientnet_lite0', colour='rgb', input_size=128, mean=[0.5] * 3,
                std=[0.5] * 3, crop=dict(margin=0.0, square=False, size=224, detector='mtcnn'), temperature=1.0, threshold=0.5)
    return save_model(create_model('tf_efficientnet_lite0', pretrained=True), card, tmp/'untrained_lite0_128', overwrite=True), False


def classifier_rate(det, repeats: int = 7) -> dict:
    "Median seconds for a batch of 32 faces at the model's input size, and faces per second."
    import torch
    s, c = det.card['input_size'], len(det.card.get('mean', [0] * 3))
    x = torch.randn(32, c, s, s)
    det.classify(x)  # warm-up
    times = []
    for _ in range(repeats):
        t = time.perf_counter(); det.classify(x); times.append(time.perf_counter() - t)
    m = statistics.median(times)
    return dict(batch=32, input_size=s, median_s=round(m, 4), faces_per_s=round(32 / m, 1))


def run_all(names: list[str], videos: list[Path], model: Path) -> dict:
    "Time every variant on every video in this process, interleaved (video by video) so all see the same machine load."
    import torch
    from deepfake_lib.detect import Detector, make_samples
    from deepfake_lib.faces import get_detector
    dets, cold = {}, {}
    for k in names:
        t0 = time.perf_counter()
        fd = get_detector('mtcnn', min_face_size=VARIANTS[k]['min_face_size']) if 'min_face_size' in VARIANTS[k] else None
        dets[k] = Detector.from_pretrained(model, frames=VARIANTS[k]['frames'], face_detector=fd)
        with tempfile.TemporaryDirectory() as d: dets[k].predict_video(make_samples(d)[1])  # warm-up
        cold[k] = round(time.perf_counter() - t0, 2)
    rows = {k: [] for k in names}
    for v in videos:
        for k in names:
            c0 = time.process_time()
            r = dets[k].predict_video(v)
            rows[k].append(dict(video=v.name, label=r.label, p_fake=None if r.p_fake is None else round(r.p_fake, 3), error=r.error,
                                faces=len(r.faces), tracks=len(r.tracks), **{s: round(r.timings.get(s, 0.), 3) for s in STAGES},
                                cpu_s=round(time.process_time() - c0, 2), load1=round(os.getloadavg()[0], 1)))
            print(f'{k} {v.name}: {rows[k][-1]}', file=sys.stderr)
    out = {}
    for k in names:
        med = {s: round(statistics.median(r[s] for r in rows[k]), 3) for s in STAGES + ('cpu_s',)}
        n_faces = sum(r['faces'] for r in rows[k])
        out[k] = dict(settings=VARIANTS[k], videos=rows[k], median_s=med, cold_s=cold[k],
                      classify_faces_per_s_in_pipeline=round(n_faces / max(sum(r['classify'] for r in rows[k]), 1e-9), 1))
    out['default']['classifier'] = classifier_rate(dets['default'])
    return dict(variants=out, peak_rss_mb=round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
                torch_threads=torch.get_num_threads())


def video_sizes(videos: list[Path]) -> dict:
    "Upright size, frame count and duration of each video."
    from deepfake_lib.video import video_info
    return {v.name: (lambda i: f'{i.width}x{i.height}, {i.n_frames} frames, {i.duration:.1f} s')(video_info(v)) for v in videos}


def table(res: dict) -> str:
    "Markdown summary of the results."
    lines = ['| variant | frames | min face | median s/video | decode | detect | classify | aggregate | CPU s/video | peak RSS MB | cold start s | load avg |',
             '|---|---|---|---|---|---|---|---|---|---|---|---|']
    for k, r in res['variants'].items():
        m, st = r['median_s'], r['settings']
        lines.append(f"| {k} | {st['frames']} | {st.get('min_face_size', 20)} | {m['total']} | {m['decode']} | {m['detect']} | "
                     f"{m['classify']} | {m['aggregate']} | {m['cpu_s']} | {res['peak_rss_mb']} | {r['cold_s']} | "
                     f"{min(v['load1'] for v in r['videos'])}-{max(v['load1'] for v in r['videos'])} |")
    c = res['variants']['default']['classifier']
    lines += ['', f"Classifier alone: batch of 32 at {c['input_size']} px in {c['median_s']} s = **{c['faces_per_s']} faces/s**.",
              '', '| video | size | truth | ' + ' | '.join(f'{k}: s, label (p_fake), faces/tracks' for k in res['variants']) + ' |',
              '|---|---|---|' + '---|' * len(res['variants'])]
    for i, (name, size) in enumerate(res['videos'].items()):
        cells = [(lambda v: f"{v['total']}, {v['label']} ({v['p_fake']}), {v['faces']}/{v['tracks']}")(r['videos'][i])
                 for r in res['variants'].values()]
        lines.append(f"| {name} | {size} | {res['truth'].get(name, '?')} | " + ' | '.join(cells) + ' |')
    return '\n'.join(lines)


def main():
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--data', default=None, help='shared data folder (default: $DEEPFAKE_DATA or ../shared/data)')
    p.add_argument('--model', default=None, help='model .pth (default: the default model, else an untrained stand-in)')
    p.add_argument('--variants', nargs='+', default=list(VARIANTS), choices=list(VARIANTS))
    p.add_argument('--limit', type=int, default=None, help='only the first N videos')
    p.add_argument('--out', default=str(ROOT/'benchmarks'/'results'/'detect.json'))
    a = p.parse_args()
    from deepfake_lib.core import require_data, shared_data_path
    vdir = require_data(shared_data_path(a.data)/'dfdc_videos', 'DFDC videos')
    videos = sorted(vdir.glob('*.mp4'))[:a.limit]
    import csv
    with tempfile.TemporaryDirectory() as tmp:
        model, trained = model_path(a.model, Path(tmp))
        res = dict(model=str(model), trained_model=trained, cpu_count=os.cpu_count(), load_avg_start=os.getloadavg(),
                   videos=video_sizes(videos), truth={r['path']: r['label'] for r in csv.DictReader(open(vdir/'labels.csv'))},
                   **run_all(['default'] + [v for v in a.variants if v != 'default'], videos, model))
    res['load_avg_end'] = os.getloadavg()
    res['date'] = time.strftime('%Y-%m-%d %H:%M')
    Path(a.out).parent.mkdir(parents=True, exist_ok=True)
    Path(a.out).write_text(json.dumps(res, indent=2))
    print(table(res))
    print(f"\nmodel: {model} ({'trained' if trained else 'UNTRAINED stand-in: verdicts meaningless'}); "
          f"load average {res['load_avg_start']} -> {res['load_avg_end']}; written {a.out}")


if __name__ == '__main__': main()
