extension WorkstationConfig {
    /// What runs when the user gives no configuration: a demo agent, one resident
    /// page, one pop-only page and one disabled page.
    public static let demo = WorkstationConfig(
        sdkAppId: "1400000001",
        agent: AgentProfile(email: "demo.agent@example.com", mobile: "13800000000", nickName: "小王", role: .agent),
        pages: [
            ScreenPopPage(name: "客户资料", url: "https://crm.example.com/customer", alwaysShow: true, enabled: true),
            ScreenPopPage(name: "工单", url: "https://andon.example.com/ticket/list/", alwaysShow: false, enabled: true),
            ScreenPopPage(name: "旧系统", url: "https://legacy.example.com/", alwaysShow: false, enabled: false),
        ],
        afterCallWork: 30
    )
}
