using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace GmPki.Server.OpenApi;

/// <summary>
/// The document's information block and tag descriptions. The document names no server: it is
/// the same for every installation, and clients are pointed at their server's base URL.
/// </summary>
internal sealed class DocumentInformation : IOpenApiDocumentTransformer
{
    private static readonly Dictionary<string, string> Tags = new(StringComparer.Ordinal)
    {
        ["Certificates"] = "已签发证书的查询与下载。Issued certificates.",
        ["Registration"] = "注册审核：订户、申请及其各环节、证据、公布文件和柜台办理。Registration: subscribers, applications and their steps, evidence, documents, the counter flow.",
        ["Agencies"] = "受委托机构的登记、变更、备案和报告。Delegated registration agencies.",
        ["Protocols"] = "ACME、CMP、EST 协议接入账户。Protocol accounts.",
        ["Operators"] = "操作员账户：停用、启用、更换密钥。Operator accounts: disable, enable, rotate keys.",
        ["Authorities"] = "CA 信息和证书链。The CAs and their chain.",
        ["Service"] = "证书模板和健康检查。Profiles and health.",
        ["Relying parties"] = "依赖方服务：路径验证、签名验证、时间戳。Path validation, signature verification, timestamps.",
        ["Status"] = "证书状态服务：CRL 和 OCSP。CRLs and OCSP.",
        ["Directory"] = "目录信息查询、公告和真伪查验。The public directory, announcements and authenticity check.",
        ["Key management centre"] = "密钥管理中心的解封、封存和 USB Key 个人化（安全员）。KMC custody (security officers).",
        ["KMC service (CA ↔ KMC)"] = "CA 与远程 KMC 之间的服务接口（GM/T 0014），双向 TLS。The CA ↔ KMC service over mutual TLS.",
        ["ACME"] = "ACME 自动签发（RFC 8555）。Automated issuance.",
        ["CMP"] = "证书管理协议（RFC 4210、RFC 6712）。The Certificate Management Protocol.",
        ["EST"] = "基于安全传输的注册（RFC 7030）。Enrollment over Secure Transport.",
    };

    /// <inheritdoc/>
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "GmPki REST API",
            Version = "v1",
            Description = "电子认证服务系统（SM2/SM3/SM4 证书认证机构）的 REST 接口：注册审核、证书签发与状态、目录、依赖方服务和协议接入。"
                + " The REST API of GmPki, an SM2/SM3/SM4 certificate authority: registration, issuance and status, directory, relying-party services and enrollment protocols."
                + " Errors are RFC 9457 problem documents with a `code`; reference: docs/api.md and docs/errors.md.",
        };
        document.Servers = [];
        foreach (var tag in document.Tags ?? new HashSet<OpenApiTag>())
        {
            tag.Description ??= Tags.GetValueOrDefault(tag.Name ?? string.Empty);
        }

        return Task.CompletedTask;
    }
}
