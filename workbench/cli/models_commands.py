"""`workbench models ...`: list, install (file or, on request, the Argos index), remove, pack."""

from __future__ import annotations

import argparse
from pathlib import Path

from workbench.app.config import Settings
from workbench.errors import UserError


def add_models_parser(commands) -> None:
    models = commands.add_parser("models", help="list, install, remove or build MT models",
                                 description="Manage the offline MT models (Argos packages) in the workspace.")
    actions = models.add_subparsers(dest="models_command", metavar="ACTION", required=True)
    actions.add_parser("list", help="list installed models",
                       description="List installed Argos packages: pair, languages, version, size, prefixes, licence.")
    install = actions.add_parser(
        "install", help="install a .argosmodel file (or download one with --index)",
        description="Install an Argos package from a local .argosmodel file (no network), or with "
                    "--index FROM:TO download it from the Argos package index (the only command that uses the network).")
    install.add_argument("file", nargs="?", metavar="FILE.argosmodel")
    install.add_argument("--index", metavar="FROM:TO", help="download the package for this pair from the Argos "
                         "package index (URL: WORKBENCH_ARGOS_INDEX, else argostranslate's index)")
    install.add_argument("--replace", action="store_true", help="replace an installed package of the same name "
                         "and language pair (one of another pair is never replaced: remove it first)")
    remove = actions.add_parser("remove", help="remove an installed model", description="Remove an installed Argos package by name.")
    remove.add_argument("name", metavar="NAME")
    _add_pack_parser(actions)


def _add_pack_parser(actions) -> None:
    pack = actions.add_parser(
        "pack", help="build a .argosmodel from a CTranslate2 model (e.g. NLLB-200 for Burmese)",
        description="Build an Argos package from a CTranslate2 model folder and its SentencePiece model. "
                    "For NLLB-200 give the language tokens, e.g. --source-prefix eng_Latn --target-prefix mya_Mymr.")
    pack.add_argument("--model-dir", required=True, metavar="CT2_DIR", help="output folder of the CTranslate2 converter")
    pack.add_argument("--sp-model", required=True, metavar="FILE", help="the SentencePiece model (NLLB: sentencepiece.bpe.model)")
    pack.add_argument("--from", dest="from_code", required=True, metavar="LANG", help="source language code, e.g. en")
    pack.add_argument("--to", dest="to_code", required=True, metavar="LANG", help="target language code, e.g. my")
    pack.add_argument("--source-prefix", metavar="TOKEN", help="source language token put first (NLLB: eng_Latn)")
    pack.add_argument("--target-prefix", metavar="TOKEN", help="target language token the decoder starts from (NLLB: mya_Mymr)")
    pack.add_argument("--name", metavar="NAME", help="package name (default: translate-FROM_TO-VERSION)")
    pack.add_argument("--version", default="1.0", metavar="VERSION", help="package version (default: 1.0)")
    pack.add_argument("--license", metavar="TEXT", help="the model's licence, shown by `models list` (NLLB-200: CC-BY-NC-4.0)")
    pack.add_argument("--out", required=True, metavar="FILE.argosmodel", help="the package file to write")


def models(settings: Settings, args: argparse.Namespace) -> int:
    handler = {"list": list_models, "install": install, "remove": remove, "pack": pack}[args.models_command]
    return handler(settings, args)


def install(settings: Settings, args: argparse.Namespace) -> int:
    from workbench.mt import packages

    if (args.file is None) == (args.index is None):
        raise UserError("models install needs either FILE.argosmodel or --index FROM:TO (not both)")
    if args.index is not None:
        package = _install_from_index(settings, args.index, args.replace)
    else:
        package = packages.install_package(Path(args.file), settings.data_dir, replace=args.replace,
                                           intra_threads=settings.intra_threads)
    print(f"installed {package.name}: {package.from_code}→{package.to_code} version {package.version}")
    return 0


def _install_from_index(settings: Settings, raw_pair: str, replace: bool):
    from workbench.cli.progress import ProgressBar
    from workbench.mt.index import install_from_index, parse_pair

    pair = parse_pair(raw_pair)
    bars: list[ProgressBar] = []

    def on_progress(received: int, expected: int) -> None:
        if not bars:  # the size is known once the server answers
            bars.append(ProgressBar(f"download {pair[0]}→{pair[1]} (KiB)", max(expected, received) // 1024))
        bars[0].update(received // 1024)

    package = install_from_index(pair, settings.data_dir, on_progress, replace=replace,
                                 intra_threads=settings.intra_threads)
    if bars:
        bars[0].finish("downloaded")
    return package


def remove(settings: Settings, args: argparse.Namespace) -> int:
    from workbench.mt import packages

    package = packages.remove_package(args.name, settings.data_dir)
    print(f"removed {package.name}")
    return 0


def list_models(settings: Settings, args: argparse.Namespace | None = None) -> int:
    from workbench.app.mt_engines import build_engine, server_listing
    from workbench.mt import packages

    listing = server_listing(build_engine(settings)) if settings.mt_server else None
    if listing is not None:
        _list_server(listing)
        return 0
    rows = packages.package_rows(settings.data_dir)
    if not rows:
        print(f"no models installed in {packages.models_dir(settings.data_dir)}; add one with:")
        for command in packages.ADD_MODEL_COMMANDS:
            print(f"  {command}")
        return 0
    # Languages last: Burmese script is not one column per character, so it would break alignment.
    print(f"{'NAME':28}  {'PAIR':6}  {'VERSION':7}  {'SIZE':>9}  {'PREFIXES':18}  {'LICENCE':14}  LANGUAGES")
    for row in rows:
        print(f"{row.name:28}  {row.pair:6}  {row.version:7}  {row.size:>9}  {row.prefixes:18}  "
              f"{row.licence:14}  {row.languages}")
    return 0


def _list_server(listing) -> None:
    print(listing.notice)
    if not listing.languages:
        print("the server offers no languages")
        return
    print(f"{'SOURCE':8}  {'TARGETS':24}  NAME")
    for language in listing.languages:
        print(f"{language.code:8}  {', '.join(language.targets) or '-':24}  {language.name}")


def pack(settings: Settings, args: argparse.Namespace) -> int:
    from workbench.mt.pack import PackRequest, pack_package

    request = PackRequest(
        model_dir=Path(args.model_dir), sp_model=Path(args.sp_model), from_code=args.from_code,
        to_code=args.to_code, out_file=Path(args.out), source_prefix=args.source_prefix,
        target_prefix=args.target_prefix, name=args.name, version=args.version, license=args.license,
    )
    result = pack_package(request)
    metadata = result.metadata
    print(f"wrote {result.out_file} ({result.size_bytes / 1024**2:.1f} MB): package {result.name}, "
          f"{metadata['from_code']}→{metadata['to_code']} version {metadata['package_version']}; "
          f"install it with `workbench models install {result.out_file}`")
    return 0
