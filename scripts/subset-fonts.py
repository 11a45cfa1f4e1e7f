#!/usr/bin/env python3
"""Makes the print fonts of the default theme (themes/default/assets/fonts/) from Debian's
fonts-noto-core: Noto Sans in four styles, cut down to the letters a bilingual Bulgarian/English
guide uses (Latin with the extensions European names need, Cyrillic, punctuation, №, €), and the
arrows (→) from Noto Sans Symbols, which Noto Sans lacks; saved as WOFF2 (for browsers) and
TrueType (for the PDF build's fontconfig). Run it only to change
the fonts; the build uses the committed files.

    python3 scripts/subset-fonts.py        # needs apt-get (downloads, never installs) and fonttools[woff]
"""
import glob
import os
import shutil
import subprocess
import tempfile

from fontTools import subset

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
TARGET = os.path.join(ROOT, "themes", "default", "assets", "fonts")
STYLES = ["Regular", "Italic", "Bold", "BoldItalic"]
UNICODES = ",".join([
    "U+0020-007E", "U+00A0-00FF",          # ASCII, Latin-1
    "U+0100-017F", "U+0218-021B",          # Latin Extended-A (č, š, ő, ł …), Romanian ș ț
    "U+0300-0301",                         # combining grave and acute (stressed vowels)
    "U+0400-045F", "U+0490-0491",          # Cyrillic (Bulgarian, Russian, Serbian, Macedonian, Ukrainian)
    "U+2010-2027", "U+2030-203A", "U+2044", "U+2070-2079", "U+2080-2089",  # punctuation, super/subscripts
    "U+20AC", "U+2116", "U+2122", "U+2212", "U+2248", "U+2264-2265", "U+FEFF",
])
# Noto Sans has no arrows; the print CSS takes them from Noto Sans Symbols (unicode-range).
ARROWS = "U+2190-2199"
FONTS = [("NotoSans-%s" % style, UNICODES) for style in STYLES] + \
        [("NotoSansSymbols-%s" % style, ARROWS) for style in ("Regular", "Bold")]


def main():
    work = tempfile.mkdtemp(prefix="vidin-fonts-")
    try:
        subprocess.run(["apt-get", "download", "fonts-noto-core"], cwd=work, check=True, capture_output=True)
        deb = glob.glob(os.path.join(work, "fonts-noto-core_*.deb"))[0]
        subprocess.run(["dpkg", "-x", deb, os.path.join(work, "x")], check=True)
        source = os.path.join(work, "x", "usr", "share", "fonts", "truetype", "noto")
        os.makedirs(TARGET, exist_ok=True)
        for name, unicodes in FONTS:
            options = subset.Options()
            options.layout_features = ["*"]      # kerning, ligatures, locl, case forms
            options.name_IDs = ["*"]
            options.name_languages = ["*"]
            options.hinting = False              # print and PDF need no hinting
            options.desubroutinize = True
            font = subset.load_font(os.path.join(source, name + ".ttf"), options)
            subsetter = subset.Subsetter(options)
            subsetter.populate(unicodes=subset.parse_unicodes(unicodes))
            subsetter.subset(font)
            # WOFF2 for browsers; TrueType for `vidin build --pdf`, whose Chromium reads the
            # theme's fonts through fontconfig and its FreeType, which may not read WOFF2.
            for flavor, extension in (("woff2", ".woff2"), (None, ".ttf")):
                options.flavor = flavor
                out = os.path.join(TARGET, name + extension)
                subset.save_font(font, out, options)
                print("%s %d bytes" % (os.path.relpath(out, ROOT), os.path.getsize(out)))
        version = os.path.basename(deb).split("_")[1]
        with open(os.path.join(TARGET, "SOURCE.txt"), "w") as notes:
            notes.write("Noto Sans (Regular, Italic, Bold, Bold Italic) and the arrows of Noto Sans Symbols\n")
            notes.write("(Regular, Bold), from Debian's fonts-noto-core %s,\n" % version)
            notes.write("subset and saved as WOFF2 and TrueType by scripts/subset-fonts.py. Licence: SIL Open Font\n")
            notes.write("License 1.1, in OFL.txt beside this file. Copyright 2010-2020 Google Inc./Google LLC.\n")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
