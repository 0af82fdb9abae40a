using GmPki.Kmc.Messages;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace GmPki.Server.OpenApi;

/// <summary>
/// The OpenAPI metadata of the enrollment protocols and KMC bindings, which are mapped in their
/// own folders (<c>Acme/</c>, <c>Cmp/</c>, <c>Est/</c>, <c>Kmc/</c>) and keep their protocol's
/// wire formats: operationId, zh-CN description, media types, credentials and error answers,
/// keyed by method and route. <c>OpenApiDocumentTests</c> fails when an operation has no
/// operationId, description or security requirement, so a route renamed there shows up here.
/// </summary>
internal static class ProtocolOperations
{
    private const string Jose = "application/jose+json";
    private const string Pkixcmp = "application/pkixcmp";
    private const string Pkcs10 = "application/pkcs10";
    private const string Pkcs7 = "application/pkcs7-mime";

    private static readonly string[][] Anonymous = [];
    private static readonly string[][] Operator = [[SecuritySchemes.ApiKey], [SecuritySchemes.ApiKeyHeader], [SecuritySchemes.ClientCertificate]];
    private static readonly string[][] EstAccount = [[SecuritySchemes.EstAccount], [SecuritySchemes.ClientCertificate]];
    private static readonly string[][] Ca = [[SecuritySchemes.CaCertificate]];

    private static readonly Dictionary<string, ProtocolOperation> Table = Build();

    /// <summary>The metadata of <paramref name="method"/> <paramref name="path"/> (the route as the API explorer writes it; a catch-all <c>{**name}</c> is looked up as <c>{name}</c>), or null for REST endpoints described where they are mapped.</summary>
    public static ProtocolOperation? Find(string method, string path) => Table.GetValueOrDefault(method + " " + path.Replace("{**", "{", StringComparison.Ordinal));

