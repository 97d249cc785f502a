"""Helpers for the export tests, with Python's own zipfile and jsonschema (PyPI).

  export_package.py validate FILE.zip
      validates portable.json against portable.schema.json (JSON Schema 2020-12); prints "valid".
  export_package.py tamper FILE.zip NAME OUT.zip
      writes OUT.zip, a copy of FILE.zip in which one byte of NAME's content is changed.
  export_package.py resign FILE.zip OUT.zip
      writes OUT.zip, FILE.zip with statement.txt changed, signing-key.pem swapped for a new
      Ed25519 key (Python's cryptography package) and the manifest re-signed with it: what a
      forger with the package alone can make. Prints the new key id.
"""
import base64
import hashlib
import json
import sys
import zipfile

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

import jsonschema


def validate(path):
    with zipfile.ZipFile(path) as package:
        schema = json.loads(package.read("portable.schema.json"))
        document = json.loads(package.read("portable.json"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(document)
    print("valid")


def tamper(path, name, out):
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = bytearray(source.read(info.filename))
            if info.filename == name:
                data[len(data) // 2] ^= 0x01
            target.writestr(info.filename, bytes(data))
    print("tampered", name)


def signed_text(manifest):
    lines = ["tresor/export/v1", f"subject {manifest['subject_id']}", f"purpose {manifest['purpose']}",
             f"created {manifest['created_at']}", f"version {manifest['tresor_version']}"]
    lines += [f"file {f['sha256']} {f['bytes']} {f['name']}" for f in manifest["files"]]
    return ("\n".join(lines) + "\n").encode()


def resign(path, out):
    key = Ed25519PrivateKey.generate()
    public = key.public_key()
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    key_id = "ak_" + hashlib.sha256(raw).hexdigest()[:16]
    pem = public.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    with zipfile.ZipFile(path) as source:
        contents = {info.filename: source.read(info.filename) for info in source.infolist()}
    contents["statement.txt"] = contents["statement.txt"] + b"\nForged line.\n"
    contents["signing-key.pem"] = pem
    manifest = json.loads(contents["manifest.json"])
    for entry in manifest["files"]:
        if entry["name"] in contents:
            entry["sha256"] = hashlib.sha256(contents[entry["name"]]).hexdigest()
            entry["bytes"] = len(contents[entry["name"]])
    manifest["signature"] = {"algorithm": "Ed25519", "key_id": key_id,
                             "value": base64.b64encode(key.sign(signed_text(manifest))).decode()}
    contents["manifest.json"] = json.dumps(manifest).encode()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in contents.items():
            target.writestr(name, data)
    print(key_id)


if __name__ == "__main__":
    if sys.argv[1] == "validate":
        validate(sys.argv[2])
    elif sys.argv[1] == "resign":
        resign(sys.argv[2], sys.argv[3])
    else:
        tamper(sys.argv[2], sys.argv[3], sys.argv[4])
