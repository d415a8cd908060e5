import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
SEED = CORPUS / "ys-zong+awesome-self-supervised-multimodal-learning.md"

if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
