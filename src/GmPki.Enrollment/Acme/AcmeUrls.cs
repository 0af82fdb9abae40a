namespace GmPki.Enrollment.Acme;

/// <summary>
/// The absolute URLs of the ACME resources (RFC 8555 §7.1), under <c>/acme</c> of the host and
/// scheme the client used (so the JWS <c>url</c> header, §6.4, is checked against the URL it
/// actually requested).
/// </summary>
/// <param name="Base">For example <c>https://ca.example:8443/acme</c>.</param>
internal sealed record AcmeUrls(string Base)
{
    public string Directory => Base + "/directory";

    public string NewNonce => Base + "/new-nonce";

    public string NewAccount => Base + "/new-account";

    public string NewOrder => Base + "/new-order";

    public string RevokeCert => Base + "/revoke-cert";

    public string KeyChange => Base + "/key-change";

    public string Account(string id) => $"{Base}/account/{id}";

    public string Orders(string accountId) => $"{Base}/account/{accountId}/orders";

    public string Order(string id) => $"{Base}/order/{id}";

    public string Finalize(string orderId) => $"{Base}/order/{orderId}/finalize";

    public string Authorization(string id) => $"{Base}/authz/{id}";

    public string Challenge(string id) => $"{Base}/chall/{id}";

    public string Certificate(string orderId) => $"{Base}/cert/{orderId}";

    /// <summary>The account id a <c>kid</c> (the account URL) names, or null when it is not this server's account URL.</summary>
    public string? AccountIdOf(string kid)
    {
        ArgumentNullException.ThrowIfNull(kid);
        var prefix = Base + "/account/";
        return kid.StartsWith(prefix, StringComparison.Ordinal) && kid.Length > prefix.Length && !kid[prefix.Length..].Contains('/', StringComparison.Ordinal)
            ? kid[prefix.Length..]
            : null;
    }
}
