#!/usr/bin/env python3
"""Build the attachment test corpus in files/ with real tools.

Needs: LibreOffice (soffice), msoffcrypto-tool, qpdf, 7z (p7zip-full), Info-ZIP zip,
python-pptx; then it runs legacy.py (LibreOffice through UNO, with the system Python) for the
password-protected legacy .doc/.xls, and LegacyPpt.java (Apache POI: apt-get install
libapache-poi-java, and a JDK) for the password-protected .ppt. Every pupil here is invented. Run from anywhere: python3 tests/attachments/make.py
The outputs are committed (they are small), so the Rust tests do not need these tools.
"""
import os, shutil, subprocess, tempfile, zipfile, io

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "files")
LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"

def upn(body12):
    s = sum(int(c) * (i + 2) for i, c in enumerate(body12))
    return LETTERS[s % 23] + body12

def nhs(nine):
    s = sum(int(c) * (10 - i) for i, c in enumerate(nine))
    c = 11 - s % 11
    c = 0 if c == 11 else c
    return None if c == 10 else nine + str(c)

# Invented pupils (the Rust tests load the same roster).
PUPILS = [("Tobias", "Fairweather"), ("Ngozi", "Adebanjo-Clarke"), ("Elif", "Yilmazer"), ("Rowan", "Pettigrew"),
          ("Saoirse", "Blackwood"), ("Kwame", "Ashdown"), ("Liliana", "Morvaren"), ("Dawid", "Krasinski")]

def rows():
    out, n = [], 0
    for i, (f, s) in enumerate(PUPILS):
        n9 = None
        k = 0
        while n9 is None:
            n9 = nhs(f"99940{i}{k:03d}")
            k += 1
        out.append([upn(f"8450000{i:02d}1{i:02d}"), f, s, f"{(i % 27) + 1:02d}/0{(i % 9) + 1}/2012",
                    "8" + "ABCDEFGH"[i], "SEN Support" if i % 2 else "", "Asthma" if i % 3 == 0 else "", n9])
    return out

HEADER = ["UPN", "Legal Forename", "Legal Surname", "DOB", "Reg Group", "SEN Status", "Medical", "NHS number"]

def run(*cmd, **kw):
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kw)

def soffice(src, fmt, outdir):
    run("soffice", "--headless", "--convert-to", fmt, "--outdir", outdir, src)

