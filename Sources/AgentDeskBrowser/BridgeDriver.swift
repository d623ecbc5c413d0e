import AgentDeskCore
import Foundation

/// The bridge page in a headless browser, driven over the DevTools Protocol: one
/// flat session on the page target; each screen-pop page is found as the bridge's
/// iframe for its tab (its frame id from the DOM), and acted on in a world of its
/// own frame, never through the bridge's script.
public final class BridgeDriver: @unchecked Sendable {
    public let connection: CDPConnection
    public let session: String
    /// The bridge's own frame (the page target's id).
    public let mainFrame: String
    /// Execution contexts to their frames, from Runtime.executionContextCreated.
    private var contextFrames: [Int: String] = [:]
    private var frameURLs: [String: String] = [:]
    /// Frames to the tab whose page they are (refreshed when an unknown frame speaks).
    private var frameTabs: [String: String] = [:]

    /// What a page said or threw, for the transcript.
    public enum PageEvent: Sendable, Equatable {
        case console(tab: String?, level: String, text: String, url: String?)
        case error(tab: String?, text: String, url: String?, line: Int?)
    }

    /// Something in the page went wrong for a step: a clear sentence.
    public struct StepFailure: Error, CustomStringConvertible, Equatable {
        public let description: String
        public init(_ description: String) { self.description = description }
    }

    /// Attaches to the browser's page and opens `url` in it.
    public static func open(_ connection: CDPConnection, url: String, timeout: Double = 30) throws -> BridgeDriver {
        let targets = try connection.send("Target.getTargets", timeout: timeout)
        guard let page = targets["targetInfos"]?.arrayValue.first(where: { $0["type"] == .string("page") }),
              let targetId = page["targetId"]?.stringValue else {
            throw StepFailure("the browser has no page to open the bridge in")
        }
        let attached = try connection.send("Target.attachToTarget", [("targetId", .string(targetId)), ("flatten", .bool(true))], timeout: timeout)
        guard let session = attached["sessionId"]?.stringValue else { throw StepFailure("the browser gave no session for its page") }
        let driver = BridgeDriver(connection: connection, session: session, mainFrame: targetId)
        try driver.send("Page.enable", timeout: timeout)
        try driver.send("Runtime.enable", timeout: timeout)
        try driver.send("Page.navigate", [("url", .string(url))], timeout: timeout)
        return driver
    }

    private init(connection: CDPConnection, session: String, mainFrame: String) {
        self.connection = connection
        self.session = session
        self.mainFrame = mainFrame
    }

    @discardableResult
    func send(_ method: String, _ params: [(String, OrderedJSON.Value)] = [], timeout: Double = 10) throws -> JSONValue {
        try connection.send(method, params, session: session, timeout: timeout)
    }

    /// Evaluates `expression` (in the bridge, or in a context) and returns its value.
    /// A script error is thrown as a `StepFailure` with the browser's description.
    public func evaluate(_ expression: String, context: Int? = nil, timeout: Double = 10) throws -> JSONValue {
        var params: [(String, OrderedJSON.Value)] = [("expression", .string(expression)), ("returnByValue", .bool(true))]
        if let context { params.append(("contextId", .number(Double(context)))) }
        let answer = try send("Runtime.evaluate", params, timeout: timeout)
        if let details = answer["exceptionDetails"] {
            let text = details["exception"]?["description"]?.stringValue ?? details["text"]?.stringValue ?? "an error"
            throw StepFailure(String(text.split(separator: "\n").first ?? ""))
        }
        return answer["result"]?["value"] ?? .null
    }

    /// The frame of the iframe that shows `tab`'s page; nil when the bridge has none (yet).
    public func frame(ofTab tab: String) throws -> String? {
        // The name goes in as a JSON string and into the selector through CSS.escape: any name, no injection.
        let expression = "document.querySelector('#frames iframe[data-tab=\"' + CSS.escape(" + OrderedJSON.encode(.string(tab)) + ") + '\"]')"
        let found = try send("Runtime.evaluate", [("expression", .string(expression))])
        guard let objectId = found["result"]?["objectId"]?.stringValue else { return nil }
        defer { _ = try? send("Runtime.releaseObject", [("objectId", .string(objectId))]) }
        let node = try send("DOM.describeNode", [("objectId", .string(objectId))])
        guard let frame = node["node"]?["frameId"]?.stringValue else { return nil }
        frameTabs[frame] = tab
        return frame
    }

