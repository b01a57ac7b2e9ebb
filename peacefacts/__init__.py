"""peacefacts: dated, sourced, comparable UN peacekeeping figures from news text."""
from peacefacts.errors import InputError, ModelNotFoundError, PeacefactsError
from peacefacts.records import (
    Category, Document, ErrorRecord, ExtractionResult, Fact, Figure, Metric, PartialDate, Person, Qualifier,
)
__version__ = "0.1.0"
