using GmPki.Core.Registration;

namespace GmPki.Registration.Documents;

/// <summary>
/// The first versions published by a new installation: a CPS placeholder, notices with every
/// required item, and an agreement bound to CPS version 1. An institution replaces them with its
/// own texts (new versions) before serving the public.
/// </summary>
public static class DefaultDocuments
{
    /// <summary>Title and sections of the version-1 documents, in publication order (CPS, notice, agreement).</summary>
    public static IReadOnlyList<(DocumentKind Kind, string Title, Dictionary<string, string> Sections, int? CpsVersion)> All { get; } =
    [
        (DocumentKind.Cps, "电子认证业务规则（示例） / Certification Practice Statement (sample)", new Dictionary<string, string>
        {
            ["scope"] = "本业务规则适用于本机构签发的电子政务电子认证服务证书。This sample CPS must be replaced by the institution's approved CPS before service.",
            ["revocation"] = "证书持有人可随时申请撤销证书；密钥泄露或介质丢失时，本机构收到报告后立即撤销。",
            ["records"] = "与电子签名认证相关的信息保存至证书失效后至少五年（政务部门证书十年）。",
        }, null),
        (DocumentKind.Notice, "告知事项（示例） / Notices (sample)", new Dictionary<string, string>
        {
            ["applicant-rights-and-duties"] = "申请人有权了解证书服务内容并获得证书；申请人应当提供真实、完整、准确的信息。",
            ["usage-conditions"] = "证书和电子签名仅限在证书策略允许的范围内使用，私钥应当妥善保管，不得转借他人。",
            ["legal-liability"] = "依据《中华人民共和国电子签名法》，可靠的电子签名与手写签名或者盖章具有同等的法律效力。",
            ["fees"] = "服务收费项目和标准以本机构公布的价目为准。",
            ["holder-information"] = "本机构仅为提供电子认证服务之目的保存和使用证书持有人信息，并承担保密责任。",
            ["national-platform-backup"] = "依照规定，证书相关数据备份至国家电子认证服务管理平台。",
            ["ca-liability"] = "本机构对因其过错造成的损失依照服务协议和电子认证业务规则承担责任。",
            ["holder-liability"] = "证书持有人对私钥保管不善或提供虚假信息造成的后果承担责任。",
        }, null),
        (DocumentKind.Agreement, "电子认证服务协议（示例） / Electronic certification service agreement (sample)", new Dictionary<string, string>
        {
            ["parties"] = "本协议由电子认证服务机构与证书申请人签订，明确双方的权利义务。",
            ["cps"] = "本协议条款与本机构公布的电子认证业务规则第 1 版一致，不与之相抵触。",
            ["obligations"] = "申请人保证所提供信息真实、完整、准确，妥善保管私钥，发生泄露时立即申请撤销。",
        }, 1),
    ];
}
