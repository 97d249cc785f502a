#!/usr/bin/env python3
"""Independent verifier of Tresor's access log, written from Docs/access-log.md alone.

Usage: verify_access_log.py TRESOR_SQLITE PUBLIC_KEY_PEM

Recomputes the hash chain over the stored entries with hashlib, checks every checkpoint's
Ed25519 signature with the `cryptography` package, and prints one JSON object:
{"ok": true, "entries": N, "checkpoints": C} or {"ok": false, "sequence": S, "reason": "..."}.
"""
import hashlib
import json
import sqlite3
import struct
import sys

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.serialization import load_pem_public_key

GENESIS = hashlib.sha256(b"tresor/access-log/v1").digest()
CHECKPOINT_LABEL = b"tresor/access-log/checkpoint/v1"


def key_id(public_key) -> str:
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
    raw = public_key.public_bytes(Encoding.Raw, PublicFormat.Raw)
    return "ak_" + hashlib.sha256(raw).hexdigest()[:16]


def verify(db_path: str, pem_path: str) -> dict:
    with open(pem_path, "rb") as handle:
        public_key = load_pem_public_key(handle.read())
    trusted = key_id(public_key)
    db = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    checkpoints = {seq: (time, chain_hash, kid, signature) for seq, time, chain_hash, kid, signature in
                   db.execute("SELECT seq, time, chain_hash, key_id, signature FROM access_log_checkpoints")}

    def check_checkpoint(seq: int, expected_hash: bytes):
        time, chain_hash, kid, signature = checkpoints[seq]
        if kid != trusted:
            return f"checkpoint signed by {kid}, not by the trusted key {trusted}"
        message = CHECKPOINT_LABEL + struct.pack(">Q", seq) + chain_hash + struct.pack(">q", time)
        try:
            public_key.verify(signature, message)
        except InvalidSignature:
            return "bad checkpoint signature"
        if expected_hash is not None and chain_hash != expected_hash:
            return "checkpoint does not match the chain"
        return None

    rows = db.execute("SELECT seq, time, entry, hash FROM access_log ORDER BY seq")
    previous, expected, entries, verified = GENESIS, 1, 0, 0
    for seq, time, entry, stored_hash in rows:
        if entries == 0 and seq > 1:
            if seq - 1 not in checkpoints:
                return {"ok": False, "sequence": 1, "reason": "entries before the first are gone without an anchor"}
            problem = check_checkpoint(seq - 1, None)
            if problem:
                return {"ok": False, "sequence": seq - 1, "reason": problem}
            previous, expected = checkpoints[seq - 1][1], seq
        if seq != expected:
            return {"ok": False, "sequence": expected, "reason": "missing"}
        version, entry_seq, entry_time = struct.unpack(">BQq", entry[:17])
        if version != 1 or entry_seq != seq or entry_time != time:
            return {"ok": False, "sequence": seq, "reason": "header does not match its place"}
        current = hashlib.sha256(previous + entry).digest()
        if current != stored_hash:
            return {"ok": False, "sequence": seq, "reason": "changed"}
        if seq in checkpoints:
            problem = check_checkpoint(seq, current)
            if problem:
                return {"ok": False, "sequence": seq, "reason": problem}
            verified += 1
        previous, expected, entries = current, seq + 1, entries + 1
    if any(seq >= expected for seq in checkpoints):
        return {"ok": False, "sequence": expected, "reason": "a checkpoint covers entries that are gone"}
    return {"ok": True, "entries": entries, "checkpoints": verified}


if __name__ == "__main__":
    print(json.dumps(verify(sys.argv[1], sys.argv[2])))
