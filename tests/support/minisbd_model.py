"""Build a tiny real MiniSBD sentence-boundary model (ONNX), offline. Runs in LibreTranslate's venv.

Usage: python minisbd_model.py OUT.onnx LANG

MiniSBD (what argostranslate splits sentences with before translating each one) feeds the model
character ids `units` (int64, batch x chars) and `features` (float32, batch x chars x features)
and takes the argmax of its output (batch x chars x 5 classes: 0 inside a token, 1 token end,
2 sentence end, 3 and 4 multi-word tokens). Its settings, vocabulary and language code travel
in the model's metadata. Real models are trained neural networks, downloaded on first use; this
one is two lookup tables, for the character and for the next one, whose logits add up to:
a character before a space (or the end of the text) ends a token, and a full stop, question or
exclamation mark (Latin or Myanmar) before one ends a sentence, so "3.5" stays one token.
"""

from __future__ import annotations

import json
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

CLASSES = 5
SPACE = " "
SENTENCE_ENDS = ".!?။"  # ။ : the Myanmar full stop
# minisbd's vocabulary: <PAD> (id 0, also "after the end") and <UNK> (id 1, every other character)
UNITS = ["<PAD>", "<UNK>", SPACE, *SENTENCE_ENDS]
OPSET = 17


def _tables() -> tuple[np.ndarray, np.ndarray]:
    """Logits added for the character itself, and for the character after it."""
    this = np.zeros((len(UNITS), CLASSES), dtype=np.float32)
    after = np.zeros((len(UNITS), CLASSES), dtype=np.float32)
    this[:, 0] = 1.0  # inside a token unless the next character says otherwise
    for unit in SENTENCE_ENDS:
        this[UNITS.index(unit), 2] = 0.9  # a sentence end only when a space or the end follows
    for unit in (SPACE, "<PAD>"):
        after[UNITS.index(unit), 1] = 1.5  # 1.5 > 1.0: a token ends before a space
        after[UNITS.index(unit), 2] = 1.0  # 1.0 + 0.9 > 1.5: so does a sentence after . ! ? ။
    return this, after


def build_model(lang: str) -> onnx.ModelProto:
    this, after = _tables()
    nodes = [
        # the next character of each position: units shifted left by one, <PAD> after the end
        helper.make_node("Slice", ["units", "one", "last", "axis1"], ["units_after_first"]),
        helper.make_node("Pad", ["units_after_first", "pad_end"], ["next_units"], mode="constant"),
        helper.make_node("Gather", ["this_table", "units"], ["this_logits"]),
        helper.make_node("Gather", ["after_table", "next_units"], ["after_logits"]),
        helper.make_node("Add", ["this_logits", "after_logits"], ["char_logits"]),
        # the features are part of MiniSBD's interface; this model gives them no weight
        helper.make_node("ReduceSum", ["features", "feature_axis"], ["feature_sum"], keepdims=1),
        helper.make_node("Mul", ["feature_sum", "zero"], ["no_feature_weight"]),
        helper.make_node("Add", ["char_logits", "no_feature_weight"], ["logits"]),
    ]
    initializers = [
        numpy_helper.from_array(this, "this_table"),
        numpy_helper.from_array(after, "after_table"),
        numpy_helper.from_array(np.array([1], dtype=np.int64), "one"),
        numpy_helper.from_array(np.array([np.iinfo(np.int64).max], dtype=np.int64), "last"),
        numpy_helper.from_array(np.array([1], dtype=np.int64), "axis1"),
        numpy_helper.from_array(np.array([0, 0, 0, 1], dtype=np.int64), "pad_end"),
        numpy_helper.from_array(np.array([2], dtype=np.int64), "feature_axis"),
        numpy_helper.from_array(np.array(0.0, dtype=np.float32), "zero"),
    ]
    graph = helper.make_graph(
        nodes, "tiny_minisbd",
        [helper.make_tensor_value_info("units", TensorProto.INT64, ["batch", "chars"]),
         helper.make_tensor_value_info("features", TensorProto.FLOAT, ["batch", "chars", "features"])],
        [helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["batch", "chars", CLASSES])],
        initializers)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)])
    model.ir_version = 8  # what onnxruntime 1.x reads
    vocab = {"lang": lang, "idx": 0, "cutoff": 0, "lower": False,
             "_id2unit": UNITS, "_unit2id": {unit: index for index, unit in enumerate(UNITS)}}
    config = {"feat_funcs": ["space_before", "capitalized"], "max_seqlen": 1000, "batch_size": 32}
    helper.set_model_props(model, {"lang_code": lang, "config": json.dumps(config),
                                   "vocab": json.dumps(vocab)})
    onnx.checker.check_model(model, full_check=True)
    return model


def main(out_file: str, lang: str) -> None:
    onnx.save(build_model(lang), out_file)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
