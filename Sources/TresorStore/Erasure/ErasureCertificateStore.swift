import Foundation
import TresorCrypto
import TresorModel

/// Signed erasure certificates, issued inside each customer erasure's unit of work.
public protocol ErasureCertificateStore: Sendable {
    /// The certificate with this id, or the one of the erasure request or customer with this id.
    func certificate(id: UUID) async throws -> ErasureCertificate
    /// Checks a certificate against this deployment: its signature, its ledger entry, and that the
    /// customer's key and rows are gone. Returns what fails; empty when it all holds.
    func check(_ certificate: ErasureCertificate) async throws -> [String]
    /// The deployment's audit public keys, by key id, to check certificates with.
    func publicKeys() async throws -> [String: Ed25519PublicKey]
}
