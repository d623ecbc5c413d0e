import AgentDeskCore

/// The language of the screen's labels.
public enum Language: String, Sendable, CaseIterable {
    case zh, en

    /// zh when the locale (LC_ALL, LC_MESSAGES, LANG, in that order) is Chinese, else en.
    public static func fromLocale(_ environment: [String: String]) -> Language {
        for key in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let value = environment[key], !value.isEmpty {
                return value.lowercased().hasPrefix("zh") ? .zh : .en
            }
        }
        return .en
    }

    func pick(_ zh: String, _ en: String) -> String { self == .zh ? zh : en }

    // MARK: Workstation words, in both languages: Chinese first in zh, English first in en.

    func status(_ s: AgentStatus) -> String {
        self == .zh ? "\(s.chineseName) \(s.rawValue)" : "\(s.rawValue) \(s.chineseName)"
    }

    func callStatus(_ s: CallStatus) -> String {
        self == .zh ? "\(s.rawValue) \(s.chineseName) \(s.englishName)" : "\(s.rawValue) \(s.englishName) \(s.chineseName)"
    }

    /// A session's state as the call panel shows it. Inbound: the code the pages
    /// receive and its words. Outbound (the pages never see it): TCCC's words for a
    /// call out, 呼出中 while it rings at the other end, no code.
    func callStatus(of session: Session, short: Bool = false) -> String {
        guard session.direction == .outbound else {
            return short ? "\(session.status.rawValue) " + pick(session.status.chineseName, session.status.englishName)
                         : callStatus(session.status)
        }
        let (zh, en): (String, String) = switch session.status {
        case .ringing: ("呼出中", "Calling out")
        case .connected: ("通话中", "Connected")
        case .ended: ("已结束", "Ended")
        }
        return short ? pick(zh, en) : pick("\(zh) \(en)", "\(en) \(zh)")
    }

    /// The state in a list row: `200` inbound, `out ringing` style words outbound.
    func listStatus(of session: Session) -> String {
        guard session.direction == .outbound else { return "\(session.status.rawValue)" }
        return callStatus(of: session, short: true)
    }

    func sessionType(_ t: SessionType) -> String {
        t == .phone ? pick("电话 phone", "phone 电话") : pick("\(t.chineseName) \(t.rawValue)", "\(t.rawValue) \(t.chineseName)")
    }

    func role(_ r: AgentRole) -> String { pick(r.chineseName, r.englishName) }

    func direction(_ d: Direction) -> String {
        switch d {
        case .inbound: pick("呼入", "inbound")
        case .outbound: pick("呼出", "outbound")
        }
    }

    func closeBy(_ c: CloseBy) -> String {
        switch c {
        case .client: pick("客户挂断", "by the customer")
        case .seat: pick("座席挂断", "by the agent")
        case .admin: pick("管理员结束", "by an admin")
        case .timer: pick("超时未接", "missed: the ring timed out")
        }
    }

    func transferKind(_ k: TransferTarget.Kind) -> String {
        switch k {
        case .skillGroup: pick("技能组", "skill group")
        case .agent: pick("座席", "agent")
        case .free: pick("手动输入", "typed")
        }
    }

    /// How a session ended, as the call panel and the feed say it: a transfer is a
    /// transfer (with its target), not "the agent hung up".
    func ending(of session: Session) -> String? {
        if let to = session.transferredTo {
            return session.closeBy == .timer ? pick("超时转接 → \(to)", "timed out, transferred → \(to)")
                                             : pick("已转接 → \(to)", "transferred → \(to)")
        }
        if session.abandoned { return pick("排队时客户放弃", "abandoned in the queue") }
        return session.closeBy.map(closeBy)
    }
}

/// Formats seconds as m:ss or h:mm:ss.
func clock(_ seconds: Double) -> String {
    let total = seconds.isFinite ? max(0, Int(min(seconds, 1e15).rounded(.down))) : 0
    let h = total / 3600, m = (total % 3600) / 60, s = total % 60
    guard h == 0 else {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(h):\(two(m)):\(two(s))"
    }
    // mm:ss, the common case, built without interpolation (it is drawn many times a frame).
    var digits = (UInt8(48 + m / 10), UInt8(48 + m % 10), UInt8(58), UInt8(48 + s / 10), UInt8(48 + s % 10))
    return withUnsafeBytes(of: &digits) { String(decoding: $0, as: UTF8.self) }
}
