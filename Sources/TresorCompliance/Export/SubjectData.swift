import Foundation
import TresorModel
import TresorStore

/// Everything Tresor holds about one customer, gathered from the store for an export (the access
/// log excepted: it is streamed).
public struct SubjectData: Sendable {
    public var customer: Customer
    public var mailingLists: [MailingList]
    public var teammate: Teammate?
    /// Webhook deliveries of events about the customer, with their recipients.
    public var webhookDeliveries: [(delivery: WebhookDelivery, recipient: String)]
    /// Emails to the customer, with the address each went to.
    public var emails: [(email: Email, address: String?)]
    /// Legal holds on the customer's data, in force or ended.
    public var holds: [LegalHold] = []
    /// The customer's erasure requests.
    public var requests: [ErasureRequest] = []

    /// Reads the customer and what belongs to them; not found when there is no such customer.
    public static func gather(customerID: UUID, from store: any CustomerStore) async throws -> SubjectData {
        let customer = try await store.customer(id: customerID)
        var lists: [MailingList] = []
        for id in customer.mailingListIDs {
            if let list = try? await store.mailingList(id: id) { lists.append(list) }
        }
        var teammate: Teammate?
        if let id = customer.teammateID { teammate = try? await store.teammate(id: id) }
        return SubjectData(customer: customer, mailingLists: lists, teammate: teammate,
                           webhookDeliveries: try await store.outbox.deliveries(customerID: customerID),
                           emails: try await store.emails.emails(customerID: customerID),
                           holds: try await store.legalHolds.holds(customerID: customerID, status: nil),
                           requests: try await store.erasureRequests.requests(status: nil).filter { $0.customerID == customerID })
    }
}
