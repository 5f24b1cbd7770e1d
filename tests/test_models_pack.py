"""`workbench models pack`: packages argostranslate accepts, token layout on the real CTranslate2 call."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.cli_helpers import assert_one_line_error, run_cli

SENTENCE = "The junta said it will pay US$500,000 to the pilots."
PLAIN_ARGOS_SCRIPT = Path(__file__).with_name("plain_argos_child.py")


@pytest.fixture(scope="module")
def ct2_dirs(tmp_path_factory, seed_text) -> dict[str, Path]:
    """What a user has after converting: a CTranslate2 model folder and a SentencePiece file."""
    from workbench.mt.synthetic import build_model_dir

    folder = tmp_path_factory.mktemp("ct2")
    return {
        "my": build_model_dir(folder / "nllb", seed_text, extra_tokens=["eng_Latn", "mya_Mymr"],
                              decoder_start_token="</s>"),
        "fr": build_model_dir(folder / "plain", seed_text, seed=1),
    }


def pack_args(source: Path, out: Path, to: str = "my", *extra: str) -> list[str]:
    args = ["models", "pack", "--model-dir", str(source / "model"), "--sp-model",
            str(source / "sentencepiece.model"), "--from", "en", "--to", to, "--out", str(out)]
    if to == "my":
        args += ["--source-prefix", "eng_Latn", "--target-prefix", "mya_Mymr", "--license", "CC-BY-NC-4.0"]
    return args + list(extra)


@pytest.fixture(scope="module")
def packed(ct2_dirs, tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("packed")
    files = {}
    for to, source in ct2_dirs.items():
        result = run_cli(*pack_args(source, folder / f"en_{to}.argosmodel", to))
        assert result.returncode == 0, result.stderr
        files[to] = folder / f"en_{to}.argosmodel"
    assert sorted(p.name for p in folder.iterdir()) == ["en_fr.argosmodel", "en_my.argosmodel"]  # no temp files
    return files


class RecordingTranslator:
    """Wraps the engine's real ctranslate2.Translator; records the inputs and the raw hypotheses."""

    def __init__(self, real):
        self.real, self.sources, self.prefixes, self.hypotheses = real, [], [], []

    def translate_iterable(self, source, target_prefix=None, **options):
        source = list(source)
        self.sources += source
        self.prefixes.append(target_prefix)
        for result in self.real.translate_iterable(source, target_prefix=target_prefix, **options):
            self.hypotheses.append(result.hypotheses[0])
            yield result


def test_packed_metadata_and_layout(packed):
    with zipfile.ZipFile(packed["my"]) as archive:
        names = set(archive.namelist())
        metadata = json.loads(archive.read("translate-en_my-1_0/metadata.json"))
        readme = archive.read("translate-en_my-1_0/README.md").decode()
    assert {"translate-en_my-1_0/metadata.json", "translate-en_my-1_0/sentencepiece.model",
            "translate-en_my-1_0/model/model.bin", "translate-en_my-1_0/model/config.json"} <= names
    assert metadata == {"package_version": "1.0", "argos_version": "1.9.0", "type": "translate",
                        "from_code": "en", "from_name": "English", "to_code": "my", "to_name": "Burmese",
                        "source_prefix": "eng_Latn", "target_prefix": "mya_Mymr", "license": "CC-BY-NC-4.0"}
    assert "CC-BY-NC-4.0" in readme and "Non-commercial" in readme


def test_packed_package_installs_lists_and_translates_with_exact_token_layout(packed, data_dir):
    import sentencepiece as spm

    from workbench.mt.argos import ArgosEngine

    for path in packed.values():
        assert run_cli("models", "install", str(path)).returncode == 0
    listing = run_cli("models", "list").stdout
    assert "eng_Latn mya_Mymr" in listing and "CC-BY-NC-4.0" in listing
    assert "English → Burmese — မြန်မာ" in listing and "English → French — français" in listing
    engine = ArgosEngine(data_dir)
    for target in ("my", "fr"):
        loaded = engine._load(engine.package_for("en", target))
        loaded.translator = recorder = RecordingTranslator(loaded.translator)
        output = engine.translate([SENTENCE], "en", target)[0]
        pieces = spm.SentencePieceProcessor(model_file=str(loaded.package.path / "sentencepiece.model")).encode(SENTENCE, out_type=str)
        if target == "my":
            assert recorder.sources == [["eng_Latn", *pieces, "</s>"]]
            assert recorder.prefixes == [[["mya_Mymr"]]]
            assert recorder.hypotheses[0][0] == "mya_Mymr"  # the model's answer starts with it ...
            assert "mya" not in output and "Mymr" not in output and output.strip()  # ... the user never sees it
        else:
            assert recorder.sources == [pieces] and recorder.prefixes == [None]
            assert output == loaded.argos_package.tokenizer.decode(recorder.hypotheses[0]).lstrip(" ")


