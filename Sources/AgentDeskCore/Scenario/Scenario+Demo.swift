extension Scenario {
    /// The built-in demo (`agentdesk run demo`): a phone call rung, answered and
    /// ended; an im session; a page's call-out with desc and one without; a refused
    /// message. It is also the documentation by example.
    public static let demoText = """
        name: agentdesk demo
        description: A phone call, a chat, and a screen-pop page calling out.
        # No workstation: the built-in demo configuration (agent 小王; pages 客户资料, 工单, 旧系统).
        steps:
          - at: 1
            call: {type: phone, mobile: "18888888888", userId: u-10001, nickName: 刘先生, timeout: 30}
          - expect:
              session: {status: 100, type: phone, mobile: "18888888888"}
              agent: busy
              tabs: [客户资料, 工单]
              page: {tab: 工单, params: {status: "100", nickName: 刘先生}}
          - after: 4
            answer: {}
          - after: 2
            dtmf: "1#"
          - expect: {session: {status: 200, dtmf: "1#"}}
          - after: 20
            hangup: {closeBy: client}
          - expect:
              session: {status: 400, closeBy: client}
              agent: arrange
              page: {tab: 客户资料, params: {status: "400"}}
          - after: 3
            wrapUp: done
          - after: 2
            call: {type: im, userId: o6_bmjrPTlm6_2sgVt7hMZOPfL2M, nickName: 微信用户🌸, avatar: "https://thirdwx.qlogo.cn/mmopen/demo/132"}
          - after: 3
            answer: {}
          - expect: {session: {status: 200, type: im}, agent: free}
          - after: 10
            hangup: {}
          - after: 2
            message: {source: ccc-sdk, payload: {event: callOut, message: {phoneNumber: "15889000000", desc: 刘先生}}}
          - expect: {dialpad: {number: "15889000000", display: 刘先生}, lastRequest: {outcome: accepted}}
          - after: 2
            dial: {}
          - expect: {session: {status: 100, direction: outbound}, agent: busy}
          - after: 5
            calleeAnswer: {}
          - after: 15
            hangup: {}
          - after: 1
            wrapUp: done
          - after: 2
            message: {source: ccc-sdk, payload: {event: callOut, message: {phoneNumber: "10086"}}}
          - expect: {dialpad: {display: "10086"}, lastRequest: {outcome: accepted, display: "10086"}}
          - after: 2
            message: {source: ccc-sdk, payload: {event: callOut, message: {phoneNumber: "1&status=0#x"}}}
          - expect: {dialpad: {number: "10086"}, lastRequest: {outcome: refused}}
        """

    public static func demo() -> Scenario {
        // The demo is part of the program; a parse failure is a bug the tests catch.
        (try? parse(demoText, file: "demo")) ?? Scenario(file: "demo", workstation: .demo, steps: [])
    }
}
