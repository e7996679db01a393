"""`deepfake_train` with every self-blend re-encoded as JPEG like the crop it was made from, by hand.

The experiment of nbs/12_evaluate.ipynb ("Self-blends and the JPEG grid"): the shared DFDC crops are JPEGs (quality 75),
and a self-blend made from one replaces the face with an altered (blurred, sharpened or resized) copy, which breaks the
8x8 JPEG grid inside the face only. A real forgery is compressed after it is made, so this re-encodes each self-blend
with its source crop's own quantisation tables and chroma subsampling. Same arguments as `deepfake_train`.
Not adopted (3 epochs on a CPU: DFDC crops 0.906 against 0.915, ffpp_c40 videos 0.691 against 0.715), so a script.
"""
import io, sys

import numpy as np
from PIL import Image, JpegImagePlugin

import deepfake_lib.forge as forge

_read = forge.ForgeryReader.__call__

def encode_like(img: np.ndarray, path) -> np.ndarray:
    "`img` saved and read back as a JPEG with the quantisation tables and subsampling of the JPEG at `path`."
    src = Image.open(path)
    if src.format != 'JPEG': return img
    buf = io.BytesIO()
    Image.fromarray(img).save(buf, 'JPEG', qtables=src.quantization, subsampling=JpegImagePlugin.get_sampling(src))
    return np.asarray(Image.open(buf).convert('RGB'))

def read_reencoded(self, row):
    "The crop of `row` as `ForgeryReader` gives it, a self-blend re-encoded like its source crop."
    x = _read(self, row)
    return encode_like(x, row.path) if getattr(row, 'forge', '') == 'sbi' else x

if __name__ == '__main__':
    from deepfake_lib.train_cli import _train_parser, train_cli
    args = _train_parser().parse_args(sys.argv[1:])
    if args.forgeries == 'none': sys.exit('train_sbi_jpeg: pass --forgeries sbi or both')
    forge.ForgeryReader.__call__ = read_reencoded
    sys.exit(train_cli(sys.argv[1:]))
