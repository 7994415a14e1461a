import Foundation
import HotglueBackend
import ServiceLifecycle

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The backend serving on a free loopback port (`PORT=0`) while a test talks to it over HTTP with
/// Foundation's URLSession, as any client would; it is shut down gracefully afterwards.
enum LiveServer {
    /// Serves `configuration` with its clock stopped at `now` (so tokens are predictable).
    static func run<Value: Sendable>(
        _ configuration: BackendConfiguration, at now: Int64,
        _ test: @Sendable (_ port: Int) async throws -> Value
    ) async throws -> Value {
        var configuration = configuration
        configuration.port = 0
        let (ports, listening) = AsyncStream<Int>.makeStream()
        let app = buildApplication(
            configuration, clock: { now },
            onListening: { port in
                listening.yield(port)
                listening.finish()
            })
        let services = ServiceGroup(configuration: .init(services: [app], logger: app.logger))
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await services.run() }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next(), port > 0 else { throw Failure("the server did not start listening") }
            do {
                let value = try await test(port)
                await services.triggerGracefulShutdown()
                return value
            } catch {
                await services.triggerGracefulShutdown()
                throw error
            }
        }
    }
}

/// One HTTP client with its own connection (kept alive between its requests).
struct LiveClient: Sendable {
    struct Response: Sendable {
        let status: Int
        let headers: [String: String]  // names in lower case
        let body: [UInt8]
        func header(_ name: String) -> String? { headers[name.lowercased()] }
    }

    let port: Int
    private let session: URLSession

    init(port: Int) {
        self.port = port
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpMaximumConnectionsPerHost = 1
        configuration.timeoutIntervalForRequest = 120
        session = URLSession(configuration: configuration)
    }

    func request(_ path: String, method: String = "GET", headers: [String: String] = [:]) async throws -> Response {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        request.httpMethod = method
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let (data, response) = try await session.data(for: request)
        guard let http = response as? HTTPURLResponse else { throw Failure("not an HTTP response for \(path)") }
        var fields: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
            if let name = name as? String, let value = value as? String { fields[name.lowercased()] = value }
        }
        return Response(status: http.statusCode, headers: fields, body: [UInt8](data))
    }
}
