#!/usr/bin/env python3
"""Makes the committed test fixtures of ZIPKit (run from anywhere; writes next to this file).

Standard library only (zlib, zipfile, random with a fixed seed, struct, subprocess for the
optional `zip` command). Every fixture is checked against Python's own decoder before it is
written, so the Swift tests compare against an independent implementation.

Outputs:
  inflate.tsv        manifest: deflate file, expected content spec, size, crc32, consumed bytes
  *.deflate / *.bin  raw deflate streams and the bytes they must decode to
  zip_*.zip          archives (valid, tool-made, and hostile ones) described in zip.tsv
"""

import io
import os
import random
import shutil
import struct
import subprocess
import tempfile
import zipfile
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
rng = random.Random(20240607)


def path(name):
    return os.path.join(HERE, name)


def write(name, data):
    with open(path(name), "wb") as f:
        f.write(data)


# ---------------------------------------------------------------- sample data

def sheet_xml(rows, seed):
    """Spreadsheet-like XML: rows of numeric and shared-string cells, like xl/worksheets/sheetN.xml."""
    r = random.Random(seed)
    out = [b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n',
           b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>']
    cols = "ABCDEFGH"
    for i in range(1, rows + 1):
        out.append(b'<row r="%d" spans="1:8">' % i)
        for c in cols:
            kind = r.random()
            if kind < 0.4:
                out.append(b'<c r="%s%d" t="s"><v>%d</v></c>' % (c.encode(), i, r.randrange(5000)))
            elif kind < 0.8:
                out.append(b'<c r="%s%d"><v>%.6g</v></c>' % (c.encode(), i, r.uniform(-1e6, 1e6)))
            elif kind < 0.9:
                out.append(b'<c r="%s%d" s="3"><v>%d</v></c>' % (c.encode(), i, r.randrange(40000, 46000)))
            else:
                out.append(b'<c r="%s%d" t="inlineStr"><is><t>Ng\xc3\xa0y %d</t></is></c>' % (c.encode(), i, r.randrange(99)))
        out.append(b"</row>")
    out.append(b"</sheetData></worksheet>")
    return b"".join(out)


def raw_deflate(data, level=6, strategy=zlib.Z_DEFAULT_STRATEGY, wbits=-15, memlevel=8):
    c = zlib.compressobj(level, zlib.DEFLATED, wbits, memlevel, strategy)
    return c.compress(data) + c.flush()


# ---------------------------------------------------------------- a tiny fixed-Huffman encoder

class BitWriter:
    """LSB-first bit writer, as DEFLATE packs bits."""

    def __init__(self):
        self.out = bytearray()
        self.acc = 0
        self.n = 0

    def bits(self, value, count):
        self.acc |= value << self.n
        self.n += count
        while self.n >= 8:
            self.out.append(self.acc & 0xFF)
            self.acc >>= 8
            self.n -= 8

    def huff(self, code, length):
        # Huffman codes are sent most significant bit first.
        rev = int(format(code, "0%db" % length)[::-1], 2)
        self.bits(rev, length)

    def finish(self):
        if self.n:
            self.out.append(self.acc & 0xFF)
        self.acc = self.n = 0
        return bytes(self.out)


def fixed_litlen(w, sym):
    if sym < 144:
        w.huff(0x30 + sym, 8)
    elif sym < 256:
        w.huff(0x190 + sym - 144, 9)
    elif sym < 280:
        w.huff(sym - 256, 7)
    else:
        w.huff(0xC0 + sym - 280, 8)


LEN_BASE = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163,
            195, 227, 258]
LEN_EXTRA = [0] * 8 + [1] * 4 + [2] * 4 + [3] * 4 + [4] * 4 + [5] * 4 + [0]
DIST_BASE = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049,
             3073, 4097, 6145, 8193, 12289, 16385, 24577]
