"""Swap pairs of the real people in ../shared/data with `deepfake_faceswap`, then score the swaps and their sources.

    python benchmarks/faceswap_swaps.py [--steps 300 1000 3000] [--data ../shared/data] [--work data/faceswap]

For each pair (A, B) and each number of steps, in order: `deepfake_faceswap train A B --out WORK/PAIR --steps N
--resume` (the same model trained on, so the steps are stages of one run; each stage's model is kept in
WORK/PAIR/steps_N), then `swap` A's video as B and B's as A with that stage's model.
Every swap and source is scored by the default detector; `swap_footprint` says how much of each frame a swap
changed and how much of that is in the faces, against the source and against the source re-encoded the same
way (so that the encoder's noise is not counted as the swap's). Everything is resumable: a model goes on from its last checkpoint
and a swap already written is kept. The table goes to benchmarks/results/faceswap_scores.csv, the commands that
made each swap included; rows of pairs not run this time are kept.
"""
import argparse, json, os, shlex, shutil, subprocess, sys, time
from pathlib import Path

import pandas as pd

from deepfake_lib.core import shared_data_path, require_data
from deepfake_lib.detect import Detector
from deepfake_lib.faceswap import swap_footprint
from deepfake_lib.outputs import write_mp4
from deepfake_lib.video import iter_frames, video_info

ROOT = Path(__file__).resolve().parent.parent
PAIRS = {  # name: (person A's video, person B's video), relative to the shared data folder
    'ffpp_183_253': ('ffpp_c40/youtube/183.mp4', 'ffpp_c40/youtube/253.mp4'),
    'dfdc_lynaeydofd_dfd13': ('dfdc_videos/lynaeydofd.mp4', 'ffpp_c40/dfd_actors/13__talking_against_wall.mp4'),
}
REFERENCES = ['ffpp_c40/Deepfakes/183_253.mp4', 'ffpp_c40/Deepfakes/253_183.mp4',   # FF++'s own swaps of the first pair
              'ffpp_c40/FaceSwap/183_253.mp4', 'ffpp_c40/FaceSwap/253_183.mp4']

def run(cmd: list[str]) -> float:
    "Run a command, echoing it; its wall time in seconds."
    print('$', shlex.join(cmd), flush=True)
    t = time.perf_counter(); subprocess.run(cmd, check=True); return round(time.perf_counter() - t, 1)

def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--data', default=None, help='the shared data folder (default: ../shared/data or $DEEPFAKE_DATA)')
    p.add_argument('--work', default=str(ROOT/'data'/'faceswap'), help='models and swaps (git-ignored; default: data/faceswap)')
    p.add_argument('--steps', type=int, nargs='+', default=[300, 1000, 3000], help='training stages to swap and score at')
    p.add_argument('--pairs', nargs='+', default=list(PAIRS), choices=list(PAIRS))
    p.add_argument('--out', default=str(ROOT/'benchmarks'/'results'/'faceswap_scores.csv'))
    a = p.parse_args(argv)
    data, work = require_data(shared_data_path(a.data), 'the shared data'), Path(a.work)
    tool = str(Path(sys.executable).with_name('deepfake_faceswap'))
    det, rows = Detector.from_pretrained(), []
    def score(path: Path, **info):
        r = det.predict(path)
        rows.append(dict(**info, video=str(path.relative_to(data)) if path.is_relative_to(data) else os.path.relpath(path, ROOT),
                         p_fake=None if r.p_fake is None else round(r.p_fake, 4), verdict=r.label, error=r.error))
        print(rows[-1], flush=True)
    for name in a.pairs:
        va, vb = (data/x for x in PAIRS[name])
        folder = work/name
        score(va, pair=name, kind='source A', steps=0); score(vb, pair=name, kind='source B', steps=0)
        for steps in sorted(a.steps):
            train = [tool, 'train', str(va), str(vb), '--out', str(folder), '--steps', str(steps), '--quiet', '--resume']
            stage = folder/f'steps_{steps}'           # this stage's model, kept: training goes on in `folder`
            if not (stage/'model.pt').exists():
                run(train)
                stage.mkdir(exist_ok=True)
                for f in ('model.pt', 'recipe.json', 'history.csv'): shutil.copy2(folder/f, stage/f)
            recipe = json.loads((stage/'recipe.json').read_text())
            for direction, src in (('a2b', va), ('b2a', vb)):
                out = stage/f'{src.stem}_{direction}.mp4'
                swap = [tool, 'swap', str(stage), str(src), str(out), '--direction', direction, '--quiet']
                seconds = run(swap) if not out.exists() else None
                plain = work/f'{src.stem}_reencoded.mp4'     # the source through the swap's encoder: its noise is not the swap's
                if not plain.exists(): write_mp4(iter_frames(src, max_side=None), plain, fps=video_info(src).fps)
                fp, fp_plain, info = swap_footprint(src, out), swap_footprint(plain, out), video_info(out)
                score(out, pair=name, kind=f'swap {direction}', steps=steps, train_seconds=recipe['seconds'], swap_seconds=seconds,
                      frames=info.n_frames, source_frames=video_info(src).n_frames, size=f'{info.width}x{info.height}',
                      changed=fp['changed'], changed_in_faces=fp['in_faces'],
                      changed_vs_reencoded=fp_plain['changed'], in_faces_vs_reencoded=fp_plain['in_faces'],
                      commands=shlex.join(train[:-1]) + ' ; ' + shlex.join(swap))
    if 'ffpp_183_253' in a.pairs:
        for ref in REFERENCES: score(data/ref, pair='ffpp_183_253', kind='FF++ ' + ref.split('/')[1], steps=None)
    table, out = pd.DataFrame(rows), Path(a.out)
    if out.exists():                                        # rows of the pairs not run this time are kept
        old = pd.read_csv(out)
        table = pd.concat([old[~old.pair.isin(a.pairs)], table], ignore_index=True)
    out.parent.mkdir(parents=True, exist_ok=True)
    table.to_csv(out, index=False)
    print(f'wrote {a.out}')
    return 0

if __name__ == '__main__': sys.exit(main())
