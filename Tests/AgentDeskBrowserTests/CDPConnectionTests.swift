import AgentDeskBrowser
import AgentDeskCore
import Foundation
import Testing

/// Messages as Chromium 1xx wrote them on its DevTools pipe (recorded from a real
/// headless run, ids and session ids kept), to replay through a pipe pair.
enum Recorded {
    static let targets = #"{"id":1,"result":{"targetInfos":[{"targetId":"6D0C6AE4B1F9A49A7C07FA1F1D4B7E4B","type":"page","title":"about:blank","url":"about:blank","attached":false,"canAccessOpener":false,"browserContextId":"4F3D1B9C3E0F3D4AB6D1D5A2C2A3C9B1"}]}}"#
    static let attached = #"{"method":"Target.attachedToTarget","params":{"sessionId":"9A5C4E2B7F1D0C3E8B6A4D2F1E0C9B7A","targetInfo":{"targetId":"6D0C6AE4B1F9A49A7C07FA1F1D4B7E4B","type":"page","title":"about:blank","url":"about:blank","attached":true,"canAccessOpener":false,"browserContextId":"4F3D1B9C3E0F3D4AB6D1D5A2C2A3C9B1"},"waitingForDebugger":false}}"#
    static let attachAnswer = #"{"id":2,"result":{"sessionId":"9A5C4E2B7F1D0C3E8B6A4D2F1E0C9B7A"}}"#
    static let contextCreated = #"{"method":"Runtime.executionContextCreated","params":{"context":{"id":1,"origin":"http://127.0.0.1:8125","name":"","uniqueId":"-1788367377416412925.6316489093046513307","auxData":{"isDefault":true,"type":"default","frameId":"6D0C6AE4B1F9A49A7C07FA1F1D4B7E4B"}}},"sessionId":"9A5C4E2B7F1D0C3E8B6A4D2F1E0C9B7A"}"#
    static let evaluateAnswer = #"{"id":3,"result":{"result":{"type":"string","value":"connected"}},"sessionId":"9A5C4E2B7F1D0C3E8B6A4D2F1E0C9B7A"}"#
    static let noSuchMethod = #"{"id":4,"error":{"code":-32601,"message":"'Page.frobnicate' wasn't found"},"sessionId":"9A5C4E2B7F1D0C3E8B6A4D2F1E0C9B7A"}"#
    static let badContext = #"{"id":5,"error":{"code":-32000,"message":"Cannot find context with specified id"},"sessionId":"9A5C4E2B7F1D0C3E8B6A4D2F1E0C9B7A"}"#
    static let exception = #"{"method":"Runtime.exceptionThrown","params":{"timestamp":1764043000123.5,"exceptionDetails":{"exceptionId":1,"text":"Uncaught","lineNumber":11,"columnNumber":8,"scriptId":"5","url":"http://127.0.0.1:8125/page.html","exception":{"type":"object","subtype":"error","className":"TypeError","description":"TypeError: Cannot read properties of null (reading 'textContent')\n    at show (http://127.0.0.1:8125/page.html:12:9)","objectId":"-1.1"},"executionContextId":2}},"sessionId":"9A5C4E2B7F1D0C3E8B6A4D2F1E0C9B7A"}"#
}

/// A fake browser: the connection's two pipes, with this side holding the browser's ends.
final class FakeBrowser: @unchecked Sendable {
    let connection: CDPConnection
    /// The browser's fd 3: what the connection sends.
    let commands: FileHandle
    /// The browser's fd 4: what the connection reads.
    private(set) var answers: FileHandle?

    init() {
        var toBrowser: [Int32] = [-1, -1], fromBrowser: [Int32] = [-1, -1]
        precondition(pipe(&toBrowser) == 0 && pipe(&fromBrowser) == 0)
        connection = CDPConnection(readFrom: fromBrowser[0], writeTo: toBrowser[1])
        commands = FileHandle(fileDescriptor: toBrowser[0], closeOnDealloc: true)
        answers = FileHandle(fileDescriptor: fromBrowser[1], closeOnDealloc: true)
    }

    /// Writes raw bytes as the browser would (messages end in NUL).
    func write(_ text: String) { answers?.write(Data(text.utf8)) }
    func write(bytes: [UInt8]) { answers?.write(Data(bytes)) }

    /// The browser dies: its end of the pipe closes.
    func die() {
        try? answers?.close()
        answers = nil
    }

