"""People named in peacekeeping stories, with the role and organisation the text gives.

spaCy's small model finds most names but has no TITLE label, cuts "Jean-Pierre Lacroix" to
"Pierre Lacroix", misses "Atul Khare" after a long title and tags "Euro" or "Rs300 per tola" as
people. So the work is layered, cheapest first, one module per job:

1. :mod:`~peacefacts.nlp.people.prefilter`: only sentences that can name a person go further.
2. NER only, on those sentences, with every other component disabled for the call.
3. :mod:`~peacefacts.nlp.people.chains` reads title chains and
   :mod:`~peacefacts.nlp.people.sentence` binds them to names and repairs the model's names,
   over the tokens of :mod:`~peacefacts.nlp.people.tokens` (posts given by verbs in
   :mod:`~peacefacts.nlp.people.verbs`; pronouns, titles standing for a name, successions and
   author bios in :mod:`~peacefacts.nlp.people.references`), with the vocabulary of
   :mod:`~peacefacts.nlp.people.titles` (data in ``resources/titles.json``). NER runs only on
   the sentences the title layer cannot explain alone.
4. :mod:`~peacefacts.nlp.people.document`: mentions of one person joined (a pronoun or a
   title standing for a name joins the one person of the sentence before); one
   :class:`~peacefacts.records.Person` each, organisations resolved against the story.

Example:
    >>> people = find_people_in_text(
    ...     "UN Under Secretary General for Operational Support Atul Khare praised the troops.", None)
    >>> [(p.name, p.role, p.organization) for p in people]
    [('Atul Khare', 'Under Secretary General for Operational Support', 'UN')]
"""

from peacefacts.nlp.people.document import (
    find_people,
    find_people_in_text,
    ner_only_disable,
    person_sentences,
)
from peacefacts.nlp.people.titles import name_key, strip_titles

__all__ = [
    "find_people",
    "find_people_in_text",
    "name_key",
    "ner_only_disable",
    "person_sentences",
    "strip_titles",
]
