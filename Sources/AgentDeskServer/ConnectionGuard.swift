import Hummingbird
import HummingbirdCore
import HummingbirdWebSocket
import Logging
import NIOCore
import NIOHTTP1

/// The server's limits on a connection. The defaults are what `agentdesk` runs
/// with; tests shorten the timeouts to watch them work.
public struct ServerLimits: Sendable {
    /// From a connection's opening to the end of its first request's head (the
    /// header-read timeout: a client trickling header bytes is cut off here).
    public var headerTimeout: TimeAmount = .seconds(10)
    /// Hummingbird's idle timeout on the HTTP/1 channel: a connection with no request
    /// in progress (between keep-alive requests, or trickling a later request's head)
    /// is closed after this long. Event streams in progress are not idle.
    public var idleTimeout: TimeAmount = .seconds(60)
    /// The most one header line may be, and all of a request's headers together.
    public var maxHeaderFieldBytes = 16 * 1024
    public var maxHeaderListBytes = 32 * 1024
    /// The most header lines a request may have.
    public var maxHeaderFields = 100

    public init() {}
}

/// The socket end of every connection's pipeline, below the HTTP decoder: it
/// closes a connection whose first request head does not arrive within the
/// header timeout, and it can answer a request with a whole HTTP response written
/// as bytes and close, whatever state the HTTP handlers above it are in (a parse
/// error, a refused WebSocket upgrade). After that answer nothing else is written.
final class ConnectionGuard: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = Any
    typealias OutboundOut = ByteBuffer

    private let headerTimeout: TimeAmount
    private var context: ChannelHandlerContext?
    private var timer: Scheduled<Void>?
    /// The last bytes seen, to find the end of the first request's head.
    private var window: UInt32 = 0
    private var headComplete = false
    private var answered = false

    init(headerTimeout: TimeAmount) {
        self.headerTimeout = headerTimeout
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        if context.channel.isActive { startTimer(context) }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
        self.context = nil
    }

    func channelActive(context: ChannelHandlerContext) {
        startTimer(context)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
        context.fireChannelInactive()
    }

    private func startTimer(_ context: ChannelHandlerContext) {
        guard timer == nil, !headComplete else { return }
        timer = context.eventLoop.assumeIsolated().scheduleTask(in: headerTimeout) { [self] in
            timer = nil
            guard !headComplete else { return }
            answer(.requestTimeout, "the request's head did not arrive within \(Self.describe(headerTimeout)); closing")
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard !answered else { return }
        if !headComplete {
            let buffer = unwrapInboundIn(data)
            for byte in buffer.readableBytesView {
                window = window << 8 | UInt32(byte)
                // CRLF CRLF, or LF LF from a lenient client.
                if window == 0x0D0A_0D0A || window & 0xFFFF == 0x0A0A {
                    headComplete = true
                    timer?.cancel()
                    timer = nil
                    break
                }
            }
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        guard !answered else {
            promise?.fail(ChannelError.ioOnClosedChannel)
            return
        }
        context.write(data, promise: promise)
    }

    /// Writes a whole JSON error response as bytes and closes the connection.
    func answer(_ status: HTTPResponse.Status, _ message: String, headers: [(String, String)] = []) {
        guard !answered, let context else { return }
        answered = true
        timer?.cancel()
        timer = nil
        let body = Routes.errorBody(message)
        var head = "HTTP/1.1 \(status.code) \(status.reasonPhrase)\r\n"
        for (name, value) in Routes.commonHeaders.map({ ($0.name.rawName, $0.value) }) + headers {
            head += "\(name): \(value)\r\n"
        }
        head += "Content-Type: application/json; charset=utf-8\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n"
        let channel = context.channel
        // Shut the output down before closing: the FIN then goes out even when a child
        // process holds a copy of the descriptor (SwiftNIO accepts without close-on-exec),
        // where a bare close() would leave the client waiting for as long as the child lives.
        context.writeAndFlush(wrapOutboundOut(ByteBuffer(string: head + body))).whenComplete { _ in
            channel.close(mode: .output).whenComplete { _ in channel.close(promise: nil) }
        }
    }

    /// `answer` from any thread, for the connection that carries `channel`.
    static func answer(on channel: any Channel, _ status: HTTPResponse.Status, _ message: String, headers: [(String, String)] = []) {
        channel.eventLoop.execute {
            (try? channel.pipeline.syncOperations.handler(type: ConnectionGuard.self))?.answer(status, message, headers: headers)
        }
    }

    static func describe(_ amount: TimeAmount) -> String {
        let ms = amount.nanoseconds / 1_000_000
        return ms % 1000 == 0 ? "\(ms / 1000) s" : "\(ms) ms"
    }
}

/// Above the HTTP decoder: a first request that is not HTTP (a parse error, headers
/// over the limits, Content-Length with Transfer-Encoding, a negative length…) gets
/// a 400 (431 for headers too large) with the reason as JSON, and the connection
/// closes. Such an error before the first request head has been handed on reached no
/// handler in Hummingbird's WebSocket-upgrade channel (no answer, the connection
/// left open); once a head has been handed on, Hummingbird's own loop answers a
/// parse error with 400 and closes, after the answers already due, in order.
final class ProtocolErrorCatcher: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart

    private let limits: ServerLimits
    private var headSeen = false

    init(limits: ServerLimits) {
        self.limits = limits
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        // Only the first parts pass here as NIO HTTP parts (later, after an upgrade,
        // WebSocket frames): look once, never unwrap after that.
        if !headSeen { headSeen = true }
        context.fireChannelRead(data)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard !headSeen, let parseError = error as? HTTPParserError else {
            context.fireErrorCaught(error)
            return
        }
        let connection = try? context.pipeline.syncOperations.handler(type: ConnectionGuard.self)
        switch parseError {
        case .headerOverflow:
            connection?.answer(.init(code: 431, reasonPhrase: "Request Header Fields Too Large"),
                               "the request's headers are too large: at most \(limits.maxHeaderFieldBytes / 1024) KB a line, "
                               + "\(limits.maxHeaderListBytes / 1024) KB in all, \(limits.maxHeaderFields) lines")
        default:
            connection?.answer(.badRequest, "not a well-formed HTTP/1.1 request (\(parseError)); closing")
        }
        if connection == nil { context.close(promise: nil) }
    }
}

