#!/usr/bin/env python3
"""Independent reader of Tresor's formats, written from Docs/crypto.md alone.

Given a JSON fixture with a master keyring (text form), a wrapped data key, a sealed field and
its location, it unwraps the data key, opens the field and computes the email blind index using
only Python's `cryptography` package, then prints one JSON object with what it found.
"""
import base64
import hashlib
import hmac
import json
import struct
import sys
import unicodedata

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF


def lp(data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + data


def parse_keyring(text: str) -> dict:
    keys = {}
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        version, _, encoded = line.rpartition(":")
        key = base64.b64decode(encoded, validate=True)
        assert len(key) == 32, "master keys are 32 bytes"
        keys[int(version) if version else 1] = key
    return keys


def unwrap_dek(keyring: dict, wrapped: bytes, subject_id: str) -> bytes:
    assert len(wrapped) == 65 and wrapped[0] == 0x01
    (kek_version,) = struct.unpack(">I", wrapped[1:5])
    nonce, ciphertext_and_tag = wrapped[5:17], wrapped[17:65]
    aad = lp(b"tresor/dek/v1") + lp(wrapped[0:5]) + lp(subject_id.encode("utf-8"))
    return AESGCM(keyring[kek_version]).decrypt(nonce, ciphertext_and_tag, aad)


def open_field(dek: bytes, sealed: bytes, table: str, column: str, row_id: str) -> bytes:
    assert sealed[0] == 0x01
    header, nonce, rest = sealed[0:9], sealed[9:21], sealed[21:]
    key_id = hmac.new(dek, b"tresor/key-id/v1", hashlib.sha256).digest()[0:8]
    assert header[1:9] == key_id, "the field names another data key"
    aad = (lp(b"tresor/field/v1") + lp(header) + lp(table.encode("utf-8"))
           + lp(column.encode("utf-8")) + lp(row_id.encode("utf-8")))
    return AESGCM(dek).decrypt(nonce, rest, aad)


def normalise_email(email: str) -> str:
    """Docs/crypto.md, email normalisation version 2: trim, NFKC, lower-case, drop quotes that a
    dot-atom local part does not need, the domain in its IDNA ASCII form."""
    text = unicodedata.normalize("NFKC", email.strip()).lower()
    local, at, domain = text.rpartition("@")
    if not at:
        return text
    if len(local) >= 2 and local.startswith('"') and local.endswith('"'):
        inner = local[1:-1]
        atext = set("abcdefghijklmnopqrstuvwxyz0123456789!#$%&'*+-/=?^_`{|}~")
        if inner and all(part and all(c in atext or ord(c) > 127 for c in part) for part in inner.split(".")):
            local = inner
    if not domain.isascii():
        domain = domain.encode("idna").decode("ascii").lower()
    return local + "@" + domain


def email_blind_index(master_key: bytes, purpose: str, email: str) -> bytes:
    index_key = HKDF(algorithm=hashes.SHA256(), length=32, salt=b"tresor/blind-index/v1",
                     info=purpose.encode("utf-8")).derive(master_key)
    normalised = normalise_email(email)
    return hmac.new(index_key, normalised.encode("utf-8"), hashlib.sha256).digest()[0:16]


def main() -> None:
    fixture = json.load(open(sys.argv[1], encoding="utf-8"))
    keyring = parse_keyring(fixture["keyring"])
    dek = unwrap_dek(keyring, bytes.fromhex(fixture["wrapped_dek"]), fixture["subject_id"])
    plaintext = open_field(dek, bytes.fromhex(fixture["sealed_field"]),
                           fixture["table"], fixture["column"], fixture["row_id"])
    index = email_blind_index(keyring[fixture["index_version"]], fixture["index_purpose"],
                              fixture["index_email"])
    print(json.dumps({"plaintext": plaintext.decode("utf-8"), "blind_index": index.hex()}))


if __name__ == "__main__":
    main()