    /// Reads one command the connection sent (up to its NUL).
    func nextCommand() -> JSONValue? {
        var bytes: [UInt8] = []
        while true {
            let data = commands.readData(ofLength: 1)
            guard let byte = data.first else { return nil }
            if byte == 0 { break }
            bytes.append(byte)
        }
        return try? JSONValue.parse(String(decoding: bytes, as: UTF8.self))
    }
}

/// Sends `method` on another thread; the result comes back through the box.
final class Pending: @unchecked Sendable {
    private let lock = NSCondition()
    private var value: Result<JSONValue, CDPConnection.Failure>?

    init(_ connection: CDPConnection, _ method: String, session: String? = nil, timeout: Double = 20) {
        Thread.detachNewThread { [self] in
            let result = Result { () throws(CDPConnection.Failure) -> JSONValue in try connection.send(method, session: session, timeout: timeout) }
            lock.lock()
            value = result
            lock.broadcast()
            lock.unlock()
        }
    }

    /// Waits (at most 30 s, so a broken connection fails the test rather than hanging it).
    func result() -> Result<JSONValue, CDPConnection.Failure>? {
        let deadline = Date(timeIntervalSinceNow: 30)
        lock.lock()
        defer { lock.unlock() }
        while value == nil, lock.wait(until: deadline) {}
        return value
    }
}

@Suite("The DevTools pipe: framing")
struct CDPFramerTests {
    @Test("a message split across reads comes out whole, once its NUL arrives")
    func split() throws {
        var framer = CDPFramer()
        let bytes = Array((Recorded.targets + "\0").utf8)
        var out: [[UInt8]] = []
        // Every split point, including inside a multi-byte character further down.
        for cut in stride(from: 1, to: bytes.count, by: 37) {
            framer = CDPFramer()
            out = try framer.feed(bytes[..<cut])
            #expect(out.isEmpty)
            out = try framer.feed(bytes[cut...])
            #expect(out == [Array(Recorded.targets.utf8)])
            #expect(framer.bufferedBytes == 0)
        }
    }

    @Test("several messages in one read come out in order; an empty one is skipped")
    func several() throws {
        var framer = CDPFramer()
        let out = try framer.feed(Array((Recorded.attached + "\0\0" + Recorded.attachAnswer + "\0" + Recorded.contextCreated.prefix(10)).utf8))
        #expect(out.map { String(decoding: $0, as: UTF8.self) } == [Recorded.attached, Recorded.attachAnswer])
        #expect(framer.bufferedBytes == 10)
    }

    @Test("a message past the limit without its NUL is an error, not endless memory")
    func overflow() {
        var framer = CDPFramer(maxMessageBytes: 100)
        #expect(throws: CDPFramer.Overflow(bytes: 100)) { _ = try framer.feed([UInt8](repeating: 0x41, count: 101)) }
    }

    @Test("recorded messages parse: answers by id, errors with their code, events with their session")
    func parse() {
        let answer = CDPMessage.parse(Array(Recorded.attachAnswer.utf8))
        #expect(answer == .success(.response(id: 2, result: .success(.object(["sessionId": .string("9A5C4E2B7F1D0C3E8B6A4D2F1E0C9B7A")])))))
        let error = CDPMessage.parse(Array(Recorded.noSuchMethod.utf8))
        #expect(error == .success(.response(id: 4, result: .failure(CDPProtocolError(code: -32601, message: "'Page.frobnicate' wasn't found")))))
        guard case let .success(.event(event)) = CDPMessage.parse(Array(Recorded.exception.utf8)) else {
            Issue.record("the exception is not read as an event")
            return
        }
        #expect(event.method == "Runtime.exceptionThrown")
        #expect(event.sessionId == "9A5C4E2B7F1D0C3E8B6A4D2F1E0C9B7A")
        #expect(event.params["exceptionDetails"]?["url"]?.stringValue == "http://127.0.0.1:8125/page.html")
        for bad in ["[1,2]", "not json", #"{"neither":1}"#, #"{"id":"x"}"#] {
            guard case .failure = CDPMessage.parse(Array(bad.utf8)) else {
                Issue.record("\(bad) was read as a message")
                continue
            }
        }
    }
}