/// Hummingbird's HTTP/1 channel with WebSocket upgrade, with the `ConnectionGuard`
/// below its HTTP decoder and the `ProtocolErrorCatcher` above it.
struct GuardedChannel<Inner: ServerChildChannel>: ServerChildChannel {
    typealias Value = Inner.Value
    let inner: Inner
    let limits: ServerLimits

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        do {
            try channel.pipeline.syncOperations.addHandler(ConnectionGuard(headerTimeout: limits.headerTimeout), position: .first)
        } catch {
            return channel.eventLoop.makeFailedFuture(error)
        }
        let limits = self.limits
        return inner.setup(channel: channel, logger: logger).flatMapThrowing { value in
            try channel.pipeline.syncOperations.addHandler(ProtocolErrorCatcher(limits: limits))
            return value
        }
    }

    func handle(value: Value, logger: Logger) async {
        await inner.handle(value: value, logger: logger)
    }
}

extension ServerLimits {
    /// Hummingbird's HTTP/1 channel configuration with these limits.
    var http1: HTTP1Channel.Configuration {
        HTTP1Channel.Configuration(
            idleTimeout: idleTimeout,
            httpDecoderConfiguration: .init(maxHeaderFieldSize: maxHeaderFieldBytes, maxHeaderListSize: maxHeaderListBytes,
                                            maxHeaderFieldCount: maxHeaderFields))
    }
}
