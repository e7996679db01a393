#!/usr/bin/env python3
"""Time end-to-end detection per video on the shared DFDC videos against the cost of decoding them.

- **Decode floor**: every frame of the video decoded (OpenCV `grab()`), nothing else: no detector that looks at the
  frames can be faster. Measured in the same run, interleaved video by video with the variants, so that all see the
  same load on this shared machine; every variant is reported as a ratio to it.
- **Variants** (`Detector.predict_video`, 32 frames, the default model; one warm-up call each first):
  `default` (RetinaFace where installed, classifier through ONNX Runtime, decoding overlapped with detection, the
  selective decoder: non-reference frames that are not sampled are left undecoded), `opencv` (the same, every frame
  decoded by OpenCV, the default before 2026-11-25: the same frames),
  `every2` (the same, faces detected on every other sampled frame and interpolated in between),
  `mtcnn` (the same with MTCNN on down-scaled frames), `torch` (default faces, eager torch classifier) and
  `seeds` (the original notes' pipeline: MTCNN at full resolution, eager torch), and `scale033` (the default with
  frames shrunk by 0.33 before detection, as before 1080p frames were shrunk by exactly 1/3), and `skim` (the default
  decoding with PyAV, skipping the frames no other frame refers to: `decoder='skip-nonref'`).
- Each (video, variant) is timed `--repeats` times; the median is kept. Stages come from the result's `timings`
  (decode = time spent waiting for frames, which decode in a background thread).
- **Peak memory and cold start**: each variant also runs in a fresh process on every video; its peak RSS
  (`ru_maxrss`) and the seconds from process start to the first verdict are recorded.
- **Classifier alone**: a batch of 32 faces at the model's input size, ONNX Runtime and eager torch, faces per
  second (median of repeats) and the largest difference between their logits.

Writes benchmarks/results/detect.json and prints markdown tables.

    nice -n 5 .venv/bin/python benchmarks/bench_detect.py [--data ../shared/data] [--model PATH] [--repeats 3]
"""
from __future__ import annotations
import argparse, json, os, resource, statistics, subprocess, sys, tempfile, time
from pathlib import Path

T_START = time.perf_counter()
ROOT = Path(__file__).resolve().parent.parent
VARIANTS = {'default': dict(),
            'opencv': dict(decoder='opencv'),
            'every2': dict(detect_every=2),
            'mtcnn': dict(face_detector='mtcnn'),
            'torch': dict(backend='torch'),
            'seeds': dict(face_detector='mtcnn_full', backend='torch'),
            'scale033': dict(face_detector='retinaface_033'),
            'skim': dict(decoder='skip-nonref')}
STAGES = ('decode', 'detect', 'classify', 'aggregate', 'total')


def make_detector(model, variant: str, frames: int = 32):
    "The `Detector` of `variant` (`mtcnn_full`: MTCNN on full-resolution frames, as the seeds ran it)."
    from deepfake_lib.detect import Detector
    from deepfake_lib.faces import get_detector
    kw = dict(VARIANTS[variant])
    if kw.get('face_detector') == 'mtcnn_full': kw['face_detector'] = get_detector('mtcnn', scale=1.0)
    if kw.get('face_detector') == 'retinaface_033': kw['face_detector'] = get_detector('retinaface', scale=0.33)
    return Detector.from_pretrained(model, frames=frames, **kw)


def decode_floor(path: Path) -> float:
    "Seconds to decode every frame of `path` (OpenCV grab), nothing else."
    import cv2
    t0 = time.perf_counter()
    cap = cv2.VideoCapture(str(path), cv2.CAP_FFMPEG)
    while cap.grab(): pass
    cap.release()
    return time.perf_counter() - t0


