import TresorModel
import TresorStore

extension FieldPolicy {
    /// A page of customers as this policy shows them.
    func apply(to page: CustomerPage) -> CustomerPage {
        var shown = page
        shown.customers = page.customers.map(apply(to:))
        return shown
    }
}
