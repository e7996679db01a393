"""`deepfake_train` with lower-face self-blends mixed in, by hand: `--lower-face P` then `deepfake_train`'s arguments.

The experiment of nbs/12_evaluate.ipynb ("Lower-face self-blends"): with chance P a self-blend pastes only the part of
the face hull below a random cut (`04a_forge.blend_region`), the mouth and jaw that Face2Face and NeuralTextures
change, instead of the whole face. Sets `deepfake_lib.forge.LOWER_FACE_P` for the run (loader workers inherit it).
Not adopted (--lower-face 0.5, 3 epochs on a CPU: DFDC crops 0.903 against 0.915, ffpp_c40 videos 0.656 against 0.715;
Face2Face 0.71 against 0.68, FaceSwap 0.65 against 0.76), so a script.
"""
import argparse, sys

import deepfake_lib.forge as forge

if __name__ == '__main__':
    from deepfake_lib.train_cli import train_cli
    p = argparse.ArgumentParser(add_help=False)
    p.add_argument('--lower-face', type=float, required=True)
    a, rest = p.parse_known_args(sys.argv[1:])
    if not 0 <= a.lower_face <= 1: sys.exit(f'train_sbi_lower: --lower-face must be in 0..1, got {a.lower_face}')
    forge.LOWER_FACE_P = a.lower_face
    sys.exit(train_cli(rest))
