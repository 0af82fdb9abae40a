namespace GmPki.Kmc.Messages;

/// <summary>State of an escrowed key, stored by name (<c>active</c>, <c>revoked</c>, <c>archived</c>).</summary>
public enum EscrowedKeyState
{
    /// <summary>In use: its encryption certificate is valid.</summary>
    Active,

    /// <summary>Its encryption certificate was revoked; kept for recovery.</summary>
    Revoked,

    /// <summary>Its encryption certificate expired; kept for recovery (historical key store).</summary>
    Archived,
}