    private static Dictionary<string, ProtocolOperation> Build()
    {
        var table = new Dictionary<string, ProtocolOperation>(StringComparer.Ordinal);
        void Add(string method, string path, ProtocolOperation operation) => table.Add(method + " " + path, operation);

        // ACME (RFC 8555): every POST is a JWS (flattened JSON serialization) signed by the account key; errors are RFC 8555 §6.7 problem documents.
        var acmeErrors = new[] { 400, 401, 403, 404 };
        Add("GET", "/acme/directory", new("getAcmeDirectory", "ACME 目录：各资源的 URL（RFC 8555 §7.1.1）。The ACME directory.", Anonymous, Response: ["application/json"]));
        Add("HEAD", "/acme/new-nonce", new("headAcmeNonce", "在 Replay-Nonce 头中取得新的 nonce（RFC 8555 §7.2）。A fresh nonce in Replay-Nonce (HEAD).", Anonymous));
        Add("GET", "/acme/new-nonce", new("getAcmeNonce", "在 Replay-Nonce 头中取得新的 nonce（RFC 8555 §7.2）。A fresh nonce in Replay-Nonce (GET, 204).", Anonymous));
        foreach (var (path, id, text) in new[]
        {
            ("new-account", "createAcmeAccount", "创建或查找账户，须带外部账户绑定（RFC 8555 §7.3）。Create or find an account (external account binding required)."),
            ("account/{id}", "updateAcmeAccount", "读取、更新或注销账户（RFC 8555 §7.3.2、§7.3.6）。Fetch, update or deactivate an account."),
            ("account/{id}/orders", "listAcmeAccountOrders", "账户的未完成订单（RFC 8555 §7.1.2.1）。The account's open orders."),
            ("key-change", "changeAcmeAccountKey", "更换账户密钥（RFC 8555 §7.3.5）。Roll over the account key."),
            ("new-order", "createAcmeOrder", "为 DNS 名称订购证书（RFC 8555 §7.4）。Order a certificate for DNS names."),
            ("order/{id}", "getAcmeOrder", "订单（RFC 8555 §7.1.3）。An order."),
            ("order/{id}/finalize", "finalizeAcmeOrder", "以 CSR 完成订单（RFC 8555 §7.4）。Finalize an order with a CSR."),
            ("authz/{id}", "getAcmeAuthorization", "授权（RFC 8555 §7.5）。An authorization."),
            ("chall/{id}", "respondToAcmeChallenge", "挑战；POST {} 请求验证（RFC 8555 §7.5.1）。A challenge; POST {} to have it validated."),
            ("cert/{id}", "downloadAcmeCertificate", "有效订单的证书链，PEM（RFC 8555 §7.4.2）。The certificate chain of a valid order (application/pem-certificate-chain)."),
            ("revoke-cert", "revokeAcmeCertificate", "撤销证书（RFC 8555 §7.6）。Revoke a certificate."),
        })
        {
            Add("POST", "/acme/" + path, new(id, text + " 请求为账户密钥签名的 JWS。The request is a JWS signed with the account key.", Anonymous,
                Request: [Jose], Response: [path.StartsWith("cert/", StringComparison.Ordinal) ? "application/pem-certificate-chain" : "application/json"], Problems: acmeErrors));
        }

        // CMP over HTTP (RFC 6712): the PKIMessage's protection authenticates the cmp protocol account; refusals are CMP error messages with HTTP 200.
        Both("/cmp", "", "postCmpMessage", "CMP 请求（ir、cr、p10cr、kur、rr、certConf、genm），DER PKIMessage，应答亦为 PKIMessage；以消息保护认证 cmp 协议接入账户（RFC 4210、RFC 6712）。"
            + " A CMP request as a DER PKIMessage, answered with a PKIMessage; the message protection authenticates the protocol account.",
            "POST", Anonymous, [Pkixcmp], [Pkixcmp], [], [413, 415]);

        // EST (RFC 7030): enrollment authenticates an est protocol account by HTTP Basic or its TLS client certificate; errors are text/plain.
        Both("/.well-known/est", "/cacerts", "getEstCaCertificates", "CA 证书，certs-only PKCS#7，base64（RFC 7030 §4.1）。The CA certificates.", "GET", Anonymous, [], [Pkcs7], [], [404]);
        Both("/.well-known/est", "/csrattrs", "getEstCsrAttributes", "证书模板要求的请求属性（RFC 7030 §4.5）。The attributes the profile wants in a request.", "GET", Anonymous, [], ["application/csrattrs"], [], [404]);
        Both("/.well-known/est", "/simpleenroll", "estSimpleEnroll", "以 EST 协议接入账户申请证书，base64 PKCS#10（RFC 7030 §4.2.1）。Enroll as an EST protocol account.", "POST", EstAccount, [Pkcs10], [Pkcs7], [], [400, 401, 403, 404, 413, 415]);
        Both("/.well-known/est", "/simplereenroll", "estSimpleReenroll", "以相同主体更新账户的证书（RFC 7030 §4.2.2）。Re-enroll with the same subject.", "POST", EstAccount, [Pkcs10], [Pkcs7], [], [400, 401, 403, 404, 413, 415]);
        Both("/.well-known/est", "/serverkeygen", "estServerKeyGen", "由服务器生成密钥对并签发，模板允许时（RFC 7030 §4.4）。Enroll with a key pair the server generates.", "POST", EstAccount, [Pkcs10], ["multipart/mixed"], [], [400, 401, 403, 404, 413, 415]);

        // Key management centre: custody by security officers, and the CA ↔ KMC service (GM/T 0014) over mutual TLS.
        Add("GET", "/api/v1/kmc/status", new("getKmcStatus", "KMC 是否已解封（安全员）。Whether the KMC is unsealed (security officer).", Operator));
        Add("POST", "/api/v1/kmc/unseal", new("unsealKmc", "以 M 名保管人的份额解封 KMC（安全员）；份额无效时不作改变。Unseal with M custodians' shares (security officer).", Operator, Json: typeof(Kmc.UnsealBody)));
        Add("POST", "/api/v1/kmc/devices", new("personaliseKmcDevice", "个人化 USB Key：KMC 生成并托管其设备认证密钥，仅显示一次（安全员）。Personalise a USB key (security officer).", Operator, Json: typeof(Kmc.DeviceBody), Problems: [409]));
        Add("POST", "/api/v1/kmc/seal", new("sealKmc", "从内存中清除主密钥（安全员）。Wipe the master key from memory (security officer).", Operator, Json: typeof(Kmc.SealBody)));
        Add("POST", "/kmc/v1/apply", new("applyKmcKey", "生成、托管并下发加密密钥对（GM/T 0014 ApplyKeyReq）。Generate, escrow and deliver an encryption key pair.", Ca, Json: typeof(ApplyKeyRequest), Problems: [401, 403, 409, 503]));
        Add("POST", "/kmc/v1/recover", new("recoverKmcKey", "将托管密钥再次下发给接收者公钥（GM/T 0014 RestoreKeyReq）。Deliver an escrowed key again.", Ca, Json: typeof(RecoverKeyRequest), Problems: [401, 403, 404, 503]));
        Add("POST", "/kmc/v1/revoke", new("revokeKmcKey", "标记托管密钥已撤销（GM/T 0014 RevokeKeyReq）。Mark an escrowed key revoked.", Ca, Json: typeof(ChangeKeyStateRequest), Problems: [401, 403, 404, 503]));
        Add("POST", "/kmc/v1/archive", new("archiveKmcKey", "证书过期，标记托管密钥已归档。Mark an escrowed key archived (certificate expired).", Ca, Json: typeof(ChangeKeyStateRequest), Problems: [401, 403, 404, 503]));
        Add("POST", "/kmc/v1/devices/personalise", new("personaliseKmcServiceDevice", "生成并托管 USB Key 的设备认证密钥。Make and escrow a USB key's device authentication key.", Ca, Json: typeof(DevicePersonaliseRequest), Problems: [401, 403, 409, 503]));
        Add("POST", "/kmc/v1/devices/unlock", new("unlockKmcServiceDevice", "应答 USB Key 的 PIN 解锁挑战。Answer a USB key's challenge for PIN unlock.", Ca, Json: typeof(DeviceUnlockRequest), Problems: [401, 403, 404, 503]));
        return table;

        void Both(string prefix, string path, string id, string text, string method, string[][] schemes, string[] request, string[] response, int[] problems, int[] textErrors)
        {
            Add(method, prefix + path, new(id, text, schemes, request, response, problems, textErrors));
            Add(method, prefix + "/{label}" + path, new(id + "ForProfile", text + " {label} 为证书模板。{label} names the profile.", schemes, request, response, problems, textErrors));
        }
    }
}