    /// A fresh world in `frame` (its DOM, not its script's variables) to act in.
    public func world(in frame: String) throws -> Int {
        let made = try send("Page.createIsolatedWorld", [("frameId", .string(frame)), ("worldName", .string("agentdesk"))])
        guard let id = made["executionContextId"]?.numberValue else { throw StepFailure("the browser made no world in the page's frame") }
        return Int(id)
    }

    /// Brings `tab` to the front of the bridge (what a screenshot then shows); best effort.
    public func choose(tab: String) {
        _ = try? evaluate("typeof choose === 'function' && choose(" + OrderedJSON.encode(.string(tab)) + ", false)")
    }

    /// The bridge's connection line ("connected", "disconnected; retrying…").
    public func bridgeStatus() -> String? {
        (try? evaluate("(document.getElementById('status') || {}).textContent || ''"))?.stringValue
    }

    /// A PNG of the bridge with the page it shows.
    public func screenshot() throws -> Data {
        let shot = try send("Page.captureScreenshot", [("format", .string("png"))], timeout: 30)
        guard let base64 = shot["data"]?.stringValue, let data = Data(base64Encoded: base64) else {
            throw StepFailure("the browser gave no image")
        }
        return data
    }

    /// What the pages (not the bridge) logged and threw since last asked. Console
    /// messages of every level but debug; uncaught exceptions in full first line.
    public func pageEvents() -> [PageEvent] {
        var out: [PageEvent] = []
        for event in connection.takeEvents() where event.sessionId == session {
            switch event.method {
            case "Runtime.executionContextCreated":
                if let id = event.params["context"]?["id"]?.numberValue, let frame = event.params["context"]?["auxData"]?["frameId"]?.stringValue {
                    contextFrames[Int(id)] = frame
                }
            case "Page.frameNavigated":
                if let frame = event.params["frame"]?["id"]?.stringValue { frameURLs[frame] = event.params["frame"]?["url"]?.stringValue }
            case "Runtime.consoleAPICalled":
                guard let context = event.params["executionContextId"]?.numberValue, let frame = contextFrames[Int(context)],
                      frame != mainFrame else { continue }
                let level = event.params["type"]?.stringValue ?? "log"
                guard level != "debug" else { continue }
                let text = event.params["args"]?.arrayValue.map(Self.text(of:)).joined(separator: " ") ?? ""
                out.append(.console(tab: tab(of: frame), level: level, text: text, url: frameURLs[frame]))
            case "Runtime.exceptionThrown":
                let details = event.params["exceptionDetails"] ?? .null
                guard let context = details["executionContextId"]?.numberValue, let frame = contextFrames[Int(context)],
                      frame != mainFrame else { continue }
                let text = details["exception"]?["description"]?.stringValue ?? details["text"]?.stringValue ?? "an exception"
                let line = details["lineNumber"]?.numberValue.map { Int($0) + 1 }
                out.append(.error(tab: tab(of: frame), text: String(text.split(separator: "\n").first ?? ""),
                                  url: details["url"]?.stringValue ?? frameURLs[frame], line: line))
            default:
                continue
            }
        }
        return out
    }

    private func tab(of frame: String) -> String? {
        if let tab = frameTabs[frame] { return tab }
        if let names = try? evaluate("[...document.querySelectorAll('#frames iframe')].map((f) => f.dataset.tab)") {
            for case let .string(name) in names.arrayValue { _ = try? self.frame(ofTab: name) }
        }
        return frameTabs[frame]
    }

    static func text(of object: JSONValue) -> String {
        if let s = object["value"]?.stringValue { return s }
        if let v = object["value"], v != .null { return OrderedJSON.encode(v.ordered) }
        if object["type"] == .string("undefined") { return "undefined" }
        return object["description"]?.stringValue ?? object["unserializableValue"]?.stringValue ?? object["type"]?.stringValue ?? ""
    }
}
