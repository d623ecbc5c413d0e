extension Scenario {
    /// The built-in drill (`agentdesk drill demo`): answer a call in time, end the
    /// after-call work before its countdown does, and call the number a page sends.
    /// The scenario plays the customer's side only; the trainee works the keys.
    public static let drillDemoText = """
        name: agentdesk drill
        description: Answer a call in time, wrap up before the countdown ends, handle a page's call-out.
        # No workstation: the built-in demo configuration (after-call work: 30 s).
        steps:
          - say: "Drill: a customer is about to call. Answer with a."
            for: 6
          - at: 2
            call: {type: phone, mobile: "18888888888", nickName: 刘先生, timeout: 30}
          - goal: {session: {status: 200}, within: 15, points: 10, hint: "press a to answer a ringing call"}
          - after: 16
            hangup: {closeBy: client}
          - say: "The customer hung up. End the after-call work with w before its countdown does."
            for: 8
          - goal: {agent: free, within: 20, points: 10, hint: "press w (wrap-up done) before the after-call countdown ends"}
          - after: 32
            message: {source: ccc-sdk, payload: {event: callOut, message: {phoneNumber: "15889000000", desc: 刘先生}}}
          - say: "The customer page asks you to call back: d, then Enter, calls the number it sent."
            for: 8
          - goal: {session: {direction: outbound}, within: 20, points: 10, hint: "press d, then Enter, to call the number the page sent"}
          - after: 21
            calleeAnswer: {}
          - after: 5
            hangup: {closeBy: client}
          - say: "The drill is over: your scorecard follows."
            for: 3
          - after: 3
            say: "Well done."
        """

    public static func drillDemo() -> Scenario {
        // Part of the program; a parse failure is a bug the tests catch.
        (try? parse(drillDemoText, file: "drill demo")) ?? Scenario(file: "drill demo", workstation: .demo, steps: [])
    }
}
