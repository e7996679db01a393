#!/usr/bin/env python3
"Write README.md from nbs/index.ipynb (nbdev-readme needs Quarto, which cannot be installed here)."
import json, sys
from pathlib import Path

root = Path(__file__).resolve().parent.parent

def cell_md(cell) -> str:
    "Markdown for one notebook cell: markdown as is, code as a fenced block; `#| hide` cells dropped."
    src = ''.join(cell['source']).rstrip()
    if cell['cell_type'] == 'markdown': return src
    lines = src.splitlines()
    if any(l.strip() in ('#| hide', '#|hide') for l in lines): return ''
    code = '\n'.join(l for l in lines if not l.lstrip().startswith('#|')).strip()
    return f"```python\n{code}\n```" if code else ''

def main():
    nb = json.loads((root/'nbs'/'index.ipynb').read_text())
    parts = [md for md in map(cell_md, nb['cells']) if md]
    text = '# deepfake_lib\n\n<!-- generated from nbs/index.ipynb by tools/nb2readme.py: edit the notebook -->\n\n' + '\n\n'.join(parts) + '\n'
    # index.ipynb's first cell is the title; keep a single title line
    text = text.replace('# deepfake_lib\n\n<!-- generated', '<!-- generated', 1) if parts and parts[0].startswith('# ') else text
    text = text.replace('](images/', '](nbs/images/')   # notebook-relative pictures, seen from the repo root
    (root/'README.md').write_text(text)

if __name__ == '__main__': main()
