/// A screen-pop page (来电弹屏) as an admin configured it.
public struct ScreenPopPage: Sendable, Equatable {
    /// The label of the page's tab (页面名称); unique within a configuration.
    public var name: String
    /// The page address, `https://` (or a local `http://` page when allowed).
    public var url: String
    /// 常显: on, the tab is resident; off, it appears only while an inbound session is on.
    public var alwaysShow: Bool
    /// 状态: off, the page does not take effect at all.
    public var enabled: Bool

    public init(name: String, url: String, alwaysShow: Bool = false, enabled: Bool = true) {
        self.name = name
        self.url = url
        self.alwaysShow = alwaysShow
        self.enabled = enabled
    }

    /// A developer's local `http://` page, admitted only by `allowInsecureLocalhost`.
    public var isInsecureLocal: Bool {
        url.lowercased().hasPrefix("http://")
    }
}
