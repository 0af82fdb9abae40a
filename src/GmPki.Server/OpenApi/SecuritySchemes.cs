using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace GmPki.Server.OpenApi;

/// <summary>
/// The credentials the API accepts (<c>docs/api.md</c>, "Authentication"), as OpenAPI security
/// schemes; <see cref="OperationConventions"/> names them in each operation's requirement.
/// </summary>
internal sealed class SecuritySchemes : IOpenApiDocumentTransformer
{
    /// <summary>An operator's API key, <c>Authorization: Bearer gmpki_…</c>.</summary>
    public const string ApiKey = "apiKey";

    /// <summary>The same API key in the <c>X-API-Key</c> header.</summary>
    public const string ApiKeyHeader = "apiKeyHeader";

    /// <summary>An operator's TLS client certificate bound to their account (or forwarded by a trusted TLCP proxy).</summary>
    public const string ClientCertificate = "clientCertificate";

    /// <summary>An applicant's access token for their own application, <c>Authorization: Bearer gmpkiapp_…</c>.</summary>
    public const string AccessToken = "accessToken";

    /// <summary>An EST protocol account's name and secret by HTTP Basic (RFC 7030 §3.2.3).</summary>
    public const string EstAccount = "estAccount";

    /// <summary>A CA's TLS client certificate bound to it at a remote KMC (<c>/kmc/v1/*</c>).</summary>
    public const string CaCertificate = "caCertificate";

    /// <inheritdoc/>
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
        {
            [ApiKey] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http, Scheme = "bearer", BearerFormat = "gmpki_…",
                Description = "操作员 API 密钥（gmpki init / gmpki operator add 创建，仅显示一次）。An operator's API key: `Authorization: Bearer gmpki_…`.",
            },
            [ApiKeyHeader] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = Http.ApiKeyAuthentication.HeaderName,
                Description = "同一 API 密钥放在 X-API-Key 头中。The operator's API key in the `X-API-Key` header instead.",
            },
            [ClientCertificate] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.MutualTLS,
                Description = "未发送 API 密钥时，绑定到操作员账户的 TLS 客户端证书（HTTPS，或由受信任的 TLCP 代理以 X-Client-Cert 转发）。"
                    + " Without an API key: the TLS client certificate bound to the operator's account, on HTTPS or forwarded by a trusted TLCP proxy in `X-Client-Cert`.",
            },
            [AccessToken] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http, Scheme = "bearer", BearerFormat = "gmpkiapp_…",
                Description = "申请人访问令牌，开立申请时返回一次，仅对该申请有效。An applicant's access token, returned once when the application is opened; valid for that application only.",
            },
            [EstAccount] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http, Scheme = "basic",
                Description = "EST 协议接入账户的名称和口令（RFC 7030 §3.2.3）。An EST protocol account's name and secret (HTTP Basic).",
            },
            [CaCertificate] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.MutualTLS,
                Description = "CA 的 TLS 客户端证书，在远程 KMC 上绑定到该 CA（gmpki kmc register-ca）。The CA's TLS client certificate, bound to it at the remote KMC.",
            },
        };
        return Task.CompletedTask;
    }
}
