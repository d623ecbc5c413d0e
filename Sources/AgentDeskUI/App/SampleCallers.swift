import AgentDeskCore

/// The callers `i` rings in turn: phone and im, Chinese and Latin names, a masked
/// number, wide characters and an emoji, so every drawing path gets exercised.
public enum SampleCallers {
    public static let all: [IncomingCall] = [
        IncomingCall(type: .phone, caller: Caller(mobile: "18888888888", userId: "u-10001", nickName: "刘先生")),
        IncomingCall(type: .im, caller: Caller(
            userId: "o6_bmjrPTlm6_2sgVt7hMZOPfL2M", nickName: "微信用户🌸",
            avatar: "https://thirdwx.qlogo.cn/mmopen/vi_32/demo/132")),
        IncomingCall(type: .phone, caller: Caller(mobile: "138****5678", nickName: "Alice Wong"), ringTimeout: 30),
        IncomingCall(type: .oim, caller: Caller(mobile: "+8613912345678", userId: "web-7781", nickName: "김민준")),
        IncomingCall(type: .im, caller: Caller(userId: "web-2001", nickName: "Jean-Luc Picard")),
        IncomingCall(type: .om, caller: Caller(mobile: "02161234567", nickName: "上海浦东新区张江高科技园区客户服务中心")),
    ]

    /// The next sample after `index`: every caller in turn. A voice caller at an
    /// agent who cannot take it now waits in the queue (issue 14); offline, the
    /// refusal says why. `agentStatus` is kept for callers of this function.
    public static func next(after index: Int, agentStatus: AgentStatus) -> (index: Int, call: IncomingCall) {
        let i = index % all.count
        return (i, all[i])
    }
}