def main():
    shutil.rmtree(OUT, ignore_errors=True)
    os.makedirs(OUT)
    tmp = tempfile.mkdtemp()
    csv = os.path.join(tmp, "pupils.csv")
    with open(csv, "w", newline="") as f:
        f.write(",".join(HEADER) + "\r\n")
        for r in rows():
            f.write(",".join(r) + "\r\n")
    shutil.copy(csv, os.path.join(OUT, "pupils.csv"))
    # A letter-like document with a table, as HTML for LibreOffice Writer.
    html = os.path.join(tmp, "notes.html")
    with open(html, "w") as f:
        f.write("<html><body><h1>Tutoring handover notes</h1><p>Please keep this document secure.</p><table>")
        f.write("<tr>" + "".join(f"<td>{h}</td>" for h in HEADER) + "</tr>")
        for r in rows():
            f.write("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>")
        f.write("</table><p>Tobias Fairweather has an EHCP; primary need: dyslexia.</p></body></html>")
    for fmt, ext in [("docx:MS Word 2007 XML", "docx"), ("odt", "odt"), ("doc:MS Word 97", "doc"),
                     ("rtf:Rich Text Format", "rtf"), ("pdf:writer_pdf_Export", "pdf")]:
        soffice(html, fmt, tmp)
        shutil.copy(os.path.join(tmp, f"notes.{ext}"), os.path.join(OUT, f"notes.{ext}"))
    for fmt, ext in [("xlsx:Calc MS Excel 2007 XML", "xlsx"), ("ods", "ods"), ("xls:MS Excel 97", "xls")]:
        soffice(csv, fmt, tmp)
        shutil.copy(os.path.join(tmp, f"pupils.{ext}"), os.path.join(OUT, f"pupils.{ext}"))
    with open(os.path.join(OUT, "notes.txt"), "w") as f:
        f.write("Year 8 HPV catch-up\n\n")
        for r in rows():
            f.write(f"{r[1]} {r[2]}  DOB {r[3]}  NHS {r[7][:3]} {r[7][3:6]} {r[7][6:]}\n")
    # PowerPoint through python-pptx (LibreOffice needs a source presentation).
    from pptx import Presentation
    p = Presentation()
    s = p.slides.add_slide(p.slide_layouts[1])
    s.shapes.title.text = "Pastoral update"
    s.placeholders[1].text = "Saoirse Blackwood - looked after; virtual school PEP due.\nKwame Ashdown - child protection plan."
    p.save(os.path.join(OUT, "slides.pptx"))
    # An XLSX whose name lies.
    shutil.copy(os.path.join(OUT, "pupils.xlsx"), os.path.join(OUT, "export.dat"))
    # Encrypted OOXML (agile encryption).
    for n in ["notes.docx", "pupils.xlsx"]:
        base, ext = os.path.splitext(n)
        run("msoffcrypto-tool", "-e", "-p", "Tiger42", os.path.join(OUT, n), os.path.join(OUT, f"{base}-encrypted{ext}"))
    # Encrypted PDFs: AES-256, RC4-128 with object and cross-reference streams.
    run("qpdf", "--encrypt", "Tiger42", "owner99", "256", "--", os.path.join(OUT, "notes.pdf"), os.path.join(OUT, "notes-aes256.pdf"))
    run("qpdf", "--allow-weak-crypto", "--object-streams=generate", "--encrypt", "Tiger42", "owner99", "128", "--use-aes=n", "--",
        os.path.join(OUT, "notes.pdf"), os.path.join(OUT, "notes-rc4-xrefstream.pdf"))
    # An incremental update appended to the encrypted file (a new Info object, a new xref
    # section and a trailer pointing back with /Prev), as a PDF editor saving in place does.
    import re
    data = open(os.path.join(OUT, "notes-aes256.pdf"), "rb").read()
    trailer = data[data.rindex(b"trailer"):]
    size = int(re.search(rb"/Size (\d+)", trailer).group(1))
    prev = int(data[data.rindex(b"startxref") + 9:].split()[0])
    enc = re.search(rb"/Encrypt \d+ 0 R", trailer).group(0)
    root = re.search(rb"/Root \d+ 0 R", trailer).group(0)
    ids = re.search(rb"/ID ?\[[^\]]*\]", trailer).group(0)
    obj_at = len(data) + 1
    upd = b"\n%d 0 obj\n<< /Producer (sendwise test) >>\nendobj\n" % size
    xref_at = len(data) + len(upd)
    upd += b"xref\n%d 1\n%010d 00000 n \ntrailer\n<< /Size %d %s %s %s /Info %d 0 R /Prev %d >>\nstartxref\n%d\n%%%%EOF\n" % (
        size, obj_at, size + 1, root, enc, ids, size, prev, xref_at)
    open(os.path.join(OUT, "notes-aes256-updated.pdf"), "wb").write(data + upd)
    # ZIPs: plain, ZipCrypto, AES, nested.
    cwd = OUT
    run("zip", "-q", "-X", "plain.zip", "pupils.xlsx", "notes.txt", cwd=cwd)
    run("zip", "-q", "-X", "-P", "Tiger42", "zipcrypto.zip", "pupils.csv", cwd=cwd)
    run("7z", "a", "-tzip", "-pTiger42", "-mem=AES256", "aes.zip", "pupils.csv", cwd=cwd)
    run("7z", "a", "-t7z", "-pTiger42", "-mhe=on", "headers-encrypted.7z", "pupils.csv", cwd=cwd)
    run("7z", "a", "-t7z", "plain.7z", "pupils.csv", cwd=cwd)
    # Hostile files.
    with zipfile.ZipFile(os.path.join(OUT, "bomb.zip"), "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("zeros.txt", b"\0" * (300 * 1024 * 1024))
    inner = open(os.path.join(OUT, "pupils.csv"), "rb").read()
    name = "pupils.csv"
    for depth in range(8):
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr(name, inner)
        inner, name = buf.getvalue(), f"level{depth}.zip"
    open(os.path.join(OUT, "deep.zip"), "wb").write(inner)
    for n in ["notes.docx", "notes.pdf", "pupils.xlsx"]:
        data = open(os.path.join(OUT, n), "rb").read()
        base, ext = os.path.splitext(n)
        open(os.path.join(OUT, f"{base}-truncated{ext}"), "wb").write(data[: len(data) // 2])
    with zipfile.ZipFile(os.path.join(OUT, "notes.docx")) as src, zipfile.ZipFile(os.path.join(OUT, "malformed.docx"), "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/document.xml":
                data = data[: len(data) * 2 // 3] + b"<w:t attr=\"unclosed>"
            dst.writestr(item, data)
    shutil.rmtree(tmp)
    # files/ was emptied above, so the UNO-made legacy files are made again too.
    subprocess.run(["/usr/bin/python3", os.path.join(HERE, "legacy.py")], check=True)
    # LibreOffice does not encrypt .ppt; Apache POI (Debian's libapache-poi-java) does.
    jars = ":".join(os.path.join("/usr/share/java", j) for j in
                    ["poi.jar", "poi-scratchpad.jar", "commons-collections4.jar", "commons-math3.jar", "commons-codec.jar"])
    build = tempfile.mkdtemp()
    subprocess.run(["javac", "-cp", jars, "-d", build, os.path.join(HERE, "LegacyPpt.java")], check=True)
    subprocess.run(["java", "-Djava.awt.headless=true", "-cp", jars + ":" + build, "LegacyPpt", OUT], check=True)
    shutil.rmtree(build)

if __name__ == "__main__":
    main()
