#!/usr/bin/env python3
"""Do the fast paths change the verdicts? Every shared video judged end to end by each face detector / backend.

For the 5 DFDC videos and the 60 FaceForensics++/DFD videos of `ffpp_c40`, `Detector.predict_video` (32 frames, the
default model) runs with each variant:

- `retinaface_onnx`: the default (RetinaFace faces, classifier through ONNX Runtime, the selective decoder);
- `retinaface_opencv`: the same, every frame decoded by OpenCV (the default decoder before 2026-11-25; the same frames,
  so the same scores: scores stored under `retinaface_onnx` before that date are these);
- `retinaface_every2`: the same, faces detected on every other sampled frame and interpolated in between;
- `mtcnn_onnx`: MTCNN faces (the detector the training crops were made with), same classifier;
- `mtcnn_torch`: MTCNN and eager torch: the pipeline before the speed work;
- `retinaface_skim`: the default, decoded by PyAV skipping non-reference frames (`decoder='skip-nonref'`).

Per variant and set it reports AUC, log loss and accuracy at the card's threshold (`evaluate.summarise`), videos with
no face found (left out of the metrics and counted), how far each video's p_fake moved against `mtcnn_torch`, and the
differences to it in AUC and in log loss with 95% stratified paired bootstrap intervals (videos both scored).
Writes benchmarks/results/verdicts.json and prints markdown tables.

    nice -n 5 .venv/bin/python benchmarks/bench_verdicts.py [--data ../shared/data] [--model PATH] [--reuse]
"""
from __future__ import annotations
import argparse, json, sys, time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VARIANTS = {'retinaface_onnx': dict(face_detector='retinaface', backend='onnx'),
            'retinaface_opencv': dict(face_detector='retinaface', backend='onnx', decoder='opencv'),
            'retinaface_every2': dict(face_detector='retinaface', backend='onnx', detect_every=2),
            'mtcnn_onnx': dict(face_detector='mtcnn', backend='onnx'),
            'mtcnn_torch': dict(face_detector='mtcnn', backend='torch'),
            'retinaface_skim': dict(face_detector='retinaface', backend='onnx', decoder='skip-nonref')}
REFERENCE = 'mtcnn_torch'


def videos(data: Path) -> list[dict]:
    "Rows `set, path, label, method` of the shared DFDC and ffpp_c40 videos."
    import pandas as pd
    rows = []
    for name, folder in (('dfdc_videos', data/'dfdc_videos'), ('ffpp_c40', data/'ffpp_c40')):
        lab = pd.read_csv(folder/'labels.csv')
        for r in lab.itertuples():
            rows.append(dict(set=name, path=str(folder/r.path), label=r.label, method=getattr(r, 'method', 'dfdc')))
    return rows


def run(rows: list[dict], model, names: list[str]) -> dict:
    "p_fake of every video under every variant (variants interleaved per video)."
    from deepfake_lib.detect import Detector
    dets = {k: Detector.from_pretrained(model, **VARIANTS[k]) for k in names}  # (names: the variants to run)
    for k, r in enumerate(rows):
        for n, d in dets.items():
            t0 = time.perf_counter()
            res = d.predict_video(r['path'])
            r[n] = None if res.p_fake is None else round(res.p_fake, 4)
            r[f'{n}_s'] = round(time.perf_counter() - t0, 2)
            r[f'{n}_faces'] = len(res.faces)
        print(f"{k + 1}/{len(rows)} {Path(r['path']).name}: " + ', '.join(f"{n} {r[n]}" for n in dets), file=sys.stderr, flush=True)
    return dets[names[0]].card


