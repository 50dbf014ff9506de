#!/usr/bin/env python3
"""Writes sha256-random.txt: SHA-256 digests (by hashlib) of pseudo-random messages of 0…300 bytes (and 4 longer).

Each line is `<length> <message as hex> <digest as hex>`; the message hex is empty for length 0, so the line then
has two spaces in a row. The seed is fixed, so rerunning the script reproduces the file byte for byte.
Run from this folder: python3 gen_sha256.py
"""
import hashlib
import random

rng = random.Random(180_4)
# Lengths around the padding boundaries first (55/56 bytes leave or need an extra block; 64 is one whole block),
# then a few hundred random ones.
lengths = [0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129, 191, 192, 300]
lengths += [rng.randint(0, 300) for _ in range(400)]
# A few longer ones, across the 4 KiB pieces in which the Swift code feeds its compression function.
lengths += [4095, 4096, 4097, 10_000]

with open("sha256-random.txt", "w", newline="\n") as out:
    for length in lengths:
        message = bytes(rng.randrange(256) for _ in range(length))
        out.write(f"{length} {message.hex()} {hashlib.sha256(message).hexdigest()}\n")
