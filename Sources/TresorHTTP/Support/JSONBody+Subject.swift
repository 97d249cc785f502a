import TresorModel
import TresorService

extension JSONBody {
    /// The data subject a compliance request names: `customer_id` or `email`, exactly one.
    func subjectReference() throws -> SubjectReference {
        switch (try uuid("customer_id"), try string("email")) {
        case let (id?, nil): return .customer(id)
        case let (nil, email?): return .email(email)
        default: throw Problem.invalid(FieldError(field: "customer_id", reason: "give exactly one of customer_id and email"))
        }
    }
}
