namespace GmPki.Core.Outbox;

/// <summary>What a row of the directory outbox publishes (<c>docs/status-services.md</c>, "LDAP publication").</summary>
public enum OutboxKind
{
    /// <summary>A CA's own certificate, published as <c>cACertificate;binary</c> (RFC 4523 §2.2) on the CA's entry.</summary>
    CaCertificate,

    /// <summary>A certificate the CA issued, published as <c>userCertificate;binary</c> (RFC 4523 §2.1) on an entry of its own.</summary>
    UserCertificate,

    /// <summary>A complete or delta CRL of one shard, published as <c>certificateRevocationList;binary</c> or <c>deltaRevocationList;binary</c> (RFC 4523 §2.4, §2.6).</summary>
    Crl,
}
