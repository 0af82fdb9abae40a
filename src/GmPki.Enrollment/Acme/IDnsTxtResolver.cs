using DnsClient;

namespace GmPki.Enrollment.Acme;

/// <summary>Looks up DNS TXT records, for dns-01 validation (RFC 8555 §8.4). Replaceable (tests plug a fake).</summary>
public interface IDnsTxtResolver
{
    /// <summary>The strings of every TXT record at <paramref name="name"/> (each record's character-strings joined); empty when there is none.</summary>
    /// <exception cref="DnsResponseException">The look-up failed (server failure, timeout).</exception>
    Task<IReadOnlyList<string>> ResolveTxtAsync(string name, CancellationToken cancellationToken);
}

/// <summary>The system's DNS servers, through DnsClient.</summary>
public sealed class SystemDnsTxtResolver : IDnsTxtResolver
{
    private readonly LookupClient _client = new(new LookupClientOptions { UseCache = false, ContinueOnDnsError = false });

    /// <inheritdoc/>
    public async Task<IReadOnlyList<string>> ResolveTxtAsync(string name, CancellationToken cancellationToken)
    {
        var response = await _client.QueryAsync(name, QueryType.TXT, QueryClass.IN, cancellationToken);
        return [.. response.Answers.TxtRecords().Select(r => string.Concat(r.Text))];
    }
}
