"""`workbench models pack`: build an Argos package from a CTranslate2 model you converted.

Used for NLLB-200 (Burmese), whose CC-BY-NC-4.0 weights the project never ships.
Everything is checked before a byte is written; the archive is written to a
temporary file next to the target, checked with the same rules as an install,
then moved into place, so a failure never leaves a half-written .argosmodel.
"""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path

from workbench.errors import UserError

ARGOS_VERSION = "1.9.0"  # the package format argostranslate 1.9+ reads (target_prefix support)
MIN_SHARED_PIECES = 0.9  # a matching tokenizer's pieces are (almost) all in the model's vocabulary
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")
_VERSION = re.compile(r"[0-9]+(\.[0-9]+){0,3}")
_SPECIAL_PIECES = {"<unk>", "<s>", "</s>", "<pad>"}


@dataclass(frozen=True)
class PackRequest:
    model_dir: Path
    sp_model: Path
    from_code: str
    to_code: str
    out_file: Path
    source_prefix: str | None = None
    target_prefix: str | None = None
    name: str | None = None
    version: str = "1.0"
    license: str | None = None


@dataclass(frozen=True)
class PackResult:
    out_file: Path
    name: str
    metadata: dict
    size_bytes: int


def pack_package(request: PackRequest) -> PackResult:
    """Check the inputs, then write the `.argosmodel` atomically."""
    from workbench.lang.languages import language

    source, target = language(request.from_code), language(request.to_code)
    if source.code == target.code:
        raise UserError(f"--from {request.from_code} and --to {request.to_code} are the same language "
                        f"({source.english_name}); a package translates between two languages")
    name = _check_name(request, source.code, target.code)
    _check_version(request.version)
    model_dir = Path(request.model_dir)
    model_files = _check_model_dir(model_dir)
    pieces = _check_sp_model(Path(request.sp_model))
    _check_vocabulary(model_dir, pieces, request)
    out_file = _check_out_file(Path(request.out_file), model_dir, model_files, Path(request.sp_model))
    metadata = {
        "package_version": request.version, "argos_version": ARGOS_VERSION, "type": "translate",
        "from_code": source.code, "from_name": source.english_name,
        "to_code": target.code, "to_name": target.english_name,
    }
    # source_prefix and license are the workbench's fields; argostranslate ignores them.
    extras = {"source_prefix": request.source_prefix, "target_prefix": request.target_prefix,
              "license": request.license}
    metadata.update({key: value for key, value in extras.items() if value})
    # The file list read above is the one packed: the model folder is never listed again
    # once the temporary file exists, so the package can never contain itself.
    _write_atomically(out_file, name, metadata, model_dir, model_files, Path(request.sp_model))
    return PackResult(out_file, name, metadata, out_file.stat().st_size)


def default_name(from_code: str, to_code: str, version: str) -> str:
    return f"translate-{from_code}_{to_code}-{version.replace('.', '_')}"


def _check_name(request: PackRequest, from_code: str, to_code: str) -> str:
    name = request.name or default_name(from_code, to_code, request.version)
    if not _NAME.fullmatch(name):
        raise UserError(f"--name {name!r} is not a usable package name; use letters, digits, '.', '_' and '-'")
    return name


def _check_version(version: str) -> None:
    if not _VERSION.fullmatch(version):
        raise UserError(f"--version {version!r} is not a version number; use digits and dots, e.g. 1.0")


def _check_model_dir(model_dir: Path) -> list[Path]:
    """The files of a CTranslate2 model folder (model.bin, config.json, vocabularies)."""
    if not model_dir.is_dir():
        raise UserError(f"--model-dir {model_dir}: no such folder; give the output folder of the CTranslate2 converter")
    for required in ("model.bin", "config.json"):
        if not (model_dir / required).is_file():
            raise UserError(f"--model-dir {model_dir} has no {required}; it is not a CTranslate2 model folder")
    try:
        json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise UserError(f"--model-dir {model_dir}: config.json is not valid JSON ({error}); convert the model again") from None
    return sorted(path for path in model_dir.rglob("*")
                  if path.is_file() and not path.is_symlink() and _is_model_file(path.relative_to(model_dir)))


def _is_model_file(relative: Path) -> bool:
    """Leave out hidden files (.git, editor swaps) and packages or partial writes lying in the folder."""
    if any(part.startswith(".") for part in relative.parts):
        return False
    return relative.suffix not in (".part", ".argosmodel")


def _check_sp_model(sp_model: Path) -> list[str]:
    import sentencepiece as spm

    if not sp_model.is_file():
        raise UserError(f"--sp-model {sp_model}: no such file; give the SentencePiece model (e.g. sentencepiece.bpe.model)")
    try:
        processor = spm.SentencePieceProcessor(model_file=str(sp_model))
    except (RuntimeError, OSError) as error:
        first_line = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise UserError(f"--sp-model {sp_model} is not a SentencePiece model ({first_line})") from None
    return [processor.id_to_piece(i) for i in range(processor.get_piece_size())]


def read_vocabulary(model_dir: Path, side: str) -> set[str]:
    """The source or target vocabulary of a CTranslate2 model folder (.json list or .txt lines)."""
    for stem in (f"{side}_vocabulary", f"{side}_1_vocabulary", "shared_vocabulary"):
        json_file, text_file = model_dir / f"{stem}.json", model_dir / f"{stem}.txt"
        try:
            if json_file.is_file():
                tokens = json.loads(json_file.read_text(encoding="utf-8"))
                if isinstance(tokens, list):
                    return {str(token) for token in tokens}
            if text_file.is_file():
                return set(text_file.read_text(encoding="utf-8").splitlines())
        except (OSError, UnicodeDecodeError, ValueError) as error:
            raise UserError(f"--model-dir {model_dir}: cannot read {stem} ({error}); convert the model again") from None
    raise UserError(f"--model-dir {model_dir} has no {side} vocabulary file; convert the model again")


