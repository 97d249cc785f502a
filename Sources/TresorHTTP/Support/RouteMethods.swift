import Hummingbird
import NIOConcurrencyHelpers

/// The methods each route path answers, so that a request with the wrong method on a path that
/// exists gets `405 Method Not Allowed` with `Allow` (RFC 9110 §15.5.6), and a path that exists
/// for no method gets a 404 saying the endpoint does not exist.
struct RouteMethods: Sendable {
    private let routes: [(segments: [Substring], method: HTTPRequest.Method)]

    init(_ routes: [(path: String, method: HTTPRequest.Method)]) {
        self.routes = routes.map { (Self.segments($0.path), $0.method) }
    }

    /// The methods a route answers at `path`, sorted; empty when no route has this path. Where
    /// several patterns match, the router takes the one with the most literal segments
    /// (`/customers/create` before `/customers/:id`), and so does this.
    func methods(for path: String) -> [String] {
        let requested = Self.segments(path)
        var best = -1
        var methods = Set<String>()
        for route in routes where Self.matches(route.segments, requested) {
            let literals = route.segments.filter { !$0.hasPrefix(":") && !$0.hasPrefix("{") && !$0.hasPrefix("*") }.count
            if literals > best {
                best = literals
                methods = []
            }
            if literals == best { methods.insert(route.method.rawValue) }
        }
        return methods.sorted()
    }

    private static func segments(_ path: String) -> [Substring] {
        path.split(separator: "/", omittingEmptySubsequences: true)
    }

    /// A pattern segment `:name` matches any one segment, `*` any one, `**` the rest.
    private static func matches(_ pattern: [Substring], _ path: [Substring]) -> Bool {
        for (index, segment) in pattern.enumerated() {
            if segment == "**" { return true }
            guard index < path.count else { return false }
            if segment.hasPrefix(":") || segment == "*" || segment.hasPrefix("{") { continue }
            guard segment == path[index] else { return false }
        }
        return pattern.count == path.count
    }
}

/// ``RouteMethods`` filled in once every route is added (the middleware that reads it is added
/// before the routes).
final class RouteMethodsBox: Sendable {
    private let value = NIOLockedValueBox(RouteMethods([]))

    var methods: RouteMethods { value.withLockedValue { $0 } }

    func set<Context>(from router: Router<Context>) {
        let routes = router.routes.map { (path: "\($0.path)", method: $0.method) }
        value.withLockedValue { $0 = RouteMethods(routes) }
    }
}
