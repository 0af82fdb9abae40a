using System.Security.Cryptography;
using GmPki.Core.Enrollment;
using GmPki.Core.Errors;
using GmPki.Core.Ledger;
using GmPki.Core.Profiles;
using GmPki.Core.Registration;
using GmPki.Cryptography.Asn1;
using GmPki.Registration.Protocols;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Cmp;

namespace GmPki.Enrollment.Cmp;

/// <summary>
/// The Certificate Management Protocol (RFC 4210, RFC 9480; docs/protocols.md) without its HTTP
/// binding: a DER PKIMessage in, a protected PKIMessage out. A request authenticates a
/// <c>cmp</c> protocol account (<see cref="CmpProtection"/>), its body becomes registration
/// applications (<see cref="CmpOperations"/>), and every refusal is a CMP error message
/// (<see cref="CmpErrors"/>) the host audits.
/// </summary>
public sealed class CmpEngine
{
    private readonly ProtocolAccounts _accounts;
    private readonly IEnrollmentAuthority _authority;
    private readonly IReadOnlyDictionary<string, CertificateProfile> _profiles;
    private readonly TimeProvider _clock;
    private readonly CmpOperations _operations;

    /// <summary>An engine over the registration workflow, the protocol accounts, the ledgers, the CMP transaction ledger and the issuing CA, answering polls as <paramref name="options"/> say.</summary>
    public CmpEngine(ProtocolEnrollment enrollment, ProtocolAccounts accounts, IRegistrationLedger ledger, ICertificateDirectory certificates, ICmpTransactionStore transactions,
        IEnrollmentAuthority authority, IReadOnlyDictionary<string, CertificateProfile> profiles, TimeProvider clock, CmpOptions options)
    {
        _accounts = accounts;
        _authority = authority;
        _profiles = profiles;
        _clock = clock;
        _operations = new CmpOperations(enrollment, ledger, certificates, authority, new CmpTransactions(transactions, clock), options);
    }

    /// <summary>The answer to the DER PKIMessage <paramref name="der"/> sent to the path labelled <paramref name="label"/> (a profile name, or null).</summary>
    /// <param name="der">The request body.</param>
    /// <param name="label">The profile label of the path, or null.</param>
    /// <param name="requestId">The request's trace identifier, recorded on applications.</param>
    /// <param name="cancellationToken">Cancels the work (the response itself is always built).</param>
    /// <exception cref="GmPkiException"><c>issuer-unavailable</c> or a key error when the response cannot be protected.</exception>
    public async Task<CmpAnswer> AnswerAsync(byte[] der, string? label, string requestId, CancellationToken cancellationToken)
    {
        PkiMessage? request = null;
        CmpSender? sender = null;
        EnrollmentRefusal? refusal = null;
        var nonce = RandomNumberGenerator.GetBytes(16);
        PkiBody answer;
        try
        {
            request = Parse(der);
            if (label is not null && !_profiles.ContainsKey(label))
            {
                throw Errors.ProfileUnknown.With($"no profile '{label}' (the CMP path label is a profile name).");
            }

            sender = await CmpProtection.AuthenticateAsync(request, _accounts, cancellationToken);
            if (label is not null && label != sender.Account.Profile)
            {
                throw Errors.Forbidden.With($"cmp account '{sender.Account.Name}' enrolls for profile '{sender.Account.Profile}', not '{label}'.");
            }

            answer = await _operations.AnswerAsync(new CmpExchange(request, sender, nonce, requestId), cancellationToken);
        }
        catch (GmPkiException e)
        {
            if (!e.Audited)
            {
                var what = request is null ? "unparsed request" : $"body type {request.Body.Type}" + (sender is null ? string.Empty : $" from cmp account '{sender.Account.Name}'");
                refusal = new EnrollmentRefusal(e.Error.Code, $"{what}: {e.Detail}");
            }

            answer = CmpErrors.Body(e, request is null);
        }

        var response = await CmpResponses.BuildAsync(_authority, request?.Header, sender, answer, nonce, _clock, CancellationToken.None);
        return new CmpAnswer(response.GetDerEncoded(), refusal);
    }

    /// <summary>The PKIMessage <paramref name="der"/> holds.</summary>
    /// <exception cref="GmPkiException"><c>request-invalid</c> when it is not one DER PKIMessage, its extraCerts are not certificates, or its protection is not whole octets.</exception>
    internal static PkiMessage Parse(byte[] der)
    {
        try
        {
            var message = PkiMessage.GetInstance(Asn1Object.FromByteArray(der));

            // BouncyCastle reads extraCerts only when asked (CmpProtection, kur): read them here,
            // so a malformed certificate in them is refused like any malformed body.
            _ = message.GetExtraCerts();
            if (message.Protection is { PadBits: not 0 })
            {
                throw Errors.RequestInvalid.With("the protection BIT STRING has unused bits; a MAC or signature is whole octets (RFC 4210 §5.1.3).");
            }

            return message;
        }
        catch (Exception e) when (Asn1Failure.IsMalformedInput(e))
        {
            throw Errors.RequestInvalid.With("the body is not a DER PKIMessage (RFC 4210 §5.1).");
        }
    }
}