DIST_EXTRA = [0, 0, 0, 0] + [i // 2 for i in range(2, 28)]


def fixed_match(w, length, distance):
    i = max(k for k in range(29) if LEN_BASE[k] <= length)
    if length == 258:
        i = 28
    fixed_litlen(w, 257 + i)
    w.bits(length - LEN_BASE[i], LEN_EXTRA[i])
    j = max(k for k in range(30) if DIST_BASE[k] <= distance)
    w.huff(j, 5)
    w.bits(distance - DIST_BASE[j], DIST_EXTRA[j])


def far_stream():
    """32 KiB of random literals, then matches at distance 32768 (zlib never emits that distance)."""
    lits = bytes(rng.randrange(256) for _ in range(32768))
    w = BitWriter()
    w.bits(1, 1)  # final
    w.bits(1, 2)  # fixed
    for b in lits:
        fixed_litlen(w, b)
    expected = bytearray(lits)
    for length in (258, 258, 100, 3, 258):
        fixed_match(w, length, 32768)
        for _ in range(length):
            expected.append(expected[-32768])
    fixed_match(w, 200, 1)  # an overlapping run as well
    for _ in range(200):
        expected.append(expected[-1])
    fixed_litlen(w, 256)
    return w.finish(), bytes(expected)


def across_blocks_stream():
    """A stored block, then a fixed block whose matches reach back into the stored data."""
    head = bytes(rng.randrange(256) for _ in range(40000))
    w = BitWriter()
    w.bits(0, 1)
    w.bits(0, 2)
    data = w.finish() + struct.pack("<HH", len(head), len(head) ^ 0xFFFF) + head
    w = BitWriter()
    w.bits(1, 1)
    w.bits(1, 2)
    expected = bytearray(head)
    for distance in (32768, 30000, 17, 8, 5, 2):
        fixed_match(w, 258, distance)
        for _ in range(258):
            expected.append(expected[-distance])
    fixed_litlen(w, 256)
    return data + w.finish(), bytes(expected)


# ---------------------------------------------------------------- inflate fixtures

manifest = []


def add_inflate(name, stream, expected, spec, consumed=None):
    got = zlib.decompressobj(-15)
    out = got.decompress(stream)
    assert out == expected, name
    assert got.eof, name
    write(name, stream)
    used = len(stream) - len(got.unused_data) if consumed is None else consumed
    manifest.append("%s\t%s\t%d\t%08x\t%d" % (name, spec, len(expected), zlib.crc32(expected), used))


def inflate_fixtures():
    text = sheet_xml(700, 1)
    write("text.bin", text)
    for level in (0, 1, 6, 9):
        add_inflate("text.l%d.deflate" % level, raw_deflate(text, level), text, "file:text.bin")
    add_inflate("text.fixed.deflate", raw_deflate(text, 6, zlib.Z_FIXED), text, "file:text.bin")
    add_inflate("text.huffman.deflate", raw_deflate(text, 6, zlib.Z_HUFFMAN_ONLY), text, "file:text.bin")
    add_inflate("text.rle.deflate", raw_deflate(text, 6, zlib.Z_RLE), text, "file:text.bin")
    add_inflate("text.w9.deflate", raw_deflate(text, 6, wbits=-9, memlevel=1), text, "file:text.bin")

    # Several flushes: empty stored sync blocks and many blocks in one stream.
    c = zlib.compressobj(6, zlib.DEFLATED, -15)
    parts = [c.compress(text[:5000]), c.flush(zlib.Z_SYNC_FLUSH), c.compress(text[5000:9000]),
             c.flush(zlib.Z_FULL_FLUSH), c.compress(text[9000:]), c.flush(zlib.Z_SYNC_FLUSH), c.flush()]
    add_inflate("text.flushes.deflate", b"".join(parts), text, "file:text.bin")

    add_inflate("empty.deflate", raw_deflate(b""), b"", "empty")
    add_inflate("empty.fixed.deflate", raw_deflate(b"", 6, zlib.Z_FIXED), b"", "empty")

    pattern = b'<c r="A1"/>'
    add_inflate("repetitive.deflate", raw_deflate(pattern * 100000, 9), pattern * 100000,
                "repeat:%s:100000" % pattern.hex())
    add_inflate("zeros.deflate", raw_deflate(bytes(1 << 20), 9), bytes(1 << 20), "zeros:%d" % (1 << 20))

    rand = bytes(rng.randrange(256) for _ in range(70000))
    write("random.bin", rand)
    add_inflate("random.l6.deflate", raw_deflate(rand, 6), rand, "file:random.bin")
    add_inflate("random.l0.deflate", raw_deflate(rand, 0), rand, "file:random.bin")  # stored, > 64 KiB

    stream, expected = far_stream()
    write("far.bin", expected)
    add_inflate("far.deflate", stream, expected, "file:far.bin")
    stream, expected = across_blocks_stream()
    write("across.bin", expected)
    add_inflate("across.deflate", stream, expected, "file:across.bin")

    # A stream followed by unrelated bytes: the decoder must stop at the final block.
    short = raw_deflate(text[:3000], 6)
    add_inflate("trailing.deflate", short + b"TRAILING-GARBAGE", text[:3000], "prefix:text.bin:3000", len(short))

    with open(path("inflate.tsv"), "w") as f:
        f.write("\n".join(manifest) + "\n")


# ---------------------------------------------------------------- zip fixtures

class Unseekable(io.RawIOBase):
    """A write-only stream without seek/tell, so zipfile must use data descriptors (flag bit 3)."""

    def __init__(self):
        self.buf = bytearray()

    def writable(self):
        return True

    def write(self, b):
        self.buf += b
        return len(b)


def workbook_entries():
    return [
        ("[Content_Types].xml", b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                                b'package/2006/content-types"/>'),
        ("_rels/.rels", b'<Relationships><Relationship Target="/xl/workbook.xml"/></Relationships>'),
        ("xl/workbook.xml", b'<workbook><sheets><sheet name="Sheet1" r:id="rId1"/></sheets></workbook>'),
        ("xl/worksheets/sheet1.xml", sheet_xml(300, 2)),
        ("xl/sharedStrings.xml", b"<sst>" + b"<si><t>x</t></si>" * 2000 + b"</sst>"),
        ("docProps/", b""),
    ]


def make_zip(name, entries, compression, comment=b"", fileobj=None, check=True, **kw):
    target = fileobj if fileobj is not None else path(name)
    with zipfile.ZipFile(target, "w", compression=compression, **kw) as z:
        for n, data in entries:
            info = zipfile.ZipInfo(n, date_time=(2024, 6, 7, 12, 30, 0))
            info.compress_type = compression
            info.external_attr = 0o644 << 16
            z.writestr(info, data)
        z.comment = comment
    if fileobj is not None:
        write(name, bytes(fileobj.buf))
    if check:
        check_zip(name)


def check_zip(name):
    with zipfile.ZipFile(path(name)) as z:
        assert z.testzip() is None, name


def patch_entry_fields(data, **fields):
    """Rewrites crc/csize/usize/flags of the first entry in both the local and the central header."""
    b = bytearray(data)
    cen = b.find(b"PK\x01\x02")
    local_at = {"flags": 6, "crc": 14, "csize": 18, "usize": 22}
    cen_at = {"flags": 8, "crc": 16, "csize": 20, "usize": 24}
    for key, value in fields.items():
        fmt = "<H" if key == "flags" else "<I"
        struct.pack_into(fmt, b, local_at[key], value)
        struct.pack_into(fmt, b, cen + cen_at[key], value)
    return bytes(b)


zip_manifest = []


def note(name, description):
    zip_manifest.append("%s\t%s" % (name, description))


def zip_fixtures():
    entries = workbook_entries()
    make_zip("zip_stored.zip", entries, zipfile.ZIP_STORED)
    note("zip_stored.zip", "valid: stored entries")
    make_zip("zip_deflated.zip", entries, zipfile.ZIP_DEFLATED, compresslevel=6)
    note("zip_deflated.zip", "valid: deflated entries")
    make_zip("zip_descriptor.zip", entries, zipfile.ZIP_DEFLATED, fileobj=Unseekable())
    note("zip_descriptor.zip", "valid: written to an unseekable stream, data descriptors (flag bit 3)")
    make_zip("zip_comment.zip", entries[:3], zipfile.ZIP_DEFLATED,
             comment=b"archive comment with a fake PK\x05\x06 signature inside", check=False)
    # Python's zipfile is itself fooled by the fake signature; Info-ZIP's unzip is not.
    if shutil.which("unzip"):
        subprocess.run(["unzip", "-tqq", path("zip_comment.zip")], check=True)
    note("zip_comment.zip", "valid: archive comment containing a fake EOCD signature")
    make_zip("zip_utf8.zip", [("xl/T\u1ec7p tin.xml", b"<a/>"), ("\u6570\u636e/\u8868.xml", b"<b/>"),
                              ("plain.txt", b"ascii")], zipfile.ZIP_DEFLATED)
    note("zip_utf8.zip", "valid: UTF-8 names (flag bit 11)")

    # Hostile: a bomb that claims to be small (20 MiB of zeros declared as 1000 bytes).
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("xl/worksheets/sheet1.xml", bytes(20 << 20))
    write("zip_bomb.zip", patch_entry_fields(bomb.getvalue(), usize=1000))
    note("zip_bomb.zip", "hostile: 20 MiB of zeros declared as 1000 bytes")

    big = io.BytesIO()
    with zipfile.ZipFile(big, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("huge.xml", b"<x/>" * 1000)
    write("zip_huge_declared.zip", patch_entry_fields(big.getvalue(), usize=3_000_000_000))
    note("zip_huge_declared.zip", "hostile: declared uncompressed size 3,000,000,000")

    # ZIP64: end-of-central-directory records (count limit lowered) and 0xFFFFFFFF sizes (size limit lowered).
    saved = (zipfile.ZIP_FILECOUNT_LIMIT, zipfile.ZIP64_LIMIT)
    try:
        zipfile.ZIP_FILECOUNT_LIMIT = 1
        make_zip("zip64_eocd.zip", entries[:2], zipfile.ZIP_DEFLATED)
        zipfile.ZIP_FILECOUNT_LIMIT = saved[0]
        zipfile.ZIP64_LIMIT = 100
        make_zip("zip64_sizes.zip", entries[2:4], zipfile.ZIP_DEFLATED)
    finally:
        zipfile.ZIP_FILECOUNT_LIMIT, zipfile.ZIP64_LIMIT = saved
    assert b"PK\x06\x07" in open(path("zip64_eocd.zip"), "rb").read()
    note("zip64_eocd.zip", "refused: ZIP64 end of central directory locator")
    note("zip64_sizes.zip", "refused: ZIP64 sizes (0xFFFFFFFF in the central directory)")

    import warnings
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with zipfile.ZipFile(path("zip_duplicate.zip"), "w", zipfile.ZIP_DEFLATED) as z:
            z.writestr("xl/workbook.xml", b"<first/>")
            z.writestr("xl/workbook.xml", b"<second/>")
    note("zip_duplicate.zip", "hostile: two entries named xl/workbook.xml")

    if shutil.which("zip"):
        tmp = tempfile.mkdtemp()
        try:
            for n, data in entries:
                p = os.path.join(tmp, n)
                if n.endswith("/"):
                    os.makedirs(p, exist_ok=True)
                    continue
                os.makedirs(os.path.dirname(p) or tmp, exist_ok=True)
                with open(p, "wb") as f:
                    f.write(data)
                os.utime(p, (1717763400, 1717763400))
            names = sorted(n for n, _ in entries)
            for fixture, extra in (("zip_infozip.zip", []), ("zip_encrypted.zip", ["-P", "secret"])):
                out = path(fixture)
                if os.path.exists(out):
                    os.remove(out)
                subprocess.run(["zip", "-q", "-X", "-6"] + extra + [out] + names, cwd=tmp, check=True)
            # Streaming to stdout: data descriptors written by Info-ZIP.
            with open(path("zip_infozip_stream.zip"), "wb") as f:
                subprocess.run(["zip", "-q", "-X", "-", "xl/workbook.xml", "xl/sharedStrings.xml"], cwd=tmp,
                               check=True, stdout=f)
        finally:
            shutil.rmtree(tmp)
        check_zip("zip_infozip.zip")
        check_zip("zip_infozip_stream.zip")
        note("zip_infozip.zip", "valid: made by Info-ZIP zip")
        note("zip_infozip_stream.zip", "valid: made by Info-ZIP zip writing to a pipe")
        note("zip_encrypted.zip", "refused: traditional PKWARE encryption (zip -P)")

    with open(path("zip.tsv"), "w") as f:
        f.write("\n".join(zip_manifest) + "\n")


if __name__ == "__main__":
    inflate_fixtures()
    zip_fixtures()
    print("wrote %d inflate and %d zip fixtures" % (len(manifest), len(zip_manifest)))
