using ReelRights.Core.Accounts;

namespace ReelRights.Server.Web;

/// <summary>What each permission lets a key or user do, in words.</summary>
public static class PermissionLabels
{
    public static (string Zh, string En) For(string permission) => permission switch
    {
        Permissions.OrgRead => ("查看本组织", "View this organization"),
        Permissions.UsersManage => ("管理成员", "Manage members"),
        Permissions.KeysManage => ("管理 API 密钥", "Manage API keys"),
        Permissions.AuditRead => ("查看审计日志", "Read the audit trail"),
        Permissions.OrgsAdmin => ("管理所有组织（运营方）", "Administer organizations (operator)"),
        Permissions.WorksRead => ("查看作品", "View works"),
        Permissions.WorksWrite => ("登记作品", "Register works"),
        Permissions.MonitoringRead => ("查看监测结果", "View monitoring"),
        Permissions.MonitoringWrite => ("管理监测任务", "Manage monitoring"),
        Permissions.ScreeningSubmit => ("提交上传筛查", "Submit uploads for screening"),
        Permissions.LedgerAttest => ("文件存证上链", "Seal document digests on the ledger"),
        Permissions.NotificationsRead => ("查看通知", "Read notifications"),
        Permissions.CasesRead => ("查看维权案件", "View enforcement cases"),
        Permissions.CasesWrite => ("办理维权案件", "Act on enforcement cases"),
        Permissions.LicensingRead => ("查看版权交易", "View listings, deals and licenses"),
        Permissions.LicensingWrite => ("进行版权交易", "List rights, negotiate and sign licenses"),
        _ => (permission, permission),
    };
}
