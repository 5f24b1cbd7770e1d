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

from tests.support.cli_helpers import Run, assert_one_line_error, run_cli

SENTENCE = "The junta said it will pay US$500,000 to the pilots."
PLAIN_ARGOS_SCRIPT = Path(__file__).resolve().parents[1] / "support" / "plain_argos_child.py"


@pytest.fixture(scope="module")
def ct2_dirs(tmp_path_factory, seed_text) -> dict[str, Path]:
    """What a user has after converting: a CTranslate2 model folder and a SentencePiece file."""
    from workbench.testing.synthetic import build_model_dir

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
    from workbench.testing.synthetic import train_sentencepiece

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


def run_pack_process(args: list[str], *, wrapper: list[str] = (), preexec_fn=None) -> Run:
    """`workbench` in a child process, as run_cli, but with an OS limit or a mount namespace around it."""
    done = subprocess.run([*wrapper, sys.executable, "-m", "workbench", *args], capture_output=True, text=True,
                          timeout=120, stdin=subprocess.DEVNULL, preexec_fn=preexec_fn,
                          cwd=Path(__file__).resolve().parents[2])
    return Run(done.returncode, done.stdout, done.stderr)


def copied_model(ct2_dirs, tmp_path, to: str = "fr") -> Path:
    copy = tmp_path / "ct2"
    shutil.copytree(ct2_dirs[to], copy)
    return copy


@pytest.mark.parametrize("inside", ["x.argosmodel", "sub/x.argosmodel"])
def test_pack_refuses_an_output_file_inside_the_model_folder(inside, ct2_dirs, tmp_path):
    source = copied_model(ct2_dirs, tmp_path)
    (source / "model" / "sub").mkdir()
    before = sorted(str(p) for p in (source / "model").rglob("*"))
    result = run_cli(*pack_args(source, source / "model" / inside, "fr"), timeout=60)
    assert_one_line_error(result, "is inside --model-dir", "write the package to another folder")
    assert sorted(str(p) for p in (source / "model").rglob("*")) == before


def test_pack_leaves_out_hidden_files_partial_writes_and_other_packages(ct2_dirs, tmp_path):
    source = copied_model(ct2_dirs, tmp_path)
    model = source / "model"
    (model / ".git").mkdir()
    (model / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (model / ".config.json.swp").write_bytes(b"swap")
    (model / "old.argosmodel").write_bytes(b"an earlier package")
    (model / ".old.argosmodel.abc.part").write_bytes(b"an interrupted pack")
    (tmp_path / "out").mkdir()
    result = run_cli(*pack_args(source, tmp_path / "out" / "en_fr.argosmodel", "fr"))
    assert result.returncode == 0, result.stderr
    with zipfile.ZipFile(tmp_path / "out" / "en_fr.argosmodel") as archive:
        packed_model = sorted(name.split("/model/", 1)[1] for name in archive.namelist() if "/model/" in name)
    assert packed_model == sorted(p.name for p in model.iterdir() if p.is_file()
                                  and not p.name.startswith(".") and p.suffix != ".argosmodel")
    assert "model.bin" in packed_model and "config.json" in packed_model


def test_pack_writes_canonical_language_codes_that_translate_finds(ct2_dirs, tmp_path, data_dir):
    from workbench.mt.argos import ArgosEngine

    out = tmp_path / "en_fr.argosmodel"
    args = pack_args(ct2_dirs["fr"], out, "fr")
    args[args.index("--from") + 1], args[args.index("--to") + 1] = "EN", "FR"
    result = run_cli(*args)
    assert result.returncode == 0, result.stderr
    assert "package translate-en_fr-1_0, en→fr" in result.stdout
    with zipfile.ZipFile(out) as archive:
        metadata = json.loads(archive.read("translate-en_fr-1_0/metadata.json"))
    assert (metadata["from_code"], metadata["to_code"]) == ("en", "fr")
    assert run_cli("models", "install", str(out)).returncode == 0
    assert ArgosEngine(data_dir).package_for("en", "fr") is not None  # what `translate --to fr` looks up


def test_pack_refuses_the_same_language_on_both_sides(ct2_dirs, tmp_path):
    result = run_cli(*pack_args(ct2_dirs["fr"], tmp_path / "x.argosmodel", "EN"))
    assert_one_line_error(result, "--from en and --to EN are the same language")
    assert snapshot(tmp_path) == []


def test_packed_file_has_the_ordinary_file_mode(ct2_dirs, tmp_path):
    out = tmp_path / "en_fr.argosmodel"
    args = pack_args(ct2_dirs["fr"], out, "fr")
    assert run_pack_process(args, preexec_fn=lambda: os.umask(0o027)).returncode == 0
    assert out.stat().st_mode & 0o777 == 0o640  # 0644 less the umask, not mkstemp's private 0600
    out.chmod(0o664)
    assert run_pack_process(args, preexec_fn=lambda: os.umask(0o077)).returncode == 0
    assert out.stat().st_mode & 0o777 == 0o664  # replacing a package keeps its mode


def read_only_wrapper(folder: Path) -> list[str]:
    """Run the child with `folder` read-only: a private read-only bind mount as root, else no write bit."""
    if os.geteuid() != 0:
        folder.chmod(0o555)
        return []
    wrapper = ["unshare", "-m", "sh", "-c", 'mount --bind "$0" "$0" && mount -o remount,ro,bind "$0" "$0" '
               '&& exec "$@"', str(folder)]
    if shutil.which("unshare") is None or subprocess.run([*wrapper, "true"], capture_output=True).returncode:
        pytest.skip("needs a mount namespace (unshare -m) to make a read-only folder as root")
    return wrapper


def test_pack_into_a_read_only_folder_is_one_line(ct2_dirs, tmp_path):
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    wrapper = read_only_wrapper(out_dir)
    try:
        result = run_pack_process(pack_args(ct2_dirs["fr"], out_dir / "x.argosmodel", "fr"), wrapper=wrapper)
    finally:
        out_dir.chmod(0o755)
    assert_one_line_error(result, f"cannot write {out_dir / 'x.argosmodel'}", "nothing was written")
    assert snapshot(out_dir) == []


def test_pack_that_fails_mid_write_is_one_line_and_leaves_nothing(ct2_dirs, tmp_path):
    import resource

    model_bytes = sum(p.stat().st_size for p in (ct2_dirs["fr"] / "model").iterdir())
    limit = model_bytes // 2  # the OS refuses the write half way through, as a full disk would

    def limit_file_size():
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))  # Python ignores SIGXFSZ: write gets EFBIG

    result = run_pack_process(pack_args(ct2_dirs["fr"], tmp_path / "x.argosmodel", "fr"), preexec_fn=limit_file_size)
    assert_one_line_error(result, "cannot write", "File too large", "nothing was written")
    assert snapshot(tmp_path) == []
