"""Vocabularies: SKOS-like files of concepts, checked when loaded and compiled into an index that resolves and relates terms.

fold.py folds labels into matching keys, model.py is the file format, load.py reads and checks files,
relate.py closes the concept graph and relates concept sets, index.py compiles it all for lookup. The
built-in vocabularies are the *.yaml files beside these modules.
"""

from recoupe.vocab.fold import fold_label
from recoupe.vocab.index import Resolution, VocabIndex, load_vocabularies
from recoupe.vocab.load import BUILTIN_VOCABULARIES, Vocabulary, builtin_vocabulary_paths

__all__ = [
    "BUILTIN_VOCABULARIES",
    "Resolution",
    "VocabIndex",
    "Vocabulary",
    "builtin_vocabulary_paths",
    "fold_label",
    "load_vocabularies",
]
