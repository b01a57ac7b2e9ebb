"""Document-level resolution: one person per person, with the mention that states the role.

Mentions of one person (a bare surname, a first name, a nickname) join the longest full name;
one :class:`~peacefacts.records.Person` per person, with the mention that carries the most
specific role as evidence. Bylines, photo credits and names that appear only in headline-like
lines (sidebars, captions) are not people of the story. NER runs only on the sentences
:func:`~peacefacts.nlp.people.prefilter.person_sentences` keeps, with every other component
disabled for that call, so the shared pipeline is never changed and threads can share it.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from peacefacts.nlp.parsing import tokenized
from peacefacts.nlp.people.chains import DEFAULT_COUNTRY
from peacefacts.nlp.people.prefilter import candidate_sentences, ends_story
from peacefacts.nlp.people.sentence import Mention, SentenceReader
from peacefacts.nlp.people.titles import country_of, lexicon, name_key, norm
from peacefacts.nlp.story import story_country
from peacefacts.records import Document, Person

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

__all__ = ["find_people", "find_people_in_text", "ner_only_disable", "person_sentences"]


def ner_only_disable(nlp: Language) -> list[str]:
    """Names of the components to disable so only ``ner`` (and what it listens to) runs.

    Passed per call (``nlp.pipe(texts, disable=...)``) so the shared pipeline is never changed.
    """
    names = list(nlp.pipe_names)
    if "ner" not in names:
        return names
    keep = {"ner"}
    for name, proc in nlp.pipeline:
        if "ner" in (getattr(proc, "listening_components", None) or ()):
            keep.add(name)  # a shared tok2vec the ner reads from (not so in en_core_web_sm)
    return [n for n in names if n not in keep]



_COUNTRY_BEFORE = re.compile(r"\b(?!The )([A-Z][\w'’]*(?: [A-Z][\w'’]*)?) $")  # "the Brazilian Army": not "The"


class _Story:
    """What the role layer needs to know of the story around a mention: the country it is about
    (per article block, by the project's one :func:`~peacefacts.nlp.story.story_country`) and
    the armed force it names most."""

    def __init__(self, document: Document) -> None:
        self.text = document.text
        blocks = [b for b in document.blocks if b.is_peacekeeping]
        self.blocks = [(b.start, b.end, b.title) for b in blocks] if document.blocks else [(0, len(self.text), None)]
        self._countries: dict[int, str | None] = {}

    def country_at(self, pos: int) -> str | None:
        """The country of the block that holds offset ``pos`` (the first block if none does)."""
        n = next((k for k, (s, e, _) in enumerate(self.blocks) if s <= pos < e), 0)
        if n not in self._countries:
            s, e, title = self.blocks[n] if self.blocks else (0, 0, None)
            self._countries[n] = story_country(self.text[s:e], title)
        return self._countries[n]

    @functools.cached_property
    def force(self) -> str | None:
        """The armed force named most often (``armed_forces`` in the rule data), if any, with the
        country it is written with ("the Indian Army", "Malawi Defence Force")."""
        return self._most_named(lexicon().force_regex)

    @functools.cached_property
    def police(self) -> str | None:
        """The police force named most often, with its country ("Ghana Police Service"), if any
        is named with one (a bare "Police" is any police)."""
        return self._most_named(lexicon().police_regex, with_country=True)

    def _most_named(self, regex: re.Pattern[str], with_country: bool = False) -> str | None:
        found: Counter[str] = Counter()
        full: dict[str, Counter[str]] = {}
        for s, e, _ in self.blocks:
            for match in regex.finditer(self.text, s, e):
                force = match.group()
                if self.text.startswith(" Staff", match.end()):
                    continue  # "Chief of Army Staff" is a title, not the force
                found[force] += 1
                before = _COUNTRY_BEFORE.search(self.text, max(s, match.start() - 40), match.start())
                if before and country_of(before.group(1)):
                    full.setdefault(force, Counter())[f"{before.group(1)} {force}"] += 1
        if not found:
            return None
        force = found.most_common(1)[0][0]
        if force in full:
            return full[force].most_common(1)[0][0]
        return None if with_country else force


def _resolve_org(m: Mention, story: _Story) -> str | None:
    lex = lexicon()
    country = story.country_at(m.name_start)
    if m.org == DEFAULT_COUNTRY:
        return country
    if m.org:
        return m.org
    if not m.role_kind:
        return None
    for phrase, org in lex.implied_org.items():
        if m.head[: len(phrase)] == phrase:
            return org
    role_words = {norm(w) for w in re.findall(r"[\w']+", m.role or "")}
    if role_words & lex.police_words:
        # "Female Police Peacekeeper", "Superintendent": the story's police force
        return story.police or (f"{country} police" if country else None)
    if m.role_kind == "title" and m.head in lex.government_heads and m.head not in lex.military_heads:
        return country  # "Defence Minister X": a member of the government, not of the armed force
    if m.role_kind == "rank" or m.head in lex.military_heads or role_words & lex.military_words:
        return story.force or country
    if m.head in lex.government_heads:
        return country
    return None


@dataclass
class _Cluster:
    mentions: list[Mention]
    key: tuple[str, ...]
    aliases: set[str]

    def matches(self, key: tuple[str, ...], aliases: Iterable[str]) -> int:
        """0 = no; 1 = a first name or nickname; 2 = the surname or a tail of the full name; 3 = same."""
        if key == self.key:
            return 3
        if not key:
            return 0
        if len(key) >= 2 and set(key) <= set(self.key) and key[-1] == self.key[-1]:
            return 2
        if len(key) == 1:
            word = key[0]
            if word == self.key[-1]:
                return 2
            if word == self.key[0] or word in self.aliases:
                return 1
        if self.aliases & set(aliases):
            return 1
        return 0


def _cluster(mentions: list[Mention]) -> list[_Cluster]:
    """Group mentions of one person: longer names first, each shorter one joins the only
    (or the most recently mentioned) full name it fits."""
    clusters: list[_Cluster] = []
    order = sorted(range(len(mentions)), key=lambda k: (-len(mentions[k].keys), mentions[k].name_start))
    for k in order:
        m = mentions[k]
        aliases = {norm(a) for a in m.aliases}
        scored = [(c.matches(m.keys, aliases), c) for c in clusters]
        best = max((s for s, _ in scored), default=0)
        target: _Cluster | None
        if best == 3:
            target = next(c for s, c in scored if s == 3)
        elif best:
            options = [c for s, c in scored if s == best]
            if len(options) == 1:
                target = options[0]
            else:  # several people share the surname: the one named last before this mention
                before = [(max((x.name_start for x in c.mentions if x.name_start < m.name_start), default=-1), i)
                          for i, c in enumerate(options)]
                pos, idx = max(before)
                target = options[idx] if pos >= 0 else None
        else:
            target = None
        if target is None:
            clusters.append(_Cluster([m], m.keys, set(aliases)))
        else:
            target.mentions.append(m)
            target.aliases |= aliases
    return clusters


def _is_generic(m: Mention) -> bool:
    """Whether a title says no more than a rank: a generic head ("officer", "peacekeeper") with
    only generic words before it ("police officer", "senior officer"; not "medical officer")."""
    lex = lexicon()
    if m.head not in lex.generic_heads:
        return False
    words = [norm(w) for w in re.findall(r"[\w']+", m.role or "")]
    before = words[: words.index(m.head[0])] if m.head[0] in words else []
    return all(w in lex.generic_modifiers for w in before)


def _role_rank(m: Mention, full: tuple[str, ...]) -> tuple[int, bool, bool, bool, int, bool, int]:
    """Which mention states the role: a function over a rank over a generic word ("Corporal Jean
    Baptiste, a Rwandan peacekeeper": Corporal), a post held now over a former one, a role given
    in passing last."""
    kind = {"title": 3, "rank": 2}.get(m.role_kind or "", 0)
    if kind == 3 and _is_generic(m):
        kind = 1  # "peacekeeper", "police officer", "soldier" say less than any rank or function
    words = len(re.findall(r"\w+", m.role or ""))
    return (kind, not m.former, not m.secondary, m.body, min(words, 12), m.keys == full, -m.name_start)


# a headline that starts by announcing a speech ("Remarks at ...", "Opening Statement by ...",
# "Secretary-General's Message on ..."): a news headline that mentions one ("UN issues statement
# on attack") sits above a byline, not a speaker
_SPEECH = re.compile(
    r"^(?:(?:opening|closing|welcome|welcoming|introductory|keynote|video|joint|written|press|special|"
    r"secretary-general's|president's|minister's|chair's|the)\s+){0,2}"
    r"(?:remarks|statement|speech|address|message|keynote|briefing|lecture)\b", re.IGNORECASE)
_SPEAKER_LINES = 4  # a speaker's name comes within this many lines of a speech's headline
_SPEAKER_REACH = 400  # and the headline this close to the start of the story's block (characters)


def _speakers(document: Document, story: _Story) -> list[Mention]:
    """The speaker of a speech page: a line that is only a name, just under a headline that
    announces remarks, a statement or a message ("Remarks at the Medal Ceremony" / "29 May 2013"
    / "Ban Ki-Moon"), with the title on the line after it when that line is only a title. The
    headline may sit just before the story's block (ingest may take the title line for it)."""
    text = document.text
    out: list[Mention] = []
    for s, e, _ in story.blocks:
        region = max(0, s - _SPEAKER_REACH), min(e, s + _SPEAKER_REACH)
        spans = [(region[0] + m.start(), region[0] + m.end()) for m in re.finditer(r"[^\n]*\S[^\n]*", text[region[0]:region[1]])]
        for k, (hs, he) in enumerate(spans):
            headline = text[hs:he].strip()
            if not (_SPEECH.match(headline) and len(headline.split()) <= 16 and not headline.endswith(".")):
                continue
            found = _speaker_after(text, spans[k + 1:k + 1 + _SPEAKER_LINES + 1])
            if found is not None:
                out.append(found)
                break
    return out


def _speaker_after(text: str, spans: list[tuple[int, int]]) -> Mention | None:
    """The first line of ``spans`` that is only a name (and its title on the next line)."""
    for n, (ls, le) in enumerate(spans[:_SPEAKER_LINES]):
        reader = SentenceReader(text, ls, le, [])
        run = reader.name_run(0)
        if run is None or run[0] != 0 or run[1] != len(reader.toks) or run[1] < 2:
            continue
        mention = Mention(name=text[reader.toks[0].start:reader.toks[-1].end], name_start=reader.toks[0].start,
                          name_end=reader.toks[-1].end, ev_start=reader.toks[0].start, ev_end=reader.toks[-1].end,
                          aliases=run[2], source="speaker")
        if n + 1 < len(spans):
            ts, te = spans[n + 1]
            below = SentenceReader(text, ts, te, [])
            h = below.match(0, below.lex.heads) if below.cap(0) else -1
            chain = below.head_chain(0, h) if h > 0 else None
            if chain is not None and chain.role_end >= len(below.toks) - (below.toks[-1].kind == "punct"):
                # "Jean-Pierre Lacroix" / "Under-Secretary-General for Peace Operations"
                mention.role, mention.role_kind, mention.org, mention.head = (
                    below.role_text(chain), "title", chain.org, chain.head)
                mention.ev_end = below.toks[chain.role_end - 1].end
        return mention
    return None


_OF_NAMED = re.compile(r"^(?P<role>[\w'’ -]+?)\s+of\s+(?:the\s+)?(?P<org>(?:[A-Z][\w'’-]*\s+)*[A-Z][\w'’-]*(?:\s+(?:for|of|on)\s+.+)?)$")


def _of_institution(role: str) -> tuple[str, str] | None:
    """(function, institution) for a role that names a function of a named institution ("director
    of the Cairo International Center for Conflict Resolution", "director-general of the National
    Centre for Peacekeeping Forces"): the function is the role, the institution its organisation.
    A portfolio stays whole ("Minister of Foreign Affairs", "Chief of the Defence Staff")."""
    m = _OF_NAMED.match(role)
    if m is None:
        return None
    name, *more = re.split(r"\s+(?:for|of|on)\s+", m.group("org"), maxsplit=1)
    if name.split()[-1].lower() not in lexicon().institution_heads or (len(name.split()) < 2 and not more):
        return None  # not "Chief of the Defence Staff", nor "director of the Centre" alone
    return m.group("role"), m.group("org")


def _person(doc_id: str, text: str, cluster: _Cluster, story: _Story) -> Person | None:
    mentions = cluster.mentions
    if not any(m.body for m in mentions):
        return None  # only in headlines, captions or sidebars
    full = max(mentions, key=lambda m: (len(m.keys), m.body, -m.name_start))
    if len(full.keys) < 2 and not any(m.role_kind and not m.weak for m in mentions):
        return None  # a lone capitalised word the model called a person ("Euro", "Goma"), or "Separately, the spokesman"
    best = max(mentions, key=lambda m: _role_rank(m, full.keys))
    org = _resolve_org(best, story)
    if org is None:
        org = next((o for o in (_resolve_org(m, story) for m in mentions if m.role_kind) if o), None)
    role = best.role
    institution = _of_institution(role) if role else None
    if institution is not None:
        role, org = institution  # "director of the Cairo International Center for …": the function, and where
    return Person(
        doc=doc_id,
        name=re.sub(r"\s+", " ", full.name),
        role=role,
        organization=org,
        evidence=text[best.ev_start:best.ev_end],
        start=best.name_start,
        end=best.name_end,
    )


def _read(text: str, start: int, end: int, person_spans: list[tuple[int, int]]) -> tuple[SentenceReader, list[Mention]]:
    reader = SentenceReader(text, start, end, person_spans)
    return reader, reader.mentions()


_Reading = tuple[SentenceReader, tuple[Mention, ...]]


@functools.lru_cache(maxsize=64)
def _title_layer(document: Document) -> tuple[tuple[tuple[int, int, bool], _Reading | None], ...]:
    """Each sentence that can name a person, with its reading by the title layer alone when that
    explains it (``None`` when NER must read it). Cached: the extractor asks
    :func:`person_sentences` and then :func:`find_people` of the same documents; the mentions are
    copied before anything changes them."""
    text = document.text
    out = []
    for s, e, body in candidate_sentences(document):
        reader, found = _read(text, s, e, [])
        out.append(((s, e, body), (reader, tuple(found)) if reader.explained(found) else None))
    return tuple(out)


def person_sentences(document: Document) -> list[tuple[int, int, bool]]:
    """The sentences of ``document`` that NER must read: ``(start, end, is_body_line)``.

    Those that can name a person (:func:`~peacefacts.nlp.people.prefilter.candidate_sentences`)
    less those the title layer explains alone (every word that could be a name is in a title
    chain's name or organisation: "Defence Minister Kwame Asante said ..."). These are the only
    sentences :func:`find_people` runs NER on; a caller that batches many documents can run NER
    on them itself and pass the results as ``parsed``.
    """
    return [sentence for sentence, reading in _title_layer(document) if reading is None]


def find_people(
    document: Document, nlp: Language | None, *, parsed: Mapping[tuple[int, int], Any] | None = None
) -> list[Person]:
    """Every person named in the peacekeeping text of ``document``, with role and organisation.

    Only blocks with ``is_peacekeeping`` count; a document without blocks is one block. NER runs
    only on sentences that can name a person, with every other component disabled for the call.

    Args:
        document: the document; ``document.text`` is what offsets refer to.
        nlp: a loaded spaCy pipeline with an ``ner`` component (shared, never modified), or
            ``None`` to use the title layer alone (people without a title are then missed).
        parsed: sentences the caller already ran through a pipeline with ``ner``, keyed by their
            ``(start, end)`` offsets in ``document.text`` (as :func:`~peacefacts.nlp.segment.split_sentences`
            gives them); their entities are reused instead of running NER again.

    Returns:
        One :class:`~peacefacts.records.Person` per distinct person, in text order. ``name`` is
        the fullest form of the name in the document, ``role``/``organization``/``evidence``
        come from the mention that states the most specific role, and ``start``/``end`` are
        the name's offsets inside that mention (``text[start:end]`` may be a short form of
        ``name``, e.g. "Naqvi" in "Minister Naqvi", when only that mention carries the role).

    Example:
        >>> doc = Document(id="d", text="Pakistan's Permanent Representative to the UN, "
        ...                "Ambassador Munir Akram, attended the meeting.")
        >>> [(p.name, p.role, p.organization) for p in find_people(doc, None)]
        [('Munir Akram', 'Permanent Representative to the UN', 'Pakistan')]
    """
    text = document.text
    layer = _title_layer(document)
    sentences = [sentence for sentence, _ in layer]
    readings: list[tuple[SentenceReader, list[Mention]] | None] = []
    todo = []
    use_ner = nlp is not None and "ner" in nlp.pipe_names
    for n, ((s, e, _), first) in enumerate(layer):
        done = parsed.get((s, e)) if parsed else None
        if done is not None:
            readings.append(_read(text, s, e, [(s + ent.start_char, s + ent.end_char) for ent in done.ents
                                               if ent.label_ == "PERSON"]))
        elif first is not None:
            readings.append((first[0], [dataclasses.replace(m) for m in first[1]]))
        elif use_ner:
            todo.append(n)
            readings.append(None)
        else:
            readings.append(_read(text, s, e, []))
    if todo and nlp is not None:
        texts = [text[sentences[n][0]:sentences[n][1]] for n in todo]
        for n, sdoc in zip(todo, nlp.pipe((tokenized(nlp, t) for t in texts), disable=ner_only_disable(nlp)), strict=True):
            s, e, _ = sentences[n]
            readings[n] = _read(text, s, e, [(s + ent.start_char, s + ent.end_char) for ent in sdoc.ents
                                             if ent.label_ == "PERSON"])
    mentions: list[Mention] = []
    bios: list[Mention] = []  # mentions in what reads as the author's bio at the story's end
    previous: tuple[int, list[Mention]] = (-1, [])  # the last sentence's end and its mentions
    for (s, e, body), reading in zip(sentences, readings, strict=True):
        assert reading is not None
        sent, found = reading
        here: list[Mention] = []
        if body and sent.is_bio() and ends_story(document, e):
            for m in found:
                if m.source not in ("pronoun", "definite"):
                    m.keys = name_key(m.name)
                    bios.append(m)
            previous = (e, [])
            continue
        for m in found:
            if m.source in ("pronoun", "definite"):
                resolved = _antecedent(m, previous[1]) if not text[previous[0]:s].strip() else None
                if resolved is not None:
                    here.append(resolved)
                    mentions.append(resolved)
                continue
            m.body = body
            m.byline = sent.is_byline(m)
            if m.byline:
                continue
            if not m.role_kind and body:
                award = sent.award_role(m)
                if award is not None:
                    m.role, m.role_kind, m.ev_end, m.source = award[0], "title", award[1], "award"
            m.keys = name_key(m.name)
            if m.keys:
                mentions.append(m)
                here.append(m)
        previous = (e, here)
    # "Sinéad Ní Bhriain is a lecturer at ..." closing an op-ed is the author, unless the story
    # names the person too
    named = {m.keys[-1] for m in mentions if m.keys}
    mentions.extend(m for m in bios if m.keys and m.keys[-1] in named)
    story = _Story(document)
    for m in _speakers(document, story):
        m.keys = name_key(m.name)
        if m.keys:
            mentions.append(m)
    people = [_person(document.id, text, c, story) for c in _cluster(mentions)]
    publisher = _publisher_names(document)
    return sorted(
        (p for p in people if p is not None and re.sub(r"[^a-z]", "", p.name.lower()) not in publisher),
        key=lambda p: (p.start, p.name),
    )


def _publisher_names(document: Document) -> frozenset[str]:
    """The publisher's own name, which the model may take for a person's ("…, learned Alwihda Info
    from a military source"): the labels of the page's web address and the page's first line,
    written as letters only."""
    names: set[str] = set()
    if document.url:
        host = re.sub(r"^[a-z]+://", "", document.url.lower()).split("/", 1)[0]
        names.update(label for label in host.split(".") if len(label) > 3)
    first = next((line for line in document.text[:300].splitlines() if line.strip()), "")
    masthead = re.split(r"\s+[-|–—:]\s+", first.strip(), maxsplit=1)[0]
    if 0 < len(masthead.split()) <= 4:
        names.add(re.sub(r"[^a-z]", "", masthead.lower()))
    return frozenset(names)


def _antecedent(pronoun: Mention, before: list[Mention]) -> Mention | None:
    """The post of a pronoun ("He is the acting head of mission") or of a title that stands for a
    name ("The minister of defence said") given to the one person named in the sentence just
    before it; no one when that sentence names nobody or several people, nor, for a title, when
    the person there already has a title or rank."""
    people = {m.keys for m in before}
    if len(people) != 1:
        return None
    ante = before[0]
    if pronoun.source == "definite" and any(m.role_kind for m in before):
        # "Minister X spoke. The spokesman said", "Lt Col X led the patrol. The force commander
        # praised …": likely another person; only someone named without any title takes it
        return None
    return dataclasses.replace(pronoun, name=ante.name, name_start=ante.name_start, name_end=ante.name_end,
                               ev_start=ante.name_start, aliases=ante.aliases, body=ante.body, weak=ante.weak,
                               keys=ante.keys)


def find_people_in_text(text: str, nlp: Language | None, doc_id: str = "text") -> list[Person]:
    """:func:`find_people` on a plain string (one block, no date): handy in tests and notebooks.

    >>> [p.name for p in find_people_in_text("Foreign Minister Makhdoom Shah Mahmood Qureshi spoke.", None)]
    ['Makhdoom Shah Mahmood Qureshi']
    """
    return find_people(Document(id=doc_id, text=text), nlp)
