namespace GmPki.Hosting.Logging;

/// <summary>
/// Every log message of GmPki, source-generated (<c>[LoggerMessage]</c>), with one table of event
/// IDs grouped by area: 1000s audit, 2000s certificate status (CRL, OCSP), 3000s LDAP directory
/// publication, 4000s KMC, 5000s HTTP requests and health, 6300s operators and the data directory. Messages carry IDs, codes, counts and
/// configuration, never personal data (names, identity numbers, subjects) or secrets.
/// </summary>
public static partial class LogMessages
{
    /// <summary>1001: the audit key cannot be opened, so no checkpoints are signed.</summary>
    [LoggerMessage(EventId = 1001, Level = LogLevel.Error, Message = "Audit checkpoints are disabled: {Reason}")]
    public static partial void AuditCheckpointsDisabled(this ILogger logger, string reason);

    /// <summary>1002: a checkpoint was signed.</summary>
    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Audit checkpoint signed through event {EventId} ({Hash})")]
    public static partial void AuditCheckpointSigned(this ILogger logger, long eventId, string hash);

    /// <summary>1003: a checkpoint could not be written; the service tries again.</summary>
    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Audit checkpoint not written; retrying at the next look")]
    public static partial void AuditCheckpointFailed(this ILogger logger, Exception exception);

    /// <summary>2001: a CRL was published.</summary>
    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Published {Kind} CRL {Number} of {Issuer} shard {Shard}")]
    public static partial void CrlPublished(this ILogger logger, string kind, long number, string issuer, int shard);

    /// <summary>2002: OCSP responses were pre-signed.</summary>
    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Pre-signed {Count} OCSP responses ({Held} held)")]
    public static partial void OcspPreSigned(this ILogger logger, int count, int held);

    /// <summary>2003: a publication round failed; the next tick tries again.</summary>
    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "Status publication failed; retrying at the next tick")]
    public static partial void StatusPublicationFailed(this ILogger logger, Exception exception);

    /// <summary>3001: the CA certificates and current CRLs were queued for a first LDAP publication.</summary>
    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Queued the CA certificates and current CRLs for LDAP publication to {Server} under {Base}")]
    public static partial void LdapSeeded(this ILogger logger, string server, string @base);

    /// <summary>3002: the LDAP server is unreachable; the outbox keeps its rows.</summary>
    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "LDAP publication paused: {Outage}; the outbox keeps the rows and is retried")]
    public static partial void LdapPaused(this ILogger logger, string? outage);

    /// <summary>3003: the LDAP server answers again after an outage.</summary>
    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "LDAP server {Server} usable again after {Seconds:F0} s; catching up with {Pending} rows")]
    public static partial void LdapResumed(this ILogger logger, string server, double seconds, int pending);

    /// <summary>3004: reading or writing the outbox failed; the service tries again.</summary>
    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning, Message = "LDAP publication failed on the ledger side; retrying")]
    public static partial void LdapLedgerFailed(this ILogger logger, Exception exception);

    /// <summary>3005: the OpenLDAP client library is missing.</summary>
    [LoggerMessage(EventId = 3005, Level = LogLevel.Error, Message = "LDAP publication cannot run: the OpenLDAP client library is missing (Debian: apt-get install libldap-2.5-0); the outbox keeps the rows")]
    public static partial void LdapLibraryMissing(this ILogger logger, Exception exception);

    /// <summary>3006: entries were published.</summary>
    [LoggerMessage(EventId = 3006, Level = LogLevel.Information, Message = "Published {Published} entries to LDAP ({Superseded} superseded CRLs skipped)")]
    public static partial void LdapPublished(this ILogger logger, int published, int superseded);

    /// <summary>3007: outbox rows failed for good.</summary>
    [LoggerMessage(EventId = 3007, Level = LogLevel.Error, Message = "{Failed} outbox rows failed for good (audited as directory.publication-failed; see directory_outbox.last_error)")]
    public static partial void LdapRowsFailed(this ILogger logger, int failed);

    /// <summary>4001: escrowed keys of expired certificates were archived.</summary>
    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "KMC: {Count} escrowed keys of expired certificates archived")]
    public static partial void KmcKeysArchived(this ILogger logger, int count);

    /// <summary>4002: the expiry archive failed; it runs again after the interval.</summary>
    [LoggerMessage(EventId = 4002, Level = LogLevel.Error, Message = "KMC: archiving expired keys failed; retried in {Interval}")]
    public static partial void KmcArchiveFailed(this ILogger logger, Exception exception, TimeSpan interval);

    /// <summary>5001: a request failed with an internal error of the taxonomy.</summary>
    [LoggerMessage(EventId = 5001, Level = LogLevel.Error, Message = "Request {RequestId} failed: {Code}")]
    public static partial void RequestFailed(this ILogger logger, Exception exception, string requestId, string code);

    /// <summary>5002: a request failed with an unexpected exception.</summary>
    [LoggerMessage(EventId = 5002, Level = LogLevel.Error, Message = "Request {RequestId} failed unexpectedly")]
    public static partial void RequestFailedUnexpectedly(this ILogger logger, Exception exception, string requestId);

    /// <summary>5003: the health check cannot read the database.</summary>
    [LoggerMessage(EventId = 5003, Level = LogLevel.Warning, Message = "Health check: database unavailable")]
    public static partial void HealthDatabaseUnavailable(this ILogger logger, Exception exception);

    /// <summary>5004: the health check cannot open the issuer.</summary>
    [LoggerMessage(EventId = 5004, Level = LogLevel.Warning, Message = "Health check: issuer unavailable: {Reason}")]
    public static partial void HealthIssuerUnavailable(this ILogger logger, string reason);

    /// <summary>6301: an entry of the data directory had group or other permissions and was tightened to 0700 / 0600 at start.</summary>
    [LoggerMessage(EventId = 6301, Level = LogLevel.Warning, Message = "Data directory permissions tightened: {Entry}")]
    public static partial void DataDirectoryTightened(this ILogger logger, string entry);
}
