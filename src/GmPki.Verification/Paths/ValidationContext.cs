using GmPki.Verification.Certificates;
using GmPki.Verification.Revocation;

namespace GmPki.Verification.Paths;

/// <summary>The parsed inputs of one validation and the work budget it shares with the validations it starts for CRL signers.</summary>
internal sealed class ValidationContext
{
    /// <summary>Most candidate issuers path building may look at, and most name comparisons per path, across one validation.</summary>
    public const int WorkBudget = 4096;

    /// <summary>Most name-constraint comparisons for one certificate.</summary>
    public const int NameComparisonBudget = 1 << 20;

    /// <summary>Deepest nesting of validations of CRL signers' own paths.</summary>
    public const int MaxSignerDepth = 2;

    /// <summary>Longest path, trust anchor included.</summary>
    public const int MaxPathLength = 16;

    private readonly int[] _work;

    public ValidationContext(PathValidationRequest request, DateTime time, IReadOnlyList<ParsedCertificate> anchors, IReadOnlyList<ParsedCertificate> intermediates, IReadOnlyList<ParsedCrl> crls, IReadOnlyList<OcspEvidence> ocsp)
    {
        Request = request;
        Time = time;
        Anchors = anchors;
        Intermediates = intermediates;
        Crls = crls;
        Ocsp = ocsp;
        _work = [WorkBudget];
    }

    private ValidationContext(ValidationContext parent, PathValidationRequest request, ParsedCertificate signer)
    {
        PendingSigners = [.. parent.PendingSigners, signer];
        Request = request;
        Time = parent.Time;
        Anchors = parent.Anchors;
        Intermediates = parent.Intermediates;
        Crls = parent.Crls;
        Ocsp = parent.Ocsp;
        SignerDepth = parent.SignerDepth + 1;
        _work = parent._work;
    }

    public PathValidationRequest Request { get; }

    /// <summary>Validation time, UTC, whole seconds.</summary>
    public DateTime Time { get; }

    public IReadOnlyList<ParsedCertificate> Anchors { get; }

    public IReadOnlyList<ParsedCertificate> Intermediates { get; }

    public IReadOnlyList<ParsedCrl> Crls { get; }

    public IReadOnlyList<OcspEvidence> Ocsp { get; }

    /// <summary>0 for the requested validation, more for the paths of CRL signers.</summary>
    public int SignerDepth { get; }

    /// <summary>
    /// CRL signers whose own paths are being validated by an enclosing validation: a CRL they
    /// signed may decide their own status here without another nested validation.
    /// </summary>
    public IReadOnlyList<ParsedCertificate> PendingSigners { get; } = [];

    /// <summary>True while work remains; each call spends one unit.</summary>
    public bool Spend() => --_work[0] >= 0;

    /// <summary>The context for validating <paramref name="signer"/>'s path: RFC 5280 rules only (strict when the request is), no peer name or purposes.</summary>
    public ValidationContext ForSigner(ParsedCertificate signer)
        => new(this, Request with { Profile = Request.Profile == ValidationProfile.Strict ? ValidationProfile.Strict : ValidationProfile.Rfc5280, PeerName = null, RequiredExtendedKeyUsages = [], MaxIntermediates = null }, signer);
}
