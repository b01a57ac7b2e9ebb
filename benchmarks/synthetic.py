"""Synthetic facts and fingerprints for the scale benchmark (deterministic, no model needed).

Facts are spread over subjects and metrics the way news coverage is: a few subjects and metrics
get most of the figures (Zipf-like weights), documents hold a handful of facts each, dates run
over 25 years at day, month or year precision (a few undated), values grow over time with
noise, and some are hedged. Fingerprints are MinHash signatures of resampled real text, with
planted copies (wire stories reprinted, trimmed or reworded).
"""

from __future__ import annotations

import datetime as _dt
import itertools
import random

from peacefacts.records import Fact, Figure, Metric

SUBJECTS = [
    "Bangladesh", "Nepal", "India", "Rwanda", "Pakistan", "Ethiopia", "Ghana", "Indonesia", "Egypt",
    "Senegal", "China", "Tanzania", "Morocco", "Chad", "Nigeria", "Zambia", "Kenya", "Malawi",
    "Uruguay", "Brazil", "Ireland", "Fiji", "Jordan", "Niger", "Togo", "Burkina Faso", "Benin",
    "Cameroon", "Guinea", "Sri Lanka", "South Africa", "Italy", "France", "Spain", "Mongolia",
    "Cambodia", "Argentina", "Peru", "Gabon", "Mauritania", "UN", "MONUSCO", "MINUSCA", "MINUSMA",
    "UNIFIL", "UNMISS", "UNISFA", "UNFICYP", "UNDOF", "MINURSO",
] + [f"Country {i}" for i in range(150)]
METRICS = list(Metric)
EVIDENCE = (
    "{subject} has {verb} {value:,} peacekeepers to United Nations missions, the ministry said in a "
    "statement on its website, adding that the contingents serve in several countries."
)
START = _dt.date(2000, 1, 1).toordinal()
DAYS = 25 * 365


def _weights(n: int, s: float = 1.1) -> list[float]:
    return [1.0 / (k + 1) ** s for k in range(n)]


def synthetic_facts(n: int, *, seed: int = 1, subjects: int | None = None, one_group: bool = False) -> list[Fact]:
    """``n`` facts over subjects and metrics (or all of one subject and metric)."""
    rng = random.Random(seed)
    names = SUBJECTS[: subjects or len(SUBJECTS)]
    subject_w = _weights(len(names))
    metric_w = _weights(len(METRICS), 0.6)
    base: dict[tuple[str, Metric], int] = {}
    facts: list[Fact] = []
    doc = 0
    left_in_doc = 0
    for _ in range(n):
        if left_in_doc == 0:
            doc += 1
            left_in_doc = rng.randint(1, 8)
            published = START + rng.randrange(DAYS)
        left_in_doc -= 1
        if one_group:
            subject, metric = "Pakistan", Metric.PERSONNEL_DEPLOYED
        else:
            subject = rng.choices(names, subject_w)[0]
            metric = rng.choices(METRICS, metric_w)[0]
        start = base.setdefault((subject, metric), rng.choice([40, 120, 900, 2500, 8000, 40000]))
        day = published - rng.choice([0, 0, 0, 1, 2, 7, 30, 365])
        years = (day - START) / 365.25
        value = int(start * (1 + 0.04 * years) * rng.uniform(0.97, 1.03))
        if rng.random() < 0.2:
            value = round(value, -2) or value
        qualifier = rng.choices(["exact", "approx", "at_least", "at_most"], [0.7, 0.15, 0.12, 0.03])[0]
        date = _dt.date.fromordinal(day)
        precision = rng.choices(["day", "month", "year", None], [0.6, 0.25, 0.1, 0.05])[0]
        as_of = None if precision is None else (
            date.isoformat() if precision == "day" else date.isoformat()[:7] if precision == "month" else str(date.year)
        )
        personnel = metric is Metric.PERSONNEL_DEPLOYED and not one_group
        category = rng.choice([None, "troops", "personnel", "police"]) if personnel else None
        facts.append(
            Fact(
                doc=f"doc-{doc:07d}",
                subject=subject,
                metric=metric,
                figure=Figure(value=value, qualifier=qualifier, text=f"{value:,}"),
                as_of=as_of,
                since="1960" if metric.is_cumulative and rng.random() < 0.3 else None,
                category=category,
                evidence=EVIDENCE.format(subject=subject, verb="sent", value=value),
                start=rng.randrange(5000),
                end=0,
                rule="synthetic",
            )
        )
    return facts


def _vocabulary(rng: random.Random, n: int = 30000) -> list[str]:
    letters = "abcdefghijklmnopqrstuvwxyz"
    words = {"".join(rng.choice(letters) for _ in range(rng.randint(2, 10))) for _ in range(n * 2)}
    return sorted(words)[:n]


def synthetic_texts(n: int, *, seed: int = 1, copy_rate: float = 0.1) -> tuple[list[tuple[str, str]], set[frozenset]]:
    """``n`` news-like texts and the pairs planted as copies of one article.

    Words follow a Zipf law over a 30,000-word vocabulary and half the stories carry stock
    sentences of the beat ("the mission said in a statement"), so unrelated stories share a few
    shingles, as real ones do. About ``copy_rate`` of the texts copy an earlier one: reprinted
    with other sidebars, trimmed to their first paragraphs, an article with a second one
    appended, or lightly reworded (a new lead, a word in twelve changed).
    """
    rng = random.Random(seed)
    vocab = _vocabulary(rng)
    cumulative = list(itertools.accumulate(_weights(len(vocab), 1.05)))
    stock = [" ".join(rng.choices(vocab, cum_weights=cumulative, k=rng.randint(8, 16))) for _ in range(300)]

    def sentence() -> str:
        return " ".join(rng.choices(vocab, cum_weights=cumulative, k=rng.randint(10, 28)))

    def article() -> str:
        parts = [sentence() for _ in range(rng.randint(6, 30))]
        for _ in range(rng.choice([0, 0, 1, 2])):
            parts.insert(rng.randrange(len(parts) + 1), rng.choice(stock))
        return ". ".join(parts) + "."

    texts: list[tuple[str, str]] = []
    planted: set[frozenset] = set()
    for i in range(n):
        doc = f"page-{i:06d}"
        if texts and rng.random() < copy_rate:
            source_id, original = texts[rng.randrange(max(0, len(texts) - 2000), len(texts))]
            kind = rng.choice(["sidebars", "trimmed", "appended", "reworded"])
            words = original.split()
            if kind == "sidebars":
                text = original + " " + " ".join(sentence() for _ in range(rng.randint(1, 3)))
            elif kind == "trimmed":
                text = " ".join(words[: max(30, len(words) * rng.randint(45, 75) // 100)])
            elif kind == "appended":
                text = original + " " + article()
            else:
                lead = " ".join(sentence() for _ in range(2)).split()
                body = [w if rng.random() > 1 / 12 else rng.choice(vocab[:2000]) for w in words[len(lead) // 2 :]]
                text = " ".join(lead + body)
            planted.add(frozenset((source_id, doc)))
        else:
            text = article()
        texts.append((doc, text))
    return texts, planted
