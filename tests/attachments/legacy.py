#!/usr/bin/python3
"""Legacy Office files saved by LibreOffice through UNO, with and without a password.

Writes files/legacy-{notes.doc,pupils.xls,slides.ppt} as "MS Word 97", "MS Excel 97" and
"MS PowerPoint 97", and files/legacy-protected-{notes.doc,pupils.xls} saved with the password
Tiger42 (RC4 CryptoAPI). LibreOffice does not encrypt .ppt when saving, so there is no
protected .ppt. The outputs are
committed: CI has no LibreOffice, and this script is only for regeneration.

Needs Debian's LibreOffice and its Python bridge (the UNO module is for the system Python,
hence /usr/bin/python3):

    apt-get install -y --no-install-recommends libreoffice-writer-nogui \\
        libreoffice-calc-nogui libreoffice-impress-nogui python3-uno
    /usr/bin/python3 tests/attachments/legacy.py

Every pupil here is invented (the same rows as make.py).
"""
import os, subprocess, sys, tempfile, time

import uno
from com.sun.star.beans import PropertyValue

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make import HEADER, OUT, rows  # noqa: E402

PASSWORD = "Tiger42"


def props(**kw):
    out = []
    for k, v in kw.items():
        p = PropertyValue()
        p.Name, p.Value = k, v
        out.append(p)
    return tuple(out)


def connect(profile):
    pipe = "sendwise_legacy_%d" % os.getpid()
    proc = subprocess.Popen(
        ["soffice", "--headless", "--invisible", "--norestore", "--nologo",
         "-env:UserInstallation=file://" + profile, "--accept=pipe,name=%s;urp;" % pipe],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(120):
        try:
            ctx = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
            return proc, ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        except Exception:
            time.sleep(0.5)
    proc.kill()
    raise SystemExit("soffice did not start")


def save(doc, name, filt, protect=True):
    for prefix, extra in [("legacy-", {}), ("legacy-protected-", {"Password": PASSWORD})][: 2 if protect else 1]:
        path = os.path.join(OUT, prefix + name)
        doc.storeToURL(uno.systemPathToFileUrl(path), props(FilterName=filt, Overwrite=True, **extra))
    doc.close(True)


def writer(desktop):
    doc = desktop.loadComponentFromURL("private:factory/swriter", "_blank", 0, props(Hidden=True))
    text = doc.getText()
    cur = text.createTextCursor()
    text.insertString(cur, "Tutoring handover notes\n", False)
    text.insertString(cur, "\t".join(HEADER) + "\n", False)
    for r in rows():
        text.insertString(cur, "\t".join(r) + "\n", False)
    text.insertString(cur, "Tobias Fairweather has an EHCP; primary need: dyslexia.\n", False)
    save(doc, "notes.doc", "MS Word 97")


def calc(desktop):
    doc = desktop.loadComponentFromURL("private:factory/scalc", "_blank", 0, props(Hidden=True))
    sheet = doc.getSheets().getByIndex(0)
    for y, row in enumerate([HEADER] + rows()):
        for x, v in enumerate(row):
            sheet.getCellByPosition(x, y).setString(v)
    save(doc, "pupils.xls", "MS Excel 97")


def impress(desktop):
    doc = desktop.loadComponentFromURL("private:factory/simpress", "_blank", 0, props(Hidden=True))
    page = doc.getDrawPages().getByIndex(0)
    shape = doc.createInstance("com.sun.star.drawing.TextShape")
    page.add(shape)
    shape.setString("Pastoral update\nSaoirse Blackwood - looked after; virtual school PEP due.\n"
                    "Kwame Ashdown - child protection plan.\n"
                    + "\n".join(f"{r[1]} {r[2]} UPN {r[0]}" for r in rows()))
    # LibreOffice 7.4 accepts a password for "MS PowerPoint 97" but writes the file
    # unencrypted (msoffcrypto-tool --test: "not encrypted"), so no protected .ppt is made.
    # (Its SummaryInformation stream holds a 440 KB preview picture; GenerateThumbnail=false
    # does not stop the PowerPoint export writing it. It compresses to 20 KB in git.)
    save(doc, "slides.ppt", "MS PowerPoint 97", protect=False)


def main():
    profile = tempfile.mkdtemp()
    proc, desktop = connect(profile)
    try:
        writer(desktop)
        calc(desktop)
        impress(desktop)
    finally:
        try:
            desktop.terminate()
        except Exception:
            pass
        proc.wait(timeout=60)


if __name__ == "__main__":
    main()
