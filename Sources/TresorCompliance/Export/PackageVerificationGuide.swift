import TresorCrypto

/// What makes an export package verifiable with nothing but the ZIP: the signing key's public
/// half (`signing-key.pem`) and `VERIFY.txt`, in English and German, saying how to check it with
/// Tresor or any Ed25519 tool, and that the key's fingerprint must match the one the controller
/// publishes for the check to prove who made the package.
public enum PackageVerificationGuide {
    public static let keyFileName = "signing-key.pem"
    public static let guideFileName = "VERIFY.txt"

    /// The SHA-256 of the raw public key in groups of four hex digits, as people compare it.
    public static func fingerprint(of key: Ed25519PublicKey) throws -> String {
        let hex = try SHA256.hash(key.rawRepresentation).hexString
        var groups: [Substring] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let end = hex.index(index, offsetBy: 4, limitedBy: hex.endIndex) ?? hex.endIndex
            groups.append(hex[index..<end])
            index = end
        }
        return groups.joined(separator: " ")
    }

    /// `VERIFY.txt` for a package signed by `keyID`, whose controller is `controller` (`contact`).
    public static func text(keyID: String, fingerprint: String, controller: String, contact: String) -> String {
        """
        How to check this package
        =========================

        manifest.json lists every file of this package with its SHA-256, and is signed with the
        Ed25519 key in signing-key.pem (key \(keyID)). If any file was changed, added or removed,
        or manifest.json was altered, the check fails.

        With Tresor:    tresor export verify THIS-FILE.zip
        Without Tresor: the signature (manifest.json, "signature" "value", base64) is over
                        these lines, each ending in a newline: "tresor/export/v1",
                        "subject ID", "purpose PURPOSE", "created TIME", "version VERSION",
                        then "file SHA256 BYTES NAME" for each file in the manifest's order.
                        Check it with signing-key.pem and any Ed25519 tool (OpenSSL 3:
                        openssl pkeyutl -verify -pubin -inkey signing-key.pem -rawin
                        -in signed.txt -sigfile signature.bin), then each file's SHA-256
                        against the list (sha256sum).

        A key inside the package proves only that nothing was changed since it was signed by
        that key. That it was \(controller) who signed it, you know only when this fingerprint
        matches the one \(controller) publishes (ask \(contact)):

            \(fingerprint)


        So prüfen Sie dieses Paket
        ==========================

        manifest.json listet jede Datei dieses Pakets mit ihrem SHA-256-Wert auf und ist mit dem
        Ed25519-Schlüssel in signing-key.pem signiert (Schlüssel \(keyID)). Wurde eine Datei
        geändert, hinzugefügt oder entfernt oder manifest.json verändert, schlägt die Prüfung fehl.

        Mit Tresor:     tresor export verify DIESE-DATEI.zip
        Ohne Tresor:    die Signatur (manifest.json, "signature" "value", Base64) gilt den oben
                        genannten Zeilen; mit signing-key.pem und einem beliebigen
                        Ed25519-Werkzeug prüfen (etwa OpenSSL 3, siehe oben), dann den
                        SHA-256-Wert jeder Datei mit der Liste vergleichen (sha256sum).

        Ein Schlüssel im Paket beweist nur, dass seit der Signatur mit diesem Schlüssel nichts
        verändert wurde. Dass \(controller) signiert hat, wissen Sie erst, wenn dieser
        Fingerabdruck mit dem übereinstimmt, den \(controller) veröffentlicht (fragen Sie
        \(contact)):

            \(fingerprint)

        """
    }
}
