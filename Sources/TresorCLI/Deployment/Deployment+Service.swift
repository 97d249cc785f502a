import Foundation
import TresorCompliance
import TresorDeployment
import TresorModel
import TresorService
import TresorStore

extension Deployment {
    /// Runs `body` with the deployment's service and an operator request naming `command`; a
    /// refusal (a field, a state, a missing record) becomes the command's one-line failure.
    func withService<Value>(command: String, purpose: String? = nil, roles: RolesPolicy = .builtIn,
                            _ body: (TresorService, RequestInfo) async throws -> Value) async throws -> Value {
        let store = try await openExistingStore()
        defer { try? store.close() }
        do {
            return try await body(TresorService(store: store, roles: roles), .operator(command: command, purpose: purpose))
        } catch let error as FieldError {
            throw CommandFailure(error.description)
        } catch let error as ServiceError {
            throw CommandFailure(error.description)
        } catch let error as StoreError {
            throw CommandFailure(error.description)
        }
    }
}

/// A command failure with a one-line reason, printed by ArgumentParser with exit code 1.
struct CommandFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
