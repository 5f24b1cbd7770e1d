"""Compare a foreign XLIFF file with the workbench's export of it: every element, attribute, text,
namespace declaration and comment the export did not change must be as it was.

Both files are parsed; in each segment whose target the export changed (or added), the target and
the segment's state (2.x `state`; 1.2 `approved` on the unit, the target's `state`, Trados's `sdl:seg conf`)
are set aside;
the target language the export added where the file had none is set aside too. What is left must be
equal element for element: tag, attributes, text and tail.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

_DECLARATIONS = re.compile(r"<!--.*?-->|xmlns(?::[\w.-]+)?\s*=\s*(?:\"[^\"]*\"|'[^']*')|<\?.*?\?>", re.S)


SDL = "http://sdl.com/FileTypes/SdlXliff/1.0"


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _holders(root: ET.Element) -> list[ET.Element]:
    """The elements holding a source and its target: 2.x <segment>, 1.2 <trans-unit>."""
    return [element for element in root.iter() if _local(element.tag) in ("segment", "trans-unit")]


def _target(holder: ET.Element) -> ET.Element | None:
    return next((child for child in holder if _local(child.tag) == "target"), None)


def changed_targets(original: bytes, exported: bytes) -> list[tuple[ET.Element, ET.Element]]:
    """The (original, exported) holders whose target the export changed."""
    before, after = _holders(ET.fromstring(original)), _holders(ET.fromstring(exported))
    assert len(before) == len(after)
    return [(old, new) for old, new in zip(before, after, strict=True) if _xml(_target(old)) != _xml(_target(new))]


def _xml(element: ET.Element | None) -> str:
    return "" if element is None else ET.tostring(element, encoding="unicode")


def assert_untouched(original: bytes, exported: bytes) -> int:
    """Assert that all but the changed targets and states is as it was; the number of targets changed."""
    old_root, new_root = ET.fromstring(original), ET.fromstring(exported)
    changed = 0
    for old, new in zip(_holders(old_root), _holders(new_root), strict=True):
        if _xml(_target(old)) == _xml(_target(new)):
            assert old.attrib == new.attrib
            continue
        changed += 1
        for holder in (old, new):
            target = _target(holder)
            if target is not None:
                holder.remove(target)
            holder.attrib.pop("state", None)
            for seg in holder.iter(f"{{{SDL}}}seg"):  # Trados's confirmation of each segment is its state
                seg.attrib.pop("conf", None)
            for child in holder:  # the whitespace around an added target is layout, not content
                if child.tail is not None and not child.tail.strip():
                    child.tail = None
        for unit in (old, new):
            unit.attrib.pop("approved", None)
    for old_file, new_file in zip([old_root, *old_root], [new_root, *new_root], strict=True):
        for name in ("trgLang", "target-language"):
            if name not in old_file.attrib:
                new_file.attrib.pop(name, None)
    _assert_same(old_root, new_root, "/")
    assert _DECLARATIONS.findall(original.decode("utf-8", "replace")) == _DECLARATIONS.findall(exported.decode("utf-8", "replace"))
    return changed


def _assert_same(old: ET.Element, new: ET.Element, path: str) -> None:
    where = f"{path}{_local(old.tag)}[{old.get('id', '')}]"
    assert old.tag == new.tag, where
    assert old.attrib == new.attrib, where
    assert (old.text, old.tail) == (new.text, new.tail), where
    assert len(old) == len(new), where
    for old_child, new_child in zip(old, new, strict=True):
        _assert_same(old_child, new_child, where + "/")


def target_state(holder: ET.Element) -> str:
    """The state the export wrote: 2.x on the <segment>, 1.2 on the <target>."""
    if _local(holder.tag) == "segment":
        return holder.get("state", "initial")
    target = _target(holder)
    return target.get("state", "") if target is not None else ""
