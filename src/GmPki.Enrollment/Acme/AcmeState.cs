using System.Text.Json;
using GmPki.Core.Enrollment;

namespace GmPki.Enrollment.Acme;

/// <summary>An identifier of an order or authorization (RFC 8555 §7.1.3, §9.7.7): only type <c>dns</c> is offered.</summary>
/// <param name="Type"><c>dns</c>.</param>
/// <param name="Value">The DNS name, lower case; <c>*.</c> for a wildcard order.</param>
internal sealed record AcmeIdentifier(string Type, string Value);

/// <summary>What the server keeps of an account (§7.1.2) besides its status.</summary>
/// <param name="Jwk">The account key.</param>
/// <param name="Contact">Contact URLs as the client gave them.</param>
/// <param name="ProtocolAccount">The GmPki protocol account (protocol <c>acme</c>) the external account binding named (§7.3.4).</param>
/// <param name="CreatedAt">When it was created (UTC).</param>
internal sealed record AcmeAccountState(JsonElement Jwk, IReadOnlyList<string> Contact, string ProtocolAccount, DateTime CreatedAt);

/// <summary>What the server keeps of an order (§7.1.3) besides its status.</summary>
/// <param name="Identifiers">The identifiers ordered.</param>
/// <param name="Authorizations">Ids of its authorizations, one per identifier.</param>
/// <param name="Expires">When it expires (UTC).</param>
/// <param name="Error">Why it became invalid, or null.</param>
/// <param name="ApplicationId">The registration application its finalization opened, or null.</param>
/// <param name="CertificateSerial">The certificate issued (hex), or null.</param>
internal sealed record AcmeOrderState(IReadOnlyList<AcmeIdentifier> Identifiers, IReadOnlyList<string> Authorizations, DateTime Expires, AcmeProblemView? Error, Guid? ApplicationId, string? CertificateSerial);

/// <summary>What the server keeps of an authorization (§7.1.4) besides its status.</summary>
/// <param name="Identifier">The identifier, without <c>*.</c> for a wildcard.</param>
/// <param name="Wildcard">Whether the order asked for a wildcard.</param>
/// <param name="Expires">When it expires (UTC).</param>
/// <param name="Challenges">Ids of its challenges.</param>
internal sealed record AcmeAuthorizationState(AcmeIdentifier Identifier, bool Wildcard, DateTime Expires, IReadOnlyList<string> Challenges);

/// <summary>What the server keeps of a challenge (§7.1.5, §8) besides its status.</summary>
/// <param name="Type"><c>http-01</c> or <c>dns-01</c>.</param>
/// <param name="Token">128 random bits, base64url (§8.3, §8.4).</param>
/// <param name="Validated">When it was validated (UTC), or null.</param>
/// <param name="Error">Why validation failed, or null.</param>
internal sealed record AcmeChallengeState(string Type, string Token, DateTime? Validated, AcmeProblemView? Error);

/// <summary>A stored object: its row (id, owner, status) and its state.</summary>
internal sealed record AcmeObject<T>(AcmeRow Row, T State)
{
    public string Id => Row.Id;

    public string Status => Row.Status;
}
