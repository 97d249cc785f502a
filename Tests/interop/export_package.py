"""Helpers for the export tests, with Python's own zipfile and jsonschema (PyPI).

  export_package.py validate FILE.zip
      validates portable.json against portable.schema.json (JSON Schema 2020-12); prints "valid".
  export_package.py tamper FILE.zip NAME OUT.zip
      writes OUT.zip, a copy of FILE.zip in which one byte of NAME's content is changed.
"""
import json
import sys
import zipfile

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


if __name__ == "__main__":
    if sys.argv[1] == "validate":
        validate(sys.argv[2])
    else:
        tamper(sys.argv[2], sys.argv[3], sys.argv[4])