@Suite("The DevTools pipe: a connection to a recorded browser")
struct CDPConnectionTests {
    @Test("commands go out NUL-ended with increasing ids and the session; answers come back by id amid events")
    func requestResponse() throws {
        let browser = FakeBrowser()
        let first = Pending(browser.connection, "Target.getTargets")
        let sent = try #require(browser.nextCommand())
        #expect(sent["id"] == .number(1))
        #expect(sent["method"] == .string("Target.getTargets"))
        #expect(sent["sessionId"] == nil)
        // An event before the answer, the answer split in two writes.
        let answer = Recorded.targets + "\0"
        browser.write(Recorded.attached + "\0" + String(answer.prefix(50)))
        browser.write(String(answer.dropFirst(50)))
        let targets = try #require(first.result()).get()
        #expect(targets["targetInfos"]?.arrayValue.first?["type"] == .string("page"))

        let second = Pending(browser.connection, "Runtime.evaluate", session: "9A5C4E2B7F1D0C3E8B6A4D2F1E0C9B7A")
        let command = try #require(browser.nextCommand())
        #expect(command["id"] == .number(2))
        #expect(command["sessionId"] == .string("9A5C4E2B7F1D0C3E8B6A4D2F1E0C9B7A"))
        // Its answer as recorded has id 3: not ours, so we wait on; then ours comes.
        browser.write(Recorded.contextCreated + "\0" + Recorded.evaluateAnswer + "\0" + Recorded.attachAnswer + "\0")
        let evaluated = try #require(second.result()).get()
        #expect(evaluated["sessionId"] == .string("9A5C4E2B7F1D0C3E8B6A4D2F1E0C9B7A"))
        let events = browser.connection.takeEvents()
        #expect(events.map(\.method) == ["Target.attachedToTarget", "Runtime.executionContextCreated"])
        #expect(browser.connection.takeEvents().isEmpty)
    }

    @Test("an error reply is thrown with the browser's own message")
    func errorReply() throws {
        let browser = FakeBrowser()
        for _ in 0..<3 {
            let pending = Pending(browser.connection, "Page.frobnicate")
            _ = try #require(browser.nextCommand())
        }
        let fourth = Pending(browser.connection, "Page.frobnicate")
        _ = try #require(browser.nextCommand())
        browser.write(Recorded.noSuchMethod + "\0")
        let result = try #require(fourth.result())
        #expect(throws: CDPConnection.Failure.refused(method: "Page.frobnicate", CDPProtocolError(code: -32601, message: "'Page.frobnicate' wasn't found"))) {
            try result.get()
        }
        #expect("\(CDPConnection.Failure.refused(method: "Page.frobnicate", CDPProtocolError(code: -32601, message: "'Page.frobnicate' wasn't found")))"
            == "the browser refused Page.frobnicate: 'Page.frobnicate' wasn't found")
    }

    @Test("unreadable messages are skipped and counted; the connection goes on")
    func garbage() throws {
        let browser = FakeBrowser()
        let pending = Pending(browser.connection, "Target.getTargets")
        _ = try #require(browser.nextCommand())
        browser.write("not json\0[1]\0" + Recorded.targets + "\0")
        _ = try #require(pending.result()).get()
        #expect(browser.connection.skippedMessages == 2)
    }

    @Test("events nobody takes are capped: the oldest go, counted; answers still come")
    func eventFlood() throws {
        var toBrowser: [Int32] = [-1, -1], fromBrowser: [Int32] = [-1, -1]
        #expect(pipe(&toBrowser) == 0 && pipe(&fromBrowser) == 0)
        let connection = CDPConnection(readFrom: fromBrowser[0], writeTo: toBrowser[1], maxQueuedEvents: 100)
        let answers = FileHandle(fileDescriptor: fromBrowser[1], closeOnDealloc: true)
        defer { close(toBrowser[0]) }
        for n in 0..<250 {
            answers.write(Data(#"{"method":"Runtime.consoleAPICalled","params":{"type":"log","n":\#(n)}}"#.utf8 + [0]))
        }
        answers.write(Data(#"{"method":"Marker","params":{}}"#.utf8 + [0]))
        _ = try connection.waitForEvent(timeout: 20, what: "the marker") { $0.method == "Marker" }
        let kept = connection.takeEvents()
        #expect(kept.count == 99)
        #expect(kept.first?.params["n"] == .number(151))
        #expect(connection.droppedEvents == 151)
    }

    @Test("a browser that never answers: a timeout naming the command, not a hang")
    func silent() throws {
        let browser = FakeBrowser()
        let started = ContinuousClock.now
        #expect(throws: CDPConnection.Failure.timedOut(method: "Page.navigate", seconds: 0.2)) {
            try browser.connection.send("Page.navigate", [("url", .string("about:blank"))], timeout: 0.2)
        }
        #expect(ContinuousClock.now - started < .seconds(20))
        #expect("\(CDPConnection.Failure.timedOut(method: "Page.navigate", seconds: 0.2))" == "the browser did not answer Page.navigate within 0.2 s")
    }

    @Test("a browser that dies while a command waits: that wait and every later one end with why")
    func dies() throws {
        let browser = FakeBrowser()
        // A long timeout: only the death can end this wait in time.
        let pending = Pending(browser.connection, "Runtime.evaluate", timeout: 600)
        _ = try #require(browser.nextCommand())
        browser.write(String(Recorded.targets.prefix(30)))
        browser.die()
        let result = try #require(pending.result(), "the wait did not end when the browser died")
        #expect(throws: CDPConnection.Failure.browserGone("it closed the DevTools pipe (the browser exited)")) { try result.get() }
        #expect(throws: CDPConnection.Failure.browserGone("it closed the DevTools pipe (the browser exited)")) {
            try browser.connection.send("Page.enable", timeout: 600)
        }
        #expect(throws: CDPConnection.Failure.browserGone("it closed the DevTools pipe (the browser exited)")) {
            _ = try browser.connection.waitForEvent(timeout: 600, what: "an event") { _ in true }
        }
    }

    @Test("waitForEvent takes the matching event and leaves the others queued; it times out when none comes")
    func events() throws {
        let browser = FakeBrowser()
        browser.write(Recorded.attached + "\0" + Recorded.exception + "\0")
        let thrown = try browser.connection.waitForEvent(timeout: 20, what: "an exception") { $0.method == "Runtime.exceptionThrown" }
        #expect(thrown.params["exceptionDetails"]?["lineNumber"] == .number(11))
        #expect(browser.connection.takeEvents().map(\.method) == ["Target.attachedToTarget"])
        #expect(throws: CDPConnection.Failure.timedOut(method: "a load", seconds: 0.1)) {
            _ = try browser.connection.waitForEvent(timeout: 0.1, what: "a load") { $0.method == "Page.loadEventFired" }
        }
    }
}

