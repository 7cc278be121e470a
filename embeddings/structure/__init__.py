"""What a news or meeting report says as a report: headline, people, who said what, decisions.

Computed once per document when it is indexed (`analyze`), stored with the index
(`DocumentStructure.to_dict`), and read by the answering code (`bot.answering.structured`).
"""

from embeddings.structure.analyzer import analyze, starts_of_lines
from embeddings.structure.model import (
    STRUCTURE_VERSION,
    Attribution,
    Decision,
    DocumentStructure,
    Person,
)

__all__ = [
    "STRUCTURE_VERSION",
    "Attribution",
    "Decision",
    "DocumentStructure",
    "Person",
    "analyze",
    "starts_of_lines",
]
