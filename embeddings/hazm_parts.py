"""hazm's Normalizer, Lemmatizer, Stemmer and stop words, imported without the rest of hazm.

`import hazm` runs hazm's `__init__`, which imports every tagger, parser, chunker and corpus
reader, and through them nltk's `__init__`, which imports scipy and scikit-learn: ~2 s and
~130 MB of a serving process, for four objects that need none of it. The five hazm modules
those objects live in need only two abstract base classes of nltk (`StemmerI`,
`TokenizerI`).

So the packages `hazm`, `nltk`, `nltk.stem` and `nltk.tokenize` are entered in
`sys.modules` as empty package objects while exactly those modules are imported from the
installed files, in the order hazm's `__init__` imports them, each one's names copied onto
the empty `hazm` the way `__init__` would have. The classes and data files are hazm's own,
unchanged; only what is *not* imported differs. The empty packages are removed afterwards,
so a later `import hazm` or `import nltk` runs their real `__init__` and reuses the modules
already loaded. Any failure (another hazm layout) falls back to `import hazm`.
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
import sys
import threading
import types
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

# In the order hazm/__init__.py imports them; each imports only the ones before it.
_HAZM_MODULES = ("utils", "stemmer", "word_tokenizer", "lemmatizer", "normalizer")
_NLTK_MODULES = ("nltk.stem.api", "nltk.tokenize.api")
_PACKAGES = ("hazm", "nltk", "nltk.stem", "nltk.tokenize")
# Only one thread at a time may have the empty packages in sys.modules.
_LOCK = threading.Lock()


def load_hazm_parts() -> dict[str, Any]:
    """{"Normalizer", "Lemmatizer", "Stemmer", "stopwords_list"}: hazm's own objects."""
    with _LOCK:
        if "hazm" not in sys.modules:
            try:
                return _light_import()
            except Exception as exc:  # another hazm or nltk layout: the whole package
                logger.info("importing hazm in full (%s: %s)", type(exc).__name__, exc)
        from hazm import Lemmatizer, Normalizer, Stemmer, stopwords_list

        return {
            "Normalizer": Normalizer,
            "Lemmatizer": Lemmatizer,
            "Stemmer": Stemmer,
            "stopwords_list": stopwords_list,
        }


def _package_folder(name: str) -> Path:
    """The folder of an installed package, found without running any `__init__`."""
    top, _, rest = name.partition(".")
    spec = importlib.util.find_spec(top)
    if spec is None or not spec.submodule_search_locations:
        raise ImportError(f"package {top} is not installed")
    folder = Path(next(iter(spec.submodule_search_locations)))
    return folder.joinpath(*rest.split(".")) if rest else folder


def _light_import() -> dict[str, Any]:
    if any(name in sys.modules for name in _PACKAGES):
        raise ImportError("hazm or nltk is already imported")
    # All found before any empty package exists: find_spec needs the real ones.
    folders = {name: _package_folder(name) for name in _PACKAGES}
    empty: dict[str, types.ModuleType] = {}
    try:
        for name in _PACKAGES:
            # The real spec (origin, search path): `find_spec` in another thread meanwhile
            # gets the same answer as without the empty package.
            spec = importlib.util.spec_from_file_location(
                name, folders[name] / "__init__.py", submodule_search_locations=[]
            )
            package = types.ModuleType(name)
            package.__spec__, package.__package__ = spec, name
            package.__path__ = [str(folders[name])]
            spec.submodule_search_locations.extend(package.__path__)
            empty[name] = sys.modules[name] = package
        for name in _NLTK_MODULES:
            importlib.import_module(name)
        hazm = empty["hazm"]
        for name in _HAZM_MODULES:
            module = importlib.import_module(f"hazm.{name}")
            public = {k: v for k, v in vars(module).items() if not k.startswith("_")}
            for key, value in public.items():
                setattr(hazm, key, value)
        return {
            key: getattr(hazm, key)
            for key in ("Normalizer", "Lemmatizer", "Stemmer", "stopwords_list")
        }
    finally:
        for name, package in empty.items():
            if sys.modules.get(name) is package:
                del sys.modules[name]
