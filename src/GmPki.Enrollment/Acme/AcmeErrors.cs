using GmPki.Core.Errors;

namespace GmPki.Enrollment.Acme;

/// <summary>
/// The ACME error types (RFC 8555 §6.7) as GmPki errors with the code <c>acme:{type}</c>; the
/// edge (<see cref="AcmeResponses"/>) writes them as problem documents of type
/// <c>urn:ietf:params:acme:error:{type}</c>, and maps the other GmPki errors onto them
/// (<see cref="TypeOf"/>).
/// </summary>
internal static class AcmeErrors
{
    /// <summary>The URN namespace of ACME error types (RFC 8555 §9.7.4).</summary>
    public const string Namespace = "urn:ietf:params:acme:error:";

    private const string Prefix = "acme:";

    /// <summary>The request message was malformed (§6.7).</summary>
    public static readonly GmPkiError Malformed = Acme("malformed", ErrorKind.Invalid, "Malformed ACME request");

    /// <summary>The JWS carries an unacceptable or unused nonce (§6.5).</summary>
    public static readonly GmPkiError BadNonce = Acme("badNonce", ErrorKind.Invalid, "Bad replay nonce");

    /// <summary>The JWS algorithm is not one the server takes (RS256, ES256, ES384) (§6.2).</summary>
    public static readonly GmPkiError BadSignatureAlgorithm = Acme("badSignatureAlgorithm", ErrorKind.Invalid, "Unsupported JWS algorithm");

    /// <summary>The client lacks authorization for the action (§6.7).</summary>
    public static readonly GmPkiError Unauthorized = Acme("unauthorized", ErrorKind.Forbidden, "Unauthorized");

    /// <summary>No account is bound to the key (§7.3.1 onlyReturnExisting, or an unknown kid).</summary>
    public static readonly GmPkiError AccountDoesNotExist = Acme("accountDoesNotExist", ErrorKind.Invalid, "Account does not exist");

    /// <summary>A new account must carry a valid external account binding (§7.3.4).</summary>
    public static readonly GmPkiError ExternalAccountRequired = Acme("externalAccountRequired", ErrorKind.Invalid, "External account binding required");

    /// <summary>The server will not issue for the identifier (§7.4).</summary>
    public static readonly GmPkiError RejectedIdentifier = Acme("rejectedIdentifier", ErrorKind.Invalid, "Identifier rejected");

    /// <summary>The identifier type is not supported (only <c>dns</c>) (§7.4).</summary>
    public static readonly GmPkiError UnsupportedIdentifier = Acme("unsupportedIdentifier", ErrorKind.Invalid, "Unsupported identifier type");

    /// <summary>The CSR is unacceptable (§7.4).</summary>
    public static readonly GmPkiError BadCsr = Acme("badCSR", ErrorKind.Invalid, "Unacceptable CSR");

    /// <summary>The order is not ready to be finalized (§7.4).</summary>
    public static readonly GmPkiError OrderNotReady = Acme("orderNotReady", ErrorKind.Forbidden, "Order not ready");

    /// <summary>The certificate is revoked already (§7.6).</summary>
    public static readonly GmPkiError AlreadyRevoked = Acme("alreadyRevoked", ErrorKind.Invalid, "Certificate already revoked");

    /// <summary>The revocation reason is not allowed (§7.6).</summary>
    public static readonly GmPkiError BadRevocationReason = Acme("badRevocationReason", ErrorKind.Invalid, "Revocation reason not allowed");

    /// <summary>The response to a challenge did not match (§8.3, §8.4); recorded in the challenge, not thrown.</summary>
    public static readonly GmPkiError IncorrectResponse = Acme("incorrectResponse", ErrorKind.Invalid, "Incorrect challenge response");

    /// <summary>The server could not reach the client's challenge responder (§8.3); recorded in the challenge.</summary>
    public static readonly GmPkiError Connection = Acme("connection", ErrorKind.Invalid, "Connection failed");

    /// <summary>The DNS look-up of a dns-01 challenge failed (§8.4); recorded in the challenge.</summary>
    public static readonly GmPkiError Dns = Acme("dns", ErrorKind.Invalid, "DNS problem");

    /// <summary>No such account, order, authorization, challenge or certificate (404, type malformed).</summary>
    public static readonly GmPkiError NotFound = Acme("malformed", ErrorKind.NotFound, "No such ACME resource");

    /// <summary>An object changed meanwhile, or a key is bound to another account already (409, type malformed).</summary>
    public static readonly GmPkiError Conflict = Acme("malformed", ErrorKind.Conflict, "Conflicting change");

    /// <summary>The ACME type of an error: its own for <c>acme:*</c> codes, otherwise by code (<c>csr-*</c> → badCSR) and kind.</summary>
    public static string TypeOf(GmPkiError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (error.Code.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return error.Code[Prefix.Length..];
        }

        if (error.Code.StartsWith("csr-", StringComparison.Ordinal))
        {
            return "badCSR";
        }

        return error.Kind switch
        {
            ErrorKind.Unauthenticated or ErrorKind.Forbidden => "unauthorized",
            ErrorKind.Internal or ErrorKind.Unavailable => "serverInternal",
            _ => error.Code == Errors.StepInvalid.Code ? "unauthorized" : "malformed",
        };
    }

    private static GmPkiError Acme(string type, ErrorKind kind, string title) => new(Prefix + type, kind, title);
}