/// <summary>The OpenAPI metadata of one protocol operation (see <see cref="ProtocolOperations"/>).</summary>
/// <param name="OperationId">camelCase operationId.</param>
/// <param name="Description">zh-CN, English beside.</param>
/// <param name="Schemes">Alternatives of security scheme names; empty for anonymous operations.</param>
/// <param name="Request">Media types of a binary request body, or empty.</param>
/// <param name="Response">Media types of the 200 answer, or empty to keep what the endpoint declares.</param>
/// <param name="Problems">Statuses answered with RFC 9457 (or RFC 8555 §6.7) problem documents.</param>
/// <param name="TextErrors">Statuses answered with a <c>text/plain</c> line (EST, CMP transport errors).</param>
/// <param name="Json">Type of a JSON request body, or null.</param>
internal sealed record ProtocolOperation(
    string OperationId, string Description, string[][] Schemes, string[]? Request = null, string[]? Response = null, int[]? Problems = null, int[]? TextErrors = null, Type? Json = null)
{
    /// <summary>Sets the operation's id, description, bodies and error answers.</summary>
    public async Task ApplyAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        operation.OperationId = OperationId;
        operation.Description = Description;
        if (Json is not null)
        {
            operation.RequestBody = await OperationMetadata.JsonBodyAsync(Json, context, cancellationToken);
        }
        else if (Request is { Length: > 0 })
        {
            operation.RequestBody = OperationMetadata.BinaryBody(Request);
        }

        operation.Responses ??= [];
        if (Response is { Length: > 0 })
        {
            var ok = operation.Responses.TryGetValue("200", out var existing) ? existing : null;
            operation.Responses["200"] = new OpenApiResponse
            {
                Description = ok?.Description ?? "OK",
                Content = Response.ToDictionary(type => type, type => new OpenApiMediaType
                {
                    Schema = type.EndsWith("json", StringComparison.Ordinal) ? new OpenApiSchema { Type = JsonSchemaType.Object } : new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" },
                }),
            };
        }

        foreach (var status in Problems ?? [])
        {
            OperationConventions.AddProblem(operation, status, context.Document);
        }

        foreach (var status in TextErrors ?? [])
        {
            operation.Responses[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new OpenApiResponse
            {
                Description = Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status) + " (text/plain: title [code]: detail)",
                Content = new Dictionary<string, OpenApiMediaType> { ["text/plain"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String } } },
            };
        }
    }
}
