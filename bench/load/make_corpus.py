"""Write N report files made from the seeds: other places, other years, other figures.

    python bench/load/make_corpus.py OUT_DIR [N]

Each seed's own place name is replaced by a county-level name from the gazetteer, so the
copies spread over agencies and regions; the year and one figure vary so every file differs.
"""

import gzip
import random
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
# seed file prefix → (its place name, the year it covers)
SEED_PLACES = {"000": ("蒙自市", "2022"), "001": ("土城子乡", "2022"), "002": ("昭通市", "2020"),
               "003": ("荥阳市", "2023"), "004": ("茂名市", "2020")}  # fmt: skip


def county_names() -> list[str]:
    with gzip.open(REPO / "fixtures/divisions.tsv.gz", "rt", encoding="utf-8") as rows:
        next(rows)
        names = {line.split("\t")[1] for line in rows if line.split("\t")[2] == "county"}
    return sorted(n for n in names if n.endswith(("县", "市")))


def main(out: Path, count: int) -> None:
    rnd = random.Random(2024)
    places = county_names()
    seeds = sorted((REPO / "seeds").glob("*.txt"))
    out.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        seed = seeds[n % len(seeds)]
        place, year = SEED_PLACES[seed.name[:3]]
        text = seed.read_text(encoding="utf-8")
        new_year = str(2019 + rnd.randrange(6))
        text = text.replace(place, rnd.choice(places)).replace(f"{year}年", f"{new_year}年")
        text = text.replace("。", f"，累计{n + 1}项。", 1)
        (out / f"gen_{n:04d}_{seed.name}").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 400)
