/// Why an erasure request may be refused: the exceptions of GDPR Art. 17(3), a manifestly
/// unfounded or excessive request (Art. 12(5)), or a requester whose identity could not be
/// verified (Art. 12(6)). A rejection must name one.
public enum ErasureRejection: String, Sendable, CaseIterable {
    /// Art. 17(3)(a): freedom of expression and information.
    case freedomOfExpression = "art17_3_a"
    /// Art. 17(3)(b): a legal obligation or a task in the public interest (e.g. tax retention).
    case legalObligation = "art17_3_b"
    /// Art. 17(3)(c): public health.
    case publicHealth = "art17_3_c"
    /// Art. 17(3)(d): archiving, research or statistics in the public interest.
    case archivingOrResearch = "art17_3_d"
    /// Art. 17(3)(e): establishing, exercising or defending legal claims.
    case legalClaims = "art17_3_e"
    /// Art. 12(5): manifestly unfounded.
    case manifestlyUnfounded = "art12_5_unfounded"
    /// Art. 12(5): manifestly excessive, in particular repetitive.
    case manifestlyExcessive = "art12_5_excessive"
    /// Art. 12(6): the requester's identity could not be verified.
    case identityNotVerified = "identity_not_verified"
}
