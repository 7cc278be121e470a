"""Answering: from a question and the index to the sentence(s) that answer, or a decline."""