def run_interleaved(names: list[str], videos: list[Path], model, repeats: int) -> dict:
    "Median timings of the floor and of every variant on every video, interleaved."
    from deepfake_lib.detect import make_samples
    dets = {k: make_detector(model, k) for k in names}
    with tempfile.TemporaryDirectory() as d:
        clip = make_samples(d)[1]
        for det in dets.values(): det.predict_video(clip)  # warm-up: sessions, first allocations
    rows = {k: [] for k in ['floor'] + names}
    for v in videos:
        floors, per = [], {k: [] for k in names}
        for _ in range(repeats):
            floors.append(decode_floor(v))
            for k in names:
                c0 = time.process_time()
                r = dets[k].predict_video(v)
                per[k].append((r, time.process_time() - c0))
        floor = statistics.median(floors)
        rows['floor'].append(dict(video=v.name, total=round(floor, 3)))
        for k in names:
            r = per[k][0][0]
            med = {s: round(statistics.median(x.timings.get(s, 0.) for x, _ in per[k]), 3) for s in STAGES}
            rows[k].append(dict(video=v.name, label=r.label, p_fake=None if r.p_fake is None else round(r.p_fake, 3), error=r.error,
                                faces=len(r.faces), tracks=len(r.tracks), **med, ratio=round(med['total'] / floor, 2),
                                cpu_s=round(statistics.median(c for _, c in per[k]), 2), load1=round(os.getloadavg()[0], 1)))
            print(f"{k} {v.name}: {rows[k][-1]['total']} s = {rows[k][-1]['ratio']}x floor ({floor:.2f} s)", file=sys.stderr, flush=True)
    out = {'floor': dict(videos=rows['floor'], median_s=round(statistics.median(r['total'] for r in rows['floor']), 3))}
    for k in names:
        out[k] = dict(settings=VARIANTS[k], videos=rows[k], median_s={s: round(statistics.median(r[s] for r in rows[k]), 3) for s in STAGES},
                      median_ratio_to_floor=round(statistics.median(r['ratio'] for r in rows[k]), 2),
                      total_ratio_to_floor=round(sum(r['total'] for r in rows[k]) / sum(r['total'] for r in rows['floor']), 2),
                      face_detector=repr(dets[k].face_detector), classifier=repr(dets[k].runner))
    if 'seeds' in names:
        for k in names: out[k]['speedup_vs_seeds'] = round(sum(r['total'] for r in rows['seeds']) / sum(r['total'] for r in rows[k]), 2)
    return out


def classifier_rate(model, repeats: int = 9) -> dict:
    "Faces per second of the classifier alone (batch 32) on ONNX Runtime and eager torch, and their largest logit difference."
    import numpy as np
    out = {}
    runners = {b: make_detector(model, 'default' if b == 'onnx' else 'torch').runner for b in ('onnx', 'torch')}
    det = make_detector(model, 'default')
    s, c = det.card['input_size'], det.card.get('in_chans', 3)
    x = np.random.default_rng(0).standard_normal((32, c, s, s)).astype(np.float32)
    for b, run in runners.items():
        run(x)
        times = []
        for _ in range(repeats):
            t = time.perf_counter(); run(x); times.append(time.perf_counter() - t)
        out[b] = dict(runner=repr(run), median_s=round(statistics.median(times), 4), faces_per_s=round(32 / statistics.median(times), 1))
    out['max_logit_difference'] = float(np.abs(runners['onnx'](x) - runners['torch'](x)).max())
    out.update(batch=32, input_size=s)
    return out


def child(variant: str, videos: list[str], model) -> None:
    "In a fresh process: judge every video with `variant`; print seconds to the first verdict and peak RSS (JSON)."
    det = make_detector(model, variant)
    first = None
    for v in videos:
        det.predict_video(v)
        first = first or time.perf_counter() - T_START
    print(json.dumps(dict(variant=variant, first_verdict_s=round(first, 2), peak_rss_mb=round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
                          torch_imported='torch' in sys.modules)))


def fresh_process(variant: str, videos: list[Path], model) -> dict:
    "Peak RSS and cold start of `variant` measured in its own process."
    cmd = [sys.executable, __file__, '--child', variant, '--model', str(model), *map(str, videos)]
    return json.loads(subprocess.run(cmd, capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1])


