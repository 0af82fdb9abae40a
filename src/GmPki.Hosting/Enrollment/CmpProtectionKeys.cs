using System.Collections.Concurrent;
using System.Text.Json;
using GmPki.Core.Keys;
using GmPki.Core.Ledger;
using GmPki.Cryptography.Sm;
using GmPki.Issuance;
using GmPki.Issuance.Authorities;
using Org.BouncyCastle.Asn1.X509;

namespace GmPki.Hosting.Enrollment;

/// <summary>
/// The CMP protection key (<c>docs/protocols.md</c>, CMP; RFC 9483 §3.1): a key of the issuing
/// CA's algorithm (SM2 with signer ID <c>1234567812345678</c>, ECDSA or RSA), key store label
/// <c>cmp-{ca}-{yyyyMMddHHmmss}</c>, certified by the issuing CA as <see cref="ServiceKeyProfile.CmpProtection"/>
/// (keyUsage digitalSignature, extKeyUsage id-kp-cmcCA) through the ledger; its key reference and
/// certificate are kept in <c>cmp-protection/{ca}.json</c> of the data directory. Checked at
/// start-up (<see cref="EnsureAsync"/>): created when missing, replaced by a new key and certificate
/// when a third or less of the certificate's validity remains or the issuing CA changed; the
/// private key itself is opened at the first CMP answer.
/// </summary>
/// <param name="data">The data directory.</param>
/// <param name="keys">The key store.</param>
/// <param name="authorities">The CAs.</param>
/// <param name="ledger">Where protection certificates are recorded.</param>
/// <param name="clock">Time source.</param>
public sealed class CmpProtectionKeys(DataDirectory data, IKeyStore keys, AuthorityDirectory authorities, IIssuanceLedger ledger, TimeProvider clock) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ConcurrentDictionary<string, ISigningKey> _opened = new(StringComparer.Ordinal);
    private Stored? _current;

    /// <summary>The key store reference and DER certificate in force, created or renewed first when needed (three audit events: serial reserved, signing, issued).</summary>
    /// <param name="cancellationToken">Cancels before a new certificate is recorded.</param>
    /// <exception cref="Core.Errors.GmPkiException"><c>issuer-unavailable</c>, or a key store error.</exception>
    public async Task<(string KeyReference, byte[] Certificate)> EnsureAsync(CancellationToken cancellationToken)
    {
        var current = await CurrentAsync(cancellationToken);
        return (current.KeyReference, Convert.FromBase64String(current.Certificate));
    }

    /// <summary>The protection key opened with <paramref name="sm2UserId"/>, and its DER certificate.</summary>
    /// <exception cref="Core.Errors.GmPkiException"><c>issuer-unavailable</c>, <c>key-not-found</c>, <c>key-unlock-failed</c>.</exception>
    public async Task<(ISigningKey Key, byte[] Certificate)> OpenAsync(ReadOnlyMemory<byte> sm2UserId, CancellationToken cancellationToken)
    {
        var current = await CurrentAsync(cancellationToken);
        var key = _opened.GetOrAdd(current.KeyReference + "/" + Convert.ToHexString(sm2UserId.Span), _ => keys.Open(current.KeyReference, sm2UserId));
        return (key, Convert.FromBase64String(current.Certificate));
    }

    private async Task<Stored> CurrentAsync(CancellationToken cancellationToken)
    {
        if (_current is { } current && Fresh(current))
        {
            return current;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            var issuing = await authorities.IssuingAsync(cancellationToken);
            var file = data.Combine(Path.Combine("cmp-protection", issuing.Label + ".json"));
            if (File.Exists(file) && JsonSerializer.Deserialize<Stored>(await File.ReadAllTextAsync(file, cancellationToken)) is { } stored && Fresh(stored))
            {
                return _current = stored;
            }

            var now = clock.GetUtcNow().UtcDateTime;
            var ca = CertificateAuthority.Open(issuing, keys);
            var (key, reference) = keys.Generate($"cmp-{issuing.Label}-{now:yyyyMMddHHmmss}", ca.KeyAlgorithm, Sm2UserId.Default);
            var certificate = await ServiceKeyCertificate.IssueAsync(ca, ServiceKeyProfile.CmpProtection, key.SubjectPublicKeyInfo, ledger, clock, Actor.System, cancellationToken);
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            var issued = new Stored(reference, Convert.ToBase64String(certificate));
            await File.WriteAllTextAsync(file, JsonSerializer.Serialize(issued), CancellationToken.None);
            return _current = issued;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Whether more than a third of the certificate's validity remains.</summary>
    private bool Fresh(Stored stored)
    {
        var certificate = X509CertificateStructure.GetInstance(Convert.FromBase64String(stored.Certificate));
        var (start, end) = (certificate.StartDate.ToDateTime().ToUniversalTime(), certificate.EndDate.ToDateTime().ToUniversalTime());
        return end - clock.GetUtcNow().UtcDateTime > (end - start) / 3;
    }

    /// <inheritdoc/>
    public void Dispose() => _gate.Dispose();

    private sealed record Stored(string KeyReference, string Certificate);
}
