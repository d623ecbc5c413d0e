import AgentDeskCore
import AgentDeskServer
import AgentDeskUI
import Foundation

/// What one call-out costs the workstation's loop, the one place every change
/// over the API waits for (`serve`'s actor, the terminal's loop): the reducer, the
/// feed entry, the transcript line and the reply's fields, for requests already
/// parsed (as the server's handlers hand them over). Thread CPU time, median of
/// rounds. Measured on one thread, without the hand-over to the loop and back.
enum LoopFigure {
    static func measure(into report: Report) {
        var model = AppModel(config: .demo, language: .en, colors: false)
        let requests: [APIRequest] = (0..<2_000).compactMap { i in
            let body = #"{"source":"ccc-sdk","payload":{"event":"callOut","message":{"phoneNumber":"138\#(String(format: "%08d", i))"}}}"#
            return try? APIRequest.message(body: body, page: nil)
        }
        var perRequest: [Double] = []
        // A call-out that was not accepted with one transcript line measured something else.
        var unlike = 0
        for _ in 0..<15 {
            let cpu = cpuSeconds {
                for request in requests {
                    let (reply, output) = APIProcessor.apply(request, to: &model)
                    if reply.status != .ok || output.transcript.count != 1 { unlike += 1 }
                }
            }
            perRequest.append(cpu / Double(requests.count))
        }
        let each = median(perRequest)
        let wrong = requests.count != 2_000 || unlike > 0 ? " (not 2,000 call-outs, each a 200 and one line: the figure is wrong)" : ""
        report.add(Figure(
            name: "the workstation loop's work for one call-out (reducer, feed, transcript line, reply; median, thread CPU time)",
            shown: String(format: "%.2f µs", each * 1e6) + wrong, value: each * 1e6, unit: "µs"))
    }
}