def summary(rows: list[dict], names: list[str], threshold: float) -> list[dict]:
    "Metrics per set and variant, and the p_fake shift against the reference."
    import numpy as np, pandas as pd
    from deepfake_lib.evaluate import summarise
    df = pd.DataFrame(rows)
    out = []
    for s, g in df.groupby('set', sort=False):
        for n in names:
            ok = g[g[n].notna()]
            m = summarise(ok.rename(columns={n: 'p_fake'})[['label', 'p_fake']], s, threshold)
            both = g[g[n].notna() & g[REFERENCE].notna()]
            shift = (both[n] - both[REFERENCE]).abs()
            out.append(dict(set=s, variant=n, n=len(g), no_face=int(g[n].isna().sum()), auc=round(m['auc'], 4),
                            log_loss=round(m['log_loss'], 4), accuracy=round(m['accuracy'], 4),
                            median_shift=round(float(shift.median()), 4), max_shift=round(float(shift.max()), 4),
                            verdicts_changed=int(((both[n] >= threshold) != (both[REFERENCE] >= threshold)).sum()),
                            median_s=round(float(g[f'{n}_s'].median()), 2), **paired(both, n)))
    return out


def paired(both, n: str, n_boot: int = 2000) -> dict:
    "AUC and log loss of variant `n` minus the reference's on the videos both scored, with 95% stratified paired bootstrap intervals."
    import numpy as np
    from deepfake_lib.metrics import binary_log_loss, paired_auc_difference, stratified_resamples
    y = (both['label'] == 'fake').to_numpy(int)
    if n == REFERENCE or not 0 < y.sum() < len(y): return {}
    ref, var = both[REFERENCE].to_numpy(float), both[n].to_numpy(float)
    a = paired_auc_difference(y, ref, var, n_boot=n_boot)
    def loss_diff(i): return binary_log_loss(y[i], var[i]) - binary_log_loss(y[i], ref[i])
    boot = [loss_diff(i) for i in stratified_resamples(y, n_boot)]
    r = lambda x: round(float(x), 4)
    return dict(auc_diff=r(a['diff']), auc_diff_95=[r(a['lo']), r(a['hi'])], log_loss_diff=r(loss_diff(np.arange(len(y)))),
                log_loss_diff_95=[r(x) for x in np.quantile(boot, [0.025, 0.975])])


def main():
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('--data', default=None, help='shared data folder (default: $DEEPFAKE_DATA or ../shared/data)')
    p.add_argument('--model', default=None, help='model .pth (default: the default model)')
    p.add_argument('--variants', nargs='+', default=list(VARIANTS), choices=list(VARIANTS))
    p.add_argument('--out', default=str(ROOT/'benchmarks'/'results'/'verdicts.json'))
    p.add_argument('--reuse', action='store_true', help='keep the scores already in --out; run only the variants it lacks')
    a = p.parse_args()
    from deepfake_lib.core import require_data, shared_data_path
    from deepfake_lib.models import default_model_path, read_card
    data = require_data(shared_data_path(a.data), 'shared data')
    names = [REFERENCE] + [n for n in a.variants if n != REFERENCE]
    rows = videos(data)
    if a.reuse and Path(a.out).exists():  # keep the scores already in the results; run only the variants they lack
        old = {r['path']: r for r in json.loads(Path(a.out).read_text())['videos']}
        rows = [{**r, **old.get(r['path'], {})} for r in rows]
    todo = [n for n in names if any(n not in r for r in rows)]
    card = run(rows, a.model or default_model_path(), todo) if todo else read_card(a.model or default_model_path())
    res = dict(model=card.get('name'), threshold=card.get('threshold', 0.5), date=time.strftime('%Y-%m-%d %H:%M'),
               summary=summary(rows, names, card.get('threshold', 0.5)), videos=rows)
    Path(a.out).parent.mkdir(parents=True, exist_ok=True)
    Path(a.out).write_text(json.dumps(res, indent=2))
    cols = ['set', 'variant', 'n', 'no_face', 'auc', 'log_loss', 'accuracy', 'median_shift', 'max_shift', 'verdicts_changed', 'median_s',
            'auc_diff', 'auc_diff_95', 'log_loss_diff', 'log_loss_diff_95']
    print('| ' + ' | '.join(cols) + ' |\n|' + '---|' * len(cols))
    for r in res['summary']: print('| ' + ' | '.join(str(r.get(c, '')) for c in cols) + ' |')
    print(f'written {a.out}')


if __name__ == '__main__': main()
