"""Child process for tests: install a package with plain argostranslate and translate with its own code.

Usage: plain_argos_child.py FILE.argosmodel SENTENCE  (ARGOS_PACKAGES_DIR and XDG_* set by the caller).
Prints one JSON line: per installed package, its pair, target_prefix, what reached CTranslate2, the output.
"""

import json
import socket
import sys


def refuse(*_args, **_kwargs):
    raise RuntimeError("network access attempted")


socket.socket.connect = refuse  # argostranslate must need nothing from the network here
socket.create_connection = refuse

import argostranslate.package as package  # noqa: E402
import argostranslate.translate as translate  # noqa: E402
import ctranslate2  # noqa: E402


class RecordingTranslator:
    def __init__(self, real):
        self.real, self.calls = real, []

    def translate_batch(self, source, target_prefix=None, **options):
        self.calls.append({"source": source, "target_prefix": target_prefix})
        return self.real.translate_batch(source, target_prefix=target_prefix, **options)


class OneSentence:
    """Stands in for MiniSBD, which would download its model; the test gives one sentence."""

    def split_sentences(self, text):
        return [text]


def main(archive: str, sentence: str) -> None:
    package.install_from_path(archive)
    result = []
    for pkg in package.get_installed_packages():
        translator = RecordingTranslator(ctranslate2.Translator(str(pkg.package_path / "model"), device="cpu"))
        hypotheses = translate.apply_packaged_translation(pkg, sentence, translator, OneSentence(), 1)
        result.append({"pair": [pkg.from_code, pkg.to_code], "target_prefix": pkg.target_prefix,
                       "calls": translator.calls, "output": hypotheses[0].value})
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