def _check_vocabulary(model_dir: Path, pieces: list[str], request: PackRequest) -> None:
    source_vocabulary = read_vocabulary(model_dir, "source")
    target_vocabulary = read_vocabulary(model_dir, "target")
    wanted = [("--source-prefix", request.source_prefix, source_vocabulary),
              ("--target-prefix", request.target_prefix, target_vocabulary)]
    for option, token, vocabulary in wanted:
        if token and token not in vocabulary:
            raise UserError(f"{option} {token!r} is not in the model's vocabulary ({model_dir}); "
                            "use the model's own language token, e.g. eng_Latn or mya_Mymr for NLLB-200")
    if request.source_prefix and "</s>" not in source_vocabulary:
        raise UserError(f"--model-dir {model_dir}: the vocabulary has no '</s>', which a --source-prefix model needs")
    real = [piece for piece in pieces if piece not in _SPECIAL_PIECES]
    shared = sum(piece in source_vocabulary for piece in real)
    if real and shared / len(real) < MIN_SHARED_PIECES:
        raise UserError(f"--sp-model {request.sp_model} does not match the model: only {shared} of its "
                        f"{len(real)} pieces are in the model's vocabulary; use the model's own tokenizer file")


def _check_out_file(out_file: Path, model_dir: Path, model_files: list[Path], sp_model: Path) -> Path:
    if out_file.suffix != ".argosmodel":
        raise UserError(f"--out {out_file} must end in .argosmodel")
    if out_file.is_dir():
        raise UserError(f"--out {out_file} is a folder; give a file name ending in .argosmodel")
    if not out_file.parent.is_dir():
        raise UserError(f"--out {out_file}: folder {out_file.parent} does not exist; create it first")
    if out_file.parent.resolve().is_relative_to(model_dir.resolve()):
        raise UserError(f"--out {out_file} is inside --model-dir {model_dir}; write the package to another folder")
    needed = sum(path.stat().st_size for path in model_files) + sp_model.stat().st_size
    free = shutil.disk_usage(out_file.parent).free
    if needed > free:
        raise UserError(f"--out {out_file}: the package needs about {needed // 1024**2} MiB "
                        f"but {out_file.parent} has {free // 1024**2} MiB free")
    return out_file


def _write_atomically(out_file: Path, name: str, metadata: dict, model_dir: Path,
                      model_files: list[Path], sp_model: Path) -> None:
    from workbench.files import atomic_output
    from workbench.mt.packages import check_archive

    def explain(error: OSError) -> str:
        return (f"cannot write {out_file} ({_reason(error, out_file)}); check free space and "
                "the folder's permissions; nothing was written")

    with atomic_output(out_file, suffix=".part", explain=explain) as temporary:
        with zipfile.ZipFile(temporary, "w", allowZip64=True) as archive:
            _write_entries(archive, name, metadata, model_dir, model_files, sp_model)
        with zipfile.ZipFile(temporary) as archive:
            check_archive(archive, out_file)  # the same rules `models install` applies


def _reason(error: OSError, out_file: Path) -> str:
    """The OS's words, naming the file only when it is an input (a model file that cannot be read)."""
    reason = error.strerror or str(error)
    if error.filename and not str(error.filename).startswith(str(out_file.parent / ".")):
        reason += f": {error.filename}"
    return reason


def _write_entries(archive: zipfile.ZipFile, name: str, metadata: dict, model_dir: Path,
                   model_files: list[Path], sp_model: Path) -> None:
    archive.writestr(f"{name}/", b"")
    archive.writestr(f"{name}/metadata.json", json.dumps(metadata, indent=2, ensure_ascii=False) + "\n",
                     zipfile.ZIP_DEFLATED)
    archive.writestr(f"{name}/README.md", package_readme(metadata), zipfile.ZIP_DEFLATED)
    archive.write(sp_model, f"{name}/sentencepiece.model", zipfile.ZIP_DEFLATED)
    for path in model_files:
        relative = path.relative_to(model_dir).as_posix()
        # Quantized weights barely compress: storing them saves minutes on a 600 MB model.
        method = zipfile.ZIP_STORED if path.name == "model.bin" else zipfile.ZIP_DEFLATED
        archive.write(path, f"{name}/model/{relative}", method)


def package_readme(metadata: dict) -> str:
    """The README.md inside the package: what it is, its tokens and its licence."""
    lines = [
        f"# {metadata['from_name']} → {metadata['to_name']} ({metadata['from_code']}→{metadata['to_code']})",
        "",
        f"Version {metadata['package_version']}, built with `workbench models pack`.",
        f"Licence: {metadata.get('license', 'not stated')}.",
    ]
    if metadata.get("source_prefix") or metadata.get("target_prefix"):
        lines += ["", f"NLLB-style token layout: source `{metadata.get('source_prefix', '')} … </s>`, "
                      f"decoder prefix `{metadata.get('target_prefix', '')}` (stripped from the output)."]
    if "NC" in str(metadata.get("license", "")).upper().replace("-", " ").split():
        lines += ["", "Non-commercial licence: do not redistribute or use this package commercially."]
    return "\n".join(lines) + "\n"