def run_plain_argostranslate(archive: Path, home: Path) -> list[dict]:
    """argostranslate alone, in a child process whose every folder is under `home` and network is cut."""
    env = {**os.environ, "ARGOS_PACKAGES_DIR": str(home / "packages"), "ARGOS_DEBUG": "0",
           "XDG_DATA_HOME": str(home / "data"), "XDG_CONFIG_HOME": str(home / "config"),
           "XDG_CACHE_HOME": str(home / "cache"), "HOME": str(home)}
    done = subprocess.run([sys.executable, str(PLAIN_ARGOS_SCRIPT), str(archive), SENTENCE],
                          capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


def test_plain_argostranslate_installs_the_ordinary_package_and_translates_like_the_workbench(packed, tmp_path, data_dir):
    from workbench.mt.argos import ArgosEngine

    [argos] = run_plain_argostranslate(packed["fr"], tmp_path / "argos")
    assert argos["pair"] == ["en", "fr"] and argos["target_prefix"] == ""
    assert sorted(p.name for p in (tmp_path / "argos" / "packages").iterdir()) == ["translate-en_fr-1_0"]
    assert run_cli("models", "install", str(packed["fr"])).returncode == 0
    engine = ArgosEngine(data_dir)
    loaded = engine._load(engine.package_for("en", "fr"))
    loaded.translator = recorder = RecordingTranslator(loaded.translator)
    ours = engine.translate([SENTENCE], "en", "fr")[0]
    assert argos["calls"][0]["source"] == recorder.sources and argos["calls"][0]["target_prefix"] is None
    assert argos["output"] == ours


def test_plain_argostranslate_reads_the_target_prefix_of_the_nllb_style_package(packed, tmp_path):
    [argos] = run_plain_argostranslate(packed["my"], tmp_path / "argos")
    assert argos["pair"] == ["en", "my"] and argos["target_prefix"] == "mya_Mymr"
    call = argos["calls"][0]
    assert call["target_prefix"] == [["mya_Mymr"]]  # the same decoder prefix the workbench passes
    # argostranslate adds neither eng_Latn nor </s> to the source: the workbench does (test above).
    assert call["source"][0][0] != "eng_Latn" and call["source"][0][-1] != "</s>"
    assert argos["output"].strip()


def snapshot(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def broken_inputs(ct2_dirs, tmp_path) -> dict[str, tuple[list[str], str]]:
    from workbench.mt.synthetic import train_sentencepiece

    nllb, out = ct2_dirs["my"], tmp_path / "out" / "x.argosmodel"
    junk = tmp_path / "junk.model"
    junk.write_bytes(b"not a sentencepiece model")
    no_bin = tmp_path / "no_bin"
    shutil.copytree(nllb / "model", no_bin)
    (no_bin / "model.bin").unlink()
    odd = tmp_path / "odd" / "model"
    shutil.copytree(nllb / "model", odd)
    (odd / "odd\\name.txt").write_text("x")  # refused by the archive check after writing
    other_sp = train_sentencepiece("\n".join(f"qzx{i} vbkw{i * 7} plojy{i % 13}" for i in range(400)),
                                   tmp_path / "other.model")
    base = pack_args(nllb, out)

    def changed(option: str, value: str) -> list[str]:
        return [value if i and base[i - 1] == option else arg for i, arg in enumerate(base)]

    return {
        "no model dir": (changed("--model-dir", str(tmp_path / "nowhere")), "no such folder"),
        "no model.bin": (changed("--model-dir", str(no_bin)), "no model.bin"),
        "bad sp model": (changed("--sp-model", str(junk)), "is not a SentencePiece model"),
        "wrong sp model": (changed("--sp-model", str(other_sp)), "does not match the model"),
        "bad language": (changed("--to", "zz-notalang"), "unknown language code"),
        "prefix not in vocabulary": (changed("--target-prefix", "mya_Latn"), "'mya_Latn' is not in the model's vocabulary"),
        "bad suffix": (changed("--out", str(tmp_path / "out" / "x.zip")), "must end in .argosmodel"),
        "bad version": (base + ["--version", "one"], "is not a version number"),
        "bad name": (base + ["--name", "../evil"], "not a usable package name"),
        "unsafe file inside": (changed("--model-dir", str(odd)), "points outside the package folder"),
    }


@pytest.mark.parametrize("case", ["no model dir", "no model.bin", "bad sp model", "wrong sp model", "bad language",
                                  "prefix not in vocabulary", "bad suffix", "bad version", "bad name",
                                  "unsafe file inside"])
def test_bad_pack_input_is_one_line_and_writes_nothing(case, ct2_dirs, tmp_path):
    (tmp_path / "out").mkdir()
    args, message = broken_inputs(ct2_dirs, tmp_path)[case]
    assert_one_line_error(run_cli(*args), message)
    assert snapshot(tmp_path / "out") == []


def test_pack_refuses_a_missing_output_folder(ct2_dirs, tmp_path):
    result = run_cli(*pack_args(ct2_dirs["fr"], tmp_path / "missing" / "x.argosmodel", "fr"))
    assert_one_line_error(result, "does not exist")
    assert not (tmp_path / "missing").exists()


def test_pack_help_names_the_nllb_tokens():
    result = run_cli("models", "pack", "--help")
    assert result.returncode == 0 and "eng_Latn" in result.stdout and "mya_Mymr" in result.stdout
