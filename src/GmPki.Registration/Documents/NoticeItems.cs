namespace GmPki.Registration.Documents;

/// <summary>
/// The sections every notice version (告知事项) must have: the union of M24 §21 and D §23.
/// Publishing a notice without one of them is refused.
/// </summary>
public static class NoticeItems
{
    /// <summary>Required section keys, each with its source.</summary>
    public static IReadOnlyDictionary<string, string> Required { get; } = new Dictionary<string, string>
    {
        ["applicant-rights-and-duties"] = "申请人的权利和义务 (D §23(1))",
        ["usage-conditions"] = "电子签名认证证书和电子签名的使用条件 (M24 §21, D §23(2))",
        ["legal-liability"] = "电子签名所产生的法律责任 (M24 §21)",
        ["fees"] = "服务收费的项目和标准 (D §23(3))",
        ["holder-information"] = "保存和使用证书持有人信息的权限和责任 (M24 §21, D §23(4))",
        ["national-platform-backup"] = "数据备份至国家电子认证服务管理平台的情况 (D §23(4))",
        ["ca-liability"] = "电子认证服务机构的责任范围 (M24 §21, D §23(5))",
        ["holder-liability"] = "证书持有人的责任范围 (M24 §21, D §23(6))",
    };
}
