"""TBX (TermBase eXchange, ISO 30042) for glossary entries: bytes in, entries out, and back.

Reading accepts TBX v3 (`<tbx>`, ISO 30042:2019, any dialect, DCA or DCT style) and TBX v2
(`<martif type="TBX">` with `termEntry` / `langSet` / `tig` or `ntig`), as written by TBX-Basic and
TBX-Min tools, the Microsoft Terminology Collection, SDL MultiTerm, OmegaT, Weblate and Okapi.
Writing produces TBX v3, dialect TBX-Basic, DCA style. Use `glossary_io`, which checks entries
before writing. The code: `tbx_xml` (bytes to a tree, through the one safe XML reader `safe_xml`), `tbx_read` and `tbx_entries` (tree to
entries), `tbx_write` (entries to bytes), `tbx_losses` (what an import did not keep).

Safety. XML is parsed with defusedxml: a file that declares entities (XXE, "billion laughs",
any `<!ENTITY>`) is refused with a UserError and nothing is expanded or fetched. A plain
`<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">` is allowed (the DTD is never loaded).
Malformed XML is reported as FILE:LINE with its column; bytes that do not match the encoding
(from the byte-order mark, UTF-16 told by its first "<", declared, or UTF-8 by default) are
reported with their line and offset.

Data categories. DCA style names them in a type attribute (`<termNote type="termType">`), DCT
style as elements of a module namespace (`<basic:termType>`, `<min:partOfSpeech>`; the prefix and
namespace may be anything, the local name decides). Names compare without case, spaces, "-" or
"_" ("Subject Field" is subjectField). Members of termGrp, termNoteGrp, descripGrp and adminGrp
count as members of the level holding the group (a source in a definition's descripGrp is read).

Mapping (Entry -> TBX-Basic; reading maps back):

    Entry.id           conceptEntry/@id; an id that is not an XML name (NCName), such as
                       "2020-election", gets a generated @id plus <note>workbench:id=...</note>
    Entry.domain       <descrip type="subjectField"> (concept level; read at any level, several
                       joined with "; ")
    Entry.definition   <descrip type="definition"> in <langSec xml:lang="en"> (read also at concept
                       level, which counts as the root's xml:lang, and in an English termSec)
    Entry.definitions  <descrip type="definition"> in the langSec of each other language (a
                       language without renderings gets a langSec with the definition only)
    Entry.sources      one <admin type="source"> per source (concept level; read from the concept
                       and its language sections, descripGrp included)
    Entry.note         <note> (concept level; read also from the English langSec; a note of another
                       language's langSec goes to that section's renderings)
    Term               <termSec> in <langSec xml:lang="en">, in order
      kind             <termNote type="termType">: full = fullForm, abbreviation = abbreviation,
                       variant = variant. Read: acronym / abbreviation / shortForm / initialism /
                       clippedTerm -> abbreviation; fullForm / phrase / none -> full; others -> variant
      status           <termNote type="administrativeStatus">STATUSTerm-admn-sts (preferred, admitted,
                       standardized, legal, regulated, deprecated, superseded, notRecommended,
                       obsolete; none written when ""). Read also short ("superseded"), as v2
                       normativeAuthorization, and "forbidden" as deprecated
      part_of_speech   <termNote type="partOfSpeech">
      source, note     <admin type="source">, <note>
    Rendering          <termSec> in <langSec xml:lang="LANG">; consecutive renderings of one
                       language share a langSec, so the order of renderings survives
      status           <termNote type="administrativeStatus">:
                         approved   = preferredTerm-admn-sts
                         proposed   = admittedTerm-admn-sts
                         deprecated = deprecatedTerm-admn-sts
                         forbidden  = deprecatedTerm-admn-sts      + <note>workbench:status=forbidden</note>
                         rejected   = notRecommendedTerm-admn-sts  + <note>workbench:status=rejected</note>
                       Read without a workbench note: preferred / standardized / legal / regulated
                       -> approved; admitted / missing / unknown -> proposed (the desk reviews
                       foreign terms); deprecated / superseded / notRecommended / obsolete ->
                       deprecated; forbidden -> forbidden.
      part_of_speech   <termNote type="partOfSpeech">
      source           <admin type="source">
      note             <note>

Workbench notes. What TBX-Basic has no data category for is a `<note>` whose text starts with
"workbench:" (valid TBX-Basic, shown as a note by other tools):
    term:      workbench:case=exact|ignore (auto is not written), workbench:before-name,
               workbench:not-followed-by=WORD, workbench:not-preceded-by=WORD (one note a word)
    rendering: workbench:status=..., workbench:do-not-translate, workbench:honorific
    entry:     workbench:id=...
A user's note that itself starts with "workbench:" is written as "workbench:note=TEXT".
Other notes (and a <descrip> without a type, as Weblate writes) are user notes; several are
joined with a line break.

Reading foreign files: terms in English (xml:lang "en" or "en-XX") become Terms, other languages
Renderings; a concept without an id gets one from `entry_id_for` of its first English term (made
unique). A term repeated in one concept (same language, same text) becomes one: fields one copy
leaves empty are taken from the other, notes and sources joined. What has no place is not
imported and is reported by `read_tbx` (kind, count, file:line of the first few): a concept
without an English term, a known category the termbase does not keep (context, crossReference,
transacGrp, ...), an unknown category, an unknown administrative status. A file none of whose
concepts has an English term (a Dutch-source termbase) is refused whole.
"""

from __future__ import annotations

from workbench.formats.tbx_losses import Losses
from workbench.formats.tbx_read import parse_tbx, read_tbx
from workbench.formats.tbx_write import KIND_TO_TBX, STATUS_TO_TBX, render_tbx
from workbench.formats.tbx_xml import TBX_NAMESPACE

__all__ = ["KIND_TO_TBX", "STATUS_TO_TBX", "TBX_NAMESPACE", "Losses", "parse_tbx", "read_tbx", "render_tbx"]
