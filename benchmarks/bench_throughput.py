"""Throughput of phiguard's check_many vs Presidio's default AnalyzerEngine.analyze vs the spaCy floor.

All three run in one process, on the same texts, with the same spaCy model; the result is
reported as ratios. Not a test: run it by hand.

    python benchmarks/bench_throughput.py            # 2,000 posts
    python benchmarks/bench_throughput.py --n 500
"""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from posts import make_posts  # noqa: E402


def timed(fn, texts: list[str], repeats: int) -> float:  # type: ignore[no-untyped-def]
    """Best-of-N posts per second."""
    rates = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn(texts)
        rates.append(len(texts) / (time.perf_counter() - t0))
    return max(rates)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--repeats", type=int, default=2)
    args = ap.parse_args()
    texts = make_posts(args.n)
    mean_len = statistics.mean(len(t) for t in texts)

    from phiguard.config import Config
    from phiguard.engine import Linter

    linter = Linter(Config())
    model = linter.model_name

    import spacy
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    provider = NlpEngineProvider(nlp_configuration={"nlp_engine_name": "spacy", "models": [{"lang_code": "en", "model_name": model}]})
    presidio = AnalyzerEngine(nlp_engine=provider.create_engine(), supported_languages=["en"])
    floor_nlp = spacy.load(model, exclude=["tagger", "parser", "senter", "attribute_ruler", "lemmatizer"])

    def run_phiguard(ts: list[str]) -> None:
        for _ in linter.check_many(ts):
            pass

    def run_presidio(ts: list[str]) -> None:
        for t in ts:
            presidio.analyze(text=t, language="en")

    def run_floor(ts: list[str]) -> None:
        for _ in floor_nlp.pipe(ts, batch_size=64):
            pass

    warm = texts[:50]
    for fn in (run_phiguard, run_presidio, run_floor):
        fn(warm)
    pg = timed(run_phiguard, texts, args.repeats)
    pr = timed(run_presidio, texts, args.repeats)
    fl = timed(run_floor, texts, args.repeats)
    print(f"texts: {len(texts)} (mean {mean_len:.0f} chars), model: {model}, python {platform.python_version()}, {platform.machine()}")
    print(f"spaCy floor ({'+'.join(floor_nlp.pipe_names)}): {fl:8.1f} texts/s")
    print(f"Presidio AnalyzerEngine.analyze (defaults):  {pr:8.1f} texts/s")
    print(f"phiguard Linter.check_many (all rules + redaction): {pg:8.1f} texts/s")
    print(f"ratio phiguard / Presidio: {pg / pr:.2f}x (budget >= 2.0x)")
    print(f"ratio phiguard / spaCy floor: {pg / fl:.2f}x")


if __name__ == "__main__":
    main()