def table(res: dict) -> str:
    "Markdown summary."
    v = res['variants']
    lines = ['| variant | median s/video | x decode floor (median; all videos) | decode wait | detect | classify | speed-up vs seeds | peak RSS MB | first verdict s (cold) |',
             '|---|---|---|---|---|---|---|---|---|',
             f"| decode floor | {v['floor']['median_s']} | 1.0 | | | | | | |"]
    for k, r in v.items():
        if k == 'floor': continue
        m, p = r['median_s'], res['fresh'].get(k, {})
        lines.append(f"| {k} | {m['total']} | {r['median_ratio_to_floor']}; {r['total_ratio_to_floor']} | {m['decode']} | {m['detect']} | "
                     f"{m['classify']} | {r.get('speedup_vs_seeds', '')} | {p.get('peak_rss_mb', '')} | {p.get('first_verdict_s', '')} |")
    c = res['classifier']
    lines += ['', f"Classifier alone, batch 32 at {c['input_size']} px: ONNX Runtime **{c['onnx']['faces_per_s']} faces/s**, "
              f"eager torch {c['torch']['faces_per_s']} faces/s; largest logit difference {c['max_logit_difference']:.1e}.", '',
              '| video | size | truth | floor s | ' + ' | '.join(f'{k}: s, label (p_fake), faces' for k in v if k != 'floor') + ' |',
              '|---|---|---|---|' + '---|' * (len(v) - 1)]
    for i, (name, size) in enumerate(res['videos'].items()):
        cells = [(lambda x: f"{x['total']}, {x['label']} ({x['p_fake']}), {x['faces']}")(r['videos'][i]) for k, r in v.items() if k != 'floor']
        lines.append(f"| {name} | {size} | {res['truth'].get(name, '?')} | {v['floor']['videos'][i]['total']} | " + ' | '.join(cells) + ' |')
    return '\n'.join(lines)


def main():
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--data', default=None, help='shared data folder (default: $DEEPFAKE_DATA or ../shared/data)')
    p.add_argument('--model', default=None, help='model .pth (default: the default model)')
    p.add_argument('--variants', nargs='+', default=list(VARIANTS), choices=list(VARIANTS))
    p.add_argument('--repeats', type=int, default=3, help='timed runs per video and variant (median kept)')
    p.add_argument('--out', default=str(ROOT/'benchmarks'/'results'/'detect.json'))
    p.add_argument('--child', help=argparse.SUPPRESS)
    p.add_argument('child_videos', nargs='*', help=argparse.SUPPRESS)
    a = p.parse_args()
    from deepfake_lib.models import default_model_path
    model = a.model or default_model_path()
    if a.child: return child(a.child, a.child_videos, model)
    import csv
    from deepfake_lib.core import require_data, shared_data_path
    from deepfake_lib.video import video_info
    vdir = require_data(shared_data_path(a.data)/'dfdc_videos', 'DFDC videos')
    videos = sorted(vdir.glob('*.mp4'))
    names = ['default'] + [k for k in a.variants if k != 'default']
    res = dict(model=str(model), cpu_count=os.cpu_count(), load_avg_start=os.getloadavg(), repeats=a.repeats,
               videos={v.name: (lambda i: f'{i.width}x{i.height}, {i.n_frames} frames, {i.duration:.1f} s')(video_info(v)) for v in videos},
               truth={r['path']: r['label'] for r in csv.DictReader(open(vdir/'labels.csv'))})
    res['fresh'] = {k: fresh_process(k, videos, model) for k in names}
    res['classifier'] = classifier_rate(model)
    res['variants'] = run_interleaved(names, videos, model, a.repeats)
    res['load_avg_end'] = os.getloadavg()
    res['date'] = time.strftime('%Y-%m-%d %H:%M')
    Path(a.out).parent.mkdir(parents=True, exist_ok=True)
    Path(a.out).write_text(json.dumps(res, indent=2))
    print(table(res))
    print(f"\nmodel: {model}; load average {res['load_avg_start']} -> {res['load_avg_end']}; written {a.out}")


if __name__ == '__main__': main()
