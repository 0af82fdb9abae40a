using GmPki.Core.Errors;
using GmPki.Core.Ledger;
using GmPki.Core.Registration;
using Org.BouncyCastle.Asn1.X509;

namespace GmPki.Registration.Workflow;

/// <summary>
/// Which certificates a revocation, suspension or resumption acts on: exactly one of a serial, every
/// certificate of a subscriber, or every certificate of that serial's holder that carries the same
/// public key (a compromised key, M09 §31).
/// </summary>
/// <param name="Serial">One certificate (hex, colons allowed).</param>
/// <param name="SubscriberId">Every certificate issued to this subscriber.</param>
/// <param name="KeyOfSerial">Every certificate of this certificate's holder whose SubjectPublicKeyInfo is byte-identical to its.</param>
public sealed record CertificateScope(string? Serial, Guid? SubscriberId, string? KeyOfSerial);

/// <summary>The certificates a <see cref="CertificateScope"/> names that an operation applies to.</summary>
/// <param name="SubscriberId">Their holder.</param>
/// <param name="Serials">Lowercase hex serials, oldest application first; never empty.</param>
public sealed record ScopedCertificates(Guid SubscriberId, IReadOnlyList<string> Serials);

/// <summary>Resolves a <see cref="CertificateScope"/> against the ledger.</summary>
public sealed class CertificateScopes(IRegistrationLedger ledger, ICertificateDirectory certificates)
{
    /// <summary>
    /// The issued certificates of the scope that <paramref name="kind"/> applies to: for revoke, those
    /// not revoked; for suspend, those good; for resume, those suspended (a revoked certificate never
    /// returns, RFC 5280 §5.3.1).
    /// </summary>
    /// <exception cref="GmPkiException"><c>request-invalid</c> unless exactly one of the scope's members is given, or when nothing in it applies; <c>certificate-not-found</c>, <c>subscriber-not-found</c>.</exception>
    public async Task<ScopedCertificates> ResolveAsync(CertificateScope scope, ApplicationKind kind, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if ((scope.Serial is null ? 0 : 1) + (scope.SubscriberId is null ? 0 : 1) + (scope.KeyOfSerial is null ? 0 : 1) != 1)
        {
            throw Errors.RequestInvalid.With("name exactly one of: a serial, a subscriber, or a serial whose key is compromised.");
        }

        CertificateRecord? named = null;
        Guid subscriber;
        if (scope.SubscriberId is { } id)
        {
            subscriber = id;
        }
        else
        {
            (named, subscriber) = await HolderOfAsync(scope.Serial ?? scope.KeyOfSerial!, cancellationToken);
        }

        if (await ledger.FindSubscriberAsync(subscriber, cancellationToken) is null)
        {
            throw Errors.SubscriberNotFound.With($"no subscriber {subscriber}.");
        }

        var candidates = scope.Serial is not null ? [named!.SerialHex] : await ledger.ListCertificatesOfSubscriberAsync(subscriber, cancellationToken);
        var key = scope.KeyOfSerial is not null ? PublicKeyOf(named!) : null;
        var serials = new List<string>();
        foreach (var candidate in candidates)
        {
            var record = candidate == named?.SerialHex ? named : await IssuedAsync(candidate, cancellationToken);
            if (Applies(kind, record.Status) && (key is null || PublicKeyOf(record).AsSpan().SequenceEqual(key)))
            {
                serials.Add(record.SerialHex);
            }
        }

        return serials.Count > 0 ? new ScopedCertificates(subscriber, serials)
            : throw Errors.RequestInvalid.With($"no certificate in that scope can be the subject of a {KebabNames.Of(kind)} (already {(kind == ApplicationKind.Resume ? "good or revoked" : "revoked or suspended")}).");
    }

    private static bool Applies(ApplicationKind kind, CertificateStatus status) => kind switch
    {
        ApplicationKind.Revoke => status != CertificateStatus.Revoked,
        ApplicationKind.Suspend => status == CertificateStatus.Good,
        ApplicationKind.Resume => status == CertificateStatus.Suspended,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "only revoke, suspend and resume act on a scope of certificates"),
    };

    /// <summary>An issued certificate and its holder: the subscriber of the application that produced it.</summary>
    /// <param name="serial">Hex serial, colons allowed.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <exception cref="GmPkiException"><c>certificate-not-found</c> when it was not issued, or not through a registration application.</exception>
    public async Task<(CertificateRecord Certificate, Guid Holder)> HolderOfAsync(string serial, CancellationToken cancellationToken)
    {
        var record = await IssuedAsync(SerialText.Normalize(serial), cancellationToken);
        return (record, await ledger.FindSubscriberOfCertificateAsync(record.SerialHex, cancellationToken)
            ?? throw Errors.CertificateNotFound.With($"certificate {record.SerialHex} was not issued through a registration application; it has no holder on record."));
    }

    private async Task<CertificateRecord> IssuedAsync(string serial, CancellationToken cancellationToken)
        => await certificates.FindAsync(serial, cancellationToken) is { State: CertificateState.Issued, CertificateDer: not null } record
            ? record
            : throw Errors.CertificateNotFound.With($"no issued certificate {serial}.");

    /// <summary>The DER SubjectPublicKeyInfo of an issued certificate.</summary>
    public static byte[] PublicKeyOf(CertificateRecord record)
        => X509CertificateStructure.GetInstance(record.CertificateDer).SubjectPublicKeyInfo.GetDerEncoded();
}
