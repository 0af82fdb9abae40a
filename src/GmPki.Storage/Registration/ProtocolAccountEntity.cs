namespace GmPki.Storage.Registration;

/// <summary>Row of table <c>protocol_accounts</c>: a protocol account (协议接入账户), key (protocol, name).</summary>
internal sealed class ProtocolAccountEntity
{
    /// <summary>Kebab-case protocol name (<c>est</c>, <c>cmp</c>, <c>acme</c>).</summary>
    public required string Protocol { get; set; }

    public required string Name { get; set; }

    public required string SubscriberId { get; set; }

    public required string Profile { get; set; }

    public required string BasisApplicationId { get; set; }

    public required string SecretSm3 { get; set; }

    /// <summary>The secret under the data key (SM4-GCM), or null for accounts created before migration 20261210000000_ProtocolSecrets.</summary>
    public byte[]? SecretSealed { get; set; }

    public required string CreatedBy { get; set; }

    public string? Agency { get; set; }

    public DateTime CreatedAt { get; set; }

    public bool Disabled { get; set; }
}
