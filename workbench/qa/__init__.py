"""Quality checks of translations (glossary terms, numbers, placeholders, punctuation).

Plain Python, no UI imports; see `workbench.qa.checks` for the registry.
"""

from workbench.qa.checks import (  # noqa: F401
    ALL_CHECKS,
    ERROR,
    WARNING,
    Check,
    FinalPunctuationCheck,
    ForbiddenTermCheck,
    InconsistentTermCheck,
    InconsistentTranslationCheck,
    Issue,
    MissingTermCheck,
    NumbersCheck,
    PlaceholderCheck,
    ProjectCheck,
    QAUnit,
    UntranslatedCheck,
    ZawgyiCheck,
    __all__,
    run_checks,
)
