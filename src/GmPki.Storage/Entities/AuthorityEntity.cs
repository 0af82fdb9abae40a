using GmPki.Core.Ledger;

namespace GmPki.Storage.Entities;

/// <summary>Row of table <c>authorities</c>: one CA of this installation.</summary>
internal sealed class AuthorityEntity
{
    public required string Label { get; set; }

    public AuthorityKind Kind { get; set; }

    public string? ParentLabel { get; set; }

    public required byte[] CertificateDer { get; set; }

    public required string KeyReference { get; set; }

    public required string Sm2UserId { get; set; }

    public DateTime CreatedAt { get; set; }

    public AuthorityRecord ToRecord() =>
        new(Label, Kind, ParentLabel, CertificateDer, KeyReference, Sm2UserId, CreatedAt);
}