@Suite("Headless Chromium on its DevTools pipe", .serialized)
struct BrowserProcessTests {
    @Test("finding the browser: a given path must be an executable file; none on PATH says how to get one")
    func find() throws {
        let data = NSTemporaryDirectory() + "agentdesk-not-a-browser-\(UInt32.random(in: 0...UInt32.max))"
        try "text".write(toFile: data, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: data) }
        #expect(throws: Never.self) { try BrowserProcess.find("/bin/sh").get() }
        guard case let .failure(missing) = BrowserProcess.find("/nonexistent/chrome") else { Issue.record("found a missing file"); return }
        #expect(missing.description == "--browser /nonexistent/chrome: no such file")
        guard case let .failure(notExecutable) = BrowserProcess.find(data) else { Issue.record("took a data file"); return }
        #expect(notExecutable.description.contains("not an executable file"))
        guard case let .failure(none) = BrowserProcess.find(nil, environment: ["PATH": "/nonexistent"]) else { Issue.record("found one"); return }
        #expect(none.description.contains("no browser found") && none.description.contains("--browser"))
    }

    @Test("a real Chromium answers on the pipe; killed, the connection says it is gone instead of hanging")
    func realBrowserDies() throws {
        guard case let .success(path) = BrowserProcess.find(nil) else {
            Issue.record("chromium is not installed; apt-get install chromium")
            return
        }
        let browser = try BrowserProcess.launch(path)
        defer { browser.stop() }
        let targets = try browser.connection.send("Target.getTargets", timeout: 60)
        #expect(targets["targetInfos"]?.arrayValue.contains { $0["type"] == .string("page") } == true)
        let profile = browser.profile
        #expect(FileManager.default.fileExists(atPath: profile))
        kill(browser.pid, SIGKILL)
        #expect(throws: CDPConnection.Failure.self) { try browser.connection.send("Target.getTargets", timeout: 60) }
        let gone = browser.connection.endReason ?? ""
        #expect(gone.contains("exited") || gone.contains("killed"), "\(gone)")
        browser.stop()
        #expect(!FileManager.default.fileExists(atPath: profile), "the profile is removed")
    }
}
