#!/usr/bin/env python3
"""Writes the Windows-1258 fixtures from Python's own `cp1258` codec.

cp1258-bytes.txt      one line per byte 0x00…0xFF: `<byte hex> <UTF-8 of codecs.decode(bytes([b]), 'cp1258') as hex>`,
                      or `<byte hex> undefined` where the codec raises UnicodeDecodeError.
vietnamese.cp1258     vietnamese-nfc.txt encoded the way Windows does it: precomposed letters where code page 1258
                      has them (â ă ê ô ơ ư đ and the Latin-1 ones), every other tone as base letter + combining mark.
vietnamese-nfc.txt    the original text, UTF-8 in NFC; decoding vietnamese.cp1258 and normalising to NFC must give it.
Run from this folder: python3 gen_cp1258.py
"""
import codecs
import unicodedata

with open("cp1258-bytes.txt", "w", newline="\n") as out:
    for byte in range(256):
        try:
            text = codecs.decode(bytes([byte]), "cp1258")
            out.write(f"{byte:02X} {text.encode('utf-8').hex().upper()}\n")
        except UnicodeDecodeError:
            out.write(f"{byte:02X} undefined\n")

TEXT = (
    "Ủy ban nhân dân xã Tân Phú; Tỷ lệ hồ sơ giải quyết đúng hạn; Kế hoạch cải cách hành chính năm 2025\r\n"
    "STT,Tên thủ tục,Lĩnh vực,Số hồ sơ,Đúng hạn (%),Phí (₫)\r\n"
    "1,Đăng ký khai sinh,Hộ tịch,1.234,\"98,5\",0\r\n"
    "2,Cấp Giấy chứng nhận quyền sử dụng đất,Đất đai,87,\"91,95\",\"1.500.000\"\r\n"
    "ĐỒNG THÁP – Ấp Mỹ Lợi, Phường Đặng Văn Bé, Thị trấn Ỷ Lan; Ữ Ỡ Ợ Ặ Ẫ Ệ Ộ Ự Ỵ ỹ ỳ ỷ ý ỵ\r\n"
)
TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def encode_cp1258(text: str) -> bytes:
    """Encodes NFC text as Windows does: a character the code page lacks becomes its base (recomposed without the
    tone, e.g. ậ -> â) followed by the combining tone mark."""
    out = bytearray()
    for char in text:
        try:
            out += char.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        decomposed = unicodedata.normalize("NFD", char)
        tones = [mark for mark in decomposed if mark in TONES]
        base = unicodedata.normalize("NFC", "".join(mark for mark in decomposed if mark not in TONES))
        assert len(tones) == 1, char
        out += base.encode("cp1258") + tones[0].encode("cp1258")
    return bytes(out)


nfc = unicodedata.normalize("NFC", TEXT)
encoded = encode_cp1258(nfc)
assert unicodedata.normalize("NFC", encoded.decode("cp1258")) == nfc
assert any(byte in encoded for byte in (0xCC, 0xEC, 0xDE, 0xD2, 0xF2))
with open("vietnamese.cp1258", "wb") as out:
    out.write(encoded)
with open("vietnamese-nfc.txt", "wb") as out:
    out.write(nfc.encode("utf-8"))
