import AgentDeskCore
print(WorkstationConfig.demo.sdkAppId)
