namespace GmPki.Storage.Registration;

/// <summary>Row of table <c>subscribers</c>. Identity number, telephone and address are stored SM4-GCM protected, the identity number also masked for listings.</summary>
internal sealed class SubscriberEntity
{
    public required string Id { get; set; }

    public required string Type { get; set; }

    public required string Name { get; set; }

    public required string IdentityDocument { get; set; }

    public required byte[] IdentityNumberProtected { get; set; }

    public required string IdentityNumberMasked { get; set; }

    public required string Region { get; set; }

    public string? OrganizationId { get; set; }

    public byte[]? PhoneProtected { get; set; }

    public string? Email { get; set; }

    public byte[]? AddressProtected { get; set; }

    public required string RegisteredBy { get; set; }

    public string? Agency { get; set; }

    /// <summary>Blind index of identity document and number (unique; null for subscribers registered before it existed).</summary>
    public string? IdentityIndex { get; set; }

    public DateTime CreatedAt { get; set; }
}
